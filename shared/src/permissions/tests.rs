use super::*;
use proptest::prelude::*;

const MANAGERS: [Role; 2] = [Role::Owner, Role::Manager];

/// A refusal's reason as an English-speaking user reads it.
fn english(refused: Option<Refused>) -> Option<&'static str> {
    refused.map(|refused| refused.reason(UiLanguage::English))
}

fn inbox() -> Context {
    Context::new(Module::Inbox)
}

fn contacts() -> Context {
    Context::new(Module::Contacts)
}

/// In the Contacts module, about a contact assigned to the user asking.
fn mine() -> Context {
    contacts().assigned(Assignment::ToActor)
}

/// In the Contacts module, about a contact assigned to someone else.
fn theirs() -> Context {
    contacts().assigned(Assignment::ToOther)
}

/// Every context a rule can depend on.
fn every_context() -> Vec<Context> {
    [Module::Inbox, Module::Contacts]
        .into_iter()
        .flat_map(|module| {
            Assignment::ALL
                .into_iter()
                .map(move |assignment| Context::new(module).assigned(assignment))
        })
        .collect()
}

#[test]
fn role_names_round_trip() {
    for role in Role::ALL {
        assert_eq!(role.as_str().parse::<Role>(), Ok(role));
    }
    assert_eq!("admin".parse::<Role>(), Err(UnknownRole));
}

#[test]
fn r1_r2_r14_everyone_may_view_edit_and_tag_any_contact_in_both_modules() {
    let open_to_all = [
        Action::ViewContact,
        Action::EditName,
        Action::EditFields,
        Action::Tag,
        Action::SendFirstMessage,
        Action::UndoMerge,
    ];
    for role in Role::ALL {
        for action in open_to_all {
            for context in every_context() {
                assert!(may(role, action, &context), "{role} {action:?} {context:?}");
            }
        }
    }
}

#[test]
fn r13_owners_and_managers_merge_any_contact_agents_only_their_own() {
    for context in every_context() {
        for role in MANAGERS {
            assert!(may(role, Action::Merge, &context), "{role} {context:?}");
        }
    }
    assert!(may(Role::Agent, Action::Merge, &mine()));
    for context in [contacts(), theirs()] {
        assert_eq!(
            english(refusal(Role::Agent, Action::Merge, &context)),
            Some("Agents can merge only contacts assigned to them.")
        );
    }
}

#[test]
fn r29_agents_take_unassigned_contacts_for_themselves_but_never_a_colleagues() {
    for context in every_context() {
        for role in MANAGERS {
            assert!(may(role, Action::Assign, &context), "{role} {context:?}");
            for new_assignee in Assignment::ALL {
                assert_eq!(assign_to_refusal(role, new_assignee), None);
            }
        }
    }
    assert!(may(Role::Agent, Action::Assign, &contacts()));
    assert!(may(Role::Agent, Action::Assign, &mine()));
    assert_eq!(
        english(refusal(Role::Agent, Action::Assign, &theirs())),
        Some("Agents cannot reassign a contact assigned to someone else.")
    );
    assert_eq!(assign_to_refusal(Role::Agent, Assignment::ToActor), None);
    assert_eq!(assign_to_refusal(Role::Agent, Assignment::Unassigned), None);
    assert_eq!(
        english(assign_to_refusal(Role::Agent, Assignment::ToOther)),
        Some("Agents can assign contacts only to themselves.")
    );
}

#[test]
fn assignment_is_seen_from_the_user_asking() {
    assert_eq!(Assignment::of(None, 7), Assignment::Unassigned);
    assert_eq!(Assignment::of(Some(7), 7), Assignment::ToActor);
    assert_eq!(Assignment::of(Some(8), 7), Assignment::ToOther);
}

#[test]
fn r10_remove_channel_owners_and_managers_in_contacts_module_only() {
    for role in MANAGERS {
        assert!(may(role, Action::RemoveChannel, &contacts()));
        assert_eq!(
            english(refusal(role, Action::RemoveChannel, &inbox())),
            Some("Channels can be removed in the Contacts module only.")
        );
    }
    assert_eq!(
        english(refusal(Role::Agent, Action::RemoveChannel, &mine())),
        Some("Only owners and managers can remove channels.")
    );
    assert!(!may(Role::Agent, Action::RemoveChannel, &inbox()));
}

#[test]
fn r15_merge_history_owners_and_managers_only() {
    for role in MANAGERS {
        assert!(may(role, Action::SeeMergeHistory, &contacts()));
        assert!(!may(role, Action::SeeMergeHistory, &inbox()));
    }
    assert_eq!(
        english(refusal(Role::Agent, Action::SeeMergeHistory, &contacts())),
        Some("Only owners and managers can see the merge history.")
    );
}

