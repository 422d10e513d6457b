//! Merging duplicates (R13, R14): how many contacts one merge takes, which
//! fields the review asks about, which value it preselects, and when a merge
//! can still be undone. The review preselects with these functions and the
//! server fills in unanswered fields with the same ones.

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::fields::{FieldKey, StandardField};
use crate::ui_language::UiLanguage;

/// The field a wrong set of contacts is reported under.
pub const CONTACTS_FIELD: &str = "Contacts";
/// The contacts' field name in each interface language.
const CONTACTS_FIELD_NAME: FieldName = FieldName::new(CONTACTS_FIELD, "Kontakte");

/// The fewest contacts a merge combines.
pub const MIN_MERGE_CONTACTS: usize = 2;

/// The most contacts one merge combines (a duplicate group rarely has more).
pub const MAX_MERGE_CONTACTS: usize = 5;

/// R14: how long a merge can be undone from the merge history (seven days,
/// well over the promised 24 hours).
pub const UNDO_WINDOW_SECONDS: i64 = 7 * 24 * 60 * 60;

/// The standard fields whose value the user picks when contacts differ.
/// The conversation status is not among them: the merged contact keeps the
/// conversation of the contact that survives.
pub const MERGED_STANDARD_FIELDS: [StandardField; 8] = [
    StandardField::Profile,
    StandardField::FirstName,
    StandardField::LastName,
    StandardField::Email,
    StandardField::Phone,
    StandardField::Country,
    StandardField::Language,
    StandardField::Assignee,
];

/// Whether the review asks which value of `key` to keep.
pub fn is_merged_field(key: &FieldKey) -> bool {
    match key {
        FieldKey::Standard(field) => MERGED_STANDARD_FIELDS.contains(field),
        FieldKey::Custom(_) => true,
    }
}

/// R13: why a set of contacts cannot be merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub enum MergeSelectionError {
    /// A contact is listed more than once.
    Repeated,
    /// Fewer than [`MIN_MERGE_CONTACTS`] contacts.
    TooFew,
    /// More than [`MAX_MERGE_CONTACTS`] contacts.
    TooMany,
}

impl FieldRefusal for MergeSelectionError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        let message = match (language.wording(), self) {
            (UiLanguage::English, MergeSelectionError::Repeated) => {
                "each contact can be merged only once".to_owned()
            }
            (UiLanguage::English, MergeSelectionError::TooFew) => {
                "choose at least two contacts to merge".to_owned()
            }
            (UiLanguage::English, MergeSelectionError::TooMany) => {
                format!("at most {MAX_MERGE_CONTACTS} contacts can be merged at once")
            }
            (UiLanguage::German, MergeSelectionError::Repeated) => {
                "jeder Kontakt kann nur einmal zusammengeführt werden".to_owned()
            }
            (UiLanguage::German, MergeSelectionError::TooFew) => {
                "wählen Sie mindestens zwei Kontakte zum Zusammenführen aus".to_owned()
            }
            (UiLanguage::German, MergeSelectionError::TooMany) => {
                format!("es können höchstens {MAX_MERGE_CONTACTS} Kontakte auf einmal zusammengeführt werden")
            }
        };
        CONTACTS_FIELD_NAME.refuse(language, message)
    }
}

/// R13: a merge takes between two and [`MAX_MERGE_CONTACTS`] different
/// contacts; the first one keeps its id.
pub fn check_contacts(ids: &[i64]) -> Result<(), MergeSelectionError> {
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != ids.len() {
        return Err(MergeSelectionError::Repeated);
    }
    if ids.len() < MIN_MERGE_CONTACTS {
        return Err(MergeSelectionError::TooFew);
    }
    if ids.len() > MAX_MERGE_CONTACTS {
        return Err(MergeSelectionError::TooMany);
    }
    Ok(())
}

/// One contact's value of a field, as the review compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldValue<'a> {
    /// The contact holding it.
    pub contact_id: i64,
    /// When the contact was last changed (unix seconds).
    pub updated_at: i64,
    /// The value as stored; empty means not set.
    pub value: &'a str,
}

