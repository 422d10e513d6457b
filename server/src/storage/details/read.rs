//! Reading one contact with everything the drawer shows.

use super::super::sql::Flag;
use super::super::{Context, Store};
use super::{channels, contact_not_found, field_settings, tags};
use crate::storage::sql::ids_json;
use crate::storage::{shown_phone, stored_phone};
use app::details::model::{ContactDetails, CustomFieldEntry, DuplicateContact, MemberRef};
use app::error::AppError;
use app::ssr::ContactFacts;
use shared::duplicates::{duplicate_keys, shared_values};
use shared::fields::ConversationStatus;
use shared::{Country, CustomFieldValue, Email, PhoneNumber};

/// The stored columns of a contact the drawer needs.
#[derive(sqlx::FromRow)]
struct ContactRow {
    id: i64,
    version: i64,
    first_name: String,
    last_name: String,
    profile_name: String,
    avatar_url: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    country: Option<String>,
    #[sqlx(try_from = "Flag")]
    country_manual: bool,
    language: Option<String>,
    assignee_id: Option<i64>,
    #[sqlx(try_from = "Flag")]
    blocked: bool,
    status: Option<String>,
}

async fn row(store: &Store, workspace_id: i64, contact_id: i64) -> Result<ContactRow, AppError> {
    sqlx::query_as::<_, ContactRow>(
        "SELECT c.id, c.version, c.first_name, c.last_name, c.profile_name, c.avatar_url, c.email,
                c.phone, c.country, c.country_manual, c.language, c.assignee_id,
                c.blocked_at IS NOT NULL AS blocked, v.status
           FROM contacts c LEFT JOIN conversations v ON v.contact_id = c.id
          WHERE c.id = $1 AND c.workspace_id = $2 AND c.merged_into IS NULL",
    )
    .bind(contact_id)
    .bind(workspace_id)
    .fetch_optional(&store.pool)
    .await
    .context("row: reading contacts")?
    .ok_or_else(contact_not_found)
}

/// The country shown (R18, [`shared::country::shown_country`]) from the
/// stored columns.
pub(crate) fn shown_country(
    country: Option<&str>,
    manual: bool,
    phone: Option<&PhoneNumber>,
) -> Option<Country> {
    shared::country::shown_country(
        country.and_then(Country::from_code),
        manual,
        phone.and_then(PhoneNumber::country),
    )
}

/// The facts permission checks and parsing depend on.
pub async fn facts(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
) -> Result<ContactFacts, AppError> {
    let row = row(store, workspace_id, contact_id).await?;
    let phone = stored_phone(row.phone.as_deref());
    Ok(ContactFacts {
        assignee_id: row.assignee_id,
        blocked: row.blocked,
        country: shown_country(row.country.as_deref(), row.country_manual, phone.as_ref()),
    })
}

/// Everything the drawer shows about one contact.
pub async fn contact(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
) -> Result<ContactDetails, AppError> {
    let row = row(store, workspace_id, contact_id).await?;
    let phone = stored_phone(row.phone.as_deref());
    let country = shown_country(row.country.as_deref(), row.country_manual, phone.as_ref())
        .map(|c| c.code().to_owned());
    let definitions = field_settings::custom_fields(store, workspace_id).await?;
    let custom_keys: Vec<String> = definitions.iter().map(|d| d.key().to_owned()).collect();
    let field_order = field_settings::order(store, workspace_id, &custom_keys)
        .await?
        .to_strings();
    let custom_fields = custom_values(store, contact_id, definitions).await?;
    let conversation_status = row.status.as_deref().and_then(|status| match status {
        "open" => Some(ConversationStatus::Open),
        "closed" => Some(ConversationStatus::Closed),
        "blocked" => Some(ConversationStatus::Blocked),
        _ => None,
    });
    let duplicates = duplicates(store, workspace_id, &row, phone.as_ref()).await?;
    Ok(ContactDetails {
        id: row.id,
        version: row.version,
        phone_display: row.phone.as_deref().map(shown_phone),
        first_name: row.first_name,
        last_name: row.last_name,
        profile_name: row.profile_name,
        avatar_url: row.avatar_url,
        email: row.email.clone(),
        phone: row.phone.clone(),
        country,
        country_manual: row.country_manual,
        language: row.language,
        assignee_id: row.assignee_id,
        conversation_status,
        blocked: row.blocked,
        field_order,
        custom_fields,
        tags: tags::of_contact(store, contact_id).await?,
        workspace_tags: tags::of_workspace(store, workspace_id).await?,
        members: members(store, workspace_id).await?,
        channels: channels::cards(
            store,
            workspace_id,
            contact_id,
            phone.is_some(),
            row.email.is_some(),
        )
        .await?,
        duplicates,
    })
}

