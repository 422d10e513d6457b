//! CSV import (R35) and workspace export (R36) over HTTP: upload, the dry
//! run, the background import and its summary, each mode, the error report,
//! refusals for agents, resuming after a runner dies, and an export that
//! imports back into an empty workspace as the same contacts.

mod common;
mod contacts_support;

use app::error::AppError;
use app::imports::model::{
    CheckRequest, ExportProgress, ExportRequest, ImportCheck, ImportProgress, ImportRecord,
    RowError, UploadedFile,
};
use common::TestApp;
use contacts_support::{call, scalar, signed_in};
use reqwest::{header, Client, StatusCode};
use serde_json::json;
use shared::import::{ImportMode, ImportSettings, ImportTarget};
use std::time::Duration;

async fn upload(
    app: &TestApp,
    client: &Client,
    name: &str,
    bytes: Vec<u8>,
) -> Result<UploadedFile, (StatusCode, AppError)> {
    let response = client
        .post(format!("{}/contacts/imports?name={name}", app.address))
        .header(header::ORIGIN, &app.address)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(bytes)
        .send()
        .await
        .expect("upload");
    let status = response.status();
    if status.is_success() {
        Ok(response.json().await.expect("uploaded file"))
    } else {
        Err((status, response.json().await.expect("error")))
    }
}

fn settings(file: &UploadedFile, mode: ImportMode) -> ImportSettings {
    ImportSettings {
        columns: file
            .columns
            .iter()
            .map(|column| column.suggested.clone())
            .collect(),
        default_country: Some("DE".into()),
        mode,
        keep_existing: false,
    }
}

async fn check(
    app: &TestApp,
    client: &Client,
    import_id: i64,
    settings: &ImportSettings,
) -> Result<ImportCheck, (StatusCode, AppError)> {
    let request = CheckRequest {
        import_id,
        settings: settings.clone(),
    };
    call(app, client, "imports_check", json!({ "request": request })).await
}

/// Checks, starts and waits for an import; its summary.
async fn import(
    app: &TestApp,
    client: &Client,
    file: &UploadedFile,
    settings: &ImportSettings,
) -> ImportProgress {
    check(app, client, file.import_id, settings)
        .await
        .expect("checked");
    let started: ImportProgress = call(
        app,
        client,
        "imports_start",
        json!({ "import_id": file.import_id }),
    )
    .await
    .expect("started");
    assert_eq!(started.import_id, file.import_id);
    for _ in 0..400 {
        let progress: Option<ImportProgress> = call(app, client, "imports_progress", json!({}))
            .await
            .expect("progress");
        if let Some(progress) = progress.filter(|p| p.import_id == file.import_id && p.done) {
            return progress;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

async fn stored_counts(app: &TestApp) -> [i64; 4] {
    [
        scalar(app, "SELECT COUNT(*) FROM contacts").await,
        scalar(app, "SELECT COUNT(*) FROM contact_tags").await,
        scalar(app, "SELECT COUNT(*) FROM tags").await,
        scalar(app, "SELECT COUNT(*) FROM custom_values").await,
    ]
}

const FIVE_ROWS: &str = "Vorname;Nachname;Telefonnummer;E-Mail-Adresse;Tags;Plan\n\
    Imke;Import;030 1111111;imke@import.test;Messe 2026;Pro\n\
    Iris;Import;+49 30 2222222;iris@import.test;Messe 2026, VIP;Free\n\
    Ivo;Import;12ab;ivo@import.test;;\n\
    Ina;Import;;ina@import.test;;Gold\n\
    Ida;Import;0049 30 1111111;;;\n";

#[tokio::test]
async fn r35_upload_detects_encoding_and_delimiter_and_maps_german_headers() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "owner@demo.test").await;
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
        scalar(&app, "SELECT COUNT(*) FROM imports").await,
        1,
        "refused files are not stored"
    );
}

