//! Simultaneous sign-ins cannot exhaust the server's memory: password
//! checks run a few at a time, and their buffers are given back. The server
//! is the real binary in a process of its own, so only its memory is
//! counted, whatever other tests run beside this one.

use crate::helpers::{fresh_database_url, TestApp, PASSWORD};
use reqwest::{Client, StatusCode};

/// A field of the server process's `/proc/<pid>/status`, in bytes.
fn status_bytes(server: &TestApp, field: &str) -> u64 {
    let path = format!("/proc/{}/status", server.pid());
    let status = std::fs::read_to_string(&path).expect("proc status");
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("{field} in {path}"));
    kib * 1024
}

const MIB: u64 = 1024 * 1024;
/// How much more than before the sign-ins the server may keep afterwards.
const SETTLED: u64 = 64 * MIB;

/// The server's resident memory once it has given back what it will: a
/// busy machine can leave the last freed buffers and idle blocking threads
/// (kept for ten seconds) in place for a moment, so this waits up to
/// fifteen seconds for the figure to drop under the bound.
async fn settled_rss(server: &TestApp, before: u64) -> u64 {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let rss = status_bytes(server, "VmRSS:");
        if rss.saturating_sub(before) < SETTLED || std::time::Instant::now() > deadline {
            return rss;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

#[tokio::test]
async fn a_hundred_simultaneous_sign_ins_keep_memory_bounded_and_give_it_back() {
    let database = tempfile::tempdir().expect("temp dir");
    let app = TestApp::start_server(&fresh_database_url(database.path()).await, &[]).await;
    let emails = [
        "owner@demo.test",
        "manager@demo.test",
        "agent@demo.test",
        "owner@acme.test",
        "agent@acme.test",
    ];
    let clients: Vec<Client> = (0..100).map(|_| app.client()).collect();
    // One sign-in per account first, one at a time: what the server sets up
    // on first use (connections, caches, the blocking pool) is not what
    // this test is about.
    for (client, email) in clients.iter().zip(emails) {
        assert_eq!(
            app.log_in(client, email, PASSWORD).await.status(),
            StatusCode::OK
        );
    }
    let before = status_bytes(&app, "VmRSS:");
    // Start the server's peak over from here ("5" resets the high-water
    // mark).
    std::fs::write(format!("/proc/{}/clear_refs", app.pid()), "5").expect("reset the peak");
    let app = &app;
    let attempts = clients
        .iter()
        .zip(emails.iter().cycle())
        .map(|(client, email)| async move { app.log_in(client, email, PASSWORD).await.status() });
    let statuses = futures::future::join_all(attempts).await;
    let peak = status_bytes(app, "VmHWM:").saturating_sub(before);
    let after = settled_rss(app, before).await.saturating_sub(before);
    // Each password check takes argon2's 19 MiB: a hundred at once would
    // take about 2 GB.
    assert!(peak < 200 * MIB, "memory peaked {} MiB higher", peak / MIB);
    assert!(
        after < SETTLED,
        "memory stayed {} MiB higher (now {} MiB anonymous, {} MiB of files)",
        after / MIB,
        status_bytes(app, "RssAnon:") / MIB,
        status_bytes(app, "RssFile:") / MIB
    );
    assert!(
        statuses
            .iter()
            .all(|s| [StatusCode::OK, StatusCode::TOO_MANY_REQUESTS].contains(s)),
        "{statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::OK));
}
