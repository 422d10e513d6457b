//! Bulk actions over HTTP (R31, R34): the 100 rule at the server for
//! "Assign tags" and "Export to CSV", whatever the browser sends, tagging in
//! one go, and the CSV download.

use crate::helpers::contacts::{list, selected_ids};
use crate::helpers::{answer_of, spawn_app, TestApp};
use app::contacts::model::{BulkTarget, ContactQuery, PageCursor, TagAssignment, View};
use app::error::{AppError, Missing};
use reqwest::{header, Client, StatusCode};
use serde_json::json;
use shared::bulk::Selection;

fn all_matching(count: u64) -> BulkTarget {
    BulkTarget {
        selection: Selection::AllMatching { count },
        query: ContactQuery::default(),
    }
}

async fn assign(
    app: &TestApp,
    client: &Client,
    request: TagAssignment,
) -> Result<u64, (StatusCode, AppError)> {
    answer_of(
        app.call_json(
            client,
            "contacts_assign_tags",
            &json!({ "request": request }),
        )
        .await,
    )
    .await
}

async fn first_ids(app: &TestApp, client: &Client, count: usize) -> Vec<i64> {
    let page = list(app, client, &ContactQuery::default(), PageCursor::First).await;
    page.rows.iter().take(count).map(|row| row.id).collect()
}

#[tokio::test]
async fn r34_server_refuses_assign_tags_over_100_whatever_the_browser_claims() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    // "Select all" of 253 contacts, claimed as 50.
    let lying = TagAssignment {
        target: all_matching(50),
        tag_ids: vec![],
        new_tags: vec!["Spring campaign".into()],
    };
    let (status, error) = assign(&app, &client, lying).await.expect_err("refused");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        AppError::invalid(
            "Selection",
            "Tags can be assigned to at most 100 contacts at once."
        )
    );
    // 101 ids one by one.
    let many = TagAssignment {
        target: selected_ids((1..=101).collect()),
        tag_ids: vec![],
        new_tags: vec!["Spring campaign".into()],
    };
    let (status, _) = assign(&app, &client, many).await.expect_err("refused");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let created: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tags WHERE name = 'Spring campaign'")
            .fetch_one(app.pool())
            .await
            .expect("count");
    assert_eq!(created.0, 0, "nothing was written");
}

#[tokio::test]
async fn r34_assign_tags_tags_every_selected_contact_and_creates_new_tags() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let ids = first_ids(&app, &client, 3).await;
    let (vip,): (i64,) = sqlx::query_as(
        "SELECT id FROM tags WHERE name = 'VIP' AND workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo')",
    )
    .fetch_one(app.pool())
    .await
    .expect("tag");
    let request = TagAssignment {
        target: selected_ids(ids.clone()),
        tag_ids: vec![vip],
        new_tags: vec!["  Spring   campaign ".into()],
    };
    assert_eq!(assign(&app, &client, request).await.expect("tagged"), 3);
    let page = list(&app, &client, &ContactQuery::default(), PageCursor::First).await;
    for row in page.rows.iter().filter(|row| ids.contains(&row.id)) {
        assert!(row.tags.contains(&"VIP".to_string()), "{row:?}");
        assert!(row.tags.contains(&"Spring campaign".to_string()), "{row:?}");
    }
    // A bad new tag name is refused with the field named.
    let bad = TagAssignment {
        target: selected_ids(ids),
        tag_ids: vec![],
        new_tags: vec!["   ".into()],
    };
    let (status, error) = assign(&app, &client, bad).await.expect_err("refused");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error.field(), Some("Tag"));
}

#[tokio::test]
async fn r34_selection_from_another_workspace_tags_nothing() {
    let app = spawn_app().await;
    let demo = app.signed_in("owner@demo.test").await;
    let ids = first_ids(&app, &demo, 2).await;
    let acme = app.signed_in("owner@acme.test").await;
    let request = TagAssignment {
        target: selected_ids(ids),
        tag_ids: vec![],
        new_tags: vec!["Stolen".into()],
    };
    let (status, error) = assign(&app, &acme, request).await.expect_err("refused");
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error, AppError::not_found(Missing::Contact));
}

async fn export(app: &TestApp, client: &Client, params: &str) -> reqwest::Response {
    app.get(client, &format!("/contacts/export.csv?{params}"))
        .await
}

