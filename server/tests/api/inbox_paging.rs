//! Paging through the conversation list and through a long conversation,
//! through the real router.

use crate::helpers::inbox::message;
use crate::helpers::{spawn_app, TestApp};
use app::inbox::model::{
    ConversationCursor, ConversationPage, MessagePage, CONVERSATION_PAGE_SIZE, MESSAGE_PAGE_SIZE,
};
use reqwest::StatusCode;
use serde_json::json;
use std::collections::HashSet;

async fn page(
    app: &TestApp,
    client: &reqwest::Client,
    filter: &str,
    before: Option<ConversationCursor>,
) -> ConversationPage {
    let request = json!({"request": {"filter": filter, "before": before}});
    app.answer(client, "inbox_conversations", &request).await
}

/// Every conversation id of a filter, page by page.
async fn walk(app: &TestApp, client: &reqwest::Client, filter: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut before = None;
    loop {
        let page = page(app, client, filter, before).await;
        assert!(page.rows.len() <= CONVERSATION_PAGE_SIZE);
        ids.extend(page.rows.iter().map(|row| row.conversation_id));
        match page.older {
            Some(cursor) => before = Some(cursor),
            None => return ids,
        }
    }
}

/// Posts `count` messages from one new sender, a minute apart.
async fn long_conversation(app: &TestApp, sender: &str, count: usize) -> i64 {
    let channel = app.demo_channel("webchat").await;
    let mut contact = 0;
    for n in 0..count {
        let sent_at = format!("2098-01-01T{:02}:{:02}:00Z", n / 60, n % 60);
        let payload = message(
            &format!("{sender}-{n}"),
            sender,
            &format!("Message {n}"),
            &sent_at,
        );
        contact = app.receive_contact(&channel, payload).await;
    }
    contact
}

#[tokio::test]
async fn r1_conversation_pages_list_every_conversation_once_newest_first() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let workspace = app.workspace_id("Demo").await;
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
              WHERE cv.workspace_id = {workspace} AND c.merged_into IS NULL"
        ))
        .await;
    assert!(
        stored > 2 * CONVERSATION_PAGE_SIZE as i64,
        "the demo has several pages"
    );

    let ids = walk(&app, &client, "all").await;
    assert_eq!(ids.len() as i64, stored);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "no repeats"
    );
    let order: Vec<i64> = sqlx::query_as::<_, (i64,)>(&app.sql(&format!(
        "SELECT id FROM conversations WHERE workspace_id = {workspace}
          ORDER BY coalesce(last_message_at, to_timestamp(-1)) DESC, id DESC"
    )))
    .fetch_all(app.pool())
    .await
    .expect("order")
    .into_iter()
    .map(|(id,)| id)
    .collect();
    assert_eq!(ids, order, "newest activity first across pages");

    let unassigned = walk(&app, &client, "unassigned").await;
    let expected = app
        .count(&format!(
            "SELECT COUNT(*) FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
              WHERE cv.workspace_id = {workspace} AND c.merged_into IS NULL AND c.assignee_id IS NULL"
        ))
        .await;
    assert_eq!(unassigned.len() as i64, expected);
}

#[tokio::test]
async fn r1_a_conversation_that_moves_up_while_paging_is_not_listed_twice() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let first = page(&app, &client, "all", None).await;
    let second = page(&app, &client, "all", first.older).await;
    let third = page(&app, &client, "all", second.older).await;
    let moved = third.rows.last().expect("a third page").contact_id;

    // A new message lifts a conversation from the third page to the top.
    let (sender, channel_id, token): (String, i64, String) = sqlx::query_as(
        "SELECT cc.external_id, ch.id, ch.token FROM contact_channels cc
           JOIN channels ch ON ch.id = cc.channel_id WHERE cc.contact_id = $1 LIMIT 1",
    )
    .bind(moved)
    .fetch_one(app.pool())
    .await
    .expect("a channel of the contact");
    let channel = crate::helpers::inbox::Channel {
        id: channel_id,
        token,
    };
    let reached = app
        .receive_contact(
            &channel,
            message("moved-1", &sender, "Hello again", "2099-06-01T00:00:00Z"),
        )
        .await;
    assert_eq!(reached, moved);
    assert_eq!(
        page(&app, &client, "all", None).await.rows[0].contact_id,
        moved
    );

    // The pages after the second one lose it and otherwise stay as they were.
    let again = page(&app, &client, "all", second.older).await;
    let third_ids: Vec<i64> = third.rows.iter().map(|row| row.contact_id).collect();
    let again_ids: Vec<i64> = again.rows.iter().map(|row| row.contact_id).collect();
    assert!(!again_ids.contains(&moved));
    assert_eq!(
        again_ids[..third_ids.len() - 1],
        third_ids[..third_ids.len() - 1]
    );
    let all = walk(&app, &client, "all").await;
    assert_eq!(
        all.iter().collect::<HashSet<_>>().len(),
        all.len(),
        "no repeats"
    );
}

#[tokio::test]
async fn r1_long_conversations_show_the_newest_messages_and_page_to_the_oldest() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let count = MESSAGE_PAGE_SIZE + 30;
    let contact = long_conversation(&app, "talkative", count).await;

    let view = app.open_conversation(&client, contact).await;
    let bodies = |messages: &[app::inbox::model::MessageView]| -> Vec<String> {
        messages.iter().map(|m| m.body.clone()).collect()
    };
    let newest: Vec<String> = (30..count).map(|n| format!("Message {n}")).collect();
    assert_eq!(bodies(&view.messages), newest, "newest page, oldest first");
    let cursor = view.older_messages.expect("older messages exist");

    let request = json!({"request": {"contact_id": contact, "before": cursor}});
    let older: MessagePage = app.answer(&client, "inbox_older_messages", &request).await;
    let oldest: Vec<String> = (0..30).map(|n| format!("Message {n}")).collect();
    assert_eq!(bodies(&older.messages), oldest);
    assert_eq!(older.older, None, "nothing older");

    // Another workspace cannot read it.
    let acme = app.signed_in("agent@acme.test").await;
    let response = app.call_json(&acme, "inbox_older_messages", &request).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
