//! The harness every test uses. `spawn_app()` starts the real application
//! through `Application::build`, the start-up `main` runs, on a free port
//! with a fresh database seeded with the demo workspaces; `TestApp` talks
//! to it over HTTP as the browser does (`call` and `call_json` for server
//! functions, `signed_in` for a signed-in client) and reads the database
//! behind it. The database is a new SQLite file, or, when
//! `CONTACTS_TEST_POSTGRES` names a PostgreSQL server
//! (`scripts/with-postgres.sh` starts a throwaway one), a new database on
//! that server: the same tests run on both. Tests of several servers, and
//! tests that watch a server's process, start the real binary as processes
//! of their own (see `servers`).
//!
//! The other modules hold what the tests of one feature share.

pub mod contacts;
pub mod crash;
pub mod details;
pub mod imports;
pub mod inbox;
pub mod jobs;
pub mod merges;
pub mod servers;
pub mod watchdog;

use app::error::AppError;
use leptos::config::LeptosOptions;
use reqwest::{header, Client, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use server::config::Config;
use server::jobs::JobSettings;
use server::startup::{Application, Backend, StartupError};
use sqlx::AnyPool;
use tempfile::TempDir;

pub const PASSWORD: &str = "test-password";

/// How long a test waits for one answer: the slowest takes a few seconds,
/// and a request that never ends fails naming its address instead of
/// hanging the run.
pub const ANSWER_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// A running app with its own database; dropped at the end of the test.
pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    dir: TempDir,
    /// Set when the app runs as a process of its own.
    process: Option<servers::ServerProcess>,
}

/// Starts the app with the demo data seeded, as `main` starts it.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await.expect("start the application")
}

/// Starts the app as `spawn_app` does, with the test's configuration
/// changed first (e.g. no job runners, or a database of the test's own);
/// the start-up's error when it fails.
pub async fn spawn_app_with(change: impl FnOnce(&mut Config)) -> Result<TestApp, StartupError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = test_config(fresh_database_url(dir.path()).await);
    change(&mut config);
    let options = LeptosOptions::builder()
        .output_name("contacts")
        .site_root(dir.path().display().to_string())
        .site_addr(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .build();
    let application = Application::build(&config, options).await?;
    let address = format!("http://{}", application.address().expect("address"));
    let backend = application.backend().clone();
    tokio::spawn(application.run_until_stopped());
    watchdog::watch_this_test();
    Ok(TestApp {
        address,
        backend,
        dir,
        process: None,
    })
}

/// The configuration the tests start servers with: the demo data with a
/// known password, and job runners that show their progress (see
/// `test_job_settings`).
pub fn test_config(database_url: String) -> Config {
    Config {
        database_url,
        demo: true,
        demo_password: Some(PASSWORD.to_string()),
        secure_cookies: false,
        jobs: test_job_settings(),
    }
}

/// Small batches and quick polls, so background jobs show their progress
/// and finish within a test.
fn test_job_settings() -> JobSettings {
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

/// A client as every test uses one: its own cookie jar, no redirects
/// followed, and an answer within `ANSWER_TIME_LIMIT`.
pub fn new_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(ANSWER_TIME_LIMIT)
        .build()
        .expect("client")
}

/// A server function's request as the browser sends it: a same-origin
/// POST to `/api/<endpoint>` of the server at `address`.
pub fn server_fn_request(client: &Client, address: &str, endpoint: &str) -> RequestBuilder {
    client
        .post(format!("{address}/api/{endpoint}"))
        .header(header::ORIGIN, address)
}

impl TestApp {
    /// The folder the app serves static files from.
    pub fn site_root(&self) -> std::path::PathBuf {
        self.dir.path().to_path_buf()
    }

    /// A client with its own cookie jar that does not follow redirects.
    pub fn client(&self) -> Client {
        new_client()
    }

    /// Calls a server function that takes a form body, as the browser's
    /// forms do.
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        server_fn_request(client, &self.address, endpoint)
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Calls a server function that takes a JSON body, as the drawer and
    /// the Contacts table do.
    pub async fn call_json(&self, client: &Client, endpoint: &str, body: &Value) -> Response {
        server_fn_request(client, &self.address, endpoint)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// Calls a server function with a JSON body and expects its answer.
    pub async fn answer<T: DeserializeOwned>(
        &self,
        client: &Client,
        endpoint: &str,
        body: &Value,
    ) -> T {
        let response = self.call_json(client, endpoint, body).await;
        assert_eq!(response.status(), StatusCode::OK, "{endpoint} {body}");
        response.json().await.expect("json answer")
    }

    /// A GET of `path` (from its leading `/`), as the browser loads a page
    /// or a file.
    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request")
    }

    /// One sign-in attempt from `client`, as the sign-in form sends it.
    pub async fn log_in(&self, client: &Client, email: &str, password: &str) -> Response {
        self.call(
            client,
            "log_in",
            &[
                ("credentials[email]", email),
                ("credentials[password]", password),
            ],
        )
        .await
    }

    /// Five sign-in attempts with a wrong password from `client`, each
    /// refused: enough to pause the account's sign-ins.
    pub async fn fail_sign_ins(&self, client: &Client, email: &str, wrong_password: &str) {
        for attempt in 1..=5 {
            let response = self.log_in(client, email, wrong_password).await;
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "failed sign-in {attempt} as {email}"
            );
        }
    }

    /// Signs a client in and checks that it worked.
    pub async fn sign_in(&self, client: &Client, email: &str) {
        let response = self.log_in(client, email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "sign in as {email}");
    }

    /// A new client, signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        self.sign_in(&client, email).await;
        client
    }

    /// The test's own connection to the app's database.
    pub fn pool(&self) -> &AnyPool {
        self.backend.store.pool()
    }

    /// `statement` as the app's database runs it: times written with
    /// `to_timestamp(…)` and read with `unix_seconds(…)`, as the storage
    /// code writes them.
    pub fn sql<'a>(&self, statement: &'a str) -> std::borrow::Cow<'a, str> {
        self.backend.store.dialect().sql(statement)
    }

    /// One number from the database.
    pub async fn count(&self, sql: &str) -> i64 {
        let (count,): (i64,) = sqlx::query_as(&self.sql(sql))
            .fetch_one(self.pool())
            .await
            .expect("count");
        count
    }

    /// The ids a query returns, in its order.
    pub async fn ids(&self, sql: &str) -> Vec<i64> {
        sqlx::query_scalar(sql)
            .fetch_all(self.pool())
            .await
            .expect("ids")
    }

    /// The id of a workspace by name.
    pub async fn workspace_id(&self, name: &str) -> i64 {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM workspaces WHERE name = $1")
            .bind(name)
            .fetch_one(self.pool())
            .await
            .expect("workspace");
        id
    }

    /// The id of a user by e-mail.
    pub async fn user_id(&self, email: &str) -> i64 {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(self.pool())
            .await
            .expect("user");
        id
    }
}

/// A server function's answer: its value, or the status and error it was
/// refused with.
pub async fn answer_of<T: DeserializeOwned>(
    response: Response,
) -> Result<T, (StatusCode, AppError)> {
    let status = response.status();
    if status.is_success() {
        Ok(response.json().await.expect("json answer"))
    } else {
        Err((status, response.json().await.expect("json error")))
    }
}

/// The error a refused call answered with, once its status is checked.
pub async fn error(response: Response, status: StatusCode) -> AppError {
    assert_eq!(response.status(), status);
    response.json().await.expect("json error")
}
