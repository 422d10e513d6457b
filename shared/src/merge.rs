//! Merging duplicates (R13, R14): how many contacts one merge takes, which
//! fields the review asks about, which value it preselects, and when a merge
//! can still be undone. The review preselects with these functions and the
//! server fills in unanswered fields with the same ones.

use crate::error::FieldError;
use crate::fields::{FieldKey, StandardField};

/// The field a wrong set of contacts is reported under.
pub const CONTACTS_FIELD: &str = "Contacts";

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

/// R13: a merge takes between two and [`MAX_MERGE_CONTACTS`] different
/// contacts; the first one keeps its id.
pub fn check_contacts(ids: &[i64]) -> Result<(), FieldError> {
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != ids.len() {
        return Err(FieldError::new(
            CONTACTS_FIELD,
            "each contact can be merged only once",
        ));
    }
    if ids.len() < MIN_MERGE_CONTACTS {
        return Err(FieldError::new(
            CONTACTS_FIELD,
            "choose at least two contacts to merge",
        ));
    }
    if ids.len() > MAX_MERGE_CONTACTS {
        return Err(FieldError::new(
            CONTACTS_FIELD,
            format!("at most {MAX_MERGE_CONTACTS} contacts can be merged at once"),
        ));
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

/// R14: why a merge made at `merged_at` can no longer be undone at `now`, or
/// `None` when it can.
pub fn undo_refusal(merged_at: i64, now: i64, state: MergeState) -> Option<&'static str> {
    if state.undone {
        Some("This merge was undone already.")
    } else if state.contact_deleted {
        Some("One of the merged contacts was deleted since.")
    } else if state.merged_again {
        Some("One of the contacts was merged again since; undo that merge first.")
    } else if state.blocked {
        Some("The merged contact was blocked since; unblock it first.")
    } else if now.saturating_sub(merged_at) > UNDO_WINDOW_SECONDS {
        Some("Merges can be undone for seven days only.")
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
        let one = check_contacts(&[1]).unwrap_err();
        assert_eq!(one.field, CONTACTS_FIELD);
        assert!(one.message.contains("at least two"));
        assert!(check_contacts(&[1, 2, 3, 4, 5, 6]).is_err());
        assert!(check_contacts(&[1, 1])
            .unwrap_err()
            .message
            .contains("once"));
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
        assert!(undo_refusal(0, UNDO_WINDOW_SECONDS + 1, fine).is_some());
        let deleted = MergeState {
            contact_deleted: true,
            ..fine
        };
        assert!(undo_refusal(0, 1, deleted).unwrap().contains("deleted"));
        let again = MergeState {
            merged_again: true,
            ..fine
        };
        assert!(undo_refusal(0, 1, again).unwrap().contains("merged again"));
        let undone = MergeState {
            undone: true,
            ..fine
        };
        assert!(undo_refusal(0, 1, undone).unwrap().contains("undone"));
        let blocked = MergeState {
            blocked: true,
            ..fine
        };
        assert!(undo_refusal(0, 1, blocked).unwrap().contains("blocked"));
    }
}
