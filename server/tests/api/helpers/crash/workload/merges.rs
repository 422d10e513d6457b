//! The pair of contacts with 1,000 messages each, merged and unmerged.

use super::Worker;
use app::merge::model::{MergeDone, MergeReview};
use serde_json::json;
use sqlx::AnyPool;

/// Merges the pair, undoes the merge, merges again, for as long as the
/// server runs.
pub(super) async fn merge_and_undo(worker: Worker) {
    while !worker.stopped() {
        let done = match open_merge(&worker.pool, worker.world.pair.survivor).await {
            Some(merge_id) => undo(&worker, merge_id).await,
            None => merge(&worker).await,
        };
        if !done {
            return;
        }
    }
}

/// The merge of the pair that is not undone, if any.
pub async fn open_merge(pool: &AnyPool, survivor: i64) -> Option<i64> {
    sqlx::query_scalar(
        "SELECT id FROM merges WHERE survivor_id = $1 AND undone_at IS NULL
          ORDER BY id DESC LIMIT 1",
    )
    .bind(survivor)
    .fetch_optional(pool)
    .await
    .expect("open merge")
}

async fn merge(worker: &Worker) -> bool {
    let client = &worker.world.acme_owner;
    let pair = [worker.world.pair.survivor, worker.world.pair.other];
    let review: Option<MergeReview> = worker
        .call(client, "merge_review_get", json!({ "contact_ids": pair }))
        .await;
    let Some(review) = review else { return false };
    let versions: Vec<i64> = review.contacts.iter().map(|c| c.version).collect();
    worker.ledger().in_flight = Some("merge");
    let done: Option<MergeDone> = worker
        .call(
            client,
            "merge_contacts",
            json!({"request": {"contact_ids": pair, "versions": versions, "choices": []}}),
        )
        .await;
    let mut ledger = worker.ledger();
    ledger.in_flight = None;
    ledger.merges += u32::from(done.is_some());
    done.is_some()
}

pub async fn undo(worker: &Worker, merge_id: i64) -> bool {
    worker.ledger().in_flight = Some("undo");
    let done: Option<Vec<i64>> = worker
        .call(
            &worker.world.acme_owner,
            "merge_undo",
            json!({ "merge_id": merge_id }),
        )
        .await;
    let mut ledger = worker.ledger();
    ledger.in_flight = None;
    ledger.undos += u32::from(done.is_some());
    done.is_some()
}
