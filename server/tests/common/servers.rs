//! Several app servers over one database, as a team behind a load balancer
//! runs them: each one is the real `server` binary in a process of its own,
//! started with the environment the README documents, so a test can kill
//! one mid-way (`kill -9`) and watch the others carry on.

use super::{fresh_database_url, TestApp, PASSWORD};
use server::config::Config;
use server::startup::Backend;
use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// One server process; killed when dropped.
pub struct ServerProcess {
    child: Child,
    log: PathBuf,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
        let database_url = fresh_database_url(std::path::Path::new("")).await;
        let mut starting = Vec::new();
        for _ in 0..count {
            starting.push(start(&database_url, env));
        }
        let mut apps = Vec::new();
        for (dir, address, mut process) in starting {
            wait_until_ready(&address, &mut process).await;
            let config = Config {
                database_url: database_url.clone(),
                demo: false,
                demo_password: None,
                secure_cookies: false,
            };
            let backend = Backend::open(&config).await.expect("open database");
            apps.push(TestApp {
                address,
                backend,
                dir,
                process: Some(process),
            });
        }
        apps
    }

    /// The operating system's id of the server process.
    pub fn pid(&self) -> u32 {
        self.server_process().child.id()
    }

    /// Kills the server process at once (SIGKILL: no clean shutdown).
    pub fn kill(&mut self) {
        if let Some(mut process) = self.process.take() {
            process.child.kill().expect("kill the server");
            process.child.wait().expect("reap the server");
        }
    }

    /// What the server process printed.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.server_process().log).unwrap_or_default()
    }

    fn server_process(&self) -> &ServerProcess {
        self.process.as_ref().expect("an app running as a process")
    }
}

fn start(database_url: &str, env: &[(&str, &str)]) -> (tempfile::TempDir, String, ServerProcess) {
    let dir = tempfile::tempdir().expect("temp dir");
    let address = format!("127.0.0.1:{}", free_port());
    let log = dir.path().join("server.log");
    let output = File::create(&log).expect("log file");
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("CONTACTS_DATABASE_URL", database_url)
        .env("CONTACTS_DEMO", "1")
        .env("CONTACTS_DEMO_PASSWORD", PASSWORD)
        .env("LEPTOS_OUTPUT_NAME", "contacts")
        .env("LEPTOS_SITE_ROOT", dir.path())
        .env("LEPTOS_SITE_ADDR", &address)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(output.try_clone().expect("log file"))
        .stderr(output)
        .stdin(Stdio::null())
        .spawn()
        .expect("start the server binary");
    (
        dir,
        format!("http://{address}"),
        ServerProcess { child, log },
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

async fn wait_until_ready(address: &str, process: &mut ServerProcess) {
    let client = reqwest::Client::new();
    for _ in 0..1200 {
        if let Ok(Some(status)) = process.child.try_wait() {
            panic!(
                "the server at {address} stopped ({status}):\n{}",
                std::fs::read_to_string(&process.log).unwrap_or_default()
            );
        }
        if let Ok(response) = client.get(format!("{address}/login")).send().await {
            if response.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the server at {address} did not start:\n{}",
        std::fs::read_to_string(&process.log).unwrap_or_default()
    );
}
