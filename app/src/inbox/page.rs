use super::api::{inbox_conversation, inbox_conversations, InboxSendMessage};
use super::conversation::ConversationPane;
use super::list::ConversationList;
use super::live;
use super::location::InboxLocation;
use super::message_bar::MessageBar;
use super::model::{ConversationListRequest, ConversationRequest, ConversationView};
use super::older::{OlderConversations, OlderMessages};
use crate::details::{ContactDrawer, ListBeside};
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use crate::layout::{preload_on_demand, PageTitle};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::permissions::Module;

/// The open conversation, if a contact is chosen, read down to where its
/// loaded older messages begin.
async fn load_conversation(
    contact: Option<i64>,
    older: OlderMessages,
) -> Result<Option<ConversationView>, AppError> {
    match contact {
        Some(contact_id) => inbox_conversation(ConversationRequest {
            contact_id,
            since: older.since(contact_id),
        })
        .await
        .map(Some),
        None => Ok(None),
    }
}

/// The Inbox page (navigation "Inbox").
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = Memo::new(move |_| InboxLocation::from_query(&query.read()));
    let contact = Memo::new(move |_| location.get().contact);
    // Every event refreshes the list; the open conversation refreshes only
    // for its own contact's, so reading it is not disturbed by others.
    let changes = RwSignal::new(0_u64);
    let open_changes = RwSignal::new(0_u64);
    let connected = RwSignal::new(false);
    live::listen(
        move |named: Option<i64>| {
            changes.update(|n| *n += 1);
            if named.is_none() || named == contact.get_untracked() {
                open_changes.update(|n| *n += 1);
            }
        },
        connected,
    );
    let send = ServerAction::<InboxSendMessage>::new();
    // A change made in the drawer (a new name) shows in the list and the
    // conversation's header at once.
    let drawer_changes = RwSignal::new(0_u64);
    provide_context(ListBeside(drawer_changes));
    preload_on_demand();

    let older_conversations = OlderConversations::new();
    let older_messages = OlderMessages::new();

    let filter = Memo::new(move |_| location.get().filter);
    let conversations = Resource::new(
        move || {
            let refreshes = (changes.get(), drawer_changes.get(), send.version().get());
            (filter.get(), refreshes)
        },
        move |(filter, _)| {
            inbox_conversations(ConversationListRequest {
                filter,
                before: None,
                since: older_conversations.since(filter),
            })
        },
    );
    let conversation = Resource::new(
        move || {
            let refreshes = (
                open_changes.get(),
                drawer_changes.get(),
                send.version().get(),
            );
            (contact.get(), refreshes)
        },
        move |(contact, _)| load_conversation(contact, older_messages),
    );
    // The message bar has its own copy, refetched only when the contact
    // changes or a message was sent, so live updates never wipe a draft.
    let bar = Resource::new(
        move || (contact.get(), send.version().get()),
        move |(contact, _)| load_conversation(contact, older_messages),
    );

    view! {
        <PageTitle text=t_string!(i18n, inbox.title)/>
        <div
            class="inbox"
            data-live=move || if connected.get() { "connected" } else { "waiting" }
            data-pane=move || location.get().pane()
        >
            <h1 class="inbox-title">{t_string!(i18n, inbox.title)}</h1>
            <ConversationList location conversations older=older_conversations/>
            <section class="conversation" aria-label=t_string!(i18n, inbox.conversation)>
                <ConversationPane location conversation older=older_messages/>
                <MessageBar location conversation bar send/>
            </section>
            {move || {
                let here = location.get();
                match (here.contact, here.details) {
                    (Some(contact_id), true) => {
                        let close_href = InboxLocation { details: false, ..here }.href();
                        view! {
                            <ContactDrawer contact_id module=Module::Inbox close_href/>
                        }
                        .into_any()
                    }
                    _ => ().into_any(),
                }
            }}
        </div>
    }
}
