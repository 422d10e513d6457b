//! Every `AppError` the server sends arrives with the status it names
//! (`AppError::status`), each produced by a real request to the running
//! app: the status line and the JSON error in the body agree. The one
//! variant no request can produce is `Network`: the browser makes it when
//! no answer arrives at all.

use crate::helpers::details::{contact_where, details, edit_name};
use crate::helpers::{spawn_app, PASSWORD};
use app::error::{AppError, Missing, Refusal};
use reqwest::{Response, StatusCode};
use serde_json::json;

/// A refused call's status, checked against the one its error names, and
/// the error.
async fn refusal(response: Response, status: StatusCode) -> AppError {
    assert_eq!(response.status(), status);
    let error: AppError = response.json().await.expect("an AppError as JSON");
    assert_eq!(
        error.status(),
        status.as_u16(),
        "{error:?} arrived with {status}"
    );
    error
}

#[tokio::test]
async fn a_signed_out_call_is_401_unauthorized() {
    let app = spawn_app().await;
    let response = app
        .call_json(&app.client(), "current_viewer", &json!({}))
        .await;
    let error = refusal(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(error, AppError::Unauthorized);
}

#[tokio::test]
async fn a_wrong_password_is_401_sign_in_failed() {
    let app = spawn_app().await;
    let response = app.log_in(&app.client(), "agent@demo.test", "wrong").await;
    let error = refusal(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(error, AppError::SignInFailed);
}

#[tokio::test]
async fn an_agent_asking_for_the_managers_merge_history_is_403_forbidden() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let response = app
        .call_json(&agent, "merge_history", &json!({"older_than": null}))
        .await;
    let error = refusal(response, StatusCode::FORBIDDEN).await;
    let AppError::Forbidden(reason) = &error else {
        panic!("{error:?}");
    };
    assert!(reason.contains("owners and managers"), "{reason}");
}

#[tokio::test]
async fn a_missing_contact_is_404_not_found() {
    let app = spawn_app().await;
    let owner = app.signed_in("owner@demo.test").await;
    let response = app
        .call_json(
            &owner,
            "details_get",
            &json!({"request": {"contact_id": 999_999_999}}),
        )
        .await;
    let error = refusal(response, StatusCode::NOT_FOUND).await;
    assert_eq!(error, AppError::not_found(Missing::Contact));
}

#[tokio::test]
async fn a_save_of_a_stale_version_is_409_conflict() {
    let app = spawn_app().await;
    let owner = app.signed_in("owner@demo.test").await;
    let id = contact_where(&app, "Demo", "TRUE").await;
    let seen = details(&app, &owner, id).await;
    let saved = edit_name(&app, &owner, &seen, "First", "Same").await;
    assert_eq!(saved.status(), StatusCode::OK);
    let response = edit_name(&app, &owner, &seen, "Second", "Same").await;
    let error = refusal(response, StatusCode::CONFLICT).await;
    assert_eq!(error, AppError::from(Refusal::StaleVersion));
}

#[tokio::test]
async fn bad_input_is_422_invalid_naming_the_field() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let response = app
        .call_json(
            &agent,
            "contacts_add",
            &json!({ "contact": { "first_name": "Ann", "last_name": "", "phone": "",
                                  "email": "not-an-email", "country": "", "language": "" } }),
        )
        .await;
    let error = refusal(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let AppError::Invalid { field, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(field, "E-mail address");
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_429_too_many_requests() {
    let app = spawn_app().await;
    let client = app.client();
    app.fail_sign_ins(&client, "owner@demo.test", "wrong").await;
    let response = app.log_in(&client, "owner@demo.test", PASSWORD).await;
    let error = refusal(response, StatusCode::TOO_MANY_REQUESTS).await;
    let AppError::TooManyRequests(wait) = &error else {
        panic!("{error:?}");
    };
    assert!(wait.starts_with("Too many failed sign-ins."), "{wait}");
}

#[tokio::test]
async fn a_failing_database_is_500_internal() {
    let app = spawn_app().await;
    let owner = app.signed_in("owner@demo.test").await;
    // The merge history's table is gone from under the running server.
    sqlx::query("ALTER TABLE merges RENAME TO merges_gone")
        .execute(app.pool())
        .await
        .expect("rename the table");
    let response = app
        .call_json(&owner, "merge_history", &json!({"older_than": null}))
        .await;
    let error = refusal(response, StatusCode::INTERNAL_SERVER_ERROR).await;
    assert_eq!(error, AppError::Internal);
}
