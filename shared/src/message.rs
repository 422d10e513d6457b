//! The text of a message, sent from the message bar or arriving through a
//! channel: the same rule for both.

use crate::error::FieldError;
use crate::text::clean_message_text;

/// The longest message a user or a contact may send, in characters.
pub const MAX_MESSAGE_LEN: usize = 10_000;

/// The field name of the message text.
pub const MESSAGE_FIELD: &str = "Message";

/// The message text as it is stored: control characters other than line
/// breaks and tabs dropped, trimmed, not empty, at most [`MAX_MESSAGE_LEN`]
/// characters.
pub fn parse_message_text(body: &str) -> Result<String, FieldError> {
    let refuse = |message: String| Err(FieldError::new(MESSAGE_FIELD, message));
    let cleaned = clean_message_text(body);
    let text = cleaned.trim();
    if text.is_empty() {
        refuse("write something first".to_owned())
    } else if text.chars().count() > MAX_MESSAGE_LEN {
        refuse(format!(
            "is too long (at most {MAX_MESSAGE_LEN} characters)"
        ))
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
        assert!(parse_message_text(&"x".repeat(MAX_MESSAGE_LEN + 1)).is_err());
    }
}
