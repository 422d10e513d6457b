//! Calling the drawer's server functions over HTTP as the drawer does (JSON
//! bodies), and reading the database behind them.

#![allow(dead_code, unused_imports)]

pub use crate::helpers::TestApp;
pub use app::details::model::{ContactDetails, Saved, STALE_VERSION};
pub use app::error::{AppError, Missing};
pub use reqwest::{header, Client, Response, StatusCode};
pub use serde_json::{json, Value};
pub use shared::channel::Availability;
pub use shared::fields::ConversationStatus;
pub use sqlx::AnyPool;

/// Calls a server function with a JSON body, as the drawer does.
pub async fn call(app: &TestApp, client: &Client, endpoint: &str, body: Value) -> Response {
    client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(header::ORIGIN, &app.address)
        .json(&body)
        .send()
        .await
        .expect("request")
}

pub async fn signed_in(app: &TestApp, email: &str) -> Client {
    let client = app.client();
    app.sign_in(&client, email).await;
    client
}

pub async fn details(app: &TestApp, client: &Client, id: i64) -> ContactDetails {
    let response = call(
        app,
        client,
        "details_get",
        json!({"request": {"contact_id": id}}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK, "details of {id}");
    response.json().await.expect("details")
}

pub async fn error(response: Response, status: StatusCode) -> AppError {
    assert_eq!(response.status(), status);
    response.json().await.expect("json error")
}

pub fn pool(app: &TestApp) -> &AnyPool {
    app.backend.store.pool()
}

pub async fn workspace_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM workspaces WHERE name = $1")
        .bind(name)
        .fetch_one(pool(app))
        .await
        .expect("workspace")
}

/// The first contact of a workspace matching an SQL condition on `c`.
pub async fn contact_where(app: &TestApp, workspace: &str, condition: &str) -> i64 {
    let workspace = workspace_id(app, workspace).await;
    sqlx::query_scalar(&format!(
        "SELECT c.id FROM contacts c WHERE c.workspace_id = $1 AND {condition} ORDER BY c.id LIMIT 1"
    ))
    .bind(workspace)
    .fetch_one(pool(app))
    .await
    .expect("a matching seeded contact")
}

pub async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(pool(app))
        .await
        .expect("user")
}

pub async fn edit_field(
    app: &TestApp,
    client: &Client,
    contact: &ContactDetails,
    field: &str,
    value: &str,
) -> Response {
    call(
        app,
        client,
        "details_edit_field",
        json!({"edit": {"contact_id": contact.id, "version": contact.version, "field": field, "value": value}}),
    )
    .await
}
