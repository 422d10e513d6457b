//! The contact-details drawer's server functions (R3–R12, R17–R30) through
//! the real router on a fresh seeded SQLite file: good input is saved, bad
//! input gets its message and changes nothing, roles and workspaces are
//! enforced, and a stale version is refused.

mod common;

use app::details::model::{ContactDetails, Saved, STALE_VERSION};
use app::error::AppError;
use common::TestApp;
use reqwest::{header, Client, Response, StatusCode};
use serde_json::{json, Value};
use shared::channel::Availability;
use shared::fields::ConversationStatus;
use sqlx::SqlitePool;

/// Calls a server function with a JSON body, as the drawer does.
async fn call(app: &TestApp, client: &Client, endpoint: &str, body: Value) -> Response {
    client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(header::ORIGIN, &app.address)
        .json(&body)
        .send()
        .await
        .expect("request")
}

async fn signed_in(app: &TestApp, email: &str) -> Client {
    let client = app.client();
    app.sign_in(&client, email).await;
    client
}

async fn details(app: &TestApp, client: &Client, id: i64) -> ContactDetails {
    let response = call(
        app,
        client,
        "details_get",
        json!({"request": {"contact_id": id}}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK, "details of {id}");
    response.json().await.expect("details")
}

async fn error(response: Response, status: StatusCode) -> AppError {
    assert_eq!(response.status(), status);
    response.json().await.expect("json error")
}

fn pool(app: &TestApp) -> &SqlitePool {
    app.backend.store.pool()
}

async fn workspace_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM workspaces WHERE name = ?")
        .bind(name)
        .fetch_one(pool(app))
        .await
        .expect("workspace")
}

/// The first contact of a workspace matching an SQL condition on `c`.
async fn contact_where(app: &TestApp, workspace: &str, condition: &str) -> i64 {
    let workspace = workspace_id(app, workspace).await;
    sqlx::query_scalar(&format!(
        "SELECT c.id FROM contacts c WHERE c.workspace_id = ? AND {condition} ORDER BY c.id LIMIT 1"
    ))
    .bind(workspace)
    .fetch_one(pool(app))
    .await
    .expect("a matching seeded contact")
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = ?")
        .bind(email)
        .fetch_one(pool(app))
        .await
        .expect("user")
}

async fn edit_field(
    app: &TestApp,
    client: &Client,
    contact: &ContactDetails,
    field: &str,
    value: &str,
) -> Response {
    call(
        app,
        client,
        "details_edit_field",
        json!({"edit": {"contact_id": contact.id, "version": contact.version, "field": field, "value": value}}),
    )
    .await
}

#[tokio::test]
async fn r3_drawer_shows_name_and_id_and_another_workspace_is_not_found() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.first_name <> ''").await;
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.id, id);
    assert!(contact.display_name().contains(&contact.first_name));

    let acme = contact_where(&app, "Acme Support", "1").await;
    let refused = error(
        call(
            &app,
            &client,
            "details_get",
            json!({"request": {"contact_id": acme}}),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(refused, AppError::NotFound("Contact not found".into()));
    let signed_out = call(
        &app,
        &app.client(),
        "details_get",
        json!({"request": {"contact_id": id}}),
    )
    .await;
    assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn r4_edit_name_saves_and_bad_names_change_nothing() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(&app, "Demo", "1").await;
    let before = details(&app, &client, id).await;
    let edit = |first: &str, last: &str, version: i64| json!({"edit": {"contact_id": id, "version": version, "first": first, "last": last}});
    let long = "x".repeat(101);
    for (first, last, field) in [
        ("  ", "", "First name"),
        (long.as_str(), "Ok", "First name"),
        ("Ann", "Line\nbreak", "Last name"),
    ] {
        let refused = error(
            call(
                &app,
                &client,
                "details_edit_name",
                edit(first, last, before.version),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused.field(), Some(field), "{first:?} {last:?}");
        assert_eq!(details(&app, &client, id).await, before);
    }
    let response = call(
        &app,
        &client,
        "details_edit_name",
        edit("  Ann ", "<script>x</script>", before.version),
    )
    .await;
    let saved: Saved = response.json().await.expect("saved");
    assert_eq!(saved.version, before.version + 1);
    let after = details(&app, &client, id).await;
    assert_eq!(
        (after.first_name.as_str(), after.last_name.as_str()),
        ("Ann", "<script>x</script>")
    );
}

#[tokio::test]
async fn r4_a_stale_version_is_refused_and_the_first_save_stays() {
    let app = TestApp::spawn().await;
    let first_agent = signed_in(&app, "agent@demo.test").await;
    let second_agent = signed_in(&app, "manager@demo.test").await;
    let id = contact_where(&app, "Demo", "1").await;
    let seen = details(&app, &first_agent, id).await;
    let edit = |first: &str| json!({"edit": {"contact_id": id, "version": seen.version, "first": first, "last": "Same"}});
    let ok = call(&app, &first_agent, "details_edit_name", edit("First")).await;
    assert_eq!(ok.status(), StatusCode::OK);
    let refused = error(
        call(&app, &second_agent, "details_edit_name", edit("Second")).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(refused, AppError::Conflict(STALE_VERSION.into()));
    let stale_field = edit_field(&app, &second_agent, &seen, "email", "x@example.com").await;
    assert_eq!(stale_field.status(), StatusCode::CONFLICT);
    let now = details(&app, &second_agent, id).await;
    assert_eq!(now.first_name, "First");
    assert_eq!(now.email, seen.email);
}

#[tokio::test]
async fn r18_phone_in_national_format_is_stored_in_e164_and_the_country_follows() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.phone LIKE '+49%' AND c.country_manual = 0").await;
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.country.as_deref(), Some("DE"));
    let saved: Saved = edit_field(&app, &client, &contact, "phone", "0151 2345 6789")
        .await
        .json()
        .await
        .expect("saved");
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.version, saved.version);
    assert_eq!(contact.phone.as_deref(), Some("+4915123456789"));
    assert_eq!(contact.phone_display.as_deref(), Some("+49 1512 3456789"));

    edit_field(&app, &client, &contact, "phone", "+33 6 12 34 56 78").await;
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.phone.as_deref(), Some("+33612345678"));
    assert_eq!(contact.country.as_deref(), Some("FR"));
    assert!(!contact.country_manual);
}

