//! R13: merging contacts into the first one, in one transaction, after
//! taking the snapshot undo restores.

use super::rows::{self, ContactRow, FieldValues};
use super::snapshot;
use crate::storage::sql::ids_json;
use crate::storage::{Context, Dialect, Store, WriteScope};
use app::error::{AppError, Refusal};
use app::merge::model::{ChosenValue, MergeDone, MergeRequest, MergedContact};
use app::ssr::Actor;
use shared::{FieldKey, PhoneNumber, StandardField};
use sqlx::AnyConnection;

/// The stored value of `field` the merge keeps: the chosen contact's, else
/// the preselected one's.
fn kept<'a>(
    field: &'a FieldValues,
    rows: &[ContactRow],
    request: &MergeRequest,
) -> (usize, &'a str) {
    let chosen = request
        .choices
        .iter()
        .find(|choice| choice.field == field.review.key)
        .map_or(field.review.preselected, |choice| choice.contact_id);
    let index = rows
        .iter()
        .position(|row| row.id == chosen)
        .unwrap_or_default();
    (index, field.stored[index].as_str())
}

/// Every choice names a field of the review and one of its contacts.
fn check_choices(request: &MergeRequest, fields: &[FieldValues]) -> Result<(), AppError> {
    for choice in &request.choices {
        if !fields.iter().any(|field| field.review.key == choice.field) {
            return Err(Refusal::FieldNotMergeable {
                field: choice.field.clone(),
            }
            .into());
        }
        if !request.contact_ids.contains(&choice.contact_id) {
            return Err(Refusal::PickMergedValue {
                field: choice.field.clone(),
            }
            .into());
        }
    }
    Ok(())
}

