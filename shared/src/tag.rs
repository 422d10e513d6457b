//! Tag names (R21–R24): trimmed, non-empty, limited in length, unique per
//! workspace regardless of case.

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::text::{char_len, check_label_chars, collapse_whitespace, LabelCharsError};
use crate::ui_language::UiLanguage;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// The user-facing name of the tag field.
pub const TAG_FIELD: &str = "Tag";
/// The tag field's name in each interface language.
const TAG_FIELD_NAME: FieldName = FieldName::new(TAG_FIELD, "Tag");
/// The most characters a tag name may have.
pub const MAX_TAG_LEN: usize = 50;

/// A tag's name: trimmed, inner whitespace collapsed, 1 to [`MAX_TAG_LEN`]
/// characters, no control characters. Two names are equal when their
/// [`TagName::key`]s are, so "VIP" and "vip" are the same tag.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TagName {
    name: String,
    key: String,
}

/// Why a text is not a tag name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", TAG_FIELD, self.message())]
pub enum TagError {
    /// Nothing (or only whitespace) was entered.
    Empty,
    /// More than [`MAX_TAG_LEN`] characters.
    TooLong,
    /// A control or text-direction character, or only invisible ones.
    Characters(LabelCharsError),
}

impl TagError {
    /// What is wrong, without the field name, in English.
    pub fn message(self) -> String {
        self.message_in(UiLanguage::English)
    }

    /// What is wrong, without the field name, in `language`.
    pub fn message_in(self, language: UiLanguage) -> String {
        match (language.wording(), self) {
            (_, TagError::Characters(error)) => error.message_in(language).to_owned(),
            (UiLanguage::English, TagError::Empty) => "enter a tag name".to_owned(),
            (UiLanguage::English, TagError::TooLong) => {
                format!("is too long (at most {MAX_TAG_LEN} characters)")
            }
            (UiLanguage::German, TagError::Empty) => "Geben Sie einen Tag-Namen ein".to_owned(),
            (UiLanguage::German, TagError::TooLong) => {
                format!("ist zu lang (höchstens {MAX_TAG_LEN} Zeichen)")
            }
        }
    }
}

impl FieldRefusal for TagError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        TAG_FIELD_NAME.refuse(language, self.message_in(language))
    }
}

impl TagName {
    /// Checks and normalizes a tag name.
    pub fn parse(input: &str) -> Result<Self, TagError> {
        let name = collapse_whitespace(input);
        if name.is_empty() {
            return Err(TagError::Empty);
        }
        check_label_chars(input).map_err(TagError::Characters)?;
        if char_len(&name) > MAX_TAG_LEN {
            return Err(TagError::TooLong);
        }
        let key = name.to_lowercase();
        Ok(Self { name, key })
    }

    /// The name as shown, e.g. `"VIP customer"`.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The workspace-wide uniqueness key: the name in lower case.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// R22: whether this tag is listed for the search text typed into the
    /// "Add tag" list (case-insensitive substring; a blank search lists all).
    pub fn matches_search(&self, search: &str) -> bool {
        self.key
            .contains(&collapse_whitespace(search).to_lowercase())
    }
}

/// R22: the tag the "Add tag" list offers to create for `search` — `None`
/// when the search is not a valid tag name or a tag with the same key
/// already exists in the workspace.
pub fn tag_to_create(search: &str, existing: &[TagName]) -> Option<TagName> {
    let candidate = TagName::parse(search).ok()?;
    (!existing.contains(&candidate)).then_some(candidate)
}

