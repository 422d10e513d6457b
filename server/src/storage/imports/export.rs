//! "Export all contacts" (R36): a background job writes the CSV document in
//! parts, one per batch of contacts in id order, into `export_parts`; the
//! download streams the parts. The document starts with a byte-order mark
//! for Excel and has every standard field, every custom field, tags and
//! channels, in columns the import maps by themselves.

use crate::contacts_csv::neutralise;
use crate::jobs::{BatchOutcome, ClaimedJob, JobQueue};
use crate::storage::contacts::filter::{push_query, push_workspace, tag_ids};
use crate::storage::details::field_settings::custom_fields;
use crate::storage::jobs::{self, JobTable};
use crate::storage::sql::SqlBuilder;
use crate::storage::{Context, Dialect, Store, StoreError, WriteScope};
use app::contacts::format;
use app::contacts::model::ContactQuery;
use app::error::AppError;
use app::imports::model::{export_headers, ExportProgress, ExportRequest, EXPORT_KEPT_SECS};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use shared::UiLanguage;
use sqlx::AnyConnection;

use std::collections::HashMap;

/// What an export writes, fixed when it is requested.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ExportPlan {
    query: Option<ContactQuery>,
    /// The query's tags, resolved when the export was requested.
    tag_ids: Vec<i64>,
    /// Custom field keys and labels, in column order.
    fields: Vec<(String, String)>,
}

/// `WHERE …` for the plan's contacts.
fn push_filter(builder: &mut SqlBuilder, dialect: Dialect, workspace_id: i64, plan: &ExportPlan) {
    match &plan.query {
        Some(query) => push_query(builder, dialect, workspace_id, query, &plan.tag_ids),
        None => push_workspace(builder, workspace_id),
    }
}

pub(super) async fn start(
    store: &Store,
    workspace_id: i64,
    user_id: i64,
    request: &ExportRequest,
    language: UiLanguage,
) -> Result<ExportProgress, AppError> {
    sqlx::query(
        &store
            .dialect
            .sql("DELETE FROM exports WHERE workspace_id = $1 AND created_at < to_timestamp($2)"),
    )
    .bind(workspace_id)
    .bind(store.now() - EXPORT_KEPT_SECS)
    .execute(&store.pool)
    .await
    .context("start_export: deleting expired exports")?;
    let fields = custom_fields(store, workspace_id)
        .await?
        .into_iter()
        .map(|field| (field.key().to_string(), field.label().to_string()))
        .collect();
    let tag_ids = match &request.query {
        Some(query) => tag_ids(&store.pool, workspace_id, query).await?,
        None => Vec::new(),
    };
    let plan = ExportPlan {
        query: request.query.clone(),
        tag_ids,
        fields,
    };
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("start_export: starting a write transaction")?;
    let mut builder = SqlBuilder::new("SELECT COUNT(*) FROM contacts c WHERE ");
    push_filter(&mut builder, store.dialect(), workspace_id, &plan);
    let (total,): (i64,) = builder
        .build_query_as()
        .fetch_one(&mut *tx)
        .await
        .context("start_export: counting contacts")?;
    let (export_id,): (i64,) = sqlx::query_as(&store.dialect.sql(
        "INSERT INTO exports (workspace_id, requested_by, query, total, created_at)
         VALUES ($1, $2, json_document($3), $4, to_timestamp($5)) RETURNING id",
    ))
    .bind(workspace_id)
    .bind(user_id)
    .bind(serde_json::to_string(&plan).map_err(|_| AppError::Internal)?)
    .bind(total)
    .bind(store.now())
    .fetch_one(&mut *tx)
    .await
    .context("start_export: adding to exports")?;
    let (leading, trailing) = export_headers(language);
    let mut header: Vec<String> = leading.iter().map(ToString::to_string).collect();
    header.extend(plan.fields.iter().map(|(_, label)| label.clone()));
    header.extend(trailing.iter().map(ToString::to_string));
    let mut document = "\u{feff}".to_string();
    document.push_str(&csv_lines(&[header]).map_err(|_| AppError::Internal)?);
    add_part(&mut tx, export_id, 0, document).await?;
    tx.commit().await.context("start_export: committing")?;
    tracing::info!(export_id, workspace_id, total, "export requested");
    Ok(ExportProgress {
        export_id,
        total: u64::try_from(total).unwrap_or(0),
        written: 0,
        done: false,
    })
}

