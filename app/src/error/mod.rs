//! The one error type every server function returns, with its HTTP status.

mod refusal;

pub use refusal::{FileProblem, Refusal};

use crate::i18n::td_string;
use crate::layout::{locale_of, reader_language};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use server_fn::{Bytes, Encodes};
use shared::text::{excerpt, EXCERPT_CHARS};

/// What went wrong, in words a user can act on, in the reader's language.
/// Internal details are logged on the server and never sent to the browser.
/// The variants without words are worded when shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session.
    #[error("{}", td_string!(locale_of(reader_language()), errors.unauthorized))]
    Unauthorized,
    /// The e-mail address or password was wrong (deliberately not saying which).
    #[error("{}", td_string!(locale_of(reader_language()), errors.sign_in_failed))]
    SignInFailed,
    /// Signed in, but the role or workspace does not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// The thing does not exist in this workspace.
    #[error("{0}")]
    NotFound(String),
    /// The request collides with the current state (e.g. a newer version).
    #[error("{0}")]
    Conflict(String),
    /// Bad input: which field, and what is wrong with it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Too many attempts; try again later.
    #[error("{0}")]
    TooManyRequests(String),
    /// The request never reached the server or its answer was unreadable.
    #[error("{}", td_string!(locale_of(reader_language()), errors.network))]
    Network(String),
    /// A fault on our side; details are in the server log.
    #[error("{}", td_string!(locale_of(reader_language()), errors.internal))]
    Internal,
}

/// Something a request names that is not (or no longer) in the workspace.
/// Every "not found" answer takes its words from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Contact,
    Conversation,
    Channel,
    Merge,
    Field,
    Tag,
    Import,
    Export,
    /// The contact is not connected on the channel.
    ChannelLink,
    /// The contact does not have the tag.
    TagLink,
}

impl Missing {
    /// What the user is told, in `language`.
    pub fn message(self, language: shared::UiLanguage) -> &'static str {
        let locale = locale_of(language);
        match self {
            Missing::Contact => td_string!(locale, errors.missing.contact),
            Missing::Conversation => td_string!(locale, errors.missing.conversation),
            Missing::Channel => td_string!(locale, errors.missing.channel),
            Missing::Merge => td_string!(locale, errors.missing.merge),
            Missing::Field => td_string!(locale, errors.missing.field),
            Missing::Tag => td_string!(locale, errors.missing.tag),
            Missing::Import => td_string!(locale, errors.missing.import),
            Missing::Export => td_string!(locale, errors.missing.export),
            Missing::ChannelLink => td_string!(locale, errors.missing.channel_link),
            Missing::TagLink => td_string!(locale, errors.missing.tag_link),
        }
    }
}

impl AppError {
    /// 404 for something the request names that is not in the workspace.
    pub fn not_found(what: Missing) -> Self {
        AppError::NotFound(what.message(reader_language()).into())
    }

    /// Bad input in one named field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Bad input found by a shared parser: its field and message in the
    /// reader's language, the same words the browser shows.
    pub fn input(error: impl shared::FieldRefusal) -> Self {
        AppError::from(error.field_error(reader_language()))
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::SignInFailed => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::Invalid { .. } => 422,
            AppError::TooManyRequests(_) => 429,
            AppError::Network(_) => 503,
            AppError::Internal => 500,
        }
    }

    /// The status as the HTTP library's type.
    #[cfg(feature = "ssr")]
    pub fn http_status(&self) -> axum::http::StatusCode {
        axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The field the error is about, when it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<shared::FieldError> for AppError {
    /// Bad input found by the shared rules keeps their field and message.
    fn from(error: shared::FieldError) -> Self {
        AppError::Invalid {
            field: error.field,
            message: error.message,
        }
    }
}

impl From<shared::permissions::Refused> for AppError {
    /// A refusal by the permission matrix, with its reason.
    fn from(refused: shared::permissions::Refused) -> Self {
        AppError::Forbidden(refused.reason(reader_language()).to_owned())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Encodes the error for the browser. On the server this is where a
    /// server function's error leaves, so it also sets the response's
    /// status to the one the error names (the framework would send 500).
    fn ser(&self) -> Bytes {
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(self.http_status());
        }
        JsonEncoding::encode(self).unwrap_or_else(|error| {
            // Every variant is plain strings; this cannot happen in practice.
            #[cfg(feature = "ssr")]
            tracing::error!(%error, "encoding an error failed");
            let _ = error;
            Bytes::from_static(b"\"Internal\"")
        })
    }

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The reader's message can quote what was sent: a short,
            // sanitised excerpt only.
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message) => {
                Refusal::UnreadableRequest {
                    excerpt: excerpt(&message, 2 * EXCERPT_CHARS),
                }
                .into()
            }
            ServerFnErrorErr::Request(message) | ServerFnErrorErr::Response(message) => {
                AppError::Network(message)
            }
            ServerFnErrorErr::UnsupportedRequestMethod(message) => {
                Refusal::UnreadableRequest { excerpt: message }.into()
            }
            _ => AppError::Internal,
        }
    }
}

/// Plain axum handlers (the CSV download, file uploads) answer an error
/// the way server functions do: its status and the error as JSON.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        (self.http_status(), axum::Json(self)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_arguments_are_quoted_only_in_a_short_excerpt() {
        let huge = format!("unknown variant `{}`", "x".repeat(70_000));
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(huge));
        assert_eq!(error.status(), 422);
        assert!(error.to_string().chars().count() < 200, "{error}");
    }

    #[test]
    fn bad_arguments_become_a_named_validation_error() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing email".into()));
        assert_eq!(error.field(), Some("Request"));
        assert_eq!(error.status(), 422);
    }
}
