//! Helpers for the Inbox tests: channels of the demo workspace, posting to
//! channel ingress, opening and answering conversations, the workspace's
//! event stream.

use super::TestApp;
use app::inbox::model::ConversationView;
use reqwest::{header, Client, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};

/// A demo channel: id and token.
pub struct Channel {
    pub id: i64,
    pub token: String,
}

impl TestApp {
    /// The demo workspace's channel of a kind.
    pub async fn demo_channel(&self, kind: &str) -> Channel {
        let (id, token): (i64, String) = sqlx::query_as(
            "SELECT c.id, c.token FROM channels c JOIN workspaces w ON w.id = c.workspace_id
              WHERE w.name = 'Demo' AND c.kind = $1",
        )
        .bind(kind)
        .fetch_one(self.pool())
        .await
        .expect("channel");
        Channel { id, token }
    }

    /// Rotates a channel's token from the channel settings.
    pub async fn rotate_token(&self, client: &Client, channel: &Channel) -> Response {
        let id = channel.id.to_string();
        self.call(client, "channels_rotate_token", &[("channel_id", &id)])
            .await
    }

    /// Posts a raw body to a channel's ingress endpoint.
    pub async fn post_ingress(&self, channel_id: i64, token: &str, body: String) -> Response {
        ingress_request(&self.client(), &self.address, channel_id, token, body)
            .send()
            .await
            .expect("request")
    }

    /// Posts a message and expects it stored; returns the answer.
    pub async fn receive(&self, channel: &Channel, payload: Value) -> Value {
        let response = self
            .post_ingress(channel.id, &channel.token, payload.to_string())
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "ingress");
        response.json().await.expect("json")
    }

    /// Posts a message and expects it stored; the contact it reached.
    pub async fn receive_contact(&self, channel: &Channel, payload: Value) -> i64 {
        Self::contact_of(&self.receive(channel, payload).await)
    }

    /// Closes a contact's conversation straight in the database.
    pub async fn close_conversation(&self, contact: i64) {
        sqlx::query("UPDATE conversations SET status = 'closed' WHERE contact_id = $1")
            .bind(contact)
            .execute(self.pool())
            .await
            .expect("close");
    }

    /// How many links tie a contact to a channel under `external_id` (the
    /// sender's id on that channel).
    pub async fn channel_links(&self, contact: i64, channel: &Channel, external_id: &str) -> i64 {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM contact_channels
              WHERE contact_id = $1 AND channel_id = $2 AND external_id = $3",
        )
        .bind(contact)
        .bind(channel.id)
        .bind(external_id)
        .fetch_one(self.pool())
        .await
        .expect("count")
    }

    /// The contact id an ingress answer names.
    pub fn contact_of(answer: &Value) -> i64 {
        answer["contact_id"].as_i64().expect("contact id")
    }

    /// Opens a contact's conversation in the Inbox, as the signed-in client.
    pub async fn open_conversation(&self, client: &Client, contact: i64) -> ConversationView {
        self.answer(
            client,
            "inbox_conversation",
            &json!({"request": {"contact_id": contact}}),
        )
        .await
    }

    /// Sends a message to a contact on a channel, as the Inbox's reply form
    /// does.
    pub async fn send_message(
        &self,
        client: &Client,
        contact: i64,
        channel: &Channel,
        body: &str,
    ) -> Response {
        self.call(
            client,
            "inbox_send_message",
            &[
                ("input[contact_id]", &contact.to_string()),
                ("input[channel_id]", &channel.id.to_string()),
                ("input[body]", body),
            ],
        )
        .await
    }
}

/// A valid message payload from `sender` with message id `id`.
pub fn message(id: &str, sender: &str, text: &str, sent_at: &str) -> Value {
    json!({
        "message_id": id,
        "sender": {
            "id": sender,
            "name": format!("Sender {sender}"),
            "avatar_url": "https://cdn.example.com/a.png",
            "language": "de"
        },
        "text": text,
        "sent_at": sent_at,
    })
}

/// A channel's POST of a raw body to the ingress endpoint of the server at
/// `address`.
pub fn ingress_request(
    client: &Client,
    address: &str,
    channel_id: i64,
    token: &str,
    body: String,
) -> RequestBuilder {
    client
        .post(format!("{address}/api/ingress/{channel_id}"))
        .bearer_auth(token)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
}

impl TestApp {
    /// Opens the signed-in client's workspace event stream.
    pub async fn events(&self, client: &Client) -> Response {
        let stream = self.get(client, app::inbox::EVENTS_PATH).await;
        assert_eq!(stream.status(), StatusCode::OK, "event stream");
        stream
    }
}

/// Reads the event stream until an event of `kind` names `contact_id`;
/// fails after ten seconds.
pub async fn wait_for_event(stream: &mut Response, contact_id: i64, kind: &str) {
    wait_for(
        stream,
        &format!("{kind} event for contact {contact_id}"),
        |event| event["contact_id"].as_i64() == Some(contact_id) && event["kind"] == kind,
    )
    .await;
}

/// Reads the event stream until it tells the Inbox to refetch everything
/// (an event that names no contact); fails after ten seconds.
pub async fn wait_for_refetch(stream: &mut Response) {
    wait_for(stream, "refetch", |event| event.get("contact_id").is_none()).await;
}

async fn wait_for(stream: &mut Response, what: &str, wanted: impl Fn(&Value) -> bool) {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .unwrap_or_else(|_| panic!("no {what}; saw: {seen}"))
            .expect("event stream")
            .expect("event stream open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
        let found = seen
            .lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .filter_map(|data| serde_json::from_str::<Value>(data.trim()).ok())
            .any(|event| wanted(&event));
        if found {
            return;
        }
    }
}
