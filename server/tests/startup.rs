//! Start-up and static files: migrations, compression, cache headers.

mod common;

use common::TestApp;
use reqwest::{header, StatusCode};
use server::config::Config;
use server::startup::Backend;

#[tokio::test]
async fn a_failed_migration_stops_start_up_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/contacts.db", dir.path().display());
    // A database whose `contacts` table clashes with the migrations.
    {
        let pool = sqlx::SqlitePool::connect(&format!("{url}?mode=rwc"))
            .await
            .expect("connect");
        sqlx::query("CREATE TABLE contacts (something_else TEXT)")
            .execute(&pool)
            .await
            .expect("create clashing table");
        pool.close().await;
    }
    let config = Config {
        database_url: url,
        demo: false,
        demo_password: None,
        secure_cookies: false,
    };
    let error = Backend::open(&config)
        .await
        .err()
        .expect("start-up must fail");
    let message = error.to_string();
    assert!(
        message.contains("database migration failed, the server will not start"),
        "{message}"
    );
}

#[tokio::test]
async fn the_database_file_and_folder_are_created_on_first_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("nested/folder/contacts.db");
    let config = Config {
        database_url: format!("sqlite://{}", file.display()),
        demo: false,
        demo_password: None,
        secure_cookies: false,
    };
    let backend = Backend::open(&config).await.expect("open");
    assert!(file.exists());
    assert!(backend.store.is_empty().await.expect("query"));
}

#[tokio::test]
async fn static_files_are_compressed_and_hashed_ones_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let pkg = app.site_root().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    let script = "console.log('contacts');\n".repeat(200);
    std::fs::write(pkg.join("contacts.js"), &script).expect("write");
    std::fs::write(
        pkg.join("split_check_phone_3139162236530441013.wasm"),
        &script,
    )
    .expect("write");
    let client = app.client();

    for (encoding, expected) in [("br", "br"), ("gzip", "gzip")] {
        let response = client
            .get(format!("{}/pkg/contacts.js", app.address))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], expected);
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    }
    let hashed = client
        .get(format!(
            "{}/pkg/split_check_phone_3139162236530441013.wasm",
            app.address
        ))
        .send()
        .await
        .expect("request");
    assert_eq!(hashed.status(), StatusCode::OK);
    assert_eq!(
        hashed.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
}
