//! Background jobs work through a connection whose SQLite thread runs under
//! the idle scheduling policy, so requests keep the CPU while a big deletion
//! runs; the connections that serve requests keep the normal policy.
#![cfg(target_os = "linux")]

use server::storage::Store;

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

/// The scheduling policy of every thread of this process whose name starts
/// with `prefix` (the kernel keeps 15 characters of a thread's name).
fn policies_of_threads(prefix: &str) -> Vec<i64> {
    let mut values = Vec::new();
    for task in std::fs::read_dir("/proc/self/task")
        .expect("threads")
        .flatten()
    {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !name.starts_with(prefix) {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).expect("stat");
        values.push(policy_in_stat(&stat));
    }
    values
}

#[tokio::test]
async fn r33_background_jobs_run_under_the_idle_cpu_policy_and_requests_do_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/contacts.db", dir.path().display());
    let store = Store::open(&url).await.expect("open");
    let background = store.background().await.expect("background store");
    for pool in [store.pool(), background.pool()] {
        sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .expect("a query on each");
    }

    const IDLE: i64 = 5;
    let policies = policies_of_threads("sqlx-sqlite-wor");
    let idle = policies.iter().filter(|policy| **policy == IDLE).count();
    assert_eq!(
        idle, 1,
        "the background connection's thread is idle: {policies:?}"
    );
    assert!(
        policies.len() > 1,
        "the request connections' threads keep the normal policy: {policies:?}"
    );
}
