//! Sessions, roles and request protection at the HTTP level, against the
//! real router and a fresh database.

mod common;

use app::auth::Viewer;
use app::error::AppError;
use common::{TestApp, PASSWORD};
use reqwest::{header, StatusCode};

#[tokio::test]
async fn signed_out_server_function_calls_get_401() {
    let app = TestApp::spawn().await;
    let response = app.call(&app.client(), "current_viewer", &[]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let error: AppError = response.json().await.expect("json error");
    assert_eq!(error, AppError::Unauthorized);
}

#[tokio::test]
async fn signed_out_pages_redirect_to_sign_in() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = client
        .get(format!("{}/contacts?q=ada", app.address))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/login?next=/contacts%3Fq%3Dada"
    );
    let login = client
        .get(format!("{}/login", app.address))
        .send()
        .await
        .expect("request");
    assert_eq!(login.status(), StatusCode::OK);
    let html = login.text().await.expect("body");
    assert!(html.contains("Log in"));
}

#[tokio::test]
async fn sign_in_starts_a_session_in_the_first_workspace() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in(&client, "Manager@Demo.test").await;
    let viewer: Viewer = app
        .call(&client, "current_viewer", &[])
        .await
        .json()
        .await
        .expect("viewer");
    assert_eq!(viewer.email, "manager@demo.test");
    assert_eq!(viewer.workspace.name, "Demo");
    assert_eq!(viewer.role(), shared::permissions::Role::Manager);
    assert_eq!(viewer.workspaces.len(), 2);

    let page = client
        .get(format!("{}/", app.address))
        .send()
        .await
        .expect("request");
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
    let app = TestApp::spawn().await;
    let response = app
        .call(
            &app.client(),
            "log_in",
            &[
                ("credentials[email]", "agent@demo.test"),
                ("credentials[password]", PASSWORD),
            ],
        )
        .await;
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .to_string();
    assert!(cookie.starts_with("contacts_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_password_or_unknown_account_gets_the_same_401() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for (email, password) in [("agent@demo.test", "wrong"), ("nobody@demo.test", PASSWORD)] {
        let response = app
            .call(
                &client,
                "log_in",
                &[
                    ("credentials[email]", email),
                    ("credentials[password]", password),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let error: AppError = response.json().await.expect("json");
        assert_eq!(error, AppError::SignInFailed);
    }
}

#[tokio::test]
async fn repeated_failed_sign_ins_for_one_account_are_paused() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for _ in 0..5 {
        let response = app
            .call(
                &client,
                "log_in",
                &[
                    ("credentials[email]", "owner@demo.test"),
                    ("credentials[password]", "wrong"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let paused = app
        .call(
            &client,
            "log_in",
            &[
                ("credentials[email]", "owner@demo.test"),
                ("credentials[password]", PASSWORD),
            ],
        )
        .await;
    assert_eq!(paused.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn switching_to_a_foreign_workspace_is_forbidden() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in(&client, "agent@demo.test").await;
    let viewer: Viewer = app
        .call(&client, "current_viewer", &[])
        .await
        .json()
        .await
        .expect("viewer");
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
    let still: Viewer = app
        .call(&client, "current_viewer", &[])
        .await
        .json()
        .await
        .expect("viewer");
    assert_eq!(still.workspace.id, viewer.workspace.id);
}

#[tokio::test]
async fn a_member_of_two_workspaces_switches_with_the_right_role() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in(&client, "manager@demo.test").await;
    let viewer: Viewer = app
        .call(&client, "current_viewer", &[])
        .await
        .json()
        .await
        .expect("viewer");
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
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in(&client, "owner@demo.test").await;
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
    let response = app.call(&client, "current_viewer", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in(&client, "owner@demo.test").await;
    assert_eq!(
        app.call(&client, "log_out", &[]).await.status(),
        StatusCode::OK
    );
    let response = app.call(&client, "current_viewer", &[]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unreadable_arguments_get_422_naming_the_request() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in(&client, "owner@demo.test").await;
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
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in(&client, "owner@demo.test").await;
    let response = client
        .get(format!("{}/no-such-page", app.address))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
