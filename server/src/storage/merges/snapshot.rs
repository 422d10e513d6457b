//! The rows of a merge's contacts as they were before it, taken with the
//! database's own JSON functions so every stored value (text, integer,
//! boolean, null) comes back exactly on undo. Column lists are read from the
//! schema, so a column added later is kept too. The JSON statements are the
//! one place where SQLite and PostgreSQL need different SQL.

use crate::storage::sql::ids_json;
use crate::storage::{Context, Dialect};
use app::error::AppError;
use serde_json::{Map, Value};
use sqlx::{Any, Transaction};
use std::collections::BTreeMap;

/// A table owned by contacts, and how to find the rows of some contacts
/// (`?1` is a JSON array of contact ids).
struct OwnedTable {
    name: &'static str,
    rows_of: &'static str,
}

/// Every table whose rows a merge changes. Messages are kept as
/// `[id, conversation_id]` pairs (see [`MESSAGES`]): a merge only moves them.
const TABLES: [OwnedTable; 6] = [
    OwnedTable {
        name: "contacts",
        rows_of: "id IN (SELECT value FROM json_each($1))",
    },
    OwnedTable {
        name: "conversations",
        rows_of: "contact_id IN (SELECT value FROM json_each($1))",
    },
    OwnedTable {
        name: "contact_channels",
        rows_of: "contact_id IN (SELECT value FROM json_each($1))",
    },
    OwnedTable {
        name: "contact_tags",
        rows_of: "contact_id IN (SELECT value FROM json_each($1))",
    },
    OwnedTable {
        name: "custom_values",
        rows_of: "contact_id IN (SELECT value FROM json_each($1))",
    },
    OwnedTable {
        name: "workflow_runs",
        rows_of: "contact_id IN (SELECT value FROM json_each($1))",
    },
];

/// The key of the message pairs in a snapshot.
const MESSAGES: &str = "messages";

/// The duplicate groups of the contacts' phones and e-mail keys. Only their
/// `newest_at` is put back on undo: membership follows the contacts through
/// the triggers, but a group's time only grows while it lives, so the
/// merge's writes would otherwise leave it at the merge's time.
const GROUPS: OwnedTable = OwnedTable {
    name: "duplicate_groups",
    // Each part is a list the primary key (workspace_id, kind, value) can
    // look up on both databases; with `kind = … AND value IN (…) OR …`
    // PostgreSQL read every group, and SQLite did with one list of row
    // values. Phones and e-mail keys never share a value (E.164 has no
    // "@"), so one list of values serves both kinds.
    rows_of: "workspace_id IN (SELECT workspace_id FROM contacts WHERE id IN (SELECT value FROM json_each($1)))
              AND kind IN ('phone', 'email')
              AND value IN (SELECT phone FROM contacts WHERE id IN (SELECT value FROM json_each($1))
                            UNION ALL
                            SELECT email_key FROM contacts WHERE id IN (SELECT value FROM json_each($1)))",
};

/// The stored (not generated) columns of a table, in schema order.
pub(super) async fn columns(
    tx: &mut Transaction<'_, Any>,
    table: &str,
) -> Result<Vec<String>, AppError> {
    let sql = match Dialect::of(tx) {
        Dialect::Sqlite => "SELECT name FROM pragma_table_info($1) ORDER BY cid",
        Dialect::Postgres => {
            "SELECT CAST(column_name AS text) FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
              ORDER BY ordinal_position"
        }
    };
    let rows: Vec<(String,)> = sqlx::query_as(sql)
        .bind(table)
        .fetch_all(&mut **tx)
        .await
        .context("columns")?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

/// `json_object('a', a, 'b', b, …)` for the columns.
fn json_object(dialect: Dialect, columns: &[String]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|column| format!("'{column}', \"{column}\""))
        .collect();
    match dialect {
        Dialect::Sqlite => format!("json(json_object({}))", pairs.join(", ")),
        Dialect::Postgres => format!("json_build_object({})", pairs.join(", ")),
    }
}

/// `SELECT` of a JSON array (as text) of `item` over `from`, in `order`.
fn json_array_of(dialect: Dialect, item: &str, from: &str, order: &str) -> String {
    match dialect {
        Dialect::Sqlite => {
            format!("SELECT coalesce(json_group_array({item}), '[]') FROM (SELECT * FROM {from} ORDER BY {order}) t")
        }
        Dialect::Postgres => format!(
            "SELECT CAST(coalesce(json_agg({item} ORDER BY {order}), '[]') AS text) FROM {from} t"
        ),
    }
}

