//! Carrying out the plans of one batch inside the batch's transaction:
//! new contacts, changed fields, added tags and custom values. The
//! database's triggers keep counters and duplicate groups (merge
//! suggestions) right for imported contacts as for any other.

use super::plan::{Plan, Values};
use crate::storage::details::tags;
use crate::storage::sql::SqlBuilder;
use crate::storage::{Context, Dialect, StoreError};
use app::imports::model::ImportCounts;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Rows per statement when tags and custom values are added.
const LINKS_PER_STATEMENT: usize = 300;
/// New contacts per statement.
const CONTACTS_PER_STATEMENT: usize = 50;

/// Applies the plans; returns what they did.
pub(super) async fn apply(
    conn: &mut AnyConnection,
    workspace_id: i64,
    plans: &[Plan],
    at: i64,
) -> Result<ImportCounts, StoreError> {
    let tags = tag_ids(conn, workspace_id, plans, at).await?;
    let fields = field_ids(conn, workspace_id).await?;
    let mut counts = ImportCounts::default();
    let mut links = Links::default();
    let added: Vec<&Values> = plans
        .iter()
        .filter_map(|plan| match plan {
            Plan::Add(values) => Some(values),
            _ => None,
        })
        .collect();
    let ids = new_contact_ids(conn, added.len()).await?;
    for (chunk, chunk_ids) in added
        .chunks(CONTACTS_PER_STATEMENT)
        .zip(ids.chunks(CONTACTS_PER_STATEMENT))
    {
        insert(conn, workspace_id, chunk, chunk_ids, at).await?;
    }
    for (values, contact_id) in added.iter().zip(&ids) {
        links.add(*contact_id, values, &tags, &fields);
    }
    counts.added = u64::try_from(added.len()).unwrap_or(0);
    for plan in plans {
        match plan {
            Plan::Add(_) => {}
            Plan::Update {
                contact_id,
                changes,
            } => {
                update(conn, workspace_id, *contact_id, changes, at).await?;
                links.add(*contact_id, changes, &tags, &fields);
                counts.updated += 1;
            }
            Plan::Skip => counts.skipped += 1,
            Plan::Fail(_) => counts.failed += 1,
        }
    }
    links.store(conn).await?;
    Ok(counts)
}

/// The tags and custom values of a batch's contacts, added together.
#[derive(Default)]
struct Links {
    tags: Vec<(i64, i64)>,
    values: Vec<(i64, i64, String)>,
}

impl Links {
    fn add(
        &mut self,
        contact_id: i64,
        values: &Values,
        tags: &HashMap<String, i64>,
        fields: &HashMap<String, i64>,
    ) {
        self.tags.extend(
            values
                .tags
                .iter()
                .filter_map(|tag| tags.get(tag.key()))
                .map(|tag_id| (contact_id, *tag_id)),
        );
        self.values
            .extend(values.custom.iter().filter_map(|(key, value)| {
                fields
                    .get(key)
                    .map(|field_id| (contact_id, *field_id, value.clone()))
            }));
    }

    async fn store(self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        for chunk in self.tags.chunks(LINKS_PER_STATEMENT) {
            let mut builder =
                SqlBuilder::new("INSERT INTO contact_tags (contact_id, tag_id) VALUES ");
            for (index, (contact_id, tag_id)) in chunk.iter().enumerate() {
                builder
                    .push(if index == 0 { "(" } else { ", (" })
                    .push_bind(*contact_id)
                    .push(", ")
                    .push_bind(*tag_id)
                    .push(")");
            }
            builder
                .push(" ON CONFLICT DO NOTHING")
                .build()
                .execute(&mut *conn)
                .await
                .context("import: adding to contact_tags")?;
        }
        // One value per contact and field: the last row of the file wins.
        let mut values: HashMap<(i64, i64), String> = HashMap::new();
        for (contact_id, field_id, value) in self.values {
            values.insert((contact_id, field_id), value);
        }
        let values: Vec<((i64, i64), String)> = values.into_iter().collect();
        for chunk in values.chunks(LINKS_PER_STATEMENT) {
            let mut builder =
                SqlBuilder::new("INSERT INTO custom_values (contact_id, field_id, value) VALUES ");
            for (index, ((contact_id, field_id), value)) in chunk.iter().enumerate() {
                builder
                    .push(if index == 0 { "(" } else { ", (" })
                    .push_bind(*contact_id)
                    .push(", ")
                    .push_bind(*field_id)
                    .push(", ")
                    .push_bind(value.clone())
                    .push(")");
            }
            builder
                .push(" ON CONFLICT (contact_id, field_id) DO UPDATE SET value = excluded.value")
                .build()
                .execute(&mut *conn)
                .await
                .context("import: adding to custom_values")?;
        }
        Ok(())
    }
}

/// Ids for `count` new contacts. The batch holds the write lock, so on
/// SQLite the next ids are free; PostgreSQL hands them out from the
/// column's sequence.
async fn new_contact_ids(conn: &mut AnyConnection, count: usize) -> Result<Vec<i64>, StoreError> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    match Dialect::of(conn) {
        Dialect::Sqlite => {
            let (highest,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM contacts")
                .fetch_one(&mut *conn)
                .await
                .context("import: reading contacts")?;
            Ok((highest + 1..=highest + count).collect())
        }
        Dialect::Postgres => {
            let ids: Vec<(i64,)> = sqlx::query_as(
                "SELECT nextval(pg_get_serial_sequence('contacts', 'id')) FROM generate_series(1, $1)",
            )
            .bind(count)
            .fetch_all(&mut *conn)
            .await
            .context("import: taking contact ids")?;
            Ok(ids.into_iter().map(|(id,)| id).collect())
        }
    }
}

