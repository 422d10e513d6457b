//! The seams between the Leptos app and the server: traits the server
//! implements (over its database) and hands over as context.

use super::contacts_port::ContactsPort;
use super::details_port::DetailsPort;
use crate::auth::Viewer;
use crate::error::AppError;
use async_trait::async_trait;
use std::sync::Arc;

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
pub trait Accounts: Send + Sync {
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
}

/// Everything server functions may call, provided as Leptos context.
#[derive(Clone)]
pub struct Services {
    pub accounts: Arc<dyn Accounts>,
    /// The Contacts module's storage.
    pub contacts: Arc<dyn ContactsPort>,
    /// Contacts as the drawer and the contact-fields settings see them.
    pub details: Arc<dyn DetailsPort>,
    /// Merge suggestions, merges, undo and the merge history.
    pub merges: Arc<dyn super::MergePort>,
    /// CSV imports and workspace exports.
    pub imports: Arc<dyn super::ImportsPort>,
    pub inbox: Arc<dyn super::Inbox>,
    pub usage: Arc<dyn super::Usage>,
    pub channels: Arc<dyn super::WorkspaceChannels>,
}
