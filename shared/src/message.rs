//! The text of a message, sent from the message bar or arriving through a
//! channel: the same rule for both.

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::text::clean_message_text;
use crate::ui_language::UiLanguage;

/// The longest message a user or a contact may send, in characters.
pub const MAX_MESSAGE_LEN: usize = 10_000;

/// The field name of the message text.
pub const MESSAGE_FIELD: &str = "Message";
/// The message text's name in each interface language.
const MESSAGE_FIELD_NAME: FieldName = FieldName::new(MESSAGE_FIELD, "Nachricht");

/// Why a message text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub enum MessageError {
    /// Nothing but whitespace and control characters.
    Empty,
    /// More than [`MAX_MESSAGE_LEN`] characters.
    TooLong,
}

impl FieldRefusal for MessageError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        let message = match (language.wording(), self) {
            (UiLanguage::English, MessageError::Empty) => "write something first".to_owned(),
            (UiLanguage::English, MessageError::TooLong) => {
                format!("is too long (at most {MAX_MESSAGE_LEN} characters)")
            }
            (UiLanguage::German, MessageError::Empty) => "Schreiben Sie zuerst etwas".to_owned(),
            (UiLanguage::German, MessageError::TooLong) => {
                let limit = u64::try_from(MAX_MESSAGE_LEN).unwrap_or(u64::MAX);
                format!("ist zu lang (höchstens {} Zeichen)", language.count(limit))
            }
        };
        MESSAGE_FIELD_NAME.refuse(language, message)
    }
}

/// The message text as it is stored: control characters other than line
/// breaks and tabs dropped, trimmed, not empty, at most [`MAX_MESSAGE_LEN`]
/// characters.
pub fn parse_message_text(body: &str) -> Result<String, MessageError> {
    let cleaned = clean_message_text(body);
    let text = cleaned.trim();
    if text.is_empty() {
        Err(MessageError::Empty)
    } else if text.chars().count() > MAX_MESSAGE_LEN {
        Err(MessageError::TooLong)
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r27_message_text_is_trimmed_and_keeps_lines() {
        assert_eq!(
            parse_message_text("  Hello\nthere \t"),
            Ok("Hello\nthere".to_owned())
        );
    }

    #[test]
    fn message_text_drops_terminal_and_null_characters() {
        assert_eq!(
            parse_message_text("Hi\u{0}\u{1b}\u{7}!"),
            Ok("Hi!".to_owned())
        );
        assert_eq!(
            parse_message_text("\u{0}\u{7}").map_err(|e| e.to_string()),
            Err("Message: write something first".to_owned())
        );
    }

    #[test]
    fn message_text_has_a_length_limit() {
        assert!(parse_message_text(&"x".repeat(MAX_MESSAGE_LEN)).is_ok());
        assert_eq!(
            parse_message_text(&"x".repeat(MAX_MESSAGE_LEN + 1)),
            Err(MessageError::TooLong)
        );
    }

    #[test]
    fn a_refused_message_is_worded_in_the_readers_language() {
        assert_eq!(
            MessageError::TooLong.to_string(),
            "Message: is too long (at most 10000 characters)"
        );
        assert_eq!(
            MessageError::Empty
                .field_error(UiLanguage::German)
                .to_string(),
            "Nachricht: Schreiben Sie zuerst etwas"
        );
        assert_eq!(
            MessageError::TooLong
                .field_error(UiLanguage::German)
                .to_string(),
            "Nachricht: ist zu lang (höchstens 10.000 Zeichen)"
        );
    }
}
