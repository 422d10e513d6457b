//! Calling the Contacts module's server functions over HTTP as the browser
//! does (JSON bodies), and reading the database behind them.

#![allow(dead_code)]

use crate::helpers::TestApp;
use app::contacts::model::{ContactPage, ContactQuery, ListRequest, PageCursor};
use app::error::AppError;
use reqwest::{header, Client, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// Posts a JSON body to a server function; the answer or the error.
pub async fn call<T: DeserializeOwned>(
    app: &TestApp,
    client: &Client,
    endpoint: &str,
    body: Value,
) -> Result<T, (StatusCode, AppError)> {
    let response = client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(header::ORIGIN, &app.address)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = response.status();
    if status.is_success() {
        Ok(response.json().await.expect("json answer"))
    } else {
        Err((status, response.json().await.expect("json error")))
    }
}

/// A signed-in client.
pub async fn signed_in(app: &TestApp, email: &str) -> Client {
    let client = app.client();
    app.sign_in(&client, email).await;
    client
}

/// One page of the table.
pub async fn list(
    app: &TestApp,
    client: &Client,
    query: &ContactQuery,
    page: PageCursor,
) -> ContactPage {
    let request = ListRequest {
        query: query.clone(),
        page,
    };
    call(app, client, "contacts_list", json!({ "request": request }))
        .await
        .expect("a page")
}

/// Every page of the table, following `next`.
pub async fn all_pages(app: &TestApp, client: &Client, query: &ContactQuery) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut page = PageCursor::First;
    loop {
        let answer = list(app, client, query, page).await;
        ids.extend(answer.rows.iter().map(|row| row.id));
        match answer.next {
            Some(cursor) => page = PageCursor::After(cursor),
            None => return ids,
        }
    }
}

/// A single value from the test database.
pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let (value,): (i64,) = sqlx::query_as(sql)
        .fetch_one(app.backend.store.pool())
        .await
        .expect("query");
    value
}

/// A workspace's id by name.
pub async fn workspace_id(app: &TestApp, name: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM workspaces WHERE name = $1")
        .bind(name)
        .fetch_one(app.backend.store.pool())
        .await
        .expect("workspace");
    id
}

/// A user's id by e-mail.
pub async fn user_id(app: &TestApp, email: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(app.backend.store.pool())
        .await
        .expect("user");
    id
}

/// Waits until the workspace's delete jobs are all finished.
pub async fn wait_for_deletions(app: &TestApp) {
    for _ in 0..200 {
        let running = scalar(
            app,
            "SELECT COUNT(*) FROM delete_jobs WHERE status = 'running'",
        )
        .await;
        if running == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the delete job did not finish");
}
