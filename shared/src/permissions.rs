//! Roles of a workspace member and what each may do: one matrix, [`may`],
//! asked by the drawer to show or hide a button and by the server to refuse
//! the same request.
//!
//! The rules, by action (R-numbers from `docs/rules.md`):
//!
//! | action | owner / manager | agent | module |
//! |---|---|---|---|
//! | view, edit name, edit fields, tag, undo merge, send first message | yes | yes | both |
//! | assign (R18) | yes | contacts assigned to nobody or to them, and only to themselves or nobody | both |
//! | merge (R13) | yes | only contacts assigned to them | both |
//! | remove channel (R10) | yes | no | Contacts |
//! | block, unblock (R26, R28) | yes | yes | Contacts |
//! | delete one (R29) | yes | only contacts assigned to them | Contacts |
//! | delete all (R32) | yes | no | Contacts |
//! | see merge history (R15) | yes | no | Contacts |
//! | export to CSV (R34) | yes | yes | Contacts |
//! | import contacts (R35), export all contacts (R36) | yes | no | Contacts |
//! | change field order (R20), manage custom fields (R19) | yes | no | both |
//!
//! Agents see every contact of the workspace (they answer any conversation in
//! the Inbox) and may edit and tag any of them. What could remove or hand
//! away a contact depends on its assignment, so that R29 cannot be worked
//! around: an agent takes only unassigned contacts, and only for themselves
//! (never a colleague's contact), merges only contacts assigned to them
//! (merging removes the merged-away contacts from every list) and deletes
//! only contacts assigned to them.

use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A user's role inside one workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Owns the workspace; has every right a manager has.
    Owner,
    /// Runs the team: everything agents may do, plus the actions marked
    /// "owners and managers" in `docs/rules.md`.
    Manager,
    /// Answers conversations and works with contacts.
    Agent,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 3] = [Role::Owner, Role::Manager, Role::Agent];

    /// The stable lowercase name used in storage and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Agent => "agent",
        }
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Manager => "Manager",
            Role::Agent => "Agent",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the known role names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Role must be owner, manager or agent")]
pub struct UnknownRole;

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s.trim())
            .ok_or(UnknownRole)
    }
}

/// Where in the app an action is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Module {
    /// The Inbox: the drawer beside a conversation (R1).
    Inbox,
    /// The Contacts module: the contacts table and its drawer (R2).
    Contacts,
}

/// Everything a user can do to contacts in docs/rules.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Open a contact's drawer (R1, R2).
    ViewContact,
    /// Change first and last name (R4).
    EditName,
    /// Change standard and custom field values (R18, R19).
    EditFields,
    /// Change the assignee (R18).
    Assign,
    /// Add or remove tags, including bulk "Assign tags" (R22, R23, R34).
    Tag,
    /// Start a conversation from an inactive channel (R8).
    SendFirstMessage,
    /// Disconnect a channel from a contact (R10).
    RemoveChannel,
    /// Merge contacts (R13).
    Merge,
    /// Undo a merge (R14).
    UndoMerge,
    /// See who merged which contacts, when, and undos (R15).
    SeeMergeHistory,
    /// Block a contact (R25–R27).
    Block,
    /// Unblock a contact (R28).
    Unblock,
    /// Delete one contact, alone or in a bulk selection (R29–R31).
    DeleteContact,
    /// Delete every contact of the workspace (R32).
    DeleteAll,
    /// Export contacts to CSV (R34).
    Export,
    /// Import contacts from a CSV file, and see the import history (R35).
    Import,
    /// Export every contact of the workspace in the background (R36).
    ExportAll,
    /// Change the workspace's field order (R20).
    ChangeFieldOrder,
    /// Create, change and delete custom field definitions (R19).
    ManageCustomFields,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 19] = [
        Action::ViewContact,
        Action::EditName,
        Action::EditFields,
        Action::Assign,
        Action::Tag,
        Action::SendFirstMessage,
        Action::RemoveChannel,
        Action::Merge,
        Action::UndoMerge,
        Action::SeeMergeHistory,
        Action::Block,
        Action::Unblock,
        Action::DeleteContact,
        Action::DeleteAll,
        Action::Export,
        Action::Import,
        Action::ExportAll,
        Action::ChangeFieldOrder,
        Action::ManageCustomFields,
    ];

    /// Whether it is offered in the Contacts module only.
    fn contacts_module_only(self) -> bool {
        matches!(
            self,
            Action::RemoveChannel
                | Action::Block
                | Action::Unblock
                | Action::DeleteContact
                | Action::DeleteAll
                | Action::SeeMergeHistory
                | Action::Export
                | Action::ExportAll
                | Action::Import
        )
    }

    /// Whether it is for owners and managers only.
    fn managers_only(self) -> bool {
        matches!(
            self,
            Action::RemoveChannel
                | Action::DeleteAll
                | Action::SeeMergeHistory
                | Action::Import
                | Action::ExportAll
                | Action::ChangeFieldOrder
                | Action::ManageCustomFields
        )
    }
}

