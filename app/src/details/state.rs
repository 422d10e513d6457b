//! What every part of an open drawer shares: which contact, where, who is
//! looking, and how to reload after a change.

use crate::error::AppError;
use crate::layout::Toasts;
use leptos::prelude::*;
use shared::permissions::{may, Action, Assignment, Context, Module, Role};

/// The list shown beside a drawer (the Contacts table, the Inbox's
/// conversations), provided by its page: bumped after every change of the
/// contact so its row follows at once.
#[derive(Debug, Clone, Copy)]
pub struct ListBeside(pub RwSignal<u64>);

/// The two tabs of the drawer's vertical side bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Standard and custom fields, merge suggestions and tags (R18–R23).
    Details,
    /// The workspace's channels for this contact (R5–R10).
    Channels,
}

/// Shared state of one open drawer, provided as context.
#[derive(Debug, Clone, Copy)]
pub struct DrawerState {
    /// The contact shown.
    pub contact_id: i64,
    /// Where the drawer is open (R10, R26 depend on it).
    pub module: Module,
    /// The viewer's role in the workspace.
    pub role: Role,
    /// The viewer's user id (agents may delete their own contacts, R29).
    pub viewer_id: i64,
    /// Bumped after every change so the contact is read again.
    pub revision: RwSignal<u32>,
    /// A message about the whole drawer (e.g. someone else changed it).
    pub notice: RwSignal<Option<String>>,
    /// The selected tab; survives reloads.
    pub tab: RwSignal<Tab>,
    /// Whether the "Add tag" list is open; survives reloads.
    pub tag_picker_open: RwSignal<bool>,
    /// Where the drawer goes when closed.
    pub close_href: StoredValue<String>,
    /// The control to focus once the contact is read again, so a save does
    /// not drop keyboard focus to the page.
    pub focus_after_reload: StoredValue<Option<String>>,
    /// The list beside the drawer, if its page provides one.
    pub list_beside: Option<ListBeside>,
    /// The page's toasts, which confirm every change.
    pub toasts: Option<Toasts>,
}

impl DrawerState {
    /// Reads the contact again (after a change).
    pub fn reload(&self) {
        self.revision.update(|revision| *revision += 1);
    }

    /// After a change was stored: says so in a toast, reloads the table row
    /// beside the drawer and the drawer itself.
    pub fn saved(&self, message: &str) {
        self.confirm_change(message);
        self.reload();
    }

    /// [`Self::saved`], then focuses the element `id` in the reloaded drawer.
    pub fn saved_and_focus(&self, message: &str, id: &str) {
        self.confirm_change(message);
        self.reload_and_focus(id);
    }

    /// The toast and the table row of a stored change.
    pub fn confirm_change(&self, message: &str) {
        if let Some(toasts) = self.toasts {
            toasts.show(message);
        }
        if let Some(ListBeside(version)) = self.list_beside {
            version.update(|version| *version += 1);
        }
    }

    /// Reads the contact again and then focuses the element `id`.
    pub fn reload_and_focus(&self, id: &str) {
        self.focus_after_reload.set_value(Some(id.to_owned()));
        self.reload();
    }

    /// The element to focus now that the contact was read again, once.
    pub fn take_focus_target(&self) -> Option<String> {
        let target = self.focus_after_reload.try_get_value().flatten();
        self.focus_after_reload.set_value(None);
        target
    }

    /// Whether the viewer may do `action` here on a contact assigned to
    /// `assignee_id`: the same question the server asks before doing it.
    pub fn may(&self, action: Action, assignee_id: Option<i64>) -> bool {
        may(
            self.role,
            action,
            &Context::new(self.module).assigned(self.assignment(assignee_id)),
        )
    }

    /// Who a contact assigned to `assignee_id` is assigned to, seen from the
    /// viewer.
    pub fn assignment(&self, assignee_id: Option<i64>) -> Assignment {
        Assignment::of(assignee_id, self.viewer_id)
    }

    /// Handles a failed save: a stale version reloads the drawer and says
    /// so at the top (`None`); any other error is returned as the message to
    /// show next to the input, which keeps what the user typed.
    pub fn failed(&self, error: AppError) -> Option<String> {
        match error {
            AppError::Conflict(message) => {
                self.notice.set(Some(message));
                self.reload();
                None
            }
            other => Some(other.to_string()),
        }
    }

    /// The address of this page with another contact's drawer open.
    pub fn contact_href(&self, contact_id: i64) -> String {
        let base = match self.module {
            Module::Inbox => "/inbox",
            Module::Contacts => "/contacts",
        };
        format!("{base}?contact={contact_id}")
    }
}
