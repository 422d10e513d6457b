//! Deleting contacts (R29–R33): who may delete what, the dialog's numbers,
//! and the background job that deletes in batches and survives a restart.

use crate::helpers::contacts::{delete_selected as selected, wait_for_deletions};
use crate::helpers::jobs::{first_batch, spawn_app_without_runners, take_over};
use crate::helpers::{answer_of, spawn_app, TestApp};
use app::contacts::model::{DeletePreview, DeleteProgress, DeleteTarget};
use app::error::AppError;
use app::ssr::ContactsPort;
use reqwest::{Client, StatusCode};
use serde_json::json;
use server::jobs::ClaimedJob;
use server::storage::DeleteJobs;

async fn preview(
    app: &TestApp,
    client: &Client,
    target: &DeleteTarget,
) -> Result<DeletePreview, (StatusCode, AppError)> {
    answer_of(
        app.call_json(
            client,
            "contacts_delete_preview",
            &json!({ "target": target }),
        )
        .await,
    )
    .await
}

async fn delete(
    app: &TestApp,
    client: &Client,
    target: &DeleteTarget,
) -> Result<DeleteProgress, (StatusCode, AppError)> {
    answer_of(
        app.call_json(client, "contacts_delete", &json!({ "target": target }))
            .await,
    )
    .await
}

async fn ids(app: &TestApp, sql: &str) -> Vec<i64> {
    sqlx::query_as::<_, (i64,)>(sql)
        .fetch_all(app.pool())
        .await
        .expect("ids")
        .into_iter()
        .map(|(id,)| id)
        .collect()
}

async fn exists(app: &TestApp, id: i64) -> bool {
    app.count(&format!("SELECT COUNT(*) FROM contacts WHERE id = {id}"))
        .await
        == 1
}

#[tokio::test]
async fn r29_agents_delete_only_contacts_assigned_to_them() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let agent = app.user_id("agent@demo.test").await;
    let demo = app.workspace_id("Demo").await;
    let mine = ids(
        &app,
        &format!(
            "SELECT id FROM contacts WHERE workspace_id = {demo} AND assignee_id = {agent} LIMIT 2"
        ),
    )
    .await;
    let others = ids(&app, &format!("SELECT id FROM contacts WHERE workspace_id = {demo} AND (assignee_id IS NULL OR assignee_id <> {agent}) LIMIT 1")).await;
    assert_eq!(mine.len(), 2);
    let mixed = selected([mine.clone(), others.clone()].concat());

    let answer = preview(&app, &client, &mixed).await.expect("preview");
    assert_eq!(answer.count, 3);
    assert_eq!(
        answer.refusal.as_deref(),
        Some("You may not delete 1 of these 3 contacts. Agents can delete only contacts assigned to them.")
    );
    let (status, error) = delete(&app, &client, &mixed).await.expect_err("refused");
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        error,
        AppError::Forbidden(answer.refusal.clone().expect("reason"))
    );
    assert!(exists(&app, mine[0]).await, "nothing was deleted");

    let answer = preview(&app, &client, &selected(mine.clone()))
        .await
        .expect("preview");
    assert_eq!(answer.refusal, None);
    delete(&app, &client, &selected(mine.clone()))
        .await
        .expect("started");
    wait_for_deletions(&app).await;
    for id in &mine {
        assert!(!exists(&app, *id).await);
    }
    assert!(exists(&app, others[0]).await);
}

#[tokio::test]
async fn r32_delete_all_is_refused_to_agents() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@acme.test").await;
    let (status, error) = delete(&app, &client, &DeleteTarget::Everything)
        .await
        .expect_err("refused");
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        error,
        AppError::Forbidden("Only owners and managers can delete all contacts.".into())
    );
    let acme = app.workspace_id("Acme Support").await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = {acme}"
        ))
        .await,
        40
    );
}

