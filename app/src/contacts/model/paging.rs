//! Where the table is: keyset cursors between rows (carried in the URL),
//! one page's request, the total of matching contacts and the pager's
//! "51–100 of 254".

use super::{ContactQuery, COUNT_CAP};
use crate::i18n::{td_string, Locale};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A position between two rows in the table's order: the sort key and the
/// id of the row it follows or precedes (keyset pagination, no OFFSET).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cursor {
    /// The row's id (ties of the sort key are broken by id).
    pub id: i64,
    /// The row's sort key: a number for dates, the lower-case name for names.
    pub key: String,
    /// The row's place in the table's order, counted from 0 (for "51–100 of
    /// 254"; `at=` in the URL). Rows added or removed meanwhile can make it
    /// stale, which only shifts the numbers shown.
    #[serde(default)]
    pub position: u64,
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
            position: 0,
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
    /// Reads `after=` or `before=` (and the row's position, `at=`) from URL
    /// parameters.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut page = PageCursor::First;
        let mut position = 0;
        for (key, value) in pairs {
            match (key, value.parse::<Cursor>()) {
                ("after", Ok(cursor)) => page = PageCursor::After(cursor),
                ("before", Ok(cursor)) => page = PageCursor::Before(cursor),
                ("at", _) => position = value.parse().unwrap_or(0),
                _ => {}
            }
        }
        if let PageCursor::After(cursor) | PageCursor::Before(cursor) = &mut page {
            cursor.position = position;
        }
        page
    }

    /// The URL parameters of this page (none for the first).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let (key, cursor) = match self {
            PageCursor::First => return Vec::new(),
            PageCursor::After(cursor) => ("after", cursor),
            PageCursor::Before(cursor) => ("before", cursor),
        };
        vec![
            (key, cursor.to_string()),
            ("at", cursor.position.to_string()),
        ]
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

/// Which rows a page shows in the page's language, e.g. "51–100 of 254"
/// (`start` counts from 0).
pub fn range_label(locale: Locale, start: u64, rows: u64, total: Total) -> String {
    if rows == 0 {
        return td_string!(locale, contacts.pager.range_empty, total = total.label()).to_string();
    }
    let start = if total.exact {
        start.min(total.count.saturating_sub(rows))
    } else {
        start
    };
    td_string!(
        locale,
        contacts.pager.range,
        first = thousands(start + 1),
        last = thousands(start + rows),
        total = total.label()
    )
    .to_string()
}

/// A number with the page language's thousands separators, e.g. `1,200`
/// or `1.200`.
pub fn thousands(value: u64) -> String {
    crate::layout::current_language().count(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_the_pager_says_which_rows_are_shown() {
        let total = Total {
            count: 254,
            exact: true,
        };
        assert_eq!(range_label(Locale::en, 0, 50, total), "1–50 of 254");
        assert_eq!(range_label(Locale::en, 50, 50, total), "51–100 of 254");
        assert_eq!(range_label(Locale::en, 250, 4, total), "251–254 of 254");
        // A stale position never counts past the total.
        assert_eq!(range_label(Locale::en, 260, 4, total), "251–254 of 254");
        assert_eq!(range_label(Locale::en, 0, 0, total), "0 of 254");
        assert_eq!(range_label(Locale::de, 50, 50, total), "51–100 von 254");
    }

    #[test]
    fn cursors_survive_the_url_even_with_colons_in_names() {
        let cursor = Cursor {
            id: 42,
            key: "anna: the first".into(),
            position: 99,
        };
        let page = PageCursor::After(cursor.clone());
        let pairs = page.to_pairs();
        assert_eq!(
            PageCursor::from_pairs(pairs.iter().map(|(key, value)| (*key, value.as_str()))),
            page
        );
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
