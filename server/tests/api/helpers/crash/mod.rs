//! The crash-recovery harness: the real server binary runs work, is killed
//! with SIGKILL at points a seeded random generator picks, and is started
//! again on the same database, which must be consistent after every kill.

pub mod invariants;
pub mod workload;
pub mod world;

use crate::helpers::TestApp;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::fmt;
use std::time::{Duration, Instant};
use workload::SharedLedger;

/// Contacts a deletion batch deletes and rows an import batch handles.
const BATCH: i64 = 100;

/// The server's settings: runners that poll often, small batches so a job
/// spans several kills, and a short claim so a restarted server takes its
/// jobs back soon.
pub const SERVER_ENV: &[(&str, &str)] = &[
    ("CONTACTS_JOB_POLL_MS", "50"),
    ("CONTACTS_JOB_LEASE_MS", "1000"),
    ("CONTACTS_DELETE_BATCH_SIZE", "100"),
    ("CONTACTS_IMPORT_BATCH_SIZE", "100"),
];

/// Kills in a run of `make test`; `CRASH_ROUNDS` asks for more (at least
/// four).
const DEFAULT_ROUNDS: u64 = 5;
/// How long to wait for a kill point before calling the work stuck.
const STUCK_AFTER: Duration = Duration::from_secs(120);

/// Where a round's kill lands.
#[derive(Clone, Copy, Debug)]
pub enum KillPoint {
    /// A moment after the round's work started.
    After(Duration),
    /// `extra` after deletions went `batches` batches further.
    Deletion { batches: i64, extra: Duration },
    /// `extra` after imports went `batches` batches further.
    Import { batches: i64, extra: Duration },
    /// While a merge or undo request is under way, at least `extra` after
    /// one was sent.
    Merge { extra: Duration },
}

impl fmt::Display for KillPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KillPoint::After(after) => write!(f, "after {} ms", after.as_millis()),
            KillPoint::Deletion { batches, extra } => write!(
                f,
                "{} ms after {batches} deletion batches",
                extra.as_millis()
            ),
            KillPoint::Import { batches, extra } => {
                write!(f, "{} ms after {batches} import batches", extra.as_millis())
            }
            KillPoint::Merge { extra } => {
                write!(f, "{} ms into a merge request", extra.as_millis())
            }
        }
    }
}

/// The kill points of a run.
pub struct KillPlan {
    pub rounds: u64,
    rng: StdRng,
    /// The first rounds' kinds of kill point, one of each in random order.
    first_kinds: Vec<usize>,
}

impl KillPlan {
    /// The plan `CRASH_SEED` and `CRASH_ROUNDS` ask for, else a random seed
    /// and the default number of rounds; prints both so a run can be
    /// repeated (the kill points repeat, the timing of the work around
    /// them does not quite).
    pub fn from_env() -> KillPlan {
        let seed = env_number("CRASH_SEED").unwrap_or_else(rand::random);
        let rounds = env_number("CRASH_ROUNDS").unwrap_or(DEFAULT_ROUNDS);
        assert!(
            rounds >= 4,
            "CRASH_ROUNDS must be at least 4: one kill in each kind of work"
        );
        println!(
            "crash recovery: {rounds} kills, seed {seed} \
             (repeat with CRASH_SEED={seed} CRASH_ROUNDS={rounds})"
        );
        let mut rng = StdRng::seed_from_u64(seed);
        let mut first_kinds = vec![0, 1, 2, 3];
        first_kinds.shuffle(&mut rng);
        KillPlan {
            rounds,
            rng,
            first_kinds,
        }
    }

    /// The next round's kill point: the first four rounds have one of each
    /// kind, later rounds any.
    pub fn next_kill(&mut self) -> KillPoint {
        let kind = match self.first_kinds.pop() {
            Some(kind) => kind,
            None => self.rng.gen_range(0..4),
        };
        let extra = Duration::from_millis(self.rng.gen_range(0..60));
        match kind {
            0 => KillPoint::After(Duration::from_millis(self.rng.gen_range(200..2_500))),
            1 => KillPoint::Deletion {
                batches: self.rng.gen_range(1..=5),
                extra,
            },
            2 => KillPoint::Import {
                batches: self.rng.gen_range(1..=4),
                extra,
            },
            _ => KillPoint::Merge { extra },
        }
    }
}

/// A job's counter that only grows, and its running jobs.
struct JobCounter {
    progress: &'static str,
    running: &'static str,
}

const DELETIONS: JobCounter = JobCounter {
    progress: "SELECT CAST(coalesce(SUM(deleted), 0) AS BIGINT) FROM delete_jobs",
    running: "SELECT COUNT(*) FROM delete_jobs WHERE status = 'running'",
};
const IMPORTS: JobCounter = JobCounter {
    progress: "SELECT CAST(coalesce(SUM(processed), 0) AS BIGINT) FROM imports",
    running: "SELECT COUNT(*) FROM imports WHERE status = 'running'",
};

impl KillPoint {
    /// Waits until the work reaches this point, or until a worker got an
    /// error answer (the check after the kill reports it).
    pub async fn reach(self, app: &TestApp, ledger: &SharedLedger) {
        let reached = match self {
            KillPoint::After(after) => {
                tokio::time::sleep(after).await;
                return;
            }
            KillPoint::Deletion { batches, extra } => {
                advance(app, ledger, &DELETIONS, batches).await && pause(extra).await
            }
            KillPoint::Import { batches, extra } => {
                advance(app, ledger, &IMPORTS, batches).await && pause(extra).await
            }
            KillPoint::Merge { extra } => {
                merge_under_way(ledger).await && pause(extra).await && merge_under_way(ledger).await
            }
        };
        assert!(
            reached || failed(ledger),
            "the work did not reach the kill point ({self}) within {} s after a restart:\n{}",
            STUCK_AFTER.as_secs(),
            app.log()
        );
    }
}

async fn pause(extra: Duration) -> bool {
    tokio::time::sleep(extra).await;
    true
}

fn failed(ledger: &SharedLedger) -> bool {
    !ledger.lock().expect("ledger").problems.is_empty()
}

/// Waits until jobs of a kind went `batches` batches further and one of
/// them is still running; false when that takes too long or a worker
/// failed.
async fn advance(app: &TestApp, ledger: &SharedLedger, jobs: &JobCounter, batches: i64) -> bool {
    let target = app.count(jobs.progress).await + batches * BATCH;
    let deadline = Instant::now() + STUCK_AFTER;
    while app.count(jobs.progress).await < target || app.count(jobs.running).await == 0 {
        if Instant::now() > deadline || failed(ledger) {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    true
}

/// Waits until a merge or undo request is under way; false when that takes
/// too long or a worker failed.
async fn merge_under_way(ledger: &SharedLedger) -> bool {
    let deadline = Instant::now() + STUCK_AFTER;
    while ledger.lock().expect("ledger").in_flight.is_none() {
        if Instant::now() > deadline || failed(ledger) {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    true
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {value:?}")),
    )
}