/// Every row of `table` matching `rows_of` (with `$1` bound to `ids`), as
/// JSON objects in the order of their first columns.
pub(super) async fn rows(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    rows_of: &str,
    ids: &str,
) -> Result<Value, AppError> {
    let columns = columns(tx, table).await?;
    let dialect = Dialect::of(tx);
    let order: Vec<String> = columns.iter().take(2).map(|c| format!("\"{c}\"")).collect();
    let sql = json_array_of(
        dialect,
        &json_object(dialect, &columns),
        &format!("(SELECT * FROM \"{table}\" WHERE {rows_of})"),
        &order.join(", "),
    );
    let (json,): (String,) = sqlx::query_as(&sql)
        .bind(ids)
        .fetch_one(&mut **tx)
        .await
        .context("rows")?;
    serde_json::from_str(&json).map_err(|error| {
        tracing::error!(%error, table, "snapshot is not JSON");
        AppError::Internal
    })
}

/// The rows of `contact_ids` in every table a merge changes.
pub(super) async fn take(
    tx: &mut Transaction<'_, Any>,
    contact_ids: &[i64],
) -> Result<Value, AppError> {
    let ids = ids_json(contact_ids);
    let mut snapshot = Map::new();
    for table in TABLES.iter().chain([&GROUPS]) {
        let rows = rows(tx, table.name, table.rows_of, &ids).await?;
        snapshot.insert(table.name.to_owned(), rows);
    }
    let dialect = Dialect::of(tx);
    let pair = match dialect {
        Dialect::Sqlite => "json_array(id, conversation_id)",
        Dialect::Postgres => "json_build_array(id, conversation_id)",
    };
    let sql = json_array_of(
        dialect,
        pair,
        "(SELECT m.id, m.conversation_id FROM messages m JOIN conversations v ON v.id = m.conversation_id
           WHERE v.contact_id IN (SELECT value FROM json_each($1)))",
        "id",
    );
    let (pairs,): (String,) = sqlx::query_as(&sql)
        .bind(&ids)
        .fetch_one(&mut **tx)
        .await
        .context("take")?;
    snapshot.insert(
        MESSAGES.to_owned(),
        serde_json::from_str(&pairs).map_err(|_| AppError::Internal)?,
    );
    Ok(Value::Object(snapshot))
}

/// One table's rows of a snapshot, as JSON text.
fn table_rows(snapshot: &Value, table: &str) -> String {
    snapshot
        .get(table)
        .map_or_else(|| "[]".to_owned(), Value::to_string)
}

/// Puts every snapshot row back: contacts, conversations and workflow runs
/// in place by id; channel links, tags and custom values of the contacts
/// replaced by the snapshot's; messages back in their conversations. Rows
/// added since that the snapshot does not know (new workflow runs, new
/// channel links) stay with their contact.
pub(super) async fn restore(
    tx: &mut Transaction<'_, Any>,
    contact_ids: &[i64],
    snapshot: &Value,
) -> Result<(), AppError> {
    let ids = ids_json(contact_ids);
    for table in ["contacts", "conversations", "workflow_runs"] {
        upsert(tx, table, &table_rows(snapshot, table)).await?;
    }
    // Each link by its unique (channel, external id), wherever it is now.
    let links = snapshot
        .get("contact_channels")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    for link in links {
        sqlx::query("DELETE FROM contact_channels WHERE channel_id = $1 AND external_id = $2")
            .bind(link.get("channel_id").and_then(Value::as_i64))
            .bind(link.get("external_id").and_then(Value::as_str))
            .execute(&mut **tx)
            .await
            .context("restore: deleting from contact_channels")?;
    }
    insert(
        tx,
        "contact_channels",
        &table_rows(snapshot, "contact_channels"),
    )
    .await?;
    for table in ["contact_tags", "custom_values"] {
        let sql =
            format!("DELETE FROM {table} WHERE contact_id IN (SELECT value FROM json_each($1))");
        sqlx::query(&sql)
            .bind(&ids)
            .execute(&mut **tx)
            .await
            .context("restore")?;
    }
    insert(tx, "contact_tags", &table_rows(snapshot, "contact_tags")).await?;
    let values = values_of_existing_fields(tx, snapshot).await?;
    insert(tx, "custom_values", &values).await?;
    // One update per conversation, each finding its messages by id.
    let mut by_conversation: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (message, conversation) in message_pairs(snapshot) {
        by_conversation
            .entry(conversation)
            .or_default()
            .push(message);
    }
    for (conversation, messages) in by_conversation {
        sqlx::query(
            "UPDATE messages SET conversation_id = $1
              WHERE id IN (SELECT value FROM json_each($2)) AND conversation_id <> $1",
        )
        .bind(conversation)
        .bind(ids_json(&messages))
        .execute(&mut **tx)
        .await
        .context("restore: updating messages")?;
    }
    restore_group_times(tx, &table_rows(snapshot, GROUPS.name)).await
}

