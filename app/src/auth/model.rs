use serde::{Deserialize, Serialize};
use shared::permissions::Role;
use shared::UiLanguage;

/// What a user types to sign in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// A workspace the viewer belongs to, with their role in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceRef {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

/// The signed-in user as seen from the workspace they are working in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    /// The interface language the user chose, if they did.
    pub language: Option<UiLanguage>,
    /// The workspace every request of this session acts in.
    pub workspace: WorkspaceRef,
    /// Every workspace the user belongs to, for the switcher.
    pub workspaces: Vec<WorkspaceRef>,
}

impl Viewer {
    /// The viewer's role in the current workspace.
    pub fn role(&self) -> Role {
        self.workspace.role
    }
}
