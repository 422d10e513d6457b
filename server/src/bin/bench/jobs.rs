//! Background jobs under measurement: exporting the whole workspace (R36),
//! importing a generated CSV file (R35) and deleting every contact (R33),
//! each run by one runner on its own connection while the table is listed
//! every 20 ms, as a user would page meanwhile.

use super::{ms, percentile, timed_list};
use app::contacts::model::{DeleteTarget, ListRequest};
use app::imports::model::{CheckRequest, ExportRequest};
use app::ssr::{ContactsPort, ImportsPort};
use server::imports::{receive, ImportFiles, Upload};
use server::jobs::{run_job, JobQueue, JobSettings};
use server::storage::{DeleteJobs, ExportJobs, ImportJobs, Store};
use shared::import::{ImportMode, ImportSettings};
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::{Duration, Instant};

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The process's resident memory in MB, from `/proc/self/status`.
fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// What running one job alone measured.
struct JobRun {
    seconds: f64,
    /// List latencies meanwhile, sorted.
    during: Vec<Duration>,
    /// The highest resident memory meanwhile, above where it started.
    memory_mb: f64,
}

/// Claims the one job of `queue` and runs it to the end, listing meanwhile.
async fn run_alone<Q: JobQueue + 'static>(
    queue: Q,
    batch_size: u32,
    store: &Store,
    workspace: i64,
    list: &ListRequest,
) -> BenchResult<JobRun> {
    let base = resident_mb();
    let started = Instant::now();
    let runner = tokio::spawn(async move {
        let settings = JobSettings::from_env();
        if let Ok(Some(job)) = queue.claim("bench", 60_000).await {
            run_job(&queue, "bench", job, batch_size, &settings).await;
        }
    });
    let mut during = Vec::new();
    let mut peak = base;
    while !runner.is_finished() {
        during.push(timed_list(store, workspace, list).await?);
        peak = peak.max(resident_mb());
    }
    runner.await?;
    during.sort();
    Ok(JobRun {
        seconds: started.elapsed().as_secs_f64(),
        during,
        memory_mb: peak - base,
    })
}

fn during_line(report: &mut String, what: &str, run: &JobRun, idle_p95: Duration) {
    if run.during.is_empty() {
        return;
    }
    let _ = writeln!(
        report,
        "list during {what}: p50 {:.2} ms, p95 {:.2} ms ({:.2}x idle p95)",
        ms(percentile(&run.during, 50)),
        ms(percentile(&run.during, 95)),
        percentile(&run.during, 95).as_secs_f64() / idle_p95.as_secs_f64().max(1e-9)
    );
}

/// "Export all contacts": the job, then reading the document as the
/// download does.
pub async fn export_all(
    store: &Store,
    workspace: i64,
    user: i64,
    list: &ListRequest,
    idle_p95: Duration,
    report: &mut String,
) -> BenchResult<()> {
    let export = store
        .start_export(
            workspace,
            user,
            &ExportRequest { query: None },
            shared::UiLanguage::English,
        )
        .await?;
    let run = run_alone(
        ExportJobs(store.background().await?),
        JobSettings::from_env().export_batch,
        store,
        workspace,
        list,
    )
    .await?;
    let reading = Instant::now();
    let mut bytes = 0usize;
    let mut part = 0;
    while let Some(content) = store.export_part(export.export_id, part).await? {
        bytes += content.len();
        part += 1;
    }
    let _ = writeln!(
        report,
        "export all: {} contacts in {:.2} s ({:.0} contacts/s), file {:.1} MB read back in {:.2} s, memory +{:.0} MB",
        export.total,
        run.seconds,
        export.total as f64 / run.seconds,
        bytes as f64 / 1e6,
        reading.elapsed().as_secs_f64(),
        run.memory_mb
    );
    during_line(report, "export", &run, idle_p95);
    Ok(())
}