#[tokio::test]
async fn r34_csv_export_downloads_the_selected_rows() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let ids = first_ids(&app, &client, 3).await;
    let joined = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let response = export(&app, &client, &format!("ids={joined}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert!(response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("header")
        .starts_with("attachment"));
    let body = response.text().await.expect("body");
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert!(lines[0].starts_with("Name,Channels,E-mail,Phone,Tags"));
    assert_eq!(lines.len(), 4, "{body}");
    // Phone numbers start with + and are neutralised.
    assert!(!body.contains(",+"), "{body}");
}

#[tokio::test]
async fn r34_csv_export_over_100_is_refused() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    for params in ["select=all&count=20", "select=all&count=253"] {
        let response = export(&app, &client, params).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{params}"
        );
        let error: AppError = response.json().await.expect("json");
        assert_eq!(
            error,
            AppError::invalid("Selection", "At most 100 contacts can be exported at once.")
        );
    }
    // A filter that matches nobody exports nothing.
    let response = export(&app, &client, "select=all&count=1&q=zzzz-nobody").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = export(&app, &app.client(), "ids=1").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn r34_the_same_tags_assigned_from_several_clients_at_once_land_once() {
    let app = spawn_app().await;
    let mut clients = Vec::new();
    for email in ["owner@demo.test", "manager@demo.test", "agent@demo.test"] {
        for _ in 0..3 {
            clients.push(app.signed_in(email).await);
        }
    }
    let ids = first_ids(&app, &clients[0], 50).await;
    let request = TagAssignment {
        target: selected_ids(ids.clone()),
        tag_ids: vec![],
        new_tags: vec!["Launch week".into(), "Follow up".into()],
    };
    let answers = futures::future::join_all(
        clients
            .iter()
            .map(|client| assign(&app, client, request.clone())),
    )
    .await;
    for answer in answers {
        assert_eq!(answer.expect("tagged"), 50);
    }
    let pool = app.pool();
    let count = |sql: &'static str| async move {
        let (count,): (i64,) = sqlx::query_as(sql).fetch_one(pool).await.expect("count");
        count
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM tags WHERE name IN ('Launch week', 'Follow up')").await,
        2,
        "each new tag created once"
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
              WHERE t.name IN ('Launch week', 'Follow up')"
        )
        .await,
        100,
        "each contact tagged once with each"
    );
}

async fn unblock(
    app: &TestApp,
    client: &Client,
    target: BulkTarget,
) -> Result<u64, (StatusCode, AppError)> {
    answer_of(
        app.call_json(client, "contacts_unblock", &json!({ "target": target }))
            .await,
    )
    .await
}

#[tokio::test]
async fn r28_unblock_in_bulk_unblocks_the_selected_blocked_contacts_at_once() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let blocked_view = ContactQuery {
        view: View::Blocked,
        ..ContactQuery::default()
    };
    let before = list(&app, &client, &blocked_view, PageCursor::First).await;
    assert!(before.rows.len() >= 2, "the demo has blocked contacts");
    let chosen: Vec<i64> = before.rows.iter().take(2).map(|row| row.id).collect();
    let unblocked = unblock(&app, &client, selected_ids(chosen.clone()))
        .await
        .expect("unblocked");
    assert_eq!(unblocked, 2);
    let after = list(&app, &client, &blocked_view, PageCursor::First).await;
    assert_eq!(after.blocked_count, before.blocked_count - 2);
    assert!(after.rows.iter().all(|row| !chosen.contains(&row.id)));
    let events = app
        .count(&format!(
            "SELECT COUNT(*) FROM contact_block_events WHERE action = 'unblock' AND contact_id IN ({}, {})",
            chosen[0], chosen[1]
        ))
        .await;
    assert_eq!(events, 2);
    // Asked again, nothing is left to unblock; one by one, it is a conflict.
    assert_eq!(
        unblock(&app, &client, selected_ids(chosen.clone())).await,
        Ok(0)
    );
    let again = app
        .call_json(
            &client,
            "details_unblock",
            &json!({ "request": { "contact_id": chosen[0] } }),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    // "Select all" of the blocked view over the limit is refused whole.
    let lying = BulkTarget {
        selection: Selection::AllMatching { count: 101 },
        query: blocked_view,
    };
    let (status, error) = unblock(&app, &client, lying).await.expect_err("refused");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error,
        AppError::invalid(
            "Selection",
            "At most 100 contacts can be unblocked at once."
        )
    );
}
