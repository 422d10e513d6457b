//! Several app servers over one PostgreSQL database behave as one product:
//! whichever server a request reaches, users see the same sessions, sign-in
//! pauses, channel tokens, live updates, merges and deletions. Each server
//! is the real binary in a process of its own; these tests need the
//! throwaway PostgreSQL that `scripts/with-postgres.sh` starts.

use crate::helpers::inbox::{message, wait_for_event, wait_for_refetch};
use crate::helpers::merges::*;
use app::contacts::model::{DeleteProgress, DeleteTarget};

/// Runners that poll often and whose claim on a job lasts one second.
const FAST_JOBS: &[(&str, &str)] = &[
    ("CONTACTS_JOB_POLL_MS", "50"),
    ("CONTACTS_JOB_LEASE_MS", "1000"),
    ("CONTACTS_DELETE_BATCH_SIZE", "20"),
];

async fn two_servers() -> (TestApp, TestApp) {
    let mut servers = TestApp::spawn_servers(2, FAST_JOBS).await;
    let b = servers.pop().expect("server B");
    let a = servers.pop().expect("server A");
    (a, b)
}

async fn log_in(app: &TestApp, client: &Client, password: &str) -> StatusCode {
    app.log_in(client, "owner@demo.test", password)
        .await
        .status()
}

