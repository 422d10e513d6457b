//! App servers as the real `server` binary in processes of their own,
//! started with the environment the README documents: several over one
//! PostgreSQL database, as a team behind a load balancer runs them, or one
//! on a database of the test's choosing (SQLite or PostgreSQL). A test can
//! kill a server mid-way (`kill -9`) and watch the others carry on, or
//! start it again on the same database.

use super::{fresh_database_url, new_client, test_config, watchdog, TestApp, PASSWORD};
use server::startup::Backend;
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// One server process; killed when dropped.
pub struct ServerProcess {
    child: Child,
    address: String,
    log: PathBuf,
    /// Where this start's lines begin in the log.
    log_from: usize,
    database_url: String,
    env: Vec<(String, String)>,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        watchdog::process_ended(self.child.id());
    }
}

/// The URL of the throwaway PostgreSQL server the test command started.
fn postgres_server() -> String {
    std::env::var("CONTACTS_TEST_POSTGRES").expect(
        "several servers share one PostgreSQL database: run these tests under \
         scripts/with-postgres.sh (make test does)",
    )
}

impl TestApp {
    /// Starts `count` servers at the same moment over one fresh PostgreSQL
    /// database in demo mode, each with `env` added to its environment, and
    /// returns them once every one answers.
    pub async fn spawn_servers(count: usize, env: &[(&str, &str)]) -> Vec<TestApp> {
        postgres_server();
        let database_url = fresh_database_url(Path::new("")).await;
        let starting: Vec<_> = (0..count)
            .map(|_| {
                let dir = tempfile::tempdir().expect("temp dir");
                let process = start(dir.path(), &database_url, owned(env));
                (dir, process)
            })
            .collect();
        let mut apps = Vec::new();
        for (dir, process) in starting {
            apps.push(attach(dir, process).await);
        }
        apps
    }

    /// Starts one server in demo mode on the database `database_url` names
    /// (a SQLite file or a PostgreSQL database, e.g. from
    /// `fresh_database_url`), with `env` added to its environment.
    pub async fn start_server(database_url: &str, env: &[(&str, &str)]) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let process = start(dir.path(), database_url, owned(env));
        attach(dir, process).await
    }

    /// The operating system's id of the server process.
    pub fn pid(&self) -> u32 {
        self.server_process().child.id()
    }

    /// Kills the server process at once (SIGKILL: no clean shutdown).
    pub fn kill(&mut self) {
        if let Some(process) = self.process.as_mut() {
            process.child.kill().expect("kill the server");
            process.child.wait().expect("reap the server");
            watchdog::process_ended(process.child.id());
        }
    }

    /// Kills the server process if it still runs, starts it again on the
    /// same database with the same environment (on a new port) and waits
    /// until it answers.
    pub async fn restart(&mut self) {
        self.kill();
        let old = self.process.take().expect("an app running as a process");
        let process = start(self.dir.path(), &old.database_url, old.env.clone());
        drop(old);
        let process = wait_until_ready(process).await;
        self.address = process.address.clone();
        self.process = Some(process);
    }

    /// What the server process printed, over every start.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.server_process().log).unwrap_or_default()
    }

    fn server_process(&self) -> &ServerProcess {
        self.process.as_ref().expect("an app running as a process")
    }
}

fn owned(env: &[(&str, &str)]) -> Vec<(String, String)> {
    env.iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// Waits for a started server and opens the test's own connection to its
/// database.
async fn attach(dir: tempfile::TempDir, process: ServerProcess) -> TestApp {
    watchdog::watch_this_test();
    let process = wait_until_ready(process).await;
    let backend = Backend::open(&test_config(process.database_url.clone()))
        .await
        .expect("open database");
    TestApp {
        address: process.address.clone(),
        backend,
        dir,
        process: Some(process),
    }
}

fn start(dir: &Path, database_url: &str, env: Vec<(String, String)>) -> ServerProcess {
    let address = format!("127.0.0.1:{}", free_port());
    let log = dir.join("server.log");
    // Appended to, so a restarted server's log follows the one before.
    let output = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .expect("log file");
    let log_from = usize::try_from(output.metadata().expect("log file").len()).unwrap_or(0);
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("CONTACTS_DATABASE_URL", database_url)
        .env("CONTACTS_DEMO", "1")
        .env("CONTACTS_DEMO_PASSWORD", PASSWORD)
        .env("LEPTOS_OUTPUT_NAME", "contacts")
        .env("LEPTOS_SITE_ROOT", dir)
        .env("LEPTOS_SITE_ADDR", &address)
        .env("RUST_LOG", "warn")
        .envs(env.iter().map(|(name, value)| (name, value)))
        .stdout(output.try_clone().expect("log file"))
        .stderr(output)
        .stdin(Stdio::null())
        .spawn()
        .expect("start the server binary");
    watchdog::process_started(child.id());
    ServerProcess {
        child,
        address: format!("http://{address}"),
        log,
        log_from,
        database_url: database_url.to_string(),
        env,
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// What a server prints when its port was taken: tests run in parallel, so
/// another one can bind the free port between `free_port` and the server.
const PORT_TAKEN: &str = "Address already in use";

async fn wait_until_ready(mut process: ServerProcess) -> ServerProcess {
    let client = new_client();
    for _ in 0..1200 {
        if let Ok(Some(status)) = process.child.try_wait() {
            let log = log_of(&process);
            if log
                .get(process.log_from..)
                .is_some_and(|own| own.contains(PORT_TAKEN))
            {
                let dir = process
                    .log
                    .parent()
                    .expect("the log's folder")
                    .to_path_buf();
                process = start(&dir, &process.database_url, process.env.clone());
                continue;
            }
            panic!(
                "the server at {} stopped ({status}):\n{log}",
                process.address
            );
        }
        if let Ok(response) = client
            .get(format!("{}/login", process.address))
            .send()
            .await
        {
            if response.status().is_success() {
                return process;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the server at {} did not start:\n{}",
        process.address,
        log_of(&process)
    );
}

fn log_of(process: &ServerProcess) -> String {
    std::fs::read_to_string(&process.log).unwrap_or_default()
}
