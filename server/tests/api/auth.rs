//! Sessions, roles and request protection at the HTTP level, against the
//! real router and a fresh database.

use crate::helpers::{error, spawn_app, TestApp, PASSWORD};
use app::auth::Viewer;
use app::error::AppError;
use reqwest::{header, Client, StatusCode};
use serde_json::json;

#[tokio::test]
async fn signed_out_server_function_calls_get_401() {
    let app = spawn_app().await;
    let response = app
        .call_json(&app.client(), "current_viewer", &json!({}))
        .await;
    let error = error(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(error, AppError::Unauthorized);
}

#[tokio::test]
async fn signed_out_pages_redirect_to_sign_in() {
    let app = spawn_app().await;
    let client = app.client();
    let response = app.get(&client, "/contacts?q=ada").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/login?next=/contacts%3Fq%3Dada"
    );
    let login = app.get(&client, "/login").await;
    assert_eq!(login.status(), StatusCode::OK);
    let html = login.text().await.expect("body");
    assert!(html.contains("Log in"));
}

#[tokio::test]
async fn sign_in_starts_a_session_in_the_first_workspace() {
    let app = spawn_app().await;
    let client = app.signed_in("Manager@Demo.test").await;
    let viewer: Viewer = app.answer(&client, "current_viewer", &json!({})).await;
    assert_eq!(viewer.email, "manager@demo.test");
    assert_eq!(viewer.workspace.name, "Demo");
    assert_eq!(viewer.role(), shared::permissions::Role::Manager);
    assert_eq!(viewer.workspaces.len(), 2);

    let page = app.get(&client, "/").await;
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("csp")
        .to_string();
    assert!(csp.contains("'nonce-"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(page.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let html = page.text().await.expect("body");
    assert!(html.contains("Dashboard") && html.contains("Max Manager"));
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let response = app.log_in(&app.client(), "agent@demo.test", PASSWORD).await;
    let cookie = set_cookie(&response, "contacts_session");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

/// The `Set-Cookie` header of the cookie `name`.
fn set_cookie(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie"))
        .to_string()
}

#[tokio::test]
async fn a_wrong_password_or_unknown_account_gets_the_same_401() {
    let app = spawn_app().await;
    let client = app.client();
    for (email, password) in [("agent@demo.test", "wrong"), ("nobody@demo.test", PASSWORD)] {
        let response = app.log_in(&client, email, password).await;
        let error = error(response, StatusCode::UNAUTHORIZED).await;
        assert_eq!(error, AppError::SignInFailed);
    }
}

#[tokio::test]
async fn repeated_failed_sign_ins_for_one_account_are_paused() {
    let app = spawn_app().await;
    let client = app.client();
    app.fail_sign_ins(&client, "owner@demo.test", "wrong").await;
    let paused = app.log_in(&client, "owner@demo.test", PASSWORD).await;
    let error = error(paused, StatusCode::TOO_MANY_REQUESTS).await;
    // The first wait is 30 seconds, counted from the last failure: on a
    // busy machine a second or two may have passed already.
    let message = error.to_string();
    let wait: u32 = message
        .strip_prefix("Too many failed sign-ins. Try again in ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_default();
    assert!(
        (25..=30).contains(&wait) && message.contains(" seconds."),
        "{error}"
    );
}

/// One sign-in attempt from `client`; its status.
async fn attempt(app: &TestApp, client: &Client, email: &str, password: &str) -> StatusCode {
    app.log_in(client, email, password).await.status()
}

#[tokio::test]
async fn wrong_passwords_sent_at_the_same_moment_are_counted_one_after_another() {
    let app = spawn_app().await;
    let client = app.client();
    let attempts = (0..60).map(|_| attempt(&app, &client, "owner@demo.test", "wrong"));
    let statuses = futures::future::join_all(attempts).await;
    let checked = statuses
        .iter()
        .filter(|status| **status == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(checked, 5, "{statuses:?}");
    assert!(statuses
        .iter()
        .all(|s| [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(s)));
    assert_eq!(
        attempt(&app, &client, "owner@demo.test", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password waits too"
    );
}

#[tokio::test]
async fn a_stranger_s_wrong_passwords_do_not_keep_the_user_s_own_browser_out() {
    let app = spawn_app().await;
    let own_browser = app.signed_in("agent@demo.test").await;
    assert_eq!(
        app.call(&own_browser, "log_out", &[]).await.status(),
        StatusCode::OK
    );
    let stranger = app.client();
    app.fail_sign_ins(&stranger, "agent@demo.test", "guess")
        .await;
    assert_eq!(
        attempt(&app, &stranger, "agent@demo.test", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "an unknown browser waits"
    );
    assert_eq!(
        attempt(&app, &own_browser, "agent@demo.test", PASSWORD).await,
        StatusCode::OK,
        "the browser the user signed in with before is not slowed down by others"
    );
}

#[tokio::test]
async fn the_device_cookie_is_http_only_and_kept_for_a_year() {
    let app = spawn_app().await;
    let response = app.log_in(&app.client(), "owner@demo.test", PASSWORD).await;
    let device = set_cookie(&response, "contacts_device");
    assert!(device.contains("HttpOnly"), "{device}");
    assert!(device.contains("Max-Age=31536000"), "{device}");
}

#[tokio::test]
async fn switching_to_a_foreign_workspace_is_forbidden() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let viewer: Viewer = app.answer(&client, "current_viewer", &json!({})).await;
    let foreign = viewer.workspace.id + 1;
    let response = app
        .call(
            &client,
            "switch_workspace",
            &[("workspace_id", &foreign.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // The session stays where it was.
    let still: Viewer = app.answer(&client, "current_viewer", &json!({})).await;
    assert_eq!(still.workspace.id, viewer.workspace.id);
}

#[tokio::test]
async fn a_member_of_two_workspaces_switches_with_the_right_role() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let viewer: Viewer = app.answer(&client, "current_viewer", &json!({})).await;
    let acme = viewer
        .workspaces
        .iter()
        .find(|w| w.name == "Acme Support")
        .expect("second workspace");
    let switched: Viewer = app
        .call(
            &client,
            "switch_workspace",
            &[("workspace_id", &acme.id.to_string())],
        )
        .await
        .json()
        .await
        .expect("viewer");
    assert_eq!(switched.workspace.id, acme.id);
    assert_eq!(switched.role(), shared::permissions::Role::Agent);
}

#[tokio::test]
async fn cross_site_posts_are_refused_even_with_a_session() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    for origin in [Some("https://evil.test"), None] {
        let mut request = client.post(format!("{}/api/log_out", app.address));
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        let response = request.send().await.expect("request");
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "origin {origin:?}"
        );
    }
    // Still signed in.
    let response = app.call_json(&client, "current_viewer", &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn posts_from_the_same_host_over_another_scheme_are_refused() {
    let app = spawn_app().await;
    let https_origin = app.address.replacen("http://", "https://", 1);
    let response = app
        .client()
        .post(format!("{}/api/log_in", app.address))
        .header(header::ORIGIN, https_origin)
        .form(&[
            ("credentials[email]", "owner@demo.test"),
            ("credentials[password]", PASSWORD),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    assert_eq!(
        app.call(&client, "log_out", &[]).await.status(),
        StatusCode::OK
    );
    let response = app.call_json(&client, "current_viewer", &json!({})).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unreadable_arguments_get_422_naming_the_request() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let response = app
        .call(
            &client,
            "switch_workspace",
            &[("workspace_id", "not-a-number")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn unknown_pages_answer_404() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let response = app.get(&client, "/no-such-page").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
