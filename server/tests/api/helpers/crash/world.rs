//! What the harness works on, set up once before the first kill: the
//! workspaces, Acme's channel for ingress, two contacts of a thousand
//! messages each to merge and unmerge, and a workspace nobody touches.

use crate::helpers::inbox::{message, Channel};
use crate::helpers::TestApp;
use reqwest::Client;
use sqlx::AnyPool;

/// Messages each contact of the merge pair holds: enough that the merge
/// and undo transactions take a while, so kills land inside them.
const PAIR_MESSAGES: i64 = 1_000;
/// The other contact's sender id on Acme's e-mail channel.
pub const OTHER_SENDER: &str = "pair-b@crash.test";
/// Contacts of the workspace nobody touches.
const BYSTANDER_CONTACTS: i64 = 300;

pub struct World {
    /// Deletions of everything run here ("Demo").
    pub demo: i64,
    /// Merges, imports and ingress run here ("Acme Support").
    pub acme: i64,
    /// A workspace no work touches.
    pub bystander: i64,
    /// Acme's WhatsApp channel, which ingress bursts post to.
    pub channel: Channel,
    pub pair: MergePair,
    /// Every row of the bystander workspace's contacts, counter and groups.
    pub bystander_rows: Vec<String>,
    /// Signed in once: sessions live in the database and outlast kills.
    pub demo_owner: Client,
    pub acme_owner: Client,
}

/// Two contacts sharing a phone number; the first survives their merges.
pub struct MergePair {
    pub survivor: i64,
    pub other: i64,
    /// The message ids each held before any merge, in id order.
    pub survivor_messages: Vec<i64>,
    pub other_messages: Vec<i64>,
}

impl World {
    pub async fn set_up(app: &TestApp) -> World {
        let pool = app.pool();
        let acme = app.workspace_id("Acme Support").await;
        let channel = acme_channel(pool, acme, "whatsapp").await;
        let pair = merge_pair(app, acme, &channel).await;
        let bystander = bystander_workspace(pool).await;
        let mut conn = pool.acquire().await.expect("a connection");
        World {
            demo: app.workspace_id("Demo").await,
            acme,
            bystander,
            channel,
            pair,
            bystander_rows: bystander_rows(&mut conn, bystander).await,
            demo_owner: app.signed_in("owner@demo.test").await,
            acme_owner: app.signed_in("owner@acme.test").await,
        }
    }
}

async fn acme_channel(pool: &AnyPool, acme: i64, kind: &str) -> Channel {
    let (id, token): (i64, String) =
        sqlx::query_as("SELECT id, token FROM channels WHERE workspace_id = $1 AND kind = $2")
            .bind(acme)
            .bind(kind)
            .fetch_one(pool)
            .await
            .expect("Acme's channel");
    Channel { id, token }
}

/// Two contacts with one phone number, arriving on Acme's two channels,
/// each with a conversation of `PAIR_MESSAGES` messages.
async fn merge_pair(app: &TestApp, acme: i64, whatsapp: &Channel) -> MergePair {
    let pool = app.pool();
    let email = acme_channel(pool, acme, "email").await;
    let mut ids = Vec::new();
    for (channel, sender) in [(whatsapp, "pair-a"), (&email, OTHER_SENDER)] {
        let mut payload = message(
            &format!("{sender}-first"),
            sender,
            "Hello",
            "2026-01-01T09:00:00Z",
        );
        payload["sender"]["phone"] = serde_json::json!("+49 151 9999 0000");
        let contact = app.receive_contact(channel, payload).await;
        add_history(pool, contact, channel.id).await;
        ids.push(contact);
    }
    let mut conn = pool.acquire().await.expect("a connection");
    MergePair {
        survivor: ids[0],
        other: ids[1],
        survivor_messages: message_ids(&mut conn, ids[0]).await,
        other_messages: message_ids(&mut conn, ids[1]).await,
    }
}

/// Fills a contact's conversation up to `PAIR_MESSAGES` messages.
async fn add_history(pool: &AnyPool, contact: i64, channel: i64) {
    sqlx::query(&server::storage::Dialect::of_pool(pool).sql(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $3)
         INSERT INTO messages (conversation_id, channel_id, direction, body, sent_at)
         SELECT v.id, $2, 'in', 'Earlier message ' || CAST(n.i AS TEXT),
          to_timestamp(1767000000 + n.i)
           FROM conversations v, n WHERE v.contact_id = $1",
    ))
    .bind(contact)
    .bind(channel)
    .bind(PAIR_MESSAGES - 1)
    .execute(pool)
    .await
    .expect("message history");
}

/// The ids of the messages in a contact's conversations, in order.
pub async fn message_ids(conn: &mut sqlx::AnyConnection, contact: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT m.id FROM messages m JOIN conversations v ON v.id = m.conversation_id
          WHERE v.contact_id = $1 ORDER BY m.id",
    )
    .bind(contact)
    .fetch_all(conn)
    .await
    .expect("message ids")
}

/// A third workspace with contacts, some sharing phone numbers.
async fn bystander_workspace(pool: &AnyPool) -> i64 {
    let (id,): (i64,) = sqlx::query_as(&server::storage::Dialect::of_pool(pool).sql(
        "INSERT INTO workspaces (name, created_at)
          VALUES ('Bystander', to_timestamp(0)) RETURNING id",
    ))
    .fetch_one(pool)
    .await
    .expect("bystander workspace");
    sqlx::query(&server::storage::Dialect::of_pool(pool).sql(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
         INSERT INTO contacts (workspace_id, first_name, phone, created_at, updated_at)
         SELECT $1, 'Bystander ' || CAST(n.i AS TEXT),
                '+4917000' || CAST(100000 + n.i / 3 AS TEXT), to_timestamp(n.i), to_timestamp(n.i)
           FROM n",
    ))
    .bind(id)
    .bind(BYSTANDER_CONTACTS)
    .execute(pool)
    .await
    .expect("bystander contacts");
    id
}

/// The bystander workspace as text rows, to compare after every kill.
pub async fn bystander_rows(conn: &mut sqlx::AnyConnection, workspace: i64) -> Vec<String> {
    let mut rows = Vec::new();
    for sql in [
        "SELECT 'contact ' || CAST(id AS TEXT) || ' ' || first_name || ' ' || coalesce(phone, '')
                || ' v' || CAST(version AS TEXT)
           FROM contacts WHERE workspace_id = $1 ORDER BY id",
        "SELECT 'count ' || CAST(total AS TEXT) || ' ' || CAST(blocked AS TEXT)
           FROM contact_counts WHERE workspace_id = $1",
        "SELECT 'group ' || kind || ' ' || value || ' ' || CAST(members AS TEXT)
           FROM duplicate_groups WHERE workspace_id = $1 ORDER BY kind, value",
    ] {
        let part: Vec<String> = sqlx::query_scalar(sql)
            .bind(workspace)
            .fetch_all(&mut *conn)
            .await
            .expect("bystander rows");
        rows.extend(part);
    }
    rows
}
