//! Merge suggestions (R11, R12, R16, R17) and the merge pages rendered on
//! the server, through the real router on a fresh seeded SQLite file;
//! contacts arrive through the channel ingress as they do in production.

use crate::helpers::merges::*;

/// A page's HTML, once it loaded.
async fn html(app: &TestApp, client: &Client, path: &str) -> String {
    let response = app.get(client, path).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.expect("html")
}

#[tokio::test]
async fn r11_r12_r16_r17_suggestions_follow_every_write() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b, c] = arriving(
        &app,
        [
            ("+49 151 2345 6789", None, SENT_AT),
            ("0049 (151) 234-56789", None, SENT_AT),
            ("+4915123456789", Some("Zoe@Example.org"), SENT_AT),
        ],
    )
    .await;
    let d = arrive(&app, "email", "d", None, Some(" zoe@example.ORG"), SENT_AT).await;

    // Phone formats that normalize equal, a group of three, e-mail case.
    let mut of_a = duplicates_of(&app, &client, a).await;
    of_a.sort_unstable();
    assert_eq!(of_a, [b, c]);
    let shown = details(&app, &client, c).await;
    let of_d = shown.duplicates.iter().find(|x| x.id == d).expect("d");
    assert!(
        of_d.same_email && !of_d.same_phone,
        "R12 marks the shared value"
    );
    assert_eq!(group_of(&app, &client, a).await, Some(vec![a, b, c]));
    assert_eq!(group_of(&app, &client, d).await.map(|g| g.len()), Some(2));

    // Blocked: neither the contact looked at nor a candidate.
    let blocked = on_contact(&app, &client, "details_block", b).await;
    assert_eq!(blocked.status(), StatusCode::OK);
    assert!(duplicates_of(&app, &client, b).await.is_empty());
    assert!(!duplicates_of(&app, &client, a).await.contains(&b));
    assert_eq!(group_of(&app, &client, a).await, Some(vec![a, c]));
    let unblocked = on_contact(&app, &client, "details_unblock", b).await;
    assert_eq!(unblocked.status(), StatusCode::OK);
    assert_eq!(group_of(&app, &client, a).await, Some(vec![a, b, c]));

    // Editing the phone away leaves the group; deleting leaves it too.
    let contact = details(&app, &client, c).await;
    let edited = edit_field(&app, &client, &contact, "phone", "").await;
    assert_eq!(edited.status(), StatusCode::OK);
    assert_eq!(group_of(&app, &client, a).await, Some(vec![a, b]));
    let deleted = on_contact(&app, &client, "details_delete", b).await;
    assert_eq!(deleted.status(), StatusCode::OK);
    assert_eq!(group_of(&app, &client, a).await, None);

    // Merged-away contacts are not suggested either.
    let done = merged(&app, &client, &[c, d], &[]).await;
    assert_eq!(done.contact_id, c);
    assert!(duplicates_of(&app, &client, c).await.is_empty());
    assert_eq!(group_of(&app, &client, c).await, None);
}

#[tokio::test]
async fn r13_r15_r16_merge_pages_render_on_the_server() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = with_phones(&app, ["+49 211 1234567", "+492111234567"]).await;
    let review = html(&app, &client, &format!("/contacts/merge?ids={a},{b}")).await;
    for expected in [
        "Merge contacts",
        "Merged contact",
        "Person a",
        "Person b",
        "Keeps its ID",
    ] {
        assert!(review.contains(expected), "{expected} in the review");
    }
    let dashboard = html(&app, &client, "/").await;
    assert!(dashboard.contains("Merge suggestions"));
    assert!(dashboard.contains("Review merge of Person a and Person b"));
    merged(&app, &client, &[a, b], &[]).await;
    let history = html(&app, &client, "/contacts/merges").await;
    assert!(history.contains(&format!("Person b · ID {b}")), "{history}");
}

/// "Not a duplicate" for these contacts.
async fn not_a_duplicate(app: &TestApp, client: &Client, ids: &[i64]) -> Response {
    app.call_json(
        client,
        "merge_dismiss_suggestion",
        &json!({"request": {"contact_ids": ids}}),
    )
    .await
}

/// How many dismissed pairs name the contact.
async fn dismissals_of(app: &TestApp, contact: i64) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM merge_dismissals WHERE contact_a = {contact} OR contact_b = {contact}"
    ))
    .await
}

