//! What blocking (R27) and unblocking (R28) a contact do, through the
//! Inbox storage with an explicit clock and through the real router.

use crate::helpers::details::{error, json, spawn_app, AppError, TestApp};
use crate::helpers::inbox::message;
use app::ssr::UsagePort;
use reqwest::StatusCode;
use server::inbox::InboxStorage;

/// 2020-01-10, 2020-01-20, 2020-02-03, 2020-02-10 and 2020-03-01, 12:00 UTC:
/// periods no demo message falls in.
const JAN_10: i64 = 1_578_657_600;
const JAN_20: i64 = 1_579_521_600;
const FEB_03: i64 = 1_580_731_200;
const FEB_10: i64 = 1_581_336_000;
const MAR_01: i64 = 1_583_064_000;

fn rfc3339(unix: i64) -> String {
    shared::timestamp::rfc3339_utc(unix)
}

/// A new contact (via ingress) with one message at `at`; returns its id.
async fn new_contact(app: &TestApp, sender: &str, at: i64) -> i64 {
    say(app, sender, 0, "Hello", at).await
}

/// The `n`th message of `sender` on the web chat, sent at `at`; returns the
/// contact it reached.
async fn say(app: &TestApp, sender: &str, n: u32, text: &str, at: i64) -> i64 {
    let channel = app.demo_channel("webchat").await;
    let id = format!("{sender}-{n}");
    app.receive_contact(&channel, message(&id, sender, text, &rfc3339(at)))
        .await
}

/// The demo workspace's owner, blocking and unblocking through the Inbox
/// storage with an explicit clock.
struct Owner<'a> {
    app: &'a TestApp,
    workspace: i64,
    user: i64,
}

impl<'a> Owner<'a> {
    async fn of(app: &'a TestApp) -> Self {
        Owner {
            app,
            workspace: app.workspace_id("Demo").await,
            user: app.user_id("owner@demo.test").await,
        }
    }

    async fn block(&self, contact: i64, now: i64) -> Result<(), AppError> {
        let store = &self.app.backend.store;
        store
            .block_contact(self.workspace, contact, self.user, now)
            .await
    }

    /// How many of the contacts were unblocked.
    async fn unblock(&self, contact: i64, now: i64) -> Result<u64, AppError> {
        let store = &self.app.backend.store;
        store
            .unblock_contacts(self.workspace, &[contact], self.user, now)
            .await
    }
}

async fn statuses(app: &TestApp, contact_id: i64) -> Vec<String> {
    sqlx::query_as::<_, (String,)>(
        "SELECT s.status FROM conversation_status_changes s JOIN conversations cv ON cv.id = s.conversation_id
          WHERE cv.contact_id = $1 ORDER BY s.id",
    )
    .bind(contact_id)
    .fetch_all(app.pool())
    .await
    .expect("statuses")
    .into_iter()
    .map(|(status,)| status)
    .collect()
}

async fn usage(app: &TestApp, workspace: i64, now: i64) -> i64 {
    app.backend
        .store
        .monthly_active_contacts(workspace, now, 1)
        .await
        .expect("usage")[0]
        .active_contacts
}

#[tokio::test]
async fn r27_blocking_closes_then_blocks_and_stops_running_workflows() {
    let app = spawn_app().await;
    let owner = Owner::of(&app).await;
    let contact = new_contact(&app, "blocky", JAN_10).await;
    for (name, status) in [
        ("Welcome", "running"),
        ("Nurture", "running"),
        ("Old", "finished"),
    ] {
        sqlx::query(&app.sql(
            "INSERT INTO workflow_runs (contact_id, name, status, started_at)
              VALUES ($1, $2, $3, to_timestamp($4))",
        ))
        .bind(contact)
        .bind(name)
        .bind(status)
        .bind(JAN_10)
        .execute(app.pool())
        .await
        .expect("workflow");
    }

    owner.block(contact, JAN_20).await.expect("block");

    assert_eq!(statuses(&app, contact).await, ["closed", "blocked"]);
    let (blocked_at, blocked_by): (Option<i64>, Option<i64>) = sqlx::query_as(
        &app.sql("SELECT unix_seconds(blocked_at), blocked_by FROM contacts WHERE id = $1"),
    )
    .bind(contact)
    .fetch_one(app.pool())
    .await
    .expect("contact");
    assert_eq!((blocked_at, blocked_by), (Some(JAN_20), Some(owner.user)));
    let runs: Vec<(String, String, Option<i64>, Option<String>)> = sqlx::query_as(&app.sql(
        "SELECT name, status, unix_seconds(stopped_at), stop_reason FROM workflow_runs
          WHERE contact_id = $1 ORDER BY id",
    ))
    .bind(contact)
    .fetch_all(app.pool())
    .await
    .expect("runs");
    let stopped = Some("contact blocked".to_string());
    assert_eq!(
        runs,
        [
            (
                "Welcome".into(),
                "stopped".into(),
                Some(JAN_20),
                stopped.clone()
            ),
            ("Nurture".into(), "stopped".into(), Some(JAN_20), stopped),
            ("Old".into(), "finished".into(), None, None),
        ]
    );
    let again = owner.block(contact, JAN_20).await;
    assert_eq!(again.map_err(|e| e.status()), Err(409));
}

