//! Random input to every server function, signed in as an owner and as an
//! agent: never a 5xx, every refusal a short JSON error, and nothing stored
//! by a request that was refused. The inputs are drawn from a fixed seed, so
//! a failure names the body that caused it and repeats.

mod common;
mod details_support;

use details_support::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Map;

/// Requests per server function and user.
const ROUNDS: usize = 25;

/// Every server function but `log_out` (which would end the session the
/// rest of the run needs). "Delete all" is not among the words below: a
/// background deletion would change the data while later requests are
/// compared.
const ENDPOINTS: &[&str] = &[
    "channels_list",
    "channels_rotate_token",
    "contacts_add",
    "contacts_assign_tags",
    "contacts_delete",
    "contacts_delete_preview",
    "contacts_delete_progress",
    "contacts_filter_options",
    "contacts_list",
    "current_viewer",
    "details_add_tag",
    "details_block",
    "details_delete",
    "details_edit_custom",
    "details_edit_field",
    "details_edit_name",
    "details_get",
    "details_remove_channel",
    "details_remove_tag",
    "details_unblock",
    "exports_progress",
    "exports_start",
    "imports_check",
    "imports_history",
    "imports_progress",
    "imports_start",
    "inbox_conversation",
    "inbox_conversations",
    "inbox_older_messages",
    "inbox_send_message",
    "log_in",
    "merge_contacts",
    "merge_history",
    "merge_review",
    "merge_suggestions",
    "merge_undo",
    "settings_create_field",
    "settings_fields_get",
    "settings_save_order",
    "switch_workspace",
    "usage_monthly_active_contacts",
];

/// Names the server functions' inputs use, so random bodies reach past the
/// first layer of checks.
const KEYS: &[&str] = &[
    "request",
    "edit",
    "input",
    "credentials",
    "contact",
    "contact_id",
    "contact_ids",
    "import_id",
    "settings",
    "version",
    "versions",
    "field",
    "value",
    "first",
    "last",
    "name",
    "tag_id",
    "channel_id",
    "key",
    "label",
    "field_type",
    "options",
    "choices",
    "merge_id",
    "older_than",
    "after",
    "query",
    "page",
    "target",
    "selection",
    "ids",
    "search",
    "order",
    "email",
    "password",
    "workspace_id",
    "body",
    "phone",
    "country",
    "language",
    "first_name",
    "last_name",
    "new_tags",
    "tag_ids",
    "count",
    "Selected",
    "Everything",
    "First",
    "After",
    "Before",
    "status",
    "filter",
];

const WORDS: &[&str] = &[
    "",
    " ",
    "contacts",
    "inbox",
    "assignee",
    "country",
    "phone",
    "email",
    "first_name",
    "Selected",
    "All",
    "+49 151 23456789",
    "owner@demo.test",
    "DE",
    "de",
    "\u{200B}",
    "\u{202E}evil",
    "\u{0}\u{1b}[2J\u{7}",
    "Zoë 李 👍",
    "'; DROP TABLE contacts; --",
    "<script>alert(1)</script>",
    "1e309",
    "-1",
    "9999-12-31T23:59:59Z",
];

fn random_string(rng: &mut StdRng) -> String {
    match rng.gen_range(0..10) {
        0 => "x".repeat(rng.gen_range(1_000..70_000)),
        1 => (0..rng.gen_range(1..20))
            .map(|_| char::from_u32(rng.gen_range(0..0x11_0000)).unwrap_or('?'))
            .collect(),
        _ => WORDS[rng.gen_range(0..WORDS.len())].to_owned(),
    }
}

fn random_value(rng: &mut StdRng, depth: u32) -> Value {
    let leaf_only = depth >= 3;
    match rng.gen_range(0..if leaf_only { 6 } else { 9 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.gen()),
        2 => json!(rng.gen_range(-2..400)),
        3 => json!([i64::MAX, i64::MIN, 0, 1][rng.gen_range(0..4)]),
        4 => json!(rng.gen::<f64>() * 1e6),
        5 => Value::String(random_string(rng)),
        6 | 7 => {
            let mut object = Map::new();
            for _ in 0..rng.gen_range(0..6) {
                let key = KEYS[rng.gen_range(0..KEYS.len())].to_owned();
                object.insert(key, random_value(rng, depth + 1));
            }
            Value::Object(object)
        }
        _ => Value::Array(
            (0..rng.gen_range(0..5))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
    }
}

/// What a refused request must leave as it was.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mut numbers = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM contacts",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM contacts",
        "SELECT COUNT(*) FROM contacts WHERE blocked_at IS NOT NULL OR merged_into IS NOT NULL",
        "SELECT COUNT(*) FROM contact_tags",
        "SELECT COUNT(*) FROM tags",
        "SELECT COUNT(*) FROM contact_channels",
        "SELECT COUNT(*) FROM custom_fields",
        "SELECT COUNT(*) FROM custom_values",
        "SELECT COUNT(*) FROM messages",
        "SELECT COUNT(*) FROM merges",
        "SELECT COUNT(*) FROM delete_jobs",
    ] {
        numbers.push(
            sqlx::query_scalar(sql)
                .fetch_one(pool(app))
                .await
                .expect("fingerprint"),
        );
    }
    numbers
}

#[tokio::test]
async fn random_input_to_every_server_function_is_refused_cleanly() {
    let app = TestApp::spawn().await;
    let mut rng = StdRng::seed_from_u64(20_261_202);
    for email in ["owner@demo.test", "agent@demo.test"] {
        let client = signed_in(&app, email).await;
        for endpoint in ENDPOINTS {
            for _ in 0..ROUNDS {
                let body = random_value(&mut rng, 0);
                let shown = shared::text::excerpt(&body.to_string(), 300);
                let before = fingerprint(&app).await;
                let response = call(&app, &client, endpoint, body).await;
                let status = response.status();
                assert!(
                    !status.is_server_error(),
                    "{email} {endpoint} answered {status} to {shown}"
                );
                if status.is_client_error() {
                    let text = response.text().await.expect("body");
                    assert!(
                        text.len() < 2_000,
                        "{endpoint}: a {}-byte error",
                        text.len()
                    );
                    serde_json::from_str::<AppError>(&text)
                        .unwrap_or_else(|_| panic!("{endpoint}: not a JSON error: {text}"));
                    assert_eq!(
                        fingerprint(&app).await,
                        before,
                        "{email} {endpoint} was refused ({status}) but changed something: {shown}"
                    );
                }
            }
        }
    }
}
