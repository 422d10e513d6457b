//! The seam between the drawer's and the contact-fields settings' server
//! functions and storage. Every method is scoped to one workspace: a contact
//! of another workspace is "Contact not found".

use crate::details::model::ContactDetails;
use crate::error::AppError;
use crate::settings::model::FieldSettings;
use async_trait::async_trait;
use shared::{
    Country, CustomFieldDefinition, Email, FieldOrder, Language, PersonName, PhoneNumber, TagName,
};

/// What the server needs to know about a contact to decide on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFacts {
    /// The user it is assigned to.
    pub assignee_id: Option<i64>,
    /// Whether it is blocked.
    pub blocked: bool,
    /// The country phone numbers typed in national format are read in.
    pub country: Option<Country>,
}

/// A checked new value of one editable standard field; `None` clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    /// Set by hand; clearing it lets the phone number decide again.
    Country(Option<Country>),
    /// The contact's language.
    Language(Option<Language>),
    /// The e-mail address.
    Email(Option<Email>),
    /// The phone number; the country follows it unless set by hand.
    Phone(Option<PhoneNumber>),
    /// The assignee, a member of the workspace.
    Assignee(Option<i64>),
}

/// Contacts as the drawer reads and edits them.
#[async_trait]
pub trait DetailsPort: Send + Sync {
    /// Everything the drawer shows about one contact.
    async fn contact(&self, workspace_id: i64, contact_id: i64)
        -> Result<ContactDetails, AppError>;

    /// The facts permission checks and parsing depend on.
    async fn facts(&self, workspace_id: i64, contact_id: i64) -> Result<ContactFacts, AppError>;

    /// R4: saves the name if the contact is still at `version`; returns the
    /// new version (409 when someone else changed it first).
    async fn save_name(
        &self,
        workspace_id: i64,
        contact_id: i64,
        version: i64,
        name: &PersonName,
    ) -> Result<i64, AppError>;

    /// R18: saves one standard field, with the same version check.
    async fn save_field(
        &self,
        workspace_id: i64,
        contact_id: i64,
        version: i64,
        change: FieldChange,
    ) -> Result<i64, AppError>;

    /// R19: the workspace's custom field definitions.
    async fn custom_fields(
        &self,
        workspace_id: i64,
    ) -> Result<Vec<CustomFieldDefinition>, AppError>;

    /// R19: saves (or with `None` clears) one custom value, checked by the
    /// caller, with the same version check.
    async fn save_custom_value(
        &self,
        workspace_id: i64,
        contact_id: i64,
        version: i64,
        key: &str,
        value: Option<String>,
    ) -> Result<i64, AppError>;

    /// R22: tags the contact, creating the tag in the workspace when new.
    async fn add_tag(
        &self,
        workspace_id: i64,
        contact_id: i64,
        tag: &TagName,
    ) -> Result<(), AppError>;

    /// R23: takes the tag off the contact; the tag stays in the workspace.
    async fn remove_tag(
        &self,
        workspace_id: i64,
        contact_id: i64,
        tag_id: i64,
    ) -> Result<(), AppError>;

    /// R10: disconnects the channel from the contact; messages stay.
    async fn remove_channel(
        &self,
        workspace_id: i64,
        contact_id: i64,
        channel_id: i64,
    ) -> Result<(), AppError>;

    /// R29, R30: deletes the contact with its conversation history.
    async fn delete(&self, workspace_id: i64, contact_id: i64) -> Result<(), AppError>;

    /// R19, R20: the custom fields and the field order of the workspace.
    async fn field_settings(&self, workspace_id: i64) -> Result<FieldSettings, AppError>;

    /// R19: adds a custom field (checked by the caller against the others).
    async fn create_custom_field(
        &self,
        workspace_id: i64,
        definition: &CustomFieldDefinition,
    ) -> Result<(), AppError>;

    /// R19: gives a custom field the label of `definition` (checked by the
    /// caller), found by its key; 404 when the workspace has no such field.
    async fn rename_custom_field(
        &self,
        workspace_id: i64,
        definition: &CustomFieldDefinition,
    ) -> Result<(), AppError>;

    /// R19: how many contacts hold a value for the custom field with `key`;
    /// 404 when the workspace has no such field.
    async fn count_custom_values(&self, workspace_id: i64, key: &str) -> Result<i64, AppError>;

    /// R19, R20: deletes the custom field with `key`, its values on every
    /// contact and its place in the field order, in one transaction; returns
    /// how many contacts held a value. 404 when the workspace has no such
    /// field.
    async fn delete_custom_field(&self, workspace_id: i64, key: &str) -> Result<i64, AppError>;

    /// R20: saves the workspace's field order.
    async fn save_field_order(&self, workspace_id: i64, order: &FieldOrder)
        -> Result<(), AppError>;
}
