//! The links from a contact's and a conversation's rows to them: deleting
//! takes every row that names the contact, and no row can name a contact or
//! conversation that does not exist. SQLite keeps them as foreign keys,
//! PostgreSQL as triggers; these tests hold both to the same behaviour.

use crate::helpers::contacts::{delete_selected, wait_for_deletions};
use crate::helpers::{spawn_app, TestApp};
use reqwest::StatusCode;
use serde_json::json;

/// What besides its conversation, links, tags and values names a contact:
/// a block event, a month of activity, a workflow run, a pair marked "Not a
/// duplicate" with `other`.
async fn history_of(app: &TestApp, workspace: i64, contact: i64, other: i64) {
    let (a, b) = (contact.min(other), contact.max(other));
    for statement in [
        format!("INSERT INTO contact_block_events (contact_id, action, at) VALUES ({contact}, 'block', to_timestamp(0))"),
        format!("INSERT INTO active_contacts (workspace_id, period, contact_id) VALUES ({workspace}, '1999-01', {contact})"),
        format!("INSERT INTO workflow_runs (contact_id, name, status, started_at) VALUES ({contact}, 'Welcome', 'running', to_timestamp(0))"),
        format!("INSERT INTO merge_dismissals (workspace_id, contact_a, contact_b, dismissed_at) VALUES ({workspace}, {a}, {b}, to_timestamp(0))"),
    ] {
        sqlx::query(&app.sql(&statement))
            .execute(app.pool())
            .await
            .expect(&statement);
    }
}

/// How many rows of that history name the contact.
async fn history_left(app: &TestApp, contact: i64) -> i64 {
    app.count(&format!(
        "SELECT (SELECT COUNT(*) FROM contact_block_events WHERE contact_id = {contact})
              + (SELECT COUNT(*) FROM active_contacts WHERE contact_id = {contact})
              + (SELECT COUNT(*) FROM workflow_runs WHERE contact_id = {contact})
              + (SELECT COUNT(*) FROM merge_dismissals WHERE contact_a = {contact} OR contact_b = {contact})"
    ))
    .await
}

#[tokio::test]
async fn r30_deleting_a_contact_deletes_its_history_and_the_contacts_merged_into_it() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let demo = app.workspace_id("Demo").await;
    let chosen = app.ids(
        &format!(
            "SELECT id FROM contacts WHERE workspace_id = {demo} AND merged_into IS NULL ORDER BY id LIMIT 6"
        ),
    )
    .await;
    let [by_drawer, by_job, kept, other, merged_a, merged_b] = chosen[..] else {
        panic!("six demo contacts: {chosen:?}");
    };
    for (contact, pair) in [(by_drawer, kept), (by_job, kept), (kept, other)] {
        history_of(&app, demo, contact, pair).await;
    }
    for (merged, into) in [(merged_a, by_drawer), (merged_b, by_job)] {
        sqlx::query("UPDATE contacts SET merged_into = $1 WHERE id = $2")
            .bind(into)
            .bind(merged)
            .execute(app.pool())
            .await
            .expect("merged away");
    }
    let counted = app
        .count(&format!(
            "SELECT total FROM contact_counts WHERE workspace_id = {demo}"
        ))
        .await;
    let conversations = app
        .ids(&format!(
            "SELECT id FROM conversations WHERE contact_id IN ({by_drawer}, {by_job})"
        ))
        .await;
    assert_eq!(conversations.len(), 2, "demo contacts have conversations");
    let owner = app.user_id("owner@demo.test").await;
    for conversation in &conversations {
        for statement in [
            format!("INSERT INTO conversation_reads (conversation_id, user_id, last_read_message_id) VALUES ({conversation}, {owner}, 0)"),
            format!("INSERT INTO conversation_status_changes (conversation_id, status, changed_at) VALUES ({conversation}, 'closed', to_timestamp(0))"),
            format!("INSERT INTO messages (conversation_id, direction, body, sent_at) VALUES ({conversation}, 'in', 'Hi', to_timestamp(0))"),
        ] {
            sqlx::query(&app.sql(&statement))
                .execute(app.pool())
                .await
                .expect(&statement);
        }
    }
    let (kept_before, other_before) = (
        history_left(&app, kept).await,
        history_left(&app, other).await,
    );

    let deleted = app
        .call_json(
            &client,
            "details_delete",
            &json!({"request": {"contact_id": by_drawer}}),
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    let job = app
        .call_json(
            &client,
            "contacts_delete",
            &json!({"target": delete_selected(vec![by_job])}),
        )
        .await;
    assert_eq!(job.status(), StatusCode::OK);
    wait_for_deletions(&app).await;

    for gone in [by_drawer, by_job, merged_a, merged_b] {
        assert_eq!(
            app.count(&format!("SELECT COUNT(*) FROM contacts WHERE id = {gone}"))
                .await,
            0,
            "{gone}"
        );
        assert_eq!(history_left(&app, gone).await, 0, "{gone}");
    }
    let conversations = conversations
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    for table in [
        "messages",
        "conversation_reads",
        "conversation_status_changes",
    ] {
        let sql =
            format!("SELECT COUNT(*) FROM {table} WHERE conversation_id IN ({conversations})");
        assert_eq!(app.count(&sql).await, 0, "{sql}");
    }
    for table in [
        "conversations",
        "contact_channels",
        "contact_tags",
        "custom_values",
    ] {
        let sql =
            format!("SELECT COUNT(*) FROM {table} WHERE contact_id IN ({by_drawer}, {by_job})");
        assert_eq!(app.count(&sql).await, 0, "{sql}");
    }
    // The other contact of a deleted pair keeps the rest of its history.
    assert_eq!(history_left(&app, kept).await, kept_before - 2);
    assert_eq!(history_left(&app, other).await, other_before);
    assert_eq!(
        app.count(&format!(
            "SELECT total FROM contact_counts WHERE workspace_id = {demo}"
        ))
        .await,
        counted - 2
    );
}

