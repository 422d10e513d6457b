use super::*;
use proptest::prelude::*;

const MANAGERS: [Role; 2] = [Role::Owner, Role::Manager];

fn inbox() -> Context {
    Context::new(Module::Inbox)
}

fn contacts() -> Context {
    Context::new(Module::Contacts)
}

#[test]
fn role_names_round_trip() {
    for role in Role::ALL {
        assert_eq!(role.as_str().parse::<Role>(), Ok(role));
    }
    assert_eq!("admin".parse::<Role>(), Err(UnknownRole));
}

#[test]
fn r1_r2_r13_r14_everyone_may_view_edit_tag_assign_and_merge_in_both_modules() {
    let open_to_all = [
        Action::ViewContact,
        Action::EditName,
        Action::EditFields,
        Action::Assign,
        Action::Tag,
        Action::SendFirstMessage,
        Action::Merge,
        Action::UndoMerge,
    ];
    for role in Role::ALL {
        for action in open_to_all {
            for context in [inbox(), contacts(), contacts().assigned(true)] {
                assert!(may(role, action, &context), "{role} {action:?} {context:?}");
            }
        }
    }
}

#[test]
fn r10_remove_channel_owners_and_managers_in_contacts_module_only() {
    for role in MANAGERS {
        assert!(may(role, Action::RemoveChannel, &contacts()));
        assert_eq!(
            refusal(role, Action::RemoveChannel, &inbox()),
            Some("Channels can be removed in the Contacts module only.")
        );
    }
    assert_eq!(
        refusal(
            Role::Agent,
            Action::RemoveChannel,
            &contacts().assigned(true)
        ),
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
        refusal(Role::Agent, Action::SeeMergeHistory, &contacts()),
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
        refusal(Role::Owner, Action::Block, &inbox()),
        Some("Contacts can be blocked in the Contacts module only.")
    );
    assert_eq!(
        refusal(Role::Owner, Action::Unblock, &inbox()),
        Some("Contacts can be unblocked in the Contacts module only.")
    );
}

#[test]
fn r29_owners_and_managers_delete_any_contact() {
    for role in MANAGERS {
        assert!(may(role, Action::DeleteContact, &contacts()));
        assert!(may(role, Action::DeleteContact, &contacts().assigned(true)));
    }
}

#[test]
fn r29_agents_delete_only_contacts_assigned_to_them() {
    assert!(may(
        Role::Agent,
        Action::DeleteContact,
        &contacts().assigned(true)
    ));
    assert_eq!(
        refusal(Role::Agent, Action::DeleteContact, &contacts()),
        Some("Agents can delete only contacts assigned to them.")
    );
}

#[test]
fn r29_delete_only_in_contacts_module() {
    for role in Role::ALL {
        assert!(!may(role, Action::DeleteContact, &inbox().assigned(true)));
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
        Err(Refused("Only owners and managers can delete all contacts."))
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
fn r19_r20_field_order_and_custom_fields_owners_and_managers_only() {
    for action in [Action::ChangeFieldOrder, Action::ManageCustomFields] {
        for role in MANAGERS {
            assert!(may(role, action, &contacts()));
            assert!(may(role, action, &inbox()));
        }
        assert!(!may(Role::Agent, action, &contacts()));
    }
    assert_eq!(
        refusal(Role::Agent, Action::ChangeFieldOrder, &contacts()),
        Some("Only owners and managers can change the field order.")
    );
    assert_eq!(
        refusal(Role::Agent, Action::ManageCustomFields, &contacts()),
        Some("Only owners and managers can manage custom fields.")
    );
}

#[test]
fn owners_and_managers_have_the_same_rights() {
    for action in Action::ALL {
        for context in [inbox(), contacts(), contacts().assigned(true)] {
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
        for context in [
            inbox(),
            inbox().assigned(true),
            contacts(),
            contacts().assigned(true),
        ] {
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
            for context in [
                inbox(),
                inbox().assigned(true),
                contacts(),
                contacts().assigned(true),
            ] {
                let reason = refusal(role, action, &context);
                assert_eq!(may(role, action, &context), reason.is_none());
                assert_eq!(check(role, action, &context).err().map(|r| r.0), reason);
                if let Some(reason) = reason {
                    assert!(reason.ends_with('.'), "{reason}");
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