/// The merged contact's standard columns, from the chosen contacts.
struct Survivor {
    first_name: String,
    last_name: String,
    profile_name: String,
    avatar_url: Option<String>,
    email: Option<String>,
    email_key: Option<String>,
    phone: Option<String>,
    country: Option<String>,
    country_manual: bool,
    language: Option<String>,
    assignee_id: Option<i64>,
    last_message_at: Option<i64>,
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

fn survivor(fields: &[FieldValues], rows: &[ContactRow], request: &MergeRequest) -> Survivor {
    let first = &rows[0];
    let mut merged = Survivor {
        first_name: first.first_name.clone(),
        last_name: first.last_name.clone(),
        profile_name: first.profile_name.clone(),
        avatar_url: first.avatar_url.clone(),
        email: first.email.clone(),
        email_key: first.email_key.clone(),
        phone: first.phone.clone(),
        country: first.country.clone(),
        country_manual: first.country_manual,
        language: first.language.clone(),
        assignee_id: first.assignee_id,
        last_message_at: rows.iter().filter_map(|row| row.last_message_at).max(),
    };
    let mut chosen_country = None;
    for field in fields {
        let FieldKey::Standard(standard) = field.key else {
            continue;
        };
        let (index, value) = kept(field, rows, request);
        let from = &rows[index];
        match standard {
            StandardField::Profile => {
                merged.profile_name = from.profile_name.clone();
                merged.avatar_url = from.avatar_url.clone();
            }
            StandardField::FirstName => merged.first_name = value.to_owned(),
            StandardField::LastName => merged.last_name = value.to_owned(),
            StandardField::Email => {
                merged.email = from.email.clone();
                merged.email_key = from.email_key.clone();
            }
            StandardField::Phone => merged.phone = non_empty(value),
            StandardField::Country => chosen_country = Some(non_empty(value)),
            StandardField::Language => merged.language = non_empty(value),
            StandardField::Assignee => merged.assignee_id = from.assignee_id,
            StandardField::ConversationStatus => {}
        }
    }
    if let Some(country) = chosen_country {
        // The country shown follows the phone unless set by hand: keep the
        // chosen one by hand when the kept phone would show another.
        let from_phone = merged
            .phone
            .as_deref()
            .and_then(|phone| PhoneNumber::parse(phone, None).ok())
            .and_then(|phone| phone.country())
            .map(|country| country.code().to_owned());
        merged.country_manual = country.is_some() && country != from_phone;
        merged.country = country;
    }
    merged
}

/// R13: merges the request's contacts into the first one.
pub(super) async fn merge(
    store: &Store,
    workspace_id: i64,
    actor: &Actor,
    request: &MergeRequest,
) -> Result<MergeDone, AppError> {
    shared::merge::check_contacts(&request.contact_ids).map_err(AppError::input)?;
    if request.versions.len() != request.contact_ids.len() {
        return Err(Refusal::SendVersions.into());
    }
    // The write lock comes first, so two merges of the same contacts run
    // one after the other and the second sees the first.
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("merge: starting a write transaction")?;
    let rows = rows::contacts(&mut tx, workspace_id, &request.contact_ids).await?;
    if let Some(row) = rows
        .iter()
        .zip(&request.versions)
        .find_map(|(row, version)| (row.version != *version).then_some(row))
    {
        return Err(Refusal::MergeChanged { name: row.name() }.into());
    }
    let fields = rows::field_values(&mut tx, workspace_id, &rows).await?;
    check_choices(request, &fields)?;
    let snapshot = snapshot::take(&mut tx, &request.contact_ids).await?;
    let survivor_id = rows[0].id;
    let others: Vec<i64> = rows[1..].iter().map(|row| row.id).collect();
    let at = store.now();
    write_survivor(&mut tx, survivor_id, &survivor(&fields, &rows, request), at).await?;
    write_custom_values(&mut tx, workspace_id, survivor_id, &fields, &rows, request).await?;
    move_belongings(&mut tx, survivor_id, &others).await?;
    sqlx::query(&store.dialect.sql(
        "UPDATE contacts SET merged_into = $1, version = version + 1, updated_at = to_timestamp($2)
          WHERE id IN (SELECT value FROM json_each($3))",
    ))
    .bind(survivor_id)
    .bind(at)
    .bind(ids_json(&others))
    .execute(&mut *tx)
    .await
    .context("merge: updating contacts")?;
    let merge_id = record(
        &mut tx,
        workspace_id,
        actor,
        &rows,
        &fields,
        request,
        &snapshot,
        at,
    )
    .await?;
    tx.commit().await.context("merge: committing")?;
    tracing::info!(merge_id, survivor_id, ?others, "contacts merged");
    Ok(MergeDone {
        merge_id,
        contact_id: survivor_id,
    })
}

async fn write_survivor(
    conn: &mut AnyConnection,
    survivor_id: i64,
    merged: &Survivor,
    at: i64,
) -> Result<(), AppError> {
    sqlx::query(&Dialect::of(conn).sql(
        "UPDATE contacts SET first_name = $1, last_name = $2, profile_name = $3, avatar_url = $4,
                email = $5, email_key = $6, phone = $7, country = $8, country_manual = $9, language = $10,
                assignee_id = $11, last_message_at = to_timestamp($12), version = version + 1,
                updated_at = to_timestamp($13)
          WHERE id = $14",
    ))
    .bind(&merged.first_name)
    .bind(&merged.last_name)
    .bind(&merged.profile_name)
    .bind(&merged.avatar_url)
    .bind(&merged.email)
    .bind(&merged.email_key)
    .bind(&merged.phone)
    .bind(&merged.country)
    .bind(merged.country_manual)
    .bind(&merged.language)
    .bind(merged.assignee_id)
    .bind(merged.last_message_at)
    .bind(at)
    .bind(survivor_id)
    .execute(&mut *conn)
    .await
    .context("write_survivor: updating contacts")?;
    Ok(())
}

async fn write_custom_values(
    conn: &mut AnyConnection,
    workspace_id: i64,
    survivor_id: i64,
    fields: &[FieldValues],
    rows: &[ContactRow],
    request: &MergeRequest,
) -> Result<(), AppError> {
    for field in fields {
        let FieldKey::Custom(key) = &field.key else {
            continue;
        };
        let (_, value) = kept(field, rows, request);
        sqlx::query(
            "DELETE FROM custom_values WHERE contact_id = $1
                AND field_id = (SELECT id FROM custom_fields WHERE workspace_id = $2 AND key = $3)",
        )
        .bind(survivor_id)
        .bind(workspace_id)
        .bind(key)
        .execute(&mut *conn)
        .await
        .context("write_custom_values: deleting from custom_values")?;
        if !value.is_empty() {
            sqlx::query(
                "INSERT INTO custom_values (contact_id, field_id, value)
                 SELECT $1, id, $4 FROM custom_fields WHERE workspace_id = $2 AND key = $3",
            )
            .bind(survivor_id)
            .bind(workspace_id)
            .bind(key)
            .bind(value)
            .execute(&mut *conn)
            .await
            .context("write_custom_values: adding to custom_values")?;
        }
    }
    Ok(())
}

/// Channel links, tags, workflow runs and the conversation with all its
/// messages go to the survivor. A link on a channel the survivor is linked
/// on already stays behind; ingress follows the merge to the survivor.
async fn move_belongings(
    conn: &mut AnyConnection,
    survivor_id: i64,
    others: &[i64],
) -> Result<(), AppError> {
    let others = ids_json(others);
    for sql in [
        // Per channel, the earliest link moves unless the survivor has one.
        "UPDATE contact_channels SET contact_id = $1
          WHERE contact_id IN (SELECT value FROM json_each($2))
            AND NOT EXISTS (SELECT 1 FROM contact_channels s
                             WHERE s.contact_id = $1 AND s.channel_id = contact_channels.channel_id)
            AND contact_id = (SELECT o.contact_id FROM contact_channels o
                               WHERE o.channel_id = contact_channels.channel_id
                                 AND o.contact_id IN (SELECT value FROM json_each($2))
                               ORDER BY o.connected_at, o.contact_id LIMIT 1)",
        "INSERT INTO contact_tags (contact_id, tag_id)
         SELECT $1, tag_id FROM contact_tags WHERE contact_id IN (SELECT value FROM json_each($2))
         ON CONFLICT DO NOTHING",
        "UPDATE workflow_runs SET contact_id = $1
          WHERE contact_id IN (SELECT value FROM json_each($2))",
    ] {
        sqlx::query(sql)
            .bind(survivor_id)
            .bind(&others)
            .execute(&mut *conn)
            .await
            .context("move_belongings")?;
    }
    let own: Option<(i64,)> = sqlx::query_as("SELECT id FROM conversations WHERE contact_id = $1")
        .bind(survivor_id)
        .fetch_optional(&mut *conn)
        .await
        .context("move_belongings: reading conversations")?;
    let theirs: Vec<(i64,)> = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT id FROM conversations WHERE contact_id IN (SELECT value FROM json_each($1))
          ORDER BY coalesce(last_message_at, to_timestamp(0)) DESC, id",
    ))
    .bind(&others)
    .fetch_all(&mut *conn)
    .await
    .context("move_belongings: reading conversations")?;
    let target = match (own, theirs.first()) {
        (Some((id,)), _) => id,
        (None, Some((id,))) => {
            // The survivor had no conversation: it takes over the liveliest.
            sqlx::query("UPDATE conversations SET contact_id = $1 WHERE id = $2")
                .bind(survivor_id)
                .bind(id)
                .execute(&mut *conn)
                .await
                .context("move_belongings: updating conversations")?;
            *id
        }
        (None, None) => return Ok(()),
    };
    let moved: Vec<i64> = theirs
        .iter()
        .map(|(id,)| *id)
        .filter(|id| *id != target)
        .collect();
    sqlx::query(
        "UPDATE messages SET conversation_id = $1
          WHERE conversation_id IN (SELECT value FROM json_each($2))",
    )
    .bind(target)
    .bind(ids_json(&moved))
    .execute(&mut *conn)
    .await
    .context("move_belongings: updating messages")?;
    sqlx::query(
        "UPDATE conversations SET last_message_at =
            (SELECT max(sent_at) FROM messages WHERE conversation_id = $1)
          WHERE id = $1",
    )
    .bind(target)
    .execute(&mut *conn)
    .await
    .context("move_belongings: updating conversations")?;
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|_| AppError::Internal)
}

