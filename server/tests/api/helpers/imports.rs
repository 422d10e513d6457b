//! Uploading, checking and importing CSV files over HTTP as the browser
//! does, starting exports, and counting what the database holds.

use crate::helpers::{answer_of, TestApp};
use app::error::AppError;
use app::imports::model::{
    CheckRequest, ExportProgress, ExportRequest, ImportCheck, ImportProgress, UploadedFile,
};
use reqwest::{header, Client, RequestBuilder, Response, StatusCode};
use serde_json::json;
use shared::import::{ImportMode, ImportSettings};
use std::time::Duration;

/// The import dialog's upload of a file to the server at `address`.
pub fn upload_request(
    client: &Client,
    address: &str,
    name: &str,
    bytes: Vec<u8>,
) -> RequestBuilder {
    client
        .post(format!("{address}/contacts/imports?name={name}"))
        .header(header::ORIGIN, address)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(bytes)
}

/// Posts a file to the upload endpoint as the import dialog does.
pub async fn post_file(app: &TestApp, client: &Client, name: &str, bytes: Vec<u8>) -> Response {
    upload_request(client, &app.address, name, bytes)
        .send()
        .await
        .expect("upload")
}

pub async fn upload(
    app: &TestApp,
    client: &Client,
    name: &str,
    bytes: Vec<u8>,
) -> Result<UploadedFile, (StatusCode, AppError)> {
    answer_of(post_file(app, client, name, bytes).await).await
}

/// Uploads a CSV text and expects it taken.
pub async fn uploaded(app: &TestApp, client: &Client, name: &str, csv: &str) -> UploadedFile {
    upload(app, client, name, csv.as_bytes().to_vec())
        .await
        .expect("uploaded")
}

pub fn settings(file: &UploadedFile, mode: ImportMode) -> ImportSettings {
    ImportSettings {
        columns: file
            .columns
            .iter()
            .map(|column| column.suggested.clone())
            .collect(),
        default_country: Some("DE".into()),
        mode,
        keep_existing: false,
        language: shared::UiLanguage::English,
    }
}

pub async fn check(
    app: &TestApp,
    client: &Client,
    import_id: i64,
    settings: &ImportSettings,
) -> Result<ImportCheck, (StatusCode, AppError)> {
    let request = CheckRequest {
        import_id,
        settings: settings.clone(),
    };
    answer_of(
        app.call_json(client, "imports_check", &json!({ "request": request }))
            .await,
    )
    .await
}

/// Starts a checked import in the background.
pub async fn start(
    app: &TestApp,
    client: &Client,
    import_id: i64,
) -> Result<ImportProgress, (StatusCode, AppError)> {
    answer_of(
        app.call_json(client, "imports_start", &json!({ "import_id": import_id }))
            .await,
    )
    .await
}

/// Starts the export of every contact of the workspace.
pub async fn start_export(
    app: &TestApp,
    client: &Client,
) -> Result<ExportProgress, (StatusCode, AppError)> {
    answer_of(
        app.call_json(
            client,
            "exports_start",
            &json!({ "request": ExportRequest { query: None } }),
        )
        .await,
    )
    .await
}

/// The download of an import's rows that failed, with their errors.
pub async fn error_report(app: &TestApp, client: &Client, import_id: i64) -> Response {
    app.get(client, &format!("/contacts/imports/{import_id}/errors.csv"))
        .await
}

/// Checks, starts and waits for an import; its summary.
pub async fn import(
    app: &TestApp,
    client: &Client,
    file: &UploadedFile,
    settings: &ImportSettings,
) -> ImportProgress {
    check(app, client, file.import_id, settings)
        .await
        .expect("checked");
    let started = start(app, client, file.import_id).await.expect("started");
    assert_eq!(started.import_id, file.import_id);
    for _ in 0..400 {
        let progress: Option<ImportProgress> =
            answer_of(app.call_json(client, "imports_progress", &json!({})).await)
                .await
                .expect("progress");
        if let Some(progress) = progress.filter(|p| p.import_id == file.import_id && p.done) {
            return progress;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

pub async fn stored_counts(app: &TestApp) -> [i64; 4] {
    [
        app.count("SELECT COUNT(*) FROM contacts").await,
        app.count("SELECT COUNT(*) FROM contact_tags").await,
        app.count("SELECT COUNT(*) FROM tags").await,
        app.count("SELECT COUNT(*) FROM custom_values").await,
    ]
}

pub const FIVE_ROWS: &str = "Vorname;Nachname;Telefonnummer;E-Mail-Adresse;Tags;Plan\n\
    Imke;Import;030 1111111;imke@import.test;Messe 2026;Pro\n\
    Iris;Import;+49 30 2222222;iris@import.test;Messe 2026, VIP;Free\n\
    Ivo;Import;12ab;ivo@import.test;;\n\
    Ina;Import;;ina@import.test;;Gold\n\
    Ida;Import;0049 30 1111111;;;\n";
