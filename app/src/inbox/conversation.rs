use super::api::inbox_older_messages;
use super::location::InboxLocation;
use super::model::{
    ConversationView, Direction, MessageView, OlderMessagesRequest, WorkflowRun, WorkflowStatus,
};
use super::older::OlderMessages;
use crate::contacts::format::date_time;
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use crate::icons::{ChannelIcon, Icon, LuArrowLeft, LuInfo};
use crate::wording::{channel_kind_label, conversation_status_label};
use leptos::prelude::*;
use shared::timestamp::rfc3339_utc;

/// The open conversation: its contact, workflow runs and messages.
#[component]
pub(super) fn ConversationPane(
    location: Memo<InboxLocation>,
    conversation: Resource<Result<Option<ConversationView>, AppError>>,
    older: OlderMessages,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
        {move || match conversation.get() {
            None => view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }.into_any(),
            Some(Ok(Some(view))) => view! { <OpenConversation view location older/> }.into_any(),
            Some(Ok(None)) => view! {
                <p class="muted empty">{t_string!(i18n, inbox.pick_conversation)}</p>
            }
            .into_any(),
            Some(Err(error)) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
        }}
        </Transition>
    }
}

#[component]
fn OpenConversation(
    view: ConversationView,
    location: Memo<InboxLocation>,
    older: OlderMessages,
) -> impl IntoView {
    let i18n = use_i18n();
    let contact_id = view.contact_id;
    let newest = view.older_messages;
    let show_older = move |_| {
        older.load(contact_id, newest, move |before| async move {
            inbox_older_messages(OlderMessagesRequest { contact_id, before })
                .await
                .map(|page| (page.messages.into_iter().rev().collect(), page.older))
        });
    };
    let more = move || older.next(contact_id, newest).is_some();
    // Loaded pages are kept newest first; the list shows oldest first.
    let earlier = move || {
        let mut loaded = older.rows(contact_id);
        loaded.reverse();
        loaded
            .into_iter()
            .map(|message| view! { <Message message/> })
            .collect_view()
    };
    let details_href = move || {
        InboxLocation {
            details: true,
            ..location.get()
        }
        .href()
    };
    let initials: String = view
        .contact_name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .collect();
    let avatar_label = t_string!(i18n, inbox.open_contact_details, name = &view.contact_name);
    let blocked_note = view
        .blocked
        .then(|| view! { <p class="blocked-note">{t_string!(i18n, inbox.blocked_note)}</p> });
    let list_href = move || location.get().list().href();
    view! {
        <header class="conversation-head">
            <a href=list_href class="icon-button back-to-list" aria-label=t_string!(i18n, inbox.back_to_conversations)>
                <Icon icon=LuArrowLeft/>
            </a>
            <a href=details_href class="avatar" aria-label=avatar_label>
                <span aria-hidden="true">{initials}</span>
            </a>
            <div class="conversation-who">
                <h2>{view.contact_name.clone()}</h2>
                <p>
                    <span class=format!("status status-{}", view.status.key()) data-testid="conversation-status">
                        {conversation_status_label(view.status)}
                    </span>
                </p>
            </div>
            <a href=details_href class="icon-button" aria-label=t_string!(i18n, inbox.contact_details)>
                <Icon icon=LuInfo/>
            </a>
        </header>
        {blocked_note}
        <Workflows runs=view.workflows/>
        <div class="message-scroller" tabindex="0">
            <ol class="messages" aria-label=t_string!(i18n, inbox.messages)>
                <Show when=more>
                    <li class="show-older">
                        <button
                            type="button"
                            class="button link"
                            disabled=move || older.loading.get()
                            on:click=show_older
                        >
                            {t_string!(i18n, inbox.show_older_messages)}
                        </button>
                    </li>
                </Show>
                {move || older.error.get().map(|error| view! { <li role="alert">{error}</li> })}
                {earlier}
                {view
                    .messages
                    .into_iter()
                    .map(|message| view! { <Message message/> })
                    .collect_view()}
            </ol>
        </div>
    }
}

/// A contact's automation runs (shown beside the conversation).
#[component]
fn Workflows(runs: Vec<WorkflowRun>) -> impl IntoView {
    let i18n = use_i18n();
    (!runs.is_empty()).then(|| {
        view! {
            <details class="workflows">
                <summary>{t_string!(i18n, inbox.workflows.summary, count = runs.len())}</summary>
                <ul aria-label=t_string!(i18n, inbox.workflows.title)>
                    {runs
                        .into_iter()
                        .map(|run| {
                            let started =
                                t_string!(i18n, inbox.workflows.started, date = date_time(run.started_at));
                            let stopped = run.stopped_at.map(|at| {
                                let reason = run
                                    .stop_reason
                                    .clone()
                                    .map(|reason| format!(" ({reason})"))
                                    .unwrap_or_default();
                                let ended = t_string!(i18n, inbox.workflows.ended, date = date_time(at));
                                format!(" · {ended}{reason}")
                            });
                            view! {
                                <li class="workflow">
                                    <span class="workflow-name">{run.name}</span>
                                    " · "
                                    <span class=format!("workflow-status workflow-{}", run.status.key())>
                                        {workflow_status_label(run.status)}
                                    </span>
                                    " · " {started} {stopped}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}

/// An automation run's status, e.g. "Running".
fn workflow_status_label(status: WorkflowStatus) -> &'static str {
    let i18n = use_i18n();
    match status {
        WorkflowStatus::Running => t_string!(i18n, inbox.workflows.running),
        WorkflowStatus::Stopped => t_string!(i18n, inbox.workflows.stopped),
        WorkflowStatus::Finished => t_string!(i18n, inbox.workflows.finished),
    }
}

#[component]
fn Message(message: MessageView) -> impl IntoView {
    let i18n = use_i18n();
    let (class, direction) = match message.direction {
        Direction::In => ("message incoming", t_string!(i18n, inbox.message.received)),
        Direction::Out => ("message outgoing", t_string!(i18n, inbox.message.sent)),
    };
    let channel = message.channel_kind.map(|kind| {
        let name = message
            .channel_name
            .clone()
            .unwrap_or_else(|| channel_kind_label(kind).to_string());
        let on_channel = t_string!(i18n, inbox.message.on_channel, channel = &name);
        view! {
            <span class=format!("channel-icon channel-{}", kind.key()) aria-hidden="true" title=name>
                <ChannelIcon kind/>
            </span>
            <span class="visually-hidden">{format!(" {on_channel}")}</span>
        }
    });
    view! {
        <li class=class data-message-id=message.id>
            <p class="message-meta">
                {channel}
                <span class="message-direction">{direction}</span>
                " · "
                <time datetime=rfc3339_utc(message.sent_at)>{date_time(message.sent_at)}</time>
                {message.while_blocked.then(|| view! {
                    <span class="while-blocked">" · " {t_string!(i18n, inbox.message.while_blocked)}</span>
                })}
            </p>
            <p class="message-body">{message.body}</p>
        </li>
    }
}
