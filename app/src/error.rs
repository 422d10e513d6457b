//! The one error type every server function returns, with its HTTP status.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use server_fn::{Bytes, Encodes};
use shared::text::{excerpt, EXCERPT_CHARS};

/// What went wrong, in words a user can act on. Internal details are logged
/// on the server and never sent to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session.
    #[error("Please sign in to continue.")]
    Unauthorized,
    /// The e-mail address or password was wrong (deliberately not saying which).
    #[error("Email or password is incorrect.")]
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
    #[error("The server could not be reached. Check your connection and try again.")]
    Network(String),
    /// A fault on our side; details are in the server log.
    #[error("Something went wrong on our side. Please try again.")]
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
}

impl Missing {
    /// What the user is told.
    pub fn message(self) -> &'static str {
        match self {
            Missing::Contact => "This contact does not exist.",
            Missing::Conversation => "This conversation does not exist.",
            Missing::Channel => "This channel does not exist.",
            Missing::Merge => "This merge does not exist.",
            Missing::Field => "This field does not exist.",
            Missing::Tag => "That tag does not exist in this workspace.",
            Missing::Import => "This import does not exist.",
            Missing::Export => "This export does not exist or has expired.",
        }
    }
}

impl AppError {
    /// 404 for something the request names that is not in the workspace.
    pub fn not_found(what: Missing) -> Self {
        AppError::NotFound(what.message().into())
    }

    /// Bad input in one named field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Bad input found by a shared parser, with its field and message.
    pub fn input(error: impl Into<shared::FieldError>) -> Self {
        AppError::from(error.into())
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
        AppError::Forbidden(refused.0.to_owned())
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
                AppError::invalid(
                    "Request",
                    format!(
                        "could not be read ({})",
                        excerpt(&message, 2 * EXCERPT_CHARS)
                    ),
                )
            }
            ServerFnErrorErr::Request(message) | ServerFnErrorErr::Response(message) => {
                AppError::Network(message)
            }
            ServerFnErrorErr::UnsupportedRequestMethod(message) => {
                AppError::invalid("Request", message)
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
