//! The one JSON shape every channel posts its incoming messages in, and
//! its checks. Documented in the README ("Channel ingress").

use serde::Deserialize;
use shared::message::parse_message_text;
use shared::{Email, FieldRefusal, Language, PhoneNumber, UiLanguage};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The longest id, name or URL a channel may send, in characters.
const MAX_TEXT_LEN: usize = 200;
const MAX_URL_LEN: usize = 2_000;
/// How far ahead of the server's clock a sending time may be.
const MAX_CLOCK_SKEW_SECS: i64 = 5 * 60;

/// An incoming message as posted.
#[derive(Debug, Deserialize)]
pub struct IngressPayload {
    /// The channel's id of this message; the same id is stored once.
    pub message_id: String,
    pub sender: SenderPayload,
    pub text: String,
    /// When the contact sent it, RFC 3339 (`2026-01-20T10:00:00Z`).
    pub sent_at: String,
}

/// Who sent it, as the channel knows them.
#[derive(Debug, Deserialize)]
pub struct SenderPayload {
    /// The sender's id on this channel (phone number, user id, address…).
    pub id: String,
    /// The sender's display name on the channel.
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub avatar_url: Option<String>,
    pub language: Option<String>,
}

/// An incoming message that passed every check.
#[derive(Debug, Clone)]
pub struct IncomingMessage {
    pub message_id: String,
    pub sender_id: String,
    pub name: String,
    pub phone: Option<PhoneNumber>,
    pub email: Option<Email>,
    pub avatar_url: Option<String>,
    pub language: Option<Language>,
    pub text: String,
    /// Unix seconds.
    pub sent_at: i64,
}

impl IncomingMessage {
    /// The message with a sending time beyond the clock skew replaced by
    /// `now`, the time it arrived: a channel with a wrong clock must not keep
    /// a conversation at the top of the list for ever.
    pub fn sent_no_later_than(self, now: i64) -> Self {
        if self.sent_at > now + MAX_CLOCK_SKEW_SECS {
            Self {
                sent_at: now,
                ..self
            }
        } else {
            self
        }
    }
}

/// Which field of the payload is wrong, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    pub field: &'static str,
    pub message: String,
}

fn error(field: &'static str, message: impl Into<String>) -> PayloadError {
    PayloadError {
        field,
        message: message.into(),
    }
}

/// A required single-line text: trimmed, not empty, not too long, no
/// control characters.
fn line(field: &'static str, value: &str) -> Result<String, PayloadError> {
    let value = value.trim();
    if value.is_empty() {
        Err(error(field, "must not be empty"))
    } else if value.chars().count() > MAX_TEXT_LEN {
        Err(error(
            field,
            format!("is too long (at most {MAX_TEXT_LEN} characters)"),
        ))
    } else if value.chars().any(char::is_control) {
        Err(error(field, "must not contain control characters"))
    } else {
        Ok(value.to_string())
    }
}

/// An optional text: absent or blank means none.
fn optional(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

impl TryFrom<IngressPayload> for IncomingMessage {
    type Error = PayloadError;

    fn try_from(payload: IngressPayload) -> Result<Self, PayloadError> {
        let sender = payload.sender;
        let phone = optional(&sender.phone)
            .map(|phone| PhoneNumber::parse(phone, None))
            .transpose()
            .map_err(|e| error("sender.phone", e.message()))?;
        let email = optional(&sender.email)
            .map(Email::parse)
            .transpose()
            .map_err(|e| error("sender.email", e.message()))?;
        let language = optional(&sender.language)
            .map(Language::parse)
            .transpose()
            .map_err(|e| error("sender.language", e.message()))?;
        let avatar_url = optional(&sender.avatar_url)
            .map(|url| {
                let web = url.starts_with("https://") || url.starts_with("http://");
                if !web {
                    Err(error("sender.avatar_url", "must be an http(s) URL"))
                } else if url.chars().count() > MAX_URL_LEN || url.chars().any(char::is_control) {
                    Err(error("sender.avatar_url", "is not a valid URL"))
                } else {
                    Ok(url.to_string())
                }
            })
            .transpose()?;
        let text = parse_message_text(&payload.text)
            .map_err(|e| error("text", e.field_error(UiLanguage::English).message))?;
        let sent_at = OffsetDateTime::parse(payload.sent_at.trim(), &Rfc3339)
            .map_err(|_| {
                error(
                    "sent_at",
                    "must be an RFC 3339 time, e.g. 2026-01-20T10:00:00Z",
                )
            })?
            .unix_timestamp();
        Ok(IncomingMessage {
            message_id: line("message_id", &payload.message_id)?,
            sender_id: line("sender.id", &sender.id)?,
            name: line("sender.name", &sender.name)?,
            phone,
            email,
            avatar_url,
            language,
            text,
            sent_at,
        })
    }
}
