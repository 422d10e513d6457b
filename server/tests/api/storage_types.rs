//! The column types each database stores times and JSON documents in, and
//! that the storage code reads them back as the same values.

use crate::helpers::{spawn_app, TestApp};
use server::storage::Dialect;

/// (table, column, declared type) of every column the schema names.
async fn column_types(app: &TestApp) -> Vec<(String, String, String)> {
    let sql = match app.backend.store.dialect() {
        Dialect::Sqlite => {
            "SELECT t.name, c.name, c.type FROM sqlite_schema t, pragma_table_info(t.name) c
              WHERE t.type = 'table'"
        }
        Dialect::Postgres => {
            "SELECT CAST(table_name AS text), CAST(column_name AS text), CAST(data_type AS text)
               FROM information_schema.columns WHERE table_schema = current_schema()"
        }
    };
    sqlx::query_as(sql)
        .fetch_all(app.pool())
        .await
        .expect("column types")
}

#[tokio::test]
async fn times_and_documents_have_the_database_s_own_types() {
    let app = spawn_app().await;
    let columns = column_types(&app).await;
    let type_of = |table: &str, column: &str| {
        columns
            .iter()
            .find(|(t, c, _)| t == table && c == column)
            .map_or_else(
                || panic!("{table}.{column} is not in the schema"),
                |(_, _, kind)| kind.to_lowercase(),
            )
    };
    let (time, document) = match app.backend.store.dialect() {
        Dialect::Sqlite => ("integer", "text"),
        Dialect::Postgres => ("timestamp with time zone", "jsonb"),
    };
    let times: Vec<&(String, String, String)> = columns
        .iter()
        .filter(|(table, column, _)| {
            (column.ends_with("_at") || column == "at") && !table.starts_with("tower_sessions")
        })
        .collect();
    assert!(times.len() >= 25, "{times:?}");
    for (table, column, _) in times {
        assert_eq!(type_of(table, column), time, "{table}.{column}");
    }
    for (table, column) in [
        ("merges", "snapshot"),
        ("merges", "contacts"),
        ("merges", "choices"),
        ("custom_fields", "options"),
        ("field_orders", "keys"),
        ("imports", "headers"),
        ("imports", "settings"),
        ("import_rows", "cells"),
        ("exports", "query"),
    ] {
        assert_eq!(type_of(table, column), document, "{table}.{column}");
    }
}

#[tokio::test]
async fn a_stored_time_reads_back_as_the_same_second() {
    let app = spawn_app().await;
    let workspace = app.workspace_id("Demo").await;
    let at = 1_764_936_061; // 2025-12-05T12:01:01Z
    let (id,): (i64,) = sqlx::query_as(&app.sql(
        "INSERT INTO contacts (workspace_id, first_name, created_at, updated_at)
         VALUES ($1, 'Timed', to_timestamp($2), to_timestamp($2)) RETURNING id",
    ))
    .bind(workspace)
    .bind(at)
    .fetch_one(app.pool())
    .await
    .expect("contact");
    let (created, found): (i64, i64) = sqlx::query_as(&app.sql(
        "SELECT unix_seconds(created_at),
                (SELECT COUNT(*) FROM contacts WHERE id = $1 AND created_at = to_timestamp($2))
           FROM contacts WHERE id = $1",
    ))
    .bind(id)
    .bind(at)
    .fetch_one(app.pool())
    .await
    .expect("time");
    assert_eq!((created, found), (at, 1));
}
