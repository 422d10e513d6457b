use super::*;
use proptest::prelude::*;

fn ids(n: i64) -> Selection {
    Selection::Ids((1..=n).collect())
}

fn state(states: &[BulkActionState], action: BulkAction) -> BulkActionState {
    *states.iter().find(|s| s.action == action).expect("listed")
}

#[test]
fn r34_limit_is_100() {
    assert_eq!(BULK_LIMIT, 100);
}

#[test]
fn r34_nothing_selected_means_no_bulk_bar() {
    assert!(bulk_actions(&Selection::Ids(vec![])).is_empty());
    assert!(bulk_actions(&Selection::AllMatching { count: 0 }).is_empty());
    assert!(Selection::Ids(vec![]).is_empty());
}

#[test]
fn r34_one_to_100_selected_enables_everything() {
    for selection in [
        ids(1),
        ids(37),
        ids(100),
        Selection::AllMatching { count: 100 },
    ] {
        let states = bulk_actions(&selection);
        assert_eq!(states.len(), 3);
        for s in states {
            assert!(s.enabled, "{:?} with {}", s.action, selection.count());
            assert_eq!(s.reason, None);
        }
    }
}

#[test]
fn r34_select_all_over_100_disables_assign_and_export() {
    let states = bulk_actions(&Selection::AllMatching { count: 101 });
    let assign = state(&states, BulkAction::AssignTags);
    let export = state(&states, BulkAction::ExportCsv);
    assert!(!assign.enabled);
    assert_eq!(
        assign.reason.map(BulkError::reason),
        Some("Tags can be assigned to at most 100 contacts at once.")
    );
    assert!(!export.enabled);
    assert_eq!(
        export.reason.map(BulkError::reason),
        Some("At most 100 contacts can be exported at once.")
    );
}

#[test]
fn r34_select_all_over_100_keeps_delete() {
    let states = bulk_actions(&Selection::AllMatching { count: 25_000 });
    let delete = state(&states, BulkAction::Delete);
    assert!(delete.enabled);
    assert_eq!(delete.reason, None);
}

#[test]
fn r34_over_100_ids_are_limited_too() {
    let states = bulk_actions(&ids(150));
    assert!(!state(&states, BulkAction::ExportCsv).enabled);
    assert!(state(&states, BulkAction::Delete).enabled);
}

#[test]
fn r34_repeated_ids_count_once() {
    let selection = Selection::Ids(vec![7, 7, 8]);
    assert_eq!(selection.count(), 2);
    let mut many: Vec<i64> = (1..=100).collect();
    many.extend(1..=100);
    assert!(bulk_actions(&Selection::Ids(many))
        .iter()
        .all(|s| s.enabled));
}

#[test]
fn r34_server_check_uses_the_same_limit() {
    assert_eq!(check_bulk(BulkAction::ExportCsv, 100), Ok(()));
    assert_eq!(
        check_bulk(BulkAction::ExportCsv, 101),
        Err(BulkError::OverLimit(BulkAction::ExportCsv))
    );
    assert_eq!(
        check_bulk(BulkAction::AssignTags, 101).map_err(|e| e.to_string()),
        Err("Tags can be assigned to at most 100 contacts at once.".to_owned())
    );
    assert_eq!(check_bulk(BulkAction::Delete, 1_000_000), Ok(()));
    assert_eq!(
        action_state(BulkAction::Unblock, 101)
            .reason
            .map(BulkError::reason),
        Some("At most 100 contacts can be unblocked at once.")
    );
    assert!(action_state(BulkAction::Unblock, 100).enabled);
    assert_eq!(
        check_bulk(BulkAction::Delete, 0),
        Err(BulkError::EmptySelection)
    );
}

#[test]
fn r34_bulk_actions_map_to_permissions() {
    assert_eq!(BulkAction::AssignTags.permission(), Action::Tag);
    assert_eq!(BulkAction::ExportCsv.permission(), Action::Export);
    assert_eq!(BulkAction::Delete.permission(), Action::DeleteContact);
    let labels: Vec<_> = BulkAction::ALL.iter().map(|a| a.label()).collect();
    assert_eq!(labels, ["Assign tags", "Export to CSV", "Delete"]);
}

