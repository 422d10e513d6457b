//! Every server function of the app (and the CSV download, the one bulk
//! action that is a plain route), with the rule it answers to and what it
//! takes.

use super::expect::{depends_on_assignment, Rule, Takes, Target};
use shared::permissions::{Action, Assignment, Module};

/// One call under test. Some server functions appear more than once, asked
/// for different things (e.g. the assignee to yourself or to a colleague).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fun {
    LogIn,
    LogOut,
    CurrentViewer,
    SwitchWorkspace,
    SetLanguage,
    ContactsList,
    ContactsFilterOptions,
    ContactsAdd,
    ContactsAssignTags,
    ContactsUnblock,
    ContactsDeletePreview,
    ContactsDelete,
    ContactsDeleteProgress,
    ExportCsv,
    Usage,
    ChannelsList,
    ChannelsRotateToken,
    SettingsFieldsGet,
    SettingsCreateField,
    SettingsSaveOrder,
    SettingsRenameField,
    SettingsCountFieldValues,
    SettingsDeleteField,
    ImportsCheck,
    ImportsStart,
    ImportsProgress,
    ImportsHistory,
    ExportsStart,
    ExportsProgress,
    InboxConversations,
    InboxConversation,
    InboxOlderMessages,
    InboxSendMessage,
    MergeReview,
    MergeContacts,
    MergeUndo,
    MergeHistory,
    MergeSuggestions,
    MergeDismissSuggestion,
    DetailsGet,
    DetailsEditName,
    DetailsEditCountry,
    DetailsAssignToSelf,
    DetailsAssignToColleague,
    DetailsAssignToNobody,
    DetailsEditCustom,
    DetailsAddTag,
    DetailsRemoveTag,
    DetailsRemoveChannel,
    DetailsBlock,
    DetailsUnblock,
    DetailsDelete,
}

impl Fun {
    pub const ALL: [Fun; 52] = [
        Fun::LogIn,
        Fun::LogOut,
        Fun::CurrentViewer,
        Fun::SwitchWorkspace,
        Fun::SetLanguage,
        Fun::ContactsList,
        Fun::ContactsFilterOptions,
        Fun::ContactsAdd,
        Fun::ContactsAssignTags,
        Fun::ContactsUnblock,
        Fun::ContactsDeletePreview,
        Fun::ContactsDelete,
        Fun::ContactsDeleteProgress,
        Fun::ExportCsv,
        Fun::Usage,
        Fun::ChannelsList,
        Fun::ChannelsRotateToken,
        Fun::SettingsFieldsGet,
        Fun::SettingsCreateField,
        Fun::SettingsSaveOrder,
        Fun::SettingsRenameField,
        Fun::SettingsCountFieldValues,
        Fun::SettingsDeleteField,
        Fun::ImportsCheck,
        Fun::ImportsStart,
        Fun::ImportsProgress,
        Fun::ImportsHistory,
        Fun::ExportsStart,
        Fun::ExportsProgress,
        Fun::InboxConversations,
        Fun::InboxConversation,
        Fun::InboxOlderMessages,
        Fun::InboxSendMessage,
        Fun::MergeReview,
        Fun::MergeContacts,
        Fun::MergeUndo,
        Fun::MergeHistory,
        Fun::MergeSuggestions,
        Fun::MergeDismissSuggestion,
        Fun::DetailsGet,
        Fun::DetailsEditName,
        Fun::DetailsEditCountry,
        Fun::DetailsAssignToSelf,
        Fun::DetailsAssignToColleague,
        Fun::DetailsAssignToNobody,
        Fun::DetailsEditCustom,
        Fun::DetailsAddTag,
        Fun::DetailsRemoveTag,
        Fun::DetailsRemoveChannel,
        Fun::DetailsBlock,
        Fun::DetailsUnblock,
        Fun::DetailsDelete,
    ];

