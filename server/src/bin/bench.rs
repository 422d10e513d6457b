//! `make bench`: the Contacts module's request paths on a workspace
//! of realistic shape (tags, channels, conversations, messages, 5% of the
//! contacts in duplicate pairs), measured at p50/p95: the table, search,
//! bulk actions, merge suggestions, merging and undoing, rebuilding the
//! duplicate groups, then delete-all throughput and the list meanwhile.
//!
//! `cargo run --release -p server --bin bench -- --contacts 100000 [--database URL] [--out FILE]`
//!
//! Without `--database` it runs on a new SQLite file; with a PostgreSQL URL
//! it seeds a new workspace into that database (which should be empty and
//! is left with the bench's rows).

use app::contacts::model::{
    BulkTarget, ContactQuery, Cursor, DeleteTarget, ListRequest, PageCursor, Sort,
};
use app::merge::model::MergeRequest;
use app::ssr::{Actor, ContactsPort, DetailsPort, MergePort};
use server::contacts_csv::contacts_csv;
use server::jobs::{run_job, DeleteJobSettings, DeleteJobStorage};
use server::storage::{Dialect, Store};
use shared::bulk::Selection;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const ROUNDS: usize = 200;
const FIRST_NAMES: &[&str] = &[
    "Lena", "Jonas", "Mia", "Lukas", "Emma", "Oliver", "Amelia", "Noah", "Sofia", "Mateo", "Yuki",
    "Aarav", "Chloe", "Liam", "Fatima", "Omar",
];
const LAST_NAMES: &[&str] = &[
    "Mueller", "Schmidt", "Smith", "Jones", "Garcia", "Rossi", "Dubois", "Tanaka", "Kumar",
    "Silva", "Nowak", "Jensen", "Haddad", "Kim", "Ali", "Brown",
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let contacts: i64 = arg("--contacts").map_or(Ok(100_000), |v| v.parse())?;
    let dir = tempfile_dir()?;
    let url = arg("--database").unwrap_or_else(|| format!("sqlite://{dir}/bench.db"));
    let store = Store::open(&url).await?;
    let database = match store.dialect() {
        Dialect::Sqlite => "sqlite",
        Dialect::Postgres => "postgres",
    };
    let out = arg("--out").unwrap_or_else(|| format!("target/bench-{database}-{contacts}.txt"));
    let started = Instant::now();
    let (workspace, user, tag) = seed(&store, contacts).await?;
    let mut report = format!(
        "contacts: {contacts} on {database} (seeded in {:.1} s)\n",
        started.elapsed().as_secs_f64()
    );

    let first = ListRequest::default();
    let (key, id): (i64, i64) = sqlx::query_as(
        "SELECT created_at, id FROM contacts WHERE workspace_id = $1 AND blocked_at IS NULL
          ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $2",
    )
    .bind(workspace)
    .bind((999 * 50 - 1).min(contacts - 60))
    .fetch_one(store.pool())
    .await?;
    let deep = ListRequest {
        query: ContactQuery::default(),
        page: PageCursor::After(Cursor {
            id,
            key: key.to_string(),
        }),
    };
    let search = |text: &str| ListRequest {
        query: ContactQuery {
            search: text.into(),
            ..ContactQuery::default()
        },
        page: PageCursor::First,
    };
    let by_tag = ListRequest {
        query: ContactQuery {
            tags: vec!["VIP".into()],
            ..ContactQuery::default()
        },
        page: PageCursor::First,
    };
    let by_name = ListRequest {
        query: ContactQuery {
            sort: Sort::Name,
            ..ContactQuery::default()
        },
        page: PageCursor::First,
    };
    let cases = [
        ("list: first page", first.clone()),
        ("list: page 1,000", deep),
        ("list: sorted by name", by_name),
        ("search: name prefix", search("lena mu")),
        ("search: phone", search("+49 151 0000 12")),
        ("search: national phone", search("0151 0000 12")),
        ("filter: tag", by_tag),
    ];
    for (name, request) in &cases {
        let times = measure(|| async { store.list(workspace, request).await.map(|_| ()) }).await?;
        line(&mut report, name, &times);
    }
    let ids: Vec<i64> =
        sqlx::query_as::<_, (i64,)>("SELECT id FROM contacts WHERE workspace_id = $1 LIMIT 100")
            .bind(workspace)
            .fetch_all(store.pool())
            .await?
            .into_iter()
            .map(|(id,)| id)
            .collect();
    let hundred = BulkTarget {
        selection: Selection::Ids(ids),
        query: ContactQuery::default(),
    };
    let times = measure(|| async {
        store
            .assign_tags(workspace, &hundred, &[tag], &[])
            .await
            .map(|_| ())
    })
    .await?;
    line(&mut report, "bulk tag of 100", &times);
    let times = measure(|| async {
        let rows = store.export_rows(workspace, &hundred).await?;
        contacts_csv(&rows)
            .map(|_| ())
            .map_err(|_| app::error::AppError::Internal)
    })
    .await?;
    line(&mut report, "CSV export of 100", &times);
    merge_cases(&store, workspace, user, &mut report).await?;

    // The list every 20 ms with no job running, then the same while every
    // contact is deleted.
    let mut idle = Vec::new();
    for _ in 0..150 {
        idle.push(timed_list(&store, workspace, &first).await?);
    }
    idle.sort();
    line(&mut report, "list every 20 ms, idle", &idle);
    let idle_list_p95 = percentile(&idle, 95);
    let job = store
        .start_delete(workspace, user, &DeleteTarget::Everything)
        .await?;
    let deleting = Instant::now();
    let runner_store = store.background().await?;
    let runner = tokio::spawn(async move {
        let settings = DeleteJobSettings::default();
        if let Ok(Some(job)) = runner_store.claim_delete_job("bench", 60_000).await {
            run_job(&runner_store, "bench", job, &settings).await;
        }
    });
    let mut during = Vec::new();
    while !runner.is_finished() {
        during.push(timed_list(&store, workspace, &first).await?);
    }
    runner.await?;
    let seconds = deleting.elapsed().as_secs_f64();
    let _ = writeln!(
        report,
        "delete all: {} contacts in {seconds:.2} s = {:.0} contacts/s",
        job.total,
        job.total as f64 / seconds
    );
    if !during.is_empty() {
        during.sort();
        let _ = writeln!(
            report,
            "list during delete-all: p50 {:.2} ms, p95 {:.2} ms ({:.2}x idle p95)",
            ms(percentile(&during, 50)),
            ms(percentile(&during, 95)),
            percentile(&during, 95).as_secs_f64() / idle_list_p95.as_secs_f64().max(1e-9)
        );
    }
    print!("{report}");
    std::fs::write(&out, &report)?;
    println!("written to {out}");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Merge suggestions of one contact (with the rest of the drawer), the
/// dashboard's first page, merging two contacts of 1,000 messages each and
/// undoing it, and rebuilding every duplicate group.
async fn merge_cases(
    store: &Store,
    workspace: i64,
    user: i64,
    report: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let (duplicate,): (i64,) = sqlx::query_as(
        "SELECT c.id FROM contacts c JOIN duplicate_groups g
             ON g.workspace_id = c.workspace_id AND g.kind = 'phone' AND g.value = c.phone
          WHERE c.workspace_id = $1 AND g.members >= 2 AND c.blocked_at IS NULL
          ORDER BY c.id DESC LIMIT 1",
    )
    .bind(workspace)
    .fetch_one(store.pool())
    .await?;
    let times = measure(|| async {
        server::storage::merges::suggestions_of(store, workspace, duplicate)
            .await
            .map(|_| ())
    })
    .await?;
    line(report, "suggestions of contact", &times);
    let times = measure(|| async { store.contact(workspace, duplicate).await.map(|_| ()) }).await?;
    line(report, "drawer with suggestions", &times);
    let times = measure(|| async { store.suggestions(workspace, None).await.map(|_| ()) }).await?;
    line(report, "dashboard suggestions", &times);

    let pair = message_heavy_pair(store, workspace).await?;
    let actor = Actor {
        user_id: user,
        name: "Bench Owner".into(),
    };
    let mut merges = Vec::new();
    let mut undos = Vec::new();
    for _ in 0..10 {
        let versions: Vec<i64> = store
            .review(workspace, &pair)
            .await?
            .contacts
            .iter()
            .map(|contact| contact.version)
            .collect();
        let request = MergeRequest {
            contact_ids: pair.to_vec(),
            versions,
            choices: Vec::new(),
        };
        let at = Instant::now();
        let done = store.merge(workspace, &actor, &request).await?;
        merges.push(at.elapsed());
        let at = Instant::now();
        store.undo(workspace, &actor, done.merge_id).await?;
        undos.push(at.elapsed());
    }
    merges.sort();
    undos.sort();
    line(report, "merge 2 x 1,000 msgs", &merges);
    line(report, "undo that merge", &undos);

    let at = Instant::now();
    server::storage::merges::rebuild_duplicate_groups(store).await?;
    let _ = writeln!(
        report,
        "rebuild duplicate groups: {:.2} s",
        at.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Two contacts sharing a phone number, each with a conversation of 1,000
/// messages.
async fn message_heavy_pair(store: &Store, workspace: i64) -> Result<[i64; 2], sqlx::Error> {
    let mut ids = [0; 2];
    for (index, id) in ids.iter_mut().enumerate() {
        let (contact,): (i64,) = sqlx::query_as(
            "INSERT INTO contacts (workspace_id, first_name, phone, created_at, updated_at)
             VALUES ($1, $2, '+4915299999999', 1700000000, 1700000000) RETURNING id",
        )
        .bind(workspace)
        .bind(format!("Heavy {index}"))
        .fetch_one(store.pool())
        .await?;
        let (conversation,): (i64,) = sqlx::query_as(
            "INSERT INTO conversations (workspace_id, contact_id, last_message_at)
             VALUES ($1, $2, 1700000999) RETURNING id",
        )
        .bind(workspace)
        .bind(contact)
        .fetch_one(store.pool())
        .await?;
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
             INSERT INTO messages (conversation_id, direction, body, sent_at)
             SELECT $1, 'in', 'Message ' || i, 1700000000 + i FROM n",
        )
        .bind(conversation)
        .execute(store.pool())
        .await?;
        *id = contact;
    }
    Ok(ids)
}

fn tempfile_dir() -> std::io::Result<String> {
    let dir = std::env::temp_dir().join(format!("contacts-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir.display().to_string())
}

async fn measure<F, Fut>(mut run: F) -> Result<Vec<Duration>, app::error::AppError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), app::error::AppError>>,
{
    run().await?;
    let mut times = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let at = Instant::now();
        run().await?;
        times.push(at.elapsed());
    }
    times.sort();
    Ok(times)
}

/// One list call, then a 20 ms pause (as a user paging would).
async fn timed_list(
    store: &Store,
    workspace: i64,
    request: &ListRequest,
) -> Result<Duration, app::error::AppError> {
    let at = Instant::now();
    store.list(workspace, request).await?;
    let took = at.elapsed();
    tokio::time::sleep(Duration::from_millis(20)).await;
    Ok(took)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let index = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(index).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn line(report: &mut String, name: &str, times: &[Duration]) {
    let _ = writeln!(
        report,
        "{name:<22} p50 {:>7.2} ms   p95 {:>7.2} ms",
        ms(percentile(times, 50)),
        ms(percentile(times, 95))
    );
}

/// A workspace with `contacts` contacts: one conversation and two messages
/// each, one or two channels, tags on about a third, 3% blocked.
async fn seed(store: &Store, contacts: i64) -> Result<(i64, i64, i64), sqlx::Error> {
    let pool = store.pool();
    let mut tx = pool.begin().await?;
    let (workspace,): (i64,) = sqlx::query_as(
        "INSERT INTO workspaces (name, created_at) VALUES ('Bench', 0) RETURNING id",
    )
    .fetch_one(&mut *tx)
    .await?;
    let (user,): (i64,) = sqlx::query_as("INSERT INTO users (email, email_key, name, password_hash, created_at) VALUES ('b@bench.test', 'b@bench.test', 'Bench Owner', 'x', 0) RETURNING id").fetch_one(&mut *tx).await?;
    sqlx::query("INSERT INTO memberships VALUES ($1, $2, 'owner')")
        .bind(workspace)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    for (kind, name) in [
        ("whatsapp", "WhatsApp"),
        ("email", "E-mail"),
        ("webchat", "Chat"),
    ] {
        sqlx::query("INSERT INTO channels (workspace_id, kind, name, token, created_at) VALUES ($1, $2, $3, 't', 0)").bind(workspace).bind(kind).bind(name).execute(&mut *tx).await?;
    }
    for name in [
        "VIP",
        "Lead",
        "Customer",
        "Newsletter",
        "Support",
        "Partner",
        "Churn risk",
    ] {
        sqlx::query("INSERT INTO tags (workspace_id, name, name_key, created_at) VALUES ($1, $2, lower($3), 0)").bind(workspace).bind(name).bind(name).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let (first_channel,): (i64,) =
        sqlx::query_as("SELECT MIN(id) FROM channels WHERE workspace_id = $1")
            .bind(workspace)
            .fetch_one(pool)
            .await?;
    let (first_tag,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM tags WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(pool)
        .await?;
    // Generated in SQL, 50,000 contacts per transaction.
    let chunk = 50_000;
    let mut from = 0;
    while from < contacts {
        let to = (from + chunk).min(contacts);
        let mut tx = pool.begin().await?;
        sqlx::query(&format!(
            "{numbers}
             INSERT INTO contacts (workspace_id, first_name, last_name, email, email_key, phone, country, language,
                                   assignee_id, blocked_at, last_message_at, created_at, updated_at)
             SELECT $3, {first_name}, {last_name},
                    'c' || i || '@example.com', 'c' || i || '@example.com', '+49151' || {phone_digits},
                    'DE', 'de', CASE WHEN i % 3 = 0 THEN $6 END, CASE WHEN i % 33 = 7 THEN 1 END,
                    CASE WHEN i % 5 <> 0 THEN 1600000000 + i * 7 END, 1500000000 + i * 11, 1500000000 + i * 11
               FROM n",
            numbers = numbers(store.dialect(), "$1", "$2"),
            first_name = json_item(store.dialect(), "$4", "i % 16"),
            last_name = json_item(store.dialect(), "$5", "i / 16 % 16"),
            phone_digits = eight_digits(store.dialect(), "CASE WHEN i % 40 = 1 THEN i - 1 ELSE i END"),
        ))
        .bind(from)
        .bind(to)
        .bind(workspace)
        .bind(serde_json::to_string(FIRST_NAMES).unwrap_or_default())
        .bind(serde_json::to_string(LAST_NAMES).unwrap_or_default())
        .bind(user)
        .execute(&mut *tx)
        .await?;
        let range = "SELECT id FROM contacts WHERE workspace_id = $1 AND email_key IN (SELECT 'c' || i || '@example.com' FROM n)";
        let with_n = numbers(store.dialect(), "$2", "$3");
        // Each statement binds exactly the parameters it uses ($1–$3, then
        // $4 when it needs it): PostgreSQL refuses unused ones.
        let statements = [
            (format!("{with_n} INSERT INTO conversations (workspace_id, contact_id, status, last_message_at) SELECT $1, id, CASE WHEN id % 3 = 0 THEN 'closed' ELSE 'open' END, 1600000000 FROM contacts WHERE id IN ({range})"), None),
            (format!("{with_n} INSERT INTO messages (conversation_id, channel_id, direction, body, sent_at) SELECT v.id, $4, d.dir, 'Hello, I have a question about my order.', 1600000000 FROM conversations v, (SELECT 'in' AS dir UNION ALL SELECT 'out') d WHERE v.contact_id IN ({range})"), Some(first_channel)),
            (format!("{with_n} INSERT INTO contact_channels (contact_id, channel_id, external_id, connected_at) SELECT id, $4 + id % 3, 'x' || id, 0 FROM contacts WHERE id IN ({range})"), Some(first_channel)),
            (format!("{with_n} INSERT INTO contact_tags (contact_id, tag_id) SELECT id, $4 + id % 7 FROM contacts WHERE id % 3 = 0 AND id IN ({range})"), Some(first_tag)),
        ];
        for (statement, fourth) in &statements {
            let query = sqlx::query(statement).bind(workspace).bind(from).bind(to);
            match fourth {
                Some(value) => query.bind(*value),
                None => query,
            }
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        from = to;
    }
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok((workspace, user, first_tag))
}

/// A common table `n(i)` of the integers from `from` up to, not including,
/// `to`.
fn numbers(dialect: Dialect, from: &str, to: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {to})"
        ),
        Dialect::Postgres => format!("WITH n(i) AS (SELECT generate_series({from}, {to} - 1))"),
    }
}

/// The element at `index` of the JSON array of strings in `array`.
fn json_item(dialect: Dialect, array: &str, index: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!("json_extract({array}, '$[' || ({index}) || ']')"),
        Dialect::Postgres => format!("(({array})::json ->> (({index})::int))"),
    }
}

/// A number written with at least eight digits, zero-padded.
fn eight_digits(dialect: Dialect, number: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!("substr('00000000' || ({number}), -8)"),
        Dialect::Postgres => format!("lpad(({number})::text, 8, '0')"),
    }
}
