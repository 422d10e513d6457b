//! Merge tests' helpers: contacts arriving through the channel ingress, and
//! the merge flow's server functions called over HTTP as the browser does.

pub use crate::helpers::details::*;
pub use crate::helpers::inbox::message;
pub use app::merge::model::{MergeDone, MergeHistoryPage, MergeReview, SuggestionPage};
use server::storage::Dialect;

/// The time the helpers' first messages are sent at.
pub const SENT_AT: &str = "2026-03-01T10:00:00Z";

/// One contact per phone number, each arriving on its own demo channel
/// (WhatsApp, Telegram, SMS) from senders "a", "b", "c".
pub async fn with_phones<const N: usize>(app: &TestApp, phones: [&str; N]) -> [i64; N] {
    arriving(app, phones.map(|phone| (phone, None, SENT_AT))).await
}

/// One contact per (phone, e-mail, time of its first message), each
/// arriving on its own demo channel (WhatsApp, Telegram, SMS) from senders
/// "a", "b", "c".
pub async fn arriving<const N: usize>(
    app: &TestApp,
    contacts: [(&str, Option<&str>, &str); N],
) -> [i64; N] {
    let mut ids = Vec::new();
    for ((kind, sender), (phone, email, sent_at)) in
        [("whatsapp", "a"), ("telegram", "b"), ("sms", "c")]
            .into_iter()
            .zip(contacts)
    {
        ids.push(arrive(app, kind, sender, Some(phone), email, sent_at).await);
    }
    ids.try_into().expect("at most three contacts")
}

/// A message from a new sender on a demo channel, with a phone and/or
/// e-mail address; returns the contact it created.
pub async fn arrive(
    app: &TestApp,
    kind: &str,
    sender: &str,
    phone: Option<&str>,
    email: Option<&str>,
    sent_at: &str,
) -> i64 {
    let channel = app.demo_channel(kind).await;
    let mut payload = message(
        &format!("{kind}-{sender}-{sent_at}"),
        sender,
        "Hello",
        sent_at,
    );
    payload["sender"]["name"] = json!(format!("Person {sender}"));
    payload["sender"]["phone"] = json!(phone);
    payload["sender"]["email"] = json!(email);
    app.receive_contact(&channel, payload).await
}

/// A new contact arrived on the web chat (so it has a conversation and a
/// channel link), assigned to `assignee`.
pub async fn arrive_assigned(app: &TestApp, sender: &str, assignee: Option<i64>) -> i64 {
    let id = arrive(app, "webchat", sender, None, None, SENT_AT).await;
    sqlx::query("UPDATE contacts SET assignee_id = $1 WHERE id = $2")
        .bind(assignee)
        .bind(id)
        .execute(app.pool())
        .await
        .expect("assign");
    id
}

pub async fn suggestions(app: &TestApp, client: &Client) -> SuggestionPage {
    app.answer(client, "merge_suggestions", &json!({"after": null}))
        .await
}

/// The dashboard's group holding `contact`, as its member ids.
pub async fn group_of(app: &TestApp, client: &Client, contact: i64) -> Option<Vec<i64>> {
    suggestions(app, client)
        .await
        .groups
        .into_iter()
        .find(|group| group.contacts.iter().any(|c| c.id == contact))
        .map(|group| group.contacts.iter().map(|c| c.id).collect())
}

pub async fn duplicates_of(app: &TestApp, client: &Client, contact: i64) -> Vec<i64> {
    details(app, client, contact)
        .await
        .duplicates
        .iter()
        .map(|d| d.id)
        .collect()
}

pub async fn review(app: &TestApp, client: &Client, ids: &[i64]) -> MergeReview {
    app.answer(client, "merge_review_get", &json!({"contact_ids": ids}))
        .await
}