pub(super) async fn progress(
    store: &Store,
    workspace_id: i64,
    user_id: i64,
) -> Result<Option<ExportProgress>, AppError> {
    let pool = &store.pool;
    let row: Option<(i64, i64, i64, String)> = sqlx::query_as(&store.dialect.sql(
        "SELECT id, total, written, status FROM exports
          WHERE workspace_id = $1 AND requested_by = $2 AND created_at >= to_timestamp($3)
          ORDER BY id DESC LIMIT 1",
    ))
    .bind(workspace_id)
    .bind(user_id)
    .bind(store.now() - EXPORT_KEPT_SECS)
    .fetch_optional(pool)
    .await
    .context("export_progress: reading exports")?;
    Ok(
        row.map(|(export_id, total, written, status)| ExportProgress {
            export_id,
            total: u64::try_from(total).unwrap_or(0),
            written: u64::try_from(written).unwrap_or(0),
            done: status == "done",
        }),
    )
}

async fn add_part(
    conn: &mut AnyConnection,
    export_id: i64,
    part: i64,
    content: String,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO export_parts (export_id, part, content) VALUES ($1, $2, $3)")
        .bind(export_id)
        .bind(part)
        .bind(content)
        .execute(conn)
        .await
        .context("export: adding to export_parts")?;
    Ok(())
}

fn csv_lines(records: &[Vec<String>]) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        writer.write_record(record.iter().map(|cell| neutralise(cell)))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A contact's columns as stored.
type ExportColumns = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
    Option<i64>,
    Option<String>,
);

/// Values of the contacts with ids from `first` to `last` in one of their
/// side tables, by contact. A range reads the side table's primary key in
/// order, much faster than a list of thousands of ids; rows of contacts
/// outside the batch are not asked for later.
async fn grouped(
    conn: &mut AnyConnection,
    sql: &str,
    (first, last): (i64, i64),
) -> Result<HashMap<i64, Vec<(String, String)>>, StoreError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(sql)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await
        .context("export: reading a contact's values")?;
    let mut by_contact: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for (id, key, value) in rows {
        by_contact.entry(id).or_default().push((key, value));
    }
    Ok(by_contact)
}

/// The next batch's records after contact `after`, and the last id.
async fn records(
    conn: &mut AnyConnection,
    workspace_id: i64,
    plan: &ExportPlan,
    after: i64,
    limit: i64,
) -> Result<(Vec<Vec<String>>, Option<i64>), StoreError> {
    let mut builder = SqlBuilder::new(&Dialect::of(conn).sql(
        "SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.country, c.language,
                u.email, unix_seconds(c.blocked_at), unix_seconds(c.created_at),
                unix_seconds(c.last_message_at), v.status
           FROM contacts c LEFT JOIN users u ON u.id = c.assignee_id
           LEFT JOIN conversations v ON v.contact_id = c.id WHERE ",
    ));
    push_filter(&mut builder, Dialect::of(conn), workspace_id, plan);
    builder
        .push(" AND c.id > ")
        .push_bind(after)
        .push(" ORDER BY c.id LIMIT ")
        .push_bind(limit);
    let rows: Vec<ExportColumns> = builder
        .build_query_as()
        .fetch_all(&mut *conn)
        .await
        .context("export: reading contacts")?;
    let (Some(first), Some(last)) = (rows.first().map(|row| row.0), rows.last().map(|row| row.0))
    else {
        return Ok((Vec::new(), None));
    };
    let range = (first, last);
    let tags = grouped(
        conn,
        "SELECT ct.contact_id, t.name_key, t.name FROM contact_tags ct
           JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id BETWEEN $1 AND $2",
        range,
    )
    .await?;
    let channels = grouped(
        conn,
        "SELECT cc.contact_id, ch.kind, ch.name FROM contact_channels cc
           JOIN channels ch ON ch.id = cc.channel_id WHERE cc.contact_id BETWEEN $1 AND $2",
        range,
    )
    .await?;
    let custom = grouped(
        conn,
        "SELECT v.contact_id, f.key, v.value FROM custom_values v
           JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id BETWEEN $1 AND $2",
        range,
    )
    .await?;
    let records = rows
        .into_iter()
        .map(|row| {
            let (
                id,
                first,
                last,
                email,
                phone,
                country,
                language,
                assignee,
                blocked,
                added,
                last_message,
                status,
            ) = row;
            let mut tag_names: Vec<(String, String)> = tags.get(&id).cloned().unwrap_or_default();
            tag_names.sort();
            let channel_kinds: Vec<String> = channels
                .get(&id)
                .map(|links| {
                    links
                        .iter()
                        .map(|(kind, _)| {
                            kind.parse::<shared::channel::ChannelKind>()
                                .map_or_else(|_| kind.clone(), |kind| kind.label().to_string())
                        })
                        .collect()
                })
                .unwrap_or_default();
            let values = custom.get(&id);
            let mut record = vec![
                first,
                last,
                email.unwrap_or_default(),
                phone.unwrap_or_default(),
                country
                    .as_deref()
                    .map(|code| format::country_name(code, UiLanguage::English))
                    .unwrap_or_default(),
                language.unwrap_or_default(),
                assignee.unwrap_or_default(),
                tag_names
                    .into_iter()
                    .map(|(_, name)| name)
                    .collect::<Vec<_>>()
                    .join("; "),
            ];
            record.extend(plan.fields.iter().map(|(key, _)| {
                values
                    .and_then(|values| values.iter().find(|(field, _)| field == key))
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default()
            }));
            record.extend([
                channel_kinds.join(", "),
                status.unwrap_or_default(),
                if blocked.is_some() { "yes" } else { "no" }.to_string(),
                shared::timestamp::format_date_utc(added),
                last_message
                    .map(shared::timestamp::format_utc)
                    .unwrap_or_default(),
            ]);
            record
        })
        .collect();
    Ok((records, Some(last)))
}

