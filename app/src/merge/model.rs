//! What the merge flow, the merge history and the dashboard's suggestions
//! show and send. Shared by the browser and the server.

use crate::auth::Viewer;
use crate::contacts::model::Total;
use serde::{Deserialize, Serialize};
use shared::permissions::{refusal, Action, Assignment, Context, Module, Refused};

/// A contact as the review shows it in its column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewContact {
    /// The contact's id; the first contact of a review keeps its id.
    pub id: i64,
    /// The version the review was made at; the merge is refused when it
    /// changed meanwhile.
    pub version: i64,
    /// Display name (name, else profile name, phone or e-mail).
    pub name: String,
    /// Channel names the contact is connected on.
    pub channels: Vec<String>,
    /// Tag names; the merged contact gets all of them.
    pub tags: Vec<String>,
    /// How many messages its conversation holds.
    pub messages: i64,
}

/// One contact's value of a field in the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewOption {
    /// The contact holding it.
    pub contact_id: i64,
    /// The value as shown; empty when not set.
    pub display: String,
}

/// One standard or custom field of the review, with every contact's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewField {
    /// The field key (a standard field's key or a custom field's).
    pub key: String,
    /// The field as users see it.
    pub label: String,
    /// Every contact's value, in the order of the review's contacts.
    pub options: Vec<ReviewOption>,
    /// Whether the values differ, so the user picks one.
    pub differs: bool,
    /// The contact whose value is preselected (R13).
    pub preselected: i64,
}

/// Everything the merge review shows (R13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeReview {
    /// The contacts side by side; the first keeps its id.
    pub contacts: Vec<ReviewContact>,
    /// The fields in the workspace's order.
    pub fields: Vec<ReviewField>,
}

/// Which contact's value of a field the merged contact keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeChoice {
    /// The field key.
    pub field: String,
    /// The contact whose value wins.
    pub contact_id: i64,
}

/// "Merge": the reviewed contacts (the first keeps its id), the versions
/// they were reviewed at, and the chosen values. Fields without a choice get
/// the preselected value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeRequest {
    /// The contacts, the one that survives first.
    pub contact_ids: Vec<i64>,
    /// Their versions at review time, in the same order.
    pub versions: Vec<i64>,
    /// The picked values.
    pub choices: Vec<MergeChoice>,
}

/// A finished merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeDone {
    /// The merge, for "Undo merge".
    pub merge_id: i64,
    /// The merged contact.
    pub contact_id: i64,
}

/// A contact as a merge recorded it: id and name at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedContact {
    /// The contact's id.
    pub id: i64,
    /// Its display name at the time of the merge.
    pub name: String,
}

/// One value a merge chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenValue {
    /// The field as users see it.
    pub label: String,
    /// The value kept, as shown; empty when not set.
    pub value: String,
    /// The contact it came from.
    pub from: i64,
}

/// One entry of the merge history (R15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeHistoryEntry {
    /// The merge's id.
    pub id: i64,
    /// Who merged.
    pub merged_by: String,
    /// When (unix seconds).
    pub merged_at: i64,
    /// The contacts, the one that kept its id first.
    pub contacts: Vec<MergedContact>,
    /// The values chosen where the contacts differed.
    pub choices: Vec<ChosenValue>,
    /// Who undid it and when, if it was undone.
    pub undone: Option<(String, i64)>,
    /// Why it can no longer be undone; `None` when "Undo merge" works.
    pub undo_refusal: Option<String>,
}

/// A page of the merge history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeHistoryPage {
    /// The merges.
    pub entries: Vec<MergeHistoryEntry>,
    /// The id to pass for the next (older) page, when there is one.
    pub older: Option<i64>,
}

/// A contact in a suggestion group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedContact {
    /// The contact's id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// The user it is assigned to (agents merge only their own).
    pub assignee_id: Option<i64>,
}

/// What the contacts of a suggestion share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedKey {
    Phone,
    Email,
}

/// Contacts that share one phone number or e-mail address (R11, R16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionGroup {
    /// What they share.
    pub kind: SharedKey,
    /// The shared value, as shown.
    pub value: String,
    /// When the newest of them joined (unix seconds).
    pub newest_at: i64,
    /// The contacts (at most [`crate::merge::model::GROUP_SHOWN`]).
    pub contacts: Vec<SuggestedContact>,
    /// How many contacts share the value.
    pub members: i64,
}

/// How many contacts of a group the dashboard shows (and a merge takes).
pub const GROUP_SHOWN: usize = shared::merge::MAX_MERGE_CONTACTS;

/// Where a page of suggestions starts: after this group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionCursor {
    /// The group's newest time.
    pub newest_at: i64,
    /// "phone" or "email".
    pub kind: String,
    /// The group's normalized value.
    pub value: String,
}

impl SuggestionCursor {
    /// The cursor as one URL parameter: `<newest_at>~<kind>~<value>`.
    pub fn to_param(&self) -> String {
        format!("{}~{}~{}", self.newest_at, self.kind, self.value)
    }

    /// Reads [`Self::to_param`] back; `None` for anything else.
    pub fn from_param(param: &str) -> Option<Self> {
        let mut parts = param.splitn(3, '~');
        let newest_at = parts.next()?.parse().ok()?;
        let kind = parts.next()?;
        let value = parts.next()?;
        matches!(kind, "phone" | "email").then(|| SuggestionCursor {
            newest_at,
            kind: kind.to_owned(),
            value: value.to_owned(),
        })
    }
}

