//! Search and filters above the table (R24). Each change becomes a new URL;
//! typing in the search box waits for a pause (so the server is not asked
//! for every key) and older answers are dropped by the table's resource.
//! Without JavaScript the same controls work as a plain GET form.

use super::api::contacts_filter_options;
use super::model::{AssigneeFilter, ContactQuery, FilterOptions, PageCursor, Sort, TagMatch, View};
use super::selection::TableState;
use super::url;
use crate::i18n::{t_string, use_i18n};
use crate::wording::conversation_status_label;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::fields::ConversationStatus;
use std::time::Duration;

/// How long typing must pause before the search runs.
const SEARCH_PAUSE: Duration = Duration::from_millis(250);

/// The search box and the filter controls, once the workspace's tags and
/// members are known; reloaded after a bulk action (which may have created
/// tags).
#[component]
pub fn Filters() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let options = Resource::new(
        move || state.list_version.get(),
        |_| contacts_filter_options(),
    );
    view! {
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, contacts.filters.loading)}</p> }>
            {move || Suspend::new(async move {
                options.await.ok().map(|options| view! { <FilterForm options/> })
            })}
        </Transition>
    }
}

#[component]
fn FilterForm(options: FilterOptions) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let state = expect_context::<TableState>();
    let navigate = use_navigate();
    let params = use_query_map();
    // A new search or filter starts at the first page; an open drawer stays.
    let go = move |query: ContactQuery, replace: bool| {
        let open = params.with_untracked(url::open_contact);
        navigate(
            &url::href(&query, &PageCursor::First, open),
            NavigateOptions {
                replace,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let typed = RwSignal::new(state.query.get_untracked().search);
    // What this box last searched for: the URL catching up with it must not
    // overwrite what was typed since.
    let sent = StoredValue::new(state.query.get_untracked().search);
    // Back/forward or a link changes the search: show it in the box.
    Effect::watch(
        move || state.query.get().search,
        move |search, _, _| {
            if *search != sent.get_value() {
                sent.set_value(search.clone());
                typed.set(search.clone());
            }
        },
        false,
    );
    let keystroke = StoredValue::new(0u64);
    let on_search = {
        let go = go.clone();
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            typed.set(value.clone());
            let this = keystroke.get_value() + 1;
            keystroke.set_value(this);
            let go = go.clone();
            set_timeout(
                move || {
                    if keystroke.get_value() == this {
                        let mut query = state.query.get_untracked();
                        sent.set_value(value.clone());
                        query.search = value;
                        go(query, true);
                    }
                },
                SEARCH_PAUSE,
            );
        }
    };
    let on_submit = {
        let go = go.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let mut query = state.query.get_untracked();
            query.search = typed.get_untracked();
            sent.set_value(query.search.clone());
            go(query, false);
        }
    };
    let change = move |edit: fn(&mut ContactQuery, String)| {
        let go = go.clone();
        move |event: leptos::ev::Event| {
            let mut query = state.query.get_untracked();
            edit(&mut query, event_target_value(&event));
            go(query, false);
        }
    };
    let on_assignee = change(|query, value| {
        query.assignee = match value.as_str() {
            "" => None,
            "none" => Some(AssigneeFilter::Unassigned),
            id => id.parse().ok().map(AssigneeFilter::User),
        }
    });
    let on_status = change(|query, value| {
        query.status = super::model::status_from_key(&value);
    });
    let on_sort = change(|query, value| {
        query.sort = Sort::ALL
            .into_iter()
            .find(|sort| sort.key() == value)
            .unwrap_or_default();
        query.direction = query.sort.first_direction();
    });
    let on_tag_match = change(|query, value| {
        query.tag_match = if value == "all" {
            TagMatch::All
        } else {
            TagMatch::Any
        };
    });
    let on_tag = change(|query, value| {
        if query.tags.contains(&value) {
            query.tags.retain(|tag| *tag != value);
        } else {
            query.tags.push(value);
        }
    });
    let query = state.query;
    let statuses = move || match query.get().view {
        View::All => vec![ConversationStatus::Open, ConversationStatus::Closed],
        View::Blocked => vec![ConversationStatus::Blocked],
    };

    view! {
        <form class="filters" method="get" action=url::PATH role="search" on:submit=on_submit>
            {move || (query.get().view == View::Blocked).then(|| view! {
                <input type="hidden" name="view" value="blocked"/>
            })}
            <div class="filter search">
                <label for="contacts-search">{t_string!(i18n, contacts.filters.search)}</label>
                <input
                    id="contacts-search"
                    type="search"
                    name="q"
                    autocomplete="off"
                    placeholder=t_string!(i18n, contacts.filters.search_placeholder)
                    value=typed.get_untracked()
                    prop:value=move || typed.get()
                    on:input=on_search
                />
            </div>
            <div class="filter">
                <label for="filter-assignee">{t_string!(i18n, contacts.filters.assignee)}</label>
                <select id="filter-assignee" name="assignee" on:change=on_assignee>
                    <option value="" selected=move || query.get().assignee.is_none() prop:selected=move || query.get().assignee.is_none()>{t_string!(i18n, contacts.filters.anyone)}</option>
                    <option value="none" selected=move || query.get().assignee == Some(AssigneeFilter::Unassigned) prop:selected=move || query.get().assignee == Some(AssigneeFilter::Unassigned)>
                        {t_string!(i18n, common.unassigned)}
                    </option>
                    {options.members.into_iter().map(|member| {
                        let id = member.id;
                        view! {
                            <option
                                value=id.to_string()
                                selected=move || query.get().assignee == Some(AssigneeFilter::User(id)) prop:selected=move || query.get().assignee == Some(AssigneeFilter::User(id))
                            >
                                {member.name}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="filter-status">{t_string!(i18n, contacts.filters.status)}</label>
                <select id="filter-status" name="status" on:change=on_status>
                    <option value="" selected=move || query.get().status.is_none() prop:selected=move || query.get().status.is_none()>{t_string!(i18n, contacts.filters.any_status)}</option>
                    {move || statuses().into_iter().map(|status| view! {
                        <option value=status.key() selected=move || query.get().status == Some(status) prop:selected=move || query.get().status == Some(status)>
                            {conversation_status_label(status)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="filter-sort">{t_string!(i18n, contacts.filters.sort_by)}</label>
                <select id="filter-sort" name="sort" on:change=on_sort>
                    {Sort::ALL.into_iter().map(|sort| view! {
                        <option value=sort.key() selected=move || query.get().sort == sort prop:selected=move || query.get().sort == sort>{sort.label(locale)}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="filter tags-filter">
                <legend>{t_string!(i18n, contacts.filters.by_tag)}</legend>
                <span class="tag-match">
                    <label for="filter-tag-match">{t_string!(i18n, contacts.filters.contacts_with)}</label>
                    <select id="filter-tag-match" name="tags" on:change=on_tag_match>
                        <option value="any" selected=move || query.get().tag_match == TagMatch::Any prop:selected=move || query.get().tag_match == TagMatch::Any>
                            {t_string!(i18n, contacts.filters.any_tag)}
                        </option>
                        <option value="all" selected=move || query.get().tag_match == TagMatch::All prop:selected=move || query.get().tag_match == TagMatch::All>
                            {t_string!(i18n, contacts.filters.all_tags)}
                        </option>
                    </select>
                </span>
                {options.tags.into_iter().map(|tag| {
                    let name = tag.name.clone();
                    let checked_name = tag.name.clone();
                    let id = format!("filter-tag-{}", tag.id);
                    view! {
                        <span class="tag-check">
                            <input
                                type="checkbox"
                                id=id.clone()
                                name="tag"
                                value=name
                                checked=query.get_untracked().tags.contains(&tag.name)
                                prop:checked=move || query.get().tags.contains(&checked_name)
                                on:change=on_tag.clone()
                            />
                            <label for=id>{tag.name}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t_string!(i18n, contacts.filters.apply)}</button>
        </form>
    }
}
