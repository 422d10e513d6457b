//! Background jobs: the runners that carry out contact deletions (R33),
//! CSV imports (R35) and workspace exports (R36). Started by the binary and
//! by the test harness; any number of servers may run them, as a job is
//! claimed by one runner at a time and every batch is one transaction, so a
//! restart resumes where the last committed batch ended.

use crate::storage::jobs::JobTable;
use crate::storage::{Store, StoreError};
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// A job a runner holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimedJob {
    pub id: i64,
    pub workspace_id: i64,
}

/// What one batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchOutcome {
    /// Did a batch; more remain.
    More,
    /// The job is finished.
    Done,
    /// Another runner holds the job now (this runner's claim ran out).
    Lost,
}

/// One kind of background job, as its runner sees it.
#[async_trait]
pub trait JobQueue: Send + Sync {
    /// The storage the jobs live in.
    fn store(&self) -> &Store;

    /// The table of this kind's jobs.
    fn table(&self) -> JobTable;

    /// Claims the oldest running job that no other runner holds, or whose
    /// holder's claim ran out, for `lease_millis`.
    async fn claim(
        &self,
        runner: &str,
        lease_millis: i64,
    ) -> Result<Option<ClaimedJob>, StoreError> {
        crate::storage::jobs::claim(self.store(), self.table(), runner, lease_millis).await
    }

    /// Does the next `batch_size` items of a job this runner holds in one
    /// transaction that also renews the claim.
    async fn run_batch(
        &self,
        job: ClaimedJob,
        runner: &str,
        batch_size: u32,
        lease_millis: i64,
    ) -> Result<BatchOutcome, StoreError>;
}

/// How the runners pace themselves.
#[derive(Debug, Clone)]
pub struct JobSettings {
    /// Contacts deleted per batch.
    pub delete_batch: u32,
    /// File rows imported per batch.
    pub import_batch: u32,
    /// Contacts exported per batch.
    pub export_batch: u32,
    /// How often an idle runner looks for new jobs.
    pub poll_interval: Duration,
    /// How long a claim lasts without a batch renewing it; after that, another
    /// runner (e.g. after a restart) takes the job over.
    pub lease: Duration,
    /// Whether this server runs job runners at all; on unless a test plays
    /// the runners itself.
    pub run: bool,
}

impl Default for JobSettings {
    fn default() -> Self {
        JobSettings {
            delete_batch: 2000,
            import_batch: 1000,
            export_batch: 10_000,
            poll_interval: Duration::from_secs(1),
            lease: Duration::from_secs(15),
            run: true,
        }
    }
}

impl JobSettings {
    /// The defaults, changed by `CONTACTS_DELETE_BATCH_SIZE`,
    /// `CONTACTS_IMPORT_BATCH_SIZE`, `CONTACTS_EXPORT_BATCH_SIZE`,
    /// `CONTACTS_JOB_POLL_MS` and `CONTACTS_JOB_LEASE_MS` when set.
    pub fn from_env() -> Self {
        let mut settings = JobSettings::default();
        let batch = |name: &str, current: u32| {
            env_number(name).map_or(current, |size| {
                u32::try_from(size).unwrap_or(u32::MAX).max(1)
            })
        };
        settings.delete_batch = batch("CONTACTS_DELETE_BATCH_SIZE", settings.delete_batch);
        settings.import_batch = batch("CONTACTS_IMPORT_BATCH_SIZE", settings.import_batch);
        settings.export_batch = batch("CONTACTS_EXPORT_BATCH_SIZE", settings.export_batch);
        if let Some(millis) = env_number("CONTACTS_JOB_POLL_MS") {
            settings.poll_interval = Duration::from_millis(millis.max(10));
        }
        if let Some(millis) = env_number("CONTACTS_JOB_LEASE_MS") {
            settings.lease = Duration::from_millis(millis.max(100));
        }
        settings
    }

    fn lease_millis(&self) -> i64 {
        i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX)
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// Builds a kind's queue over a store.
type QueueOf = fn(Store) -> Arc<dyn JobQueue>;

/// Starts one runner per kind of job on the current Tokio runtime, each on a
/// connection of its own at the lowest CPU priority; none when the settings
/// say not to run them.
pub fn spawn_runners(store: Store, settings: JobSettings) -> JoinHandle<()> {
    tokio::spawn(async move {
        if !settings.run {
            return;
        }
        let kinds: [(QueueOf, u32); 3] = [
            (
                |store| Arc::new(crate::storage::DeleteJobs(store)),
                settings.delete_batch,
            ),
            (
                |store| Arc::new(crate::storage::ImportJobs(store)),
                settings.import_batch,
            ),
            (
                |store| Arc::new(crate::storage::ExportJobs(store)),
                settings.export_batch,
            ),
        ];
        // One after the other: each background connection is set up alone.
        for (queue, batch_size) in kinds {
            let background = match store.background().await {
                Ok(background) => background,
                Err(error) => {
                    tracing::warn!(%error, "no background connection; running jobs at normal priority");
                    store.clone()
                }
            };
            tokio::spawn(run_queue(queue(background), batch_size, settings.clone()));
        }
    })
}

/// Claims and runs jobs of one kind, forever.
async fn run_queue(queue: Arc<dyn JobQueue>, batch_size: u32, settings: JobSettings) {
    // The process id tells an operator which server holds a job.
    let runner = format!("runner-{}-{}", std::process::id(), rand::random::<u32>());
    loop {
        match queue.claim(&runner, settings.lease_millis()).await {
            Ok(Some(job)) => run_job(queue.as_ref(), &runner, job, batch_size, &settings).await,
            Ok(None) => tokio::time::sleep(settings.poll_interval).await,
            Err(error) => {
                tracing::error!(%error, kind = queue.table().kind(), "claiming a job failed");
                tokio::time::sleep(settings.poll_interval).await;
            }
        }
    }
}

/// Runs batch after batch until the job is done or the claim is lost.
pub async fn run_job(
    queue: &dyn JobQueue,
    runner: &str,
    job: ClaimedJob,
    batch_size: u32,
    settings: &JobSettings,
) {
    loop {
        match queue
            .run_batch(job, runner, batch_size, settings.lease_millis())
            .await
        {
            // Let requests in between batches, so the app stays usable.
            Ok(BatchOutcome::More) => tokio::task::yield_now().await,
            Ok(BatchOutcome::Done | BatchOutcome::Lost) => return,
            Err(error) => {
                tracing::error!(%error, kind = queue.table().kind(), job_id = job.id, "a batch failed; retrying");
                tokio::time::sleep(settings.poll_interval).await;
                return;
            }
        }
    }
}
