//! The contact-details drawer's edits (R3, R4, R18–R20) through the real
//! router on a fresh seeded SQLite file: good input is saved, bad input gets
//! its message and changes nothing, roles and workspaces are enforced, and a
//! stale version is refused.

use crate::helpers::details::*;
use app::error::Refusal;
use app::settings::model::FieldSettings;

#[tokio::test]
async fn r3_drawer_shows_name_and_id_and_another_workspace_is_not_found() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.first_name <> ''").await;
    let contact = details(&app, &client, id).await;
    assert_eq!(contact.id, id);
    assert!(contact.display_name().contains(&contact.first_name));

    let acme = contact_where(&app, "Acme Support", "TRUE").await;
    let refused = error(
        on_contact(&app, &client, "details_get", acme).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(refused, AppError::not_found(Missing::Contact));
    let signed_out = on_contact(&app, &app.client(), "details_get", id).await;
    assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn r4_edit_name_saves_and_bad_names_change_nothing() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let id = contact_where(&app, "Demo", "TRUE").await;
    let before = details(&app, &client, id).await;
    let long = "x".repeat(101);
    for (first, last, field) in [
        ("  ", "", "First name"),
        (long.as_str(), "Ok", "First name"),
        ("Ann", "Line\nbreak", "Last name"),
    ] {
        let refused = error(
            edit_name(&app, &client, &before, first, last).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused.field(), Some(field), "{first:?} {last:?}");
        assert_eq!(details(&app, &client, id).await, before);
    }
    let response = edit_name(&app, &client, &before, "  Ann ", "<script>x</script>").await;
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
    let app = spawn_app().await;
    let first_agent = app.signed_in("agent@demo.test").await;
    let second_agent = app.signed_in("manager@demo.test").await;
    let id = contact_where(&app, "Demo", "TRUE").await;
    let seen = details(&app, &first_agent, id).await;
    let ok = edit_name(&app, &first_agent, &seen, "First", "Same").await;
    assert_eq!(ok.status(), StatusCode::OK);
    let refused = error(
        edit_name(&app, &second_agent, &seen, "Second", "Same").await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(refused, AppError::from(Refusal::StaleVersion));
    let stale_field = edit_field(&app, &second_agent, &seen, "email", "x@example.com").await;
    assert_eq!(stale_field.status(), StatusCode::CONFLICT);
    let now = details(&app, &second_agent, id).await;
    assert_eq!(now.first_name, "First");
    assert_eq!(now.email, seen.email);
}

#[tokio::test]
async fn r18_phone_in_national_format_is_stored_in_e164_and_the_country_follows() {
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let id = contact_where(&app, "Demo", "c.phone LIKE '+49%' AND NOT c.country_manual").await;
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
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
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
    let app = spawn_app().await;
    let client = app.signed_in("manager@demo.test").await;
    let id = contact_where(&app, "Demo", "c.phone IS NULL").await;
    // A national number is read in the contact's country: in the US,
    // "030 1234567" is no number at all.
    sqlx::query("UPDATE contacts SET country = 'US' WHERE id = $1")
        .bind(id)
        .execute(app.pool())
        .await
        .expect("country");
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
    let manager = app.user_id("manager@demo.test").await;
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
    let app = spawn_app().await;
    let client = app.signed_in("agent@demo.test").await;
    let id = contact_where(&app, "Demo", "TRUE").await;
    let custom = |contact: &ContactDetails, key: &str, value: &str| json!({"edit": {"contact_id": contact.id, "version": contact.version, "key": key, "value": value}});
    let before = details(&app, &client, id).await;
    for (key, value, label) in [
        ("plan", "Platinum", "Plan"),
        ("customer_since", "2024-02-30", "Customer since"),
        ("lifetime_value", "lots", "Lifetime value"),
        ("newsletter", "maybe", "Newsletter"),
    ] {
        let response = app
            .call_json(&client, "details_edit_custom", &custom(&before, key, value))
            .await;
        let refused = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(refused.field(), Some(label));
        assert_eq!(details(&app, &client, id).await, before);
    }
    let missing = app
        .call_json(
            &client,
            "details_edit_custom",
            &custom(&before, "nope", "1"),
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
        let response = app
            .call_json(
                &client,
                "details_edit_custom",
                &custom(&contact, key, value),
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
    let app = spawn_app().await;
    let manager = app.signed_in("manager@demo.test").await;
    let agent = app.signed_in("agent@demo.test").await;
    let field = |key: &str, label: &str, field_type: &str, options: Vec<&str>| json!({"field": {"key": key, "label": label, "field_type": field_type, "options": options}});
    let refused = error(
        app.call_json(
            &agent,
            "settings_create_field",
            &field("tier", "Tier", "text", vec![]),
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
            app.call_json(&manager, "settings_create_field", &body)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused.field(), Some(label));
    }
    let ok = app
        .call_json(
            &manager,
            "settings_create_field",
            &field("tier", "Tier", "list", vec!["Gold", "Silver"]),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let settings: FieldSettings = app.answer(&agent, "settings_fields_get", &json!({})).await;
    assert_eq!(settings.custom_fields.len(), 5);
    assert_eq!(settings.order.last().map(String::as_str), Some("tier"));
}

#[tokio::test]
async fn r20_field_order_is_saved_by_managers_refused_for_agents_and_the_drawer_follows() {
    let app = spawn_app().await;
    let manager = app.signed_in("manager@demo.test").await;
    let agent = app.signed_in("agent@demo.test").await;
    let settings: FieldSettings = app
        .answer(&manager, "settings_fields_get", &json!({}))
        .await;
    let mut order = settings.order.clone();
    order.swap(1, 6);
    let refused = error(
        app.call_json(
            &agent,
            "settings_save_order",
            &json!({"edit": {"keys": order}}),
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
        let response = app
            .call_json(
                &manager,
                "settings_save_order",
                &json!({"edit": {"keys": keys}}),
            )
            .await;
        assert_eq!(
            error(response, StatusCode::UNPROCESSABLE_ENTITY)
                .await
                .field(),
            Some("Field order")
        );
    }
    let id = contact_where(&app, "Demo", "TRUE").await;
    assert_eq!(details(&app, &agent, id).await.field_order, settings.order);
    let ok = app
        .call_json(
            &manager,
            "settings_save_order",
            &json!({"edit": {"keys": order}}),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(details(&app, &agent, id).await.field_order, order);
}
