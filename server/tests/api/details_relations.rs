//! The contact-details drawer's tags, channels, merge suggestions, blocking
//! and deleting (R5–R12, R17, R21–R30) through the real router on a fresh
//! seeded SQLite file.

use crate::helpers::details::*;

/// A contact with a phone number another unblocked contact of its
/// workspace shares.
const WITH_A_PHONE_DUPLICATE: &str = "c.blocked_at IS NULL AND c.phone IS NOT NULL AND EXISTS (SELECT 1 FROM contacts o
   WHERE o.workspace_id = c.workspace_id AND o.id <> c.id AND o.phone = c.phone AND o.blocked_at IS NULL)";

#[tokio::test]
async fn r21_r22_r23_tags_are_added_created_and_removed_without_leaving_the_workspace() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "NOT EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id)",
    )
    .await;
    for name in ["vip", "  Night   owl "] {
        let added = add_tag(&app, &client, id, name).await;
        assert_eq!(added.status(), StatusCode::OK, "{name}");
    }
    let refused = error(
        add_tag(&app, &client, id, "   ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field(), Some("Tag"));
    let contact = details(&app, &client, id).await;
    let names: Vec<&str> = contact.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Night owl", "VIP"]);
    assert_eq!(contact.workspace_tags.len(), 8);

    let vip = contact
        .tags
        .iter()
        .find(|t| t.name == "VIP")
        .expect("vip")
        .id;
    let remove = json!({"request": {"contact_id": id, "tag_id": vip}});
    assert_eq!(
        app.call_json(&client, "details_remove_tag", &remove)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.call_json(&client, "details_remove_tag", &remove)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.tags.len(), 1);
    assert!(contact.workspace_tags.iter().any(|t| t.id == vip));
}

#[tokio::test]
async fn r5_r6_r8_r9_channels_tab_classifies_every_workspace_channel() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "c.phone IS NOT NULL AND c.email IS NULL AND EXISTS (SELECT 1 FROM contact_channels l
           JOIN channels ch ON ch.id = l.channel_id WHERE l.contact_id = c.id AND ch.kind = 'facebook')",
    )
    .await;
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.channels.len(), 8);
    for card in &contact.channels {
        let kind = card.status.channel.kind.key();
        match card.status.availability {
            Availability::Active { connected_at } => assert!(connected_at > 0),
            Availability::Inactive => assert!(matches!(kind, "whatsapp" | "sms"), "{kind}"),
            Availability::Unavailable => assert!(!matches!(kind, "whatsapp" | "sms"), "{kind}"),
        }
    }
    let facebook = contact
        .channels
        .iter()
        .find(|card| card.status.channel.kind.key() == "facebook")
        .expect("facebook card");
    assert!(matches!(
        facebook.status.availability,
        Availability::Active { .. }
    ));
    assert!(facebook
        .facebook_url
        .as_deref()
        .is_some_and(|url| url.starts_with("https://www.facebook.com/demo-shop/")));
}

#[tokio::test]
async fn r10_only_managers_remove_channels_in_contacts_and_history_stays() {
    let app = spawn_app().await;
    let manager = app.signed_in("manager@demo.test").await;
    let agent = app.signed_in("agent@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "EXISTS (SELECT 1 FROM contact_channels l WHERE l.contact_id = c.id)",
    )
    .await;
    let channel: i64 =
        sqlx::query_scalar("SELECT channel_id FROM contact_channels WHERE contact_id = $1 LIMIT 1")
            .bind(id)
            .fetch_one(app.pool())
            .await
            .expect("link");
    let messages = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM messages m JOIN conversations v ON v.id = m.conversation_id WHERE v.contact_id = $1",
        )
        .bind(id)
        .fetch_one(app.pool())
        .await
        .expect("count")
    };
    let before = messages().await;
    let remove = json!({"request": {"contact_id": id, "channel_id": channel}});
    let refused = error(
        app.call_json(&agent, "details_remove_channel", &remove)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Only owners and managers can remove channels.".into())
    );
    assert_eq!(
        app.call_json(&manager, "details_remove_channel", &remove)
            .await
            .status(),
        StatusCode::OK
    );
    let contact = details(&app, &manager, id).await;
    let card = contact
        .channels
        .iter()
        .find(|c| c.status.channel.id == channel)
        .expect("card");
    assert!(!matches!(
        card.status.availability,
        Availability::Active { .. }
    ));
    assert_eq!(messages().await, before);
}

