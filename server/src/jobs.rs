//! Background jobs: the runner that carries out contact deletions (R33).
//! Started by the binary and by the test harness; any number of servers may
//! run one, as a job is claimed by one runner at a time.

use crate::storage::{Store, StoreError};
use async_trait::async_trait;
use std::time::Duration;
use tokio::task::JoinHandle;

/// A deletion job a runner holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimedJob {
    pub id: i64,
    pub workspace_id: i64,
}

/// What one batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchOutcome {
    /// Deleted a batch; more remain.
    More,
    /// The job is finished.
    Done,
    /// Another runner holds the job now (this runner's claim ran out).
    Lost,
}

/// What the delete runner needs from storage.
#[async_trait]
pub trait DeleteJobStorage: Send + Sync {
    /// Claims the oldest running job that no other runner holds, or whose
    /// holder's claim ran out, for `lease_millis`.
    async fn claim_delete_job(
        &self,
        runner: &str,
        lease_millis: i64,
    ) -> Result<Option<ClaimedJob>, StoreError>;

    /// Deletes the next `batch_size` contacts of a job this runner holds,
    /// with everything that hangs off them, in one transaction that also
    /// renews the claim.
    async fn delete_batch(
        &self,
        job: ClaimedJob,
        runner: &str,
        batch_size: u32,
        lease_millis: i64,
    ) -> Result<BatchOutcome, StoreError>;
}

/// How the delete runner paces itself.
#[derive(Debug, Clone)]
pub struct DeleteJobSettings {
    /// Contacts per batch (each batch is one transaction).
    pub batch_size: u32,
    /// How often an idle runner looks for new jobs.
    pub poll_interval: Duration,
    /// How long a claim lasts without a batch renewing it; after that, another
    /// runner (e.g. after a restart) takes the job over.
    pub lease: Duration,
}

impl Default for DeleteJobSettings {
    fn default() -> Self {
        DeleteJobSettings {
            batch_size: 2000,
            poll_interval: Duration::from_secs(1),
            lease: Duration::from_secs(15),
        }
    }
}

impl DeleteJobSettings {
    /// The defaults, changed by `CONTACTS_DELETE_BATCH_SIZE`,
    /// `CONTACTS_JOB_POLL_MS` and `CONTACTS_JOB_LEASE_MS` when set.
    pub fn from_env() -> Self {
        let mut settings = DeleteJobSettings::default();
        if let Some(size) = env_number("CONTACTS_DELETE_BATCH_SIZE") {
            settings.batch_size = u32::try_from(size).unwrap_or(u32::MAX).max(1);
        }
        if let Some(millis) = env_number("CONTACTS_JOB_POLL_MS") {
            settings.poll_interval = Duration::from_millis(millis.max(10));
        }
        if let Some(millis) = env_number("CONTACTS_JOB_LEASE_MS") {
            settings.lease = Duration::from_millis(millis.max(100));
        }
        settings
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

fn lease_millis(settings: &DeleteJobSettings) -> i64 {
    i64::try_from(settings.lease.as_millis()).unwrap_or(i64::MAX)
}

/// Starts the delete runner on the current Tokio runtime, on a connection
/// of its own at the lowest CPU priority.
pub fn spawn_delete_runner(store: Store, settings: DeleteJobSettings) -> JoinHandle<()> {
    // The process id tells an operator which server holds a job.
    let runner = format!("runner-{}-{}", std::process::id(), rand::random::<u32>());
    tokio::spawn(async move {
        let store = match store.background().await {
            Ok(background) => background,
            Err(error) => {
                tracing::warn!(%error, "no background connection; deleting at normal priority");
                store
            }
        };
        loop {
            match store
                .claim_delete_job(&runner, lease_millis(&settings))
                .await
            {
                Ok(Some(job)) => run_job(&store, &runner, job, &settings).await,
                Ok(None) => tokio::time::sleep(settings.poll_interval).await,
                Err(error) => {
                    tracing::error!(%error, "claiming a delete job failed");
                    tokio::time::sleep(settings.poll_interval).await;
                }
            }
        }
    })
}

/// Deletes batch after batch until the job is done or the claim is lost.
pub async fn run_job(
    store: &dyn DeleteJobStorage,
    runner: &str,
    job: ClaimedJob,
    settings: &DeleteJobSettings,
) {
    loop {
        match store
            .delete_batch(job, runner, settings.batch_size, lease_millis(settings))
            .await
        {
            // Let requests in between batches, so the app stays usable.
            Ok(BatchOutcome::More) => tokio::task::yield_now().await,
            Ok(BatchOutcome::Done) | Ok(BatchOutcome::Lost) => return,
            Err(error) => {
                tracing::error!(%error, job_id = job.id, "a delete batch failed; retrying");
                tokio::time::sleep(settings.poll_interval).await;
                return;
            }
        }
    }
}
