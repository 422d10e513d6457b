//! Bursts of new messages, each posted twice at once.

use super::Worker;
use crate::helpers::inbox::{ingress_request, message};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// New messages per ingress burst; each is posted twice at once.
const BURST: u64 = 10;
/// The pause between bursts.
const BURST_PAUSE: Duration = Duration::from_millis(50);

/// Posts again what earlier kills left unanswered, then bursts of new
/// messages, each posted twice at once.
pub(super) async fn ingress_bursts(worker: Worker) {
    let client = Client::new();
    post_unconfirmed(&worker, &client).await;
    while !worker.stopped() {
        let numbers: Vec<u64> = {
            let mut ledger = worker.ledger();
            let first = ledger.messages.len() as u64;
            (first..first + BURST)
                .inspect(|number| {
                    ledger.messages.insert(*number, false);
                })
                .collect()
        };
        post_messages(&worker, &client, &numbers).await;
        tokio::time::sleep(BURST_PAUSE).await;
    }
}

/// Posts every message no server confirmed yet.
pub async fn post_unconfirmed(worker: &Worker, client: &Client) {
    let unconfirmed: Vec<u64> = worker
        .ledger()
        .messages
        .iter()
        .filter(|(_, confirmed)| !**confirmed)
        .map(|(number, _)| *number)
        .collect();
    post_messages(worker, client, &unconfirmed).await;
}

async fn post_messages(worker: &Worker, client: &Client, numbers: &[u64]) {
    let posts = numbers
        .iter()
        .flat_map(|number| [*number, *number])
        .map(|number| post_message(worker, client, number));
    futures::future::join_all(posts).await;
}

async fn post_message(worker: &Worker, client: &Client, number: u64) {
    let channel = &worker.world.channel;
    let sent = ingress_request(
        client,
        &worker.address,
        channel.id,
        &channel.token,
        payload(number).to_string(),
    )
    .send()
    .await;
    let Ok(response) = sent else { return };
    match response.status() {
        StatusCode::OK | StatusCode::CREATED => {
            worker.ledger().messages.insert(number, true);
        }
        status => worker.problem(format!("ingress of message {number}: {status}")),
    }
}

/// The channel's id of ingress message `number`.
pub fn external_id(number: u64) -> String {
    format!("crash-{number}")
}

/// A message from a new sender; every three senders share a phone number.
fn payload(number: u64) -> Value {
    let mut payload = message(
        &external_id(number),
        &format!("burst-sender-{number}"),
        "Burst",
        "2026-03-01T10:00:00Z",
    );
    payload["sender"]["phone"] = json!(format!("+49 151 {:08}", 40_000_000 + number / 3));
    payload
}