/// R11: the merge suggestions of one contact (what the drawer's card lists).
pub async fn suggestions_of(
    store: &Store,
    workspace_id: i64,
    contact_id: i64,
) -> Result<Vec<DuplicateContact>, AppError> {
    let row = row(store, workspace_id, contact_id).await?;
    let phone = stored_phone(row.phone.as_deref());
    duplicates(store, workspace_id, &row, phone.as_ref()).await
}

async fn custom_values(
    store: &Store,
    contact_id: i64,
    definitions: Vec<shared::CustomFieldDefinition>,
) -> Result<Vec<CustomFieldEntry>, AppError> {
    let stored: Vec<(String, String)> = sqlx::query_as(
        "SELECT f.key, v.value FROM custom_values v JOIN custom_fields f ON f.id = v.field_id
          WHERE v.contact_id = $1",
    )
    .bind(contact_id)
    .fetch_all(&store.pool)
    .await
    .context("custom_values: reading custom_values")?;
    Ok(definitions
        .into_iter()
        .map(|definition| {
            let parsed = stored
                .iter()
                .find(|(key, _)| key == definition.key())
                .and_then(|(_, value)| {
                    CustomFieldValue::parse(&definition, value, None)
                        .ok()
                        .flatten()
                });
            CustomFieldEntry {
                value: parsed.as_ref().map(CustomFieldValue::to_input),
                display: parsed.as_ref().map(ToString::to_string),
                definition,
            }
        })
        .collect())
}

async fn members(store: &Store, workspace_id: i64) -> Result<Vec<MemberRef>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.name FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.workspace_id = $1 ORDER BY u.name, u.id",
    )
    .bind(workspace_id)
    .fetch_all(&store.pool)
    .await
    .context("members: reading memberships")?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| MemberRef { id, name })
        .collect())
}

/// A possible duplicate: id, first, last and profile name, phone, e-mail.
/// A merge candidate: id, first, last and profile name, phone, e-mail and
/// assignee.
pub(crate) type CandidateRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
);

/// R11, R12, R17: other non-blocked contacts of the workspace sharing the
/// phone number (E.164) or e-mail address (case-insensitive), except those
/// marked "Not a duplicate" of it (R16); none for a blocked contact.
async fn duplicates(
    store: &Store,
    workspace_id: i64,
    row: &ContactRow,
    phone: Option<&PhoneNumber>,
) -> Result<Vec<DuplicateContact>, AppError> {
    let email = row.email.as_deref().and_then(|e| Email::parse(e).ok());
    let keys = duplicate_keys(phone, email.as_ref(), row.blocked);
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let candidates: Vec<CandidateRow> = sqlx::query_as(
        "SELECT id, first_name, last_name, profile_name, phone, email, assignee_id FROM contacts
              WHERE workspace_id = $1 AND id <> $2 AND blocked_at IS NULL AND merged_into IS NULL
                AND (($3 IS NOT NULL AND phone = $3) OR ($4 IS NOT NULL AND email_key = $4))
                AND NOT EXISTS (SELECT 1 FROM merge_dismissals d
                                 WHERE (d.contact_a = $2 AND d.contact_b = contacts.id)
                                    OR (d.contact_a = contacts.id AND d.contact_b = $2))
              ORDER BY id LIMIT 20",
    )
    .bind(workspace_id)
    .bind(row.id)
    .bind(phone.map(PhoneNumber::e164))
    .bind(email.as_ref().map(Email::key))
    .fetch_all(&store.pool)
    .await
    .context("duplicates: reading contacts")?;
    let ids: Vec<i64> = candidates.iter().map(|candidate| candidate.0).collect();
    let links: Vec<(i64, String)> = sqlx::query_as(
        "SELECT l.contact_id, ch.kind FROM contact_channels l JOIN channels ch ON ch.id = l.channel_id
          WHERE l.contact_id IN (SELECT value FROM json_each($1)) ORDER BY ch.id",
    )
    .bind(ids_json(&ids))
    .fetch_all(&store.pool)
    .await
    .context("duplicates: reading contact_channels")?;
    Ok(candidates
        .into_iter()
        .filter_map(|(id, first, last, profile, phone, email, assignee_id)| {
            let channels = links
                .iter()
                .filter(|(contact, _)| *contact == id)
                .filter_map(|(_, kind)| crate::storage::inbox::rows::parse_kind(kind))
                .collect();
            let their_phone = stored_phone(phone.as_deref());
            let their_email = email.as_deref().and_then(|e| Email::parse(e).ok());
            let shared = shared_values(
                &keys,
                &duplicate_keys(their_phone.as_ref(), their_email.as_ref(), false),
            );
            let name = shared::name::shown_name(
                &first,
                &last,
                &profile,
                phone.as_deref().or(email.as_deref()),
                id,
            );
            shared.any().then(|| DuplicateContact {
                id,
                name,
                assignee_id,
                phone: their_phone.map(|p| p.format_international().to_owned()),
                email,
                channels,
                same_phone: shared.phone,
                same_email: shared.email,
            })
        })
        .collect())
}
