//! Background jobs with the test as their runners: a server that runs
//! none of its own, and runners that claim a job, do batches and die.

use super::{spawn_app_with, TestApp};
use server::jobs::{BatchOutcome, ClaimedJob, JobQueue};
use std::time::Duration;

/// Starts the app as `spawn_app` does, without job runners, so the test
/// plays the runners.
pub async fn spawn_app_without_runners() -> TestApp {
    spawn_app_with(|config| config.jobs.run = false)
        .await
        .expect("start the application")
}

/// The runner "first" claims the next job and does one batch of
/// `batch_size` items, with more to do; the job it holds.
pub async fn first_batch(jobs: &impl JobQueue, batch_size: u32, lease: i64) -> ClaimedJob {
    let claimed = jobs
        .claim("first", lease)
        .await
        .expect("claim")
        .expect("a job");
    assert_eq!(
        jobs.run_batch(claimed, "first", batch_size, lease)
            .await
            .expect("batch"),
        BatchOutcome::More
    );
    claimed
}

/// The runner "first" has died holding `claimed`: until its claim runs out
/// nobody else works on the job; then "second" takes it over, "first",
/// back from the dead, has lost it, and "second" does the rest.
pub async fn take_over(jobs: &impl JobQueue, claimed: ClaimedJob, batch_size: u32, lease: i64) {
    assert_eq!(jobs.claim("second", lease).await.expect("claim"), None);
    tokio::time::sleep(Duration::from_millis(lease.unsigned_abs() + 20)).await;
    assert_eq!(
        jobs.claim("second", lease).await.expect("claim"),
        Some(claimed)
    );
    assert_eq!(
        jobs.run_batch(claimed, "first", batch_size, lease)
            .await
            .expect("batch"),
        BatchOutcome::Lost
    );
    let mut outcome = BatchOutcome::More;
    while outcome == BatchOutcome::More {
        outcome = jobs
            .run_batch(claimed, "second", batch_size, lease)
            .await
            .expect("batch");
    }
    assert_eq!(outcome, BatchOutcome::Done);
}
