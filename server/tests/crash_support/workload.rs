//! The work a server is killed in the middle of: deletions of everything,
//! CSV imports, a merge and its undo over and over, and ingress bursts.
//! A request cut off by the kill is expected; an error answer from a
//! running server is not, and is kept as a problem the test fails on.

use super::world::World;
use crate::common::TestApp;
use app::contacts::model::{DeleteProgress, DeleteTarget};
use app::imports::model::{CheckRequest, ImportCheck, ImportProgress, UploadedFile};
use app::merge::model::{MergeDone, MergeReview};
use reqwest::{header, Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use shared::import::{ImportMode, ImportSettings, ImportTarget};
use sqlx::AnyPool;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Contacts each deletion of everything adds to "Demo" before it starts.
const BULK_CONTACTS: i64 = 3_000;
/// Rows of each imported file; every `INVALID_EVERY`th row has an e-mail
/// address the import refuses.
const IMPORT_ROWS: u64 = 1_500;
const INVALID_EVERY: u64 = 20;
/// New messages per ingress burst; each is posted twice at once.
const BURST: u64 = 10;
/// The pause between bursts.
const BURST_PAUSE: Duration = Duration::from_millis(50);

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
            tokio::spawn(keep_deleting(worker.clone())),
            tokio::spawn(keep_importing(worker.clone())),
            tokio::spawn(merge_and_undo(worker.clone())),
            tokio::spawn(ingress_bursts(worker)),
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
            pool: app.backend.store.pool().clone(),
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
        let sent = client
            .post(format!("{}/api/{endpoint}", self.address))
            .header(header::ORIGIN, &self.address)
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

/// Starts a deletion of everything in "Demo" whenever none is running.
async fn keep_deleting(worker: Worker) {
    while !worker.stopped() {
        delete_everything(&worker).await;
        tokio::time::sleep(JOB_POLL).await;
    }
}

/// Adds a few thousand contacts to "Demo" (unless it has them already) and
/// deletes everything, unless a deletion is still under way there.
pub async fn delete_everything(worker: &Worker) {
    let running = "SELECT COUNT(*) FROM delete_jobs WHERE workspace_id = $1 AND status = 'running'";
    if worker.count(running, worker.world.demo).await > 0 {
        return;
    }
    let generation = {
        let mut ledger = worker.ledger();
        ledger.deletions += 1;
        ledger.deletions
    };
    // Contacts added for a request that a kill cut off are deleted by the
    // next one.
    let contacts = "SELECT COUNT(*) FROM contacts WHERE workspace_id = $1";
    if worker.count(contacts, worker.world.demo).await < BULK_CONTACTS {
        add_bulk_contacts(&worker.pool, worker.world.demo, generation).await;
    }
    let target = serde_json::to_value(DeleteTarget::Everything).expect("target");
    let _: Option<DeleteProgress> = worker
        .call(
            &worker.world.demo_owner,
            "contacts_delete",
            json!({ "target": target }),
        )
        .await;
}

/// `BULK_CONTACTS` contacts in one statement; every four share a phone
/// number and every three an e-mail address, so they form duplicate groups.
async fn add_bulk_contacts(pool: &AnyPool, workspace: i64, generation: u32) {
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
         INSERT INTO contacts (workspace_id, first_name, last_name, phone, email, email_key,
                               created_at, updated_at)
         SELECT $1, 'Bulk ' || CAST(n.i AS TEXT), 'Bulk',
                $3 || CAST(100000 + n.i / 4 AS TEXT),
                'bulk' || CAST(n.i / 3 AS TEXT) || $4, 'bulk' || CAST(n.i / 3 AS TEXT) || $4,
                n.i, n.i
           FROM n",
    )
    .bind(workspace)
    .bind(BULK_CONTACTS)
    .bind(format!("+49151{generation:02}"))
    .bind(format!(".g{generation}@crash.test"))
    .execute(pool)
    .await
    .expect("bulk contacts");
}