#[tokio::test]
async fn r27_messages_after_blocking_are_kept_hidden_and_reopen_nothing() {
    let app = spawn_app().await;
    let owner = Owner::of(&app).await;
    let contact = new_contact(&app, "hidden", JAN_10).await;
    owner.block(contact, JAN_20).await.expect("block");
    say(&app, "hidden", 1, "Let me in", FEB_03).await;

    let kept = app
        .count(&format!(
            "SELECT COUNT(*) FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
              WHERE cv.contact_id = {contact} AND m.body = 'Let me in' AND m.while_blocked AND m.hidden"
        ))
        .await;
    assert_eq!(kept, 1, "the message is stored");
    assert_eq!(statuses(&app, contact).await, ["closed", "blocked"]);

    let client = app.signed_in("agent@demo.test").await;
    let view = app.open_conversation(&client, contact).await;
    assert!(view.blocked);
    assert_eq!(view.status, shared::fields::ConversationStatus::Blocked);
    let bodies: Vec<&str> = view.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["Hello"]);
}

#[tokio::test]
async fn r27_r28_usage_follows_the_period_rule_across_a_period_boundary() {
    let app = spawn_app().await;
    let owner = Owner::of(&app).await;
    let workspace = owner.workspace;
    assert_eq!(usage(&app, workspace, JAN_20).await, 0);

    let contact = new_contact(&app, "counted", JAN_10).await;
    assert_eq!(usage(&app, workspace, JAN_20).await, 1, "active in January");
    owner.block(contact, JAN_20).await.expect("block");
    assert_eq!(
        usage(&app, workspace, JAN_20).await,
        1,
        "still counts in January"
    );

    say(&app, "counted", 2, "Feb", FEB_03).await;
    assert_eq!(
        usage(&app, workspace, FEB_03).await,
        0,
        "not from the next period on"
    );

    owner.unblock(contact, FEB_10).await.expect("unblock");
    assert_eq!(
        usage(&app, workspace, FEB_10).await,
        1,
        "counts again from the current period"
    );
    assert_eq!(usage(&app, workspace, MAR_01).await, 0);
    say(&app, "counted", 3, "Mar", MAR_01).await;
    assert_eq!(usage(&app, workspace, MAR_01).await, 1);
}

#[tokio::test]
async fn r28_unblocking_restores_closed_and_shows_hidden_messages_marked() {
    let app = spawn_app().await;
    let owner = Owner::of(&app).await;
    let contact = new_contact(&app, "returning", JAN_10).await;
    owner.block(contact, JAN_20).await.expect("block");
    say(&app, "returning", 1, "Sorry", FEB_03).await;
    owner.unblock(contact, FEB_10).await.expect("unblock");

    assert_eq!(
        statuses(&app, contact).await,
        ["closed", "blocked", "closed"]
    );
    let client = app.signed_in("agent@demo.test").await;
    let view = app.open_conversation(&client, contact).await;
    assert!(!view.blocked);
    assert_eq!(view.status, shared::fields::ConversationStatus::Closed);
    let shown: Vec<(&str, bool)> = view
        .messages
        .iter()
        .map(|m| (m.body.as_str(), m.while_blocked))
        .collect();
    assert_eq!(shown, [("Hello", false), ("Sorry", true)]);
    let again = owner.unblock(contact, FEB_10).await.expect("unblock again");
    assert_eq!(again, 0, "an unblocked contact is left as it is");
}

#[tokio::test]
async fn r26_blocking_is_reached_only_through_the_contacts_module_s_endpoints() {
    let app = spawn_app().await;
    let contact = new_contact(&app, "module", JAN_10).await;
    let client = app.signed_in("agent@demo.test").await;
    let request = json!({"request": {"contact_id": contact}});
    // The Inbox has no blocking endpoint, whatever a request claims.
    for endpoint in ["inbox_block_contact", "inbox_unblock_contact"] {
        let claim = json!({"input": {"contact_id": contact}});
        let response = app.call_json(&client, endpoint, &claim).await;
        assert!(!response.status().is_success(), "{endpoint}");
    }
    assert_eq!(blocked_at(&app, contact).await, None);

    let block = app.call_json(&client, "details_block", &request).await;
    assert_eq!(block.status(), StatusCode::OK);
    let again = app.call_json(&client, "details_block", &request).await;
    assert_eq!(
        error(again, StatusCode::CONFLICT).await,
        AppError::Conflict("This contact is already blocked.".into())
    );
    let webchat = app.demo_channel("webchat").await;
    let send = app
        .send_message(&client, contact, &webchat, "Are you there?")
        .await;
    assert_eq!(
        send.status(),
        StatusCode::CONFLICT,
        "no messages to a blocked contact"
    );
    let unblock = app.call_json(&client, "details_unblock", &request).await;
    assert_eq!(unblock.status(), StatusCode::OK);
    assert_eq!(blocked_at(&app, contact).await, None);

    let other = app.signed_in("owner@acme.test").await;
    let foreign = app.call_json(&other, "details_block", &request).await;
    assert_eq!(
        foreign.status(),
        StatusCode::NOT_FOUND,
        "no crossing workspaces"
    );
}

async fn blocked_at(app: &TestApp, contact: i64) -> Option<i64> {
    sqlx::query_scalar(&app.sql("SELECT unix_seconds(blocked_at) FROM contacts WHERE id = $1"))
        .bind(contact)
        .fetch_one(app.pool())
        .await
        .expect("contact")
}
