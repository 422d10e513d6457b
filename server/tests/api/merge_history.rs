//! The merge history (R15): who may read it, and what deleting a contact
//! erases from it (R29): the snapshot of its rows, its name and the values
//! chosen from it; the entry stays, with undo refused.

use crate::helpers::contacts::delete_selected;
use crate::helpers::merges::*;
use app::ssr::ContactsPort;

/// The stored merge: snapshot, contacts and choices as JSON text.
async fn stored(app: &TestApp, merge_id: i64) -> (String, String, String) {
    sqlx::query_as(
        "SELECT CAST(snapshot AS text), CAST(contacts AS text), CAST(choices AS text)
           FROM merges WHERE id = $1",
    )
    .bind(merge_id)
    .fetch_one(app.pool())
    .await
    .expect("merge row")
}

#[tokio::test]
async fn r29_deleting_a_contact_erases_it_from_the_merge_history() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = arriving(
        &app,
        [
            ("+4915111112222", Some("anna@old.example"), SENT_AT),
            ("+4915111112222", Some("anna@new.example"), SENT_AT),
        ],
    )
    .await;
    let done = merged(&app, &client, &[a, b], &[("email", b)]).await;
    let (snapshot, contacts, choices) = stored(&app, done.merge_id).await;
    assert!(snapshot.contains("anna@old.example") && contacts.contains("Person b"));
    assert!(choices.contains("anna@new.example"));

    // Deleting the merged contact deletes the one merged into it too.
    assert_eq!(
        on_contact(&app, &client, "details_delete", a)
            .await
            .status(),
        StatusCode::OK
    );
    let (snapshot, contacts, choices) = stored(&app, done.merge_id).await;
    assert_eq!(snapshot, "{}");
    for erased in [
        "Person a",
        "Person b",
        "anna@old.example",
        "anna@new.example",
    ] {
        assert!(
            !contacts.contains(erased) && !choices.contains(erased),
            "{erased}"
        );
    }
    let entry = history(&app, &client)
        .await
        .entries
        .into_iter()
        .find(|entry| entry.id == done.merge_id)
        .expect("the entry stays");
    assert_eq!(
        entry
            .contacts
            .iter()
            .map(|c| (c.id, c.name.as_str()))
            .collect::<Vec<_>>(),
        [(a, "Deleted contact"), (b, "Deleted contact")]
    );
    assert!(!entry.choices.is_empty(), "the fields stay");
    assert!(entry.choices.iter().all(|choice| choice.value.is_empty()));
    assert!(entry
        .undo_refusal
        .is_some_and(|reason| reason.contains("deleted")));
}

#[tokio::test]
async fn r29_a_background_deletion_erases_only_the_deleted_contact() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let [a, b] = with_phones(&app, ["+4930555000111", "+4930555000111"]).await;
    let done = merged(&app, &client, &[a, b], &[]).await;
    assert_eq!(
        undo(&app, &client, done.merge_id).await.status(),
        StatusCode::OK
    );

    let workspace = app.workspace_id("Demo").await;
    let user = app.user_id("manager@demo.test").await;
    let target = delete_selected(vec![b]);
    app.backend
        .store
        .start_delete(workspace, user, &target)
        .await
        .expect("deletion recorded");
    for _ in 0..200 {
        if stored(&app, done.merge_id).await.0 == "{}" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (snapshot, contacts, _) = stored(&app, done.merge_id).await;
    assert_eq!(snapshot, "{}");
    assert!(
        contacts.contains("Person a"),
        "the kept contact keeps its name"
    );
    assert!(!contacts.contains("Person b"));
}

#[tokio::test]
async fn r15_the_merge_history_is_for_owners_and_managers_only() {
    let app = spawn_app().await;
    let manager = app.signed_in("manager@demo.test").await;
    let [a, b] = with_phones(&app, ["+49 89 1234567", "+49891234567"]).await;
    let done = merged(&app, &manager, &[a, b], &[("profile", b)]).await;
    assert_eq!(
        undo(&app, &manager, done.merge_id).await.status(),
        StatusCode::OK
    );

    let history = history(&app, &manager).await;
    let entry = &history.entries[0];
    assert_eq!(entry.id, done.merge_id);
    let contacts: Vec<(i64, &str)> = entry
        .contacts
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    assert_eq!(contacts, [(a, "Person a"), (b, "Person b")]);
    assert_eq!(entry.choices[0].label, "Contact profile");
    assert_eq!(entry.choices[0].from, b);
    assert!(entry.merged_by.contains("Manager") || !entry.merged_by.is_empty());
    assert!(entry.undone.is_some());

    let agent = app.signed_in("agent@demo.test").await;
    let refused = error(
        app.call_json(&agent, "merge_history", &json!({"older_than": null}))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(
        refused.to_string().contains("owners and managers"),
        "{refused}"
    );
}
