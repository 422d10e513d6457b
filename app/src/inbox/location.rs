//! Where the Inbox is: the filter, the open conversation, the channel
//! chosen to reply on and whether the contact's details are open, all kept
//! in the address so every state can be linked to and reloaded.

use super::model::ConversationFilter;
use leptos_router::params::ParamsMap;

/// Where the Inbox is, as read from (and written to) its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct InboxLocation {
    pub filter: ConversationFilter,
    pub contact: Option<i64>,
    pub channel: Option<i64>,
    pub details: bool,
}

impl InboxLocation {
    /// The location an address's query names.
    pub fn from_query(query: &ParamsMap) -> Self {
        let number = |key: &str| query.get(key).and_then(|value| value.parse::<i64>().ok());
        InboxLocation {
            filter: ConversationFilter::from_key(&query.get("filter").unwrap_or_default()),
            contact: number("contact"),
            channel: number("channel"),
            details: query.get("details").as_deref() == Some("open"),
        }
    }

    /// The pane a phone shows, the only one that fits: the list, the
    /// conversation, or the contact's details.
    pub fn pane(self) -> &'static str {
        match (self.contact, self.details) {
            (None, _) => "list",
            (Some(_), false) => "conversation",
            (Some(_), true) => "details",
        }
    }

    /// The conversation list, with the filter kept.
    pub fn list(self) -> Self {
        InboxLocation {
            filter: self.filter,
            contact: None,
            channel: None,
            details: false,
        }
    }

    /// The address of this location.
    pub fn href(self) -> String {
        let mut params = Vec::new();
        if self.filter != ConversationFilter::All {
            params.push(format!("filter={}", self.filter.key()));
        }
        if let Some(contact) = self.contact {
            params.push(format!("contact={contact}"));
        }
        if let Some(channel) = self.channel {
            params.push(format!("channel={channel}"));
        }
        if self.details {
            params.push("details=open".to_string());
        }
        if params.is_empty() {
            "/inbox".to_string()
        } else {
            format!("/inbox?{}", params.join("&"))
        }
    }
}