/// Each group of the snapshot whose membership is back to what it was gets
/// its time back too; a group someone joined or left since keeps its own.
async fn restore_group_times(tx: &mut Transaction<'_, Any>, groups: &str) -> Result<(), AppError> {
    let columns = columns(tx, GROUPS.name).await?;
    let sql = format!(
        "UPDATE duplicate_groups SET newest_at = s.newest_at FROM ({}) s
          WHERE duplicate_groups.workspace_id = s.workspace_id AND duplicate_groups.kind = s.kind
            AND duplicate_groups.value = s.value AND duplicate_groups.members = s.members",
        rows_sql(Dialect::of(tx), GROUPS.name, &columns)
    );
    sqlx::query(&sql)
        .bind(groups)
        .execute(&mut **tx)
        .await
        .context("restore: updating duplicate_groups")?;
    Ok(())
}

/// The snapshot's custom values whose field still exists: a field deleted
/// since the merge took its values with it, and an undo does not bring
/// back values of a field that is gone.
async fn values_of_existing_fields(
    tx: &mut Transaction<'_, Any>,
    snapshot: &Value,
) -> Result<String, AppError> {
    let rows: Vec<Value> = snapshot
        .get("custom_values")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let field_of = |row: &Value| row.get("field_id").and_then(Value::as_i64);
    let fields: Vec<i64> = rows.iter().filter_map(field_of).collect();
    let existing: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM custom_fields WHERE id IN (SELECT value FROM json_each($1))",
    )
    .bind(ids_json(&fields))
    .fetch_all(&mut **tx)
    .await
    .context("restore: reading custom_fields")?;
    let kept: Vec<Value> = rows
        .into_iter()
        .filter(|row| field_of(row).is_some_and(|field| existing.contains(&(field,))))
        .collect();
    Ok(Value::Array(kept).to_string())
}

/// The snapshot's messages as (message id, conversation id) pairs.
fn message_pairs(snapshot: &Value) -> impl Iterator<Item = (i64, i64)> + '_ {
    snapshot
        .get(MESSAGES)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair.get(0)?.as_i64()?, pair.get(1)?.as_i64()?)))
}

/// The message ids a snapshot knows, as a JSON array.
pub(super) fn message_ids(snapshot: &Value) -> String {
    let ids: Vec<i64> = message_pairs(snapshot).map(|(id, _)| id).collect();
    ids_json(&ids)
}

/// `SELECT` of the rows of a JSON array bound to `$1` as rows of `table`,
/// each value with its column's type.
fn rows_sql(dialect: Dialect, table: &str, columns: &[String]) -> String {
    match dialect {
        Dialect::Sqlite => {
            let values: Vec<String> = columns
                .iter()
                .map(|c| format!("j.value->>'{c}' AS \"{c}\""))
                .collect();
            format!("SELECT {} FROM json_each($1) j", values.join(", "))
        }
        Dialect::Postgres => format!(
            "SELECT * FROM jsonb_populate_recordset(NULL::\"{table}\", CAST($1 AS jsonb)) j"
        ),
    }
}

/// `INSERT INTO table (…)` of the rows of a JSON array bound to `$1`.
fn insert_sql(dialect: Dialect, table: &str, columns: &[String]) -> String {
    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let names = names.join(", ");
    format!(
        "INSERT INTO \"{table}\" ({names}) SELECT {names} FROM ({}) j WHERE true",
        rows_sql(dialect, table, columns)
    )
}

async fn insert(tx: &mut Transaction<'_, Any>, table: &str, rows: &str) -> Result<(), AppError> {
    let columns = columns(tx, table).await?;
    sqlx::query(&insert_sql(Dialect::of(tx), table, &columns))
        .bind(rows)
        .execute(&mut **tx)
        .await
        .context("insert")?;
    Ok(())
}

/// Inserts the rows, overwriting every column of rows with the same id.
async fn upsert(tx: &mut Transaction<'_, Any>, table: &str, rows: &str) -> Result<(), AppError> {
    let columns = columns(tx, table).await?;
    let updates: Vec<String> = columns
        .iter()
        .filter(|column| column.as_str() != "id")
        .map(|column| format!("\"{column}\" = excluded.\"{column}\""))
        .collect();
    let sql = format!(
        "{} ON CONFLICT (id) DO UPDATE SET {}",
        insert_sql(Dialect::of(tx), table, &columns),
        updates.join(", ")
    );
    sqlx::query(&sql)
        .bind(rows)
        .execute(&mut **tx)
        .await
        .context("upsert")?;
    Ok(())
}