#[tokio::test]
async fn r30_r32_delete_all_removes_every_contact_with_its_history_in_one_workspace() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@acme.test").await;
    let acme = app.workspace_id("Acme Support").await;
    let demo = app.workspace_id("Demo").await;
    let answer = preview(&app, &client, &DeleteTarget::Everything)
        .await
        .expect("preview");
    assert_eq!(answer.count, 40);
    assert_eq!(
        answer.question,
        "Delete all 40 contacts of this workspace (39 in All contacts and 1 blocked)? Their conversation history will be deleted too. This cannot be undone."
    );
    let started = delete(&app, &client, &DeleteTarget::Everything)
        .await
        .expect("started");
    assert_eq!(started.total, 40);
    wait_for_deletions(&app).await;
    let progress: Option<DeleteProgress> = answer_of(
        app.call_json(&client, "contacts_delete_progress", &json!({}))
            .await,
    )
    .await
    .expect("progress");
    let progress = progress.expect("a finished job");
    assert!(progress.done);
    assert_eq!((progress.deleted, progress.total), (40, 40));
    for sql in [
        format!("SELECT COUNT(*) FROM contacts WHERE workspace_id = {acme}"),
        format!("SELECT COUNT(*) FROM conversations WHERE workspace_id = {acme}"),
        format!("SELECT COUNT(*) FROM messages m JOIN channels ch ON ch.id = m.channel_id WHERE ch.workspace_id = {acme}"),
        format!("SELECT COUNT(*) FROM contact_channels cc JOIN channels ch ON ch.id = cc.channel_id WHERE ch.workspace_id = {acme}"),
        format!("SELECT COUNT(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.workspace_id = {acme}"),
        format!("SELECT COUNT(*) FROM custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE f.workspace_id = {acme}"),
        format!("SELECT total FROM contact_counts WHERE workspace_id = {acme}"),
    ] {
        assert_eq!(app.count(&sql).await, 0, "{sql}");
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = {demo}"
        ))
        .await,
        260
    );
    assert_eq!(
        app.count(&format!(
            "SELECT total FROM contact_counts WHERE workspace_id = {demo}"
        ))
        .await,
        260
    );
}

#[tokio::test]
async fn r31_delete_dialog_states_the_exact_number() {
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let demo = app.workspace_id("Demo").await;
    let three = ids(
        &app,
        &format!("SELECT id FROM contacts WHERE workspace_id = {demo} LIMIT 3"),
    )
    .await;
    let answer = preview(&app, &client, &selected(three))
        .await
        .expect("preview");
    assert_eq!(answer.count, 3);
    assert_eq!(
        answer.question,
        "Delete 3 contacts? Their conversation history will be deleted too. This cannot be undone."
    );
    let (status, _) = preview(&app, &client, &selected(vec![]))
        .await
        .expect_err("empty");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn r33_delete_job_resumes_after_a_crash_between_batches_and_deletes_exactly_its_contacts() {
    let app = spawn_app_without_runners().await;
    let store = &app.backend.store;
    let demo = app.workspace_id("Demo").await;
    let owner = app.user_id("owner@demo.test").await;
    let chosen = ids(
        &app,
        &format!("SELECT id FROM contacts WHERE workspace_id = {demo} ORDER BY id DESC LIMIT 25"),
    )
    .await;
    let list = chosen
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");

    let job = store
        .start_delete(demo, owner, &selected(chosen.clone()))
        .await
        .expect("job");
    assert_eq!(job.total, 25);
    // A contact created after the job started is not the job's.
    let (late,): (i64,) = sqlx::query_as(&app.sql(
        "INSERT INTO contacts (workspace_id, first_name, created_at, updated_at)
          VALUES ($1, 'Late', to_timestamp(0), to_timestamp(0)) RETURNING id",
    ))
    .bind(demo)
    .fetch_one(app.pool())
    .await
    .expect("late contact");

    // Long enough that a loaded machine does not let the claim run out early.
    let lease = 1_000;
    let jobs = DeleteJobs(store.clone());
    let claimed = first_batch(&jobs, 10, lease).await;
    assert_eq!(
        claimed,
        ClaimedJob {
            id: job.job_id,
            workspace_id: demo,
        }
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE id IN ({list})"
        ))
        .await,
        15
    );
    // Every contact of the batch went whole, with everything hanging off it.
    let gone_conversations = app
        .count(&format!(
            "SELECT COUNT(*) FROM conversations WHERE contact_id IN ({list})"
        ))
        .await;
    assert_eq!(gone_conversations, app.count(&format!(
        "SELECT COUNT(*) FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE c.id IN ({list})"
    )).await);

    // The first runner dies here, and another takes the job over.
    take_over(&jobs, claimed, 10, lease).await;

    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE id IN ({list})"
        ))
        .await,
        0
    );
    for table in [
        "contact_channels",
        "conversations",
        "contact_tags",
        "custom_values",
    ] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM {table} WHERE contact_id IN ({list})"
            ))
            .await,
            0,
            "{table}"
        );
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM messages WHERE conversation_id NOT IN (SELECT id FROM conversations)"
        )
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = {demo}"
        ))
        .await,
        260 - 25 + 1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT total FROM contact_counts WHERE workspace_id = {demo}"
        ))
        .await,
        260 - 25 + 1
    );
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM contacts WHERE id = {late}"))
            .await,
        1
    );
    let progress = store
        .delete_progress(demo)
        .await
        .expect("progress")
        .expect("job");
    assert_eq!(
        (progress.deleted, progress.total, progress.done),
        (25, 25, true)
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM delete_job_contacts").await,
        0
    );
}

