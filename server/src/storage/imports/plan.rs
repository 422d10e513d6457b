//! What an import does with each row of a batch: checks it with the shared
//! parsers, finds the existing contact it matches (same e-mail address, else
//! same phone number, among the contacts that existed before the import),
//! and works out the row's plan. The dry run counts the plans; the import
//! carries them out, so both agree row for row.

use crate::storage::sql::{Flag, SqlBuilder};
use crate::storage::{Context, Dialect, StoreError};
use shared::custom_field::CustomFieldDefinition;
use shared::import::{parse_row, CellError, ImportRow, ImportSettings, RowProblem};
use shared::{Country, TagName};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Everything the rows of one import are checked against.
pub(super) struct Rules {
    pub headers: Vec<String>,
    pub settings: ImportSettings,
    pub default_country: Option<Country>,
    pub definitions: Vec<CustomFieldDefinition>,
    /// The workspace's users by e-mail key.
    pub members: HashMap<String, i64>,
    /// Only contacts up to this id count as existing.
    pub known_before: i64,
}

/// A contact's values as stored, for comparing.
#[derive(Debug, Clone, Default)]
struct Existing {
    first: String,
    last: String,
    /// Address and key.
    email: Option<(String, String)>,
    phone: Option<String>,
    country: Option<String>,
    country_manual: bool,
    language: Option<String>,
    assignee_id: Option<i64>,
    tag_keys: Vec<String>,
    custom: HashMap<String, String>,
}

/// The values a row sets, as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Values {
    pub name: Option<(String, String)>,
    /// Address and key.
    pub email: Option<(String, String)>,
    pub phone: Option<String>,
    /// The country the phone number belongs to (set when the contact has
    /// no country of its own).
    pub phone_country: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub assignee_id: Option<i64>,
    pub tags: Vec<TagName>,
    /// Custom values by field key, as stored.
    pub custom: Vec<(String, String)>,
}

impl Values {
    fn is_empty(&self) -> bool {
        *self == Values::default()
    }
}

/// What happens to one row.
#[derive(Debug, Clone)]
pub(super) enum Plan {
    Add(Values),
    Update { contact_id: i64, changes: Values },
    Skip,
    Fail(Vec<CellError>),
}

/// Rows parsed between two yields to other tasks.
const PARSE_CHUNK: usize = 100;

/// A row that passed the checks, with its assignee's user id.
type CheckedRow = (ImportRow, Option<i64>);

/// The plans of a batch of rows, in the batch's order.
pub(super) async fn plan_rows(
    conn: &mut AnyConnection,
    workspace_id: i64,
    rules: &Rules,
    rows: &[(i64, Vec<String>)],
) -> Result<Vec<Plan>, StoreError> {
    // Parsing (phone numbers above all) takes the CPU: a few rows at a
    // time, letting requests in between.
    let mut parsed: Vec<Result<CheckedRow, Vec<CellError>>> = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(PARSE_CHUNK) {
        parsed.extend(chunk.iter().map(|(_, cells)| {
            let row = parse_row(
                &rules.headers,
                cells,
                &rules.settings,
                rules.default_country,
                &rules.definitions,
            )?;
            let assignee = assignee_of(&row, rules)?;
            Ok((row, assignee))
        }));
        tokio::task::yield_now().await;
    }
    let valid = || parsed.iter().filter_map(|row| row.as_ref().ok());
    let email_keys: Vec<String> = valid()
        .filter_map(|(row, _)| row.email.as_ref().map(|email| email.key().to_string()))
        .collect();
    let phones: Vec<String> = valid()
        .filter_map(|(row, _)| row.phone.as_ref().map(|phone| phone.e164().to_string()))
        .collect();
    let by_email = matches(
        conn,
        workspace_id,
        rules.known_before,
        "email_key",
        email_keys,
    )
    .await?;
    let by_phone = matches(conn, workspace_id, rules.known_before, "phone", phones).await?;
    let mut ids: Vec<i64> = by_email
        .values()
        .chain(by_phone.values())
        .copied()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let existing = load_existing(conn, &ids).await?;
    let mode = rules.settings.mode;
    Ok(parsed
        .into_iter()
        .map(|row| {
            let (row, assignee_id) = match row {
                Ok(valid) => valid,
                Err(errors) => return Plan::Fail(errors),
            };
            let values = values_of(&row, assignee_id);
            let found = row
                .email
                .as_ref()
                .and_then(|email| by_email.get(email.key()))
                .or_else(|| {
                    row.phone
                        .as_ref()
                        .and_then(|phone| by_phone.get(phone.e164()))
                })
                .and_then(|id| existing.get(id).map(|contact| (*id, contact)));
            match found {
                Some((contact_id, contact)) if mode.updates() => {
                    let changes = changes(contact, values, rules.settings.keep_existing);
                    if changes.is_empty() {
                        Plan::Skip
                    } else {
                        Plan::Update {
                            contact_id,
                            changes,
                        }
                    }
                }
                Some(_) => Plan::Skip,
                None if mode.adds() => Plan::Add(values),
                None => Plan::Skip,
            }
        })
        .collect())
}

