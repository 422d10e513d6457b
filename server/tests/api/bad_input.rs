//! Input a probe would send: oversized values, invisible or spoofing
//! characters, terminal control codes and clocks far in the future. Every
//! refusal is a short 4xx JSON answer and nothing bad is stored.

use crate::helpers::details::*;
use crate::helpers::inbox::message;

#[tokio::test]
async fn oversized_values_get_a_short_4xx_answer_not_a_500() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let huge = "x".repeat(70 * 1024);
    for (endpoint, body) in [
        ("details_block", json!({"request": {"contact_id": huge}})),
        ("details_unblock", json!({"request": {"contact_id": huge}})),
        ("details_delete", json!({"request": {"contact_id": huge}})),
        (
            "details_remove_channel",
            json!({"request": {"contact_id": 1, "channel_id": huge}}),
        ),
        (
            "details_edit_field",
            json!({"edit": {"contact_id": 1, "version": 1, "field": huge, "value": ""}}),
        ),
        ("settings_save_order", json!({"edit": {"order": huge}})),
        ("contacts_list", json!({"request": huge})),
    ] {
        let response = app.call_json(&client, endpoint, &body).await;
        let status = response.status();
        assert!(status.is_client_error(), "{endpoint}: {status}");
        let text = response.text().await.expect("body");
        assert!(text.len() < 1_000, "{endpoint}: {} bytes", text.len());
        let error: AppError = serde_json::from_str(&text).expect("a JSON error");
        assert_eq!(error.field(), Some("Request"), "{endpoint}");
    }
}

#[tokio::test]
async fn names_and_tags_need_a_visible_character_and_no_direction_controls() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let id = contact_where(&app, "Demo", "c.blocked_at IS NULL").await;
    let contact = details(&app, &client, id).await;
    for (first, message) in [
        (
            "\u{200B}\u{FEFF}",
            "must contain at least one visible character",
        ),
        (
            "Ann\u{202E}fdp.exe",
            "must not contain text-direction control characters",
        ),
    ] {
        let refused = error(
            edit_name(&app, &client, &contact, first, "").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused, AppError::invalid("First name", message));
    }
    let refused = error(
        add_tag(&app, &client, id, "\u{200B}").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        refused,
        AppError::invalid("Tag", "must contain at least one visible character")
    );
    assert_eq!(details(&app, &client, id).await.version, contact.version);
}

#[tokio::test]
async fn messages_are_stored_without_terminal_control_characters() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let payload = message(
        "controls-1",
        "controls",
        "Hi\u{0}\u{1b}[2J\u{7} there\r\nsecond line",
        "2026-03-01T10:00:00Z",
    );
    let contact = app.receive_contact(&channel, payload).await;
    let client = app.signed_in("owner@demo.test").await;
    let sent = app
        .send_message(&client, contact, &channel, "Answer\u{0}\u{7} with\ttab")
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT m.body FROM messages m JOIN conversations v ON v.id = m.conversation_id
          WHERE v.contact_id = $1 ORDER BY m.id",
    )
    .bind(contact)
    .fetch_all(app.pool())
    .await
    .expect("bodies");
    assert_eq!(
        bodies,
        vec![
            "Hi[2J there\nsecond line".to_owned(),
            "Answer with\ttab".to_owned()
        ]
    );
}

#[tokio::test]
async fn a_sending_time_far_in_the_future_becomes_the_time_of_arrival() {
    let app = spawn_app().await;
    let channel = app.demo_channel("webchat").await;
    let before = time::OffsetDateTime::now_utc().unix_timestamp();
    let payload = message("future-1", "future", "Hello", "9999-12-31T23:59:59Z");
    let contact = app.receive_contact(&channel, payload).await;
    let after = time::OffsetDateTime::now_utc().unix_timestamp();
    let sent_at: i64 = sqlx::query_scalar(&app.sql(
        "SELECT unix_seconds(m.sent_at)
          FROM messages m JOIN conversations v ON v.id = m.conversation_id
          WHERE v.contact_id = $1",
    ))
    .bind(contact)
    .fetch_one(app.pool())
    .await
    .expect("sent_at");
    assert!((before..=after).contains(&sent_at), "{sent_at}");
}
