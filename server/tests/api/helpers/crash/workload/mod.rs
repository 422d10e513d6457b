//! The work a server is killed in the middle of: deletions of everything,
//! CSV imports, a merge and its undo over and over, and ingress bursts.
//! A request cut off by the kill is expected; an error answer from a
//! running server is not, and is kept as a problem the test fails on.

use super::world::World;
use crate::helpers::{server_fn_request, TestApp};
use reqwest::{Client, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::AnyPool;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

mod deletions;
mod imports;
mod ingress;
mod merges;

pub use deletions::delete_everything;
pub use imports::import_a_file;
pub use ingress::{external_id, post_unconfirmed};
pub use merges::{open_merge, undo};

/// What an import must end with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedImport {
    pub total: u64,
    pub added: u64,
    pub failed: u64,
    /// The last name every contact of the file has.
    pub last_name: String,
}

/// What the workers did and saw, over every round.
#[derive(Default, Clone)]
pub struct Ledger {
    /// Every ingress message number posted, and whether a server confirmed
    /// it (201 stored, or 200 stored before).
    pub messages: BTreeMap<u64, bool>,
    /// Every uploaded file by name, with what its import must end with.
    pub imports: BTreeMap<String, ExpectedImport>,
    /// Deletions of everything asked for.
    pub deletions: u32,
    pub merges: u32,
    pub undos: u32,
    /// The merge request under way, if any.
    pub in_flight: Option<&'static str>,
    /// Error answers from a running server.
    pub problems: Vec<String>,
}

pub type SharedLedger = Arc<Mutex<Ledger>>;

/// One round's workers, running until the server is killed.
pub struct Workload {
    stop: Arc<AtomicBool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Workload {
    pub fn start(app: &TestApp, world: &Arc<World>, ledger: &SharedLedger) -> Workload {
        let worker = Worker::new(app, world, ledger);
        let stop = worker.stop.clone();
        let tasks = vec![
            tokio::spawn(deletions::keep_deleting(worker.clone())),
            tokio::spawn(imports::keep_importing(worker.clone())),
            tokio::spawn(merges::merge_and_undo(worker.clone())),
            tokio::spawn(ingress::ingress_bursts(worker)),
        ];
        Workload { stop, tasks }
    }

    /// Tells the workers to stop (their server is gone) and waits for them.
    pub async fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        for task in self.tasks {
            tokio::time::timeout(Duration::from_secs(60), task)
                .await
                .expect("a worker stops once its server is gone")
                .expect("a worker ran to its end");
        }
    }
}

/// What every worker needs: the server's address, the test's own
/// connection to the database, and the ledger.
#[derive(Clone)]
pub struct Worker {
    address: String,
    pool: AnyPool,
    world: Arc<World>,
    ledger: SharedLedger,
    stop: Arc<AtomicBool>,
}

impl Worker {
    pub fn new(app: &TestApp, world: &Arc<World>, ledger: &SharedLedger) -> Worker {
        Worker {
            address: app.address.clone(),
            pool: app.pool().clone(),
            world: world.clone(),
            ledger: ledger.clone(),
            stop: Arc::new(AtomicBool::new(false)),
        }
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn ledger(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().expect("ledger")
    }

    fn problem(&self, what: String) {
        self.ledger().problems.push(what);
    }

    /// The answer's JSON; `None` when the kill cut the request off, or when
    /// the server answered with an error (kept as a problem).
    async fn answer<T: DeserializeOwned>(
        &self,
        what: &str,
        sent: Result<Response, reqwest::Error>,
    ) -> Option<T> {
        let response = sent.ok()?;
        let status = response.status();
        let body = response.text().await.ok()?;
        if !status.is_success() {
            self.problem(format!("{what}: {status} {body}"));
            return None;
        }
        match serde_json::from_str(&body) {
            Ok(value) => Some(value),
            Err(error) => {
                self.problem(format!("{what}: unreadable answer ({error}): {body}"));
                None
            }
        }
    }

    /// Calls a server function with a JSON body, as the browser does.
    async fn call<T: DeserializeOwned>(
        &self,
        client: &Client,
        endpoint: &str,
        body: Value,
    ) -> Option<T> {
        let sent = server_fn_request(client, &self.address, endpoint)
            .json(&body)
            .send()
            .await;
        self.answer(endpoint, sent).await
    }

    async fn count(&self, sql: &str, workspace: i64) -> i64 {
        sqlx::query_scalar(sql)
            .bind(workspace)
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }
}

/// How often the job workers look whether their job has finished.
const JOB_POLL: Duration = Duration::from_millis(100);
