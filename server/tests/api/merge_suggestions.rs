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
