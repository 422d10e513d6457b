//! Changing contacts from the Contacts module: adding one, counting a bulk
//! target, tagging a selection, and reading a selection for the CSV export.

use super::filter::{push_target, tag_ids, target_query};
use super::list::{rows_joined, rows_of_contacts, table_rows, RowRecord};
use crate::storage::details::tags;
use crate::storage::sql::ids_json;
use crate::storage::sql::{Flag, SqlBuilder};
use crate::storage::{Context, Dialect, Store, WriteScope};
use app::contacts::model::{AddedContact, BulkTarget, ContactRow, DeleteTarget};
use app::error::{AppError, Missing};
use app::ssr::ValidContact;
use shared::TagName;
use sqlx::AnyPool;

/// `select` followed by the target's WHERE clause (the tag names of an
/// "all matching" target resolved first).
async fn select_target(
    pool: &AnyPool,
    workspace_id: i64,
    target: &DeleteTarget,
    select: &str,
) -> Result<SqlBuilder, AppError> {
    let tags = match target_query(target) {
        Some(query) => tag_ids(pool, workspace_id, query).await?,
        None => Vec::new(),
    };
    let mut builder = SqlBuilder::new(select);
    push_target(
        &mut builder,
        Dialect::of_pool(pool),
        workspace_id,
        target,
        &tags,
    );
    Ok(builder)
}

