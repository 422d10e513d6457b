//! The drawer's server functions over HTTP as the drawer calls them (JSON
//! bodies), and the seeded contacts they are tried on. The drawer's,
//! merge and input tests use this module whole (`use details::*`).

pub use crate::helpers::{error, spawn_app, TestApp};
pub use app::details::model::{ContactDetails, Saved};
pub use app::error::{AppError, Missing};
pub use reqwest::{Client, Response, StatusCode};
pub use serde_json::{json, Value};
pub use shared::channel::Availability;
pub use shared::fields::ConversationStatus;

/// Calls one of the drawer's server functions that take only the contact
/// (`details_get`, `details_block`, `details_unblock`, `details_delete`).
pub async fn on_contact(app: &TestApp, client: &Client, endpoint: &str, id: i64) -> Response {
    app.call_json(client, endpoint, &json!({"request": {"contact_id": id}}))
        .await
}

pub async fn details(app: &TestApp, client: &Client, id: i64) -> ContactDetails {
    app.answer(
        client,
        "details_get",
        &json!({"request": {"contact_id": id}}),
    )
    .await
}

/// The first contact of a workspace matching an SQL condition on `c`.
pub async fn contact_where(app: &TestApp, workspace: &str, condition: &str) -> i64 {
    let workspace = app.workspace_id(workspace).await;
    sqlx::query_scalar(&format!(
        "SELECT c.id FROM contacts c WHERE c.workspace_id = $1 AND {condition} ORDER BY c.id LIMIT 1"
    ))
    .bind(workspace)
    .fetch_one(app.pool())
    .await
    .expect("a matching seeded contact")
}

/// Renames a contact as seen at `contact`'s version.
pub async fn edit_name(
    app: &TestApp,
    client: &Client,
    contact: &ContactDetails,
    first: &str,
    last: &str,
) -> Response {
    app.call_json(
        client,
        "details_edit_name",
        &json!({"edit": {"contact_id": contact.id, "version": contact.version, "first": first, "last": last}}),
    )
    .await
}

pub async fn edit_field(
    app: &TestApp,
    client: &Client,
    contact: &ContactDetails,
    field: &str,
    value: &str,
) -> Response {
    app.call_json(
        client,
        "details_edit_field",
        &json!({"edit": {"contact_id": contact.id, "version": contact.version, "field": field, "value": value}}),
    )
    .await
}

/// Adds a tag to a contact by name (a new name creates the tag).
pub async fn add_tag(app: &TestApp, client: &Client, id: i64, name: &str) -> Response {
    app.call_json(
        client,
        "details_add_tag",
        &json!({"request": {"contact_id": id, "name": name}}),
    )
    .await
}
