//! Bulk actions on the contacts table (R31–R34): what a selection allows, the
//! limit, and the confirmation text of deleting.

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::permissions::Action;
use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// R34: the most contacts "Assign tags" and "Export to CSV" work on at once.
pub const BULK_LIMIT: usize = 100;

/// The field a refused bulk request is reported under.
pub const SELECTION_FIELD: &str = "Selection";
/// The selection's name in each interface language.
const SELECTION_FIELD_NAME: FieldName = FieldName::new(SELECTION_FIELD, "Auswahl");

/// The contacts a bulk action applies to.
///
/// For [`Selection::AllMatching`], the filter itself (search text, tags…)
/// travels beside the selection in the request, and the server counts again
/// before acting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// Rows checked one by one, or a whole page by the header check box (R31).
    Ids(Vec<i64>),
    /// "Select all": every contact matching the table's current filter.
    AllMatching {
        /// How many contacts match.
        count: u64,
    },
}

impl Selection {
    /// How many contacts are selected (repeated ids count once).
    pub fn count(&self) -> u64 {
        match self {
            Selection::Ids(ids) => {
                let distinct: HashSet<_> = ids.iter().collect();
                u64::try_from(distinct.len()).unwrap_or(u64::MAX)
            }
            Selection::AllMatching { count } => *count,
        }
    }

    /// Whether nothing is selected (then there is no bulk bar, R34).
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

/// The buttons of the bulk bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    /// "Assign tags".
    AssignTags,
    /// "Export to CSV".
    ExportCsv,
    /// "Delete".
    Delete,
    /// "Unblock", offered in the "Blocked contacts" view only.
    Unblock,
}

impl BulkAction {
    /// The bulk actions of every view, in the bar's order ("Unblock" comes
    /// first in the "Blocked contacts" view).
    pub const ALL: [BulkAction; 3] = [
        BulkAction::AssignTags,
        BulkAction::ExportCsv,
        BulkAction::Delete,
    ];

    /// The button's text.
    pub fn label(self) -> &'static str {
        match self {
            BulkAction::AssignTags => "Assign tags",
            BulkAction::ExportCsv => "Export to CSV",
            BulkAction::Delete => "Delete",
            BulkAction::Unblock => "Unblock",
        }
    }

    /// The permission the action needs per contact (see
    /// [`crate::permissions::may`]); for an agent's bulk delete, the server
    /// checks each contact's assignment.
    pub fn permission(self) -> Action {
        match self {
            BulkAction::AssignTags => Action::Tag,
            BulkAction::ExportCsv => Action::Export,
            BulkAction::Delete => Action::DeleteContact,
            BulkAction::Unblock => Action::Unblock,
        }
    }

    /// Whether the action is limited to [`BULK_LIMIT`] contacts (R34: all but
    /// "Delete").
    pub fn is_limited(self) -> bool {
        self != BulkAction::Delete
    }

    fn over_limit_reason(self, language: UiLanguage) -> &'static str {
        match (language.wording(), self) {
            (_, BulkAction::Delete) => "",
            (UiLanguage::English, BulkAction::AssignTags) => {
                "Tags can be assigned to at most 100 contacts at once."
            }
            (UiLanguage::English, BulkAction::ExportCsv) => {
                "At most 100 contacts can be exported at once."
            }
            (UiLanguage::English, BulkAction::Unblock) => {
                "At most 100 contacts can be unblocked at once."
            }
            (UiLanguage::German, BulkAction::AssignTags) => {
                "Tags können höchstens 100 Kontakten auf einmal zugewiesen werden."
            }
            (UiLanguage::German, BulkAction::ExportCsv) => {
                "Es können höchstens 100 Kontakte auf einmal exportiert werden."
            }
            (UiLanguage::German, BulkAction::Unblock) => {
                "Die Blockierung kann für höchstens 100 Kontakte auf einmal aufgehoben werden."
            }
        }
    }
}

/// One button of the bulk bar: enabled, or disabled with the reason to show.
/// Computed where it is shown (it serializes, but holds `&'static str`, so it
/// is not meant to be deserialized).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BulkActionState {
    /// The button.
    pub action: BulkAction,
    /// Whether it can be pressed.
    pub enabled: bool,
    /// Why it is disabled (`None` when enabled).
    pub reason: Option<BulkError>,
}

/// R34: the bulk bar for a selection. Nothing selected: no bar (an empty
/// list). 1 to [`BULK_LIMIT`]: every action enabled. More: "Assign tags" and
/// "Export to CSV" disabled with their reason, "Delete" still enabled.
pub fn bulk_actions(selection: &Selection) -> Vec<BulkActionState> {
    let count = selection.count();
    if count == 0 {
        return Vec::new();
    }
    BulkAction::ALL
        .into_iter()
        .map(|action| action_state(action, count))
        .collect()
}