#[tokio::test]
async fn r32_delete_all_says_how_many_of_its_contacts_are_blocked() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let blocked = app
        .count(
            "SELECT COUNT(*) FROM contacts WHERE blocked_at IS NOT NULL AND merged_into IS NULL
                AND workspace_id = (SELECT id FROM workspaces WHERE name = 'Demo')",
        )
        .await;
    assert!(blocked > 0, "the demo has blocked contacts");
    let answer = preview(&app, &client, &DeleteTarget::Everything)
        .await
        .expect("preview");
    let listed = answer.count - u64::try_from(blocked).expect("a count");
    assert!(
        answer.question.starts_with(&format!(
            "Delete all {} contacts of this workspace ({listed} in All contacts and {blocked} blocked)?",
            answer.count
        )),
        "{}",
        answer.question
    );
}

/// What besides its conversation, links, tags and values names a contact:
/// a block event, a month of activity, a workflow run, a pair marked "Not a
/// duplicate" with `other`.
async fn history_of(app: &TestApp, workspace: i64, contact: i64, other: i64) {
    let (a, b) = (contact.min(other), contact.max(other));
    for statement in [
        format!("INSERT INTO contact_block_events (contact_id, action, at) VALUES ({contact}, 'block', to_timestamp(0))"),
        format!("INSERT INTO active_contacts (workspace_id, period, contact_id) VALUES ({workspace}, '1999-01', {contact})"),
        format!("INSERT INTO workflow_runs (contact_id, name, status, started_at) VALUES ({contact}, 'Welcome', 'running', to_timestamp(0))"),
        format!("INSERT INTO merge_dismissals (workspace_id, contact_a, contact_b, dismissed_at) VALUES ({workspace}, {a}, {b}, to_timestamp(0))"),
    ] {
        sqlx::query(&app.sql(&statement))
            .execute(app.pool())
            .await
            .expect(&statement);
    }
}

/// How many rows of that history name the contact.
async fn history_left(app: &TestApp, contact: i64) -> i64 {
    app.count(&format!(
        "SELECT (SELECT COUNT(*) FROM contact_block_events WHERE contact_id = {contact})
              + (SELECT COUNT(*) FROM active_contacts WHERE contact_id = {contact})
              + (SELECT COUNT(*) FROM workflow_runs WHERE contact_id = {contact})
              + (SELECT COUNT(*) FROM merge_dismissals WHERE contact_a = {contact} OR contact_b = {contact})"
    ))
    .await
}

