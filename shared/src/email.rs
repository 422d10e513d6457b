//! E-mail addresses: trimmed, syntax-checked with the `email_address` crate,
//! compared case-insensitively (R11).

use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::ui_language::UiLanguage;
use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// The user-facing name of the e-mail field.
pub const EMAIL_FIELD: &str = "E-mail address";
/// The e-mail field's name in each interface language.
pub(crate) const EMAIL_FIELD_NAME: FieldName = FieldName::new(EMAIL_FIELD, "E-Mail-Adresse");
/// The most characters an address may have (RFC 5321's path limit less the
/// angle brackets).
pub const MAX_EMAIL_LEN: usize = 254;

/// An e-mail address as the user entered it, trimmed, that passed the syntax
/// check. Two addresses are equal when their [`Email::key`]s are.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email {
    address: String,
    key: String,
}

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", EMAIL_FIELD, self.message())]
pub enum EmailError {
    /// Nothing was entered.
    Empty,
    /// Longer than [`MAX_EMAIL_LEN`].
    TooLong,
    /// There is no `@`.
    MissingAt,
    /// Nothing before the `@`.
    MissingLocalPart,
    /// The part before the `@` is longer than 64 characters.
    LocalPartTooLong,
    /// Nothing after the `@`, or no dot in the domain.
    MissingDomain,
    /// The domain has an empty or over-long label, e.g. `example..com`.
    InvalidDomain,
    /// A `Name <address>` form, or a quoted or bracketed part.
    NotPlainAddress,
    /// Spaces or characters that cannot appear in an address.
    InvalidCharacter,
}

impl EmailError {
    /// What is wrong, without the field name, in English.
    pub fn message(self) -> String {
        self.message_in(UiLanguage::English)
    }

    /// What is wrong, without the field name, in `language`.
    pub fn message_in(self, language: UiLanguage) -> String {
        match language.wording() {
            UiLanguage::English => self.english_message(),
            UiLanguage::German => self.german_message(),
        }
    }

    fn english_message(self) -> String {
        match self {
            EmailError::Empty => "enter an e-mail address".to_owned(),
            EmailError::TooLong => format!("is too long (at most {MAX_EMAIL_LEN} characters)"),
            EmailError::MissingAt => "is missing the @, e.g. name@example.com".to_owned(),
            EmailError::MissingLocalPart => "needs a name before the @".to_owned(),
            EmailError::LocalPartTooLong => {
                "has too long a name before the @ (at most 64 characters)".to_owned()
            }
            EmailError::MissingDomain => {
                "needs a domain after the @, e.g. name@example.com".to_owned()
            }
            EmailError::InvalidDomain => "has an invalid domain after the @".to_owned(),
            EmailError::NotPlainAddress => {
                "enter only the address, e.g. name@example.com".to_owned()
            }
            EmailError::InvalidCharacter => {
                "contains a space or a character that is not allowed".to_owned()
            }
        }
    }

    fn german_message(self) -> String {
        match self {
            EmailError::Empty => "Geben Sie eine E-Mail-Adresse ein".to_owned(),
            EmailError::TooLong => format!("ist zu lang (höchstens {MAX_EMAIL_LEN} Zeichen)"),
            EmailError::MissingAt => "das @ fehlt, z. B. name@example.com".to_owned(),
            EmailError::MissingLocalPart => "vor dem @ fehlt ein Name".to_owned(),
            EmailError::LocalPartTooLong => {
                "der Name vor dem @ ist zu lang (höchstens 64 Zeichen)".to_owned()
            }
            EmailError::MissingDomain => {
                "nach dem @ fehlt eine Domain, z. B. name@example.com".to_owned()
            }
            EmailError::InvalidDomain => "die Domain nach dem @ ist ungültig".to_owned(),
            EmailError::NotPlainAddress => {
                "geben Sie nur die Adresse ein, z. B. name@example.com".to_owned()
            }
            EmailError::InvalidCharacter => {
                "enthält ein Leerzeichen oder ein nicht erlaubtes Zeichen".to_owned()
            }
        }
    }
}

impl FieldRefusal for EmailError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        EMAIL_FIELD_NAME.refuse(language, self.message_in(language))
    }
}

impl Email {
    /// Trims and checks an address. Display names (`Ann <ann@example.com>`),
    /// quoted local parts, IP-address domains and single-label domains
    /// (`ann@localhost`) are refused.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let address = input.trim();
        if address.is_empty() {
            return Err(EmailError::Empty);
        }
        if address.chars().count() > MAX_EMAIL_LEN {
            return Err(EmailError::TooLong);
        }
        if address.contains(['<', '>', '"', '[', ']']) {
            return Err(EmailError::NotPlainAddress);
        }
        if address.chars().any(char::is_whitespace) {
            return Err(EmailError::InvalidCharacter);
        }
        let options = Options::default()
            .with_required_tld()
            .without_domain_literal()
            .without_display_text();
        EmailAddress::parse_with_options(address, options).map_err(map_error)?;
        Ok(Self {
            address: address.to_owned(),
            key: address.to_lowercase(),
        })
    }

    /// Like [`Email::parse`], but a blank input means "no address" (clearing
    /// the field) instead of an error.
    pub fn parse_optional(input: &str) -> Result<Option<Self>, EmailError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }

    /// The address as entered, trimmed.
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The comparison key: the whole address in lower case (R11).
    pub fn key(&self) -> &str {
        &self.key
    }
}

fn map_error(error: email_address::Error) -> EmailError {
    use email_address::Error as E;
    match error {
        E::MissingSeparator => EmailError::MissingAt,
        E::LocalPartEmpty => EmailError::MissingLocalPart,
        E::LocalPartTooLong => EmailError::LocalPartTooLong,
        E::DomainEmpty | E::DomainTooFew => EmailError::MissingDomain,
        E::SubDomainEmpty | E::SubDomainTooLong | E::DomainInvalidSeparator => {
            EmailError::InvalidDomain
        }
        E::DomainTooLong => EmailError::TooLong,
        E::UnsupportedDisplayName
        | E::MissingDisplayName
        | E::MissingEndBracket
        | E::UnsupportedDomainLiteral
        | E::UnbalancedQuotes
        | E::InvalidComment
        | E::InvalidIPAddress => EmailError::NotPlainAddress,
        _ => EmailError::InvalidCharacter,
    }
}

impl PartialEq for Email {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Email {}

impl Hash for Email {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address)
    }
}

impl FromStr for Email {
    type Err = EmailError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.address
    }
}

#[cfg(test)]
mod tests;
