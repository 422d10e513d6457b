//! Stored phone numbers read back for display. Parsing a number runs the
//! phone library's patterns, which it keeps compiled in a cache of only 100
//! regular expressions: a page of contacts from twenty countries needs more,
//! so every row compiled its patterns again (about 1 ms a row, most of a
//! signed-in page's time). Each distinct stored number is parsed once here.

use quick_cache::sync::Cache;
use shared::PhoneNumber;
use std::sync::LazyLock;

/// Distinct stored numbers kept parsed, a few hundred bytes each.
const KEPT: usize = 100_000;

static PARSED: LazyLock<Cache<String, Option<PhoneNumber>>> = LazyLock::new(|| Cache::new(KEPT));
static SHOWN: LazyLock<Cache<String, String>> = LazyLock::new(|| Cache::new(KEPT));

/// A stored phone number, parsed again (it was checked when saved).
pub(crate) fn stored_phone(phone: Option<&str>) -> Option<PhoneNumber> {
    let stored = phone?;
    if let Some(parsed) = PARSED.get(stored) {
        return parsed;
    }
    let parsed = PhoneNumber::parse(stored, None).ok();
    PARSED.insert(stored.to_owned(), parsed.clone());
    parsed
}

/// How a stored number is shown ([`PhoneNumber::display_stored`]).
pub(crate) fn shown_phone(stored: &str) -> String {
    if let Some(shown) = SHOWN.get(stored) {
        return shown;
    }
    let shown = PhoneNumber::display_stored(stored);
    SHOWN.insert(stored.to_owned(), shown.clone());
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_number_reads_the_same_from_the_cache() {
        for _ in 0..2 {
            assert_eq!(shown_phone("+442079460958"), "+44 20 7946 0958");
            assert_eq!(shown_phone("not a number"), "not a number");
            let parsed = stored_phone(Some("+33612345678")).expect("valid");
            assert_eq!(parsed.e164(), "+33612345678");
            assert!(stored_phone(Some("+1")).is_none());
            assert!(stored_phone(None).is_none());
        }
    }
}