#[tokio::test]
async fn r11_r12_duplicates_are_listed_with_the_shared_value() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let id = contact_where(&app, "Demo", WITH_A_PHONE_DUPLICATE).await;
    let contact = details(&app, &client, id).await;
    let duplicate = contact.duplicates.first().expect("a duplicate");
    assert!(duplicate.same_phone);
    assert_eq!(duplicate.phone, contact.phone_display);

    let email_id = contact_where(
        &app,
        "Demo",
        "c.blocked_at IS NULL AND EXISTS (SELECT 1 FROM contacts o WHERE o.workspace_id = c.workspace_id
           AND o.id <> c.id AND o.email_key = c.email_key AND o.blocked_at IS NULL)",
    )
    .await;
    let contact = details(&app, &client, email_id).await;
    assert!(contact
        .duplicates
        .iter()
        .any(|d| d.same_email && !d.same_phone));
}

#[tokio::test]
async fn r17_blocked_contacts_never_take_part_in_merge_suggestions() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let id = contact_where(&app, "Demo", WITH_A_PHONE_DUPLICATE).await;
    let contact = details(&app, &client, id).await;
    let other = contact.duplicates.first().expect("a duplicate").id;
    let block = on_contact(&app, &client, "details_block", other).await;
    assert_eq!(block.status(), StatusCode::OK);
    assert!(details(&app, &client, id)
        .await
        .duplicates
        .iter()
        .all(|d| d.id != other));
    assert!(details(&app, &client, other).await.duplicates.is_empty());
}

#[tokio::test]
async fn r25_r27_block_and_unblock_from_the_drawer() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.blocked_at IS NULL").await;
    let call = |endpoint| on_contact(&app, &agent, endpoint, id);
    assert!(!details(&app, &agent, id).await.blocked);

    assert_eq!(call("details_block").await.status(), StatusCode::OK);
    let contact = details(&app, &agent, id).await;
    assert!(contact.blocked);
    assert_eq!(
        contact.conversation_status,
        Some(ConversationStatus::Blocked)
    );
    let blocked_by: Option<i64> =
        sqlx::query_scalar("SELECT blocked_by FROM contacts WHERE id = $1")
            .bind(id)
            .fetch_one(app.pool())
            .await
            .expect("row");
    assert_eq!(blocked_by, Some(app.user_id("agent@demo.test").await));
    assert_eq!(call("details_block").await.status(), StatusCode::CONFLICT);

    assert_eq!(call("details_unblock").await.status(), StatusCode::OK);
    let contact = details(&app, &agent, id).await;
    assert!(!contact.blocked);
    assert_eq!(
        contact.conversation_status,
        Some(ConversationStatus::Closed)
    );
}

#[tokio::test]
async fn r29_r30_agents_delete_only_their_contacts_and_history_goes_too() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let manager = app.signed_in("manager@demo.test").await;
    let agent_id = app.user_id("agent@demo.test").await;
    let theirs = contact_where(&app, "Demo", &format!("c.assignee_id = {agent_id}")).await;
    let others = contact_where(
        &app,
        "Demo",
        &format!("(c.assignee_id IS NULL OR c.assignee_id <> {agent_id})"),
    )
    .await;
    let refused = error(
        on_contact(&app, &agent, "details_delete", others).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Agents can delete only contacts assigned to them.".into())
    );
    for (client, id) in [(&agent, theirs), (&manager, others)] {
        let deleted = on_contact(&app, client, "details_delete", id).await;
        assert_eq!(deleted.status(), StatusCode::OK, "{id}");
    }
    for id in [theirs, others] {
        let left: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM contacts WHERE id = $1) + (SELECT COUNT(*) FROM conversations WHERE contact_id = $1)",
        )
        .bind(id)
        .fetch_one(app.pool())
        .await
        .expect("count");
        assert_eq!(left, 0);
        let gone = on_contact(&app, &manager, "details_get", id).await;
        assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    }
}
