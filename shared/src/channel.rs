//! Channels and how each of a workspace's channels stands for one contact
//! (R5–R9).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of messaging channel a workspace can connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChannelKind {
    /// WhatsApp.
    #[serde(rename = "whatsapp")]
    WhatsApp,
    /// SMS.
    #[serde(rename = "sms")]
    Sms,
    /// E-mail.
    #[serde(rename = "email")]
    Email,
    /// Facebook Messenger.
    #[serde(rename = "facebook")]
    FacebookMessenger,
    /// Instagram.
    #[serde(rename = "instagram")]
    Instagram,
    /// Telegram.
    #[serde(rename = "telegram")]
    Telegram,
    /// LINE.
    #[serde(rename = "line")]
    Line,
    /// Viber.
    #[serde(rename = "viber")]
    Viber,
    /// WeChat.
    #[serde(rename = "wechat")]
    WeChat,
    /// The chat widget on the workspace's website.
    #[serde(rename = "webchat")]
    WebsiteChat,
    /// A channel connected through the API.
    #[serde(rename = "custom")]
    Custom,
}

impl ChannelKind {
    /// Every kind.
    pub const ALL: [ChannelKind; 11] = [
        ChannelKind::WhatsApp,
        ChannelKind::Sms,
        ChannelKind::Email,
        ChannelKind::FacebookMessenger,
        ChannelKind::Instagram,
        ChannelKind::Telegram,
        ChannelKind::Line,
        ChannelKind::Viber,
        ChannelKind::WeChat,
        ChannelKind::WebsiteChat,
        ChannelKind::Custom,
    ];

    /// The short stable key used in storage and JSON, e.g. `"whatsapp"`.
    pub fn key(self) -> &'static str {
        match self {
            ChannelKind::WhatsApp => "whatsapp",
            ChannelKind::Sms => "sms",
            ChannelKind::Email => "email",
            ChannelKind::FacebookMessenger => "facebook",
            ChannelKind::Instagram => "instagram",
            ChannelKind::Telegram => "telegram",
            ChannelKind::Line => "line",
            ChannelKind::Viber => "viber",
            ChannelKind::WeChat => "wechat",
            ChannelKind::WebsiteChat => "webchat",
            ChannelKind::Custom => "custom",
        }
    }

    /// The name shown to users, e.g. `"Facebook Messenger"`.
    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::WhatsApp => "WhatsApp",
            ChannelKind::Sms => "SMS",
            ChannelKind::Email => "E-mail",
            ChannelKind::FacebookMessenger => "Facebook Messenger",
            ChannelKind::Instagram => "Instagram",
            ChannelKind::Telegram => "Telegram",
            ChannelKind::Line => "LINE",
            ChannelKind::Viber => "Viber",
            ChannelKind::WeChat => "WeChat",
            ChannelKind::WebsiteChat => "Website chat",
            ChannelKind::Custom => "Custom channel",
        }
    }
}

impl fmt::Display for ChannelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The text was not one of the channel kinds' keys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Channel: is not a known channel kind")]
pub struct UnknownChannelKind;

impl FromStr for ChannelKind {
    type Err = UnknownChannelKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|kind| kind.key().eq_ignore_ascii_case(s))
            .ok_or(UnknownChannelKind)
    }
}

/// A channel connected to the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceChannel {
    /// The channel's id.
    pub id: i64,
    /// What kind of channel it is.
    pub kind: ChannelKind,
    /// The name the workspace gave it, e.g. "Support WhatsApp".
    pub name: String,
}

/// A contact's connection to one workspace channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelLink {
    /// The [`WorkspaceChannel::id`] it connects to.
    pub channel_id: i64,
    /// When the contact was connected, in Unix seconds (UTC).
    pub connected_at: i64,
    /// Whether any message was exchanged on it.
    pub has_interactions: bool,
}

/// How a workspace channel stands for one contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum Availability {
    /// R6: connected, with interactions; shows when it was connected.
    Active {
        /// Unix seconds (UTC).
        connected_at: i64,
    },
    /// R8: not yet connected, but the workspace may start a conversation.
    Inactive,
    /// R9: the contact has to write first; no action is offered.
    Unavailable,
}

/// One card of the drawer's "Channels" tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelStatus {
    /// The workspace channel.
    pub channel: WorkspaceChannel,
    /// How it stands for this contact.
    pub availability: Availability,
}

impl ChannelStatus {
    /// R8: whether the card offers "Send first message".
    pub fn can_send_first_message(&self) -> bool {
        self.availability == Availability::Inactive
    }

    /// R7: whether the card shows the link button that opens the conversation
    /// on the Facebook page (on hover and keyboard focus).
    pub fn shows_facebook_link(&self) -> bool {
        self.channel.kind == ChannelKind::FacebookMessenger
            && matches!(self.availability, Availability::Active { .. })
    }

    /// R10: whether there is a connection that "Remove channel" could take
    /// away (who may do it is [`crate::permissions::may`]'s business).
    pub fn is_removable(&self) -> bool {
        matches!(self.availability, Availability::Active { .. })
    }
}

/// R8: whether the workspace may start a conversation on a channel of `kind`
/// with a contact that is not connected there yet: WhatsApp and SMS when the
/// contact has a phone number, e-mail when it has an e-mail address, nothing
/// else. The server calls this before opening a conversation from
/// "Send first message".
pub fn can_start_conversation(kind: ChannelKind, has_phone: bool, has_email: bool) -> bool {
    match kind {
        ChannelKind::WhatsApp | ChannelKind::Sms => has_phone,
        ChannelKind::Email => has_email,
        _ => false,
    }
}

/// R5–R9: every workspace channel, in the given order, with how it stands for
/// a contact that has `links` and a phone number and/or e-mail address.
///
/// - Active (R6): the contact has a link to the channel with interactions.
///   With several links to one channel, the earliest connection counts.
/// - Inactive (R8): otherwise, if [`can_start_conversation`] allows it.
/// - Unavailable (R9): everything else.
///
/// A link without interactions counts as not connected; links to channels
/// that are not in `channels` (e.g. since removed from the workspace) are
/// ignored.
pub fn classify(
    channels: &[WorkspaceChannel],
    links: &[ChannelLink],
    has_phone: bool,
    has_email: bool,
) -> Vec<ChannelStatus> {
    channels
        .iter()
        .map(|channel| {
            let connected_at = links
                .iter()
                .filter(|link| link.channel_id == channel.id && link.has_interactions)
                .map(|link| link.connected_at)
                .min();
            let availability = match connected_at {
                Some(connected_at) => Availability::Active { connected_at },
                None if can_start_conversation(channel.kind, has_phone, has_email) => {
                    Availability::Inactive
                }
                None => Availability::Unavailable,
            };
            ChannelStatus {
                channel: channel.clone(),
                availability,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