/// Exports, as their runner sees them.
pub struct ExportJobs(pub Store);

#[async_trait]
impl JobQueue for ExportJobs {
    fn store(&self) -> &Store {
        &self.0
    }

    fn table(&self) -> JobTable {
        JobTable::Exports
    }

    /// Writes the next `batch_size` contacts as one part of the document.
    async fn run_batch(
        &self,
        job: ClaimedJob,
        runner: &str,
        batch_size: u32,
        lease_millis: i64,
    ) -> Result<BatchOutcome, StoreError> {
        let Some(mut tx) =
            jobs::begin_batch(&self.0, JobTable::Exports, job, runner, lease_millis).await?
        else {
            return Ok(BatchOutcome::Lost);
        };
        let (plan, last_id, written): (String, i64, i64) = sqlx::query_as(
            "SELECT CAST(query AS text), last_id, written FROM exports WHERE id = $1",
        )
        .bind(job.id)
        .fetch_one(&mut *tx)
        .await
        .context("export_batch: reading exports")?;
        let plan: ExportPlan = serde_json::from_str(&plan)
            .map_err(|error| sqlx::Error::Decode(Box::new(error)))
            .context("export_batch: reading the export's plan")?;
        let limit = i64::from(batch_size.max(1));
        let (records, last) = records(&mut tx, job.workspace_id, &plan, last_id, limit).await?;
        let count = i64::try_from(records.len()).unwrap_or(i64::MAX);
        if let Some(last) = last {
            let content = csv_lines(&records)
                .map_err(|error| sqlx::Error::Protocol(error.to_string()))
                .context("export_batch: writing CSV")?;
            let (parts,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM export_parts WHERE export_id = $1")
                    .bind(job.id)
                    .fetch_one(&mut *tx)
                    .await
                    .context("export_batch: reading export_parts")?;
            add_part(&mut tx, job.id, parts, content).await?;
            sqlx::query("UPDATE exports SET written = $1, last_id = $2 WHERE id = $3")
                .bind(written + count)
                .bind(last)
                .bind(job.id)
                .execute(&mut *tx)
                .await
                .context("export_batch: updating exports")?;
        }
        let done = count < limit;
        if done {
            sqlx::query(&self.0.dialect.sql(
                "UPDATE exports SET status = 'done', total = written, finished_at = to_timestamp($1),
                        claimed_by = NULL, claimed_until = NULL WHERE id = $2",
            ))
            .bind(self.0.now())
            .bind(job.id)
            .execute(&mut *tx)
            .await
            .context("export_batch: finishing")?;
            tracing::info!(export_id = job.id, "export finished");
        }
        tx.commit().await.context("export_batch: committing")?;
        Ok(if done {
            BatchOutcome::Done
        } else {
            BatchOutcome::More
        })
    }
}
