//! Who asks, what they name, and the answer the rules give: every expected
//! status comes from the shared matrix (`shared::permissions`), from the
//! channel-token rule of the settings page or from the workspace's
//! memberships, never from a copy of the table.

use reqwest::StatusCode;
use shared::permissions::{
    assign_to_refusal, refusal, Action, Assignment, Context, Module, Refused, Role,
};
use shared::UiLanguage;

/// Who sends the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Member(Role),
    SignedOut,
}

impl Who {
    pub const ALL: [Who; 4] = [
        Who::Member(Role::Owner),
        Who::Member(Role::Manager),
        Who::Member(Role::Agent),
        Who::SignedOut,
    ];

    /// The demo user of this role in the "Demo" workspace.
    pub fn email(self) -> Option<&'static str> {
        match self {
            Who::Member(Role::Owner) => Some("owner@demo.test"),
            Who::Member(Role::Manager) => Some("manager@demo.test"),
            Who::Member(Role::Agent) => Some("agent@demo.test"),
            Who::SignedOut => None,
        }
    }
}

/// What the request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing but the session's own workspace.
    Workspace,
    /// Things of the own workspace; a contact assigned as given (seen from
    /// the user asking).
    Own(Assignment),
    /// Things of another workspace only.
    Foreign,
    /// Things of the own workspace (assigned to the user asking) together
    /// with something of another workspace.
    Mixed,
}

/// The rule a function answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Open to everyone, signed in or not (signing in and out).
    Anyone,
    /// Any member of the workspace.
    Member,
    /// The shared matrix for this action in this module.
    Matrix(Action, Module),
    /// Changing the assignee: the matrix's `Assign`, then the new assignee
    /// (seen from the user asking) by `assign_to_refusal`.
    AssignTo(Assignment),
    /// Seeing and rotating channel tokens (`may_manage_channel_tokens`).
    ChannelTokens,
    /// Moving the session to a workspace: members of it only.
    Membership,
    /// "Delete" asked for a preview: answered, with the matrix's refusal in
    /// the answer instead of a 403.
    Preview,
}

/// What a function takes, for the foreign and mixed cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Nothing beyond the session.
    Nothing,
    /// One or more contact ids (another workspace's are "not found",
    /// whoever asks).
    Contacts,
    /// The id of something else of a workspace (channel, import, merge,
    /// workspace): a role refused whatever the target is told so first.
    OtherId,
}

/// The answer a case must get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub status: StatusCode,
    /// For 403 answers, the matrix's reason, when the matrix gives one.
    pub reason: Option<&'static str>,
}

impl Expected {
    fn status(status: StatusCode) -> Self {
        Expected {
            status,
            reason: None,
        }
    }
}

/// A refusal's reason as the matrix's English-speaking clients read it.
fn english(refused: Refused) -> &'static str {
    refused.reason(UiLanguage::English)
}

/// Why `role` may not do what `rule` governs on a contact with this
/// assignment: `Some(reason)`, `Some("")` where the rule has no shared
/// sentence, or `None` if it may.
pub fn refused(role: Role, rule: Rule, assignment: Assignment) -> Option<&'static str> {
    let contacts = Context::new(Module::Contacts).assigned(assignment);
    match rule {
        Rule::Anyone | Rule::Member | Rule::Membership => None,
        Rule::Matrix(action, module) => {
            refusal(role, action, &Context::new(module).assigned(assignment)).map(english)
        }
        Rule::AssignTo(new_assignee) => refusal(role, Action::Assign, &contacts)
            .or_else(|| assign_to_refusal(role, new_assignee))
            .map(english),
        Rule::ChannelTokens => {
            (!app::settings::model::may_manage_channel_tokens(role)).then_some("")
        }
        Rule::Preview => refusal(role, Action::DeleteContact, &contacts).map(english),
    }
}

/// Whether the rule's answer depends on the contact's assignment for some
/// role: only then is each assignment a case of its own.
pub fn depends_on_assignment(rule: Rule) -> bool {
    Role::ALL.into_iter().any(|role| {
        let first = refused(role, rule, Assignment::Unassigned);
        Assignment::ALL
            .into_iter()
            .any(|assignment| refused(role, rule, assignment) != first)
    })
}

/// The answer for `who` asking under `rule` about `target`;
/// `foreign_member` tells whether the user belongs to the other workspace.
pub fn expected(
    who: Who,
    rule: Rule,
    takes: Takes,
    target: Target,
    foreign_member: bool,
) -> Expected {
    let Who::Member(role) = who else {
        return Expected::status(if rule == Rule::Anyone {
            StatusCode::OK
        } else {
            StatusCode::UNAUTHORIZED
        });
    };
    let forbidden = |reason: &'static str| Expected {
        status: StatusCode::FORBIDDEN,
        reason: (!reason.is_empty()).then_some(reason),
    };
    match target {
        Target::Foreign if rule == Rule::Membership => Expected::status(if foreign_member {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        }),
        Target::Foreign if takes == Takes::Contacts => Expected::status(StatusCode::NOT_FOUND),
        Target::Foreign => refused(role, rule, Assignment::Unassigned)
            .map_or(Expected::status(StatusCode::NOT_FOUND), forbidden),
        Target::Mixed => refused(role, rule, Assignment::ToActor)
            .map_or(Expected::status(StatusCode::NOT_FOUND), forbidden),
        Target::Own(_) | Target::Workspace if rule == Rule::Preview => {
            Expected::status(StatusCode::OK)
        }
        Target::Own(assignment) => {
            refused(role, rule, assignment).map_or(Expected::status(StatusCode::OK), forbidden)
        }
        Target::Workspace => refused(role, rule, Assignment::Unassigned)
            .map_or(Expected::status(StatusCode::OK), forbidden),
    }
}