#[tokio::test]
async fn r35_the_dry_run_stores_nothing_and_names_each_bad_row_and_column() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "owner@demo.test").await;
    let file = upload(&app, &client, "messe.csv", FIVE_ROWS.as_bytes().to_vec())
        .await
        .expect("uploaded");
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

    let report = client
        .get(format!(
            "{}/contacts/imports/{}/errors.csv",
            app.address, file.import_id
        ))
        .send()
        .await
        .expect("report");
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
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "owner@demo.test").await;
    let file = upload(&app, &client, "messe.csv", FIVE_ROWS.as_bytes().to_vec())
        .await
        .expect("uploaded");
    let contacts_before = scalar(&app, "SELECT COUNT(*) FROM contacts").await;
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
        scalar(&app, "SELECT COUNT(*) FROM contacts").await,
        contacts_before + 3
    );
    let (first, last, phone, country): (String, String, String, String) = sqlx::query_as(
        "SELECT first_name, last_name, phone, country FROM contacts WHERE email_key = 'imke@import.test'",
    )
    .fetch_one(app.backend.store.pool())
    .await
    .expect("imported contact");
    assert_eq!((first.as_str(), last.as_str()), ("Imke", "Import"));
    assert_eq!((phone.as_str(), country.as_str()), ("+49301111111", "DE"));
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
              JOIN contacts c ON c.id = ct.contact_id
             WHERE t.name = 'Messe 2026' AND c.last_name = 'Import'"
        )
        .await,
        2
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM custom_values v JOIN contacts c ON c.id = v.contact_id
             WHERE c.email_key = 'iris@import.test' AND v.value = 'Free'"
        )
        .await,
        1
    );
    // Imke and Ida share a phone number written two ways: a merge suggestion.
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM contacts WHERE phone = '+49301111111' AND last_name = 'Import'"
        )
        .await,
        2
    );
    let suggestions = scalar(
        &app,
        "SELECT COUNT(*) FROM duplicate_groups WHERE value = '+49301111111' AND members >= 2",
    )
    .await;
    assert_eq!(suggestions, 1);
    // The rows that failed stay for the report; the rest are gone.
    assert_eq!(
        scalar(
            &app,
            &format!(
                "SELECT COUNT(*) FROM import_rows WHERE import_id = {}",
                file.import_id
            )
        )
        .await,
        2
    );
    let history: Vec<ImportRecord> = call(&app, &client, "imports_history", json!({}))
        .await
        .expect("history");
    assert_eq!(history[0].file_name, "messe.csv");
    assert_eq!(history[0].imported_by, "Olivia Owner");
    assert_eq!(history[0].counts, summary.counts);
    // Everyone in the workspace sees the summary.
    let agent = signed_in(&app, "agent@demo.test").await;
    let seen: Option<ImportProgress> = call(&app, &agent, "imports_progress", json!({}))
        .await
        .expect("progress");
    assert_eq!(seen.map(|p| p.counts), Some(summary.counts));
}

#[tokio::test]
async fn r35_update_modes_change_only_what_they_may_and_a_rerun_changes_nothing() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "owner@demo.test").await;
    let original = "First name,Last name,E-mail,Language,Tags\n\
        Uma,Update,uma@import.test,,Lead\n";
    let file = upload(&app, &client, "a.csv", original.as_bytes().to_vec())
        .await
        .expect("uploaded");
    let summary = import(&app, &client, &file, &settings(&file, ImportMode::Add)).await;
    assert_eq!(summary.counts.added, 1);

    // "Add new contacts" leaves an existing contact alone.
    let changed = "First name,Last name,E-mail,Language,Tags\n\
        Uma,Changed,UMA@import.test,de,VIP\n\
        Nora,New,nora@import.test,,\n";
    let file = upload(&app, &client, "b.csv", changed.as_bytes().to_vec())
        .await
        .expect("uploaded");
    let summary = import(&app, &client, &file, &settings(&file, ImportMode::Add)).await;
    assert_eq!((summary.counts.added, summary.counts.skipped), (1, 1));

    // "Don't overwrite existing values" fills Uma's empty language only;
    // Nora has nothing new.
    let file = upload(&app, &client, "c.csv", changed.as_bytes().to_vec())
        .await
        .expect("uploaded");
    let mut keep = settings(&file, ImportMode::Update);
    keep.keep_existing = true;
    let summary = import(&app, &client, &file, &keep).await;
    assert_eq!((summary.counts.updated, summary.counts.skipped), (1, 1));
    let (last, language): (String, Option<String>) = sqlx::query_as(
        "SELECT last_name, language FROM contacts WHERE email_key = 'uma@import.test'",
    )
    .fetch_one(app.backend.store.pool())
    .await
    .expect("uma");
    assert_eq!((last.as_str(), language.as_deref()), ("Update", Some("de")));

    // "Update existing contacts" overwrites, and adds the tag.
    let file = upload(&app, &client, "d.csv", changed.as_bytes().to_vec())
        .await
        .expect("uploaded");
    let summary = import(&app, &client, &file, &settings(&file, ImportMode::Update)).await;
    assert_eq!(summary.counts.updated, 1, "{summary:?}");
    let (last, version_after_update): (String, i64) = sqlx::query_as(
        "SELECT last_name, version FROM contacts WHERE email_key = 'uma@import.test'",
    )
    .fetch_one(app.backend.store.pool())
    .await
    .expect("uma");
    assert_eq!(last, "Changed");
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM contact_tags ct JOIN contacts c ON c.id = ct.contact_id
              WHERE c.email_key = 'uma@import.test'"
        )
        .await,
        2
    );

    // The same file again in "Add and update" changes nothing.
    let before = stored_counts(&app).await;
    let file = upload(&app, &client, "e.csv", changed.as_bytes().to_vec())
        .await
        .expect("uploaded");
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
        scalar(
            &app,
            "SELECT version FROM contacts WHERE email_key = 'uma@import.test'"
        )
        .await,
        version_after_update
    );
}