/// Starts an import into "Acme Support" whenever none is running.
async fn keep_importing(worker: Worker) {
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
    let sent = client
        .post(format!("{}/contacts/imports?name={name}", worker.address))
        .header(header::ORIGIN, &worker.address)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(csv_file(&expected))
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

/// Merges the pair, undoes the merge, merges again, for as long as the
/// server runs.
async fn merge_and_undo(worker: Worker) {
    while !worker.stopped() {
        let done = match open_merge(&worker.pool, worker.world.pair.survivor).await {
            Some(merge_id) => undo(&worker, merge_id).await,
            None => merge(&worker).await,
        };
        if !done {
            return;
        }
    }
}

/// The merge of the pair that is not undone, if any.
pub async fn open_merge(pool: &AnyPool, survivor: i64) -> Option<i64> {
    sqlx::query_scalar(
        "SELECT id FROM merges WHERE survivor_id = $1 AND undone_at IS NULL
          ORDER BY id DESC LIMIT 1",
    )
    .bind(survivor)
    .fetch_optional(pool)
    .await
    .expect("open merge")
}

async fn merge(worker: &Worker) -> bool {
    let client = &worker.world.acme_owner;
    let pair = [worker.world.pair.survivor, worker.world.pair.other];
    let review: Option<MergeReview> = worker
        .call(client, "merge_review", json!({ "contact_ids": pair }))
        .await;
    let Some(review) = review else { return false };
    let versions: Vec<i64> = review.contacts.iter().map(|c| c.version).collect();
    worker.ledger().in_flight = Some("merge");
    let done: Option<MergeDone> = worker
        .call(
            client,
            "merge_contacts",
            json!({"request": {"contact_ids": pair, "versions": versions, "choices": []}}),
        )
        .await;
    let mut ledger = worker.ledger();
    ledger.in_flight = None;
    ledger.merges += u32::from(done.is_some());
    done.is_some()
}

pub async fn undo(worker: &Worker, merge_id: i64) -> bool {
    worker.ledger().in_flight = Some("undo");
    let done: Option<Vec<i64>> = worker
        .call(
            &worker.world.acme_owner,
            "merge_undo",
            json!({ "merge_id": merge_id }),
        )
        .await;
    let mut ledger = worker.ledger();
    ledger.in_flight = None;
    ledger.undos += u32::from(done.is_some());
    done.is_some()
}

/// Posts again what earlier kills left unanswered, then bursts of new
/// messages, each posted twice at once.
async fn ingress_bursts(worker: Worker) {
    let client = Client::new();
    post_unconfirmed(&worker, &client).await;
    while !worker.stopped() {
        let numbers: Vec<u64> = {
            let mut ledger = worker.ledger();
            let first = ledger.messages.len() as u64;
            (first..first + BURST)
                .inspect(|number| {
                    ledger.messages.insert(*number, false);
                })
                .collect()
        };
        post_messages(&worker, &client, &numbers).await;
        tokio::time::sleep(BURST_PAUSE).await;
    }
}

/// Posts every message no server confirmed yet.
pub async fn post_unconfirmed(worker: &Worker, client: &Client) {
    let unconfirmed: Vec<u64> = worker
        .ledger()
        .messages
        .iter()
        .filter(|(_, confirmed)| !**confirmed)
        .map(|(number, _)| *number)
        .collect();
    post_messages(worker, client, &unconfirmed).await;
}

async fn post_messages(worker: &Worker, client: &Client, numbers: &[u64]) {
    let posts = numbers
        .iter()
        .flat_map(|number| [*number, *number])
        .map(|number| post_message(worker, client, number));
    futures::future::join_all(posts).await;
}

async fn post_message(worker: &Worker, client: &Client, number: u64) {
    let channel = &worker.world.channel;
    let sent = client
        .post(format!("{}/api/ingress/{}", worker.address, channel.id))
        .bearer_auth(&channel.token)
        .header(header::CONTENT_TYPE, "application/json")
        .body(payload(number).to_string())
        .send()
        .await;
    let Ok(response) = sent else { return };
    match response.status() {
        StatusCode::OK | StatusCode::CREATED => {
            worker.ledger().messages.insert(number, true);
        }
        status => worker.problem(format!("ingress of message {number}: {status}")),
    }
}

/// The channel's id of ingress message `number`.
pub fn external_id(number: u64) -> String {
    format!("crash-{number}")
}

/// A message from a new sender; every three senders share a phone number.
fn payload(number: u64) -> Value {
    let mut payload = crate::common::inbox::message(
        &external_id(number),
        &format!("burst-sender-{number}"),
        "Burst",
        "2026-03-01T10:00:00Z",
    );
    payload["sender"]["phone"] = json!(format!("+49 151 {:08}", 40_000_000 + number / 3));
    payload
}
