//! The contacts table over HTTP: filters, keyset pages, the blocked
//! view, workspace isolation and "Add contact".

use crate::helpers::contacts::{all_pages, list};
use crate::helpers::{answer_of, spawn_app, TestApp};
use app::contacts::model::{
    range_label, AddedContact, ContactQuery, PageCursor, Sort, TagMatch, View, PAGE_SIZE,
};
use app::i18n::Locale;
use reqwest::StatusCode;
use serde_json::json;
use server::storage::Dialect;
use std::collections::HashSet;

#[tokio::test]
async fn r24_tag_filter_lists_only_contacts_with_those_tags() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let query = ContactQuery {
        tags: vec!["VIP".into(), "Partner".into()],
        ..ContactQuery::default()
    };
    let ids = all_pages(&app, &client, &query).await;
    let expected = app.count("SELECT COUNT(DISTINCT c.id) FROM contacts c JOIN contact_tags ct ON ct.contact_id = c.id
           JOIN tags t ON t.id = ct.tag_id
          WHERE t.name IN ('VIP', 'Partner') AND c.blocked_at IS NULL
            AND c.workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo')")
    .await;
    assert_eq!(ids.len() as i64, expected);
    let page = list(&app, &client, &query, PageCursor::First).await;
    assert_eq!(page.total.count as i64, expected);
    assert!(page
        .rows
        .iter()
        .all(|row| row.tags.iter().any(|tag| tag == "VIP" || tag == "Partner")));
}

#[tokio::test]
async fn r24_two_ticked_tags_mean_any_or_all_as_asked() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let both = "SELECT COUNT(*) FROM contacts c
          WHERE c.blocked_at IS NULL AND c.workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo')
            AND (SELECT COUNT(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                  WHERE ct.contact_id = c.id AND t.name IN ('VIP', 'Partner')) = 2";
    // Make sure some contacts carry both tags.
    sqlx::query(
        "INSERT INTO contact_tags (contact_id, tag_id)
         SELECT c.id, t.id FROM contacts c JOIN tags t ON t.workspace_id = c.workspace_id AND t.name = 'Partner'
          WHERE c.id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags v ON v.id = ct.tag_id AND v.name = 'VIP')
            AND NOT EXISTS (SELECT 1 FROM contact_tags x WHERE x.contact_id = c.id AND x.tag_id = t.id)",
    )
    .execute(app.pool())
    .await
    .expect("tag");
    let expected = app.count(both).await;
    assert!(expected > 0);
    let all = ContactQuery {
        tags: vec!["VIP".into(), "Partner".into()],
        tag_match: TagMatch::All,
        ..ContactQuery::default()
    };
    let ids = all_pages(&app, &client, &all).await;
    assert_eq!(ids.len() as i64, expected);
    let page = list(&app, &client, &all, PageCursor::First).await;
    assert!(page.rows.iter().all(|row| {
        row.tags.iter().any(|tag| tag == "VIP") && row.tags.iter().any(|tag| tag == "Partner")
    }));
    let any = ContactQuery {
        tag_match: TagMatch::Any,
        ..all.clone()
    };
    assert!(all_pages(&app, &client, &any).await.len() > ids.len());
    // A tag that does not exist: nobody has all of them.
    let with_unknown = ContactQuery {
        tags: vec!["VIP".into(), "No such tag".into()],
        ..all
    };
    assert!(all_pages(&app, &client, &with_unknown).await.is_empty());
}

#[tokio::test]
async fn r24_each_sort_runs_both_ways() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    for sort in Sort::ALL {
        let forward = ContactQuery {
            sort,
            direction: sort.first_direction(),
            ..ContactQuery::default()
        };
        let backward = ContactQuery {
            direction: sort.first_direction().reversed(),
            ..forward.clone()
        };
        let mut ids = all_pages(&app, &client, &forward).await;
        let reversed = all_pages(&app, &client, &backward).await;
        ids.reverse();
        assert_eq!(ids, reversed, "{sort:?}");
    }
}