/// Whether the contacts hold different values (an empty value counts as one
/// of them), so the review asks which to keep.
pub fn values_differ(values: &[FieldValue<'_>]) -> bool {
    values
        .first()
        .is_some_and(|first| values.iter().any(|other| other.value != first.value))
}

/// R13: the value preselected in the review. `values` come in the review's
/// order, whose first contact keeps its id. The most recently updated
/// non-empty value is preselected; where several are equally recent, the
/// contact that keeps its id wins, then the one earlier in the list. When
/// every value is empty, the first contact's.
pub fn preselect(values: &[FieldValue<'_>]) -> Option<i64> {
    values
        .iter()
        .enumerate()
        .filter(|(_, value)| !value.value.trim().is_empty())
        .max_by_key(|(index, value)| (value.updated_at, std::cmp::Reverse(*index)))
        .or_else(|| values.iter().enumerate().next())
        .map(|(_, value)| value.contact_id)
}

/// What has happened to a merge's contacts since, as far as undoing it is
/// concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeState {
    /// The merge was undone already.
    pub undone: bool,
    /// One of its contacts was deleted since.
    pub contact_deleted: bool,
    /// One of its contacts took part in a later merge that was not undone.
    pub merged_again: bool,
    /// The merged contact was blocked since.
    pub blocked: bool,
}

/// R14: why a merge can no longer be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoRefusal {
    /// It was undone already.
    Undone,
    /// One of its contacts was deleted since.
    ContactDeleted,
    /// One of its contacts was merged again since.
    MergedAgain,
    /// The merged contact was blocked since.
    Blocked,
    /// The undo window is over.
    TooLate,
}

impl UndoRefusal {
    /// The reason as a sentence for the user, in `language`.
    pub fn reason(self, language: UiLanguage) -> &'static str {
        let (english, german) = match self {
            UndoRefusal::Undone => (
                "This merge was undone already.",
                "Diese Zusammenführung wurde bereits rückgängig gemacht.",
            ),
            UndoRefusal::ContactDeleted => (
                "One of the merged contacts was deleted since.",
                "Einer der zusammengeführten Kontakte wurde inzwischen gelöscht.",
            ),
            UndoRefusal::MergedAgain => (
                "One of the contacts was merged again since; undo that merge first.",
                "Einer der Kontakte wurde inzwischen erneut zusammengeführt; machen Sie zuerst diese Zusammenführung rückgängig.",
            ),
            UndoRefusal::Blocked => (
                "The merged contact was blocked since; unblock it first.",
                "Der zusammengeführte Kontakt wurde inzwischen blockiert; heben Sie zuerst die Blockierung auf.",
            ),
            UndoRefusal::TooLate => (
                "Merges can be undone for seven days only.",
                "Zusammenführungen können nur sieben Tage lang rückgängig gemacht werden.",
            ),
        };
        language.pick(english, german)
    }
}

