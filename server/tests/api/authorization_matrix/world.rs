//! One app with the demo workspaces for a run of cases by one role: the
//! signed-in client, things of the other workspace to name, fresh contacts
//! to act on, and row dumps to prove that a refused call changed nothing.

use super::expect::Who;
use crate::helpers::merges::*;
use server::storage::Dialect;
use shared::permissions::{Assignment, Role};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

/// Things of the "Acme Support" workspace, which no demo user but the
/// manager (an agent there) belongs to.
#[derive(Clone)]
pub struct Foreign {
    pub workspace: i64,
    pub contacts: [i64; 2],
    pub channel: i64,
    pub tag: i64,
    pub merge: i64,
    pub import: i64,
}

pub struct World {
    pub app: Rc<TestApp>,
    pub who: Who,
    /// The client of `who` (signed in, or never signed in).
    pub client: Client,
    /// The demo owner, who prepares what a case needs.
    pub owner: Client,
    /// The user asking (for a signed-out client: the demo agent, so that
    /// assignments still have someone to name).
    pub actor: i64,
    /// Someone else of the workspace, for contacts assigned to others.
    pub colleague: i64,
    pub workspace: i64,
    pub foreign: Foreign,
    /// Whether the user asking belongs to the other workspace too.
    pub foreign_member: bool,
    /// Shared by every world of one app, so names never repeat.
    next: Rc<Cell<u32>>,
    /// Column lists of the tables dumped, read once.
    columns: Rc<RefCell<HashMap<&'static str, Vec<String>>>>,
}

impl World {
    /// A new app, seen by `who`.
    pub async fn new(who: Who) -> World {
        let app = spawn_app().await;
        let owner = app.signed_in("owner@demo.test").await;
        let workspace = app.workspace_id("Demo").await;
        let foreign = foreign(&app).await;
        let base = World {
            app: Rc::new(app),
            who: Who::SignedOut,
            client: owner.clone(),
            owner,
            actor: 0,
            colleague: 0,
            workspace,
            foreign,
            foreign_member: false,
            next: Rc::default(),
            columns: Rc::default(),
        };
        base.as_user(who).await
    }

    /// The same app, seen by `who`.
    pub async fn as_user(&self, who: Who) -> World {
        let app = &self.app;
        let client = match who.email() {
            Some(email) => app.signed_in(email).await,
            None => app.client(),
        };
        let actor_email = who.email().unwrap_or("agent@demo.test");
        let colleague_email = if who == Who::Member(Role::Agent) {
            "manager@demo.test"
        } else {
            "agent@demo.test"
        };
        let actor = app.user_id(actor_email).await;
        let colleague = app.user_id(colleague_email).await;
        let memberships: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships WHERE workspace_id = $1 AND user_id = $2",
        )
        .bind(self.foreign.workspace)
        .bind(actor)
        .fetch_one(app.pool())
        .await
        .expect("memberships");
        World {
            app: Rc::clone(app),
            who,
            client,
            owner: self.owner.clone(),
            actor,
            colleague,
            workspace: self.workspace,
            foreign: self.foreign.clone(),
            foreign_member: who != Who::SignedOut && memberships > 0,
            next: Rc::clone(&self.next),
            columns: Rc::clone(&self.columns),
        }
    }

    /// A number not used before in this world.
    pub fn unique(&self) -> u32 {
        self.next.set(self.next.get() + 1);
        self.next.get()
    }

    /// A new contact (arrived on the web chat, so it has a conversation and
    /// a channel link) assigned as asked.
    pub async fn contact(&self, assignment: Assignment) -> i64 {
        let sender = format!("matrix-{}", self.unique());
        let assignee = match assignment {
            Assignment::Unassigned => None,
            Assignment::ToActor => Some(self.actor),
            Assignment::ToOther => Some(self.colleague),
        };
        arrive_assigned(&self.app, &sender, assignee).await
    }

    pub async fn version(&self, contact: i64) -> i64 {
        sqlx::query_scalar("SELECT version FROM contacts WHERE id = $1")
            .bind(contact)
            .fetch_one(self.app.pool())
            .await
            .expect("version")
    }

    /// Waits until no background job (delete, import, export) runs, so that
    /// dumps taken around a call see that call's changes only.
    pub async fn settle(&self) {
        for _ in 0..500 {
            let running: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM delete_jobs WHERE status = 'running')
                      + (SELECT COUNT(*) FROM exports WHERE status = 'running')
                      + (SELECT COUNT(*) FROM imports WHERE status = 'running')",
            )
            .fetch_one(self.app.pool())
            .await
            .expect("running jobs");
            if running == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("background jobs did not finish");
    }

    /// Every row the call could touch, as JSON text, in one query: the named
    /// contacts' rows in each table about contacts (those of the merge
    /// tests' dump, and more), and every row of the workspace-wide tables of
    /// both workspaces.
    pub async fn snapshot(&self, contacts: &[i64]) -> Vec<String> {
        let list = contacts
            .iter()
            .map(i64::to_string)
            .chain(["0".to_string()])
            .collect::<Vec<_>>()
            .join(", ");
        let about = format!("contact_id IN ({list})");
        let tables = [
            ("contacts", format!("id IN ({list})")),
            ("conversations", about.clone()),
            ("contact_channels", about.clone()),
            ("contact_tags", about.clone()),
            ("custom_values", about.clone()),
            ("workflow_runs", about.clone()),
            ("contact_block_events", about.clone()),
            ("active_contacts", about.clone()),
            (
                "messages",
                format!("conversation_id IN (SELECT id FROM conversations WHERE {about})"),
            ),
            ("duplicate_groups", "members > 0".to_string()),
            ("workspaces", "TRUE".to_string()),
            ("memberships", "TRUE".to_string()),
            ("channels", "TRUE".to_string()),
            ("tags", "TRUE".to_string()),
            ("custom_fields", "TRUE".to_string()),
            ("field_orders", "TRUE".to_string()),
            ("contact_counts", "TRUE".to_string()),
            ("imports", "TRUE".to_string()),
            ("exports", "TRUE".to_string()),
            ("delete_jobs", "TRUE".to_string()),
            ("merges", "TRUE".to_string()),
            ("merge_members", "TRUE".to_string()),
            ("merge_dismissals", "TRUE".to_string()),
        ];
        let mut selects = Vec::new();
        for (table, condition) in &tables {
            let columns = self.columns_of(table).await;
            selects.push(row_select(&self.app, table, &columns, condition));
        }
        let sql = format!("{} ORDER BY 1", selects.join(" UNION ALL "));
        sqlx::query_scalar(&sql)
            .fetch_all(self.app.pool())
            .await
            .expect("snapshot")
    }
}

