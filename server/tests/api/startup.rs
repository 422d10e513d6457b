//! Start-up and static files: migrations, compression, cache headers.

use crate::helpers::{spawn_app, spawn_app_with, TestApp};
use reqwest::{header, StatusCode};

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
    let error = spawn_app_with(|config| {
        config.database_url = url;
        config.demo = false;
    })
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
    let app = spawn_app_with(|config| {
        config.database_url = format!("sqlite://{}", file.display());
        config.demo = false;
    })
    .await
    .expect("start the application");
    assert!(file.exists());
    assert!(app.backend.store.is_empty().await.expect("query"));
}

#[tokio::test]
async fn static_files_are_compressed_and_hashed_ones_cached_for_a_year() {
    let app = spawn_app().await;
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
    // Files compressed at build time are sent as they are.
    let hashed_name = "contacts.Xk_3-9aZbQ0p1LmNoPqRsT.wasm";
    std::fs::write(pkg.join(hashed_name), &script).expect("write");
    std::fs::write(pkg.join(format!("{hashed_name}.br")), "brotli bytes").expect("write");
    let precompressed = client
        .get(format!("{}/pkg/{hashed_name}", app.address))
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .send()
        .await
        .expect("request");
    assert_eq!(precompressed.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        precompressed.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        precompressed.bytes().await.expect("body").as_ref(),
        b"brotli bytes"
    );
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

/// Every seeded contact value, read back through the product's own parsers.
#[tokio::test]
async fn the_demo_data_holds_only_values_the_product_accepts() {
    type Row = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let app = spawn_app().await;
    let pool = app.pool();
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT first_name, last_name, phone, email, country, language FROM contacts",
    )
    .fetch_all(pool)
    .await
    .expect("contacts");
    assert!(rows.len() > 250);
    for (first, last, phone, email, country, language) in rows {
        shared::PersonName::parse(&first, &last).expect("name");
        if let Some(phone) = phone {
            let parsed = shared::PhoneNumber::parse(&phone, None)
                .unwrap_or_else(|error| panic!("{phone}: {error}"));
            assert_eq!(parsed.e164(), phone, "stored as E.164");
        }
        if let Some(email) = email {
            shared::Email::parse(&email).unwrap_or_else(|error| panic!("{email}: {error}"));
        }
        if let Some(country) = country {
            shared::Country::parse(&country).expect("country");
        }
        if let Some(language) = language {
            shared::Language::parse(&language).expect("language");
        }
    }
    let tags: Vec<String> = sqlx::query_scalar("SELECT name FROM tags")
        .fetch_all(pool)
        .await
        .expect("tags");
    for tag in tags {
        shared::TagName::parse(&tag).unwrap_or_else(|error| panic!("{tag}: {error}"));
    }
}

/// Secrets are never shared between installations or users, demo or not.
#[tokio::test]
async fn demo_channel_tokens_and_password_salts_are_random() {
    let tokens = |app: &TestApp| {
        let pool = app.pool().clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT token FROM channels ORDER BY id")
                .fetch_all(&pool)
                .await
                .expect("tokens")
        }
    };
    let (first, second) = (spawn_app().await, spawn_app().await);
    let (first_tokens, second_tokens) = (tokens(&first).await, tokens(&second).await);
    assert!(!first_tokens.is_empty());
    assert!(first_tokens
        .iter()
        .all(|token| !second_tokens.contains(token)));
    let hashes: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_all(first.pool())
        .await
        .expect("hashes");
    let distinct: std::collections::HashSet<&String> = hashes.iter().collect();
    assert_eq!(distinct.len(), hashes.len(), "one salt per user");
}

/// The contacts table's channel marks point into one sprite, served under a
/// path that names its content and cached for a year.
#[tokio::test]
async fn channel_marks_come_from_one_cached_sprite() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let page = client
        .get(format!("{}/contacts", app.address))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("page");
    let path = app::icons::channel_sprite_path();
    assert!(
        page.contains(&format!("<use href=\"{path}#whatsapp\">")),
        "the demo's first page shows a WhatsApp contact through the sprite"
    );
    assert!(!page.contains("<symbol"), "no mark is drawn inline");

    let sprite = client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .expect("request");
    assert_eq!(sprite.status(), StatusCode::OK);
    assert_eq!(sprite.headers()[header::CONTENT_TYPE], "image/svg+xml");
    assert_eq!(
        sprite.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let body = sprite.text().await.expect("sprite");
    for kind in shared::channel::ChannelKind::ALL {
        assert!(body.contains(&format!("<symbol id=\"{}\" ", kind.key())));
    }

    let compressed = client
        .get(format!("{}{path}", app.address))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(compressed.headers()[header::CONTENT_ENCODING], "gzip");

    let stale = client
        .get(format!(
            "{}/icons/channels.0000000000000000.svg",
            app.address
        ))
        .send()
        .await
        .expect("request");
    assert_eq!(stale.status(), StatusCode::NOT_FOUND);
}