/// Who a contact is assigned to, seen from the user asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assignment {
    /// Nobody.
    Unassigned,
    /// The user asking.
    ToActor,
    /// Another user.
    ToOther,
}

impl Assignment {
    /// Every case.
    pub const ALL: [Assignment; 3] = [
        Assignment::Unassigned,
        Assignment::ToActor,
        Assignment::ToOther,
    ];

    /// The assignment of a contact whose assignee is `assignee_id`, seen by
    /// the user `actor_id`.
    pub fn of(assignee_id: Option<i64>, actor_id: i64) -> Self {
        match assignee_id {
            None => Assignment::Unassigned,
            Some(id) if id == actor_id => Assignment::ToActor,
            Some(_) => Assignment::ToOther,
        }
    }
}

/// The circumstances of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The module the action is asked for in.
    pub module: Module,
    /// Who the contact is assigned to (matters for agents assigning,
    /// merging and deleting).
    pub assignment: Assignment,
}

impl Context {
    /// A request in `module` about an unassigned contact.
    pub fn new(module: Module) -> Self {
        Self {
            module,
            assignment: Assignment::Unassigned,
        }
    }

    /// The same context, about a contact with this assignment.
    pub fn assigned(self, assignment: Assignment) -> Self {
        Self { assignment, ..self }
    }
}

/// Why an action was refused; [`Refused::reason`] words it for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.reason(UiLanguage::English))]
pub enum Refused {
    /// The action is offered in the Contacts module only.
    ContactsModuleOnly(Action),
    /// The action is for owners and managers only.
    ManagersOnly(Action),
    /// Agents delete only contacts assigned to them.
    AgentsDeleteTheirOwn,
    /// Agents merge only contacts assigned to them.
    AgentsMergeTheirOwn,
    /// Agents do not take a contact from another user.
    AgentsCannotReassign,
    /// Agents assign contacts only to themselves (or to nobody).
    AgentsAssignThemselves,
}

