//! What the contacts table sends and receives: the query behind a page, a
//! page of rows, the targets of bulk actions and the delete job's progress.

use serde::{Deserialize, Serialize};
use shared::channel::ChannelKind;
use shared::fields::ConversationStatus;
use std::fmt;
use std::str::FromStr;

mod actions;
pub use actions::*;

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

    /// The option's text.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Added => "Date added",
            Sort::LastMessage => "Last message",
            Sort::Name => "Name",
        }
    }

    fn from_key(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.key() == key)
    }
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
    /// "Filter by tag": contacts with any of these tags (names).
    pub tags: Vec<String>,
    /// Filter by assignee.
    pub assignee: Option<AssigneeFilter>,
    /// Filter by conversation status.
    pub status: Option<ConversationStatus>,
    /// The order.
    pub sort: Sort,
    /// All contacts, or the blocked ones.
    pub view: View,
}

impl ContactQuery {
    /// Reads the query from URL parameters (unknown or malformed values are
    /// ignored, as a link should never fail to open).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = ContactQuery::default();
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
                "view" if value == "blocked" => query.view = View::Blocked,
                _ => {}
            }
        }
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
        if let Some(assignee) = self.assignee {
            pairs.push(("assignee", assignee.key()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.key().to_string()));
        }
        if self.sort != Sort::Added {
            pairs.push(("sort", self.sort.key().to_string()));
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

/// A position between two rows in the table's order: the sort key and the
/// id of the row it follows or precedes (keyset pagination, no OFFSET).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cursor {
    /// The row's id (ties of the sort key are broken by id).
    pub id: i64,
    /// The row's sort key: a number for dates, the lower-case name for names.
    pub key: String,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.id, self.key)
    }
}

impl FromStr for Cursor {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (id, key) = s.split_once(':').ok_or(())?;
        Ok(Cursor {
            id: id.parse().map_err(|_| ())?,
            key: key.to_string(),
        })
    }
}

/// Which page of the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageCursor {
    /// The first page.
    #[default]
    First,
    /// The page after this position (`after=` in the URL).
    After(Cursor),
    /// The page before this position (`before=` in the URL).
    Before(Cursor),
}

impl PageCursor {
    /// Reads `after=` or `before=` from URL parameters.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut page = PageCursor::First;
        for (key, value) in pairs {
            match (key, value.parse::<Cursor>()) {
                ("after", Ok(cursor)) => page = PageCursor::After(cursor),
                ("before", Ok(cursor)) => page = PageCursor::Before(cursor),
                _ => {}
            }
        }
        page
    }

    /// The URL parameter of this page, if it is not the first.
    pub fn to_pair(&self) -> Option<(&'static str, String)> {
        match self {
            PageCursor::First => None,
            PageCursor::After(cursor) => Some(("after", cursor.to_string())),
            PageCursor::Before(cursor) => Some(("before", cursor.to_string())),
        }
    }
}

/// One request for a page of the table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ListRequest {
    /// Search, filters, order and view.
    pub query: ContactQuery,
    /// Which page.
    pub page: PageCursor,
}

/// How many contacts match: exact, or "at least" when counting stopped at
/// [`COUNT_CAP`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    /// The count (the cap plus one when not exact).
    pub count: u64,
    /// Whether the count is exact.
    pub exact: bool,
}

impl Total {
    /// The count as shown, e.g. `"1,234"` or `"1,000+"`.
    pub fn label(self) -> String {
        if self.exact {
            thousands(self.count)
        } else {
            format!("{}+", thousands(COUNT_CAP))
        }
    }
}

/// A number with thousands separators, e.g. `1,200`.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
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
            assignee: Some(AssigneeFilter::Unassigned),
            status: Some(ConversationStatus::Closed),
            sort: Sort::Name,
            view: View::Blocked,
        };
        let pairs = query.to_pairs();
        let parsed =
            ContactQuery::from_pairs(pairs.iter().map(|(key, value)| (*key, value.as_str())));
        assert_eq!(parsed, query);
    }

    #[test]
    fn cursors_survive_the_url_even_with_colons_in_names() {
        let cursor = Cursor {
            id: 42,
            key: "anna: the first".into(),
        };
        let page = PageCursor::After(cursor.clone());
        let (key, value) = page.to_pair().expect("a pair");
        assert_eq!(PageCursor::from_pairs([(key, value.as_str())]), page);
        assert_eq!(
            PageCursor::from_pairs([("after", "nonsense")]),
            PageCursor::First
        );
    }

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1200), "1,200");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(
            Total {
                count: 1001,
                exact: false
            }
            .label(),
            "1,000+"
        );
    }
}