#[tokio::test]
async fn r24_name_order_puts_accented_letters_with_their_base_letters_on_postgresql() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let demo = app.workspace_id("Demo").await;
    let mut ids = Vec::new();
    for name in [
        "Zz Pablo",
        "Zz Özlem",
        "Zz otto",
        "Zz Émile",
        "Zz Oliver",
        "Zz eva",
    ] {
        ids.push((name, insert_contact(&app, demo, name, 0).await));
    }
    let query = ContactQuery {
        sort: Sort::Name,
        direction: Sort::Name.first_direction(),
        ..ContactQuery::default()
    };
    let order = all_pages(&app, &client, &query).await;
    let mut shown: Vec<(usize, &str)> = ids
        .iter()
        .map(|(name, id)| {
            (
                order.iter().position(|row| row == id).expect("listed"),
                *name,
            )
        })
        .collect();
    shown.sort_unstable();
    let names: Vec<&str> = shown.into_iter().map(|(_, name)| name).collect();
    let expected = match app.backend.store.dialect() {
        // ICU's root collation over lowered names.
        Dialect::Postgres => [
            "Zz Émile",
            "Zz eva",
            "Zz Oliver",
            "Zz otto",
            "Zz Özlem",
            "Zz Pablo",
        ],
        // SQLite lowers ASCII letters only and compares bytes: accented
        // letters come after z (see the README's storage section).
        Dialect::Sqlite => [
            "Zz eva",
            "Zz Oliver",
            "Zz otto",
            "Zz Pablo",
            "Zz Émile",
            "Zz Özlem",
        ],
    };
    assert_eq!(names, expected);
}

/// Inserts a contact straight into the database, `age` seconds old.
async fn insert_contact(app: &TestApp, workspace: i64, name: &str, age: i64) -> i64 {
    let at = time::OffsetDateTime::now_utc().unix_timestamp() - age;
    let (id,): (i64,) = sqlx::query_as(&app.sql(
        "INSERT INTO contacts (workspace_id, first_name, created_at, updated_at)
         VALUES ($1, $2, to_timestamp($3), to_timestamp($4)) RETURNING id",
    ))
    .bind(workspace)
    .bind(name)
    .bind(at)
    .bind(at)
    .fetch_one(app.pool())
    .await
    .expect("insert");
    id
}

#[tokio::test]
async fn r31_keyset_pages_stay_correct_under_concurrent_inserts_and_deletes() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let demo = app.workspace_id("Demo").await;
    for sort in [Sort::Added, Sort::Name, Sort::LastMessage] {
        let query = ContactQuery {
            sort,
            ..ContactQuery::default()
        };
        let before: Vec<i64> = all_pages(&app, &client, &query).await;
        let mut seen = Vec::new();
        let mut deleted = HashSet::new();
        let mut page = PageCursor::First;
        let mut round = 0;
        loop {
            let answer = list(&app, &client, &query, page).await;
            assert!(answer.rows.len() <= PAGE_SIZE);
            seen.extend(answer.rows.iter().map(|row| row.id));
            // Between pages: new contacts arrive, and an unseen one goes.
            round += 1;
            insert_contact(&app, demo, &format!("Aaron New{round}"), 0).await;
            insert_contact(&app, demo, &format!("Zed Late{round}"), 0).await;
            if let Some(victim) = before
                .iter()
                .rev()
                .find(|id| !seen.contains(id) && !deleted.contains(*id))
            {
                sqlx::query("DELETE FROM contacts WHERE id = $1")
                    .bind(victim)
                    .execute(app.pool())
                    .await
                    .expect("delete");
                deleted.insert(*victim);
            }
            match answer.next {
                Some(cursor) => page = PageCursor::After(cursor),
                None => break,
            }
        }
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(
            unique.len(),
            seen.len(),
            "{sort:?}: a contact was listed twice"
        );
        for id in &before {
            if !deleted.contains(id) {
                assert!(unique.contains(id), "{sort:?}: contact {id} was skipped");
            }
        }
        for id in &deleted {
            assert!(
                !unique.contains(id),
                "{sort:?}: deleted contact {id} was listed"
            );
        }
        // Order: each page continues where the last ended.
        let order: Vec<i64> = before
            .iter()
            .copied()
            .filter(|id| !deleted.contains(id))
            .collect();
        let seen_old: Vec<i64> = seen
            .iter()
            .copied()
            .filter(|id| order.contains(id))
            .collect();
        assert_eq!(seen_old, order, "{sort:?}: order changed");
    }
}

