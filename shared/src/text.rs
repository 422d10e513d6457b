//! Small text helpers shared by the parsers (crate-internal).

/// Whether `c` must never appear in a single-line user-entered text: ASCII and
/// Unicode control characters, and the Unicode line and paragraph separators.
pub(crate) fn is_forbidden_char(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// Whether `text` contains a character that [`is_forbidden_char`] refuses.
pub(crate) fn has_forbidden_char(text: &str) -> bool {
    text.chars().any(is_forbidden_char)
}

/// The length a user would count: Unicode scalar values, not bytes.
pub(crate) fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// `text` trimmed, with every run of inner whitespace replaced by one space.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_separator_characters_are_forbidden() {
        for c in [
            '\0', '\n', '\r', '\t', '\u{7f}', '\u{85}', '\u{2028}', '\u{2029}',
        ] {
            assert!(is_forbidden_char(c), "{c:?}");
        }
        for c in ['a', ' ', 'é', '李', '-', '\''] {
            assert!(!is_forbidden_char(c), "{c:?}");
        }
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(char_len("Zoë"), 3);
        assert_eq!(char_len("李小龍"), 3);
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            collapse_whitespace("  VIP \u{a0}  customer "),
            "VIP customer"
        );
    }
}
