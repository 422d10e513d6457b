//! Merging, undo and the merge history (R13–R15) through
//! the real router on a fresh seeded SQLite file; contacts arrive through
//! the channel ingress as they do in production.

use crate::helpers::merges::*;

#[tokio::test]
async fn r13_merge_moves_everything_and_keeps_the_chosen_values() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = arriving(
        &app,
        [
            ("+49 151 1111 2222", None, SENT_AT),
            (
                "+4915111112222",
                Some("b@example.com"),
                "2026-03-01T09:00:00Z",
            ),
        ],
    )
    .await;
    // A later message of a, so the conversation interleaves in time.
    let channel = app.demo_channel("whatsapp").await;
    app.receive(
        &channel,
        message("late-a", "a", "Later", "2026-03-01T11:00:00Z"),
    )
    .await;
    for (id, tag) in [(a, "vip"), (b, "lead"), (b, "vip")] {
        let added = add_tag(&app, &client, id, tag).await;
        assert_eq!(added.status(), StatusCode::OK);
    }
    let named = details(&app, &client, b).await;
    let saved = edit_name(&app, &client, &named, "Bea", "Stone").await;
    assert_eq!(saved.status(), StatusCode::OK);

    let review = review(&app, &client, &[a, b]).await;
    let first = review
        .fields
        .iter()
        .find(|f| f.key == "first_name")
        .expect("first name");
    assert!(first.differs);
    assert_eq!(
        first.preselected, b,
        "the most recently updated non-empty value"
    );
    let phone = review
        .fields
        .iter()
        .find(|f| f.key == "phone")
        .expect("phone");
    assert!(!phone.differs, "equal phones are not asked about");

    let done = merged(
        &app,
        &client,
        &[a, b],
        &[("first_name", b), ("last_name", a), ("profile", a)],
    )
    .await;
    assert_eq!(done.contact_id, a);
    let contact = details(&app, &client, a).await;
    assert_eq!(contact.first_name, "Bea");
    assert_eq!(contact.last_name, "");
    assert_eq!(contact.profile_name, "Person a");
    assert_eq!(
        contact.email.as_deref(),
        Some("b@example.com"),
        "the only e-mail is preselected"
    );
    let tags: Vec<&str> = contact.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Lead", "VIP"]);
    let active: Vec<&str> = contact
        .channels
        .iter()
        .filter(|c| matches!(c.status.availability, Availability::Active { .. }))
        .map(|c| c.status.channel.kind.key())
        .collect();
    assert!(
        active.contains(&"whatsapp") && active.contains(&"telegram"),
        "{active:?}"
    );
    let bodies: Vec<(String, i64)> = sqlx::query_as(&app.sql(
        "SELECT m.body, unix_seconds(m.sent_at)
          FROM messages m JOIN conversations v ON v.id = m.conversation_id
          WHERE v.contact_id = $1 ORDER BY m.sent_at, m.id",
    ))
    .bind(a)
    .fetch_all(app.pool())
    .await
    .expect("messages");
    assert_eq!(bodies.len(), 3, "one conversation with every message");
    let conversations: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM conversations v JOIN messages m ON m.conversation_id = v.id WHERE v.contact_id = $1",
    )
    .bind(b)
    .fetch_one(app.pool())
    .await
    .expect("count");
    assert_eq!(conversations, 0, "nothing is left behind");

    // The merged-away contact is gone from lists, search and the drawer.
    assert_eq!(
        on_contact(&app, &client, "details_get", b).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(!listed(&app, &client, "Bea").await.contains(&b));
    assert!(listed(&app, &client, "Bea").await.contains(&a));

    // A new message on b's channel goes to the merged contact.
    let tg = app.demo_channel("telegram").await;
    let reached = app
        .receive_contact(
            &tg,
            message("after", "b", "After the merge", "2026-03-02T08:00:00Z"),
        )
        .await;
    assert_eq!(reached, a);
}