    /// The server function's endpoint (`None` for the CSV route).
    pub fn endpoint(self) -> Option<&'static str> {
        Some(match self {
            Fun::LogIn => "log_in",
            Fun::LogOut => "log_out",
            Fun::CurrentViewer => "current_viewer",
            Fun::SwitchWorkspace => "switch_workspace",
            Fun::SetLanguage => "set_language",
            Fun::ContactsList => "contacts_list",
            Fun::ContactsFilterOptions => "contacts_filter_options",
            Fun::ContactsAdd => "contacts_add",
            Fun::ContactsAssignTags => "contacts_assign_tags",
            Fun::ContactsUnblock => "contacts_unblock",
            Fun::ContactsDeletePreview => "contacts_delete_preview",
            Fun::ContactsDelete => "contacts_delete",
            Fun::ContactsDeleteProgress => "contacts_delete_progress",
            Fun::ExportCsv => return None,
            Fun::Usage => "usage_monthly_active_contacts",
            Fun::ChannelsList => "channels_list",
            Fun::ChannelsRotateToken => "channels_rotate_token",
            Fun::SettingsFieldsGet => "settings_fields_get",
            Fun::SettingsCreateField => "settings_create_field",
            Fun::SettingsSaveOrder => "settings_save_order",
            Fun::SettingsRenameField => "settings_rename_field",
            Fun::SettingsCountFieldValues => "settings_count_field_values",
            Fun::SettingsDeleteField => "settings_delete_field",
            Fun::ImportsCheck => "imports_check",
            Fun::ImportsStart => "imports_start",
            Fun::ImportsProgress => "imports_progress",
            Fun::ImportsHistory => "imports_history",
            Fun::ExportsStart => "exports_start",
            Fun::ExportsProgress => "exports_progress",
            Fun::InboxConversations => "inbox_conversations",
            Fun::InboxConversation => "inbox_conversation",
            Fun::InboxOlderMessages => "inbox_older_messages",
            Fun::InboxSendMessage => "inbox_send_message",
            Fun::MergeReview => "merge_review_get",
            Fun::MergeContacts => "merge_contacts",
            Fun::MergeUndo => "merge_undo",
            Fun::MergeHistory => "merge_history",
            Fun::MergeSuggestions => "merge_suggestions",
            Fun::MergeDismissSuggestion => "merge_dismiss_suggestion",
            Fun::DetailsGet => "details_get",
            Fun::DetailsEditName => "details_edit_name",
            Fun::DetailsEditCountry
            | Fun::DetailsAssignToSelf
            | Fun::DetailsAssignToColleague
            | Fun::DetailsAssignToNobody => "details_edit_field",
            Fun::DetailsEditCustom => "details_edit_custom",
            Fun::DetailsAddTag => "details_add_tag",
            Fun::DetailsRemoveTag => "details_remove_tag",
            Fun::DetailsRemoveChannel => "details_remove_channel",
            Fun::DetailsBlock => "details_block",
            Fun::DetailsUnblock => "details_unblock",
            Fun::DetailsDelete => "details_delete",
        })
    }

    pub fn rule(self) -> Rule {
        let contacts = |action| Rule::Matrix(action, Module::Contacts);
        let inbox = |action| Rule::Matrix(action, Module::Inbox);
        match self {
            Fun::LogIn | Fun::LogOut => Rule::Anyone,
            Fun::CurrentViewer
            | Fun::SetLanguage
            | Fun::Usage
            | Fun::ChannelsList
            | Fun::SettingsFieldsGet
            | Fun::InboxConversations => Rule::Member,
            Fun::SwitchWorkspace => Rule::Membership,
            Fun::ContactsList
            | Fun::ContactsFilterOptions
            | Fun::ContactsDeleteProgress
            | Fun::ImportsProgress
            | Fun::MergeSuggestions
            | Fun::DetailsGet => contacts(Action::ViewContact),
            Fun::ContactsAdd | Fun::DetailsEditCountry | Fun::DetailsEditCustom => {
                contacts(Action::EditFields)
            }
            Fun::ContactsAssignTags | Fun::DetailsAddTag | Fun::DetailsRemoveTag => {
                contacts(Action::Tag)
            }
            Fun::ContactsDeletePreview => Rule::Preview,
            Fun::ContactsDelete | Fun::DetailsDelete => contacts(Action::DeleteContact),
            Fun::ExportCsv => contacts(Action::Export),
            Fun::ChannelsRotateToken => Rule::ChannelTokens,
            Fun::SettingsCreateField
            | Fun::SettingsRenameField
            | Fun::SettingsCountFieldValues
            | Fun::SettingsDeleteField => contacts(Action::ManageCustomFields),
            Fun::SettingsSaveOrder => contacts(Action::ChangeFieldOrder),
            Fun::ImportsCheck | Fun::ImportsStart | Fun::ImportsHistory => contacts(Action::Import),
            Fun::ExportsStart | Fun::ExportsProgress => contacts(Action::ExportAll),
            Fun::InboxConversation | Fun::InboxOlderMessages => inbox(Action::ViewContact),
            Fun::InboxSendMessage => inbox(Action::SendFirstMessage),
            Fun::MergeReview | Fun::MergeContacts | Fun::MergeDismissSuggestion => {
                contacts(Action::Merge)
            }
            Fun::MergeUndo => contacts(Action::UndoMerge),
            Fun::MergeHistory => contacts(Action::SeeMergeHistory),
            Fun::DetailsEditName => contacts(Action::EditName),
            Fun::DetailsAssignToSelf => Rule::AssignTo(Assignment::ToActor),
            Fun::DetailsAssignToColleague => Rule::AssignTo(Assignment::ToOther),
            Fun::DetailsAssignToNobody => Rule::AssignTo(Assignment::Unassigned),
            Fun::DetailsRemoveChannel => contacts(Action::RemoveChannel),
            Fun::DetailsBlock => contacts(Action::Block),
            Fun::ContactsUnblock | Fun::DetailsUnblock => contacts(Action::Unblock),
        }
    }

    pub fn takes(self) -> Takes {
        match self {
            Fun::SwitchWorkspace | Fun::ChannelsRotateToken | Fun::MergeUndo => Takes::OtherId,
            Fun::ImportsCheck | Fun::ImportsStart => Takes::OtherId,
            Fun::ContactsAssignTags
            | Fun::ContactsUnblock
            | Fun::ContactsDeletePreview
            | Fun::ContactsDelete
            | Fun::ExportCsv
            | Fun::InboxConversation
            | Fun::InboxOlderMessages
            | Fun::InboxSendMessage
            | Fun::MergeReview
            | Fun::MergeContacts
            | Fun::MergeDismissSuggestion => Takes::Contacts,
            fun if fun.endpoint().is_some_and(|e| e.starts_with("details_")) => Takes::Contacts,
            _ => Takes::Nothing,
        }
    }

    /// Whether the call names something besides a contact of the own
    /// workspace that can come from another one (several contacts, or a
    /// channel or tag next to the contact).
    fn has_mixed(self) -> bool {
        matches!(
            self,
            Fun::ContactsAssignTags
                | Fun::ContactsUnblock
                | Fun::ContactsDeletePreview
                | Fun::ContactsDelete
                | Fun::ExportCsv
                | Fun::MergeReview
                | Fun::MergeContacts
                | Fun::MergeDismissSuggestion
                | Fun::InboxSendMessage
                | Fun::DetailsRemoveTag
                | Fun::DetailsRemoveChannel
        )
    }

    /// Every target this call is asked about.
    pub fn targets(self) -> Vec<Target> {
        if self.takes() == Takes::Nothing {
            return vec![Target::Workspace];
        }
        let mut targets: Vec<Target> = if depends_on_assignment(self.rule()) {
            Assignment::ALL.into_iter().map(Target::Own).collect()
        } else {
            vec![Target::Own(Assignment::Unassigned)]
        };
        targets.push(Target::Foreign);
        if self.has_mixed() {
            targets.push(Target::Mixed);
        }
        targets
    }
}
