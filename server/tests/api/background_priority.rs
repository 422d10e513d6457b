//! Background jobs work through connections whose SQLite threads run under
//! the idle scheduling policy, so requests keep the CPU while a big deletion
//! runs; the connections that serve requests keep the normal policy. The
//! server is the real binary in a process of its own, so only its threads
//! are looked at, whatever other tests run beside this one.
#![cfg(target_os = "linux")]

use crate::helpers::TestApp;
use std::time::Duration;

/// The job runners the server starts, one per kind of job (deletions,
/// imports, exports), each on a background connection of its own.
const RUNNERS: usize = 3;

/// The scheduling policy in a `/proc/…/stat` line (0 normal, 5 idle).
fn policy_in_stat(stat: &str) -> i64 {
    // Fields after the parenthesised name start with field 3 (state); the
    // policy is field 41.
    let after_name = stat.rsplit_once(')').expect("name").1;
    after_name
        .split_whitespace()
        .nth(38)
        .and_then(|value| value.parse().ok())
        .expect("policy")
}

/// The scheduling policy of every thread of the process `pid` whose name
/// starts with `prefix` (the kernel keeps 15 characters of a thread's name).
fn policies_of_threads(pid: u32, prefix: &str) -> Vec<i64> {
    let mut values = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .expect("threads")
        .flatten()
    {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !name.starts_with(prefix) {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
            continue; // the thread ended meanwhile
        };
        values.push(policy_in_stat(&stat));
    }
    values
}

#[tokio::test]
async fn r33_background_jobs_run_under_the_idle_cpu_policy_and_requests_do_not() {
    let database = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/contacts.db", database.path().display());
    let server = TestApp::start_server(&url, &[]).await;

    const IDLE: i64 = 5;
    // The runners open their connections one after another once the server
    // is up.
    let mut policies = Vec::new();
    for _ in 0..100 {
        policies = policies_of_threads(server.pid(), "sqlx-sqlite-wor");
        if policies.iter().filter(|policy| **policy == IDLE).count() >= RUNNERS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let idle = policies.iter().filter(|policy| **policy == IDLE).count();
    assert_eq!(
        idle, RUNNERS,
        "the background connections' threads are idle: {policies:?}"
    );
    assert!(
        policies.len() > RUNNERS,
        "the request connections' threads keep the normal policy: {policies:?}"
    );
}
