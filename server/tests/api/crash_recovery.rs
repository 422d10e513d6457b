//! Crash recovery: the real server binary runs deletions of everything, CSV
//! imports, a slow merge and its undo, and ingress bursts; it is killed
//! with SIGKILL at random moments and started again on the same database,
//! which must be consistent after every kill (see `helpers::crash`). Runs
//! on SQLite, and on PostgreSQL under `scripts/with-postgres.sh`.
//! `CRASH_ROUNDS` sets the number of kills, `CRASH_SEED` repeats a run.

use crate::helpers::crash::invariants::{self, Seen};
use crate::helpers::crash::workload::{
    delete_everything, import_a_file, open_merge, post_unconfirmed, undo, Ledger, SharedLedger,
    Worker, Workload,
};
use crate::helpers::crash::world::World;
use crate::helpers::crash::{KillPlan, SERVER_ENV};
use crate::helpers::TestApp;
use app::contacts::model::DeleteProgress;
use app::imports::model::ImportProgress;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_recovery_keeps_the_database_consistent_across_kill_9() {
    let started = Instant::now();
    let mut plan = KillPlan::from_env();
    let database = tempfile::tempdir().expect("temp dir");
    let database_url = crate::helpers::fresh_database_url(database.path()).await;
    let mut app = TestApp::start_server(&database_url, SERVER_ENV).await;
    let world = Arc::new(World::set_up(&app).await);
    let ledger = SharedLedger::default();
    check(&app, &world, &ledger).await;

    let mut interrupted = Interrupted::default();
    for round in 1..=plan.rounds {
        let workload = Workload::start(&app, &world, &ledger);
        let point = plan.next_kill();
        point.reach(&app, &ledger).await;
        let in_flight = ledger.lock().expect("ledger").in_flight;
        app.kill();
        workload.stop().await;
        let seen = check(&app, &world, &ledger).await;
        println!(
            "kill {round}, {point}: {seen}, merge request under way: {}",
            in_flight.unwrap_or("none")
        );
        interrupted.add(&seen, in_flight);
        app.restart().await;
    }
    assert!(
        interrupted.deletions > 0 && interrupted.imports > 0 && interrupted.merges > 0,
        "kills landed in every kind of work: {interrupted}"
    );

    finish_the_work(&app, &world, &ledger).await;
    check(&app, &world, &ledger).await;
    let ledger = ledger.lock().expect("ledger");
    println!(
        "crash recovery: {} kills in {:.1} s; killed during {interrupted}; \
         {} deletions, {} imports, {} merges, {} undos, {} messages",
        plan.rounds,
        started.elapsed().as_secs_f64(),
        ledger.deletions,
        ledger.imports.len(),
        ledger.merges,
        ledger.undos,
        ledger.messages.len()
    );
}

/// Checks the invariants and that no running server answered with an
/// error; shows the server's log when one did.
async fn check(app: &TestApp, world: &World, ledger: &SharedLedger) -> Seen {
    let ledger: Ledger = ledger.lock().expect("ledger").clone();
    assert!(
        ledger.problems.is_empty(),
        "error answers: {:#?}\nserver log:\n{}",
        ledger.problems,
        app.log()
    );
    invariants::check(app, world, &ledger).await
}

/// How many kills landed in each kind of work.
#[derive(Default)]
struct Interrupted {
    deletions: u32,
    imports: u32,
    merges: u32,
}

impl Interrupted {
    fn add(&mut self, seen: &Seen, in_flight: Option<&str>) {
        self.deletions += u32::from(seen.deletion.is_some());
        self.imports += u32::from(seen.import.is_some());
        self.merges += u32::from(in_flight.is_some());
    }
}

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} deletions, {} imports, {} merge requests",
            self.deletions, self.imports, self.merges
        )
    }
}

/// With no more kills: every message a kill left unanswered is confirmed
/// when posted again, the open merge is undone, and every job finishes
/// (one more deletion or import runs if none was left to finish), as
/// reported to users.
async fn finish_the_work(app: &TestApp, world: &Arc<World>, ledger: &SharedLedger) {
    let worker = Worker::new(app, world, ledger);
    post_unconfirmed(&worker, &reqwest::Client::new()).await;
    let unconfirmed = ledger
        .lock()
        .expect("ledger")
        .messages
        .values()
        .filter(|confirmed| !**confirmed)
        .count();
    assert_eq!(unconfirmed, 0, "messages posted again and not confirmed");

    if let Some(merge_id) = open_merge(app.pool(), world.pair.survivor).await {
        assert!(undo(&worker, merge_id).await, "undo of the open merge");
    }

    wait_for_jobs(app).await;
    let demo_left = app
        .count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = {}",
            world.demo
        ))
        .await;
    if demo_left > 0 {
        delete_everything(&worker).await;
    }
    let finished_imports = app
        .count("SELECT COUNT(*) FROM imports WHERE status = 'done'")
        .await;
    if finished_imports == 0 {
        import_a_file(&worker).await;
    }
    wait_for_jobs(app).await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = {}",
            world.demo
        ))
        .await,
        0,
        "every contact of Demo deleted"
    );
    progress_is_reported(app, world, ledger).await;
}

/// Waits until no deletion or import is running.
async fn wait_for_jobs(app: &TestApp) {
    let deadline = Instant::now() + Duration::from_secs(300);
    while app
        .count(
            "SELECT (SELECT COUNT(*) FROM delete_jobs WHERE status = 'running')
                  + (SELECT COUNT(*) FROM imports WHERE status = 'running')",
        )
        .await
        > 0
    {
        assert!(
            Instant::now() < deadline,
            "jobs did not finish after the last restart:\n{}",
            app.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The last deletion and import show as finished, with their numbers.
async fn progress_is_reported(app: &TestApp, world: &World, ledger: &SharedLedger) {
    let deletion: Option<DeleteProgress> =
        progress(app, &world.demo_owner, "contacts_delete_progress").await;
    let deletion = deletion.expect("the last deletion");
    assert!(
        deletion.done && deletion.deleted == deletion.total,
        "{deletion:?}"
    );
    let import: Option<ImportProgress> = progress(app, &world.acme_owner, "imports_progress").await;
    let import = import.expect("the last import");
    let expected = ledger.lock().expect("ledger").imports[&import.file_name].clone();
    assert!(import.done, "{import:?}");
    assert_eq!(
        (import.processed, import.counts.added, import.counts.failed),
        (expected.total, expected.added, expected.failed),
        "the last import's summary"
    );
}

/// A progress server function's answer.
async fn progress<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
) -> T {
    let response = app.call_json(client, endpoint, &json!({})).await;
    assert!(
        response.status().is_success(),
        "{endpoint}: {}",
        response.status()
    );
    response.json().await.expect("answer")
}
