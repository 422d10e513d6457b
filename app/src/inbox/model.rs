//! What the Inbox shows and sends, as it travels between server and browser.

use serde::{Deserialize, Serialize};
use shared::channel::ChannelKind;
use shared::fields::ConversationStatus;

/// Which conversations the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConversationFilter {
    /// Every conversation of the workspace.
    #[default]
    All,
    /// Conversations assigned to the viewer.
    Mine,
    /// Conversations assigned to nobody.
    Unassigned,
}

impl ConversationFilter {
    /// Every filter, in the order of the tabs.
    pub const ALL: [ConversationFilter; 3] = [
        ConversationFilter::All,
        ConversationFilter::Mine,
        ConversationFilter::Unassigned,
    ];

    /// The key used in the address (`?filter=mine`).
    pub fn key(self) -> &'static str {
        match self {
            ConversationFilter::All => "all",
            ConversationFilter::Mine => "mine",
            ConversationFilter::Unassigned => "unassigned",
        }
    }

    /// The filter named by an address key; anything else means all.
    pub fn from_key(key: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|filter| filter.key() == key)
            .unwrap_or_default()
    }
}

/// One row of the conversation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub conversation_id: i64,
    pub contact_id: i64,
    pub contact_name: String,
    pub status: ConversationStatus,
    pub assignee_name: Option<String>,
    /// Unix seconds of the newest visible message.
    pub last_message_at: Option<i64>,
    /// The newest visible message's text (plain text, never HTML).
    pub preview: Option<String>,
    /// Whether an incoming message arrived since the viewer last opened it.
    pub unread: bool,
    /// The channel of the newest visible message.
    pub channel: Option<ChannelKind>,
    /// The contact's phone number, else e-mail address: what tells two
    /// contacts of the same name apart in the list.
    pub reached_at: Option<String>,
}

/// Where a page of the conversation list ends: the last row's activity
/// (conversations without messages count as `-1`, after every other) and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationCursor {
    pub activity: i64,
    pub id: i64,
}

/// Which part of the conversation list to read: the newest page, the page
/// after `before`, or (once older pages are shown) every conversation from
/// `since` on, so rows that new activity pushes down are never skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationListRequest {
    pub filter: ConversationFilter,
    pub before: Option<ConversationCursor>,
    pub since: Option<ConversationCursor>,
}

/// A page of the conversation list, newest activity first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationPage {
    pub rows: Vec<ConversationSummary>,
    /// Where the next (older) page starts, when there is one.
    pub older: Option<ConversationCursor>,
}

/// How many conversations a page of the list holds.
pub const CONVERSATION_PAGE_SIZE: usize = 50;

/// How many messages the open conversation shows at first, and how many
/// more "Show older messages" brings.
pub const MESSAGE_PAGE_SIZE: usize = 100;

/// Which conversation to open: a contact's, with its newest page of
/// messages or (once older ones are shown) every message from `since` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationRequest {
    pub contact_id: i64,
    pub since: Option<MessageCursor>,
}

/// The most rows a `since` read returns: the newest page plus what arrived
/// while older pages were shown.
pub const SINCE_LIMIT: usize = 1000;

/// Where a page of messages starts: the oldest shown message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageCursor {
    pub sent_at: i64,
    pub id: i64,
}

/// The messages of a contact's conversation sent before a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OlderMessagesRequest {
    pub contact_id: i64,
    pub before: MessageCursor,
}

/// A page of older messages, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagePage {
    pub messages: Vec<MessageView>,
    /// Where the page before this one starts, when there is one.
    pub older: Option<MessageCursor>,
}

/// Whether a message came from the contact or went to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the contact.
    In,
    /// From the workspace.
    Out,
}

impl Direction {
    /// The stable key used in storage.
    pub fn key(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub direction: Direction,
    pub channel_id: Option<i64>,
    pub channel_kind: Option<ChannelKind>,
    pub channel_name: Option<String>,
    pub body: String,
    pub sent_at: i64,
    /// R28: it arrived while the contact was blocked.
    pub while_blocked: bool,
}

/// A channel the message bar offers: one on which the contact can be
/// reached now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelOption {
    pub channel_id: i64,
    pub kind: ChannelKind,
    pub name: String,
    /// Active (connected with interactions) or Inactive (may be started, R8).
    pub active: bool,
}

/// Status of an automation run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkflowStatus {
    Running,
    Stopped,
    Finished,
}

impl WorkflowStatus {
    /// The stable key used in storage.
    pub fn key(self) -> &'static str {
        match self {
            WorkflowStatus::Running => "running",
            WorkflowStatus::Stopped => "stopped",
            WorkflowStatus::Finished => "finished",
        }
    }
}

/// One automation run for a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowRun {
    pub id: i64,
    pub name: String,
    pub status: WorkflowStatus,
    pub started_at: i64,
    pub stopped_at: Option<i64>,
    pub stop_reason: Option<String>,
}

/// The open conversation: its contact, messages, reachable channels and
/// the contact's workflow runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationView {
    pub contact_id: i64,
    pub conversation_id: Option<i64>,
    pub contact_name: String,
    pub avatar_url: Option<String>,
    pub status: ConversationStatus,
    pub blocked: bool,
    /// The newest page, oldest first; messages hidden because the contact
    /// is blocked are left out.
    pub messages: Vec<MessageView>,
    /// Where older messages start, when there are any.
    pub older_messages: Option<MessageCursor>,
    pub channels: Vec<ChannelOption>,
    pub workflows: Vec<WorkflowRun>,
}

/// What "Send" submits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendMessageInput {
    pub contact_id: i64,
    pub channel_id: i64,
    pub body: String,
}

/// Something changed in a workspace's Inbox; sent to every open Inbox of
/// the workspace as a server-sent event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxEvent {
    pub contact_id: i64,
    pub kind: InboxEventKind,
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InboxEventKind {
    /// A message was stored.
    Message,
    /// A conversation's status changed.
    Status,
    /// The contact was merged with others, or a merge was undone.
    Merge,
}
