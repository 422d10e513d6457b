use super::api::InboxSendMessage;
use super::location::InboxLocation;
use super::model::{ChannelOption, ConversationView, SendMessageInput};
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use crate::layout::{FormFields, ServerForm};
use crate::wording::channel_kind_label;
use leptos::prelude::*;

/// The message bar: "Channel" (only channels the contact can be reached on
/// now), "Message" and "Send".
#[component]
pub(super) fn MessageBar(
    location: Memo<InboxLocation>,
    conversation: Resource<Result<Option<ConversationView>, AppError>>,
    bar: Resource<Result<Option<ConversationView>, AppError>>,
    send: ServerAction<InboxSendMessage>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Blocking and unblocking arrive live through the conversation; a memo,
    // so other live updates leave the form (and a draft) alone.
    let blocked_now = Memo::new(move |_| {
        conversation
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|view| view.blocked)
    });
    view! {
        <Transition fallback=|| ()>
        {move || {
                match bar.get().and_then(Result::ok).flatten() {
                    Some(view) if view.channels.is_empty() => view! {
                        <p class="muted message-bar">{t_string!(i18n, inbox.message_bar.unreachable)}</p>
                    }
                    .into_any(),
                    Some(view) => {
                        // After a send, keep the channel just used.
                        let last_sent = send
                            .value()
                            .get_untracked()
                            .and_then(Result::ok)
                            .and_then(|message| message.channel_id);
                        let chosen = last_sent.or(location.get_untracked().channel);
                        let blocked_before = view.blocked;
                        (move || {
                            let blocked = blocked_now.get().unwrap_or(blocked_before);
                            (!blocked).then(|| view! { <SendForm view=view.clone() chosen send/> })
                        })
                        .into_any()
                    }
                    None => ().into_any(),
                }
            }}
        </Transition>
    }
}

/// The channel preselected: the one the address names when it is
/// offered (R8 "Send first message"), else the first active one.
fn preselected(channels: &[ChannelOption], chosen: Option<i64>) -> Option<i64> {
    chosen
        .filter(|id| channels.iter().any(|option| option.channel_id == *id))
        .or_else(|| {
            channels
                .iter()
                .find(|option| option.active)
                .map(|option| option.channel_id)
        })
        .or_else(|| channels.first().map(|option| option.channel_id))
}

#[component]
fn SendForm(
    view: ConversationView,
    chosen: Option<i64>,
    send: ServerAction<InboxSendMessage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let selected = preselected(&view.channels, chosen);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let body = RwSignal::new(String::new());
    // Only once the page runs its code is an empty message held back: a
    // plain form (JavaScript off) can always be sent and gets the server's
    // answer.
    let ready = RwSignal::new(false);
    Effect::new(move || ready.set(true));
    // The server's rule for a message, run here too: an empty (or only
    // control characters) or too long message is not sent.
    let refusal = move || body.with(|text| shared::message::parse_message_text(text).err());
    let held_back = move || ready.get() && refusal().is_some();
    let too_long = move || {
        refusal()
            .filter(|_| body.with(|text| !text.trim().is_empty()))
            .map(|error| error.to_string())
    };
    // After a send the box empties for the next message.
    Effect::new(move || {
        if let Some(Ok(_)) = send.value().get() {
            body.set(String::new());
        }
    });
    // Enter sends, Shift+Enter starts a new line (as in every messenger);
    // Enter while an input method composes a character is left to it.
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() != "Enter" || event.shift_key() || event.is_composing() {
            return;
        }
        event.prevent_default();
        if held_back() || send.pending().get_untracked() {
            return;
        }
        if let Some(form) = textarea.get().and_then(|element| element.form()) {
            let _ = form.request_submit();
        }
    };
    let error = move || {
        send.value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };
    let read = |fields: &FormFields| {
        let input = SendMessageInput {
            contact_id: fields.number("input[contact_id]")?,
            channel_id: fields.number("input[channel_id]")?,
            body: fields.text("input[body]"),
        };
        Some(InboxSendMessage { input })
    };
    view! {
        <ServerForm action=send read class="message-bar">
            <input type="hidden" name="input[contact_id]" value=view.contact_id.to_string()/>
            <div class="message-bar-channel">
                <label for="message-channel">{t_string!(i18n, inbox.message_bar.channel)}</label>
                <select id="message-channel" name="input[channel_id]">
                    {view
                        .channels
                        .iter()
                        .map(|option| {
                            let state = if option.active {
                                String::new()
                            } else {
                                format!(" ({})", t_string!(i18n, inbox.message_bar.start_conversation))
                            };
                            view! {
                                <option
                                    value=option.channel_id.to_string()
                                    selected=Some(option.channel_id) == selected
                                >
                                    {format!("{} · {}{state}", option.name, channel_kind_label(option.kind))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="message-bar-text">
                <label for="message-body">{t_string!(i18n, inbox.message_bar.message)}</label>
                <textarea
                    id="message-body"
                    name="input[body]"
                    rows="2"
                    node_ref=textarea
                    aria-describedby="message-hint"
                    prop:value=body
                    on:input=move |event| body.set(event_target_value(&event))
                    on:keydown=on_keydown
                ></textarea>
                <p id="message-hint" class="muted hint">{t_string!(i18n, inbox.message_bar.hint)}</p>
            </div>
            <button type="submit" class="button primary" disabled=move || send.pending().get() || held_back()>
                {t_string!(i18n, inbox.message_bar.send)}
            </button>
            <p class="form-error" role="alert">{error} {too_long}</p>
        </ServerForm>
    }
}