#[tokio::test]
async fn r18_a_country_set_by_hand_wins_over_the_phone() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.phone LIKE '+49%'").await;
    let contact = details(&app, &client, id).await;
    assert_eq!(
        edit_field(&app, &client, &contact, "country", "Spain")
            .await
            .status(),
        StatusCode::OK
    );
    let contact = details(&app, &client, id).await;
    assert_eq!(
        (contact.country.as_deref(), contact.country_manual),
        (Some("ES"), true)
    );
    edit_field(&app, &client, &contact, "phone", "+33 6 12 34 56 78").await;
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.country.as_deref(), Some("ES"));
    edit_field(&app, &client, &contact, "country", "").await;
    let contact = details(&app, &client, id).await;
    assert_eq!(
        (contact.country.as_deref(), contact.country_manual),
        (Some("FR"), false)
    );
}

#[tokio::test]
async fn r18_standard_fields_save_and_bad_values_change_nothing() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.phone IS NULL").await;
    let before = details(&app, &client, id).await;
    for (field, value, label) in [
        ("email", "not-an-address", "E-mail address"),
        ("phone", "12345", "Phone number"),
        ("phone", "030 1234567", "Phone number"),
        ("country", "Atlantis", "Country"),
        ("language", "xx-??", "Language"),
        ("assignee", "999999", "Assignee"),
        ("conversation_status", "open", "Conversation status"),
    ] {
        let response = edit_field(&app, &client, &before, field, value).await;
        let refused = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(refused.field(), Some(label), "{field} = {value}");
        assert_eq!(
            details(&app, &client, id).await,
            before,
            "{field} = {value}"
        );
    }
    let manager = user_id(&app, "manager@demo.test").await;
    let mut contact = before;
    for (field, value) in [
        ("email", " Ann@Example.com "),
        ("language", "German"),
        ("assignee", &manager.to_string()),
    ] {
        assert_eq!(
            edit_field(&app, &client, &contact, field, value)
                .await
                .status(),
            StatusCode::OK
        );
        contact = details(&app, &client, id).await;
    }
    assert_eq!(contact.email.as_deref(), Some("Ann@Example.com"));
    assert_eq!(contact.language.as_deref(), Some("de"));
    assert_eq!(contact.assignee_id, Some(manager));
}