#[tokio::test]
async fn r35_r36_agents_may_not_import_or_export_all() {
    let app = TestApp::spawn().await;
    let owner = signed_in(&app, "owner@demo.test").await;
    let file = upload(&app, &owner, "messe.csv", FIVE_ROWS.as_bytes().to_vec())
        .await
        .expect("uploaded");
    let agent = signed_in(&app, "agent@demo.test").await;
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
    let refused: Result<ImportProgress, _> = call(
        &app,
        &agent,
        "imports_start",
        json!({ "import_id": file.import_id }),
    )
    .await;
    assert_eq!(refused.expect_err("refused").1, forbidden);
    let refused: Result<ExportProgress, _> = call(
        &app,
        &agent,
        "exports_start",
        json!({ "request": ExportRequest { query: None } }),
    )
    .await;
    assert_eq!(
        refused.expect_err("refused").1,
        AppError::Forbidden("Only owners and managers can export all contacts.".into())
    );
    let report = agent
        .get(format!(
            "{}/contacts/imports/{}/errors.csv",
            app.address, file.import_id
        ))
        .send()
        .await
        .expect("report");
    assert_eq!(report.status(), StatusCode::FORBIDDEN);
    // Another workspace's owner cannot see or start this workspace's import.
    let acme = signed_in(&app, "owner@acme.test").await;
    let missing: Result<ImportProgress, _> = call(
        &app,
        &acme,
        "imports_start",
        json!({ "import_id": file.import_id }),
    )
    .await;
    assert_eq!(missing.expect_err("refused").0, StatusCode::NOT_FOUND);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM contacts WHERE last_name = 'Import'"
        )
        .await,
        0
    );
}

