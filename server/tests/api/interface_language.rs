//! The interface language: pages render on the server in the user's chosen
//! language, else in the one their browser asks for, and say which.

use crate::helpers::{error, spawn_app, TestApp};
use app::auth::Viewer;
use app::error::AppError;
use reqwest::{header, Client, StatusCode};
use serde_json::json;
use shared::UiLanguage;

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
