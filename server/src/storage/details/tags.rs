//! A contact's tags (R21–R23).

use super::super::{Context, Dialect, Store};
use super::{begin_edit, unlink};
use app::details::model::TagRef;
use app::error::{AppError, Missing};
use shared::TagName;
use sqlx::AnyConnection;

/// Adds a tag named `name` (folded: `key`) to the workspace, made `at`,
/// unless the workspace has one with that name in any case.
pub(crate) async fn add_unless_known(
    conn: &mut AnyConnection,
    workspace_id: i64,
    name: &str,
    key: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&Dialect::of(conn).sql(
        "INSERT INTO tags (workspace_id, name, name_key, created_at)
         VALUES ($1, $2, $3, to_timestamp($4))
         ON CONFLICT (workspace_id, name_key) DO NOTHING",
    ))
    .bind(workspace_id)
    .bind(name)
    .bind(key)
    .bind(at)
    .execute(conn)
    .await
    .map(|_| ())
}

/// The contact's tags, by name.
pub async fn of_contact(store: &Store, contact_id: i64) -> Result<Vec<TagRef>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT t.id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
          WHERE ct.contact_id = $1 ORDER BY t.name_key",
    )
    .bind(contact_id)
    .fetch_all(&store.pool)
    .await
    .context("of_contact: reading contact_tags")?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| TagRef { id, name })
        .collect())
}

/// Every tag of the workspace, by name.
pub async fn of_workspace(store: &Store, workspace_id: i64) -> Result<Vec<TagRef>, AppError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM tags WHERE workspace_id = $1 ORDER BY name_key")
            .bind(workspace_id)
            .fetch_all(&store.pool)
            .await
            .context("of_workspace: reading tags")?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| TagRef { id, name })
        .collect())
}

/// R22: tags the contact, creating the tag first when the workspace has no
/// tag with that name (regardless of case).
pub async fn add(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    tag: &TagName,
) -> Result<(), AppError> {
    let (mut tx, _) = begin_edit(store, workspace_id, contact_id, None).await?;
    add_unless_known(&mut tx, workspace_id, tag.as_str(), tag.key(), store.now())
        .await
        .context("add: adding to tags")?;
    sqlx::query(
        "INSERT INTO contact_tags (contact_id, tag_id)
         SELECT $1, id FROM tags WHERE workspace_id = $2 AND name_key = $3
         ON CONFLICT DO NOTHING",
    )
    .bind(contact_id)
    .bind(workspace_id)
    .bind(tag.key())
    .execute(&mut *tx)
    .await
    .context("add: adding to contact_tags")?;
    Ok(tx.commit().await.context("add: committing")?)
}

/// R23: takes the tag off the contact; the tag itself stays.
pub async fn remove(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    tag_id: i64,
) -> Result<(), AppError> {
    unlink(
        store,
        contact_id,
        workspace_id,
        "DELETE FROM contact_tags WHERE contact_id = $1
            AND tag_id IN (SELECT id FROM tags WHERE id = $2 AND workspace_id = $3)",
        tag_id,
        Missing::TagLink,
    )
    .await
}
