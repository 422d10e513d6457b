//! What the drawer shows and sends: one contact with everything around it,
//! and the requests of each edit. Shared by the browser and the server.

use crate::i18n::{t_string, use_i18n};
use serde::{Deserialize, Serialize};
use shared::channel::ChannelStatus;
use shared::fields::ConversationStatus;
use shared::{CustomFieldDefinition, StandardField};

/// Everything the drawer shows about one contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactDetails {
    /// The contact's id (R3).
    pub id: i64,
    /// Increases with every change; edits carry the version they were based on.
    pub version: i64,
    /// First name, may be empty.
    pub first_name: String,
    /// Last name, may be empty.
    pub last_name: String,
    /// The name from the channel the contact wrote on.
    pub profile_name: String,
    /// The picture from the channel, when there is one.
    pub avatar_url: Option<String>,
    /// E-mail address as stored.
    pub email: Option<String>,
    /// Phone number in E.164.
    pub phone: Option<String>,
    /// Phone number in international format, for display.
    pub phone_display: Option<String>,
    /// ISO code of the country shown: set by hand, else from the phone (R18).
    pub country: Option<String>,
    /// Whether the country was set by hand (otherwise it follows the phone).
    pub country_manual: bool,
    /// BCP 47 tag of the contact's language.
    pub language: Option<String>,
    /// The user the contact is assigned to.
    pub assignee_id: Option<i64>,
    /// The state of the contact's conversation, when it has one.
    pub conversation_status: Option<ConversationStatus>,
    /// Whether the contact is blocked (R25–R27).
    pub blocked: bool,
    /// The workspace's fields in its order (R20): standard and custom keys.
    pub field_order: Vec<String>,
    /// The workspace's custom fields with this contact's values (R19).
    pub custom_fields: Vec<CustomFieldEntry>,
    /// The contact's tags (R21).
    pub tags: Vec<TagRef>,
    /// Every tag of the workspace, for "Add tag" (R22).
    pub workspace_tags: Vec<TagRef>,
    /// The workspace's users, for the assignee drop-down.
    pub members: Vec<MemberRef>,
    /// Every workspace channel and how it stands for the contact (R5–R9).
    pub channels: Vec<ChannelCard>,
    /// Other contacts that may be the same person (R11, R12, R17).
    pub duplicates: Vec<DuplicateContact>,
}

impl ContactDetails {
    /// The name at the top of the drawer (R3): first and last name, else
    /// the channel's profile name, else "Contact <id>" in the page's
    /// language (so it is called while rendering).
    pub fn display_name(&self) -> String {
        let name = format!("{} {}", self.first_name, self.last_name);
        let name = name.trim();
        if !name.is_empty() {
            name.to_owned()
        } else if !self.profile_name.trim().is_empty() {
            self.profile_name.trim().to_owned()
        } else {
            t_string!(use_i18n(), details.unnamed_contact, id = self.id).to_string()
        }
    }
}

/// A custom field and this contact's value of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomFieldEntry {
    /// The field.
    pub definition: CustomFieldDefinition,
    /// The stored value in its canonical input form, `None` when empty.
    pub value: Option<String>,
    /// The value as shown (checkboxes as Yes/No, phones formatted).
    pub display: Option<String>,
}

/// A tag of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRef {
    /// The tag's id.
    pub id: i64,
    /// Its name as shown.
    pub name: String,
}

/// A user of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRef {
    /// The user's id.
    pub id: i64,
    /// The user's name.
    pub name: String,
}

/// One card of the Channels tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCard {
    /// The channel and how it stands for the contact.
    pub status: ChannelStatus,
    /// R7: the conversation on the Facebook page, for active Facebook cards.
    pub facebook_url: Option<String>,
}

/// A contact suggested for merging (R11, R12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateContact {
    /// Its id.
    pub id: i64,
    /// Its name as shown.
    pub name: String,
    /// The user it is assigned to (agents merge only their own).
    pub assignee_id: Option<i64>,
    /// Its phone number, formatted, when it has one.
    pub phone: Option<String>,
    /// Its e-mail address, when it has one.
    pub email: Option<String>,
    /// The kinds of the channels it is connected on.
    pub channels: Vec<shared::channel::ChannelKind>,
    /// Whether the phone number is the same as the viewed contact's.
    pub same_phone: bool,
    /// Whether the e-mail address is the same as the viewed contact's.
    pub same_email: bool,
}

/// Names one contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRef {
    /// The contact's id.
    pub contact_id: i64,
}

/// R4: "Save name".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameEdit {
    /// The contact.
    pub contact_id: i64,
    /// The version the user edited.
    pub version: i64,
    /// The first-name input as typed.
    pub first: String,
    /// The last-name input as typed.
    pub last: String,
}

/// R18: a new value for one editable standard field (country, language,
/// e-mail, phone or assignee); a blank value clears the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldEdit {
    /// The contact.
    pub contact_id: i64,
    /// The version the user edited.
    pub version: i64,
    /// Which field.
    pub field: StandardField,
    /// What the user typed or picked (the assignee as a user id).
    pub value: String,
}

/// R19: a new value for one custom field; a blank value clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomValueEdit {
    /// The contact.
    pub contact_id: i64,
    /// The version the user edited.
    pub version: i64,
    /// The custom field's key.
    pub key: String,
    /// What the user typed or picked.
    pub value: String,
}

/// R22: add a tag by name, creating it in the workspace when it is new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagAdd {
    /// The contact.
    pub contact_id: i64,
    /// The tag's name as typed or picked.
    pub name: String,
}

/// R23: take one tag off a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRemoval {
    /// The contact.
    pub contact_id: i64,
    /// The tag.
    pub tag_id: i64,
}

/// R10: disconnect a channel from a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelRemoval {
    /// The contact.
    pub contact_id: i64,
    /// The workspace channel.
    pub channel_id: i64,
}

/// R25–R30: block, unblock or delete a contact from the drawer's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAction {
    /// The contact.
    pub contact_id: i64,
}

/// The answer to an edit: the contact's new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The version after the change.
    pub version: i64,
}