#[tokio::test]
async fn r19_custom_values_of_each_type_save_and_bad_values_change_nothing() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(&app, "Demo", "1").await;
    let custom = |contact: &ContactDetails, key: &str, value: &str| json!({"edit": {"contact_id": contact.id, "version": contact.version, "key": key, "value": value}});
    let before = details(&app, &client, id).await;
    for (key, value, label) in [
        ("plan", "Platinum", "Plan"),
        ("customer_since", "2024-02-30", "Customer since"),
        ("lifetime_value", "lots", "Lifetime value"),
        ("newsletter", "maybe", "Newsletter"),
    ] {
        let response = call(
            &app,
            &client,
            "details_edit_custom",
            custom(&before, key, value),
        )
        .await;
        let refused = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(refused.field(), Some(label));
        assert_eq!(details(&app, &client, id).await, before);
    }
    let missing = call(
        &app,
        &client,
        "details_edit_custom",
        custom(&before, "nope", "1"),
    )
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let mut contact = before;
    for (key, value, stored) in [
        ("plan", "pro", Some("Pro")),
        ("customer_since", "2024-02-29", Some("2024-02-29")),
        ("lifetime_value", "1234.5", Some("1234.5")),
        ("newsletter", "true", Some("true")),
        ("newsletter", "", None),
    ] {
        let response = call(
            &app,
            &client,
            "details_edit_custom",
            custom(&contact, key, value),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{key} = {value}");
        contact = details(&app, &client, id).await;
        let entry = contact
            .custom_fields
            .iter()
            .find(|entry| entry.definition.key() == key)
            .expect("field");
        assert_eq!(entry.value.as_deref(), stored, "{key}");
    }
}

