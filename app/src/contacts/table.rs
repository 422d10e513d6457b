//! The contacts table (R2, R31): a real `<table>` with a check box per row
//! and for the page, sortable column headers, and each contact's name as a
//! link that opens the contact-details drawer.

use super::format;
use super::model::{ContactPage, ContactRow, PageCursor, Sort};
use super::selection::TableState;
use super::url;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::channel::ChannelKind;

/// Channel icons shown per row before "+N".
const CHANNELS_SHOWN: usize = 3;

/// The table for one page.
#[component]
pub fn ContactsTable(page: ContactPage) -> impl IntoView {
    let state = expect_context::<TableState>();
    let page_ids: Vec<i64> = page.rows.iter().map(|row| row.id).collect();
    let all_ids = page_ids.clone();
    let page_checked = move || {
        state
            .selection
            .with(|selection| selection.contains_all(&all_ids))
    };
    let toggle_ids = page_ids.clone();
    let on_page = move |event: leptos::ev::Event| {
        let checked = event_target_checked(&event);
        state
            .selection
            .update(|selection| selection.toggle_page(checked, &toggle_ids));
    };
    if page.rows.is_empty() {
        return view! { <p class="empty" role="status">"No contacts match."</p> }.into_any();
    }
    let rows = page
        .rows
        .into_iter()
        .map(|row| view! { <Row row page_ids=page_ids.clone()/> }.into_any())
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="contacts-table">
                <caption class="visually-hidden">"Contacts"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="check">
                            <input
                                type="checkbox"
                                aria-label="Select page"
                                prop:checked=page_checked
                                on:change=on_page
                            />
                        </th>
                        <SortHeader sort=Sort::Name label="Name"/>
                        <th scope="col">"Channels"</th>
                        <th scope="col">"E-mail"</th>
                        <th scope="col">"Phone"</th>
                        <th scope="col">"Tags"</th>
                        <th scope="col">"Country"</th>
                        <th scope="col">"Language"</th>
                        <th scope="col">"Conversation status"</th>
                        <th scope="col">"Assignee"</th>
                        <SortHeader sort=Sort::LastMessage label="Last message"/>
                        <SortHeader sort=Sort::Added label="Date added"/>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A column header that sorts the table by its column.
#[component]
fn SortHeader(sort: Sort, label: &'static str) -> impl IntoView {
    let state = expect_context::<TableState>();
    let active = move || state.query.get().sort == sort;
    let href = move || {
        let mut query = state.query.get();
        query.sort = sort;
        url::href(&query, &PageCursor::First, None)
    };
    let direction = if sort == Sort::Name {
        "ascending"
    } else {
        "descending"
    };
    view! {
        <th scope="col" aria-sort=move || if active() { direction } else { "none" }>
            <A href=href attr:class="sort-link">
                {label}
                <span class="visually-hidden">{move || if active() { "" } else { ", sort by this column" }}</span>
            </A>
        </th>
    }
}

#[component]
fn Row(row: ContactRow, page_ids: Vec<i64>) -> impl IntoView {
    let state = expect_context::<TableState>();
    let id = row.id;
    let checked = move || state.selection.with(|selection| selection.contains(id));
    let on_check = move |event: leptos::ev::Event| {
        let checked = event_target_checked(&event);
        state
            .selection
            .update(|selection| selection.toggle(id, checked, &page_ids));
    };
    let open_href = move || url::href(&state.query.get(), &state.page.get(), Some(id));
    let initials = if row.has_name {
        format::initials(&row.display_name)
    } else {
        "#".to_string()
    };
    let avatar = match row.avatar_url.clone() {
        Some(src) => view! { <img class="avatar" src=src alt=""/> }.into_any(),
        None => view! { <span class="avatar" aria-hidden="true">{initials}</span> }.into_any(),
    };
    let select_label = format!("Select {}", row.display_name);
    view! {
        <tr>
            <td class="check">
                <input type="checkbox" aria-label=select_label prop:checked=checked on:change=on_check/>
            </td>
            <th scope="row">
                <span class="name">
                    {avatar}
                    <A href=open_href>{row.display_name.clone()}</A>
                </span>
            </th>
            <td><Channels channels=row.channels/></td>
            <td>{row.email.unwrap_or_default()}</td>
            <td class="nowrap">{row.phone.unwrap_or_default()}</td>
            <td>
                <ul class="chips">
                    {row.tags.into_iter().map(|tag| view! { <li class="chip">{tag}</li> }).collect_view()}
                </ul>
            </td>
            <td class="nowrap">
                {row.country.map(|code| view! {
                    <span aria-hidden="true">{format::country_flag(&code)}</span>
                    " "
                    {format::country_name(&code)}
                })}
            </td>
            <td>{row.language.map(|tag| format::language_name(&tag))}</td>
            <td>{row.status.map(|status| view! {
                <span class=format!("status status-{}", status.key())>{status.label()}</span>
            })}</td>
            <td>{row.assignee.map(|(_, name)| name)}</td>
            <td class="nowrap">{row.last_message_at.map(format::date_time)}</td>
            <td class="nowrap">{format::date(row.created_at)}</td>
        </tr>
    }
    .into_any()
}

/// Up to three channel icons, then "+N".
#[component]
pub(crate) fn Channels(channels: Vec<ChannelKind>) -> impl IntoView {
    let more = channels.len().saturating_sub(CHANNELS_SHOWN);
    let hidden: Vec<&'static str> = channels
        .iter()
        .skip(CHANNELS_SHOWN)
        .map(|kind| kind.label())
        .collect();
    view! {
        <ul class="channels">
            {channels.into_iter().take(CHANNELS_SHOWN).map(|kind| view! {
                <li class=format!("channel channel-{}", kind.key()) title=kind.label()>
                    <span aria-hidden="true">{abbreviation(kind)}</span>
                    <span class="visually-hidden">{kind.label()}</span>
                </li>
            }).collect_view()}
            {(more > 0).then(|| view! {
                <li class="channel more" title=hidden.join(", ")>
                    <span aria-hidden="true">{format!("+{more}")}</span>
                    <span class="visually-hidden">{format!("and {}", hidden.join(", "))}</span>
                </li>
            })}
        </ul>
    }
}

fn abbreviation(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::WhatsApp => "WA",
        ChannelKind::Sms => "SMS",
        ChannelKind::Email => "@",
        ChannelKind::FacebookMessenger => "FB",
        ChannelKind::Instagram => "IG",
        ChannelKind::Telegram => "TG",
        ChannelKind::Line => "LN",
        ChannelKind::Viber => "VB",
        ChannelKind::WeChat => "WC",
        ChannelKind::WebsiteChat => "Web",
        ChannelKind::Custom => "API",
    }
}
