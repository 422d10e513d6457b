//! Signing in and out, the signed-in viewer, and switching workspaces.

mod api;
mod login_page;
mod model;

pub use api::*;
pub use login_page::LoginPage;
pub use model::{Credentials, Viewer, WorkspaceRef};
