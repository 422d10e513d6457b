//! Channel ingress over HTTP: contacts arrive, messages are stored once,
//! bad requests change nothing.

use crate::helpers::inbox::message;
use crate::helpers::{spawn_app, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// profile name, avatar, language, phone, country, e-mail key.
type ContactRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

const TOTALS: &str = "SELECT (SELECT COUNT(*) FROM contacts) * 1000000
                           + (SELECT COUNT(*) FROM messages) * 1000
                           + (SELECT COUNT(*) FROM contact_channels)";

#[tokio::test]
async fn r1_unknown_sender_becomes_a_contact_with_link_and_open_conversation() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let mut payload = message("m-1", "visitor-1", "Hello there", "2026-01-20T10:00:00Z");
    payload["sender"]["phone"] = json!("+49 151 23456789");
    payload["sender"]["email"] = json!("Lena@Example.com");
    let answer = app.receive(&channel, payload).await;
    assert_eq!(answer["new_contact"], true);
    let contact_id = TestApp::contact_of(&answer);

    let (profile, avatar, language, phone, country, email_key): ContactRow = sqlx::query_as(
        "SELECT profile_name, avatar_url, language, phone, country, email_key FROM contacts WHERE id = $1",
    )
    .bind(contact_id)
    .fetch_one(app.pool())
    .await
    .expect("contact");
    assert_eq!(profile, "Sender visitor-1");
    assert_eq!(avatar.as_deref(), Some("https://cdn.example.com/a.png"));
    assert_eq!(language.as_deref(), Some("de"));
    assert_eq!(phone.as_deref(), Some("+4915123456789"));
    assert_eq!(country.as_deref(), Some("DE"));
    assert_eq!(email_key.as_deref(), Some("lena@example.com"));
    let link = app.channel_links(contact_id, &channel, "visitor-1").await;
    assert_eq!(link, 1);
    let open = app
        .count(&format!(
            "SELECT COUNT(*) FROM conversations cv JOIN messages m ON m.conversation_id = cv.id
              WHERE cv.contact_id = {contact_id} AND cv.status = 'open' AND m.direction = 'in'
                AND m.body = 'Hello there' AND m.sent_at = to_timestamp(1768903200)"
        ))
        .await;
    assert_eq!(open, 1);

    // The same sender again: the same contact, a second message.
    let again = app
        .receive(
            &channel,
            message("m-2", "visitor-1", "Still there?", "2026-01-20T10:05:00Z"),
        )
        .await;
    assert_eq!(TestApp::contact_of(&again), contact_id);
    assert_eq!(again["new_contact"], false);
}

#[tokio::test]
async fn r11_same_phone_on_two_channels_makes_two_contacts() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for (kind, sender) in [("webchat", "web-77"), ("telegram", "tg-77")] {
        let channel = app.demo_channel(kind).await;
        let mut payload = message(&format!("{kind}-1"), sender, "Hi", "2026-01-20T10:00:00Z");
        payload["sender"]["phone"] = json!("+4915123456780");
        ids.push(app.receive_contact(&channel, payload).await);
    }
    assert_ne!(ids[0], ids[1]);
    let sharing = app
        .count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE phone = '+4915123456780' AND id IN ({}, {})",
            ids[0], ids[1]
        ))
        .await;
    assert_eq!(sharing, 2);
}

#[tokio::test]
async fn the_same_message_delivered_twice_is_stored_once() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let payload = message("dup-1", "visitor-2", "Once", "2026-01-20T10:00:00Z");
    let first = app.receive(&channel, payload.clone()).await;
    let before = app.count(TOTALS).await;
    let second = app
        .post_ingress(channel.id, &channel.token, payload.to_string())
        .await;
    assert_eq!(second.status(), StatusCode::OK);
    let second: Value = second.json().await.expect("json");
    assert_eq!(second["status"], "duplicate");
    assert_eq!(second["message_id"], first["message_id"]);
    assert_eq!(app.count(TOTALS).await, before);
}

