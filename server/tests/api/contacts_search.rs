//! The contacts table's search over HTTP: names and e-mail addresses by
//! their words, phone numbers in any format (R24).

use crate::helpers::contacts::list;
use crate::helpers::details::{details, edit_field, edit_name};
use crate::helpers::{answer_of, spawn_app, TestApp};
use app::contacts::model::{AddedContact, ContactPage, ContactQuery, PageCursor};
use reqwest::Client;
use serde_json::json;

/// The table's first page for a search as typed.
async fn search(app: &TestApp, client: &Client, search: String) -> ContactPage {
    let query = ContactQuery {
        search,
        ..ContactQuery::default()
    };
    list(app, client, &query, PageCursor::First).await
}

/// Adds a contact through "Add contact" (`contact` is the form's values).
async fn add(app: &TestApp, client: &Client, contact: serde_json::Value) -> AddedContact {
    answer_of(app.call_json(client, "contacts_add", &contact).await)
        .await
        .expect("added")
}

/// The ids of the table's first page for a search.
async fn found(app: &TestApp, client: &Client, text: &str) -> Vec<i64> {
    let page = search(app, client, text.into()).await;
    page.rows.iter().map(|row| row.id).collect()
}

#[tokio::test]
async fn r24_search_finds_words_in_any_order_without_accents_and_inside_e_mail_addresses() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let added = add(&app, &client, json!({ "contact": { "first_name": "Jördis", "last_name": "Wüstenhagen", "phone": "+55 21 99876-5432",
                              "email": "jw.4711@firma-beispiel.test", "country": "", "language": "" } })).await;
    for typed in [
        "Wüstenhagen Jördis",
        "wustenhagen jordis",
        "WUSTEN",
        "jor wust",
        "4711",
        "jw.4711",
        "@firma-beispiel.test",
        "4711@firma",
        "jördis jw",
        // A Brazilian number as written at home: no trunk prefix, no +55.
        "(21) 99876-5432",
    ] {
        assert_eq!(found(&app, &client, typed).await, [added.id], "{typed:?}");
    }
    for typed in ["wustenhagen anna", "ordis", "711", "jördis@elsewhere"] {
        assert!(found(&app, &client, typed).await.is_empty(), "{typed:?}");
    }

    // The search follows a rename and a new e-mail address at once.
    let contact = details(&app, &client, added.id).await;
    assert!(edit_name(&app, &client, &contact, "Jördis", "Ahlgrimm")
        .await
        .status()
        .is_success());
    let contact = details(&app, &client, added.id).await;
    let edited = edit_field(&app, &client, &contact, "email", "j.ahlgrimm@example.org").await;
    assert!(edited.status().is_success());
    assert!(found(&app, &client, "wustenhagen").await.is_empty());
    assert!(found(&app, &client, "4711").await.is_empty());
    assert_eq!(found(&app, &client, "ahlgrimm jordis").await, [added.id]);
    assert_eq!(found(&app, &client, "j.ahlgrimm@").await, [added.id]);
}

#[tokio::test]
async fn r24_search_ignores_case_of_letters_beyond_ascii() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let added = add(
        &app,
        &client,
        json!({ "contact": { "first_name": "Özlem", "last_name": "Çelik", "phone": "",
                              "email": "", "country": "", "language": "" } }),
    )
    .await;
    for search in ["özlem", "ÖZLEM ç", "Özlem Çelik", "çel", "ÇELIK"] {
        assert_eq!(found(&app, &client, search).await, [added.id], "{search}");
    }
}

#[tokio::test]
async fn r24_search_finds_names_emails_and_phones_in_any_format() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let (first, last, phone, email): (String, String, String, String) = sqlx::query_as(
        "SELECT first_name, last_name, phone, email FROM contacts
          WHERE phone IS NOT NULL AND email IS NOT NULL AND blocked_at IS NULL
            AND workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo') LIMIT 1",
    )
    .fetch_one(app.pool())
    .await
    .expect("a contact");
    let page = search(&app, &client, first.to_lowercase()).await;
    assert!(!page.rows.is_empty());
    assert!(page.rows.iter().all(|row| row
        .display_name
        .to_lowercase()
        .contains(&first.to_lowercase())));

    // A German number, to be typed in national format below.
    let (german,): (String,) = sqlx::query_as(
        "SELECT phone FROM contacts WHERE phone LIKE '+49%' AND blocked_at IS NULL
            AND workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo') LIMIT 1",
    )
    .fetch_one(app.pool())
    .await
    .expect("a German number");
    let digits = phone.trim_start_matches('+');
    for (typed, found) in [
        (format!("{first} {last}"), &phone),
        // The phone as people type it: spaces and a 00 prefix instead of +.
        (
            format!("00{} {} {}", &digits[..2], &digits[2..5], &digits[5..]),
            &phone,
        ),
        (format!("+{} {}", &digits[..2], &digits[2..]), &phone),
        // The German number in national format, with its trunk prefix 0.
        (format!("0{} {}", &german[3..6], &german[6..]), &german),
    ] {
        let page = search(&app, &client, typed.clone()).await;
        assert!(
            page.rows
                .iter()
                .any(|row| row.phone.as_deref() == Some(found.as_str())),
            "{typed:?}"
        );
    }

    let page = search(&app, &client, email.to_uppercase()).await;
    assert!(page
        .rows
        .iter()
        .any(|row| row.email.as_deref() == Some(email.as_str())));

    let page = search(&app, &client, "zzzz-nobody".into()).await;
    assert!(page.rows.is_empty());
    assert_eq!(page.total.count, 0);
}
