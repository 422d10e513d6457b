//! The contacts of a review or merge and every field's values, compared
//! with the shared merge rules.

use crate::storage::details::{field_settings, read};
use crate::storage::sql::Flag;
use crate::storage::{Context, Dialect};
use app::contacts::format::{country_name, language_name};
use app::error::{AppError, Missing, Refusal};
use app::merge::model::{ReviewContact, ReviewField, ReviewOption};
use shared::merge::{is_merged_field, preselect, values_differ, FieldValue};
use shared::name::shown_name;
use shared::{
    CustomFieldDefinition, CustomFieldValue, FieldKey, PhoneNumber, StandardField, UiLanguage,
};
use sqlx::AnyConnection;

/// The stored columns of a contact a merge reads and writes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct ContactRow {
    pub id: i64,
    pub version: i64,
    pub first_name: String,
    pub last_name: String,
    pub profile_name: String,
    pub avatar_url: Option<String>,
    pub email: Option<String>,
    pub email_key: Option<String>,
    pub phone: Option<String>,
    pub country: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub country_manual: bool,
    pub language: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub updated_at: i64,
    pub last_message_at: Option<i64>,
    #[sqlx(try_from = "Flag")]
    pub blocked: bool,
    #[sqlx(try_from = "Flag")]
    pub merged: bool,
}

impl ContactRow {
    /// The name the contact is shown by.
    pub fn name(&self) -> String {
        shown_name(
            &self.first_name,
            &self.last_name,
            &self.profile_name,
            self.phone.as_deref().or(self.email.as_deref()),
            self.id,
        )
    }

    fn stored_phone(&self) -> Option<PhoneNumber> {
        crate::storage::stored_phone(self.phone.as_deref())
    }

    /// The country shown for the contact (R18), as a code.
    pub fn shown_country(&self) -> Option<String> {
        let phone = self.stored_phone();
        read::shown_country(self.country.as_deref(), self.country_manual, phone.as_ref())
            .map(|country| country.code().to_owned())
    }
}

/// The contacts in the order of `ids`: 404 when one is not in the
/// workspace, 409 when one is blocked or merged away.
pub(super) async fn contacts(
    conn: &mut AnyConnection,
    workspace_id: i64,
    ids: &[i64],
) -> Result<Vec<ContactRow>, AppError> {
    let found: Vec<ContactRow> = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT c.id, c.version, c.first_name, c.last_name, c.profile_name, c.avatar_url, c.email,
                c.email_key, c.phone, c.country, c.country_manual, c.language, c.assignee_id,
                u.name AS assignee_name, unix_seconds(c.updated_at) AS updated_at,
                unix_seconds(c.last_message_at) AS last_message_at,
                c.blocked_at IS NOT NULL AS blocked, c.merged_into IS NOT NULL AS merged
           FROM contacts c LEFT JOIN users u ON u.id = c.assignee_id
          WHERE c.workspace_id = $1 AND c.id IN (SELECT value FROM json_each($2))",
    ))
    .bind(workspace_id)
    .bind(crate::storage::sql::ids_json(ids))
    .fetch_all(&mut *conn)
    .await
    .context("contacts: reading contacts")?;
    ids.iter()
        .map(|id| {
            let row = found
                .iter()
                .find(|row| row.id == *id)
                .cloned()
                .ok_or_else(|| AppError::not_found(Missing::Contact))?;
            if row.merged {
                return Err(Refusal::MergedMeanwhile { name: row.name() }.into());
            }
            if row.blocked {
                return Err(Refusal::BlockedNotMerged { name: row.name() }.into());
            }
            Ok(row)
        })
        .collect()
}

/// What the review shows of each contact beyond its fields.
pub(super) async fn review_contact(
    conn: &mut AnyConnection,
    row: &ContactRow,
) -> Result<ReviewContact, AppError> {
    let channels: Vec<(String,)> = sqlx::query_as(
        "SELECT ch.name FROM contact_channels cc JOIN channels ch ON ch.id = cc.channel_id
          WHERE cc.contact_id = $1 ORDER BY ch.name",
    )
    .bind(row.id)
    .fetch_all(&mut *conn)
    .await
    .context("review_contact: reading contact_channels")?;
    let tags: Vec<(String,)> = sqlx::query_as(
        "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
          WHERE ct.contact_id = $1 ORDER BY t.name_key",
    )
    .bind(row.id)
    .fetch_all(&mut *conn)
    .await
    .context("review_contact: reading contact_tags")?;
    let (messages,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM messages m JOIN conversations v ON v.id = m.conversation_id
          WHERE v.contact_id = $1",
    )
    .bind(row.id)
    .fetch_one(&mut *conn)
    .await
    .context("review_contact: reading messages")?;
    Ok(ReviewContact {
        id: row.id,
        version: row.version,
        name: row.name(),
        channels: channels.into_iter().map(|(name,)| name).collect(),
        tags: tags.into_iter().map(|(name,)| name).collect(),
        messages,
    })
}

