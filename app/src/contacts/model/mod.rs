//! What the contacts table sends and receives: the query behind a page, a
//! page of rows, the targets of bulk actions and the delete job's progress;
//! where the table is (cursors, totals, the pager) is in `paging`.

use crate::i18n::{td_string, Locale};
use serde::{Deserialize, Serialize};
use shared::channel::ChannelKind;
use shared::fields::ConversationStatus;

mod actions;
mod paging;
pub use actions::*;
pub use paging::*;

/// Rows per page of the contacts table.
pub const PAGE_SIZE: usize = 50;

/// Filtered totals are counted up to this many; beyond, the table says
/// "1,000+" (an exact count would read every matching row).
pub const COUNT_CAP: u64 = 1000;

/// The most contact ids one request may name.
pub const MAX_IDS: usize = 5000;

/// Which contacts the module lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Every contact that is not blocked.
    #[default]
    All,
    /// "Blocked contacts" (R28).
    Blocked,
}

/// The order of the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Newest contacts first.
    #[default]
    Added,
    /// Most recent message first; contacts without messages last.
    LastMessage,
    /// By display name, A to Z.
    Name,
}

impl Sort {
    /// Every order, as offered in the "Sort by" list.
    pub const ALL: [Sort; 3] = [Sort::Added, Sort::LastMessage, Sort::Name];

    /// The value in the URL (`sort=`).
    pub fn key(self) -> &'static str {
        match self {
            Sort::Added => "added",
            Sort::LastMessage => "last_message",
            Sort::Name => "name",
        }
    }

    /// The option's text in the page's language.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Sort::Added => td_string!(locale, contacts.sort.added),
            Sort::LastMessage => td_string!(locale, contacts.sort.last_message),
            Sort::Name => td_string!(locale, contacts.sort.name),
        }
    }

    fn from_key(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.key() == key)
    }

    /// The direction a column starts in when it is picked: newest first for
    /// dates, A to Z for names.
    pub fn first_direction(self) -> Direction {
        match self {
            Sort::Added | Sort::LastMessage => Direction::Descending,
            Sort::Name => Direction::Ascending,
        }
    }
}

/// Which way the table's order runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Smallest first: A to Z, oldest first.
    Ascending,
    /// Largest first: Z to A, newest first.
    #[default]
    Descending,
}

impl Direction {
    /// The value in the URL (`dir=`) and of `aria-sort`.
    pub fn key(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }

    /// The other direction.
    pub fn reversed(self) -> Direction {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }

    fn from_key(key: &str) -> Option<Direction> {
        [Direction::Ascending, Direction::Descending]
            .into_iter()
            .find(|direction| direction.key() == key)
    }
}

/// Whether a contact needs one of the ticked tags or all of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagMatch {
    /// Any of the ticked tags.
    #[default]
    Any,
    /// Every ticked tag.
    All,
}

/// Whose contacts the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssigneeFilter {
    /// Contacts assigned to nobody.
    Unassigned,
    /// Contacts assigned to this user.
    User(i64),
}

impl AssigneeFilter {
    /// The value in the URL (`assignee=`): `none` or a user id.
    pub fn key(self) -> String {
        match self {
            AssigneeFilter::Unassigned => "none".to_string(),
            AssigneeFilter::User(id) => id.to_string(),
        }
    }

    fn from_key(key: &str) -> Option<AssigneeFilter> {
        match key {
            "none" => Some(AssigneeFilter::Unassigned),
            other => other.parse().ok().map(AssigneeFilter::User),
        }
    }
}

/// Search, filters, order and view of the table: everything but the page.
/// Lives in the URL, so reloads, back/forward and shared links show the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactQuery {
    /// "Search contacts": name, e-mail or phone, by prefix.
    pub search: String,
    /// "Filter by tag": contacts with any (or all, see `tag_match`) of these
    /// tags (names).
    pub tags: Vec<String>,
    /// Whether the ticked tags mean "any" or "all".
    pub tag_match: TagMatch,
    /// Filter by assignee.
    pub assignee: Option<AssigneeFilter>,
    /// Filter by conversation status.
    pub status: Option<ConversationStatus>,
    /// The order.
    pub sort: Sort,
    /// Which way the order runs (the sort's first direction unless flipped).
    pub direction: Direction,
    /// All contacts, or the blocked ones.
    pub view: View,
}

