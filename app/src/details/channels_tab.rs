//! The "Channels" tab (R5–R10): every workspace channel in three groups.

use super::api::details_remove_channel;
use super::browser::local_label;
use super::model::{ChannelCard, ChannelRemoval, ContactDetails};
use super::state::DrawerState;
use crate::i18n::{t_string, use_i18n};
use crate::icons::ChannelIcon;
use crate::wording::channel_kind_label;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::channel::Availability;
use shared::permissions::Action;

/// Active, Inactive and Unavailable channels of the contact.
#[component]
pub fn ChannelsTab(contact: ContactDetails) -> impl IntoView {
    let i18n = use_i18n();
    let group = |title: &'static str,
                 id: &'static str,
                 hint: &'static str,
                 cards: Vec<ChannelCard>| {
        let contact_id = contact.id;
        let assignee_id = contact.assignee_id;
        view! {
            <section class="channel-group" aria-labelledby=id>
                <h3 id=id>{title}</h3>
                <p class="muted">{hint}</p>
                {if cards.is_empty() {
                    view! { <p class="muted">{t_string!(i18n, common.none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="channel-cards">
                            {cards.into_iter().map(|card| view! { <ChannelCardView card contact_id assignee_id/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        }
    };
    let pick = |wanted: fn(&Availability) -> bool| {
        contact
            .channels
            .iter()
            .filter(|card| wanted(&card.status.availability))
            .cloned()
            .collect::<Vec<_>>()
    };
    let active = pick(|a| matches!(a, Availability::Active { .. }));
    let inactive = pick(|a| *a == Availability::Inactive);
    let unavailable = pick(|a| *a == Availability::Unavailable);
    view! {
        {group(t_string!(i18n, details.channels.active), "channels-active", t_string!(i18n, details.channels.active_hint), active)}
        {group(t_string!(i18n, details.channels.inactive), "channels-inactive", t_string!(i18n, details.channels.inactive_hint), inactive)}
        {group(t_string!(i18n, details.channels.unavailable), "channels-unavailable", t_string!(i18n, details.channels.contact_writes_first), unavailable)}
    }
    .into_any()
}

#[component]
fn ChannelCardView(card: ChannelCard, contact_id: i64, assignee_id: Option<i64>) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let channel = card.status.channel.clone();
    let title_id = format!("channel-{}-title", channel.id);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let channel_id = channel.id;
    let removable = card.status.is_removable() && state.may(Action::RemoveChannel, assignee_id);
    let remove = move || {
        spawn_local(async move {
            let request = ChannelRemoval {
                contact_id,
                channel_id,
            };
            match details_remove_channel(request).await {
                Ok(()) => state.saved(t_string!(i18n, details.channels.removed)),
                Err(failure) => error.set(state.failed(failure)),
            }
        });
    };
    let detail = match card.status.availability {
        Availability::Active { connected_at } => {
            let when = local_label(connected_at);
            view! { <p class="channel-detail">{t_string!(i18n, details.channels.connected)} " " <time>{when}</time></p> }.into_any()
        }
        Availability::Inactive => view! {
            <a
                class="button"
                href=format!("/inbox?contact={contact_id}&channel={channel_id}")
                aria-describedby=title_id.clone()
            >
                {t_string!(i18n, details.channels.send_first_message)}
            </a>
        }
        .into_any(),
        Availability::Unavailable => {
            view! { <p class="channel-detail muted">{t_string!(i18n, details.channels.contact_writes_first)}</p> }
                .into_any()
        }
    };
    let channel_name = channel.name.clone();
    view! {
        <li class="channel-card" data-kind=channel.kind.key()>
            <span class="channel-icon" aria-hidden="true"><ChannelIcon kind=channel.kind/></span>
            <div class="channel-body">
                <p class="channel-name" id=title_id.clone()>
                    {channel.name.clone()}
                    <span class="muted">" · " {channel_kind_label(channel.kind)}</span>
                </p>
                {detail}
                {card.facebook_url.map(|url| view! {
                    <a class="facebook-link" href=url target="_blank" rel="noopener noreferrer">
                        {t_string!(i18n, details.channels.open_in_facebook)}
                    </a>
                })}
                {removable.then(|| view! {
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button
                                type="button"
                                class="button"
                                aria-describedby=title_id.clone()
                                on:click=move |_| confirming.set(true)
                            >
                                {t_string!(i18n, details.channels.remove_channel)}
                            </button>
                        }
                    >
                        <div class="confirm" role="alertdialog" aria-label=t_string!(i18n, details.channels.remove_channel)>
                            <p>
                                {t_string!(i18n, details.channels.remove_confirm, channel = channel_name.clone())}
                            </p>
                            <button type="button" class="button danger" on:click=move |_| remove()>{t_string!(i18n, details.channels.remove)}</button>
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>{t_string!(i18n, common.cancel)}</button>
                        </div>
                    </Show>
                })}
                <p class="field-error" role="alert">{move || error.get()}</p>
            </div>
        </li>
    }
    .into_any()
}