fn assignee_of(row: &ImportRow, rules: &Rules) -> Result<Option<i64>, Vec<CellError>> {
    let Some(email) = &row.assignee else {
        return Ok(None);
    };
    if let Some(id) = rules.members.get(email.key()) {
        Ok(Some(*id))
    } else {
        let column = rules
            .settings
            .columns
            .iter()
            .position(|target| *target == shared::import::ImportTarget::Assignee)
            .and_then(|index| rules.headers.get(index))
            .cloned()
            .unwrap_or_default();
        Err(vec![CellError {
            column,
            reason: RowProblem::UnknownAssignee(email.to_string())
                .message_in(rules.settings.language),
        }])
    }
}

fn values_of(row: &ImportRow, assignee_id: Option<i64>) -> Values {
    Values {
        name: row
            .name
            .as_ref()
            .map(|name| (name.first().to_string(), name.last().to_string())),
        email: row
            .email
            .as_ref()
            .map(|email| (email.as_str().to_string(), email.key().to_string())),
        phone: row.phone.as_ref().map(|phone| phone.e164().to_string()),
        phone_country: row
            .phone
            .as_ref()
            .and_then(shared::PhoneNumber::country)
            .map(|country| country.code().to_string()),
        country: row.country.map(|country| country.code().to_string()),
        language: row.language.map(shared::Language::tag),
        assignee_id,
        tags: row.tags.clone(),
        custom: row
            .custom
            .iter()
            .map(|(key, value)| (key.clone(), value.to_input()))
            .collect(),
    }
}

/// What of `values` would change `contact`; with `keep_existing`, only
/// empty fields are filled. Tags are only ever added.
fn changes(contact: &Existing, values: Values, keep_existing: bool) -> Values {
    fn change<T: PartialEq>(
        new: Option<T>,
        current: Option<&T>,
        is_set: bool,
        keep_existing: bool,
    ) -> Option<T> {
        new.filter(|new| Some(new) != current && !(keep_existing && is_set))
    }
    let current_name = (contact.first.clone(), contact.last.clone());
    let has_name = !contact.first.is_empty() || !contact.last.is_empty();
    // A country from the file is set by hand; one derived from the phone
    // number is replaced by it.
    let country_current = contact.country.as_ref().filter(|_| contact.country_manual);
    let phone = change(
        values.phone,
        contact.phone.as_ref(),
        contact.phone.is_some(),
        keep_existing,
    );
    Values {
        name: change(values.name, Some(&current_name), has_name, keep_existing),
        phone_country: values.phone_country.filter(|_| phone.is_some()),
        phone,
        email: change(
            values.email,
            contact.email.as_ref(),
            contact.email.is_some(),
            keep_existing,
        ),
        country: change(
            values.country,
            country_current,
            country_current.is_some(),
            keep_existing,
        ),
        language: change(
            values.language,
            contact.language.as_ref(),
            contact.language.is_some(),
            keep_existing,
        ),
        assignee_id: change(
            values.assignee_id,
            contact.assignee_id.as_ref(),
            contact.assignee_id.is_some(),
            keep_existing,
        ),
        tags: values
            .tags
            .into_iter()
            .filter(|tag| !contact.tag_keys.iter().any(|key| key == tag.key()))
            .collect(),
        custom: values
            .custom
            .into_iter()
            .filter(|(key, value)| {
                let current = contact.custom.get(key);
                current != Some(value) && !(keep_existing && current.is_some())
            })
            .collect(),
    }
}

