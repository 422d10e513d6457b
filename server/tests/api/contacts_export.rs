//! "Export all contacts" (R36) over HTTP: the background export, its
//! download, and the file imported back into an empty workspace as the same
//! contacts.

use crate::helpers::imports::{import, settings, start_export, uploaded};
use crate::helpers::{answer_of, spawn_app, TestApp};
use app::imports::model::ExportProgress;
use reqwest::{Client, StatusCode};
use serde_json::json;
use shared::import::{ImportMode, ImportTarget};
use std::time::Duration;

async fn export_all(app: &TestApp, client: &Client) -> String {
    let started = start_export(app, client).await.expect("export started");
    for _ in 0..400 {
        let progress: Option<ExportProgress> =
            answer_of(app.call_json(client, "exports_progress", &json!({})).await)
                .await
                .expect("progress");
        if progress.is_some_and(|p| p.export_id == started.export_id && p.done) {
            let path = app::imports::model::download_path(started.export_id);
            let response = app.get(client, &path).await;
            assert_eq!(response.status(), StatusCode::OK);
            return response.text().await.expect("document");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the export did not finish");
}

#[tokio::test]
async fn r36_an_export_imported_into_an_empty_workspace_gives_the_same_contacts() {
    let app = spawn_app().await;
    let owner = app.signed_in("owner@demo.test").await;
    let document = export_all(&app, &owner).await;
    assert!(
        document.starts_with('\u{feff}'),
        "a byte-order mark for Excel"
    );
    let exported_rows = document.lines().count() - 1;
    let demo_contacts = app
        .count(
            "SELECT COUNT(*) FROM contacts c JOIN workspaces w ON w.id = c.workspace_id
          WHERE w.name = 'Demo' AND c.merged_into IS NULL",
        )
        .await;
    assert!(
        exported_rows as i64 >= demo_contacts,
        "one line per contact"
    );
    assert!(!document.contains("\n="), "formula cells are neutralised");

    // Acme emptied, with Demo's custom fields.
    let pool = app.pool();
    for statement in [
        "DELETE FROM contacts WHERE workspace_id = (SELECT id FROM workspaces WHERE name = 'Acme Support')",
        "INSERT INTO custom_fields (workspace_id, key, label, field_type, options)
         SELECT (SELECT id FROM workspaces WHERE name = 'Acme Support'), key, label, field_type, options
           FROM custom_fields WHERE workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo')
         ON CONFLICT (workspace_id, key) DO NOTHING",
    ] {
        sqlx::query(statement).execute(pool).await.expect("prepare Acme");
    }
    let acme = app.signed_in("owner@acme.test").await;
    let file = uploaded(&app, &acme, "contacts-export.csv", &document).await;
    let mut mapping = settings(&file, ImportMode::AddAndUpdate);
    mapping.default_country = None;
    // Demo's assignees are not members of Acme.
    for (target, column) in mapping.columns.iter_mut().zip(&file.columns) {
        if column.header == "Assignee" {
            *target = ImportTarget::Skip;
        }
    }
    let summary = import(&app, &acme, &file, &mapping).await;
    assert_eq!(summary.counts.failed, 0, "{summary:?}");
    assert_eq!(summary.counts.added as i64, demo_contacts);

    let demo = contact_values(&app, "Demo").await;
    let imported = contact_values(&app, "Acme Support").await;
    assert_eq!(demo.len(), imported.len());
    for (expected, got) in demo.iter().zip(&imported) {
        assert_eq!(expected, got);
    }
}

/// Every contact of a workspace as the export writes its fields, sorted.
async fn contact_values(app: &TestApp, workspace: &str) -> Vec<String> {
    // Both databases join ordered rows the same way this way.
    let joined = |select: &str, from: &str| {
        if std::env::var("CONTACTS_TEST_POSTGRES").is_ok() {
            format!("(SELECT STRING_AGG(x, ';' ORDER BY x) FROM (SELECT {select} AS x {from}) AS parts)")
        } else {
            format!("(SELECT GROUP_CONCAT(x, ';') FROM (SELECT {select} AS x {from} ORDER BY x) AS parts)")
        }
    };
    let tags = joined(
        "t.name",
        "FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id",
    );
    let values = joined(
        "f.key || '=' || v.value",
        "FROM custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id = c.id",
    );
    let sql = format!(
        "SELECT c.first_name || '|' || c.last_name || '|' || COALESCE(c.email, '') || '|' ||
                COALESCE(c.phone, '') || '|' || COALESCE(c.country, '') || '|' ||
                COALESCE(c.language, '') || '|' || COALESCE({tags}, '') || '|' ||
                COALESCE({values}, '')
           FROM contacts c JOIN workspaces w ON w.id = c.workspace_id
          WHERE w.name = '{workspace}' AND c.merged_into IS NULL"
    );
    let rows: Vec<(String,)> = sqlx::query_as(&sql)
        .fetch_all(app.pool())
        .await
        .expect("values");
    let mut rows: Vec<String> = rows.into_iter().map(|(row,)| row).collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn r36_a_german_users_exports_name_their_columns_in_german_and_import_back() {
    let app = spawn_app().await;
    let owner = app.signed_in("owner@demo.test").await;
    let chosen = app
        .call(&owner, "set_language", &[("language", "de")])
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);

    let document = export_all(&app, &owner).await;
    let header = document
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("header");
    assert!(
        header.starts_with("Vorname,Nachname,E-Mail,Telefon,Land,Sprache,Zugewiesen an,Tags"),
        "{header}"
    );
    assert!(
        header.ends_with("Kanäle,Konversationsstatus,Blockiert,Hinzugefügt am,Letzte Nachricht"),
        "{header}"
    );
    let file = uploaded(&app, &owner, "export.csv", &document).await;
    let mapped: Vec<ImportTarget> = file
        .columns
        .iter()
        .take(8)
        .map(|column| column.suggested.clone())
        .collect();
    // Every standard target but "Don't import", in the export's order.
    assert_eq!(mapped, ImportTarget::STANDARD[..8]);

    let ids = app
        .count(
            "SELECT MIN(c.id) FROM contacts c JOIN workspaces w ON w.id = c.workspace_id
              WHERE w.name = 'Demo' AND c.merged_into IS NULL",
        )
        .await
        .to_string();
    let selected = app
        .get(&owner, &format!("/contacts/export.csv?ids={ids}"))
        .await;
    assert_eq!(selected.status(), StatusCode::OK);
    let csv = selected.text().await.expect("document");
    assert!(
        csv.starts_with("Name,Kanäle,E-Mail,Telefon,Tags,Land,Sprache,Konversationsstatus"),
        "{csv}"
    );
}