/// Adds new contacts with the given ids in one statement.
async fn insert(
    conn: &mut AnyConnection,
    workspace_id: i64,
    contacts: &[&Values],
    ids: &[i64],
    at: i64,
) -> Result<(), StoreError> {
    let mut builder = SqlBuilder::new(
        "INSERT INTO contacts (id, workspace_id, first_name, last_name, email, email_key, phone,
                               country, country_manual, language, assignee_id, created_at,
                               updated_at) VALUES ",
    );
    let dialect = Dialect::of(conn);
    for (index, (values, id)) in contacts.iter().zip(ids).enumerate() {
        let (first, last) = values.name.clone().unwrap_or_default();
        let (email, email_key) = values.email.clone().unzip();
        let country = values
            .country
            .clone()
            .or_else(|| values.phone_country.clone());
        builder
            .push(if index == 0 { "(" } else { ", (" })
            .push_bind(*id)
            .push(", ")
            .push_bind(workspace_id)
            .push(", ")
            .push_bind(first)
            .push(", ")
            .push_bind(last)
            .push(", ")
            .push_bind(email)
            .push(", ")
            .push_bind(email_key)
            .push(", ")
            .push_bind(values.phone.clone())
            .push(", ")
            .push_bind(country)
            .push(", ")
            .push_bind(values.country.is_some())
            .push(", ")
            .push_bind(values.language.clone())
            .push(", ")
            .push_bind(values.assignee_id)
            .push(", ")
            .push_time(dialect, at)
            .push(", ")
            .push_time(dialect, at)
            .push(")");
    }
    builder
        .build()
        .execute(&mut *conn)
        .await
        .context("import: adding to contacts")?;
    Ok(())
}

async fn update(
    conn: &mut AnyConnection,
    workspace_id: i64,
    contact_id: i64,
    changes: &Values,
    at: i64,
) -> Result<(), StoreError> {
    let mut builder = SqlBuilder::new("UPDATE contacts SET version = version + 1, updated_at = ");
    builder.push_time(Dialect::of(conn), at);
    if let Some((first, last)) = changes.name.clone() {
        builder
            .push(", first_name = ")
            .push_bind(first)
            .push(", last_name = ")
            .push_bind(last);
    }
    if let Some((email, key)) = changes.email.clone() {
        builder
            .push(", email = ")
            .push_bind(email)
            .push(", email_key = ")
            .push_bind(key);
    }
    if let Some(phone) = changes.phone.clone() {
        builder.push(", phone = ").push_bind(phone);
    }
    if let Some(country) = changes.country.clone() {
        builder
            .push(", country = ")
            .push_bind(country)
            .push(", country_manual = TRUE");
    } else if let Some(country) = changes.phone_country.clone() {
        builder
            .push(", country = CASE WHEN country_manual THEN country ELSE ")
            .push_bind(country)
            .push(" END");
    }
    if let Some(language) = changes.language.clone() {
        builder.push(", language = ").push_bind(language);
    }
    if let Some(assignee_id) = changes.assignee_id {
        builder.push(", assignee_id = ").push_bind(assignee_id);
    }
    builder
        .push(" WHERE id = ")
        .push_bind(contact_id)
        .push(" AND workspace_id = ")
        .push_bind(workspace_id);
    builder
        .build()
        .execute(&mut *conn)
        .await
        .context("import: updating contacts")?;
    if let Some(assignee_id) = changes.assignee_id {
        sqlx::query("UPDATE conversations SET assignee_id = $1 WHERE contact_id = $2")
            .bind(assignee_id)
            .bind(contact_id)
            .execute(&mut *conn)
            .await
            .context("import: updating conversations")?;
    }
    Ok(())
}

/// The ids of every tag the plans name, creating the missing ones.
async fn tag_ids(
    conn: &mut AnyConnection,
    workspace_id: i64,
    plans: &[Plan],
    at: i64,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut names: HashMap<String, String> = HashMap::new();
    for plan in plans {
        let values = match plan {
            Plan::Add(values) => values,
            Plan::Update { changes, .. } => changes,
            Plan::Skip | Plan::Fail(_) => continue,
        };
        for tag in &values.tags {
            names
                .entry(tag.key().to_string())
                .or_insert_with(|| tag.as_str().to_string());
        }
    }
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    for (key, name) in &names {
        tags::add_unless_known(conn, workspace_id, name, key, at)
            .await
            .context("import: adding to tags")?;
    }
    let mut builder = SqlBuilder::new("SELECT name_key, id FROM tags WHERE workspace_id = ");
    builder
        .push_bind(workspace_id)
        .push(" AND name_key IN (")
        .push_list(names.into_keys())
        .push(")");
    let rows: Vec<(String, i64)> = builder
        .build_query_as()
        .fetch_all(&mut *conn)
        .await
        .context("import: reading tags")?;
    Ok(rows.into_iter().collect())
}

async fn field_ids(
    conn: &mut AnyConnection,
    workspace_id: i64,
) -> Result<HashMap<String, i64>, StoreError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT key, id FROM custom_fields WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_all(&mut *conn)
            .await
            .context("import: reading custom_fields")?;
    Ok(rows.into_iter().collect())
}
