//! Starts the real application on a free port with a fresh database seeded
//! with the demo workspaces, and talks to it over HTTP. The database is a
//! new SQLite file, or, when `CONTACTS_TEST_POSTGRES` names a PostgreSQL
//! server (`scripts/with-postgres.sh` starts a throwaway one), a new
//! database on that server: the same tests run on both. Tests of several
//! servers start the real binary as processes of their own (see
//! `servers`).

#![allow(dead_code)]

pub mod contacts;
pub mod crash;
pub mod details;
pub mod imports;
pub mod inbox;
pub mod merges;
pub mod servers;

use leptos::config::LeptosOptions;
use reqwest::{header, Client, Response, StatusCode};
use server::config::Config;
use server::jobs::JobSettings;
use server::startup::{Application, Backend};
use tempfile::TempDir;

pub const PASSWORD: &str = "test-password";

/// A running app with its own database; dropped at the end of the test.
pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    dir: TempDir,
    /// Set when the app runs as a process of its own.
    process: Option<servers::ServerProcess>,
}

impl TestApp {
    /// Starts the app with the demo data seeded.
    pub async fn spawn() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = Config {
            database_url: fresh_database_url(dir.path()).await,
            demo: true,
            demo_password: Some(PASSWORD.to_string()),
            secure_cookies: false,
            jobs: test_job_settings(),
        };
        let options = LeptosOptions::builder()
            .output_name("contacts")
            .site_root(dir.path().display().to_string())
            .site_addr(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
            .build();
        let application = Application::build(&config, options)
            .await
            .expect("start the application");
        let address = format!("http://{}", application.address().expect("address"));
        let backend = application.backend().clone();
        tokio::spawn(application.run_until_stopped());
        TestApp {
            address,
            backend,
            dir,
            process: None,
        }
    }

    /// The folder the app serves static files from.
    pub fn site_root(&self) -> std::path::PathBuf {
        self.dir.path().to_path_buf()
    }

    /// A client with its own cookie jar that does not follow redirects.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Calls a server function as the browser does: a same-origin form post.
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(format!("{}/api/{endpoint}", self.address))
            .header(header::ORIGIN, &self.address)
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Signs a client in and checks that it worked.
    pub async fn sign_in(&self, client: &Client, email: &str) {
        let response = self
            .call(
                client,
                "log_in",
                &[
                    ("credentials[email]", email),
                    ("credentials[password]", PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "sign in as {email}");
    }
}

/// Small batches and quick polls, so background jobs show their progress
/// and finish within a test.
pub fn test_job_settings() -> JobSettings {
    JobSettings {
        delete_batch: 50,
        import_batch: 50,
        export_batch: 50,
        poll_interval: std::time::Duration::from_millis(50),
        lease: std::time::Duration::from_secs(5),
        ..JobSettings::default()
    }
}

/// A new, empty database for one test (see the module's description).
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    let Ok(server) = std::env::var("CONTACTS_TEST_POSTGRES") else {
        return format!("sqlite://{}/contacts.db", dir.display());
    };
    use sqlx::Connection;
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .expect("connect to the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    let (base, _) = server.rsplit_once('/').expect("database URL with a path");
    format!("{base}/{name}")
}
