//! The Inbox's server functions, event stream, page and channel settings
//! through the real router.

use crate::helpers::inbox::message;
use crate::helpers::{spawn_app, TestApp};
use app::inbox::model::{ConversationPage, ConversationSummary, Direction, MessageView};
use app::settings::model::ChannelRow;
use app::settings::model::UsagePeriod;
use reqwest::StatusCode;
use serde_json::json;
use server::inbox::InboxStorage;
use std::time::Duration;

async fn list(app: &TestApp, client: &reqwest::Client, filter: &str) -> Vec<ConversationSummary> {
    let page: ConversationPage = app
        .answer(
            client,
            "inbox_conversations",
            &json!({"request": {"filter": filter}}),
        )
        .await;
    page.rows
}

#[tokio::test]
async fn r1_conversation_list_is_newest_first_filtered_and_marks_unread() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let all = list(&app, &client, "all").await;
    assert!(all.len() > 10);
    let times: Vec<i64> = all.iter().filter_map(|row| row.last_message_at).collect();
    assert!(
        times.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest first"
    );
    let mine = list(&app, &client, "mine").await;
    assert!(!mine.is_empty());
    assert!(mine
        .iter()
        .all(|row| row.assignee_name.as_deref() == Some("Max Manager")));
    let unassigned = list(&app, &client, "unassigned").await;
    assert!(!unassigned.is_empty());
    assert!(unassigned.iter().all(|row| row.assignee_name.is_none()));

    let channel = app.demo_channel("webchat").await;
    let contact = app
        .receive_contact(
            &channel,
            message(
                "u-1",
                "unread-1",
                "<b>New</b> question",
                "2099-01-01T00:00:00Z",
            ),
        )
        .await;
    let top = &list(&app, &client, "all").await[0];
    assert_eq!((top.contact_id, top.unread), (contact, true));
    assert_eq!(top.preview.as_deref(), Some("<b>New</b> question"));
    app.open_conversation(&client, contact).await;
    assert!(
        !list(&app, &client, "all").await[0].unread,
        "read once opened"
    );
}

#[tokio::test]
async fn r8_sending_on_an_inactive_channel_connects_it() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let whatsapp = app.demo_channel("whatsapp").await;
    let telegram = app.demo_channel("telegram").await;
    let mut payload = message("s-1", "sender-s", "Hi", "2026-01-20T10:00:00Z");
    payload["sender"]["phone"] = json!("+4915123456781");
    let contact = app.receive_contact(&channel, payload).await;
    let client = app.signed_in("agent@demo.test").await;

    let before = app.open_conversation(&client, contact).await;
    let offered: Vec<(i64, bool)> = before
        .channels
        .iter()
        .map(|c| (c.channel_id, c.active))
        .collect();
    assert!(offered.contains(&(channel.id, true)), "{offered:?}");
    assert!(offered.contains(&(whatsapp.id, false)), "{offered:?}");
    assert!(
        !offered.iter().any(|(id, _)| *id == telegram.id),
        "unavailable is not offered"
    );

    assert_eq!(
        app.send_message(&client, contact, &telegram, "Hi")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.send_message(&client, contact, &whatsapp, "  ")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let sent = app
        .send_message(&client, contact, &whatsapp, "Hello on WhatsApp")
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let sent: MessageView = sent.json().await.expect("message");
    assert_eq!(sent.direction, Direction::Out);
    assert_eq!(sent.channel_id, Some(whatsapp.id));

    let after = app.open_conversation(&client, contact).await;
    assert!(after
        .channels
        .iter()
        .any(|c| c.channel_id == whatsapp.id && c.active));
    assert_eq!(
        after.messages.last().map(|m| m.body.as_str()),
        Some("Hello on WhatsApp")
    );
    let link = app
        .channel_links(contact, &whatsapp, "+4915123456781")
        .await;
    assert_eq!(link, 1);
}

#[tokio::test]
async fn r1_the_event_stream_announces_new_messages_to_the_workspace() {
    let app = spawn_app().await;
    let signed_out = app.get(&app.client(), "/api/inbox/events").await;
    assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED);

    let client = app.signed_in("agent@demo.test").await;
    let mut stream = app.events(&client).await;
    assert_eq!(stream.headers()["content-type"], "text/event-stream");

    let workspace = app.workspace_id("Demo").await;
    let owner = app.user_id("owner@demo.test").await;
    let channel = app.demo_channel("webchat").await;
    let blocked = app
        .receive_contact(
            &channel,
            message("e-1", "quiet", "Hi", "2026-01-20T10:00:00Z"),
        )
        .await;
    // Drain the event of that first message.
    let first = tokio::time::timeout(Duration::from_secs(5), stream.chunk()).await;
    assert!(
        format!("{first:?}").contains(&format!("\\\"contact_id\\\":{blocked}")),
        "{first:?}"
    );
    app.backend
        .store
        .block_contact(workspace, blocked, owner, 1_768_903_300)
        .await
        .expect("block");
    app.receive(
        &channel,
        message("e-2", "quiet", "Hidden", "2026-01-20T10:10:00Z"),
    )
    .await;
    let loud = app
        .receive_contact(
            &channel,
            message("e-3", "loud", "Visible", "2026-01-20T10:11:00Z"),
        )
        .await;
    let next = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("an event in time")
        .expect("chunk")
        .expect("not the end");
    let text = String::from_utf8_lossy(&next);
    assert!(
        text.contains(&format!("\"contact_id\":{loud}")),
        "{text}: the blocked contact's message notifies no one"
    );
}