#[tokio::test]
async fn r30_deleting_a_contact_deletes_its_history_and_the_contacts_merged_into_it() {
    let app = spawn_app().await;
    let client = app.signed_in("owner@demo.test").await;
    let demo = app.workspace_id("Demo").await;
    let chosen = ids(
        &app,
        &format!(
            "SELECT id FROM contacts WHERE workspace_id = {demo} AND merged_into IS NULL ORDER BY id LIMIT 6"
        ),
    )
    .await;
    let [by_drawer, by_job, kept, other, merged_a, merged_b] = chosen[..] else {
        panic!("six demo contacts: {chosen:?}");
    };
    for (contact, pair) in [(by_drawer, kept), (by_job, kept), (kept, other)] {
        history_of(&app, demo, contact, pair).await;
    }
    for (merged, into) in [(merged_a, by_drawer), (merged_b, by_job)] {
        sqlx::query("UPDATE contacts SET merged_into = $1 WHERE id = $2")
            .bind(into)
            .bind(merged)
            .execute(app.pool())
            .await
            .expect("merged away");
    }
    let counted = app
        .count(&format!(
            "SELECT total FROM contact_counts WHERE workspace_id = {demo}"
        ))
        .await;
    let conversations = ids(
        &app,
        &format!("SELECT id FROM conversations WHERE contact_id IN ({by_drawer}, {by_job})"),
    )
    .await;
    assert_eq!(conversations.len(), 2, "demo contacts have conversations");
    let owner = app.user_id("owner@demo.test").await;
    for conversation in &conversations {
        for statement in [
            format!("INSERT INTO conversation_reads (conversation_id, user_id, last_read_message_id) VALUES ({conversation}, {owner}, 0)"),
            format!("INSERT INTO conversation_status_changes (conversation_id, status, changed_at) VALUES ({conversation}, 'closed', to_timestamp(0))"),
            format!("INSERT INTO messages (conversation_id, direction, body, sent_at) VALUES ({conversation}, 'in', 'Hi', to_timestamp(0))"),
        ] {
            sqlx::query(&app.sql(&statement))
                .execute(app.pool())
                .await
                .expect(&statement);
        }
    }
    let (kept_before, other_before) = (
        history_left(&app, kept).await,
        history_left(&app, other).await,
    );

    let deleted = app
        .call_json(
            &client,
            "details_delete",
            &json!({"request": {"contact_id": by_drawer}}),
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    delete(&app, &client, &selected(vec![by_job]))
        .await
        .expect("job");
    wait_for_deletions(&app).await;

    for gone in [by_drawer, by_job, merged_a, merged_b] {
        assert!(!exists(&app, gone).await, "{gone}");
        assert_eq!(history_left(&app, gone).await, 0, "{gone}");
    }
    let conversations = conversations
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    for table in [
        "messages",
        "conversation_reads",
        "conversation_status_changes",
    ] {
        let sql =
            format!("SELECT COUNT(*) FROM {table} WHERE conversation_id IN ({conversations})");
        assert_eq!(app.count(&sql).await, 0, "{sql}");
    }
    for table in [
        "conversations",
        "contact_channels",
        "contact_tags",
        "custom_values",
    ] {
        let sql =
            format!("SELECT COUNT(*) FROM {table} WHERE contact_id IN ({by_drawer}, {by_job})");
        assert_eq!(app.count(&sql).await, 0, "{sql}");
    }
    // The other contact of a deleted pair keeps the rest of its history.
    assert_eq!(history_left(&app, kept).await, kept_before - 2);
    assert_eq!(history_left(&app, other).await, other_before);
    assert_eq!(
        app.count(&format!(
            "SELECT total FROM contact_counts WHERE workspace_id = {demo}"
        ))
        .await,
        counted - 2
    );
}

#[tokio::test]
async fn rows_cannot_name_a_contact_or_conversation_that_does_not_exist() {
    let app = spawn_app().await;
    let demo = app.workspace_id("Demo").await;
    let missing = app
        .count("SELECT MAX(id) + 1000 FROM (SELECT id FROM contacts UNION ALL SELECT id FROM conversations) AS ids")
        .await;
    let (contact, conversation) = {
        let sql = format!(
            "SELECT MIN(id) FROM contacts WHERE workspace_id = {demo} AND id IN (SELECT v.contact_id FROM conversations v JOIN messages m ON m.conversation_id = v.id)"
        );
        let contact = app.count(&sql).await;
        let conversation = app
            .count(&format!(
                "SELECT id FROM conversations WHERE contact_id = {contact}"
            ))
            .await;
        (contact, conversation)
    };
    let channel = app
        .count(&format!(
            "SELECT MIN(id) FROM channels WHERE workspace_id = {demo}"
        ))
        .await;
    let tag = app
        .count(&format!(
            "SELECT MIN(id) FROM tags WHERE workspace_id = {demo}"
        ))
        .await;
    let field = app
        .count(&format!(
            "SELECT MIN(id) FROM custom_fields WHERE workspace_id = {demo}"
        ))
        .await;
    let owner = app.user_id("owner@demo.test").await;
    for statement in [
        format!("INSERT INTO contact_channels (contact_id, channel_id, external_id, connected_at) VALUES ({missing}, {channel}, 'nobody', to_timestamp(0))"),
        format!("INSERT INTO conversations (workspace_id, contact_id) VALUES ({demo}, {missing})"),
        format!("INSERT INTO contact_tags (contact_id, tag_id) VALUES ({missing}, {tag})"),
        format!("INSERT INTO custom_values (contact_id, field_id, value) VALUES ({missing}, {field}, 'x')"),
        format!("INSERT INTO messages (conversation_id, direction, body, sent_at) VALUES ({missing}, 'in', 'Hi', to_timestamp(0))"),
        format!("INSERT INTO conversation_reads (conversation_id, user_id, last_read_message_id) VALUES ({missing}, {owner}, 0)"),
        format!("INSERT INTO conversation_status_changes (conversation_id, status, changed_at) VALUES ({missing}, 'closed', to_timestamp(0))"),
        format!("UPDATE conversations SET contact_id = {missing} WHERE id = {conversation}"),
        // Neither a contact nor a conversation with rows hanging off it changes its id.
        format!("UPDATE contacts SET id = {missing} WHERE id = {contact}"),
        format!("UPDATE conversations SET id = {missing} WHERE id = {conversation}"),
        format!("INSERT INTO contact_block_events (contact_id, action, at) VALUES ({missing}, 'block', to_timestamp(0))"),
        format!("INSERT INTO active_contacts (workspace_id, period, contact_id) VALUES ({demo}, '1999-01', {missing})"),
        format!("INSERT INTO workflow_runs (contact_id, name, status, started_at) VALUES ({missing}, 'Welcome', 'running', to_timestamp(0))"),
        format!("INSERT INTO merge_dismissals (workspace_id, contact_a, contact_b, dismissed_at) VALUES ({demo}, {contact}, {missing}, to_timestamp(0))"),
        format!("UPDATE contacts SET merged_into = {missing} WHERE id = {contact}"),
    ] {
        let refused = sqlx::query(&app.sql(&statement))
            .execute(app.pool())
            .await
            .expect_err(&statement);
        let code = refused
            .as_database_error()
            .and_then(sqlx::error::DatabaseError::code)
            .map(std::borrow::Cow::into_owned);
        // PostgreSQL's foreign_key_violation, SQLite's SQLITE_CONSTRAINT_FOREIGNKEY.
        assert!(
            matches!(code.as_deref(), Some("23503" | "787")),
            "{statement}: {refused}"
        );
    }
    assert!(exists(&app, contact).await);
}
