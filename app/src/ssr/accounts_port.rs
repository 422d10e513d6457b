//! The accounts seam: users, workspaces, memberships and sign-in.

use crate::auth::Viewer;
use crate::error::AppError;
use async_trait::async_trait;
use shared::UiLanguage;

/// Who signed in, and where their session starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub user_id: i64,
    pub workspace_id: i64,
    /// A new token for the browser to keep, when it was not yet known as
    /// one this user signs in with.
    pub new_device_token: Option<String>,
}

/// Where a sign-in comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInClient {
    /// The client's network address.
    pub address: String,
    /// The token of a browser the user signed in with before, if it sent one.
    pub device_token: Option<String>,
}

/// Users, workspaces and memberships.
#[async_trait]
pub trait AccountsPort: Send + Sync {
    /// Checks an e-mail and password. Repeated failures for one account or
    /// from one address slow further attempts down (429 with the wait); a
    /// browser the user signed in with before is slowed down only by its
    /// own failures.
    async fn sign_in(
        &self,
        email: &str,
        password: &str,
        client: &SignInClient,
    ) -> Result<SignedIn, AppError>;

    /// The user as a member of the workspace, or `None` when they are not
    /// (or no longer) a member.
    async fn viewer(&self, user_id: i64, workspace_id: i64) -> Result<Option<Viewer>, AppError>;

    /// Stores the interface language the user chose; it follows them to
    /// every browser and server.
    async fn set_language(&self, user_id: i64, language: UiLanguage) -> Result<(), AppError>;
}
