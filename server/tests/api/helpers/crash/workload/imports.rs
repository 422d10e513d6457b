//! CSV imports into "Acme Support", one after another, each with refused rows.

use super::{ExpectedImport, Worker, JOB_POLL};
use crate::helpers::imports::upload_request;
use app::imports::model::{CheckRequest, ImportCheck, ImportProgress, UploadedFile};
use serde_json::json;
use shared::import::{ImportMode, ImportSettings, ImportTarget};

/// Rows of each imported file; every `INVALID_EVERY`th row has an e-mail
/// address the import refuses.
const IMPORT_ROWS: u64 = 1_500;
const INVALID_EVERY: u64 = 20;

/// Starts an import into "Acme Support" whenever none is running.
pub(super) async fn keep_importing(worker: Worker) {
    while !worker.stopped() {
        import_a_file(&worker).await;
        tokio::time::sleep(JOB_POLL).await;
    }
}

/// Uploads, checks and starts the import of a new file into "Acme
/// Support", unless an import is still under way there.
pub async fn import_a_file(worker: &Worker) {
    let running = "SELECT COUNT(*) FROM imports WHERE workspace_id = $1 AND status = 'running'";
    if worker.count(running, worker.world.acme).await > 0 {
        return;
    }
    let client = &worker.world.acme_owner;
    let (name, expected) = {
        let mut ledger = worker.ledger();
        let generation = ledger.imports.len() + 1;
        let name = format!("crash-import-{generation}.csv");
        let expected = ExpectedImport {
            total: IMPORT_ROWS,
            added: IMPORT_ROWS - IMPORT_ROWS / INVALID_EVERY,
            failed: IMPORT_ROWS / INVALID_EVERY,
            last_name: format!("Crashimport{generation}"),
        };
        ledger.imports.insert(name.clone(), expected.clone());
        (name, expected)
    };
    let sent = upload_request(client, &worker.address, &name, csv_file(&expected))
        .send()
        .await;
    let Some(file): Option<UploadedFile> = worker.answer("upload", sent).await else {
        return;
    };
    let request = CheckRequest {
        import_id: file.import_id,
        settings: ImportSettings {
            columns: vec![
                ImportTarget::FirstName,
                ImportTarget::LastName,
                ImportTarget::Email,
            ],
            default_country: None,
            mode: ImportMode::Add,
            keep_existing: false,
            language: shared::UiLanguage::English,
        },
    };
    let checked: Option<ImportCheck> = worker
        .call(client, "imports_check", json!({ "request": request }))
        .await;
    let Some(checked) = checked else { return };
    let planned = (checked.counts.added, checked.counts.failed);
    if planned != (expected.added, expected.failed) {
        worker.problem(format!(
            "dry run of {name}: {planned:?}, expected {expected:?}"
        ));
    }
    let _: Option<ImportProgress> = worker
        .call(
            client,
            "imports_start",
            json!({ "import_id": file.import_id }),
        )
        .await;
}

fn csv_file(expected: &ExpectedImport) -> Vec<u8> {
    let mut csv = String::from("First name,Last name,E-mail\n");
    for row in 1..=expected.total {
        let email = if row % INVALID_EVERY == 0 {
            format!("row{row}-at-nowhere")
        } else {
            format!("row{row}.{}@crash.test", expected.last_name)
        };
        csv.push_str(&format!("Row{row},{},{email}\n", expected.last_name));
    }
    csv.into_bytes()
}