#[tokio::test]
async fn r31_previous_page_returns_the_same_rows_and_the_pager_counts_them() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let query = ContactQuery::default();
    let first = list(&app, &client, &query, PageCursor::First).await;
    let second = list(
        &app,
        &client,
        &query,
        PageCursor::After(first.next.clone().expect("next")),
    )
    .await;
    assert_eq!(second.rows.len(), PAGE_SIZE);
    // The pager counts where it is without counting rows.
    assert_eq!(first.start, 0);
    assert_eq!(second.start, PAGE_SIZE as u64);
    assert_eq!(
        range_label(
            Locale::en,
            second.start,
            second.rows.len() as u64,
            second.total
        ),
        format!("51–100 of {}", second.total.label())
    );
    let back = list(
        &app,
        &client,
        &query,
        PageCursor::Before(second.previous.clone().expect("previous")),
    )
    .await;
    assert_eq!(back.rows, first.rows);
    assert!(back.previous.is_none());
    assert_eq!(back.start, 0);
    assert_eq!(first.total.count, first.active_count);
}

#[tokio::test]
async fn r28_blocked_contacts_are_listed_only_in_their_own_view() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let blocked_ids: HashSet<i64> = sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM contacts WHERE blocked_at IS NOT NULL
            AND workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo')",
    )
    .fetch_all(app.pool())
    .await
    .expect("blocked")
    .into_iter()
    .map(|(id,)| id)
    .collect();
    assert!(!blocked_ids.is_empty());
    let main: HashSet<i64> = all_pages(&app, &client, &ContactQuery::default())
        .await
        .into_iter()
        .collect();
    assert!(main.is_disjoint(&blocked_ids));
    let blocked_view = ContactQuery {
        view: View::Blocked,
        ..ContactQuery::default()
    };
    let listed: HashSet<i64> = all_pages(&app, &client, &blocked_view)
        .await
        .into_iter()
        .collect();
    assert_eq!(listed, blocked_ids);
    let page = list(&app, &client, &blocked_view, PageCursor::First).await;
    assert_eq!(page.total.count as usize, blocked_ids.len());
    assert_eq!(page.blocked_count as usize, blocked_ids.len());
    assert_eq!(page.active_count as usize, main.len());
}

#[tokio::test]
async fn r2_contacts_of_another_workspace_never_show() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@acme.test").await;
    let ids = all_pages(&app, &client, &ContactQuery::default()).await;
    let acme = app.workspace_id("Acme Support").await;
    let outside = app
        .count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id <> {acme} AND id IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ))
        .await;
    assert_eq!(outside, 0);
    assert!(!ids.is_empty());
}

#[tokio::test]
async fn signed_out_listing_is_refused() {
    let app = spawn_app().await;
    let answer: Result<serde_json::Value, _> = answer_of(
        app.call_json(&app.client(), "contacts_list", &json!({ "request": {} }))
            .await,
    )
    .await;
    assert_eq!(answer.expect_err("refused").0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn add_contact_checks_values_and_reports_shared_ones() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let bad: Result<AddedContact, _> = answer_of(app.call_json(&client, "contacts_add", &json!({ "contact": { "first_name": "Ann", "last_name": "", "phone": "", "email": "not-an-email",
                              "country": "", "language": "" } })).await)
    .await;
    let (status, error) = bad.expect_err("refused");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error.field(), Some("E-mail address"));

    let (phone,): (String,) = sqlx::query_as(
        "SELECT phone FROM contacts WHERE phone IS NOT NULL AND blocked_at IS NULL
            AND workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo') LIMIT 1",
    )
    .fetch_one(app.pool())
    .await
    .expect("phone");
    let added: AddedContact = answer_of(app.call_json(&client, "contacts_add", &json!({ "contact": { "first_name": " Ann ", "last_name": "Other", "phone": phone,
                              "email": "ann.other@example.com", "country": "", "language": "de" } })).await)
    .await
    .expect("added");
    assert_eq!(added.display_name, "Ann Other");
    assert!(added.phone_shared);
    assert!(!added.email_shared);
    let query = ContactQuery {
        search: "ann other".into(),
        ..ContactQuery::default()
    };
    let page = list(&app, &client, &query, PageCursor::First).await;
    assert_eq!(page.rows.first().map(|row| row.id), Some(added.id));
}