impl World {
    async fn columns_of(&self, table: &'static str) -> Vec<String> {
        if let Some(columns) = self.columns.borrow().get(table) {
            return columns.clone();
        }
        let columns = columns(&self.app, table).await;
        self.columns.borrow_mut().insert(table, columns.clone());
        columns
    }
}

async fn foreign(app: &TestApp) -> Foreign {
    let workspace = app.workspace_id("Acme Support").await;
    let owner = app.signed_in("owner@acme.test").await;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM contacts WHERE workspace_id = $1 AND blocked_at IS NULL ORDER BY id LIMIT 4",
    )
    .bind(workspace)
    .fetch_all(app.pool())
    .await
    .expect("foreign contacts");
    let done = merged(app, &owner, &ids[2..4], &[]).await;
    let first_of = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(workspace)
            .fetch_one(app.pool())
            .await
            .expect(sql)
    };
    let channel = first_of("SELECT MIN(id) FROM channels WHERE workspace_id = $1").await;
    let tag = first_of("SELECT MIN(id) FROM tags WHERE workspace_id = $1").await;
    let import = super::requests::upload(app, &owner, 0).await.import_id;
    Foreign {
        workspace,
        contacts: [ids[0], ids[1]],
        channel,
        tag,
        merge: done.merge_id,
        import,
    }
}

/// Every row of a table matching an SQL condition, as JSON text, ordered.
pub async fn table_rows(app: &TestApp, table: &str, condition: &str) -> Vec<String> {
    rows_where(app, table, &columns(app, table).await, condition).await
}

async fn columns(app: &TestApp, table: &str) -> Vec<String> {
    let sql = match app.backend.store.dialect() {
        Dialect::Sqlite => "SELECT name FROM pragma_table_xinfo($1) ORDER BY cid",
        Dialect::Postgres => {
            "SELECT CAST(column_name AS text) FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = $1
              ORDER BY ordinal_position"
        }
    };
    let columns: Vec<String> = sqlx::query_scalar(sql)
        .bind(table)
        .fetch_all(app.pool())
        .await
        .expect("columns");
    assert!(!columns.is_empty(), "no table {table}");
    columns
}

async fn rows_where(
    app: &TestApp,
    table: &str,
    columns: &[String],
    condition: &str,
) -> Vec<String> {
    let sql = format!("{} ORDER BY 1", row_select(app, table, columns, condition));
    sqlx::query_scalar(&sql)
        .fetch_all(app.pool())
        .await
        .expect("table rows")
}

/// A SELECT of a table's matching rows, each as `table:{json}` text.
fn row_select(app: &TestApp, table: &str, columns: &[String], condition: &str) -> String {
    let object = match app.backend.store.dialect() {
        Dialect::Sqlite => "json_object",
        Dialect::Postgres => "json_build_object",
    };
    let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', \"{c}\"")).collect();
    format!(
        "SELECT '{table}:' || CAST({object}({}) AS TEXT) FROM \"{table}\" WHERE {condition}",
        pairs.join(", ")
    )
}
