//! What the table's actions send and get back: bulk tagging, deleting and
//! adding a contact.

use super::{thousands, ContactQuery};
use crate::i18n::{td_string, Locale};
use serde::{Deserialize, Serialize};
use shared::bulk::Selection;

/// The contacts a bulk action applies to: the selection, and the query the
/// table showed (used when the selection is "all matching").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkTarget {
    /// Rows picked, or every contact matching `query`.
    pub selection: Selection,
    /// The table's search, filters and view.
    pub query: ContactQuery,
}

/// "Assign tags": existing tags by id and new tags by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagAssignment {
    /// The contacts.
    pub target: BulkTarget,
    /// Existing tags to add.
    pub tag_ids: Vec<i64>,
    /// Tags to create (or reuse when the name exists) and add.
    pub new_tags: Vec<String>,
}

/// What a delete request deletes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeleteTarget {
    /// The selected contacts ("Delete", R31).
    Selected(BulkTarget),
    /// Every contact of the workspace ("Delete all", R32).
    Everything,
}

/// What the delete dialog states before the user confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletePreview {
    /// How many contacts would be deleted.
    pub count: u64,
    /// The dialog's question (count, history goes too, cannot be undone).
    pub question: String,
    /// Why the user may not delete this selection, if they may not (e.g. an
    /// agent and contacts assigned to others).
    pub refusal: Option<String>,
}

/// A background deletion, as the module shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteProgress {
    /// The job's id.
    pub job_id: i64,
    /// Contacts deleted so far.
    pub deleted: u64,
    /// Contacts the job deletes in all.
    pub total: u64,
    /// Whether it has finished.
    pub done: bool,
}

impl DeleteProgress {
    /// The progress sentence in the page's language, e.g. `"1,200 of 5,000
    /// deleted"`.
    pub fn label(self, locale: Locale) -> String {
        td_string!(
            locale,
            contacts.delete_progress.deleted_of,
            deleted = thousands(self.deleted),
            total = thousands(self.total)
        )
        .to_string()
    }
}

/// "Add contact": the form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewContact {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Phone number, with country code (or national with a country chosen).
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// Country (ISO code), may be empty.
    pub country: String,
    /// Language (BCP 47 tag), may be empty.
    pub language: String,
}

/// A contact the form added, and which of its values other contacts share
/// (they become merge suggestions, R11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedContact {
    /// The new contact's id.
    pub id: i64,
    /// Its display name.
    pub display_name: String,
    /// Another contact has the same phone number.
    pub phone_shared: bool,
    /// Another contact has the same e-mail address.
    pub email_shared: bool,
}