/// R14: why a merge made at `merged_at` can no longer be undone at `now`, or
/// `None` when it can.
pub fn undo_refusal(merged_at: i64, now: i64, state: MergeState) -> Option<UndoRefusal> {
    if state.undone {
        Some(UndoRefusal::Undone)
    } else if state.contact_deleted {
        Some(UndoRefusal::ContactDeleted)
    } else if state.merged_again {
        Some(UndoRefusal::MergedAgain)
    } else if state.blocked {
        Some(UndoRefusal::Blocked)
    } else if now.saturating_sub(merged_at) > UNDO_WINDOW_SECONDS {
        Some(UndoRefusal::TooLate)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(contact_id: i64, updated_at: i64, value: &str) -> FieldValue<'_> {
        FieldValue {
            contact_id,
            updated_at,
            value,
        }
    }

    #[test]
    fn r13_a_merge_takes_two_to_five_different_contacts() {
        assert!(check_contacts(&[1, 2]).is_ok());
        assert!(check_contacts(&[1, 2, 3, 4, 5]).is_ok());
        let one = check_contacts(&[1])
            .unwrap_err()
            .field_error(UiLanguage::English);
        assert_eq!(one.field, CONTACTS_FIELD);
        assert!(one.message.contains("at least two"));
        assert_eq!(
            check_contacts(&[1, 2, 3, 4, 5, 6]),
            Err(MergeSelectionError::TooMany)
        );
        assert_eq!(check_contacts(&[1, 1]), Err(MergeSelectionError::Repeated));
    }

    #[test]
    fn r13_a_refused_merge_is_worded_in_the_readers_language() {
        assert_eq!(
            MergeSelectionError::Repeated.to_string(),
            "Contacts: each contact can be merged only once"
        );
        assert_eq!(
            MergeSelectionError::TooMany
                .field_error(UiLanguage::English)
                .to_string(),
            "Contacts: at most 5 contacts can be merged at once"
        );
        assert_eq!(
            MergeSelectionError::TooFew
                .field_error(UiLanguage::German)
                .to_string(),
            "Kontakte: wählen Sie mindestens zwei Kontakte zum Zusammenführen aus"
        );
        assert_eq!(
            MergeSelectionError::TooMany
                .field_error(UiLanguage::German)
                .message,
            "es können höchstens 5 Kontakte auf einmal zusammengeführt werden"
        );
    }

    #[test]
    fn r13_the_most_recently_updated_non_empty_value_is_preselected() {
        let values = [
            value(1, 100, "Ann"),
            value(2, 300, ""),
            value(3, 200, "Anna"),
        ];
        assert_eq!(preselect(&values), Some(3));
        assert_eq!(
            preselect(&[value(1, 100, "a"), value(2, 100, "b")]),
            Some(1)
        );
        assert_eq!(preselect(&[value(7, 100, ""), value(8, 200, " ")]), Some(7));
        assert_eq!(preselect(&[]), None);
    }

    #[test]
    fn r13_the_contact_keeping_its_id_wins_equally_recent_values() {
        // The first contact keeps its id; listed first or not by id.
        assert_eq!(
            preselect(&[value(9, 100, "Kept"), value(2, 100, "Other")]),
            Some(9)
        );
        assert_eq!(
            preselect(&[
                value(5, 100, "Kept"),
                value(3, 100, "B"),
                value(4, 100, "C")
            ]),
            Some(5)
        );
        // A newer value still wins over the kept contact's.
        assert_eq!(
            preselect(&[value(5, 100, "Kept"), value(3, 101, "Newer")]),
            Some(3)
        );
        // An empty value of the kept contact never wins over a set one.
        assert_eq!(
            preselect(&[value(5, 100, ""), value(4, 100, "C"), value(3, 100, "B")]),
            Some(4)
        );
    }

    #[test]
    fn r13_the_review_asks_only_where_values_differ() {
        assert!(!values_differ(&[value(1, 0, "x"), value(2, 0, "x")]));
        assert!(values_differ(&[value(1, 0, "x"), value(2, 0, "")]));
        assert!(!values_differ(&[value(1, 0, "")]));
    }

    #[test]
    fn r13_conversation_status_is_not_chosen_but_custom_fields_are() {
        assert!(!is_merged_field(&FieldKey::Standard(
            StandardField::ConversationStatus
        )));
        assert!(is_merged_field(&FieldKey::Standard(StandardField::Phone)));
        assert!(is_merged_field(&FieldKey::Custom("plan".into())));
    }

    #[test]
    fn r14_undo_is_refused_with_a_reason() {
        let fine = MergeState::default();
        assert_eq!(undo_refusal(0, 24 * 60 * 60, fine), None);
        assert_eq!(undo_refusal(0, UNDO_WINDOW_SECONDS, fine), None);
        assert_eq!(
            undo_refusal(0, UNDO_WINDOW_SECONDS + 1, fine),
            Some(UndoRefusal::TooLate)
        );
        let deleted = MergeState {
            contact_deleted: true,
            ..fine
        };
        assert_eq!(
            undo_refusal(0, 1, deleted),
            Some(UndoRefusal::ContactDeleted)
        );
        let again = MergeState {
            merged_again: true,
            ..fine
        };
        assert_eq!(undo_refusal(0, 1, again), Some(UndoRefusal::MergedAgain));
        let undone = MergeState {
            undone: true,
            ..fine
        };
        assert_eq!(undo_refusal(0, 1, undone), Some(UndoRefusal::Undone));
        let blocked = MergeState {
            blocked: true,
            ..fine
        };
        assert_eq!(undo_refusal(0, 1, blocked), Some(UndoRefusal::Blocked));
        assert_eq!(
            UndoRefusal::Blocked.reason(UiLanguage::German),
            "Der zusammengeführte Kontakt wurde inzwischen blockiert; heben Sie zuerst die Blockierung auf."
        );
    }
}
