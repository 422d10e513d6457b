//! CSV import (R35) over HTTP: upload, the dry run, the background import
//! and its summary, each mode, the error report, and refusals for agents.

use crate::helpers::imports::{
    check, error_report, import, settings, start, start_export, stored_counts, upload, uploaded,
    FIVE_ROWS,
};
use crate::helpers::{answer_of, spawn_app};
use app::error::AppError;
use app::imports::model::{ImportProgress, ImportRecord, RowError};
use reqwest::StatusCode;
use serde_json::json;
use shared::import::{ImportMode, ImportTarget};

#[tokio::test]
async fn r35_upload_detects_encoding_and_delimiter_and_maps_german_headers() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let latin =
        b"Vorname;Nachname;E-Mail-Adresse;Notiz\r\nJ\xFCrgen;Wei\xDF;jw@example.com;x\r\n".to_vec();
    let file = upload(&app, &client, "kunden.csv", latin)
        .await
        .expect("uploaded");
    assert_eq!(file.encoding, "Windows-1252");
    assert_eq!(file.delimiter, "semicolon");
    assert_eq!(file.rows, 1);
    let targets: Vec<ImportTarget> = file.columns.iter().map(|c| c.suggested.clone()).collect();
    assert_eq!(
        targets,
        vec![
            ImportTarget::FirstName,
            ImportTarget::LastName,
            ImportTarget::Email,
            ImportTarget::Skip
        ]
    );
    assert_eq!(file.columns[0].samples, vec!["Jürgen".to_string()]);
    assert!(file.targets.iter().any(
        |option| option.target == ImportTarget::Custom("plan".into()) && option.label == "Plan"
    ));

    let before = stored_counts(&app).await;
    let (status, error) = upload(&app, &client, "empty.csv", b"Name,Phone\n".to_vec())
        .await
        .expect_err("no rows");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        AppError::invalid("File", "has no rows below its header")
    );
    let big = vec![b'a'; 50 * 1024 * 1024 + 1];
    let (_, error) = upload(&app, &client, "big.csv", big)
        .await
        .expect_err("too big");
    assert_eq!(error, AppError::invalid("File", "is larger than 50 MB"));
    assert_eq!(stored_counts(&app).await, before);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM imports").await,
        1,
        "refused files are not stored"
    );
}

#[tokio::test]
async fn r35_the_dry_run_stores_nothing_and_names_each_bad_row_and_column() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let file = uploaded(&app, &client, "messe.csv", FIVE_ROWS).await;
    let before = stored_counts(&app).await;
    let result = check(
        &app,
        &client,
        file.import_id,
        &settings(&file, ImportMode::Add),
    )
    .await
    .expect("checked");
    assert_eq!(
        stored_counts(&app).await,
        before,
        "the dry run stores nothing"
    );
    assert_eq!(
        (result.counts.added, result.counts.failed),
        (3, 2),
        "{result:?}"
    );
    assert_eq!(
        result.errors[0],
        RowError {
            row: 4,
            column: "Telefonnummer".into(),
            reason: "may contain only digits, a leading +, spaces and - . / ( )".into(),
        }
    );
    assert_eq!(result.errors[1].row, 5);
    assert_eq!(result.errors[1].column, "Plan");

    let report = error_report(&app, &client, file.import_id).await;
    assert_eq!(report.status(), StatusCode::OK);
    let text = report.text().await.expect("text");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Row,Errors,Vorname,Nachname,Telefonnummer,E-Mail-Adresse,Tags,Plan"
    );
    assert!(
        lines[1].starts_with("4,\"Telefonnummer: may contain only digits"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("5,\"Plan: choose one of"),
        "{}",
        lines[2]
    );
    assert_eq!(lines.len(), 3);
}

#[tokio::test]
async fn r35_the_import_adds_good_rows_reports_bad_ones_and_feeds_suggestions() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let file = uploaded(&app, &client, "messe.csv", FIVE_ROWS).await;
    let contacts_before = app.count("SELECT COUNT(*) FROM contacts").await;
    let summary = import(&app, &client, &file, &settings(&file, ImportMode::Add)).await;
    assert_eq!(
        (
            summary.counts.added,
            summary.counts.updated,
            summary.counts.skipped,
            summary.counts.failed
        ),
        (3, 0, 0, 2)
    );
    assert_eq!(summary.processed, 5);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM contacts").await,
        contacts_before + 3
    );
    let (first, last, phone, country): (String, String, String, String) = sqlx::query_as(
        "SELECT first_name, last_name, phone, country FROM contacts WHERE email_key = 'imke@import.test'",
    )
    .fetch_one(app.pool())
    .await
    .expect("imported contact");
    assert_eq!((first.as_str(), last.as_str()), ("Imke", "Import"));
    assert_eq!((phone.as_str(), country.as_str()), ("+49301111111", "DE"));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
              JOIN contacts c ON c.id = ct.contact_id
             WHERE t.name = 'Messe 2026' AND c.last_name = 'Import'"
        )
        .await,
        2
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM custom_values v JOIN contacts c ON c.id = v.contact_id
             WHERE c.email_key = 'iris@import.test' AND v.value = 'Free'"
        )
        .await,
        1
    );
    // Imke and Ida share a phone number written two ways: a merge suggestion.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM contacts WHERE phone = '+49301111111' AND last_name = 'Import'"
        )
        .await,
        2
    );
    let suggestions = app
        .count(
            "SELECT COUNT(*) FROM duplicate_groups WHERE value = '+49301111111' AND members >= 2",
        )
        .await;
    assert_eq!(suggestions, 1);
    // The rows that failed stay for the report; the rest are gone.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM import_rows WHERE import_id = {}",
            file.import_id
        ))
        .await,
        2
    );
    let history: Vec<ImportRecord> =
        answer_of(app.call_json(&client, "imports_history", &json!({})).await)
            .await
            .expect("history");
    assert_eq!(history[0].file_name, "messe.csv");
    assert_eq!(history[0].imported_by, "Olivia Owner");
    assert_eq!(history[0].counts, summary.counts);
    // Everyone in the workspace sees the summary.
    let agent = app.signed_in("agent@demo.test").await;
    let seen: Option<ImportProgress> =
        answer_of(app.call_json(&agent, "imports_progress", &json!({})).await)
            .await
            .expect("progress");
    assert_eq!(seen.map(|p| p.counts), Some(summary.counts));
}