#[tokio::test]
async fn r19_managers_define_custom_fields_and_agents_cannot() {
    let app = TestApp::spawn().await;
    let manager = signed_in(&app, "manager@demo.test").await;
    let agent = signed_in(&app, "agent@demo.test").await;
    let field = |key: &str, label: &str, field_type: &str, options: Vec<&str>| json!({"field": {"key": key, "label": label, "field_type": field_type, "options": options}});
    let refused = error(
        call(
            &app,
            &agent,
            "settings_create_field",
            field("tier", "Tier", "text", vec![]),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Only owners and managers can manage custom fields.".into())
    );
    for (body, label) in [
        (field("Bad Key", "Tier", "text", vec![]), "Key"),
        (field("tier", "Plan", "text", vec![]), "Label"),
        (field("tier", "Tier", "list", vec![]), "Options"),
        (field("tier", "Tier", "colour", vec![]), "Type"),
    ] {
        let refused = error(
            call(&app, &manager, "settings_create_field", body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused.field(), Some(label));
    }
    let ok = call(
        &app,
        &manager,
        "settings_create_field",
        field("tier", "Tier", "list", vec!["Gold", "Silver"]),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let settings: app::settings::model::FieldSettings =
        call(&app, &agent, "settings_fields_get", json!({}))
            .await
            .json()
            .await
            .expect("settings");
    assert_eq!(settings.custom_fields.len(), 5);
    assert_eq!(settings.order.last().map(String::as_str), Some("tier"));
}

#[tokio::test]
async fn r20_field_order_is_saved_by_managers_refused_for_agents_and_the_drawer_follows() {
    let app = TestApp::spawn().await;
    let manager = signed_in(&app, "manager@demo.test").await;
    let agent = signed_in(&app, "agent@demo.test").await;
    let settings: app::settings::model::FieldSettings =
        call(&app, &manager, "settings_fields_get", json!({}))
            .await
            .json()
            .await
            .expect("settings");
    let mut order = settings.order.clone();
    order.swap(1, 6);
    let refused = error(
        call(
            &app,
            &agent,
            "settings_save_order",
            json!({"edit": {"keys": order}}),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Only owners and managers can change the field order.".into())
    );
    let mut missing = order.clone();
    missing.pop();
    let mut unknown = order.clone();
    unknown.push("shoe_size".into());
    for keys in [missing, unknown] {
        let response = call(
            &app,
            &manager,
            "settings_save_order",
            json!({"edit": {"keys": keys}}),
        )
        .await;
        assert_eq!(
            error(response, StatusCode::UNPROCESSABLE_ENTITY)
                .await
                .field(),
            Some("Field order")
        );
    }
    let id = contact_where(&app, "Demo", "1").await;
    assert_eq!(details(&app, &agent, id).await.field_order, settings.order);
    let ok = call(
        &app,
        &manager,
        "settings_save_order",
        json!({"edit": {"keys": order}}),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(details(&app, &agent, id).await.field_order, order);
}

#[tokio::test]
async fn r21_r22_r23_tags_are_added_created_and_removed_without_leaving_the_workspace() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "NOT EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id)",
    )
    .await;
    let add = |name: &str| json!({"request": {"contact_id": id, "name": name}});
    assert_eq!(
        call(&app, &client, "details_add_tag", add("vip"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        call(&app, &client, "details_add_tag", add("  Night   owl "))
            .await
            .status(),
        StatusCode::OK
    );
    let refused = error(
        call(&app, &client, "details_add_tag", add("   ")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field(), Some("Tag"));
    let contact = details(&app, &client, id).await;
    let names: Vec<&str> = contact.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Night owl", "VIP"]);
    assert_eq!(contact.workspace_tags.len(), 8);

    let vip = contact
        .tags
        .iter()
        .find(|t| t.name == "VIP")
        .expect("vip")
        .id;
    let remove = json!({"request": {"contact_id": id, "tag_id": vip}});
    assert_eq!(
        call(&app, &client, "details_remove_tag", remove.clone())
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        call(&app, &client, "details_remove_tag", remove)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.tags.len(), 1);
    assert!(contact.workspace_tags.iter().any(|t| t.id == vip));
}

#[tokio::test]
async fn r5_r6_r8_r9_channels_tab_classifies_every_workspace_channel() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "c.phone IS NOT NULL AND c.email IS NULL AND EXISTS (SELECT 1 FROM contact_channels l
           JOIN channels ch ON ch.id = l.channel_id WHERE l.contact_id = c.id AND ch.kind = 'facebook')",
    )
    .await;
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.channels.len(), 8);
    for card in &contact.channels {
        let kind = card.status.channel.kind.key();
        match card.status.availability {
            Availability::Active { connected_at } => assert!(connected_at > 0),
            Availability::Inactive => assert!(matches!(kind, "whatsapp" | "sms"), "{kind}"),
            Availability::Unavailable => assert!(!matches!(kind, "whatsapp" | "sms"), "{kind}"),
        }
    }
    let facebook = contact
        .channels
        .iter()
        .find(|card| card.status.channel.kind.key() == "facebook")
        .expect("facebook card");
    assert!(matches!(
        facebook.status.availability,
        Availability::Active { .. }
    ));
    assert!(facebook
        .facebook_url
        .as_deref()
        .is_some_and(|url| url.starts_with("https://www.facebook.com/demo-shop/")));
}

#[tokio::test]
async fn r10_only_managers_remove_channels_in_contacts_and_history_stays() {
    let app = TestApp::spawn().await;
    let manager = signed_in(&app, "manager@demo.test").await;
    let agent = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "EXISTS (SELECT 1 FROM contact_channels l WHERE l.contact_id = c.id)",
    )
    .await;
    let channel: i64 =
        sqlx::query_scalar("SELECT channel_id FROM contact_channels WHERE contact_id = ? LIMIT 1")
            .bind(id)
            .fetch_one(pool(&app))
            .await
            .expect("link");
    let messages = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM messages m JOIN conversations v ON v.id = m.conversation_id WHERE v.contact_id = ?",
        )
        .bind(id)
        .fetch_one(pool(&app))
        .await
        .expect("count")
    };
    let before = messages().await;
    let remove = |module: &str| json!({"request": {"contact_id": id, "channel_id": channel, "module": module}});
    let refused = error(
        call(&app, &agent, "details_remove_channel", remove("contacts")).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Only owners and managers can remove channels.".into())
    );
    let refused = error(
        call(&app, &manager, "details_remove_channel", remove("inbox")).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Channels can be removed in the Contacts module only.".into())
    );
    assert_eq!(
        call(&app, &manager, "details_remove_channel", remove("contacts"))
            .await
            .status(),
        StatusCode::OK
    );
    let contact = details(&app, &manager, id).await;
    let card = contact
        .channels
        .iter()
        .find(|c| c.status.channel.id == channel)
        .expect("card");
    assert!(!matches!(
        card.status.availability,
        Availability::Active { .. }
    ));
    assert_eq!(messages().await, before);
}

#[tokio::test]
async fn r11_r12_duplicates_are_listed_with_the_shared_value() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "c.blocked_at IS NULL AND c.phone IS NOT NULL AND EXISTS (SELECT 1 FROM contacts o
           WHERE o.workspace_id = c.workspace_id AND o.id <> c.id AND o.phone = c.phone AND o.blocked_at IS NULL)",
    )
    .await;
    let contact = details(&app, &client, id).await;
    let duplicate = contact.duplicates.first().expect("a duplicate");
    assert!(duplicate.same_phone);
    assert_eq!(duplicate.phone, contact.phone_display);

    let email_id = contact_where(
        &app,
        "Demo",
        "c.blocked_at IS NULL AND EXISTS (SELECT 1 FROM contacts o WHERE o.workspace_id = c.workspace_id
           AND o.id <> c.id AND o.email_key = c.email_key AND o.blocked_at IS NULL)",
    )
    .await;
    let contact = details(&app, &client, email_id).await;
    assert!(contact
        .duplicates
        .iter()
        .any(|d| d.same_email && !d.same_phone));
}