impl ContactQuery {
    /// Reads the query from URL parameters (unknown or malformed values are
    /// ignored, as a link should never fail to open).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = ContactQuery::default();
        let mut direction = None;
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "q" => query.search = value.to_string(),
                "tag" if !value.is_empty() && !query.tags.iter().any(|t| t == value) => {
                    query.tags.push(value.to_string());
                }
                "assignee" => query.assignee = AssigneeFilter::from_key(value),
                "status" => query.status = status_from_key(value),
                "sort" => query.sort = Sort::from_key(value).unwrap_or_default(),
                "dir" => direction = Direction::from_key(value),
                "tags" if value == "all" => query.tag_match = TagMatch::All,
                "view" if value == "blocked" => query.view = View::Blocked,
                _ => {}
            }
        }
        query.direction = direction.unwrap_or(query.sort.first_direction());
        query
    }

    /// The URL parameters of this query (defaults left out), without `?`.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.view == View::Blocked {
            pairs.push(("view", "blocked".to_string()));
        }
        if !self.search.trim().is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        for tag in &self.tags {
            pairs.push(("tag", tag.clone()));
        }
        if self.tag_match == TagMatch::All {
            pairs.push(("tags", "all".to_string()));
        }
        if let Some(assignee) = self.assignee {
            pairs.push(("assignee", assignee.key()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.key().to_string()));
        }
        if self.sort != Sort::Added {
            pairs.push(("sort", self.sort.key().to_string()));
        }
        if self.direction != self.sort.first_direction() {
            pairs.push(("dir", self.direction.key().to_string()));
        }
        pairs
    }

    /// Whether any search or filter narrows the view (if not, totals come
    /// from the workspace's counter).
    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || !self.tags.is_empty()
            || self.assignee.is_some()
            || self.status.is_some()
    }
}

/// The conversation status with this stable key (`open`, `closed`, `blocked`).
pub fn status_from_key(key: &str) -> Option<ConversationStatus> {
    [
        ConversationStatus::Open,
        ConversationStatus::Closed,
        ConversationStatus::Blocked,
    ]
    .into_iter()
    .find(|status| status.key() == key)
}

/// One row of the contacts table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRow {
    /// The contact's id.
    pub id: i64,
    /// The name shown: the person's name, else the profile name, else the
    /// phone number or e-mail address.
    pub display_name: String,
    /// Whether the display name is a real name (not a stand-in).
    pub has_name: bool,
    /// The profile picture, when the channel gave one.
    pub avatar_url: Option<String>,
    /// Connected channels.
    pub channels: Vec<ChannelKind>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number in E.164.
    pub phone: Option<String>,
    /// The phone number as shown ([`shared::PhoneNumber::display_stored`]).
    pub phone_display: Option<String>,
    /// Tag names, alphabetically.
    pub tags: Vec<String>,
    /// ISO 3166 code.
    pub country: Option<String>,
    /// BCP 47 tag.
    pub language: Option<String>,
    /// The conversation's status.
    pub status: Option<ConversationStatus>,
    /// Assigned user's id and name.
    pub assignee: Option<(i64, String)>,
    /// Unix seconds of the last message.
    pub last_message_at: Option<i64>,
    /// Unix seconds of when the contact was added.
    pub created_at: i64,
}

/// One page of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPage {
    /// The rows, in the requested order.
    pub rows: Vec<ContactRow>,
    /// The first row's place in the table's order, counted from 0.
    pub start: u64,
    /// How many contacts match the query.
    pub total: Total,
    /// Contacts that are not blocked, in the whole workspace.
    pub active_count: u64,
    /// Blocked contacts in the whole workspace.
    pub blocked_count: u64,
    /// The previous page, if there is one.
    pub previous: Option<Cursor>,
    /// The next page, if there is one.
    pub next: Option<Cursor>,
}

/// A tag of the workspace, for filters and "Assign tags".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagOption {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// A member of the workspace, for the assignee filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberOption {
    /// The user's id.
    pub id: i64,
    /// The user's name.
    pub name: String,
}

/// What the filter controls offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOptions {
    /// The workspace's tags, by name.
    pub tags: Vec<TagOption>,
    /// The workspace's members, by name.
    pub members: Vec<MemberOption>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r24_query_round_trips_through_the_url() {
        let query = ContactQuery {
            search: "lena".into(),
            tags: vec!["VIP".into(), "Churn risk".into()],
            tag_match: TagMatch::All,
            assignee: Some(AssigneeFilter::Unassigned),
            status: Some(ConversationStatus::Closed),
            sort: Sort::Name,
            direction: Direction::Descending,
            view: View::Blocked,
        };
        let pairs = query.to_pairs();
        let parsed =
            ContactQuery::from_pairs(pairs.iter().map(|(key, value)| (*key, value.as_str())));
        assert_eq!(parsed, query);
    }

    #[test]
    fn r24_a_sort_starts_in_its_first_direction_unless_the_url_flips_it() {
        let by_name = ContactQuery::from_pairs([("sort", "name")]);
        assert_eq!(by_name.direction, Direction::Ascending);
        assert!(!by_name.to_pairs().iter().any(|(key, _)| *key == "dir"));
        let oldest_first = ContactQuery::from_pairs([("dir", "ascending")]);
        assert_eq!(oldest_first.sort, Sort::Added);
        assert_eq!(oldest_first.direction, Direction::Ascending);
        assert_eq!(
            ContactQuery::default().direction,
            Sort::Added.first_direction()
        );
    }
}