async fn export_all(app: &TestApp, client: &Client) -> String {
    let started: ExportProgress = call(
        app,
        client,
        "exports_start",
        json!({ "request": ExportRequest { query: None } }),
    )
    .await
    .expect("export started");
    for _ in 0..400 {
        let progress: Option<ExportProgress> = call(app, client, "exports_progress", json!({}))
            .await
            .expect("progress");
        if progress.is_some_and(|p| p.export_id == started.export_id && p.done) {
            let response = client
                .get(format!(
                    "{}{}",
                    app.address,
                    app::imports::model::download_path(started.export_id)
                ))
                .send()
                .await
                .expect("download");
            assert_eq!(response.status(), StatusCode::OK);
            return response.text().await.expect("document");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the export did not finish");
}

#[tokio::test]
async fn r36_an_export_imported_into_an_empty_workspace_gives_the_same_contacts() {
    let app = TestApp::spawn().await;
    let owner = signed_in(&app, "owner@demo.test").await;
    let document = export_all(&app, &owner).await;
    assert!(
        document.starts_with('\u{feff}'),
        "a byte-order mark for Excel"
    );
    let exported_rows = document.lines().count() - 1;
    let demo_contacts = scalar(
        &app,
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
    let pool = app.backend.store.pool();
    for statement in [
        "DELETE FROM contacts WHERE workspace_id = (SELECT id FROM workspaces WHERE name = 'Acme Support')",
        "INSERT INTO custom_fields (workspace_id, key, label, field_type, options)
         SELECT (SELECT id FROM workspaces WHERE name = 'Acme Support'), key, label, field_type, options
           FROM custom_fields WHERE workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo')
         ON CONFLICT (workspace_id, key) DO NOTHING",
    ] {
        sqlx::query(statement).execute(pool).await.expect("prepare Acme");
    }
    let acme = signed_in(&app, "owner@acme.test").await;
    let file = upload(&app, &acme, "contacts-export.csv", document.into_bytes())
        .await
        .expect("uploaded");
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
        .fetch_all(app.backend.store.pool())
        .await
        .expect("values");
    let mut rows: Vec<String> = rows.into_iter().map(|(row,)| row).collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn r35_an_import_resumes_where_its_last_batch_ended_after_the_runner_dies() {
    use app::ssr::ImportsPort;
    use server::imports::file::{Encoding, FileShape};
    use server::imports::ImportFiles;
    use server::jobs::{BatchOutcome, JobQueue};
    use server::storage::ImportJobs;

    // A server without a job runner, so the test plays the runners.
    let dir = tempfile::tempdir().expect("temp dir");
    let config = server::config::Config {
        database_url: common::fresh_database_url(dir.path()).await,
        demo: true,
        demo_password: Some(common::PASSWORD.to_string()),
        secure_cookies: false,
    };
    let backend = server::startup::Backend::open(&config).await.expect("open");
    server::demo::seed_if_empty(&backend.store, config.demo_password.clone())
        .await
        .expect("seed");
    let store = &backend.store;
    let one = |sql: &'static str| async move {
        let (value,): (i64,) = sqlx::query_as(sql)
            .fetch_one(store.pool())
            .await
            .expect("query");
        value
    };
    let demo = one("SELECT id FROM workspaces WHERE name = 'Demo'").await;
    let owner = one("SELECT id FROM users WHERE email = 'owner@demo.test'").await;
    let shape = FileShape {
        file_name: "resume.csv".into(),
        encoding: Encoding::Utf8,
        delimiter: b',',
        headers: vec!["First name".into(), "Last name".into(), "E-mail".into()],
        rows: 120,
        samples: Vec::new(),
    };
    let import_id = store
        .create_import(demo, owner, &shape)
        .await
        .expect("import");
    let rows: Vec<(i64, Vec<String>)> = (1..=120)
        .map(|n| {
            (
                n,
                vec![
                    format!("Row{n}"),
                    "Resume".into(),
                    format!("row{n}@resume.test"),
                ],
            )
        })
        .collect();
    store.stage_rows(import_id, &rows).await.expect("staged");
    let settings = ImportSettings {
        columns: vec![
            ImportTarget::FirstName,
            ImportTarget::LastName,
            ImportTarget::Email,
        ],
        default_country: None,
        mode: ImportMode::AddAndUpdate,
        keep_existing: false,
    };
    let checked = store
        .check(
            demo,
            &CheckRequest {
                import_id,
                settings,
            },
        )
        .await
        .expect("checked");
    assert_eq!(checked.counts.added, 120);
    store.start(demo, import_id).await.expect("started");

    let jobs = ImportJobs(store.clone());
    // Long enough for a batch on a busy machine, short enough to wait out.
    let lease = 1_000;
    let claimed = jobs
        .claim("first", lease)
        .await
        .expect("claim")
        .expect("a job");
    assert_eq!(
        jobs.run_batch(claimed, "first", 50, lease)
            .await
            .expect("batch"),
        BatchOutcome::More
    );
    assert_eq!(
        one("SELECT COUNT(*) FROM contacts WHERE last_name = 'Resume'").await,
        50
    );
    // The first runner dies here; once its claim runs out, another takes over.
    assert_eq!(jobs.claim("second", lease).await.expect("claim"), None);
    tokio::time::sleep(Duration::from_millis(lease as u64 + 20)).await;
    assert_eq!(
        jobs.claim("second", lease).await.expect("claim"),
        Some(claimed)
    );
    assert_eq!(
        jobs.run_batch(claimed, "first", 50, lease)
            .await
            .expect("batch"),
        BatchOutcome::Lost
    );
    let mut outcome = BatchOutcome::More;
    while outcome == BatchOutcome::More {
        outcome = jobs
            .run_batch(claimed, "second", 50, lease)
            .await
            .expect("batch");
    }
    assert_eq!(outcome, BatchOutcome::Done);
    assert_eq!(
        one("SELECT COUNT(*) FROM contacts WHERE last_name = 'Resume'").await,
        120
    );
    let summary = store
        .progress(demo)
        .await
        .expect("progress")
        .expect("an import");
    assert!(summary.done);
    assert_eq!((summary.counts.added, summary.processed), (120, 120));
}