/// The lowest id of an existing contact per value of `column`.
async fn matches(
    conn: &mut AnyConnection,
    workspace_id: i64,
    known_before: i64,
    column: &'static str,
    mut values: Vec<String>,
) -> Result<HashMap<String, i64>, StoreError> {
    values.sort_unstable();
    values.dedup();
    let mut found = HashMap::new();
    if values.is_empty() {
        return Ok(found);
    }
    let mut builder = SqlBuilder::new("SELECT ");
    builder
        .push(column)
        .push(", MIN(id) FROM contacts WHERE workspace_id = ")
        .push_bind(workspace_id)
        .push(" AND merged_into IS NULL AND id <= ")
        .push_bind(known_before)
        .push(" AND ")
        .push(column)
        .push_in_texts(Dialect::of(conn), &values)
        .push(" GROUP BY ")
        .push(column);
    let rows: Vec<(String, i64)> = builder
        .build_query_as()
        .fetch_all(&mut *conn)
        .await
        .context("plan_rows: matching contacts")?;
    found.extend(rows);
    Ok(found)
}

type ContactColumns = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Flag,
    Option<String>,
    Option<i64>,
);

async fn load_existing(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Existing>, StoreError> {
    let mut existing = HashMap::new();
    if ids.is_empty() {
        return Ok(existing);
    }
    let mut builder = SqlBuilder::new(
        "SELECT id, first_name, last_name, email, email_key, phone, country, country_manual, language,
                assignee_id FROM contacts WHERE id IN (",
    );
    builder.push_list(ids.to_vec()).push(")");
    let rows: Vec<ContactColumns> = builder
        .build_query_as()
        .fetch_all(&mut *conn)
        .await
        .context("plan_rows: reading contacts")?;
    for (
        id,
        first,
        last,
        email,
        email_key,
        phone,
        country,
        Flag(country_manual),
        language,
        assignee_id,
    ) in rows
    {
        existing.insert(
            id,
            Existing {
                first,
                last,
                email: email.zip(email_key),
                phone,
                country,
                country_manual,
                language,
                assignee_id,
                ..Existing::default()
            },
        );
    }
    let mut builder = SqlBuilder::new(
        "SELECT ct.contact_id, t.name_key FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
          WHERE ct.contact_id IN (",
    );
    builder.push_list(ids.to_vec()).push(")");
    let tags: Vec<(i64, String)> = builder
        .build_query_as()
        .fetch_all(&mut *conn)
        .await
        .context("plan_rows: reading contact_tags")?;
    for (id, key) in tags {
        if let Some(contact) = existing.get_mut(&id) {
            contact.tag_keys.push(key);
        }
    }
    let mut builder = SqlBuilder::new(
        "SELECT v.contact_id, f.key, v.value FROM custom_values v
           JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id IN (",
    );
    builder.push_list(ids.to_vec()).push(")");
    let custom: Vec<(i64, String, String)> = builder
        .build_query_as()
        .fetch_all(&mut *conn)
        .await
        .context("plan_rows: reading custom_values")?;
    for (id, key, value) in custom {
        if let Some(contact) = existing.get_mut(&id) {
            contact.custom.insert(key, value);
        }
    }
    Ok(existing)
}
