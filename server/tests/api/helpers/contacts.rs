//! The Contacts table's pages over HTTP as the browser asks for them (JSON
//! bodies), the contacts a bulk action is for, and waiting for its
//! background deletions.

use crate::helpers::{answer_of, TestApp};
use app::contacts::model::{
    BulkTarget, ContactPage, ContactQuery, DeleteTarget, ListRequest, PageCursor,
};
use reqwest::Client;
use serde_json::json;
use shared::bulk::Selection;

/// A bulk action for the contacts ticked in the table.
pub fn selected_ids(ids: Vec<i64>) -> BulkTarget {
    BulkTarget {
        selection: Selection::Ids(ids),
        query: ContactQuery::default(),
    }
}

/// Deleting the contacts ticked in the table.
pub fn delete_selected(ids: Vec<i64>) -> DeleteTarget {
    DeleteTarget::Selected(selected_ids(ids))
}

/// One page of the table.
pub async fn list(
    app: &TestApp,
    client: &Client,
    query: &ContactQuery,
    page: PageCursor,
) -> ContactPage {
    let request = ListRequest {
        query: query.clone(),
        page,
    };
    answer_of(
        app.call_json(client, "contacts_list", &json!({ "request": request }))
            .await,
    )
    .await
    .expect("a page")
}

/// Every page of the table, following `next`.
pub async fn all_pages(app: &TestApp, client: &Client, query: &ContactQuery) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut page = PageCursor::First;
    loop {
        let answer = list(app, client, query, page).await;
        ids.extend(answer.rows.iter().map(|row| row.id));
        match answer.next {
            Some(cursor) => page = PageCursor::After(cursor),
            None => return ids,
        }
    }
}

/// Waits until the workspace's delete jobs are all finished.
pub async fn wait_for_deletions(app: &TestApp) {
    for _ in 0..200 {
        let running = app
            .count("SELECT COUNT(*) FROM delete_jobs WHERE status = 'running'")
            .await;
        if running == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the delete job did not finish");
}