/// Merges `ids` (the first survives) with `choices` as (field, contact).
pub async fn merge(
    app: &TestApp,
    client: &Client,
    ids: &[i64],
    choices: &[(&str, i64)],
) -> Response {
    let review = review(app, client, ids).await;
    let versions: Vec<i64> = review.contacts.iter().map(|c| c.version).collect();
    let choices: Vec<Value> = choices
        .iter()
        .map(|(field, contact)| json!({"field": field, "contact_id": contact}))
        .collect();
    app.call_json(
        client,
        "merge_contacts",
        &json!({"request": {"contact_ids": ids, "versions": versions, "choices": choices}}),
    )
    .await
}

pub async fn merged(
    app: &TestApp,
    client: &Client,
    ids: &[i64],
    choices: &[(&str, i64)],
) -> MergeDone {
    let response = merge(app, client, ids, choices).await;
    assert_eq!(response.status(), StatusCode::OK, "merge of {ids:?}");
    response.json().await.expect("merge answer")
}

/// The first page of the merge history.
pub async fn history(app: &TestApp, client: &Client) -> MergeHistoryPage {
    app.answer(client, "merge_history", &json!({"older_than": null}))
        .await
}

pub async fn undo(app: &TestApp, client: &Client, merge_id: i64) -> Response {
    app.call_json(client, "merge_undo", &json!({"merge_id": merge_id}))
        .await
}

/// Every row of the contacts' own tables as JSON text, ordered, to compare
/// before a merge and after its undo.
pub async fn dump(app: &TestApp, ids: &[i64]) -> Vec<String> {
    let ids = json!(ids).to_string();
    let mut rows = Vec::new();
    for (table, condition) in [
        ("contacts", "id IN (SELECT value FROM json_each($1))"),
        ("conversations", "contact_id IN (SELECT value FROM json_each($1))"),
        ("contact_channels", "contact_id IN (SELECT value FROM json_each($1))"),
        ("contact_tags", "contact_id IN (SELECT value FROM json_each($1))"),
        ("custom_values", "contact_id IN (SELECT value FROM json_each($1))"),
        ("workflow_runs", "contact_id IN (SELECT value FROM json_each($1))"),
        (
            "messages",
            "conversation_id IN (SELECT id FROM conversations WHERE contact_id IN (SELECT value FROM json_each($1)))",
        ),
        ("duplicate_groups", "members > 0"),
    ] {
        let (columns_sql, object) = match app.backend.store.dialect() {
            Dialect::Sqlite => (
                "SELECT name FROM pragma_table_xinfo($1) ORDER BY cid",
                "json_object",
            ),
            Dialect::Postgres => (
                "SELECT CAST(column_name AS text) FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = $1
                  ORDER BY ordinal_position",
                "json_build_object",
            ),
        };
        let columns: Vec<String> = sqlx::query_scalar(columns_sql)
            .bind(table)
            .fetch_all(app.pool())
            .await
            .expect("columns");
        let pairs: Vec<String> = columns
            .iter()
            .map(|c| format!("'{c}', \"{c}\""))
            .collect();
        let sql = format!(
            "SELECT '{table}:' || CAST({object}({}) AS TEXT) FROM \"{table}\" WHERE {condition} ORDER BY 1",
            pairs.join(", ")
        );
        let table_rows: Vec<String> = sqlx::query_scalar(&sql)
            .bind(&ids)
            .fetch_all(app.pool())
            .await
            .expect("dump");
        rows.extend(table_rows);
    }
    rows
}

pub async fn listed(app: &TestApp, client: &Client, search: &str) -> Vec<i64> {
    let query = app::contacts::model::ContactQuery {
        search: search.to_owned(),
        ..Default::default()
    };
    let request = app::contacts::model::ListRequest {
        query,
        page: app::contacts::model::PageCursor::First,
    };
    let page: app::contacts::model::ContactPage = app
        .answer(client, "contacts_list", &json!({ "request": request }))
        .await;
    page.rows.iter().map(|row| row.id).collect()
}
