//! Settings → Contact fields (R19, R20): renaming a custom field keeps its
//! key and values, deleting one takes its values on every contact and its
//! place in the field order, and only the roles that define fields may do
//! either.

use crate::helpers::details::*;
use app::settings::model::{FieldSettings, FieldValueCount};

async fn fields(app: &TestApp, client: &Client) -> FieldSettings {
    app.answer(client, "settings_fields_get", &json!({})).await
}

async fn rename(app: &TestApp, client: &Client, key: &str, label: &str) -> Response {
    app.call_json(
        client,
        "settings_rename_field",
        &json!({"edit": {"key": key, "label": label}}),
    )
    .await
}

async fn on_field(app: &TestApp, client: &Client, endpoint: &str, key: &str) -> Response {
    app.call_json(client, endpoint, &json!({"field": {"key": key}}))
        .await
}

fn label_of<'a>(settings: &'a FieldSettings, key: &str) -> Option<&'a str> {
    settings
        .custom_fields
        .iter()
        .find(|definition| definition.key() == key)
        .map(shared::CustomFieldDefinition::label)
}

/// Values of the workspace's field `key` held by contacts still in use.
async fn values_of(app: &TestApp, workspace: &str, key: &str) -> i64 {
    let workspace = app.workspace_id(workspace).await;
    app.count(&format!(
        "SELECT COUNT(*) FROM custom_values v
           JOIN custom_fields f ON f.id = v.field_id
           JOIN contacts c ON c.id = v.contact_id
          WHERE f.workspace_id = {workspace} AND f.key = '{key}' AND c.merged_into IS NULL"
    ))
    .await
}

#[tokio::test]
async fn r19_managers_rename_a_field_the_key_and_values_stay_and_a_taken_label_is_refused() {
    let app = spawn_app().await;
    let manager = app.signed_in("manager@demo.test").await;
    let values = values_of(&app, "Demo", "plan").await;
    assert!(values > 0);

    let renamed = rename(&app, &manager, "plan", "  Subscription   plan ").await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let settings = fields(&app, &manager).await;
    assert_eq!(label_of(&settings, "plan"), Some("Subscription plan"));
    assert!(settings.order.iter().any(|key| key == "plan"));
    assert_eq!(values_of(&app, "Demo", "plan").await, values);
    let acme = app.signed_in("owner@acme.test").await;
    assert_eq!(label_of(&fields(&app, &acme).await, "plan"), Some("Plan"));

    for (label, message) in [
        ("NEWSLETTER", "another field already has this label"),
        ("  ", "enter a label"),
    ] {
        let refused = error(
            rename(&app, &manager, "plan", label).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused, AppError::invalid("Label", message), "{label}");
    }
    let too_long = "L".repeat(shared::custom_field::MAX_LABEL_LEN + 1);
    let refused = error(
        rename(&app, &manager, "plan", &too_long).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field(), Some("Label"));
    let refused = error(
        rename(&app, &manager, "no_such_field", "Anything").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(refused, AppError::not_found(Missing::Field));
    assert_eq!(
        label_of(&fields(&app, &manager).await, "plan"),
        Some("Subscription plan")
    );

    let same_label_new_case = rename(&app, &manager, "plan", "SUBSCRIPTION PLAN").await;
    assert_eq!(same_label_new_case.status(), StatusCode::OK);
}

#[tokio::test]
async fn r19_r20_deleting_a_field_removes_its_values_and_its_place_in_the_order_and_reports_the_count(
) {
    let app = spawn_app().await;
    let owner = app.signed_in("owner@demo.test").await;
    let mut order = fields(&app, &owner).await.order;
    order.reverse();
    let saved = app
        .call_json(
            &owner,
            "settings_save_order",
            &json!({"edit": {"keys": order}}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let values = values_of(&app, "Demo", "lifetime_value").await;
    assert!(values > 0);
    let acme_values = values_of(&app, "Acme Support", "lifetime_value").await;

    let counted: FieldValueCount = app
        .answer(
            &owner,
            "settings_count_field_values",
            &json!({"field": {"key": "lifetime_value"}}),
        )
        .await;
    assert_eq!(counted.contacts, values);
    let deleted: FieldValueCount = app
        .answer(
            &owner,
            "settings_delete_field",
            &json!({"field": {"key": "lifetime_value"}}),
        )
        .await;
    assert_eq!(deleted.contacts, values);

    let settings = fields(&app, &owner).await;
    assert_eq!(label_of(&settings, "lifetime_value"), None);
    order.retain(|key| key != "lifetime_value");
    assert_eq!(settings.order, order);
    let workspace = app.workspace_id("Demo").await;
    let stored_order: (String,) =
        sqlx::query_as("SELECT CAST(keys AS text) FROM field_orders WHERE workspace_id = $1")
            .bind(workspace)
            .fetch_one(app.pool())
            .await
            .expect("stored order");
    assert!(!stored_order.0.contains("lifetime_value"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM custom_fields WHERE workspace_id = {workspace} AND key = 'lifetime_value'"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM custom_values WHERE field_id NOT IN (SELECT id FROM custom_fields)"
        )
        .await,
        0
    );
    assert_eq!(
        values_of(&app, "Acme Support", "lifetime_value").await,
        acme_values
    );

    for endpoint in ["settings_count_field_values", "settings_delete_field"] {
        let refused = error(
            on_field(&app, &owner, endpoint, "lifetime_value").await,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(refused, AppError::not_found(Missing::Field), "{endpoint}");
    }
}

#[tokio::test]
async fn r19_agents_may_not_rename_count_or_delete_fields_and_nothing_changes() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let before = fields(&app, &agent).await;
    let values = values_of(&app, "Demo", "plan").await;
    let refusal = AppError::Forbidden("Only owners and managers can manage custom fields.".into());
    let renamed = rename(&app, &agent, "plan", "Tier").await;
    assert_eq!(error(renamed, StatusCode::FORBIDDEN).await, refusal);
    for endpoint in ["settings_count_field_values", "settings_delete_field"] {
        let refused = on_field(&app, &agent, endpoint, "plan").await;
        assert_eq!(
            error(refused, StatusCode::FORBIDDEN).await,
            refusal,
            "{endpoint}"
        );
        let signed_out = on_field(&app, &app.client(), endpoint, "plan").await;
        assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED, "{endpoint}");
    }
    assert_eq!(fields(&app, &agent).await, before);
    assert_eq!(values_of(&app, "Demo", "plan").await, values);
}