#[tokio::test]
async fn the_inbox_page_renders_for_signed_in_users_only() {
    let app = spawn_app().await;
    let client = app.client();
    let signed_out = app.get(&client, "/inbox?contact=1").await;
    assert_eq!(signed_out.status(), StatusCode::SEE_OTHER);
    app.sign_in(&client, "agent@demo.test").await;
    let page = app.get(&client, "/inbox?contact=1").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("<h1 class=\"inbox-title\">Inbox</h1>"),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Conversations\""));
    assert!(
        html.contains("class=\"conversation-row"),
        "the server renders the conversations with the page"
    );
}

#[tokio::test]
async fn channel_tokens_are_for_owners_and_rotating_retires_the_old_one() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let agent = app.signed_in("agent@demo.test").await;
    let rows: Vec<ChannelRow> = app.answer(&agent, "channels_list", &json!({})).await;
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|row| row.token.is_none()));
    assert!(rows.iter().any(|row| row
        .endpoint_url
        .ends_with(&format!("/api/ingress/{}", channel.id))));
    let refused = app.rotate_token(&agent, &channel).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let owner = app.signed_in("owner@demo.test").await;
    let rows: Vec<ChannelRow> = app.answer(&owner, "channels_list", &json!({})).await;
    let shown = rows
        .iter()
        .find(|row| row.id == channel.id)
        .and_then(|row| row.token.clone());
    assert_eq!(shown.as_deref(), Some(channel.token.as_str()));
    let rotated = app.rotate_token(&owner, &channel).await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let body = message("r-1", "rotated", "Hi", "2026-01-20T10:00:00Z").to_string();
    let old = app
        .post_ingress(channel.id, &channel.token, body.clone())
        .await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let fresh = app.demo_channel("webchat").await;
    assert_ne!(fresh.token, channel.token);
    let new = app.post_ingress(channel.id, &fresh.token, body).await;
    assert_eq!(new.status(), StatusCode::CREATED);

    let acme = app.signed_in("owner@acme.test").await;
    let foreign = app.rotate_token(&acme, &channel).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_usage_page_shows_monthly_active_contacts() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let html = app
        .get(&client, "/settings/usage")
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("<h1>Usage</h1>"));
    let periods: Vec<UsagePeriod> = app
        .answer(&client, "usage_monthly_active_contacts", &json!({}))
        .await;
    assert_eq!(periods.len(), 6);
    assert!(periods[0].current && !periods[1].current);
    assert!(periods[0].active_contacts > 0, "demo messages count");
}

#[tokio::test]
async fn a_reply_reopens_a_closed_conversation_and_records_who_reopened_it() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let contact = app
        .receive_contact(
            &channel,
            message(
                "r-1",
                "reopen-1",
                "Thanks, all done",
                "2026-01-20T10:00:00Z",
            ),
        )
        .await;
    app.close_conversation(contact).await;
    let client = app.signed_in("agent@demo.test").await;
    let sent = app
        .send_message(&client, contact, &channel, "One more thing")
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let view = app.open_conversation(&client, contact).await;
    assert_eq!(view.status.key(), "open");
    let reopened_by = app
        .count(&format!(
            "SELECT s.changed_by FROM conversation_status_changes s
               JOIN conversations cv ON cv.id = s.conversation_id
              WHERE cv.contact_id = {contact} AND s.status = 'open'
              ORDER BY s.id DESC LIMIT 1"
        ))
        .await;
    let agent = app
        .count("SELECT id FROM users WHERE email = 'agent@demo.test'")
        .await;
    assert_eq!(reopened_by, agent);
}

#[tokio::test]
async fn list_rows_name_the_channel_and_the_phone_or_email_of_their_contact() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let mut payload = message("n-1", "namesake-1", "First", "2099-01-01T00:00:00Z");
    payload["sender"]["name"] = json!("Sam Namesake");
    payload["sender"]["phone"] = json!("+4915123456785");
    let with_phone = app.receive_contact(&channel, payload).await;
    let mut payload = message("n-2", "namesake-2", "Second", "2099-01-01T00:00:01Z");
    payload["sender"]["name"] = json!("Sam Namesake");
    payload["sender"]["email"] = json!("sam.namesake@example.com");
    let with_email = app.receive_contact(&channel, payload).await;
    let client = app.signed_in("owner@demo.test").await;
    let rows = list(&app, &client, "all").await;
    let reach = |contact: i64| {
        rows.iter()
            .find(|row| row.contact_id == contact)
            .map(|row| (row.channel, row.reached_at.clone()))
            .expect("listed")
    };
    assert_eq!(
        reach(with_phone),
        (
            Some(shared::channel::ChannelKind::WebsiteChat),
            Some("+4915123456785".to_string())
        )
    );
    assert_eq!(
        reach(with_email),
        (
            Some(shared::channel::ChannelKind::WebsiteChat),
            Some("sam.namesake@example.com".to_string())
        )
    );
}
