//! The import's runner (R35), played by the test: a batch per transaction,
//! and a second runner taking over where the first one's last batch ended
//! once its claim runs out.

use crate::helpers::spawn_app_with;
use app::imports::model::CheckRequest;
use shared::import::{ImportMode, ImportSettings, ImportTarget};
use std::time::Duration;

#[tokio::test]
async fn r35_an_import_resumes_where_its_last_batch_ended_after_the_runner_dies() {
    use app::ssr::ImportsPort;
    use server::imports::file::{Encoding, FileShape};
    use server::imports::ImportFiles;
    use server::jobs::{BatchOutcome, JobQueue};
    use server::storage::ImportJobs;

    // A server without job runners, so the test plays the runners.
    let app = spawn_app_with(|config| config.jobs.run = false)
        .await
        .expect("start the application");
    let store = &app.backend.store;
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