#[test]
fn r26_r28_block_and_unblock_in_contacts_module_only() {
    for role in Role::ALL {
        for action in [Action::Block, Action::Unblock] {
            assert!(may(role, action, &contacts()), "{role} {action:?}");
            assert!(!may(role, action, &inbox()), "{role} {action:?}");
        }
    }
    assert_eq!(
        english(refusal(Role::Owner, Action::Block, &inbox())),
        Some("Contacts can be blocked in the Contacts module only.")
    );
    assert_eq!(
        english(refusal(Role::Owner, Action::Unblock, &inbox())),
        Some("Contacts can be unblocked in the Contacts module only.")
    );
}

#[test]
fn r29_owners_and_managers_delete_any_contact() {
    for role in MANAGERS {
        assert!(may(role, Action::DeleteContact, &contacts()));
        assert!(may(role, Action::DeleteContact, &mine()));
    }
}

#[test]
fn r29_agents_delete_only_contacts_assigned_to_them() {
    assert!(may(Role::Agent, Action::DeleteContact, &mine()));
    for context in [contacts(), theirs()] {
        assert_eq!(
            english(refusal(Role::Agent, Action::DeleteContact, &context)),
            Some("Agents can delete only contacts assigned to them.")
        );
    }
}

#[test]
fn r29_delete_only_in_contacts_module() {
    for role in Role::ALL {
        assert!(!may(
            role,
            Action::DeleteContact,
            &inbox().assigned(Assignment::ToActor)
        ));
    }
}

#[test]
fn r32_delete_all_owners_and_managers_only() {
    for role in MANAGERS {
        assert!(may(role, Action::DeleteAll, &contacts()));
        assert!(!may(role, Action::DeleteAll, &inbox()));
    }
    assert_eq!(
        check(Role::Agent, Action::DeleteAll, &contacts()),
        Err(Refused::ManagersOnly(Action::DeleteAll))
    );
}

#[test]
fn r34_export_for_every_role_in_contacts_module() {
    for role in Role::ALL {
        assert!(may(role, Action::Export, &contacts()));
        assert!(!may(role, Action::Export, &inbox()));
    }
}

#[test]
fn r35_r36_import_and_export_all_for_owners_and_managers_in_contacts_module() {
    for action in [Action::Import, Action::ExportAll] {
        for role in MANAGERS {
            assert!(may(role, action, &contacts()));
            assert!(!may(role, action, &inbox()));
        }
        assert!(!may(Role::Agent, action, &contacts()));
    }
    assert_eq!(
        english(refusal(Role::Agent, Action::Import, &contacts())),
        Some("Only owners and managers can import contacts.")
    );
}

#[test]
fn r19_r20_field_order_and_custom_fields_owners_and_managers_only() {
    for action in [Action::ChangeFieldOrder, Action::ManageCustomFields] {
        for role in MANAGERS {
            assert!(may(role, action, &contacts()));
            assert!(may(role, action, &inbox()));
        }
        assert!(!may(Role::Agent, action, &contacts()));
    }
    assert_eq!(
        english(refusal(Role::Agent, Action::ChangeFieldOrder, &contacts())),
        Some("Only owners and managers can change the field order.")
    );
    assert_eq!(
        english(refusal(
            Role::Agent,
            Action::ManageCustomFields,
            &contacts()
        )),
        Some("Only owners and managers can manage custom fields.")
    );
}

#[test]
fn owners_and_managers_have_the_same_rights() {
    for action in Action::ALL {
        for context in every_context() {
            assert_eq!(
                may(Role::Owner, action, &context),
                may(Role::Manager, action, &context),
                "{action:?}"
            );
        }
    }
}

#[test]
fn agents_never_may_more_than_managers() {
    for action in Action::ALL {
        for context in every_context() {
            if may(Role::Agent, action, &context) {
                assert!(may(Role::Manager, action, &context), "{action:?}");
            }
        }
    }
}

#[test]
fn may_check_and_refusal_agree_for_every_case() {
    for role in Role::ALL {
        for action in Action::ALL {
            for context in every_context() {
                let reason = refusal(role, action, &context);
                assert_eq!(may(role, action, &context), reason.is_none());
                assert_eq!(check(role, action, &context).err(), reason);
                if let Some(reason) = reason {
                    for language in [UiLanguage::English, UiLanguage::German] {
                        let sentence = reason.reason(language);
                        assert!(sentence.ends_with('.'), "{sentence}");
                    }
                    assert_ne!(
                        reason.reason(UiLanguage::English),
                        reason.reason(UiLanguage::German)
                    );
                }
            }
        }
    }
}

#[test]
fn actions_and_modules_serialize_in_snake_case() {
    assert_eq!(
        serde_json::to_string(&Action::SeeMergeHistory).ok(),
        Some(r#""see_merge_history""#.to_owned())
    );
    assert_eq!(
        serde_json::to_string(&Module::Contacts).ok(),
        Some(r#""contacts""#.to_owned())
    );
}

proptest! {
    #[test]
    fn role_parse_never_panics(input in any::<String>()) {
        if let Ok(role) = input.parse::<Role>() {
            prop_assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
    }
}
