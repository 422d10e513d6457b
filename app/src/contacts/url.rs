//! The Contacts module's addresses: the URL is the table's state (search,
//! filters, sort, page, open contact), so reloads, back/forward and shared
//! links show the same page, rendered the same on the server.

use super::model::{ContactQuery, PageCursor};
use leptos_router::params::ParamsMap;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The module's path.
pub const PATH: &str = "/contacts";

/// The parameters the module reads, as pairs (tags may repeat).
pub fn pairs(map: &ParamsMap) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for key in [
        "view", "q", "tags", "assignee", "status", "sort", "dir", "after", "before", "at",
    ] {
        if let Some(value) = map.get(key) {
            pairs.push((key.to_string(), value));
        }
    }
    for tag in map.get_all("tag").unwrap_or_default() {
        pairs.push(("tag".to_string(), tag));
    }
    pairs
}

/// The query and page in a parameter map.
pub fn read(map: &ParamsMap) -> (ContactQuery, PageCursor) {
    let pairs = pairs(map);
    let borrowed = pairs
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()));
    (
        ContactQuery::from_pairs(borrowed.clone()),
        PageCursor::from_pairs(borrowed),
    )
}

/// The contact whose drawer is open (`contact=`).
pub fn open_contact(map: &ParamsMap) -> Option<i64> {
    map.get_str("contact").and_then(|id| id.parse().ok())
}

/// The address of a page of the table, optionally with a contact's drawer.
pub fn href(query: &ContactQuery, page: &PageCursor, contact: Option<i64>) -> String {
    let mut pairs = query.to_pairs();
    pairs.extend(page.to_pairs());
    if let Some(id) = contact {
        pairs.push(("contact", id.to_string()));
    }
    with_params(PATH, &pairs)
}

/// `path?key=value&…`, each part percent-encoded.
pub fn with_params(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect();
    format!("{path}?{}", encoded.join("&"))
}

/// What a query value escapes: everything but RFC 3986's unreserved
/// characters.
pub const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A value percent-encoded for a query string.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::model::Cursor;

    #[test]
    fn r2_addresses_carry_the_query_the_page_and_the_open_contact() {
        let query = ContactQuery {
            search: "lena m".into(),
            tags: vec!["Churn risk".into()],
            ..ContactQuery::default()
        };
        let page = PageCursor::After(Cursor {
            id: 7,
            key: "123".into(),
            position: 49,
        });
        assert_eq!(
            href(&query, &page, Some(42)),
            "/contacts?q=lena%20m&tag=Churn%20risk&after=7%3A123&at=49&contact=42"
        );
        assert_eq!(
            href(&ContactQuery::default(), &PageCursor::First, None),
            "/contacts"
        );
    }
}
