//! Upgrading a PostgreSQL database in place: what was stored before a
//! migration that changed column types still works after it. Run on the
//! throwaway PostgreSQL that `scripts/with-postgres.sh` starts.

use crate::helpers::{fresh_database_url, spawn_app_with};
use app::ssr::{Actor, MergePort};
use sqlx::PgPool;

/// The last migration before times became `timestamptz` and documents
/// `jsonb`.
const BEFORE_TYPES: i64 = 12;

/// A database migrated up to and including `last`, from the project's own
/// migration files.
async fn database_at(last: i64) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_database_url(dir.path()).await;
    assert!(
        url.starts_with("postgres"),
        "this test needs PostgreSQL: run it with scripts/with-postgres.sh"
    );
    let older = dir.path().join("migrations");
    std::fs::create_dir(&older).expect("migrations folder");
    let all = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres");
    for entry in std::fs::read_dir(all).expect("migrations") {
        let path = entry.expect("migration").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let version: i64 = name[..4].parse().expect("numbered migration");
        if version <= last {
            std::fs::copy(&path, older.join(name)).expect("copy migration");
        }
    }
    let pool = PgPool::connect(&url).await.expect("connect");
    sqlx::migrate::Migrator::new(older.as_path())
        .await
        .expect("read migrations")
        .run(&pool)
        .await
        .expect("migrate");
    pool.close().await;
    (dir, url)
}

async fn one(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

#[tokio::test]
async fn a_merge_made_before_times_became_timestamps_is_undone_after() {
    let (_dir, url) = database_at(BEFORE_TYPES).await;
    let pool = PgPool::connect(&url).await.expect("connect");
    // As the server wrote them then: unix seconds and JSON text.
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let workspace = one(
        &pool,
        "INSERT INTO workspaces (name, created_at) VALUES ('Old', 1700000000) RETURNING id",
    )
    .await;
    let user = one(
        &pool,
        "INSERT INTO users (email, email_key, name, password_hash, created_at)
         VALUES ('olga@old.test', 'olga@old.test', 'Olga', '-', 1700000000) RETURNING id",
    )
    .await;
    let mut ids = Vec::new();
    for (name, created) in [("Ada", 1_700_000_100_i64), ("Ada B", 1_700_000_200)] {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO contacts (workspace_id, first_name, phone, created_at, updated_at)
             VALUES ($1, $2, '+4915112345678', $3, $3) RETURNING id",
        )
        .bind(workspace)
        .bind(name)
        .bind(created)
        .fetch_one(&pool)
        .await
        .expect("contact");
        ids.push(id);
    }
    let (survivor, merged) = (ids[0], ids[1]);
    let snapshot: String = sqlx::query_scalar(
        "SELECT CAST(json_build_object(
                  'contacts', (SELECT json_agg(to_jsonb(c) - 'sort_name' - 'search_words'
                                               - 'last_activity' - 'last_name_key' ORDER BY c.id)
                                 FROM contacts c WHERE c.workspace_id = $1),
                  'duplicate_groups', (SELECT json_agg(to_jsonb(g)) FROM duplicate_groups g
                                        WHERE g.workspace_id = $1),
                  'conversations', json_build_array(), 'contact_channels', json_build_array(),
                  'contact_tags', json_build_array(), 'custom_values', json_build_array(),
                  'workflow_runs', json_build_array(), 'messages', json_build_array()) AS text)",
    )
    .bind(workspace)
    .fetch_one(&pool)
    .await
    .expect("snapshot");
    let merge = {
        let mut tx = pool.begin().await.expect("transaction");
        sqlx::query(
            "UPDATE contacts SET merged_into = $1, version = version + 1, updated_at = $3
              WHERE id = $2",
        )
        .bind(survivor)
        .bind(merged)
        .bind(now - 60)
        .execute(&mut *tx)
        .await
        .expect("merged away");
        let (merge,): (i64,) = sqlx::query_as(
            "INSERT INTO merges (workspace_id, survivor_id, contacts, choices, snapshot, merged_by,
                                 merged_by_name, merged_at)
             VALUES ($1, $2, '[]', '[]', $3, $4, 'Olga', $5) RETURNING id",
        )
        .bind(workspace)
        .bind(survivor)
        .bind(&snapshot)
        .bind(user)
        .bind(now - 60)
        .fetch_one(&mut *tx)
        .await
        .expect("merge");
        sqlx::query("INSERT INTO merge_members (contact_id, merge_id) VALUES ($1, $3), ($2, $3)")
            .bind(survivor)
            .bind(merged)
            .bind(merge)
            .execute(&mut *tx)
            .await
            .expect("members");
        tx.commit().await.expect("commit");
        merge
    };
    pool.close().await;

    // The upgrade: the server starts on the old database and migrates it.
    let app = spawn_app_with(|config| {
        config.database_url = url;
        config.demo = false;
    })
    .await
    .expect("start on the old database");
    let actor = Actor {
        user_id: user,
        name: "Olga".into(),
    };
    let restored = app
        .backend
        .store
        .undo(workspace, &actor, merge)
        .await
        .expect("undo after the upgrade");
    assert_eq!(restored.len(), 2);
    let back: Vec<(i64, Option<i64>, i64)> = sqlx::query_as(&app.sql(
        "SELECT id, merged_into, unix_seconds(created_at) FROM contacts
          WHERE workspace_id = $1 ORDER BY id",
    ))
    .bind(workspace)
    .fetch_all(app.pool())
    .await
    .expect("contacts");
    assert_eq!(
        back,
        [
            (survivor, None, 1_700_000_100),
            (merged, None, 1_700_000_200)
        ]
    );
}
