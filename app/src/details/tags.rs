//! Tags at the bottom of the "Contact details" tab (R21–R23).

use super::api::{details_add_tag, details_remove_tag};
use super::model::{ContactDetails, TagAdd, TagRemoval};
use super::state::DrawerState;
use crate::error::AppError;
use crate::i18n::{t_string, use_i18n};
use crate::icons::{Icon, LuX};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::permissions::Action;
use shared::tag::tag_to_create;
use shared::TagName;

/// The contact's tags, each with an "x", and "Add tag".
#[component]
pub fn TagsSection(contact: ContactDetails) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let may_tag = state.may(Action::Tag, contact.assignee_id);
    let error = RwSignal::new(None::<String>);
    let run = move |change: TagChange| {
        let message = match change {
            TagChange::Add(_) => t_string!(i18n, details.tags.added),
            TagChange::Remove(_) => t_string!(i18n, details.tags.removed),
        };
        // The drawer is read again after the change: focus comes back to
        // the same check box, else to the open list's search box, else to
        // "Add tag".
        let focus_after = match super::browser::focused_id() {
            Some(id) if id.starts_with("tag-option-") => id,
            _ if state.tag_picker_open.get_untracked() => "tag-search".to_owned(),
            _ => "add-tag".to_owned(),
        };
        spawn_local(async move {
            let contact_id = state.contact_id;
            let result: Result<(), AppError> = match change {
                TagChange::Add(name) => details_add_tag(TagAdd { contact_id, name }).await,
                TagChange::Remove(tag_id) => {
                    details_remove_tag(TagRemoval { contact_id, tag_id }).await
                }
            };
            match result {
                Ok(()) => state.saved_and_focus(message, &focus_after),
                Err(failure) => error.set(state.failed(failure)),
            }
        });
    };
    let chips = contact
        .tags
        .iter()
        .map(|tag| {
            let id = tag.id;
            view! {
                <li class="tag">
                    <span>{tag.name.clone()}</span>
                    {may_tag.then(|| view! {
                        <button
                            type="button"
                            class="tag-remove"
                            aria-label=t_string!(i18n, details.tags.remove_tag, tag = tag.name.clone()).to_string()
                            on:click=move |_| run(TagChange::Remove(id))
                        >
                            <Icon icon=LuX/>
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="tags" aria-labelledby="tags-title">
            <div class="section-head">
                <h3 id="tags-title">{t_string!(i18n, details.tags.title)}</h3>
                {may_tag.then(|| view! {
                    <button
                        type="button"
                        class="icon-button"
                        id="add-tag"
                        aria-label=t_string!(i18n, details.tags.add_tag)
                        aria-expanded=move || state.tag_picker_open.get().to_string()
                        aria-controls="tag-picker"
                        on:click=move |_| {
                            state.tag_picker_open.update(|open| *open = !*open);
                            super::browser::focus_id("tag-search");
                            super::browser::reveal_id("tag-picker");
                        }
                    >
                        <span aria-hidden="true">"+"</span>
                    </button>
                })}
            </div>
            {contact.tags.is_empty().then(|| view! { <p class="muted">{t_string!(i18n, details.tags.none_yet)}</p> })}
            <ul class="tag-list">{chips}</ul>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <Show when=move || state.tag_picker_open.get()>
                <TagPicker contact=contact.clone() on_change=Callback::new(run)/>
            </Show>
        </section>
    }
    .into_any()
}

/// A change to the contact's tags.
#[derive(Debug, Clone)]
enum TagChange {
    Add(String),
    Remove(i64),
}

/// R22: the searchable list of the workspace's tags with check boxes, and
/// "Create tag" for a name that does not exist yet.
#[component]
fn TagPicker(contact: ContactDetails, on_change: Callback<TagChange>) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let existing: Vec<TagName> = contact
        .workspace_tags
        .iter()
        .filter_map(|tag| TagName::parse(&tag.name).ok())
        .collect();
    let workspace_tags = contact.workspace_tags.clone();
    let has = contact.tags.iter().map(|tag| tag.id).collect::<Vec<_>>();
    let rows = move || {
        let text = search.get();
        workspace_tags
            .iter()
            .filter(|tag| TagName::parse(&tag.name).is_ok_and(|name| name.matches_search(&text)))
            .map(|tag| {
                let (id, name) = (tag.id, tag.name.clone());
                let checked = has.contains(&id);
                let box_id = format!("tag-option-{id}");
                view! {
                    <li>
                        <input
                            type="checkbox"
                            id=box_id.clone()
                            checked=checked
                            on:change=move |event| {
                                let change = if event_target_checked(&event) {
                                    TagChange::Add(name.clone())
                                } else {
                                    TagChange::Remove(id)
                                };
                                on_change.run(change);
                            }
                        />
                        <label for=box_id>{tag.name.clone()}</label>
                    </li>
                }
            })
            .collect_view()
    };
    let to_create = move || tag_to_create(&search.get(), &existing);
    // Arrow keys walk the search box and the check boxes; Escape closes.
    let on_keydown = move |event: leptos::ev::KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            event.stop_propagation();
            state.tag_picker_open.set(false);
            super::browser::focus_id("add-tag");
        }
        "ArrowDown" | "ArrowUp" => {
            event.prevent_default();
            let step = if event.key() == "ArrowDown" { 1 } else { -1 };
            super::browser::move_focus("tag-picker", "#tag-search, .tag-options input", step);
        }
        _ => {}
    };
    view! {
        <div class="tag-picker" id="tag-picker" role="group" aria-label=t_string!(i18n, details.tags.add_tags) on:keydown=on_keydown>
            <input
                type="search"
                id="tag-search"
                aria-label=t_string!(i18n, details.tags.search)
                placeholder=t_string!(i18n, details.tags.search_or_create)
                prop:value=move || search.get()
                on:input=move |event| search.set(event_target_value(&event))
            />
            <ul class="tag-options">{rows}</ul>
            {move || to_create().map(|tag| {
                let name = tag.as_str().to_owned();
                view! {
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            on_change.run(TagChange::Add(name.clone()));
                            search.set(String::new());
                        }
                    >
                        {t_string!(i18n, details.tags.create, tag = tag.as_str().to_owned()).to_string()}
                    </button>
                }
            })}
        </div>
    }
    .into_any()
}