/// A field of the review with each contact's stored value (what a merge
/// copies) next to what the review shows.
#[derive(Debug, Clone)]
pub(super) struct FieldValues {
    pub key: FieldKey,
    pub review: ReviewField,
    /// Per contact, in the review's order: the stored value, empty when not
    /// set.
    pub stored: Vec<String>,
}

/// Custom values of the contacts: (contact id, field key, stored value).
async fn custom_values(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<Vec<(i64, String, String)>, AppError> {
    let values = sqlx::query_as(
        "SELECT v.contact_id, f.key, v.value FROM custom_values v
           JOIN custom_fields f ON f.id = v.field_id
          WHERE v.contact_id IN (SELECT value FROM json_each($1))",
    )
    .bind(crate::storage::sql::ids_json(ids))
    .fetch_all(&mut *conn)
    .await
    .context("custom_values: reading custom_values")?;
    Ok(values)
}

/// A standard field's stored value and display.
fn standard_value(field: StandardField, row: &ContactRow) -> (String, String) {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    match field {
        StandardField::Profile => (row.profile_name.clone(), row.profile_name.clone()),
        StandardField::FirstName => (row.first_name.clone(), row.first_name.clone()),
        StandardField::LastName => (row.last_name.clone(), row.last_name.clone()),
        StandardField::Email => (text(&row.email), text(&row.email)),
        StandardField::Phone => (
            text(&row.phone),
            row.stored_phone()
                .map(|phone| phone.format_international().to_owned())
                .unwrap_or_default(),
        ),
        StandardField::Country => {
            let code = row.shown_country().unwrap_or_default();
            let name = if code.is_empty() {
                String::new()
            } else {
                country_name(&code, UiLanguage::English)
            };
            (code, name)
        }
        StandardField::Language => {
            let tag = text(&row.language);
            let name = if tag.is_empty() {
                String::new()
            } else {
                language_name(&tag, UiLanguage::English)
            };
            (tag, name)
        }
        StandardField::Assignee => (
            row.assignee_id.map(|id| id.to_string()).unwrap_or_default(),
            text(&row.assignee_name),
        ),
        StandardField::ConversationStatus => (String::new(), String::new()),
    }
}

fn custom_display(definition: &CustomFieldDefinition, stored: &str) -> String {
    CustomFieldValue::parse(definition, stored, None)
        .ok()
        .flatten()
        .map(|value| value.to_string())
        .unwrap_or_default()
}

/// Every field the review asks about, in the workspace's field order, with
/// each contact's value and the preselection (R13). Everything is read on
/// `conn`: a merge holds its write lock meanwhile, and waiting for a second
/// connection from a pool that requests waiting for that lock have taken
/// lasts until they time out.
pub(super) async fn field_values(
    conn: &mut AnyConnection,
    workspace_id: i64,
    rows: &[ContactRow],
) -> Result<Vec<FieldValues>, AppError> {
    let definitions = field_settings::custom_fields_on(conn, workspace_id).await?;
    let custom_keys: Vec<String> = definitions.iter().map(|d| d.key().to_owned()).collect();
    let order = field_settings::order_on(conn, workspace_id, &custom_keys).await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let custom = custom_values(conn, &ids).await?;
    let mut fields = Vec::new();
    for key in order.keys().iter().filter(|key| is_merged_field(key)) {
        let (label, values): (String, Vec<(String, String)>) = match key {
            FieldKey::Standard(field) => (
                field.label().to_owned(),
                rows.iter().map(|row| standard_value(*field, row)).collect(),
            ),
            FieldKey::Custom(custom_key) => {
                let Some(definition) = definitions.iter().find(|d| d.key() == custom_key) else {
                    continue;
                };
                let values = rows
                    .iter()
                    .map(|row| {
                        let stored = custom
                            .iter()
                            .find(|(id, key, _)| *id == row.id && key == custom_key)
                            .map(|(_, _, value)| value.clone())
                            .unwrap_or_default();
                        let display = custom_display(definition, &stored);
                        (stored, display)
                    })
                    .collect();
                (definition.label().to_owned(), values)
            }
        };
        let compared: Vec<FieldValue<'_>> = rows
            .iter()
            .zip(&values)
            .map(|(row, (stored, _))| FieldValue {
                contact_id: row.id,
                updated_at: row.updated_at,
                value: stored,
            })
            .collect();
        let differs = values_differ(&compared);
        let preselected = preselect(&compared).unwrap_or(rows[0].id);
        fields.push(FieldValues {
            key: key.clone(),
            review: ReviewField {
                key: key.as_str().to_owned(),
                label,
                options: rows
                    .iter()
                    .zip(&values)
                    .map(|(row, (_, display))| ReviewOption {
                        contact_id: row.id,
                        display: display.clone(),
                    })
                    .collect(),
                differs,
                preselected,
            },
            stored: values.into_iter().map(|(stored, _)| stored).collect(),
        });
    }
    Ok(fields)
}
