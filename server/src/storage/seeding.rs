//! The rows every seeded workspace starts with: the workspace, its users
//! and their roles, channels and tags. The demo data and the benchmark's
//! generated workspace both write them through these functions, so a
//! change to those tables is made once.

use super::Dialect;
use rand::distributions::{Alphanumeric, DistString};
use sqlx::AnyConnection;

/// A new workspace; returns its id.
pub async fn insert_workspace(
    conn: &mut AnyConnection,
    name: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(&Dialect::of(conn).sql(
        "INSERT INTO workspaces (name, created_at) VALUES ($1, to_timestamp($2)) RETURNING id",
    ))
    .bind(name)
    .bind(at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A new user with an already hashed password; returns their id.
pub async fn insert_user(
    conn: &mut AnyConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(&Dialect::of(conn).sql(
        "INSERT INTO users (email, email_key, name, password_hash, created_at)
         VALUES ($1, $2, $3, $4, to_timestamp($5)) RETURNING id",
    ))
    .bind(email)
    .bind(email.to_lowercase())
    .bind(name)
    .bind(password_hash)
    .bind(at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Makes the user a member of the workspace with `role` (`owner`,
/// `manager` or `agent`).
pub async fn insert_membership(
    conn: &mut AnyConnection,
    workspace_id: i64,
    user_id: i64,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)")
        .bind(workspace_id)
        .bind(user_id)
        .bind(role)
        .execute(conn)
        .await?;
    Ok(())
}

/// A channel of `kind` with a fresh random ingress token (tokens are
/// secrets: never the same on two installations); returns its id.
pub async fn insert_channel(
    conn: &mut AnyConnection,
    workspace_id: i64,
    kind: &str,
    name: &str,
    page_url: Option<&str>,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let token = Alphanumeric.sample_string(&mut rand::thread_rng(), 32);
    let (id,): (i64,) = sqlx::query_as(&Dialect::of(conn).sql(
        "INSERT INTO channels (workspace_id, kind, name, page_url, token, created_at)
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6)) RETURNING id",
    ))
    .bind(workspace_id)
    .bind(kind)
    .bind(name)
    .bind(page_url)
    .bind(token)
    .bind(at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A tag; returns its id.
pub async fn insert_tag(
    conn: &mut AnyConnection,
    workspace_id: i64,
    name: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(&Dialect::of(conn).sql(
        "INSERT INTO tags (workspace_id, name, name_key, created_at)
         VALUES ($1, $2, $3, to_timestamp($4)) RETURNING id",
    ))
    .bind(workspace_id)
    .bind(name)
    .bind(name.to_lowercase())
    .bind(at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}
