//! Text rules shared by the parsers: which characters user-entered text may
//! hold, and how input is quoted back in messages.

use crate::ui_language::UiLanguage;

/// Characters of user input quoted back in an error message or a log line.
pub const EXCERPT_CHARS: usize = 60;

/// Characters that change the direction text is shown in (bidirectional
/// embeddings, overrides, isolates and marks). In a name or tag they can
/// make it look like something else (e.g. "exe.pdf" shown reversed).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that are not shown at all: Unicode's default-ignorable code
/// points (zero-width spaces and joiners, the byte-order mark, soft hyphen,
/// variation selectors, tags) and the bidi controls.
fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// What is wrong with the characters of a single-line label a person reads
/// (a name, a tag, a field's label), if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelCharsError {
    /// A line break, tab or other control character.
    Control,
    /// A character that turns the direction text is shown in.
    Direction,
    /// Only spaces and invisible characters.
    NothingVisible,
}

impl LabelCharsError {
    /// The message for the user, without the field name, in English.
    pub fn message(self) -> &'static str {
        self.message_in(UiLanguage::English)
    }

    /// The message for the user, without the field name, in `language`.
    /// The error names no field: the label's own error says which.
    pub fn message_in(self, language: UiLanguage) -> &'static str {
        match (language.wording(), self) {
            (UiLanguage::English, LabelCharsError::Control) => {
                "must not contain line breaks, tabs or other control characters"
            }
            (UiLanguage::English, LabelCharsError::Direction) => {
                "must not contain text-direction control characters"
            }
            (UiLanguage::English, LabelCharsError::NothingVisible) => {
                "must contain at least one visible character"
            }
            (UiLanguage::German, LabelCharsError::Control) => {
                "darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen enthalten"
            }
            (UiLanguage::German, LabelCharsError::Direction) => {
                "darf keine Steuerzeichen für die Textrichtung enthalten"
            }
            (UiLanguage::German, LabelCharsError::NothingVisible) => {
                "muss mindestens ein sichtbares Zeichen enthalten"
            }
        }
    }
}

/// Checks the characters of a non-empty label: no control characters, no
/// text-direction controls, and at least one character that shows.
pub(crate) fn check_label_chars(text: &str) -> Result<(), LabelCharsError> {
    if has_forbidden_char(text) {
        return Err(LabelCharsError::Control);
    }
    if text.chars().any(is_bidi_control) {
        return Err(LabelCharsError::Direction);
    }
    if !text.chars().any(|c| !c.is_whitespace() && !is_invisible(c)) {
        return Err(LabelCharsError::NothingVisible);
    }
    Ok(())
}

/// Message text as it is stored: line breaks become `\n`, and control
/// characters other than line breaks and tabs (NUL, ESC, BEL …) are
/// dropped. Everything else, emoji and other scripts included, stays.
pub fn clean_message_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect()
}

/// A short quote of something a user or client sent, safe to put into a
/// message or a log line: at most `max_chars` characters (then "…"), with
/// control and invisible characters shown as "?".
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let mut quoted: String = text
        .chars()
        .take(max_chars)
        .map(|c| {
            if c.is_control() || is_invisible(c) {
                '?'
            } else {
                c
            }
        })
        .collect();
    if text.chars().nth(max_chars).is_some() {
        quoted.push('…');
    }
    quoted
}

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

/// A name as alphabetical lists order it: letters with accents, umlauts and
/// rings sort with their base letter, case does not matter.
pub(crate) fn alphabetical_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'å' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
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
    fn labels_need_a_visible_character_and_no_direction_controls() {
        for ok in ["VIP", "Zoë", "李", "a\u{200D}b", "👍"] {
            assert_eq!(check_label_chars(ok), Ok(()), "{ok:?}");
        }
        for invisible in [
            "\u{200B}",
            "\u{FEFF}\u{200B}",
            " \u{2060} ",
            "\u{00AD}",
            "\u{3164}",
        ] {
            assert_eq!(
                check_label_chars(invisible),
                Err(LabelCharsError::NothingVisible),
                "{invisible:?}"
            );
        }
        for spoof in ["Ann\u{202E}fdp.exe", "\u{2067}x", "a\u{200F}"] {
            assert_eq!(
                check_label_chars(spoof),
                Err(LabelCharsError::Direction),
                "{spoof:?}"
            );
        }
        assert_eq!(check_label_chars("a\tb"), Err(LabelCharsError::Control));
    }

    #[test]
    fn label_character_messages_are_worded_in_both_languages() {
        assert_eq!(
            LabelCharsError::Direction.message_in(UiLanguage::English),
            "must not contain text-direction control characters"
        );
        assert_eq!(
            LabelCharsError::NothingVisible.message_in(UiLanguage::German),
            "muss mindestens ein sichtbares Zeichen enthalten"
        );
    }

    #[test]
    fn message_text_keeps_lines_and_tabs_and_drops_other_controls() {
        assert_eq!(
            clean_message_text("Hi\0 there\u{1b}[31m\u{7}\r\nnext\tline\rend"),
            "Hi there[31m\nnext\tline\nend"
        );
        assert_eq!(clean_message_text("Grüße 👋"), "Grüße 👋");
    }

    #[test]
    fn excerpts_are_short_and_show_no_hidden_characters() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("abcdefghijkl", 5), "abcde…");
        assert_eq!(excerpt("a\u{0}b\u{202E}c", 10), "a?b?c");
        assert_eq!(
            excerpt(&"x".repeat(70_000), EXCERPT_CHARS).chars().count(),
            EXCERPT_CHARS + 1
        );
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            collapse_whitespace("  VIP \u{a0}  customer "),
            "VIP customer"
        );
    }
}
