//! Every HTML document the server sends carries the page policy with a
//! nonce that matches its scripts; everything else carries the policy that
//! allows nothing. The policy follows from the response itself, so no page
//! can arrive with the other one.

use crate::helpers::spawn_app;
use reqwest::{header, Client, Response, StatusCode};
use serde_json::json;

/// Every page of the app as a signed-in owner reaches it.
const PAGES: &[&str] = &[
    "/",
    "/inbox",
    "/contacts",
    "/contacts?view=blocked",
    "/contacts?q=a&sort=name",
    "/contacts/merges",
    "/contacts/merge?ids=1,2",
    "/settings",
    "/settings/fields",
    "/settings/channels",
    "/settings/usage",
];

fn policy(response: &Response) -> String {
    response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .map(|value| value.to_str().expect("policy").to_string())
        .unwrap_or_default()
}

/// The nonce a page policy allows scripts by.
fn policy_nonce(policy: &str) -> Option<String> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let end = policy[start..].find('\'')? + start;
    Some(policy[start..end].to_string())
}

/// Fetches a document and checks its policy fits it: the page policy, and
/// every script in it carries that policy's nonce.
async fn expect_page_policy(client: &Client, url: &str) -> String {
    let response = client.get(url).send().await.expect("request");
    let policy = policy(&response);
    let nonce = policy_nonce(&policy).unwrap_or_else(|| panic!("{url}: {policy}"));
    assert!(policy.contains("script-src 'self'"), "{url}: {policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{url}: {policy}");
    let html = response.text().await.expect("body");
    let scripts = html.matches("<script").count();
    let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(scripts > 0, "{url} has no scripts");
    assert!(
        with_nonce >= scripts,
        "{url}: {scripts} scripts, {with_nonce} with the nonce"
    );
    nonce
}

fn expect_nothing_allowed(what: &str, response: &Response) {
    assert_eq!(
        policy(response),
        "default-src 'none'; frame-ancestors 'none'",
        "{what}"
    );
}

#[tokio::test]
async fn every_page_gets_the_page_policy_with_a_nonce_of_its_own() {
    let app = spawn_app().await;
    let client = app.client();
    let login = expect_page_policy(&client, &format!("{}/login", app.address)).await;
    app.sign_in(&client, "owner@demo.test").await;
    let mut nonces = vec![login];
    for round in 0..3 {
        for page in PAGES {
            let nonce = expect_page_policy(&client, &format!("{}{page}", app.address)).await;
            assert!(
                !nonces.contains(&nonce),
                "{page} (round {round}) reused a nonce"
            );
            nonces.push(nonce);
        }
    }
    let missing = app.get(&client, "/no-such-page").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let missing_policy = policy(&missing);
    assert!(policy_nonce(&missing_policy).is_some(), "{missing_policy}");
}

#[tokio::test]
async fn answers_that_are_not_pages_allow_nothing() {
    let app = spawn_app().await;
    let client = app.client();
    let redirect = app.get(&client, "/contacts").await;
    assert_eq!(redirect.status(), StatusCode::SEE_OTHER);
    expect_nothing_allowed("redirect to sign-in", &redirect);
    let body = json!({"request": {}});
    let list = || app.call_json(&client, "contacts_list", &body);
    let refused = list().await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    expect_nothing_allowed("refused server function", &refused);

    app.sign_in(&client, "owner@demo.test").await;
    let list = list().await;
    assert_eq!(list.status(), StatusCode::OK);
    expect_nothing_allowed("server function", &list);
    let csv = app.get(&client, "/contacts/export.csv").await;
    expect_nothing_allowed("CSV download", &csv);
    let events = app.get(&client, app::inbox::EVENTS_PATH).await;
    assert_eq!(events.status(), StatusCode::OK);
    expect_nothing_allowed("event stream", &events);
}

/// Without scripts the page loads `/noscript.css` (inside `<noscript>`, so
/// browsers running the page's code never fetch it): a file from this
/// origin, which the page policy's `style-src 'self'` allows, served before
/// sign-in like any static file.
#[tokio::test]
async fn pages_without_scripts_load_the_noscript_stylesheet() {
    let app = spawn_app().await;
    let stylesheet = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/noscript.css");
    std::fs::copy(stylesheet, app.site_root().join("noscript.css")).expect("copy");
    let client = app.client();
    let login = app.get(&client, "/login").await;
    assert!(policy(&login).contains("style-src 'self'"));
    let html = login.text().await.expect("body");
    assert!(
        html.contains(r#"<noscript><link rel="stylesheet" href="/noscript.css">"#),
        "{html}"
    );

    let css = app.get(&client, "/noscript.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.headers()[header::CONTENT_TYPE]
        .to_str()
        .expect("type")
        .starts_with("text/css"));
    let rules = css.text().await.expect("body");
    assert!(rules.contains(r#"button[type="button"]"#), "{rules}");
}
