//! `make bench`: the Contacts module's request paths on a workspace
//! of realistic shape (tags, channels, conversations, messages, 5% of the
//! contacts in duplicate pairs), measured at p50/p95: the table, search,
//! bulk actions, merge suggestions, merging and undoing, rebuilding the
//! duplicate groups, then the background jobs with the list meanwhile:
//! exporting every contact, importing a CSV file of `--import-rows` rows,
//! and deleting every contact.
//!
//! `cargo run --release -p server --bin bench -- --contacts 100000 [--import-rows 100000] [--database URL] [--out FILE]`
//!
//! Without `--database` it runs on a new SQLite file; with a PostgreSQL URL
//! it seeds a new workspace into that database (which should be empty and
//! is left with the bench's rows).
//!
//! `bench --seed-only …` stops after seeding; a seeded PostgreSQL database
//! can then be copied (`CREATE DATABASE copy TEMPLATE seeded`) and
//! `bench --delete-only --database URL` deletes every contact of a copy's
//! first workspace, measured as the full run measures it, without seeding
//! a million contacts again for each try. Batch sizes follow the server's
//! `CONTACTS_*_BATCH_SIZE` settings.
//!
//! `bench --list-baseline --database URL` seeds nothing: it times the first
//! page of the table's storage call alone (the list's SQL statements through
//! the driver, no HTTP, session or JSON) on the first workspace of an
//! existing database, the baseline `make bench-web` sets the
//! `contacts_list` server function beside.

use app::contacts::model::{BulkTarget, ContactQuery, Cursor, ListRequest, PageCursor, Sort};
use app::merge::model::MergeRequest;
use app::ssr::{Actor, ContactsPort, DetailsPort, MergePort};
use server::contacts_csv::contacts_csv;
use server::storage::{Dialect, Store};
use shared::bulk::Selection;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

mod jobs;
mod seed;

use seed::{message_heavy_pair, seed};

const ROUNDS: usize = 200;
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
    let import_rows: usize = arg("--import-rows").map_or(Ok(100_000), |v| v.parse())?;
    if args.iter().any(|a| a == "--list-baseline") {
        let url = arg("--database").ok_or("--list-baseline needs --database URL")?;
        return list_baseline(&Store::open(&url).await?).await;
    }
    if args.iter().any(|a| a == "--delete-only") {
        let url = arg("--database").ok_or("--delete-only needs --database URL")?;
        return delete_only(&Store::open(&url).await?).await;
    }
    if args.iter().any(|a| a == "--seed-only") && arg("--database").is_none() {
        return Err(
            "--seed-only needs --database URL: the seeded database is what it leaves".into(),
        );
    }
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
    if args.iter().any(|a| a == "--seed-only") {
        print!("{report}");
        return Ok(());
    }

    let first = ListRequest::default();
    let (key, id): (i64, i64) = sqlx::query_as(&store.dialect().sql(
        "SELECT unix_seconds(created_at), id FROM contacts
          WHERE workspace_id = $1 AND blocked_at IS NULL
          ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $2",
    ))
    .bind(workspace)
    .bind((999 * 50 - 1).min(contacts - 60))
    .fetch_one(store.pool())
    .await?;
    let deep = ListRequest {
        query: ContactQuery::default(),
        page: PageCursor::After(Cursor {
            id,
            key: key.to_string(),
            position: 999 * 50 - 1,
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
        ("search: last name first", search("schmidt mia")),
        ("search: without accents", search("muller lena")),
        ("search: e-mail fragment", search("c12345@example")),
        ("search: phone", search("+49 151 0000 12")),
        ("search: national phone", search("0151 0000 12")),
        ("search: whole national number", search("151 0000 1234")),
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
        contacts_csv(&rows, shared::UiLanguage::English)
            .map(|_| ())
            .map_err(|_| app::error::AppError::Internal)
    })
    .await?;
    line(&mut report, "CSV export of 100", &times);
    merge_cases(&store, workspace, user, &mut report).await?;

    // The list every 20 ms with no job running, then the same while every
    // contact is deleted.
    let idle_list_p95 = idle_list(&store, workspace, &mut report).await?;
    jobs::export_all(&store, workspace, user, &first, idle_list_p95, &mut report).await?;
    jobs::import_rows(
        &store,
        workspace,
        user,
        import_rows,
        &first,
        idle_list_p95,
        &mut report,
    )
    .await?;
    jobs::delete_all(&store, workspace, user, &first, idle_list_p95, &mut report).await?;
    print!("{report}");
    std::fs::write(&out, &report)?;
    println!("written to {out}");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Lists the first page every 20 ms with no job running; reports the
/// latencies and returns their p95.
async fn idle_list(
    store: &Store,
    workspace: i64,
    report: &mut String,
) -> Result<Duration, app::error::AppError> {
    let mut idle = Vec::new();
    for _ in 0..150 {
        idle.push(timed_list(store, workspace, &ListRequest::default()).await?);
    }
    idle.sort();
    line(report, "list every 20 ms, idle", &idle);
    Ok(percentile(&idle, 95))
}

/// Deletes every contact of the first workspace of a seeded database, with
/// the list measured before and meanwhile.
async fn delete_only(store: &Store) -> Result<(), Box<dyn std::error::Error>> {
    let (workspace, user): (i64, i64) = sqlx::query_as(
        "SELECT workspace_id, user_id FROM memberships ORDER BY workspace_id, user_id LIMIT 1",
    )
    .fetch_one(store.pool())
    .await?;
    let mut report = String::new();
    let idle_list_p95 = idle_list(store, workspace, &mut report).await?;
    let first = ListRequest::default();
    jobs::delete_all(store, workspace, user, &first, idle_list_p95, &mut report).await?;
    print!("{report}");
    Ok(())
}

/// Prints the first page's storage call alone on the first workspace: the
/// median and mean of 2,000 calls, one after another.
async fn list_baseline(store: &Store) -> Result<(), Box<dyn std::error::Error>> {
    let (workspace,): (i64,) = sqlx::query_as("SELECT min(id) FROM workspaces")
        .fetch_one(store.pool())
        .await?;
    let request = ListRequest::default();
    let mut times = Vec::with_capacity(2_000);
    for _ in 0..2_000 {
        times.push(timed(|| store.list(workspace, &request)).await?);
    }
    let mean = times.iter().sum::<Duration>() / 2_000;
    times.sort();
    println!(
        "storage call alone: p50 {:.3} ms, mean {:.3} ms",
        ms(percentile(&times, 50)),
        ms(mean)
    );
    Ok(())
}

/// How long one call took.
async fn timed<T, F, Fut>(call: F) -> Result<Duration, app::error::AppError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, app::error::AppError>>,
{
    let at = Instant::now();
    call().await?;
    Ok(at.elapsed())
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
        times.push(timed(&mut run).await?);
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
    let took = timed(|| store.list(workspace, request)).await?;
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