#[tokio::test]
async fn r14_undo_restores_every_row_exactly() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b, c] = arriving(
        &app,
        [
            ("+44 20 7123 4567", None, SENT_AT),
            (
                "+442071234567",
                Some("x@example.com"),
                "2026-03-01T09:00:00Z",
            ),
            ("+442071234567", None, "2026-03-01T08:00:00Z"),
        ],
    )
    .await;
    // Stamps are whole seconds: tagging a second after the arrivals gives
    // the contacts newer times than their duplicate groups, which the
    // merge's writes and the undo's must not blur.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for (id, tag) in [(a, "vip"), (b, "lead")] {
        add_tag(&app, &client, id, tag).await;
    }
    let ids = [a, b, c];
    let before = dump(&app, &ids).await;
    let listed_before = listed(&app, &client, "Person").await;

    let done = merged(&app, &client, &ids, &[("first_name", c)]).await;
    assert_ne!(dump(&app, &ids).await, before);
    let restored = undo(&app, &client, done.merge_id).await;
    assert_eq!(restored.status(), StatusCode::OK);
    assert_eq!(
        dump(&app, &ids).await,
        before,
        "every row is back, byte for byte"
    );
    assert_eq!(listed(&app, &client, "Person").await, listed_before);
    let mut of_a = duplicates_of(&app, &client, a).await;
    of_a.sort_unstable();
    assert_eq!(of_a, [b, c], "the suggestion is back");

    // Twice is refused, with the reason.
    let again = error(
        undo(&app, &client, done.merge_id).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(again.to_string().contains("undone already"), "{again}");
}

#[tokio::test]
async fn r14_messages_after_the_merge_go_back_to_the_contact_whose_channel_they_came_in_on() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = arriving(
        &app,
        [
            ("+33 6 12 34 56 78", None, SENT_AT),
            ("+33612345678", None, "2026-03-01T09:00:00Z"),
        ],
    )
    .await;
    let done = merged(&app, &client, &[a, b], &[]).await;
    let tg = app.demo_channel("telegram").await;
    let wa = app.demo_channel("whatsapp").await;
    app.receive(
        &tg,
        message("tg-late", "b", "via telegram", "2026-03-05T08:00:00Z"),
    )
    .await;
    app.receive(
        &wa,
        message("wa-late", "a", "via whatsapp", "2026-03-05T09:00:00Z"),
    )
    .await;
    assert_eq!(
        undo(&app, &client, done.merge_id).await.status(),
        StatusCode::OK
    );
    let owner = |body: &'static str| {
        let pool = app.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT v.contact_id FROM messages m JOIN conversations v ON v.id = m.conversation_id
                  WHERE m.body = $1",
            )
            .bind(body)
            .fetch_one(&pool)
            .await
            .expect("message")
        }
    };
    assert_eq!(owner("via telegram").await, b);
    assert_eq!(owner("via whatsapp").await, a);
    let last: Option<i64> = sqlx::query_scalar(
        &app.sql("SELECT unix_seconds(last_message_at) FROM contacts WHERE id = $1"),
    )
    .bind(b)
    .fetch_one(app.pool())
    .await
    .expect("time");
    assert_eq!(
        last,
        Some(1_772_697_600),
        "b's last message time follows its new message"
    );
}