#[tokio::test]
async fn r17_blocked_contacts_never_take_part_in_merge_suggestions() {
    let app = TestApp::spawn().await;
    let client = signed_in(&app, "manager@demo.test").await;
    let id = contact_where(
        &app,
        "Demo",
        "c.blocked_at IS NULL AND c.phone IS NOT NULL AND EXISTS (SELECT 1 FROM contacts o
           WHERE o.workspace_id = c.workspace_id AND o.id <> c.id AND o.phone = c.phone AND o.blocked_at IS NULL)",
    )
    .await;
    let contact = details(&app, &client, id).await;
    let other = contact.duplicates.first().expect("a duplicate").id;
    let block = call(
        &app,
        &client,
        "details_block",
        json!({"request": {"contact_id": other, "module": "contacts"}}),
    )
    .await;
    assert_eq!(block.status(), StatusCode::OK);
    assert!(details(&app, &client, id)
        .await
        .duplicates
        .iter()
        .all(|d| d.id != other));
    assert!(details(&app, &client, other).await.duplicates.is_empty());
}

#[tokio::test]
async fn r25_r26_r27_block_and_unblock_from_the_contacts_module_only() {
    let app = TestApp::spawn().await;
    let agent = signed_in(&app, "agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.blocked_at IS NULL").await;
    let request = |module: &str| json!({"request": {"contact_id": id, "module": module}});
    let refused = error(
        call(&app, &agent, "details_block", request("inbox")).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Contacts can be blocked in the Contacts module only.".into())
    );
    assert!(!details(&app, &agent, id).await.blocked);

    assert_eq!(
        call(&app, &agent, "details_block", request("contacts"))
            .await
            .status(),
        StatusCode::OK
    );
    let contact = details(&app, &agent, id).await;
    assert!(contact.blocked);
    assert_eq!(
        contact.conversation_status,
        Some(ConversationStatus::Blocked)
    );
    let blocked_by: Option<i64> =
        sqlx::query_scalar("SELECT blocked_by FROM contacts WHERE id = ?")
            .bind(id)
            .fetch_one(pool(&app))
            .await
            .expect("row");
    assert_eq!(blocked_by, Some(user_id(&app, "agent@demo.test").await));
    assert_eq!(
        call(&app, &agent, "details_block", request("contacts"))
            .await
            .status(),
        StatusCode::CONFLICT
    );

    assert_eq!(
        call(&app, &agent, "details_unblock", request("contacts"))
            .await
            .status(),
        StatusCode::OK
    );
    let contact = details(&app, &agent, id).await;
    assert!(!contact.blocked);
    assert_eq!(
        contact.conversation_status,
        Some(ConversationStatus::Closed)
    );
}

#[tokio::test]
async fn r29_r30_agents_delete_only_their_contacts_and_history_goes_too() {
    let app = TestApp::spawn().await;
    let agent = signed_in(&app, "agent@demo.test").await;
    let manager = signed_in(&app, "manager@demo.test").await;
    let agent_id = user_id(&app, "agent@demo.test").await;
    let theirs = contact_where(&app, "Demo", &format!("c.assignee_id = {agent_id}")).await;
    let others = contact_where(
        &app,
        "Demo",
        &format!("(c.assignee_id IS NULL OR c.assignee_id <> {agent_id})"),
    )
    .await;
    let delete = |id: i64| json!({"request": {"contact_id": id, "module": "contacts"}});
    let refused = error(
        call(&app, &agent, "details_delete", delete(others)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        refused,
        AppError::Forbidden("Agents can delete only contacts assigned to them.".into())
    );
    assert_eq!(
        call(&app, &agent, "details_delete", delete(theirs))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        call(&app, &manager, "details_delete", delete(others))
            .await
            .status(),
        StatusCode::OK
    );
    for id in [theirs, others] {
        let left: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM contacts WHERE id = ?1) + (SELECT COUNT(*) FROM conversations WHERE contact_id = ?1)",
        )
        .bind(id)
        .fetch_one(pool(&app))
        .await
        .expect("count");
        assert_eq!(left, 0);
        let gone = call(
            &app,
            &manager,
            "details_get",
            json!({"request": {"contact_id": id}}),
        )
        .await;
        assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    }
}
