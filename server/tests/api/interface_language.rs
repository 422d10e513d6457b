//! The interface language: pages render on the server in the user's chosen
//! language, else in the one their browser asks for, and say which.

use crate::helpers::details::{add_tag, contact_where, details, edit_field, on_contact};
use crate::helpers::imports::{check, error_report, post_file, settings, uploaded};
use crate::helpers::{error, server_fn_request, spawn_app, TestApp, PASSWORD};
use app::auth::Viewer;
use app::error::AppError;
use reqwest::{header, Client, StatusCode};
use serde_json::json;
use shared::email::EmailError;
use shared::import::ImportMode;
use shared::phone::PhoneError;
use shared::tag::TagError;
use shared::{FieldRefusal, UiLanguage};

/// A page's HTML and its `Content-Language`, asked for with `accept`.
async fn page(app: &TestApp, client: &Client, path: &str, accept: &str) -> (String, String) {
    let response = client
        .get(format!("{}{path}", app.address))
        .header(header::ACCEPT_LANGUAGE, accept)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let language = response.headers()[header::CONTENT_LANGUAGE]
        .to_str()
        .expect("header text")
        .to_owned();
    (response.text().await.expect("body"), language)
}

#[tokio::test]
async fn the_sign_in_page_speaks_the_browsers_language() {
    let app = spawn_app().await;
    let client = app.client();
    let (html, language) = page(&app, &client, "/login", "de-AT,de;q=0.9,en;q=0.5").await;
    assert_eq!(language, "de");
    assert!(html.contains(r#"<html lang="de""#), "{html}");
    assert!(html.contains("Anmelden") && html.contains("Passwort"));
    assert!(!html.contains("Forgot password?"));

    let (html, language) = page(&app, &client, "/login", "fr-FR,en;q=0.8").await;
    assert_eq!(language, "en");
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Log in") && html.contains("Password"));
}

#[tokio::test]
async fn a_chosen_language_beats_the_browsers_and_follows_the_user() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let (html, _) = page(&app, &client, "/contacts", "de-DE").await;
    assert!(html.contains("Posteingang") && html.contains("Kontakte"));

    let chosen = app
        .call(&client, "set_language", &[("language", "en")])
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    let (html, language) = page(&app, &client, "/contacts", "de-DE").await;
    assert_eq!(language, "en");
    assert!(html.contains("Inbox") && !html.contains("Posteingang"));

    // Another browser of the same user, asking for German, gets English.
    let elsewhere = app.signed_in("manager@demo.test").await;
    let (html, _) = page(&app, &elsewhere, "/", "de").await;
    assert!(html.contains(r#"<html lang="en""#));
    let viewer: Viewer = app.answer(&elsewhere, "current_viewer", &json!({})).await;
    assert_eq!(viewer.language, Some(UiLanguage::English));

    app.call(&client, "set_language", &[("language", "de")])
        .await;
    let (html, language) = page(&app, &elsewhere, "/", "en-US").await;
    assert_eq!(language, "de");
    assert!(html.contains("Übersicht"));
}

#[tokio::test]
async fn choosing_a_language_needs_a_session_and_a_language_the_product_speaks() {
    let app = spawn_app().await;
    let signed_out = app
        .call(&app.client(), "set_language", &[("language", "de")])
        .await;
    assert_eq!(
        error(signed_out, StatusCode::UNAUTHORIZED).await,
        AppError::Unauthorized
    );

    let client = app.signed_in("agent@demo.test").await;
    let refused = app
        .call(&client, "set_language", &[("language", "tlh")])
        .await;
    let AppError::Invalid { field, .. } = error(refused, StatusCode::UNPROCESSABLE_ENTITY).await
    else {
        panic!("expected a refused field");
    };
    assert_eq!(field, "Language");
    let stored = app.count("SELECT COUNT(*) FROM user_languages").await;
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn refusals_speak_the_users_language_the_same_words_as_the_browser() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    app.call(&client, "set_language", &[("language", "de")])
        .await;
    let id = contact_where(&app, "Demo", "c.phone LIKE '+49%'").await;
    let contact = details(&app, &client, id).await;

    // The drawer's own check, sent straight to the server function: the
    // same German sentence the drawer shows.
    let response = edit_field(&app, &client, &contact, "phone", "030 1234567x").await;
    let refused = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let expected = PhoneError::InvalidCharacters.field_error(UiLanguage::German);
    assert_eq!(
        refused,
        AppError::Invalid {
            field: expected.field,
            message: expected.message
        }
    );
    assert_eq!(
        refused.to_string(),
        "Telefonnummer: darf nur Ziffern, ein führendes +, Leerzeichen und - . / ( ) enthalten"
    );

    // The drawer's tag and name refusals too.
    let response = add_tag(&app, &client, id, "   ").await;
    let refused = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        refused.to_string(),
        TagError::Empty.field_error(UiLanguage::German).to_string()
    );

    // A refusal only the server makes.
    let response = on_contact(&app, &client, "details_get", i64::MAX).await;
    assert_eq!(
        error(response, StatusCode::NOT_FOUND).await,
        AppError::NotFound("Diesen Kontakt gibt es nicht.".into())
    );

    // Before sign-in the browser's language decides.
    let browser = app.client();
    app.fail_sign_ins(&browser, "agent@demo.test", "wrong")
        .await;
    let response = server_fn_request(&browser, &app.address, "log_in")
        .header(header::ACCEPT_LANGUAGE, "de-CH")
        .form(&[
            ("credentials[email]", "agent@demo.test"),
            ("credentials[password]", PASSWORD),
        ])
        .send()
        .await
        .expect("request");
    let paused = error(response, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(
        paused
            .to_string()
            .starts_with("Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in "),
        "{paused}"
    );
}

#[tokio::test]
async fn an_import_is_explained_in_the_users_language_from_upload_to_error_report() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    app.call(&client, "set_language", &[("language", "de")])
        .await;

    // The upload is a plain HTTP route, not a server function.
    let empty = post_file(&app, &client, "leer.csv", b"  \n".to_vec()).await;
    assert_eq!(
        error(empty, StatusCode::UNPROCESSABLE_ENTITY).await,
        AppError::Invalid {
            field: "Datei".into(),
            message: "ist leer".into()
        }
    );

    let file = uploaded(
        &app,
        &client,
        "kontakte.csv",
        "Vorname,E-Mail-Adresse\nJana,kein-at-zeichen\n",
    )
    .await;
    let checked = check(
        &app,
        &client,
        file.import_id,
        &settings(&file, ImportMode::Add),
    )
    .await
    .expect("checked");
    let reasons: Vec<&str> = checked.errors.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [EmailError::MissingAt
            .message_in(UiLanguage::German)
            .as_str()]
    );

    // The dry run's report, as the dialog's "Download errors" link gets it.
    let report = error_report(&app, &client, file.import_id).await;
    assert_eq!(report.status(), StatusCode::OK);
    let report = report.text().await.expect("report");
    let lines: Vec<&str> = report.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Zeile,Fehler,Vorname,E-Mail-Adresse");
    assert!(lines[1].starts_with("2,\"E-Mail-Adresse: "), "{report}");
}