/// One bulk action's button for `count` selected contacts: enabled, or
/// disabled with the reason.
pub fn action_state(action: BulkAction, count: u64) -> BulkActionState {
    match check_bulk(action, count) {
        Ok(()) => BulkActionState {
            action,
            enabled: true,
            reason: None,
        },
        Err(error) => BulkActionState {
            action,
            enabled: false,
            reason: Some(error),
        },
    }
}

/// Why the server refuses a bulk request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[error("{}", self.reason())]
pub enum BulkError {
    /// No contact is selected.
    EmptySelection,
    /// The action is limited to [`BULK_LIMIT`] contacts and more are selected.
    OverLimit(BulkAction),
}

impl BulkError {
    /// The user-facing sentence, in English.
    pub fn reason(self) -> &'static str {
        self.reason_in(UiLanguage::English)
    }

    /// The user-facing sentence in `language`.
    pub fn reason_in(self, language: UiLanguage) -> &'static str {
        match (language.wording(), self) {
            (_, BulkError::OverLimit(action)) => action.over_limit_reason(language),
            (UiLanguage::English, BulkError::EmptySelection) => "Select at least one contact.",
            (UiLanguage::German, BulkError::EmptySelection) => {
                "Wählen Sie mindestens einen Kontakt aus."
            }
        }
    }
}

impl FieldRefusal for BulkError {
    /// A refusal of the selection; the reason is a whole sentence.
    fn field_error(&self, language: UiLanguage) -> FieldError {
        SELECTION_FIELD_NAME.refuse(language, self.reason_in(language))
    }
}

/// R34: the server's check of a bulk request for `count` contacts — the
/// same rule that enables the buttons.
pub fn check_bulk(action: BulkAction, count: u64) -> Result<(), BulkError> {
    if count == 0 {
        return Err(BulkError::EmptySelection);
    }
    let limit = u64::try_from(BULK_LIMIT).unwrap_or(u64::MAX);
    if action.is_limited() && count > limit {
        return Err(BulkError::OverLimit(action));
    }
    Ok(())
}

/// R30, R31: the question of the delete dialog, stating how many contacts go
/// and that it cannot be undone, in `language`.
pub fn delete_confirmation(count: u64, language: UiLanguage) -> String {
    match (language.wording(), count) {
        (UiLanguage::English, 1) => {
            "Delete 1 contact? Its conversation history will be deleted too. This cannot be undone."
                .to_owned()
        }
        (UiLanguage::English, _) => format!(
            "Delete {count} contacts? Their conversation history will be deleted too. This cannot be undone."
        ),
        (UiLanguage::German, 1) => {
            "1 Kontakt löschen? Sein Konversationsverlauf wird ebenfalls gelöscht. Das kann nicht rückgängig gemacht werden."
                .to_owned()
        }
        (UiLanguage::German, _) => format!(
            "{} Kontakte löschen? Ihr Konversationsverlauf wird ebenfalls gelöscht. Das kann nicht rückgängig gemacht werden.",
            language.count(count)
        ),
    }
}

/// R32: the question of the "Delete all" dialog for a workspace with `count`
/// contacts, `blocked` of them blocked (the "All contacts" view counts the
/// others, so the difference is said), in `language`.
pub fn delete_all_confirmation(count: u64, blocked: u64, language: UiLanguage) -> String {
    let shown = count.saturating_sub(blocked);
    match language.wording() {
        UiLanguage::English => {
            let contacts = if count == 1 { "contact" } else { "contacts" };
            let split = if blocked > 0 {
                format!(" ({shown} in All contacts and {blocked} blocked)")
            } else {
                String::new()
            };
            format!(
                "Delete all {count} {contacts} of this workspace{split}? Their conversation history will be deleted too. This cannot be undone."
            )
        }
        UiLanguage::German => {
            let split = if blocked > 0 {
                format!(
                    " ({} in „Alle Kontakte“ und {} blockiert)",
                    language.count(shown),
                    language.count(blocked)
                )
            } else {
                String::new()
            };
            let contacts = if count == 1 {
                "den einzigen Kontakt".to_owned()
            } else {
                format!("alle {} Kontakte", language.count(count))
            };
            format!(
                "Wirklich {contacts} dieses Arbeitsbereichs löschen{split}? Ihr Konversationsverlauf wird ebenfalls gelöscht. Das kann nicht rückgängig gemacht werden."
            )
        }
    }
}

/// R32: whether what the user typed to confirm "Delete all" is the number
/// of contacts (thousands separators and spaces allowed).
pub fn confirms_count(typed: &str, count: u64) -> bool {
    let typed = typed.trim();
    !typed.is_empty()
        && typed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}'))
        && typed
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            == count.to_string()
}

#[cfg(test)]
mod tests;
