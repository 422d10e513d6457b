//! What the contacts table shows: each row's channels and tags as stored,
//! and the tags and members its filters offer.

use crate::helpers::contacts::list;
use crate::helpers::{spawn_app, TestApp};
use app::contacts::model::{ContactQuery, FilterOptions, PageCursor};
use serde_json::json;

#[tokio::test]
async fn every_row_lists_its_channels_as_connected_and_its_tags_by_name() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let first = list(&app, &client, &ContactQuery::default(), PageCursor::First).await;
    // A tag whose name holds a comma, and one sorting first, on the first row.
    let contact = first.rows[0].id;
    for (name, key) in [("Key, account", "key, account"), ("Ärger", "arger")] {
        sqlx::query(&app.sql(
            "INSERT INTO tags (workspace_id, name, name_key, created_at)
             SELECT workspace_id, $1, $2, to_timestamp(0) FROM contacts WHERE id = $3",
        ))
        .bind(name)
        .bind(key)
        .bind(contact)
        .execute(app.pool())
        .await
        .expect("tag");
        sqlx::query(
            "INSERT INTO contact_tags (contact_id, tag_id)
             SELECT $1, id FROM tags WHERE name = $2",
        )
        .bind(contact)
        .bind(name)
        .execute(app.pool())
        .await
        .expect("tag the contact");
    }
    let page = list(&app, &client, &ContactQuery::default(), PageCursor::First).await;
    assert!(page.rows[0].tags.contains(&"Key, account".to_string()));
    assert!(page.rows.iter().any(|row| row.channels.len() > 1));
    for row in &page.rows {
        let channels = column_of(
            &app,
            "SELECT ch.kind FROM contact_channels cc JOIN channels ch ON ch.id = cc.channel_id
              WHERE cc.contact_id = $1 ORDER BY cc.connected_at, ch.id",
            row.id,
        )
        .await;
        let tags = column_of(
            &app,
            "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
              WHERE ct.contact_id = $1 ORDER BY t.name_key",
            row.id,
        )
        .await;
        let shown: Vec<&str> = row.channels.iter().map(|kind| kind.key()).collect();
        assert_eq!(shown, channels, "channels of contact {}", row.id);
        assert_eq!(row.tags, tags, "tags of contact {}", row.id);
    }
}

/// The one text column `sql` selects for `id`, row by row.
async fn column_of(app: &TestApp, sql: &str, id: i64) -> Vec<String> {
    sqlx::query_as::<_, (String,)>(sql)
        .bind(id)
        .fetch_all(app.pool())
        .await
        .expect("read the column")
        .into_iter()
        .map(|(value,)| value)
        .collect()
}

#[tokio::test]
async fn the_filters_offer_the_workspaces_own_tags_and_members_each_by_name() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@acme.test").await;
    let acme = app.workspace_id("Acme Support").await;
    sqlx::query(&app.sql(
        "INSERT INTO tags (workspace_id, name, name_key, created_at)
         VALUES ($1, 'zebra', 'zebra', to_timestamp(0)), ($1, 'Apfel', 'apfel', to_timestamp(0))",
    ))
    .bind(acme)
    .execute(app.pool())
    .await
    .expect("add tags");
    let options: FilterOptions = app
        .answer(&client, "contacts_filter_options", &json!({}))
        .await;
    let tags: Vec<String> = options.tags.into_iter().map(|tag| tag.name).collect();
    let stored_tags = column_of(
        &app,
        "SELECT name FROM tags WHERE workspace_id = $1 ORDER BY name_key",
        acme,
    )
    .await;
    assert_eq!(tags, stored_tags);
    assert!(tags.contains(&"Apfel".to_string()) && tags.contains(&"zebra".to_string()));
    let members: Vec<String> = options
        .members
        .into_iter()
        .map(|member| member.name)
        .collect();
    let stored_members = column_of(
        &app,
        "SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.workspace_id = $1 ORDER BY u.name",
        acme,
    )
    .await;
    assert_eq!(members, stored_members);
    assert!(!members.is_empty());
}
