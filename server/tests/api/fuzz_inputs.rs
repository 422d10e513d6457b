//! Random input to every server function, signed in as an owner and as an
//! agent, to channel ingress and to the CSV upload: never a 5xx, every
//! refusal a short JSON error, and nothing stored by a request that was
//! refused. The inputs are drawn from a seed (`FUZZ_SEED`, printed), so a
//! failure names the body that caused it and repeats; `FUZZ_ROUNDS` makes
//! the run longer (`make fuzz`).

use crate::helpers::details::*;
use app::imports::model::UploadedFile;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::Response;
use serde_json::Map;
use shared::import::ImportMode;

/// Requests per server function and user, unless `FUZZ_ROUNDS` says.
const ROUNDS: usize = 25;

fn rounds() -> usize {
    std::env::var("FUZZ_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(ROUNDS)
}

/// The random inputs' seed: `FUZZ_SEED`, or a fixed one.
fn seeded_rng(test: &str) -> StdRng {
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(20_261_202);
    eprintln!("{test}: FUZZ_SEED={seed}");
    StdRng::seed_from_u64(seed)
}

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
    "merge_review_get",
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
                .fetch_one(app.pool())
                .await
                .expect("fingerprint"),
        );
    }
    numbers
}

#[tokio::test]
async fn random_input_to_every_server_function_is_refused_cleanly() {
    let app = spawn_app().await;
    let mut rng = seeded_rng("server functions");
    for email in ["owner@demo.test", "agent@demo.test"] {
        let client = app.signed_in(email).await;
        for endpoint in ENDPOINTS {
            for _ in 0..rounds() {
                let body = random_value(&mut rng, 0);
                let shown = shared::text::excerpt(&body.to_string(), 300);
                let before = fingerprint(&app).await;
                let response = app.call_json(&client, endpoint, &body).await;
                let status = response.status();
                assert!(
                    !status.is_server_error(),
                    "{email} {endpoint} answered {status} to {shown}"
                );
                if status.is_client_error() {
                    expect_clean_refusal(
                        &app,
                        response,
                        &before,
                        &format!("{email} {endpoint}: {shown}"),
                    )
                    .await;
                }
            }
        }
    }
}

/// A refusal is a short JSON error and leaves everything as it was.
async fn expect_clean_refusal(app: &TestApp, response: Response, before: &[i64], what: &str) {
    let status = response.status();
    let text = response.text().await.expect("body");
    assert!(text.len() < 2_000, "{what}: a {}-byte error", text.len());
    let error: Value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{what}: not JSON: {text}"));
    // Server functions answer with an `AppError`; ingress with its own
    // documented `{"error", "field"}`.
    assert!(
        serde_json::from_value::<AppError>(error.clone()).is_ok() || error["error"].is_string(),
        "{what}: not an error: {text}"
    );
    assert_eq!(
        fingerprint(app).await,
        before,
        "{what} was refused ({status}) but changed something"
    );
}

/// A well-formed ingress message with some of its parts replaced by random
/// values, or a random value altogether.
fn random_ingress_body(rng: &mut StdRng, round: usize) -> String {
    let mut payload = json!({
        "message_id": format!("fuzz-{round}"),
        "sender": {"id": "fuzz-sender", "name": "Fuzz", "phone": "+49 151 23456789"},
        "text": "Hello",
        "sent_at": "2026-01-20T10:00:00Z",
    });
    match rng.gen_range(0..4) {
        0 => random_value(rng, 0).to_string(),
        1 => random_string(rng),
        _ => {
            for _ in 0..rng.gen_range(1..4) {
                let path: &[&str] = [
                    &["message_id"][..],
                    &["text"],
                    &["sent_at"],
                    &["sender", "id"],
                    &["sender", "name"],
                    &["sender", "phone"],
                    &["sender", "email"],
                    &["sender", "language"],
                ][rng.gen_range(0..8)];
                let value = random_value(rng, 2);
                match path {
                    [key] => payload[*key] = value,
                    [outer, inner] => payload[*outer][*inner] = value,
                    _ => {}
                }
            }
            payload.to_string()
        }
    }
}

#[tokio::test]
async fn random_ingress_payloads_are_stored_whole_or_refused_cleanly() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let mut rng = seeded_rng("ingress");
    for round in 0..rounds() * 8 {
        let body = random_ingress_body(&mut rng, round);
        let shown = shared::text::excerpt(&body, 300);
        let before = fingerprint(&app).await;
        let response = app.post_ingress(channel.id, &channel.token, body).await;
        let status = response.status();
        assert!(
            !status.is_server_error(),
            "ingress answered {status} to {shown}"
        );
        if status.is_client_error() {
            expect_clean_refusal(&app, response, &before, &format!("ingress: {shown}")).await;
        }
    }
}

/// CSV-like bytes: rows of random cells, delimiters, quotes, line ends and
/// encodings, sometimes plain random bytes.
fn random_csv(rng: &mut StdRng) -> Vec<u8> {
    if rng.gen_range(0..6) == 0 {
        return (0..rng.gen_range(0..3_000)).map(|_| rng.gen()).collect();
    }
    let delimiter = [",", ";", "\t", "|"][rng.gen_range(0..4)];
    let line_end = ["\n", "\r\n", "\r"][rng.gen_range(0..3)];
    let columns = rng.gen_range(1..8);
    let mut text = String::new();
    if rng.gen() {
        text.push('\u{FEFF}');
    }
    let header = [
        "First name",
        "E-Mail-Adresse",
        "Phone",
        "Tags",
        "Land",
        "x",
        "",
    ];
    for row in 0..rng.gen_range(0..40) {
        let cells: Vec<String> = (0..columns)
            .map(|column| match (row, rng.gen_range(0..5)) {
                (0, _) => header[column % header.len()].to_owned(),
                (_, 0) => format!("\"{}\"", random_string(rng).replace('"', "\"\"")),
                (_, 1) => "\"unclosed".to_owned(),
                _ => shared::text::excerpt(&random_string(rng), 80),
            })
            .collect();
        text.push_str(&cells.join(delimiter));
        text.push_str(line_end);
    }
    if rng.gen_range(0..4) == 0 {
        // Windows-1252 or broken UTF-8 bytes among the text.
        let mut bytes = text.into_bytes();
        bytes.extend([0xE4, 0xF6, 0xFC, 0xC3, 0x28]);
        return bytes;
    }
    text.into_bytes()
}

#[tokio::test]
async fn random_csv_files_are_read_or_refused_cleanly() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let mut rng = seeded_rng("csv upload");
    for round in 0..rounds() * 4 {
        let bytes = random_csv(&mut rng);
        let shown = shared::text::excerpt(&String::from_utf8_lossy(&bytes), 300);
        let before = fingerprint(&app).await;
        let response =
            crate::helpers::imports::post_file(&app, &client, &format!("fuzz-{round}.csv"), bytes)
                .await;
        let status = response.status();
        assert!(
            !status.is_server_error(),
            "upload answered {status} to {shown}"
        );
        if status.is_client_error() {
            expect_clean_refusal(&app, response, &before, &format!("upload: {shown}")).await;
            continue;
        }
        let file: UploadedFile = response.json().await.expect("uploaded file");
        let settings = crate::helpers::imports::settings(&file, ImportMode::AddAndUpdate);
        let checked =
            crate::helpers::imports::check(&app, &client, file.import_id, &settings).await;
        if let Err((status, error)) = checked {
            assert!(
                !status.is_server_error(),
                "check answered {status} ({error}) to {shown}"
            );
        }
    }
}