#[tokio::test]
async fn rows_cannot_name_a_contact_or_conversation_that_does_not_exist() {
    let app = spawn_app().await;
    let demo = app.workspace_id("Demo").await;
    let missing = app
        .count("SELECT MAX(id) + 1000 FROM (SELECT id FROM contacts UNION ALL SELECT id FROM conversations) AS ids")
        .await;
    let (contact, conversation) = {
        let sql = format!(
            "SELECT MIN(id) FROM contacts WHERE workspace_id = {demo} AND id IN (SELECT v.contact_id FROM conversations v JOIN messages m ON m.conversation_id = v.id)"
        );
        let contact = app.count(&sql).await;
        let conversation = app
            .count(&format!(
                "SELECT id FROM conversations WHERE contact_id = {contact}"
            ))
            .await;
        (contact, conversation)
    };
    let channel = app
        .count(&format!(
            "SELECT MIN(id) FROM channels WHERE workspace_id = {demo}"
        ))
        .await;
    let tag = app
        .count(&format!(
            "SELECT MIN(id) FROM tags WHERE workspace_id = {demo}"
        ))
        .await;
    let field = app
        .count(&format!(
            "SELECT MIN(id) FROM custom_fields WHERE workspace_id = {demo}"
        ))
        .await;
    let owner = app.user_id("owner@demo.test").await;
    for statement in [
        format!("INSERT INTO contact_channels (contact_id, channel_id, external_id, connected_at) VALUES ({missing}, {channel}, 'nobody', to_timestamp(0))"),
        format!("INSERT INTO conversations (workspace_id, contact_id) VALUES ({demo}, {missing})"),
        format!("INSERT INTO contact_tags (contact_id, tag_id) VALUES ({missing}, {tag})"),
        format!("INSERT INTO custom_values (contact_id, field_id, value) VALUES ({missing}, {field}, 'x')"),
        format!("INSERT INTO messages (conversation_id, direction, body, sent_at) VALUES ({missing}, 'in', 'Hi', to_timestamp(0))"),
        format!("INSERT INTO conversation_reads (conversation_id, user_id, last_read_message_id) VALUES ({missing}, {owner}, 0)"),
        format!("INSERT INTO conversation_status_changes (conversation_id, status, changed_at) VALUES ({missing}, 'closed', to_timestamp(0))"),
        format!("UPDATE conversations SET contact_id = {missing} WHERE id = {conversation}"),
        // Neither a contact nor a conversation with rows hanging off it changes its id.
        format!("UPDATE contacts SET id = {missing} WHERE id = {contact}"),
        format!("UPDATE conversations SET id = {missing} WHERE id = {conversation}"),
        format!("INSERT INTO contact_block_events (contact_id, action, at) VALUES ({missing}, 'block', to_timestamp(0))"),
        format!("INSERT INTO active_contacts (workspace_id, period, contact_id) VALUES ({demo}, '1999-01', {missing})"),
        format!("INSERT INTO workflow_runs (contact_id, name, status, started_at) VALUES ({missing}, 'Welcome', 'running', to_timestamp(0))"),
        format!("INSERT INTO merge_dismissals (workspace_id, contact_a, contact_b, dismissed_at) VALUES ({demo}, {contact}, {missing}, to_timestamp(0))"),
        format!("UPDATE contacts SET merged_into = {missing} WHERE id = {contact}"),
    ] {
        let refused = sqlx::query(&app.sql(&statement))
            .execute(app.pool())
            .await
            .expect_err(&statement);
        let code = refused
            .as_database_error()
            .and_then(sqlx::error::DatabaseError::code)
            .map(std::borrow::Cow::into_owned);
        // PostgreSQL's foreign_key_violation, SQLite's SQLITE_CONSTRAINT_FOREIGNKEY.
        assert!(
            matches!(code.as_deref(), Some("23503" | "787")),
            "{statement}: {refused}"
        );
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE id = {contact}"
        ))
        .await,
        1
    );
}