#[tokio::test]
async fn wrong_tokens_and_unknown_channels_are_refused_without_writing() {
    let app = spawn_app().await;
    let webchat = app.demo_channel("webchat").await;
    let sms = app.demo_channel("sms").await;
    let body = message("t-1", "visitor-3", "Hi", "2026-01-20T10:00:00Z").to_string();
    let before = app.count(TOTALS).await;
    for (channel, token) in [
        (webchat.id, "wrong".to_string()),
        (webchat.id, sms.token.clone()),
        (webchat.id, String::new()),
        (999_999, webchat.token.clone()),
    ] {
        let response = app.post_ingress(channel, &token, body.clone()).await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{channel} {token}"
        );
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["error"], "Unknown channel or wrong token.");
    }
    let no_header = app
        .client()
        .post(format!("{}/api/ingress/{}", app.address, webchat.id))
        .body(body)
        .send()
        .await
        .expect("request");
    assert_eq!(no_header.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count(TOTALS).await, before);
}

#[tokio::test]
async fn bad_payloads_get_a_4xx_naming_the_problem_and_store_nothing() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let good = || message("bad-1", "visitor-4", "Hi", "2026-01-20T10:00:00Z");
    let mut cases: Vec<(String, StatusCode, &str)> = vec![
        (
            "not json".into(),
            StatusCode::BAD_REQUEST,
            "not a valid message",
        ),
        (
            "{}".into(),
            StatusCode::BAD_REQUEST,
            "missing field `message_id`",
        ),
    ];
    let mut add = |edit: &dyn Fn(&mut Value), status, needle| {
        let mut payload = good();
        edit(&mut payload);
        cases.push((payload.to_string(), status, needle));
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    add(
        &|p| p["text"] = json!("   "),
        unprocessable,
        "text: write something first",
    );
    add(
        &|p| p["sender"]["phone"] = json!("12345"),
        unprocessable,
        "sender.phone:",
    );
    add(
        &|p| p["sender"]["email"] = json!("not-an-address"),
        unprocessable,
        "sender.email:",
    );
    add(
        &|p| p["sender"]["language"] = json!("xx-not"),
        unprocessable,
        "sender.language:",
    );
    add(
        &|p| p["sender"]["avatar_url"] = json!("javascript:alert(1)"),
        unprocessable,
        "sender.avatar_url:",
    );
    add(
        &|p| p["sender"]["name"] = json!(""),
        unprocessable,
        "sender.name: must not be empty",
    );
    add(
        &|p| p["sent_at"] = json!("yesterday"),
        unprocessable,
        "sent_at: must be an RFC 3339 time",
    );
    add(
        &|p| p["message_id"] = json!("a\nb"),
        unprocessable,
        "message_id:",
    );
    let before = app.count(TOTALS).await;
    for (body, status, needle) in cases {
        let response = app
            .post_ingress(channel.id, &channel.token, body.clone())
            .await;
        assert_eq!(response.status(), status, "{body}");
        let error: Value = response.json().await.expect("json error");
        let text = error["error"].as_str().expect("error text");
        assert!(text.contains(needle), "{text} should name {needle}");
    }
    assert_eq!(app.count(TOTALS).await, before);
}

#[tokio::test]
async fn bodies_over_64_kib_are_refused() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let payload = message(
        "big-1",
        "visitor-5",
        &"x".repeat(70 * 1024),
        "2026-01-20T10:00:00Z",
    );
    let before = app.count(TOTALS).await;
    let response = app
        .post_ingress(channel.id, &channel.token, payload.to_string())
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.count(TOTALS).await, before);
}

#[tokio::test]
async fn a_message_reopens_a_closed_conversation() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let contact_id = app
        .receive_contact(
            &channel,
            message("c-1", "visitor-6", "Hi", "2026-01-20T10:00:00Z"),
        )
        .await;
    app.close_conversation(contact_id).await;
    app.receive(
        &channel,
        message("c-2", "visitor-6", "Me again", "2026-01-21T10:00:00Z"),
    )
    .await;
    let open = app
        .count(&format!(
            "SELECT COUNT(*) FROM conversations WHERE contact_id = {contact_id} AND status = 'open'"
        ))
        .await;
    assert_eq!(open, 1);
}
