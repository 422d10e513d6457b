//! Saving the name (R4), standard fields (R18) and custom values (R19),
//! each only when the contact is still at the version the user saw.

use super::super::{Context, Store};
use super::begin_edit;
use app::error::{AppError, Missing};
use app::ssr::FieldChange;
use shared::PersonName;

/// R4: first and last name.
pub async fn save_name(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    version: i64,
    name: &PersonName,
) -> Result<i64, AppError> {
    let (mut tx, version) = begin_edit(store, workspace_id, contact_id, Some(version)).await?;
    sqlx::query("UPDATE contacts SET first_name = $1, last_name = $2 WHERE id = $3")
        .bind(name.first())
        .bind(name.last())
        .bind(contact_id)
        .execute(&mut *tx)
        .await
        .context("save_name: updating contacts")?;
    tx.commit().await.context("save_name: committing")?;
    Ok(version)
}

/// R18: one standard field. A new phone number moves the country along
/// unless the country was set by hand; clearing the country lets the phone
/// number decide again.
pub async fn save_field(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    version: i64,
    change: FieldChange,
) -> Result<i64, AppError> {
    let (mut tx, version) = begin_edit(store, workspace_id, contact_id, Some(version)).await?;
    let query = match &change {
        FieldChange::Country(Some(country)) => {
            sqlx::query("UPDATE contacts SET country = $1, country_manual = TRUE WHERE id = $2")
                .bind(country.code())
        }
        FieldChange::Country(None) => {
            sqlx::query("UPDATE contacts SET country = NULL, country_manual = FALSE WHERE id = $1")
        }
        FieldChange::Language(language) => {
            sqlx::query("UPDATE contacts SET language = $1 WHERE id = $2")
                .bind(language.map(shared::Language::tag))
        }
        FieldChange::Email(email) => {
            sqlx::query("UPDATE contacts SET email = $1, email_key = $2 WHERE id = $3")
                .bind(email.as_ref().map(|e| e.as_str().to_owned()))
                .bind(email.as_ref().map(|e| e.key().to_owned()))
        }
        FieldChange::Phone(phone) => sqlx::query(
            "UPDATE contacts SET phone = $1,
                    country = CASE WHEN country_manual OR $2 IS NULL THEN country ELSE $3 END
              WHERE id = $4",
        )
        .bind(phone.as_ref().map(|p| p.e164().to_owned()))
        .bind(
            phone
                .as_ref()
                .and_then(shared::PhoneNumber::country)
                .map(shared::Country::code),
        )
        .bind(
            phone
                .as_ref()
                .and_then(shared::PhoneNumber::country)
                .map(shared::Country::code),
        ),
        FieldChange::Assignee(user_id) => {
            sqlx::query("UPDATE contacts SET assignee_id = $1 WHERE id = $2").bind(*user_id)
        }
    };
    query
        .bind(contact_id)
        .execute(&mut *tx)
        .await
        .context("save_field")?;
    if let FieldChange::Assignee(user_id) = change {
        sqlx::query("UPDATE conversations SET assignee_id = $1 WHERE contact_id = $2")
            .bind(user_id)
            .bind(contact_id)
            .execute(&mut *tx)
            .await
            .context("save_field: updating conversations")?;
    }
    tx.commit().await.context("save_field: committing")?;
    Ok(version)
}

/// R19: one custom value, already checked against its definition; `None`
/// clears it.
pub async fn save_custom_value(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
    version: i64,
    key: &str,
    value: Option<String>,
) -> Result<i64, AppError> {
    let (mut tx, version) = begin_edit(store, workspace_id, contact_id, Some(version)).await?;
    let (field_id,): (i64,) =
        sqlx::query_as("SELECT id FROM custom_fields WHERE workspace_id = $1 AND key = $2")
            .bind(workspace_id)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await
            .context("save_custom_value: reading custom_fields")?
            .ok_or_else(|| AppError::not_found(Missing::Field))?;
    match value {
        Some(value) => sqlx::query(
            "INSERT INTO custom_values (contact_id, field_id, value) VALUES ($1, $2, $3)
             ON CONFLICT (contact_id, field_id) DO UPDATE SET value = excluded.value",
        )
        .bind(contact_id)
        .bind(field_id)
        .bind(value),
        None => sqlx::query("DELETE FROM custom_values WHERE contact_id = $1 AND field_id = $2")
            .bind(contact_id)
            .bind(field_id),
    }
    .execute(&mut *tx)
    .await
    .context("save_custom_value: adding to custom_values")?;
    tx.commit().await.context("save_custom_value: committing")?;
    Ok(version)
}
