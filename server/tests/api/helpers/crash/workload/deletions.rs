//! Deletions of everything in "Demo", one after another.

use super::{Worker, JOB_POLL};
use app::contacts::model::{DeleteProgress, DeleteTarget};
use serde_json::json;
use sqlx::AnyPool;

/// Contacts each deletion of everything adds to "Demo" before it starts.
const BULK_CONTACTS: i64 = 3_000;

/// Starts a deletion of everything in "Demo" whenever none is running.
pub(super) async fn keep_deleting(worker: Worker) {
    while !worker.stopped() {
        delete_everything(&worker).await;
        tokio::time::sleep(JOB_POLL).await;
    }
}

/// Adds a few thousand contacts to "Demo" (unless it has them already) and
/// deletes everything, unless a deletion is still under way there.
pub async fn delete_everything(worker: &Worker) {
    let running = "SELECT COUNT(*) FROM delete_jobs WHERE workspace_id = $1 AND status = 'running'";
    if worker.count(running, worker.world.demo).await > 0 {
        return;
    }
    let generation = {
        let mut ledger = worker.ledger();
        ledger.deletions += 1;
        ledger.deletions
    };
    // Contacts added for a request that a kill cut off are deleted by the
    // next one.
    let contacts = "SELECT COUNT(*) FROM contacts WHERE workspace_id = $1";
    if worker.count(contacts, worker.world.demo).await < BULK_CONTACTS {
        add_bulk_contacts(&worker.pool, worker.world.demo, generation).await;
    }
    let target = serde_json::to_value(DeleteTarget::Everything).expect("target");
    let _: Option<DeleteProgress> = worker
        .call(
            &worker.world.demo_owner,
            "contacts_delete",
            json!({ "target": target }),
        )
        .await;
}

/// `BULK_CONTACTS` contacts in one statement; every four share a phone
/// number and every three an e-mail address, so they form duplicate groups.
async fn add_bulk_contacts(pool: &AnyPool, workspace: i64, generation: u32) {
    sqlx::query(&server::storage::Dialect::of_pool(pool).sql(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
         INSERT INTO contacts (workspace_id, first_name, last_name, phone, email, email_key,
                               created_at, updated_at)
         SELECT $1, 'Bulk ' || CAST(n.i AS TEXT), 'Bulk',
                $3 || CAST(100000 + n.i / 4 AS TEXT),
                'bulk' || CAST(n.i / 3 AS TEXT) || $4, 'bulk' || CAST(n.i / 3 AS TEXT) || $4,
                to_timestamp(n.i), to_timestamp(n.i)
           FROM n",
    ))
    .bind(workspace)
    .bind(BULK_CONTACTS)
    .bind(format!("+49151{generation:02}"))
    .bind(format!(".g{generation}@crash.test"))
    .execute(pool)
    .await
    .expect("bulk contacts");
}
