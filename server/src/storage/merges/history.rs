//! R15: the merge history, newest first, with whether each merge can still
//! be undone.

use super::undo::{self, StoredMerge};
use crate::storage::{Context, Store};
use app::error::AppError;
use app::layout::reader_language;
use app::merge::model::{MergeHistoryEntry, MergeHistoryPage, HISTORY_PER_PAGE};
use shared::merge::undo_refusal;

#[derive(sqlx::FromRow)]
struct HistoryRow {
    id: i64,
    survivor_id: i64,
    contacts: String,
    choices: String,
    merged_by_name: String,
    merged_at: i64,
    undone_by_name: Option<String>,
    undone_at: Option<i64>,
}

fn parse<T: serde::de::DeserializeOwned>(json: &str, merge_id: i64) -> Result<T, AppError> {
    serde_json::from_str(json).map_err(|error| {
        tracing::error!(%error, merge_id, "stored merge is not valid JSON");
        AppError::Internal
    })
}

/// One page of merges below `older_than`.
pub(super) async fn page(
    store: &Store,
    workspace_id: i64,
    older_than: Option<i64>,
) -> Result<MergeHistoryPage, AppError> {
    let limit = i64::try_from(HISTORY_PER_PAGE).unwrap_or(50) + 1;
    let mut rows: Vec<HistoryRow> = sqlx::query_as(&store.dialect.sql(
        "SELECT id, survivor_id, CAST(contacts AS text) AS contacts,
                CAST(choices AS text) AS choices, merged_by_name,
                unix_seconds(merged_at) AS merged_at, undone_by_name,
                unix_seconds(undone_at) AS undone_at
           FROM merges WHERE workspace_id = $1 AND ($2 IS NULL OR id < $2)
          ORDER BY id DESC LIMIT $3",
    ))
    .bind(workspace_id)
    .bind(older_than)
    .bind(limit)
    .fetch_all(&store.pool)
    .await
    .context("page: reading merges")?;
    let older = (rows.len() > HISTORY_PER_PAGE)
        .then(|| rows.get(HISTORY_PER_PAGE - 1).map(|row| row.id))
        .flatten();
    rows.truncate(HISTORY_PER_PAGE);
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("page: taking a connection")?;
    let at = store.now();
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let stored = StoredMerge {
            id: row.id,
            survivor_id: row.survivor_id,
            merged_at: row.merged_at,
            undone_at: row.undone_at,
        };
        let state = undo::state(&mut conn, &stored).await?;
        entries.push(MergeHistoryEntry {
            id: row.id,
            merged_by: row.merged_by_name,
            merged_at: row.merged_at,
            contacts: parse(&row.contacts, row.id)?,
            choices: parse(&row.choices, row.id)?,
            undone: row.undone_by_name.zip(row.undone_at),
            undo_refusal: undo_refusal(row.merged_at, at, state)
                .map(|refusal| refusal.reason(reader_language()).to_owned()),
        });
    }
    Ok(MergeHistoryPage { entries, older })
}