impl PartialEq for TagName {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for TagName {}

impl Hash for TagName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl fmt::Display for TagName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl FromStr for TagName {
    type Err = TagError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for TagName {
    type Error = TagError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TagName> for String {
    fn from(tag: TagName) -> Self {
        tag.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tag(name: &str) -> TagName {
        TagName::parse(name).expect("valid tag")
    }

    #[test]
    fn r22_tag_name_is_trimmed_and_collapsed() {
        let name = tag("  VIP   customer ");
        assert_eq!(name.as_str(), "VIP customer");
        assert_eq!(name.key(), "vip customer");
    }

    #[test]
    fn r22_tag_name_refuses_empty_long_and_control_characters() {
        assert_eq!(TagName::parse(""), Err(TagError::Empty));
        assert_eq!(TagName::parse(" \u{a0} "), Err(TagError::Empty));
        assert_eq!(
            TagName::parse(&"x".repeat(MAX_TAG_LEN + 1)),
            Err(TagError::TooLong)
        );
        assert!(TagName::parse(&"ß".repeat(MAX_TAG_LEN)).is_ok());
        assert_eq!(
            TagName::parse("a\nb"),
            Err(TagError::Characters(LabelCharsError::Control))
        );
        assert_eq!(
            TagName::parse("\u{200B}\u{FEFF}"),
            Err(TagError::Characters(LabelCharsError::NothingVisible))
        );
        assert_eq!(
            TagName::parse("vip\u{202E}"),
            Err(TagError::Characters(LabelCharsError::Direction))
        );
        assert_eq!(
            TagError::Empty.field_error(UiLanguage::English).to_string(),
            "Tag: enter a tag name"
        );
    }

    #[test]
    fn r22_a_refused_tag_is_worded_in_the_readers_language() {
        assert_eq!(
            TagError::Empty.field_error(UiLanguage::English).to_string(),
            "Tag: enter a tag name"
        );
        assert_eq!(
            TagError::Empty.field_error(UiLanguage::German).to_string(),
            "Tag: Geben Sie einen Tag-Namen ein"
        );
        assert_eq!(
            TagError::TooLong
                .field_error(UiLanguage::German)
                .to_string(),
            "Tag: ist zu lang (höchstens 50 Zeichen)"
        );
        assert_eq!(
            TagError::Characters(LabelCharsError::Control)
                .field_error(UiLanguage::German)
                .to_string(),
            "Tag: darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen enthalten"
        );
        assert_eq!(
            TagError::Characters(LabelCharsError::Control).to_string(),
            "Tag: must not contain line breaks, tabs or other control characters"
        );
    }

    #[test]
    fn r22_tag_names_are_unique_case_insensitively() {
        assert_eq!(tag("VIP"), tag("vip"));
        assert_eq!(tag("Ünal"), tag("ünal"));
        assert_ne!(tag("VIP"), tag("VIP 2"));
    }

    #[test]
    fn r22_add_tag_list_search_is_case_insensitive() {
        let vip = tag("VIP customer");
        assert!(vip.matches_search("vip"));
        assert!(vip.matches_search("  CUSTOMER "));
        assert!(vip.matches_search(""));
        assert!(!vip.matches_search("lead"));
    }

    #[test]
    fn r22_add_tag_offers_to_create_only_new_tags() {
        let existing = vec![tag("VIP"), tag("Lead")];
        assert_eq!(tag_to_create("vip", &existing), None);
        assert_eq!(tag_to_create(" LEAD ", &existing), None);
        assert_eq!(tag_to_create("", &existing), None);
        assert_eq!(
            tag_to_create("Newsletter", &existing).map(|t| t.to_string()),
            Some("Newsletter".to_owned())
        );
    }

    #[test]
    fn tag_serializes_as_its_name() {
        let name = tag("VIP");
        assert_eq!(
            serde_json::to_string(&name).ok(),
            Some(r#""VIP""#.to_owned())
        );
        assert!(serde_json::from_str::<TagName>(r#""  ""#).is_err());
    }

    proptest! {
        #[test]
        fn r22_tag_parse_never_panics(input in any::<String>()) {
            let _ = TagName::parse(&input);
        }

        #[test]
        fn r22_tag_round_trips(input in "\\PC{0,60}") {
            if let Ok(name) = TagName::parse(&input) {
                let again = TagName::parse(name.as_str());
                prop_assert_eq!(again.as_ref().map(TagName::as_str), Ok(name.as_str()));
            }
        }
    }
}