#[tokio::test]
async fn r35_update_modes_change_only_what_they_may_and_a_rerun_changes_nothing() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let original = "First name,Last name,E-mail,Language,Tags\n\
        Uma,Update,uma@import.test,,Lead\n";
    let file = uploaded(&app, &client, "a.csv", original).await;
    let summary = import(&app, &client, &file, &settings(&file, ImportMode::Add)).await;
    assert_eq!(summary.counts.added, 1);

    // "Add new contacts" leaves an existing contact alone.
    let changed = "First name,Last name,E-mail,Language,Tags\n\
        Uma,Changed,UMA@import.test,de,VIP\n\
        Nora,New,nora@import.test,,\n";
    let file = uploaded(&app, &client, "b.csv", changed).await;
    let summary = import(&app, &client, &file, &settings(&file, ImportMode::Add)).await;
    assert_eq!((summary.counts.added, summary.counts.skipped), (1, 1));

    // "Don't overwrite existing values" fills Uma's empty language only;
    // Nora has nothing new.
    let file = uploaded(&app, &client, "c.csv", changed).await;
    let mut keep = settings(&file, ImportMode::Update);
    keep.keep_existing = true;
    let summary = import(&app, &client, &file, &keep).await;
    assert_eq!((summary.counts.updated, summary.counts.skipped), (1, 1));
    let (last, language): (String, Option<String>) = sqlx::query_as(
        "SELECT last_name, language FROM contacts WHERE email_key = 'uma@import.test'",
    )
    .fetch_one(app.pool())
    .await
    .expect("uma");
    assert_eq!((last.as_str(), language.as_deref()), ("Update", Some("de")));

    // "Update existing contacts" overwrites, and adds the tag.
    let file = uploaded(&app, &client, "d.csv", changed).await;
    let summary = import(&app, &client, &file, &settings(&file, ImportMode::Update)).await;
    assert_eq!(summary.counts.updated, 1, "{summary:?}");
    let (last, version_after_update): (String, i64) = sqlx::query_as(
        "SELECT last_name, version FROM contacts WHERE email_key = 'uma@import.test'",
    )
    .fetch_one(app.pool())
    .await
    .expect("uma");
    assert_eq!(last, "Changed");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM contact_tags ct JOIN contacts c ON c.id = ct.contact_id
              WHERE c.email_key = 'uma@import.test'"
        )
        .await,
        2
    );

    // The same file again in "Add and update" changes nothing.
    let before = stored_counts(&app).await;
    let file = uploaded(&app, &client, "e.csv", changed).await;
    let summary = import(
        &app,
        &client,
        &file,
        &settings(&file, ImportMode::AddAndUpdate),
    )
    .await;
    assert_eq!(
        (
            summary.counts.added,
            summary.counts.updated,
            summary.counts.skipped
        ),
        (0, 0, 2)
    );
    assert_eq!(stored_counts(&app).await, before);
    assert_eq!(
        app.count("SELECT version FROM contacts WHERE email_key = 'uma@import.test'")
            .await,
        version_after_update
    );
}

#[tokio::test]
async fn r35_r36_agents_may_not_import_or_export_all() {
    let app = spawn_app().await;
    let owner = app.signed_in("owner@demo.test").await;
    let file = uploaded(&app, &owner, "messe.csv", FIVE_ROWS).await;
    let agent = app.signed_in("agent@demo.test").await;
    let forbidden = AppError::Forbidden("Only owners and managers can import contacts.".into());
    let (status, error) = upload(&app, &agent, "x.csv", FIVE_ROWS.as_bytes().to_vec())
        .await
        .expect_err("refused");
    assert_eq!((status, error), (StatusCode::FORBIDDEN, forbidden.clone()));
    let (status, _) = check(
        &app,
        &agent,
        file.import_id,
        &settings(&file, ImportMode::Add),
    )
    .await
    .expect_err("refused");
    assert_eq!(status, StatusCode::FORBIDDEN);
    let refused = start(&app, &agent, file.import_id).await;
    assert_eq!(refused.expect_err("refused").1, forbidden);
    let refused = start_export(&app, &agent).await;
    assert_eq!(
        refused.expect_err("refused").1,
        AppError::Forbidden("Only owners and managers can export all contacts.".into())
    );
    let report = error_report(&app, &agent, file.import_id).await;
    assert_eq!(report.status(), StatusCode::FORBIDDEN);
    // Another workspace's owner cannot see or start this workspace's import.
    let acme = app.signed_in("owner@acme.test").await;
    let missing = start(&app, &acme, file.import_id).await;
    assert_eq!(missing.expect_err("refused").0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM contacts WHERE last_name = 'Import'")
            .await,
        0
    );
}
