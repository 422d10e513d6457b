//! The contacts table (R2, R31): a real `<table>` with a check box per row
//! and for the page, sortable column headers, and each contact's name as a
//! link that opens the contact-details drawer.

use super::columns::{HiddenColumns, COLUMNS};
use super::format;
use super::model::{
    ContactPage, ContactQuery, ContactRow, Direction, PageCursor, Sort, TagMatch, View,
};
use super::selection::TableState;
use super::url;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::icons::ChannelIcon;
use crate::wording::{channel_kind_label, conversation_status_label};
use leptos::prelude::*;
use shared::channel::ChannelKind;

/// Channel icons shown per row before "+N".
const CHANNELS_SHOWN: usize = 3;

/// The table for one page.
#[component]
pub fn ContactsTable(page: ContactPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
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
        return view! { <EmptyResult/> }.into_any();
    }
    let rows = page
        .rows
        .into_iter()
        .map(|row| view! { <Row row page_ids=page_ids.clone()/> }.into_any())
        .collect_view();
    let hidden = expect_context::<HiddenColumns>();
    view! {
        <div class="table-scroll">
            <table class="contacts-table" data-hide=move || hidden.attribute()>
                <caption class="visually-hidden">{t_string!(i18n, contacts.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="check">
                            <input
                                type="checkbox"
                                aria-label=t_string!(i18n, contacts.table.select_page)
                                prop:checked=page_checked
                                on:change=on_page
                            />
                        </th>
                        <SortHeader sort=Sort::Name label=t_string!(i18n, contacts.columns.name) class="col-name"/>
                        {COLUMNS.into_iter().map(|column| match column_sort(column.key) {
                            Some(sort) => view! {
                                <SortHeader sort label=(column.label)(locale) class=format!("col-{}", column.key)/>
                            }
                            .into_any(),
                            None => view! {
                                <th scope="col" class=format!("col-{}", column.key)>{(column.label)(locale)}</th>
                            }
                            .into_any(),
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The order a column's header sorts by, if it sorts.
fn column_sort(key: &str) -> Option<Sort> {
    match key {
        "last-message" => Some(Sort::LastMessage),
        "added" => Some(Sort::Added),
        _ => None,
    }
}

/// Why the table is empty, and the way out of a search or filter that
/// matches nothing.
#[component]
fn EmptyResult() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let query = state.query.get_untracked();
    let reason = match (query.is_filtered(), query.view) {
        (true, _) => empty_reason(i18n.get_locale_untracked(), &query),
        (false, View::All) => t_string!(i18n, contacts.empty.no_contacts).to_string(),
        (false, View::Blocked) => t_string!(i18n, contacts.empty.no_blocked).to_string(),
    };
    let unfiltered = ContactQuery {
        view: query.view,
        ..ContactQuery::default()
    };
    view! {
        <div class="empty" role="status">
            <p>{reason}</p>
            {query.is_filtered().then(|| view! {
                <a class="button" href=url::href(&unfiltered, &PageCursor::First, None)>{t_string!(i18n, contacts.empty.clear_filters)}</a>
            })}
        </div>
    }
}

/// "No contacts match “lena” with the tag VIP." — what narrowed the view,
/// in the page's language.
fn empty_reason(locale: Locale, query: &ContactQuery) -> String {
    let mut parts = Vec::new();
    let search = query.search.trim();
    if !search.is_empty() {
        parts.push(td_string!(locale, contacts.empty.search, search).to_string());
    }
    match query.tags.as_slice() {
        [] => {}
        [tag] => parts.push(td_string!(locale, contacts.empty.tag, tag).to_string()),
        tags => {
            let joiner = match query.tag_match {
                TagMatch::Any => td_string!(locale, contacts.empty.any_tag_joiner),
                TagMatch::All => td_string!(locale, contacts.empty.all_tags_joiner),
            };
            let tags = tags.join(joiner);
            parts.push(td_string!(locale, contacts.empty.tags, tags).to_string());
        }
    }
    if query.assignee.is_some() {
        parts.push(td_string!(locale, contacts.empty.assignee).to_string());
    }
    if let Some(status) = query.status {
        parts.push(
            td_string!(
                locale,
                contacts.empty.status,
                status = conversation_status_label(status)
            )
            .to_string(),
        );
    }
    let criteria = parts.join(td_string!(locale, contacts.empty.joiner));
    td_string!(locale, contacts.empty.no_match, criteria).to_string()
}

/// A column header that sorts the table by its column; on the sorted column
/// it flips the direction. A plain link (the router still navigates in
/// place): `<A>` would mark every header current, as they share the path.
#[component]
fn SortHeader(sort: Sort, label: &'static str, #[prop(into)] class: String) -> impl IntoView {
    let state = expect_context::<TableState>();
    let active = move || state.query.with(|query| query.sort == sort);
    let aria_sort = move || {
        state.query.with(|query| {
            if query.sort == sort {
                query.direction.key()
            } else {
                "none"
            }
        })
    };
    let href = move || {
        let mut query = state.query.get();
        query.direction = if query.sort == sort {
            query.direction.reversed()
        } else {
            sort.first_direction()
        };
        query.sort = sort;
        url::href(&query, &PageCursor::First, None)
    };
    let i18n = use_i18n();
    let hint = move || {
        if !active() {
            t_string!(i18n, contacts.table.sort_by_column)
        } else if state
            .query
            .with(|query| query.direction == Direction::Ascending)
        {
            t_string!(i18n, contacts.table.sort_descending)
        } else {
            t_string!(i18n, contacts.table.sort_ascending)
        }
    };
    view! {
        <th scope="col" class=class aria-sort=aria_sort>
            <a href=href class="sort-link">
                {label}
                <span class="visually-hidden">{hint}</span>
            </a>
        </th>
    }
}

#[component]
fn Row(row: ContactRow, page_ids: Vec<i64>) -> impl IntoView {
    let i18n = use_i18n();
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
    let select_label = t_string!(
        i18n,
        contacts.table.select_row,
        name = row.display_name.clone()
    )
    .to_string();
    let tags_title = row.tags.join(", ");
    view! {
        <tr>
            <td class="check">
                <input type="checkbox" aria-label=select_label prop:checked=checked on:change=on_check/>
            </td>
            <th scope="row">
                <span class="name">
                    {avatar}
                    // The id brings focus back here when the drawer closes.
                    <a href=open_href id=format!("contact-link-{id}")>{row.display_name.clone()}</a>
                </span>
            </th>
            <td class="col-channels"><Channels channels=row.channels/></td>
            <Cell key="email" text=row.email.unwrap_or_default()/>
            <Cell key="phone" text=row.phone_display.unwrap_or_default()/>
            <td class="col-tags" title=tags_title>
                <ul class="chips">
                    {row.tags.into_iter().map(|tag| view! { <li class="chip">{tag}</li> }).collect_view()}
                </ul>
            </td>
            <td class="col-country">
                {row.country.map(|code| {
                    let name = format::country_name(&code, crate::layout::current_language());
                    let title = name.clone();
                    view! {
                        <span class="truncate" title=title>
                            {name}
                        </span>
                    }
                })}
            </td>
            <Cell key="language" text=row.language.map(|tag| format::language_name(&tag, crate::layout::current_language())).unwrap_or_default()/>
            <td class="col-status">{row.status.map(|status| view! {
                <span class=format!("status status-{}", status.key())>{conversation_status_label(status)}</span>
            })}</td>
            <Cell key="assignee" text=row.assignee.map(|(_, name)| name).unwrap_or_default()/>
            <Cell key="last-message" text=row.last_message_at.map(format::date_time).unwrap_or_default()/>
            <Cell key="added" text=format::date(row.created_at)/>
        </tr>
    }
    .into_any()
}

/// A cell of plain text, cut with "…" when too long; the whole text shows
/// on hover.
#[component]
fn Cell(key: &'static str, #[prop(into)] text: String) -> impl IntoView {
    let title = text.clone();
    view! {
        <td class=format!("col-{key}")>
            <span class="truncate" title=title>{text}</span>
        </td>
    }
}

/// Up to three channel icons, then "+N".
#[component]
pub(crate) fn Channels(channels: Vec<ChannelKind>) -> impl IntoView {
    let i18n = use_i18n();
    let more = channels.len().saturating_sub(CHANNELS_SHOWN);
    let hidden: Vec<&'static str> = channels
        .iter()
        .skip(CHANNELS_SHOWN)
        .map(|kind| channel_kind_label(*kind))
        .collect();
    view! {
        <ul class="channels">
            {channels.into_iter().take(CHANNELS_SHOWN).map(|kind| view! {
                <li class=format!("channel channel-{}", kind.key()) title=channel_kind_label(kind)>
                    <ChannelIcon kind/>
                    <span class="visually-hidden">{channel_kind_label(kind)}</span>
                </li>
            }).collect_view()}
            {(more > 0).then(|| view! {
                <li class="channel more" title=hidden.join(", ")>
                    <span aria-hidden="true">{format!("+{more}")}</span>
                    <span class="visually-hidden">{t_string!(i18n, contacts.table.more_channels, channels = hidden.join(", ")).to_string()}</span>
                </li>
            })}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::model::AssigneeFilter;

    #[test]
    fn r24_an_empty_result_says_what_narrowed_it_in_the_page_language() {
        let query = ContactQuery {
            search: " lena ".into(),
            tags: vec!["VIP".into(), "Churn risk".into()],
            assignee: Some(AssigneeFilter::Unassigned),
            ..ContactQuery::default()
        };
        assert_eq!(
            empty_reason(Locale::en, &query),
            "No contacts match “lena” with the tags VIP or Churn risk with the chosen assignee."
        );
        assert_eq!(
            empty_reason(Locale::de, &query),
            "Keine Kontakte entsprechen der Suche „lena“ und den Tags VIP oder Churn risk und der gewählten Zuweisung."
        );
        let one_tag = ContactQuery {
            tags: vec!["VIP".into()],
            ..ContactQuery::default()
        };
        assert_eq!(
            empty_reason(Locale::en, &one_tag),
            "No contacts match the tag VIP."
        );
    }
}