/// How many contacts the target names, counting at most `cap`.
pub(super) async fn count_target(
    pool: &AnyPool,
    workspace_id: i64,
    target: &DeleteTarget,
    cap: Option<u64>,
) -> Result<u64, AppError> {
    if let (DeleteTarget::Everything, None) = (target, cap) {
        let (total, _) = super::list::workspace_counts(pool, workspace_id).await?;
        return Ok(total);
    }
    let mut builder = select_target(
        pool,
        workspace_id,
        target,
        "SELECT COUNT(*) FROM (SELECT 1 FROM contacts c WHERE ",
    )
    .await?;
    if let Some(cap) = cap {
        builder
            .push(" LIMIT ")
            .push_bind(i64::try_from(cap).unwrap_or(i64::MAX));
    }
    builder.push(") AS counted");
    let (count,): (i64,) = builder
        .build_query_as()
        .fetch_one(pool)
        .await
        .context("count_target")?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// How many contacts of the target are not assigned to `user_id`.
pub(super) async fn count_not_assigned_to(
    pool: &AnyPool,
    workspace_id: i64,
    target: &DeleteTarget,
    user_id: i64,
) -> Result<u64, AppError> {
    let mut builder = select_target(
        pool,
        workspace_id,
        target,
        "SELECT COUNT(*) FROM contacts c WHERE ",
    )
    .await?;
    builder
        .push(" AND (c.assignee_id IS NULL OR c.assignee_id <> ")
        .push_bind(user_id)
        .push(")");
    let (count,): (i64,) = builder
        .build_query_as()
        .fetch_one(pool)
        .await
        .context("count_not_assigned_to")?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// The ids of a bulk target, at most `limit`.
pub(super) async fn target_ids(
    pool: &AnyPool,
    workspace_id: i64,
    target: &BulkTarget,
    limit: i64,
) -> Result<Vec<i64>, AppError> {
    let target = DeleteTarget::Selected(target.clone());
    let mut builder = select_target(
        pool,
        workspace_id,
        &target,
        "SELECT c.id FROM contacts c WHERE ",
    )
    .await?;
    builder.push(" ORDER BY c.id LIMIT ").push_bind(limit);
    let rows: Vec<(i64,)> = builder
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("target_ids")?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Adds tags to every contact of the target in one transaction; new tag
/// names are created unless the workspace has them already.
pub(super) async fn assign_tags(
    store: &Store,
    workspace_id: i64,
    target: &BulkTarget,
    tag_ids: &[i64],
    new_tags: &[TagName],
) -> Result<u64, AppError> {
    let limit = i64::try_from(shared::bulk::BULK_LIMIT).unwrap_or(100);
    let contact_ids = target_ids(&store.pool, workspace_id, target, limit).await?;
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("assign_tags: starting a write transaction")?;
    for tag in new_tags {
        tags::add_unless_known(&mut tx, workspace_id, tag.as_str(), tag.key(), store.now())
            .await
            .context("assign_tags: adding to tags")?;
    }
    let mut builder = SqlBuilder::new("SELECT id FROM tags WHERE workspace_id = ");
    builder
        .push_bind(workspace_id)
        .push(" AND (id IN (SELECT value FROM json_each(")
        .push_bind(ids_json(tag_ids))
        .push("))");
    if !new_tags.is_empty() {
        builder
            .push(" OR name_key IN (")
            .push_list(new_tags.iter().map(|tag| tag.key().to_string()))
            .push(")");
    }
    builder.push(")");
    let found: Vec<(i64,)> = builder
        .build_query_as()
        .fetch_all(&mut *tx)
        .await
        .context("assign_tags")?;
    let found: Vec<i64> = found.into_iter().map(|(id,)| id).collect();
    if tag_ids.iter().any(|id| !found.contains(id)) {
        return Err(AppError::not_found(Missing::Tag));
    }
    sqlx::query(
        "INSERT INTO contact_tags (contact_id, tag_id)
         SELECT contact.value, tag.value FROM json_each($1) contact, json_each($2) tag
          WHERE true
         ON CONFLICT DO NOTHING",
    )
    .bind(ids_json(&contact_ids))
    .bind(ids_json(&found))
    .execute(&mut *tx)
    .await
    .context("assign_tags: adding to contact_tags")?;
    tx.commit().await.context("assign_tags: committing")?;
    Ok(u64::try_from(contact_ids.len()).unwrap_or(0))
}

/// The rows of a bulk target for the CSV export, in the table's columns.
pub(super) async fn export_rows(
    pool: &AnyPool,
    workspace_id: i64,
    target: &BulkTarget,
) -> Result<Vec<ContactRow>, AppError> {
    let limit = i64::try_from(shared::bulk::BULK_LIMIT).unwrap_or(100);
    let ids = target_ids(pool, workspace_id, target, limit).await?;
    let mut builder = rows_of_contacts(Dialect::of_pool(pool));
    builder
        .push("c.workspace_id = ")
        .push_bind(workspace_id)
        .push(" AND c.id IN (SELECT value FROM json_each(")
        .push_bind(ids_json(&ids))
        .push("))");
    rows_joined(&mut builder);
    builder.push(" ORDER BY c.sort_name, c.id");
    let records: Vec<RowRecord> = builder
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("export_rows")?;
    Ok(table_rows(records))
}

/// Adds a contact and says which of its values another (not blocked)
/// contact already has: those become merge suggestions (R11, R17).
pub(super) async fn add(
    store: &Store,
    workspace_id: i64,
    contact: &ValidContact,
) -> Result<AddedContact, AppError> {
    let pool = &store.pool;
    let at = store.now();
    let phone = contact.phone.as_ref().map(|phone| phone.e164().to_string());
    let country = contact.country.or_else(|| {
        contact
            .phone
            .as_ref()
            .and_then(shared::PhoneNumber::country)
    });
    let (id,): (i64,) = sqlx::query_as(&store.dialect.sql(
        "INSERT INTO contacts (workspace_id, first_name, last_name, email, email_key, phone,
                               country, country_manual, language, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10), to_timestamp($11))
         RETURNING id",
    ))
    .bind(workspace_id)
    .bind(contact.name.first())
    .bind(contact.name.last())
    .bind(contact.email.as_ref().map(shared::Email::as_str))
    .bind(contact.email.as_ref().map(shared::Email::key))
    .bind(&phone)
    .bind(country.map(shared::Country::code))
    .bind(contact.country.is_some())
    .bind(contact.language.map(shared::Language::tag))
    .bind(at)
    .bind(at)
    .fetch_one(pool)
    .await
    .context("add: adding to contacts")?;
    let (Flag(phone_shared), Flag(email_shared)): (Flag, Flag) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM contacts WHERE workspace_id = $1 AND id <> $2
                          AND blocked_at IS NULL AND merged_into IS NULL AND phone = $3),
                EXISTS (SELECT 1 FROM contacts WHERE workspace_id = $1 AND id <> $2
                          AND blocked_at IS NULL AND merged_into IS NULL AND email_key = $4)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&phone)
    .bind(contact.email.as_ref().map(shared::Email::key))
    .fetch_one(pool)
    .await
    .context("add: reading contacts")?;
    Ok(AddedContact {
        id,
        display_name: contact.name.display_name(),
        phone_shared,
        email_shared,
    })
}