/// Writes the merge history entry (R15) with the snapshot (R14).
#[allow(clippy::too_many_arguments)]
async fn record(
    conn: &mut AnyConnection,
    workspace_id: i64,
    actor: &Actor,
    rows: &[ContactRow],
    fields: &[FieldValues],
    request: &MergeRequest,
    snapshot: &serde_json::Value,
    at: i64,
) -> Result<i64, AppError> {
    let contacts: Vec<MergedContact> = rows
        .iter()
        .map(|row| MergedContact {
            id: row.id,
            name: row.name(),
        })
        .collect();
    let choices: Vec<ChosenValue> = fields
        .iter()
        .filter(|field| field.review.differs)
        .map(|field| {
            let (index, _) = kept(field, rows, request);
            ChosenValue {
                label: field.review.label.clone(),
                value: field.review.options[index].display.clone(),
                from: rows[index].id,
            }
        })
        .collect();
    let (merge_id,): (i64,) = sqlx::query_as(&Dialect::of(conn).sql(
        "INSERT INTO merges (workspace_id, survivor_id, contacts, choices, snapshot, merged_by,
                             merged_by_name, merged_at)
         VALUES ($1, $2, json_document($3), json_document($4), json_document($5), $6, $7,
                 to_timestamp($8))
         RETURNING id",
    ))
    .bind(workspace_id)
    .bind(rows[0].id)
    .bind(to_json(&contacts)?)
    .bind(to_json(&choices)?)
    .bind(snapshot.to_string())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(at)
    .fetch_one(&mut *conn)
    .await
    .context("record: adding to merges")?;
    sqlx::query(
        "INSERT INTO merge_members (contact_id, merge_id)
         SELECT value, $1 FROM json_each($2)",
    )
    .bind(merge_id)
    .bind(ids_json(&request.contact_ids))
    .execute(&mut *conn)
    .await
    .context("record: adding to merge_members")?;
    Ok(merge_id)
}