impl Refused {
    /// The reason as a sentence to show the user (e.g. as a disabled
    /// button's title), in `language`.
    pub fn reason(self, language: UiLanguage) -> &'static str {
        let (english, german) = self.sentences();
        language.pick(english, german)
    }

    fn sentences(self) -> (&'static str, &'static str) {
        match self {
            Refused::ContactsModuleOnly(action) => match action {
                Action::RemoveChannel => (
                    "Channels can be removed in the Contacts module only.",
                    "Kanäle können nur im Kontakte-Modul entfernt werden.",
                ),
                Action::Block => (
                    "Contacts can be blocked in the Contacts module only.",
                    "Kontakte können nur im Kontakte-Modul blockiert werden.",
                ),
                Action::Unblock => (
                    "Contacts can be unblocked in the Contacts module only.",
                    "Blockierungen können nur im Kontakte-Modul aufgehoben werden.",
                ),
                Action::DeleteContact | Action::DeleteAll => (
                    "Contacts can be deleted in the Contacts module only.",
                    "Kontakte können nur im Kontakte-Modul gelöscht werden.",
                ),
                Action::SeeMergeHistory => (
                    "The merge history is in the Contacts module only.",
                    "Der Zusammenführungsverlauf ist nur im Kontakte-Modul zu sehen.",
                ),
                Action::Export | Action::ExportAll => (
                    "Contacts can be exported in the Contacts module only.",
                    "Kontakte können nur im Kontakte-Modul exportiert werden.",
                ),
                _ => (
                    "Contacts can be imported in the Contacts module only.",
                    "Kontakte können nur im Kontakte-Modul importiert werden.",
                ),
            },
            Refused::ManagersOnly(action) => match action {
                Action::RemoveChannel => (
                    "Only owners and managers can remove channels.",
                    "Nur Inhaber und Manager können Kanäle entfernen.",
                ),
                Action::DeleteAll => (
                    "Only owners and managers can delete all contacts.",
                    "Nur Inhaber und Manager können alle Kontakte löschen.",
                ),
                Action::SeeMergeHistory => (
                    "Only owners and managers can see the merge history.",
                    "Nur Inhaber und Manager können den Zusammenführungsverlauf sehen.",
                ),
                Action::Import => (
                    "Only owners and managers can import contacts.",
                    "Nur Inhaber und Manager können Kontakte importieren.",
                ),
                Action::ExportAll => (
                    "Only owners and managers can export all contacts.",
                    "Nur Inhaber und Manager können alle Kontakte exportieren.",
                ),
                Action::ChangeFieldOrder => (
                    "Only owners and managers can change the field order.",
                    "Nur Inhaber und Manager können die Reihenfolge der Felder ändern.",
                ),
                _ => (
                    "Only owners and managers can manage custom fields.",
                    "Nur Inhaber und Manager können benutzerdefinierte Felder verwalten.",
                ),
            },
            Refused::AgentsDeleteTheirOwn => (
                "Agents can delete only contacts assigned to them.",
                "Agenten können nur Kontakte löschen, die ihnen zugewiesen sind.",
            ),
            Refused::AgentsMergeTheirOwn => (
                "Agents can merge only contacts assigned to them.",
                "Agenten können nur Kontakte zusammenführen, die ihnen zugewiesen sind.",
            ),
            Refused::AgentsCannotReassign => (
                "Agents cannot reassign a contact assigned to someone else.",
                "Agenten können einen Kontakt, der jemand anderem zugewiesen ist, nicht neu zuweisen.",
            ),
            Refused::AgentsAssignThemselves => (
                "Agents can assign contacts only to themselves.",
                "Agenten können Kontakte nur sich selbst zuweisen.",
            ),
        }
    }
}

/// Why `role` may not do `action` in `context`, or `None` if it may.
pub fn refusal(role: Role, action: Action, context: &Context) -> Option<Refused> {
    if context.module != Module::Contacts && action.contacts_module_only() {
        return Some(Refused::ContactsModuleOnly(action));
    }
    if role != Role::Agent {
        return None;
    }
    match (action, context.assignment) {
        (Action::DeleteContact, Assignment::Unassigned | Assignment::ToOther) => {
            Some(Refused::AgentsDeleteTheirOwn)
        }
        (Action::Merge, Assignment::Unassigned | Assignment::ToOther) => {
            Some(Refused::AgentsMergeTheirOwn)
        }
        (Action::Assign, Assignment::ToOther) => Some(Refused::AgentsCannotReassign),
        _ => action
            .managers_only()
            .then_some(Refused::ManagersOnly(action)),
    }
}

/// Why `role` may not give a contact to the new assignee (seen from the
/// user asking), or `None` if it may. Agents assign only to themselves or to
/// nobody; whether they may touch the contact at all is [`refusal`]'s
/// [`Action::Assign`].
pub fn assign_to_refusal(role: Role, new_assignee: Assignment) -> Option<Refused> {
    (role == Role::Agent && new_assignee == Assignment::ToOther)
        .then_some(Refused::AgentsAssignThemselves)
}

/// Whether `role` may do `action` in `context` (see the module's table).
pub fn may(role: Role, action: Action, context: &Context) -> bool {
    refusal(role, action, context).is_none()
}

/// [`may`] as a `Result`, for the server: `Err` carries the reason.
pub fn check(role: Role, action: Action, context: &Context) -> Result<(), Refused> {
    refusal(role, action, context).map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests;