#[test]
fn r30_r31_delete_dialog_states_the_count_and_that_it_is_final() {
    assert_eq!(
        delete_confirmation(1, UiLanguage::English),
        "Delete 1 contact? Its conversation history will be deleted too. This cannot be undone."
    );
    let many = delete_confirmation(42, UiLanguage::English);
    assert!(many.starts_with("Delete 42 contacts?"));
    assert!(many.contains("conversation history"));
    assert!(many.ends_with("This cannot be undone."));
    let german = delete_confirmation(1200, UiLanguage::German);
    assert!(german.starts_with("1.200 Kontakte löschen?"), "{german}");
    assert!(german.ends_with("Das kann nicht rückgängig gemacht werden."));
}

#[test]
fn r32_delete_all_dialog_states_the_count() {
    let english = |count, blocked| delete_all_confirmation(count, blocked, UiLanguage::English);
    let text = english(1234, 0);
    assert!(text.starts_with("Delete all 1234 contacts of this workspace?"));
    assert!(text.ends_with("This cannot be undone."));
    assert!(english(1, 0).starts_with("Delete all 1 contact of"));
    assert!(english(261, 7).starts_with(
        "Delete all 261 contacts of this workspace (254 in All contacts and 7 blocked)?"
    ));
    assert!(delete_all_confirmation(2261, 7, UiLanguage::German).starts_with(
        "Wirklich alle 2.261 Kontakte dieses Arbeitsbereichs löschen (2.254 in „Alle Kontakte“ und 7 blockiert)?"
    ));
}

#[test]
fn r32_delete_all_is_confirmed_by_typing_the_count() {
    assert!(confirms_count("261", 261));
    assert!(confirms_count(" 1,234 ", 1234));
    assert!(!confirms_count("", 0));
    assert!(!confirms_count("26", 261));
    assert!(!confirms_count("261 contacts", 261));
}

#[test]
fn selection_serializes_for_server_functions() {
    let json = serde_json::to_string(&Selection::AllMatching { count: 5 }).expect("serializes");
    assert_eq!(json, r#"{"all_matching":{"count":5}}"#);
    let json = serde_json::to_string(&Selection::Ids(vec![1, 2])).expect("serializes");
    assert_eq!(json, r#"{"ids":[1,2]}"#);
    assert_eq!(
        serde_json::from_str::<Selection>(&json).ok(),
        Some(Selection::Ids(vec![1, 2]))
    );
}

proptest! {
    #[test]
    fn r34_bar_and_server_always_agree(count in 0u64..1_000) {
        let states = bulk_actions(&Selection::AllMatching { count });
        prop_assert_eq!(states.is_empty(), count == 0);
        for s in states {
            prop_assert_eq!(s.enabled, check_bulk(s.action, count).is_ok());
            prop_assert_eq!(s.reason.is_some(), !s.enabled);
            let limited = usize::try_from(count).map_or(true, |c| c > BULK_LIMIT);
            prop_assert_eq!(s.enabled, s.action == BulkAction::Delete || !limited);
        }
    }
}

#[test]
fn r34_a_refused_bulk_request_is_worded_in_the_readers_language() {
    assert_eq!(
        BulkError::EmptySelection
            .field_error(UiLanguage::English)
            .to_string(),
        "Selection: Select at least one contact."
    );
    assert_eq!(
        BulkError::EmptySelection
            .field_error(UiLanguage::German)
            .to_string(),
        "Auswahl: Wählen Sie mindestens einen Kontakt aus."
    );
    assert_eq!(
        BulkError::OverLimit(BulkAction::ExportCsv).reason_in(UiLanguage::German),
        "Es können höchstens 100 Kontakte auf einmal exportiert werden."
    );
    assert_eq!(
        (BulkError::OverLimit(BulkAction::AssignTags))
            .field_error(UiLanguage::English)
            .message,
        BulkError::OverLimit(BulkAction::AssignTags).reason()
    );
}
