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
    let mine = app
        .ids(&format!(
            "SELECT id FROM contacts WHERE workspace_id = {demo} AND assignee_id = {agent} LIMIT 2"
        ))
        .await;
    let others = app.ids( &format!("SELECT id FROM contacts WHERE workspace_id = {demo} AND (assignee_id IS NULL OR assignee_id <> {agent}) LIMIT 1")).await;
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
    let three = app
        .ids(&format!(
            "SELECT id FROM contacts WHERE workspace_id = {demo} LIMIT 3"
        ))
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
    let chosen = app
        .ids(&format!(
            "SELECT id FROM contacts WHERE workspace_id = {demo} ORDER BY id DESC LIMIT 25"
        ))
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