#[tokio::test]
async fn r16_not_a_duplicate_hides_the_pair_for_good() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = with_phones(&app, ["+49 30 5550001", "+49305550001"]).await;
    let before = suggestions(&app, &client).await.total;
    assert!(before.exact);
    assert_eq!(group_of(&app, &client, a).await, Some(vec![a, b]));

    let response = not_a_duplicate(&app, &client, &[b, a]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(group_of(&app, &client, a).await, None);
    assert!(duplicates_of(&app, &client, a).await.is_empty());
    assert!(duplicates_of(&app, &client, b).await.is_empty());
    assert_eq!(
        suggestions(&app, &client).await.total.count,
        before.count - 1
    );
    let again = not_a_duplicate(&app, &client, &[a, b]).await;
    assert_eq!(again.status(), StatusCode::OK, "dismissing twice is fine");
    assert_eq!(dismissals_of(&app, a).await, 1);

    // New messages and edits of both contacts do not bring it back.
    let later = "2026-03-02T10:00:00Z";
    let same = arrive(&app, "whatsapp", "a", Some("+49305550001"), None, later).await;
    assert_eq!(same, a, "the message joins the existing contact");
    let contact = details(&app, &client, b).await;
    let edited = edit_field(&app, &client, &contact, "email", "b@example.org").await;
    assert_eq!(edited.status(), StatusCode::OK);
    assert_eq!(group_of(&app, &client, a).await, None);
    assert!(duplicates_of(&app, &client, b).await.is_empty());

    // A new contact with the same phone is a new pair: suggested again.
    let c = arrive(&app, "sms", "c", Some("+49 30 5550001"), None, later).await;
    assert_eq!(group_of(&app, &client, a).await, Some(vec![a, b, c]));
    assert_eq!(duplicates_of(&app, &client, a).await, [c]);
}

#[tokio::test]
async fn r16_a_group_of_three_keeps_suggesting_the_pairs_not_dismissed() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b, c] = with_phones(&app, ["+43 1 5550002", "+4315550002", "0043 1 5550002"]).await;
    let before = suggestions(&app, &client).await.total.count;

    assert_eq!(
        not_a_duplicate(&app, &client, &[a, b]).await.status(),
        StatusCode::OK
    );
    assert_eq!(group_of(&app, &client, a).await, Some(vec![a, b, c]));
    assert_eq!(duplicates_of(&app, &client, a).await, [c]);
    assert_eq!(duplicates_of(&app, &client, c).await, [a, b]);
    assert_eq!(suggestions(&app, &client).await.total.count, before);

    assert_eq!(
        not_a_duplicate(&app, &client, &[c, a]).await.status(),
        StatusCode::OK
    );
    assert_eq!(group_of(&app, &client, b).await, Some(vec![a, b, c]));
    assert_eq!(
        not_a_duplicate(&app, &client, &[b, c]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        group_of(&app, &client, a).await,
        None,
        "every pair dismissed"
    );
    assert_eq!(suggestions(&app, &client).await.total.count, before - 1);

    // Deleting a contact deletes its pairs; the others stay.
    assert_eq!(
        on_contact(&app, &client, "details_delete", c)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(dismissals_of(&app, c).await, 0);
    assert_eq!(dismissals_of(&app, a).await, 1);
    assert_eq!(group_of(&app, &client, a).await, None);
}

#[tokio::test]
async fn r16_only_members_who_may_merge_dismiss_in_their_own_workspace() {
    let app = spawn_app().await;
    let manager = app.signed_in("manager@demo.test").await;
    let [a, b] = with_phones(&app, ["+33 1 55 50 00 03", "+33155500003"]).await;

    // Agents merge only contacts assigned to them; these are unassigned.
    let agent = app.signed_in("agent@demo.test").await;
    error(
        not_a_duplicate(&app, &agent, &[a, b]).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let signed_out = app.client();
    error(
        not_a_duplicate(&app, &signed_out, &[a, b]).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let other = contact_where(&app, "Acme Support", "TRUE").await;
    error(
        not_a_duplicate(&app, &manager, &[a, other]).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let alone = error(
        not_a_duplicate(&app, &manager, &[a]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(alone.field(), Some("Contacts"));
    assert_eq!(dismissals_of(&app, a).await, 0, "nothing written");
    assert_eq!(group_of(&app, &manager, a).await, Some(vec![a, b]));
}

#[tokio::test]
async fn a_suggestions_cursor_from_beyond_any_stored_time_reads_from_the_newest() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let first: SuggestionPage = app
        .answer(&client, "merge_suggestions", &json!({ "after": null }))
        .await;
    assert!(!first.groups.is_empty(), "the demo has suggestions");
    for newest_at in [i64::MAX, i64::MIN] {
        let response = app
            .call_json(
                &client,
                "merge_suggestions",
                &json!({ "after": { "newest_at": newest_at, "kind": "phone", "value": "+49" } }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{newest_at}");
        let page: SuggestionPage = response.json().await.expect("page");
        let expected = if newest_at == i64::MAX {
            first.groups.len()
        } else {
            0
        };
        assert_eq!(page.groups.len(), expected, "{newest_at}");
    }
}
