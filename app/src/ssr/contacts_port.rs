//! The Contacts module's seam to storage: listing, bulk actions and
//! background deletion, always inside one workspace.

use crate::contacts::model::{
    AddedContact, BulkTarget, ContactPage, ContactRow, DeleteProgress, DeleteTarget, FilterOptions,
    ListRequest,
};
use crate::error::AppError;
use async_trait::async_trait;
use shared::{Country, Email, Language, PersonName, PhoneNumber, TagName};

/// A new contact whose values passed the shared checks.
#[derive(Debug, Clone)]
pub struct ValidContact {
    /// First and last name.
    pub name: PersonName,
    /// Phone number.
    pub phone: Option<PhoneNumber>,
    /// E-mail address.
    pub email: Option<Email>,
    /// Country set by hand.
    pub country: Option<Country>,
    /// Language.
    pub language: Option<Language>,
}

/// Contacts of a workspace, as the Contacts module reads and changes them.
/// Every method is scoped to `workspace_id`; contacts of other workspaces
/// are invisible to it.
#[async_trait]
pub trait ContactsPort: Send + Sync {
    /// One page of the table (keyset pagination) with its totals.
    async fn list(&self, workspace_id: i64, request: &ListRequest)
        -> Result<ContactPage, AppError>;

    /// The tags and members the filters offer.
    async fn filter_options(&self, workspace_id: i64) -> Result<FilterOptions, AppError>;

    /// Adds a contact; reports which values other contacts already use.
    async fn add(
        &self,
        workspace_id: i64,
        contact: &ValidContact,
    ) -> Result<AddedContact, AppError>;

    /// How many contacts of the workspace the target names, counting at
    /// most `cap` (`None`: exactly).
    async fn count_target(
        &self,
        workspace_id: i64,
        target: &DeleteTarget,
        cap: Option<u64>,
    ) -> Result<u64, AppError>;

    /// How many contacts of the target are not assigned to `user_id`.
    async fn count_not_assigned_to(
        &self,
        workspace_id: i64,
        target: &DeleteTarget,
        user_id: i64,
    ) -> Result<u64, AppError>;

    /// Adds existing tags (by id) and new ones (created unless the name
    /// exists) to every contact of the target in one transaction; returns
    /// how many contacts were tagged.
    async fn assign_tags(
        &self,
        workspace_id: i64,
        target: &BulkTarget,
        tag_ids: &[i64],
        new_tags: &[TagName],
    ) -> Result<u64, AppError>;

    /// The ids of the target's contacts, at most `limit` of them.
    async fn target_ids(
        &self,
        workspace_id: i64,
        target: &BulkTarget,
        limit: usize,
    ) -> Result<Vec<i64>, AppError>;

    /// The rows of the target, for the CSV export (the caller limits it).
    async fn export_rows(
        &self,
        workspace_id: i64,
        target: &BulkTarget,
    ) -> Result<Vec<ContactRow>, AppError>;

    /// Records a background deletion of the target's contacts as they are
    /// now; the job runner carries it out.
    async fn start_delete(
        &self,
        workspace_id: i64,
        user_id: i64,
        target: &DeleteTarget,
    ) -> Result<DeleteProgress, AppError>;

    /// The workspace's running deletion, or its latest finished one.
    async fn delete_progress(&self, workspace_id: i64) -> Result<Option<DeleteProgress>, AppError>;
}