#[tokio::test]
async fn r14_undo_is_refused_after_a_later_delete_or_merge() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b, c] = with_phones(&app, ["+1 415 555 0100", "+14155550100", "+14155550100"]).await;
    let first = merged(&app, &client, &[a, b], &[]).await;
    let second = merged(&app, &client, &[a, c], &[]).await;
    let refused = error(
        undo(&app, &client, first.merge_id).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(refused.to_string().contains("merged again"), "{refused}");
    // Undoing the later merge first makes the earlier one possible again.
    assert_eq!(
        undo(&app, &client, second.merge_id).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        undo(&app, &client, first.merge_id).await.status(),
        StatusCode::OK
    );

    let third = merged(&app, &client, &[b, c], &[]).await;
    assert_eq!(
        on_contact(&app, &client, "details_delete", b)
            .await
            .status(),
        StatusCode::OK
    );
    let refused = error(
        undo(&app, &client, third.merge_id).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(refused.to_string().contains("deleted"), "{refused}");
    let entry = history(&app, &client)
        .await
        .entries
        .into_iter()
        .find(|e| e.id == third.merge_id)
        .expect("entry");
    assert!(entry
        .undo_refusal
        .as_deref()
        .is_some_and(|r| r.contains("deleted")));
}

#[tokio::test]
async fn r13_concurrent_merges_of_overlapping_contacts_cannot_both_succeed() {
    let app = spawn_app().await;
    let [a, b, c] = with_phones(&app, ["+49 30 1234567", "+49301234567", "+49301234567"]).await;
    let one = app.signed_in("manager@demo.test").await;
    let two = app.signed_in("owner@demo.test").await;
    // Both reviews first, then both merges at once.
    let request = |ids: [i64; 2], review: MergeReview| {
        let versions: Vec<i64> = review.contacts.iter().map(|c| c.version).collect();
        json!({"request": {"contact_ids": ids, "versions": versions, "choices": []}})
    };
    let first = request([a, b], review(&app, &one, &[a, b]).await);
    let second = request([c, b], review(&app, &two, &[c, b]).await);
    let (first, second) = tokio::join!(
        app.call_json(&one, "merge_contacts", &first),
        app.call_json(&two, "merge_contacts", &second)
    );
    let mut statuses = [first.status(), second.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let merged_into: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT merged_into FROM contacts WHERE id IN ($1, $2, $3) ORDER BY id")
            .bind(a)
            .bind(b)
            .bind(c)
            .fetch_all(app.pool())
            .await
            .expect("rows");
    assert_eq!(merged_into.iter().filter(|m| m.is_some()).count(), 1);
}

#[tokio::test]
async fn r13_merges_are_refused_for_stale_reviews_blocked_contacts_and_bad_choices() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = with_phones(&app, ["+49 40 1234567", "+49401234567"]).await;
    let stale = app
        .call_json(
            &client,
            "merge_contacts",
            &json!({"request": {"contact_ids": [a, b], "versions": [0, 0], "choices": []}}),
        )
        .await;
    let stale = error(stale, StatusCode::CONFLICT).await;
    assert!(
        stale.to_string().contains("changed since the review"),
        "{stale}"
    );
    let bad = error(
        merge(&app, &client, &[a, b], &[("conversation_status", a)]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(bad.field(), Some("conversation_status"));
    let alone = error(
        app.call_json(&client, "merge_review_get", &json!({"contact_ids": [a]}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(alone.field(), Some("Contacts"));
    assert_eq!(
        on_contact(&app, &client, "details_block", b).await.status(),
        StatusCode::OK
    );
    let blocked = error(
        app.call_json(&client, "merge_review_get", &json!({"contact_ids": [a, b]}))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(blocked.to_string().contains("blocked"), "{blocked}");
    let other = contact_where(&app, "Acme Support", "TRUE").await;
    assert_eq!(
        app.call_json(
            &client,
            "merge_review_get",
            &json!({"contact_ids": [a, other]})
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "contacts of another workspace are not found"
    );
}

#[tokio::test]
async fn r14_undo_after_a_custom_field_was_deleted_restores_everything_else() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = arriving(
        &app,
        [
            ("+44 20 7123 9876", None, SENT_AT),
            ("+442071239876", None, "2026-03-01T09:00:00Z"),
        ],
    )
    .await;
    sqlx::query(
        "INSERT INTO custom_values (contact_id, field_id, value)
         SELECT c.id, f.id, 'Pro' FROM contacts c JOIN custom_fields f
           ON f.workspace_id = c.workspace_id AND f.key = 'plan'
          WHERE c.id IN ($1, $2)",
    )
    .bind(a)
    .bind(b)
    .execute(app.pool())
    .await
    .expect("values");
    add_tag(&app, &client, b, "lead").await;
    let done = merged(&app, &client, &[a, b], &[]).await;
    let deleted = app
        .call_json(
            &client,
            "settings_delete_field",
            &json!({"field": {"key": "plan"}}),
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);

    let restored = undo(&app, &client, done.merge_id).await;
    assert_eq!(restored.status(), StatusCode::OK);
    let back = app
        .count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE id IN ({a}, {b}) AND merged_into IS NULL"
        ))
        .await;
    assert_eq!(back, 2, "both contacts are back");
    let tags = app
        .count(&format!(
            "SELECT COUNT(*) FROM contact_tags WHERE contact_id = {b}"
        ))
        .await;
    assert_eq!(tags, 1, "the tag came back with its contact");
    let values = app
        .count(&format!(
            "SELECT COUNT(*) FROM custom_values WHERE contact_id IN ({a}, {b})"
        ))
        .await;
    assert_eq!(values, 0, "values of the deleted field stay deleted");
}
