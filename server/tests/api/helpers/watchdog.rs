//! A test that hangs stops the run with its name. Without this a test
//! waiting forever (on a lock, a stream, a server that never answers)
//! holds the whole run until an outer time limit kills it, and nothing
//! says which test it was.
//!
//! A test is watched from its first app's start until its thread ends
//! (after its runtime has shut down, which can wait too); a watch older
//! than the limit prints the test's name, kills the server processes the
//! run started and ends the run with a failure.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, Instant};

/// How long one test may run, unless `CONTACTS_TEST_TIME_LIMIT`
/// (seconds, `0` for none: the long fuzz and crash runs) says otherwise.
/// The slowest test takes well under a minute.
const DEFAULT_LIMIT: Duration = Duration::from_secs(600);

/// The tests watched now: when each started, and its name.
static WATCHED: Mutex<BTreeMap<u64, (String, Instant)>> = Mutex::new(BTreeMap::new());
/// The server processes alive now.
static PROCESSES: Mutex<BTreeSet<u32>> = Mutex::new(BTreeSet::new());

thread_local! {
    /// The watch of the test this thread runs: the harness runs each test
    /// on a thread of its own.
    static THIS_TEST: RefCell<Option<Watched>> = const { RefCell::new(None) };
}

/// Watches the current test, if it is not watched yet.
pub fn watch_this_test() {
    THIS_TEST.with(|watch| {
        watch.borrow_mut().get_or_insert_with(Watched::start);
    });
}

/// One test's watch; dropping it ends the watch.
struct Watched(u64);

impl Watched {
    fn start() -> Watched {
        static WATCHDOG: Once = Once::new();
        WATCHDOG.call_once(|| {
            if let Some(limit) = limit() {
                std::thread::spawn(move || watch(limit));
            }
        });
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        // The test harness names each test's thread after the test.
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        lock(&WATCHED).insert(id, (test, Instant::now()));
        Watched(id)
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        lock(&WATCHED).remove(&self.0);
    }
}

/// Notes a server process, killed should the run stop.
pub fn process_started(pid: u32) {
    lock(&PROCESSES).insert(pid);
}

/// Notes that a server process was reaped.
pub fn process_ended(pid: u32) {
    lock(&PROCESSES).remove(&pid);
}

fn limit() -> Option<Duration> {
    let seconds = match std::env::var("CONTACTS_TEST_TIME_LIMIT") {
        Ok(value) => value.trim().parse::<u64>().unwrap_or_else(|_| {
            panic!("CONTACTS_TEST_TIME_LIMIT must be a whole number of seconds, not {value:?}")
        }),
        Err(_) => DEFAULT_LIMIT.as_secs(),
    };
    (seconds > 0).then(|| Duration::from_secs(seconds))
}

fn watch(limit: Duration) {
    loop {
        std::thread::sleep(Duration::from_secs(5));
        let overdue: Vec<String> = lock(&WATCHED)
            .values()
            .filter(|(_, started)| started.elapsed() > limit)
            .map(|(test, _)| test.clone())
            .collect();
        if !overdue.is_empty() {
            // Written to the stream itself: the harness captures what a
            // test's threads print.
            let _ = writeln!(
                std::io::stderr(),
                "\nstopping the tests: still running after {} s (hung?): {}",
                limit.as_secs(),
                overdue.join(", ")
            );
            for pid in lock(&PROCESSES).iter() {
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            std::process::exit(1);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
