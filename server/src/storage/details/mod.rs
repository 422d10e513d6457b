//! The contact-details service: one file per concept, all behind
//! the app's [`DetailsPort`]. Every query is scoped to the caller's
//! workspace.

mod channels;
mod delete;
mod edits;
pub(crate) mod field_settings;
pub(crate) mod read;
pub(crate) mod tags;

use super::{Context, Dialect, Store};
use app::details::model::ContactDetails;
use app::error::{AppError, Missing, Refusal};
use app::settings::model::FieldSettings;
use app::ssr::{ContactFacts, DetailsPort, FieldChange};
use async_trait::async_trait;
use shared::{CustomFieldDefinition, FieldOrder, PersonName, TagName};
use sqlx::{Any, Transaction};

/// The answer for a contact that is not in the workspace.
/// Removes one link of a contact (a channel, a tag) in the same transaction
/// as the version bump. `delete_sql` binds the contact, the linked id and the
/// workspace, in that order; nothing removed answers 404 with `not_linked`.
pub(crate) async fn unlink(
    store: &Store,
    contact_id: i64,
    workspace_id: i64,
    delete_sql: &'static str,
    linked_id: i64,
    not_linked: Missing,
) -> Result<(), AppError> {
    let (mut tx, _) = begin_edit(store, workspace_id, contact_id, None).await?;
    let removed = sqlx::query(delete_sql)
        .bind(contact_id)
        .bind(linked_id)
        .bind(workspace_id)
        .execute(&mut *tx)
        .await
        .context("unlink")?;
    if removed.rows_affected() == 0 {
        return Err(AppError::not_found(not_linked));
    }
    Ok(tx.commit().await.context("unlink: committing")?)
}

pub(crate) fn contact_not_found() -> AppError {
    AppError::not_found(Missing::Contact)
}

/// Starts a transaction that moves the contact to its next version (see
/// `next_version`), stamped by the store's clock.
pub(crate) async fn begin_edit(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    expected: Option<i64>,
) -> Result<(Transaction<'static, Any>, i64), AppError> {
    let mut tx = store
        .pool
        .begin()
        .await
        .context("begin_edit: starting a transaction")?;
    let version = next_version(&mut tx, workspace_id, contact_id, expected, store.now()).await?;
    Ok((tx, version))
}

/// Moves the contact to its next version inside `tx`. With `expected`, only
/// when the contact is still at that version (409 otherwise); 404 when the
/// contact is not in the workspace.
async fn next_version(
    tx: &mut Transaction<'_, Any>,
    workspace_id: i64,
    contact_id: i64,
    expected: Option<i64>,
    at: i64,
) -> Result<i64, AppError> {
    let updated: Option<(i64,)> = sqlx::query_as(&Dialect::of(tx).sql(
        "UPDATE contacts SET version = version + 1, updated_at = to_timestamp($4)
          WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL AND ($3 IS NULL OR version = $3)
          RETURNING version",
    ))
    .bind(contact_id)
    .bind(workspace_id)
    .bind(expected)
    .bind(at)
    .fetch_optional(&mut **tx)
    .await
    .context("next_version: updating contacts")?;
    if let Some((version,)) = updated {
        return Ok(version);
    }
    let exists: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM contacts WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL",
    )
    .bind(contact_id)
    .bind(workspace_id)
    .fetch_optional(&mut **tx)
    .await
    .context("next_version: reading contacts")?;
    match exists {
        Some(_) => Err(Refusal::StaleVersion.into()),
        None => Err(contact_not_found()),
    }
}

#[async_trait]
impl DetailsPort for Store {
    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn contact(
        &self,
        workspace_id: i64,
        contact_id: i64,
    ) -> Result<ContactDetails, AppError> {
        read::contact(self, workspace_id, contact_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn facts(&self, workspace_id: i64, contact_id: i64) -> Result<ContactFacts, AppError> {
        read::facts(self, workspace_id, contact_id).await
    }

    #[tracing::instrument(skip(self, name), err(level = "info"))]
    async fn save_name(
        &self,
        workspace_id: i64,
        contact_id: i64,
        version: i64,
        name: &PersonName,
    ) -> Result<i64, AppError> {
        edits::save_name(self, workspace_id, contact_id, version, name).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn save_field(
        &self,
        workspace_id: i64,
        contact_id: i64,
        version: i64,
        change: FieldChange,
    ) -> Result<i64, AppError> {
        edits::save_field(self, workspace_id, contact_id, version, change).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn custom_fields(
        &self,
        workspace_id: i64,
    ) -> Result<Vec<CustomFieldDefinition>, AppError> {
        field_settings::custom_fields(self, workspace_id).await
    }

    #[tracing::instrument(skip(self, value), err(level = "info"))]
    async fn save_custom_value(
        &self,
        workspace_id: i64,
        contact_id: i64,
        version: i64,
        key: &str,
        value: Option<String>,
    ) -> Result<i64, AppError> {
        edits::save_custom_value(self, workspace_id, contact_id, version, key, value).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn add_tag(
        &self,
        workspace_id: i64,
        contact_id: i64,
        tag: &TagName,
    ) -> Result<(), AppError> {
        tags::add(self, workspace_id, contact_id, tag).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn remove_tag(
        &self,
        workspace_id: i64,
        contact_id: i64,
        tag_id: i64,
    ) -> Result<(), AppError> {
        tags::remove(self, workspace_id, contact_id, tag_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn remove_channel(
        &self,
        workspace_id: i64,
        contact_id: i64,
        channel_id: i64,
    ) -> Result<(), AppError> {
        channels::remove(self, workspace_id, contact_id, channel_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn delete(&self, workspace_id: i64, contact_id: i64) -> Result<(), AppError> {
        delete::delete(self, workspace_id, contact_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn field_settings(&self, workspace_id: i64) -> Result<FieldSettings, AppError> {
        field_settings::settings(self, workspace_id).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn create_custom_field(
        &self,
        workspace_id: i64,
        definition: &CustomFieldDefinition,
    ) -> Result<(), AppError> {
        field_settings::create(self, workspace_id, definition).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn save_field_order(
        &self,
        workspace_id: i64,
        order: &FieldOrder,
    ) -> Result<(), AppError> {
        field_settings::save_order(self, workspace_id, order).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn rename_custom_field(
        &self,
        workspace_id: i64,
        definition: &CustomFieldDefinition,
    ) -> Result<(), AppError> {
        field_settings::rename(self, workspace_id, definition).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn count_custom_values(&self, workspace_id: i64, key: &str) -> Result<i64, AppError> {
        field_settings::count_values(self, workspace_id, key).await
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn delete_custom_field(&self, workspace_id: i64, key: &str) -> Result<i64, AppError> {
        field_settings::delete(self, workspace_id, key).await
    }
}
