//! The import's runner (R35), played by the test: a batch per transaction,
//! and a second runner taking over where the first one's last batch ended
//! once its claim runs out.

use crate::helpers::jobs::{first_batch, spawn_app_without_runners, take_over};
use app::imports::model::CheckRequest;
use shared::import::{ImportMode, ImportSettings, ImportTarget};

#[tokio::test]
async fn r35_an_import_resumes_where_its_last_batch_ended_after_the_runner_dies() {
    use app::ssr::ImportsPort;
    use server::imports::file::{Encoding, FileShape};
    use server::imports::ImportFiles;
    use server::storage::ImportJobs;

    let app = spawn_app_without_runners().await;
    let store = &app.backend.store;
    let demo = app.workspace_id("Demo").await;
    let owner = app.user_id("owner@demo.test").await;
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
        language: shared::UiLanguage::English,
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
    let claimed = first_batch(&jobs, 50, lease).await;
    let resumed = "SELECT COUNT(*) FROM contacts WHERE last_name = 'Resume'";
    assert_eq!(app.count(resumed).await, 50);
    // The first runner dies here; once its claim runs out, another takes over.
    take_over(&jobs, claimed, 50, lease).await;
    assert_eq!(app.count(resumed).await, 120);
    let summary = store
        .progress(demo)
        .await
        .expect("progress")
        .expect("an import");
    assert!(summary.done);
    assert_eq!((summary.counts.added, summary.processed), (120, 120));
}