/// A CSV file of `rows` new contacts with e-mail, phone and a tag.
fn import_file(rows: usize) -> BenchResult<tempfile::NamedTempFile> {
    let mut file = tempfile::NamedTempFile::new()?;
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    writeln!(out, "Vorname;Nachname;E-Mail-Adresse;Telefonnummer;Tags")?;
    for row in 0..rows {
        writeln!(
            out,
            "Imported{row};Bench;imported{row}@bench.test;030 {};Import",
            2_000_000 + row
        )?;
    }
    out.flush()?;
    drop(out);
    Ok(file)
}

/// Reading, checking and importing a generated file of `rows` rows.
pub async fn import_rows(
    store: &Store,
    workspace: i64,
    user: i64,
    rows: usize,
    list: &ListRequest,
    idle_p95: Duration,
    report: &mut String,
) -> BenchResult<()> {
    let file = import_file(rows)?;
    let base = resident_mb();
    let reading = Instant::now();
    // The file arrives in chunks, as a request body does.
    let source = std::fs::File::open(file.path())?;
    let chunks = futures::stream::unfold(source, |mut source| async move {
        let mut chunk = vec![0u8; 64 * 1024];
        match std::io::Read::read(&mut source, &mut chunk) {
            Ok(0) => None,
            Ok(read) => {
                chunk.truncate(read);
                Some((
                    Ok::<_, std::io::Error>(axum::body::Bytes::from(chunk)),
                    source,
                ))
            }
            Err(error) => Some((Err(error), source)),
        }
    });
    let upload = Upload {
        workspace_id: workspace,
        user_id: user,
        file_name: "bench.csv".into(),
        encoding: None,
    };
    let uploaded = receive(store as &dyn ImportFiles, upload, Box::pin(chunks)).await?;
    let read_seconds = reading.elapsed().as_secs_f64();
    let settings = ImportSettings {
        columns: uploaded
            .columns
            .iter()
            .map(|column| column.suggested.clone())
            .collect(),
        default_country: Some("DE".into()),
        mode: ImportMode::AddAndUpdate,
        keep_existing: false,
        language: shared::UiLanguage::English,
    };
    let checking = Instant::now();
    let check = store
        .check(
            workspace,
            &CheckRequest {
                import_id: uploaded.import_id,
                settings,
            },
        )
        .await?;
    let check_seconds = checking.elapsed().as_secs_f64();
    let check_memory = (resident_mb() - base).max(0.0);
    store.start(workspace, uploaded.import_id).await?;
    let run = run_alone(
        ImportJobs(store.background().await?),
        JobSettings::from_env().import_batch,
        store,
        workspace,
        list,
    )
    .await?;
    let _ = writeln!(
        report,
        "import {rows} rows: read {read_seconds:.2} s, check {check_seconds:.2} s ({} would be added, {} refused, memory +{check_memory:.0} MB), import {:.2} s ({:.0} rows/s, memory +{:.0} MB)",
        check.counts.added,
        check.counts.failed,
        run.seconds,
        rows as f64 / run.seconds,
        run.memory_mb
    );
    during_line(report, "import", &run, idle_p95);
    Ok(())
}

/// Deleting every contact of the workspace.
pub async fn delete_all(
    store: &Store,
    workspace: i64,
    user: i64,
    list: &ListRequest,
    idle_p95: Duration,
    report: &mut String,
) -> BenchResult<()> {
    let job = store
        .start_delete(workspace, user, &DeleteTarget::Everything)
        .await?;
    let run = run_alone(
        DeleteJobs(store.background().await?),
        JobSettings::from_env().delete_batch,
        store,
        workspace,
        list,
    )
    .await?;
    // A batch that fails ends the run early; its figures would mean nothing.
    let finished = store.delete_progress(workspace).await?;
    if !finished.is_some_and(|progress| progress.done) {
        return Err("the deletion stopped before the end (see the log)".into());
    }
    let _ = writeln!(
        report,
        "delete all: {} contacts in {:.2} s = {:.0} contacts/s",
        job.total,
        run.seconds,
        job.total as f64 / run.seconds
    );
    during_line(report, "delete-all", &run, idle_p95);
    Ok(())
}