#[tokio::test]
async fn several_servers_starting_together_migrate_and_seed_once() {
    let servers = TestApp::spawn_servers(3, &[]).await;
    let a = &servers[0];
    assert_eq!(a.count("SELECT COUNT(*) FROM workspaces").await, 2);
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .expect("migrations folder")
        .count();
    assert_eq!(
        a.count("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
            .await,
        i64::try_from(migrations).expect("count")
    );
    // Every server answers for the one seeded workspace.
    for server in &servers {
        let client = server.signed_in("owner@demo.test").await;
        let response = server
            .call_json(&client, "merge_history", &json!({"older_than": null}))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn several_servers_share_sessions_and_sign_in_pauses() {
    let (a, b) = two_servers().await;
    // One browser whose requests the load balancer spreads over A and B.
    let browser = a.client();
    a.sign_in(&browser, "owner@demo.test").await;
    let on_b = b
        .call_json(&browser, "merge_history", &json!({"older_than": null}))
        .await;
    assert_eq!(
        on_b.status(),
        StatusCode::OK,
        "signed in through A, asking B"
    );
    let signed_out = b.call(&browser, "log_out", &[]).await;
    assert!(signed_out.status().is_success() || signed_out.status().is_redirection());
    let on_a = a
        .call_json(&browser, "merge_history", &json!({"older_than": null}))
        .await;
    assert_eq!(on_a.status(), StatusCode::UNAUTHORIZED, "signed out on B");

    // Five failures, spread over both servers, pause the account on both.
    let attacker = a.client();
    for server in [&a, &b, &a, &b, &a] {
        assert_eq!(
            log_in(server, &attacker, "wrong").await,
            StatusCode::UNAUTHORIZED
        );
    }
    for server in [&a, &b] {
        assert_eq!(
            log_in(server, &attacker, crate::helpers::PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
}

#[tokio::test]
async fn several_servers_send_live_updates_to_each_other() {
    let (a, b) = two_servers().await;
    let owner_on_a = a.signed_in("owner@demo.test").await;
    let watcher = b.signed_in("manager@demo.test").await;
    let mut stream = b.events(&watcher).await;

    // A message that arrives through A shows up in the Inbox served by B.
    let channel = a.demo_channel("whatsapp").await;
    let arrived = a
        .receive_contact(
            &channel,
            message("live-1", "live", "Hello", "2026-03-01T10:00:00Z"),
        )
        .await;
    wait_for_event(&mut stream, arrived, "message").await;

    // A block on A.
    let blocked = on_contact(&a, &owner_on_a, "details_block", arrived).await;
    assert_eq!(blocked.status(), StatusCode::OK);
    wait_for_event(&mut stream, arrived, "status").await;

    // A merge on A, and its undo.
    let [first, second] = with_phones(&a, ["+49 151 1111 2222", "+49 151 1111 2222"]).await;
    let done = merged(&a, &owner_on_a, &[first, second], &[]).await;
    wait_for_event(&mut stream, second, "merge").await;
    let undone = undo(&a, &owner_on_a, done.merge_id).await;
    assert_eq!(undone.status(), StatusCode::OK);
    wait_for_event(&mut stream, second, "merge").await;
}

#[tokio::test]
async fn several_servers_keep_live_updates_after_losing_the_database() {
    let (a, b) = two_servers().await;
    let watcher = b.signed_in("manager@demo.test").await;
    let mut stream = b.events(&watcher).await;
    // The database drops every server's listening connection.
    let dropped = a
        .count(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND query LIKE 'LISTEN%') AS dropped",
        )
        .await;
    assert!(dropped >= 2, "listening connections dropped: {dropped}");
    // Events sent meanwhile are lost, so open Inboxes are told to refetch,
    // and later events arrive again.
    wait_for_refetch(&mut stream).await;
    let channel = a.demo_channel("whatsapp").await;
    let arrived = a
        .receive_contact(
            &channel,
            message("after-1", "after", "Back", "2026-03-01T11:00:00Z"),
        )
        .await;
    wait_for_event(&mut stream, arrived, "message").await;
}

#[tokio::test]
async fn several_servers_refuse_a_token_rotated_on_another() {
    let (a, b) = two_servers().await;
    let owner = a.signed_in("owner@demo.test").await;
    let channel = a.demo_channel("webchat").await;
    let rotated = a.rotate_token(&owner, &channel).await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let body = message("rot-1", "rotated", "Hi", "2026-03-01T10:00:00Z").to_string();
    let old = b
        .post_ingress(channel.id, &channel.token, body.clone())
        .await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED, "old token on B");
    let new = b.demo_channel("webchat").await;
    let accepted = b.post_ingress(new.id, &new.token, body).await;
    assert_eq!(accepted.status(), StatusCode::CREATED, "new token on B");
}

#[tokio::test]
async fn several_servers_store_a_message_posted_to_both_once() {
    let (a, b) = two_servers().await;
    let channel = a.demo_channel("telegram").await;
    let body = message("twice-1", "twice", "Hello", "2026-03-01T10:00:00Z").to_string();
    let (on_a, on_b) = tokio::join!(
        a.post_ingress(channel.id, &channel.token, body.clone()),
        b.post_ingress(channel.id, &channel.token, body),
    );
    let mut statuses = [on_a.status(), on_b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED]);
    assert_eq!(
        a.count("SELECT COUNT(*) FROM messages WHERE external_id = 'twice-1'")
            .await,
        1
    );
}

#[tokio::test]
async fn several_servers_let_one_of_two_overlapping_merges_win() {
    let (a, b) = two_servers().await;
    let on_a = a.signed_in("owner@demo.test").await;
    let on_b = b.signed_in("owner@demo.test").await;
    let phone = "+49 151 3333 4444";
    let [x, y, z] = with_phones(&a, [phone, phone, phone]).await;
    let request = |review: MergeReview, ids: [i64; 2]| {
        let versions: Vec<i64> = review.contacts.iter().map(|c| c.version).collect();
        json!({"request": {"contact_ids": ids, "versions": versions, "choices": []}})
    };
    let first = request(review(&a, &on_a, &[x, y]).await, [x, y]);
    let second = request(review(&b, &on_b, &[z, y]).await, [z, y]);
    let (first, second) = tokio::join!(
        a.call_json(&on_a, "merge_contacts", &first),
        b.call_json(&on_b, "merge_contacts", &second),
    );
    let mut statuses = [first.status(), second.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    assert_eq!(
        a.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE id IN ({x}, {y}, {z}) AND merged_into IS NULL"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn several_servers_finish_a_deletion_whose_server_was_killed() {
    let (mut a, mut b) = two_servers().await;
    let demo = a.workspace_id("Demo").await;
    let acme_before = a
        .count("SELECT COUNT(*) FROM contacts c JOIN workspaces w ON w.id = c.workspace_id WHERE w.name = 'Acme Support'")
        .await;
    sqlx::query(&a.sql(
        "INSERT INTO contacts (workspace_id, first_name, created_at, updated_at)
         SELECT $1, 'Bulk ' || n, to_timestamp(0), to_timestamp(0)
          FROM generate_series(1, 6000) AS n",
    ))
    .bind(demo)
    .execute(a.pool())
    .await
    .expect("bulk contacts");
    let total = a
        .count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = {demo}"
        ))
        .await;

    let owner = a.signed_in("owner@demo.test").await;
    let target = serde_json::to_value(DeleteTarget::Everything).expect("target");
    let started = a
        .call_json(&owner, "contacts_delete", &json!({"target": target}))
        .await;
    assert_eq!(started.status(), StatusCode::OK);

    // Kill whichever server holds the job once it is under way.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let holder = loop {
        let (claimed_by, deleted, status): (Option<String>, i64, String) =
            sqlx::query_as("SELECT claimed_by, deleted, status FROM delete_jobs")
                .fetch_one(a.pool())
                .await
                .expect("job");
        assert!(
            status != "done" && deleted < total,
            "the job finished before a server was killed"
        );
        if let Some(claimed_by) = claimed_by.filter(|_| deleted > 0) {
            break claimed_by;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no server got the job under way:\n{}\n{}",
            a.log(),
            b.log()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    let (dead, survivor) = if holder.starts_with(&format!("runner-{}-", a.pid())) {
        (&mut a, &b)
    } else {
        assert!(
            holder.starts_with(&format!("runner-{}-", b.pid())),
            "{holder}"
        );
        (&mut b, &a)
    };
    dead.kill();

    let mut finished = false;
    for _ in 0..600 {
        if survivor
            .count("SELECT COUNT(*) FROM delete_jobs WHERE status = 'done'")
            .await
            == 1
        {
            finished = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        finished,
        "the surviving server did not finish the job:\n{}",
        survivor.log()
    );
    let (deleted, job_total): (i64, i64) = sqlx::query_as("SELECT deleted, total FROM delete_jobs")
        .fetch_one(survivor.pool())
        .await
        .expect("job");
    assert_eq!((deleted, job_total), (total, total));
    assert_eq!(
        survivor
            .count(&format!(
                "SELECT COUNT(*) FROM contacts WHERE workspace_id = {demo}"
            ))
            .await,
        0
    );
    assert_eq!(
        survivor
            .count("SELECT COUNT(*) FROM contacts c JOIN workspaces w ON w.id = c.workspace_id WHERE w.name = 'Acme Support'")
            .await,
        acme_before
    );
    // The progress users see is the job's, on the server that is left,
    // with the session signed in before.
    let progress: Option<DeleteProgress> = survivor
        .answer(&owner, "contacts_delete_progress", &json!({}))
        .await;
    let progress = progress.expect("the finished job");
    assert!(progress.done);
    assert_eq!(
        (progress.deleted, progress.total),
        (total as u64, total as u64)
    );
}