/// A page of the dashboard's merge suggestions, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionPage {
    /// The groups.
    pub groups: Vec<SuggestionGroup>,
    /// Where the next page starts, when there is one.
    pub next: Option<SuggestionCursor>,
    /// How many suggestions there are in all (counted up to
    /// [`crate::contacts::model::COUNT_CAP`]).
    pub total: Total,
}

impl SuggestionPage {
    /// How many suggestions the dashboard counts once `hidden` of the
    /// page's groups were dismissed on it.
    pub fn remaining(&self, hidden: usize) -> Total {
        Total {
            count: self
                .total
                .count
                .saturating_sub(u64::try_from(hidden).unwrap_or(0)),
            ..self.total
        }
    }
}

/// "Not a duplicate" (R16): the contacts of a suggestion that are not the
/// same person; every pair of them is never suggested again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DismissRequest {
    /// Two to [`shared::merge::MAX_MERGE_CONTACTS`] contacts.
    pub contact_ids: Vec<i64>,
}

/// How many suggestion groups one dashboard page shows.
pub const SUGGESTIONS_PER_PAGE: usize = 20;

/// How many merges one page of the history shows.
pub const HISTORY_PER_PAGE: usize = 50;

/// The review's address for these contacts, the first keeping its id;
/// "Cancel" leads back to `from` (the page the review was opened on).
pub fn review_href(contact_ids: &[i64], from: &str) -> String {
    let ids: Vec<String> = contact_ids.iter().map(ToString::to_string).collect();
    format!(
        "/contacts/merge?ids={}&from={}",
        ids.join(","),
        crate::contacts::url::encode(from)
    )
}

/// The page a review is opened from, as `from` records it: the path and its
/// query (the router gives the query with or without its `?`).
pub fn opened_from(pathname: &str, search: &str) -> String {
    match search.trim_start_matches('?') {
        "" => pathname.to_owned(),
        query => format!("{pathname}?{query}"),
    }
}

/// Where the review's "Cancel" leads: the `from` parameter when it is a path
/// of this site, else the dashboard (never another site).
pub fn return_path(from: Option<&str>) -> String {
    from.filter(|path| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.contains('\\')
            && !path.chars().any(char::is_control)
    })
    .unwrap_or("/")
    .to_owned()
}

/// Reads the review's `ids` parameter; `None` when a part is not a number.
pub fn parse_ids(param: &str) -> Option<Vec<i64>> {
    param
        .split(',')
        .filter(|part| !part.is_empty())
        .map(|part| part.trim().parse().ok())
        .collect()
}

/// Why the viewer may not merge contacts assigned to `assignees` (agents:
/// only contacts assigned to them), or `None` if they may: the server's
/// rule, so the page offers "Merge" only where it would be done.
pub fn merge_refusal(
    viewer: &Viewer,
    assignees: impl IntoIterator<Item = Option<i64>>,
) -> Option<Refused> {
    assignees.into_iter().find_map(|assignee| {
        let assignment = Assignment::of(assignee, viewer.user_id);
        refusal(
            viewer.role(),
            Action::Merge,
            &Context::new(Module::Contacts).assigned(assignment),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r16_suggestion_cursors_survive_the_url() {
        let cursor = SuggestionCursor {
            newest_at: 1_700_000_000,
            kind: "email".into(),
            value: "a~b@example.com".into(),
        };
        assert_eq!(
            SuggestionCursor::from_param(&cursor.to_param()),
            Some(cursor)
        );
        assert_eq!(SuggestionCursor::from_param("1~fax~x"), None);
        assert_eq!(SuggestionCursor::from_param("x~phone~1"), None);
    }

    #[test]
    fn r13_cancel_returns_only_to_a_page_of_this_site() {
        assert_eq!(
            return_path(Some("/contacts?contact=4")),
            "/contacts?contact=4"
        );
        assert_eq!(return_path(Some("/?suggestions=1")), "/?suggestions=1");
        for foreign in [
            "https://evil.test/",
            "//evil.test/",
            "/\\evil.test",
            "javascript:alert(1)",
            "/a\nb",
            "",
        ] {
            assert_eq!(return_path(Some(foreign)), "/", "{foreign}");
        }
        assert_eq!(return_path(None), "/");
    }

    #[test]
    fn r16_the_dashboard_counts_its_suggestions() {
        let page = |count, exact| SuggestionPage {
            groups: Vec::new(),
            next: None,
            total: Total { count, exact },
        };
        assert_eq!(
            page(12, true).remaining(0),
            Total {
                count: 12,
                exact: true
            }
        );
        assert_eq!(
            page(12, true).remaining(11),
            Total {
                count: 1,
                exact: true
            }
        );
        assert_eq!(
            page(1, true).remaining(1),
            Total {
                count: 0,
                exact: true
            }
        );
        assert_eq!(page(1001, false).remaining(1).label(), "1,000+");
    }

    #[test]
    fn r13_the_review_returns_to_the_page_with_its_query() {
        assert_eq!(opened_from("/contacts", "contact=4"), "/contacts?contact=4");
        assert_eq!(
            opened_from("/contacts", "?contact=4"),
            "/contacts?contact=4"
        );
        assert_eq!(opened_from("/", ""), "/");
    }

    #[test]
    fn r13_review_links_carry_the_contacts_in_order() {
        assert_eq!(
            review_href(&[4, 2], "/contacts?contact=4"),
            "/contacts/merge?ids=4,2&from=%2Fcontacts%3Fcontact%3D4"
        );
        assert_eq!(parse_ids("4,2"), Some(vec![4, 2]));
        assert_eq!(parse_ids("4,x"), None);
    }
}
