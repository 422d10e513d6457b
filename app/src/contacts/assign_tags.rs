//! "Assign tags" (R34): pick existing tags or create new ones; they are
//! added to every selected contact in one transaction.

use super::api::{contacts_filter_options, ContactsAssignTags};
use super::dialog::Dialog;
use super::model::{BulkTarget, TagAssignment};
use super::selection::TableState;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use shared::TagName;

/// The "Assign tags" dialog for a selection.
#[component]
pub fn AssignTagsDialog(target: BulkTarget, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let options = Resource::new(|| (), |()| contacts_filter_options());
    let picked = RwSignal::new(Vec::<i64>::new());
    let new_tag = RwSignal::new(String::new());
    let created = RwSignal::new(Vec::<String>::new());
    let assign = ServerAction::<ContactsAssignTags>::new();
    let new_tag_error = move || {
        let text = new_tag.get();
        (!text.trim().is_empty())
            .then(|| {
                TagName::parse(&text)
                    .err()
                    .map(shared::tag::TagError::message)
            })
            .flatten()
    };
    Effect::new(move || {
        if let Some(Ok(_)) = assign.value().get() {
            state.list_version.update(|version| *version += 1);
            on_close.run(());
        }
    });
    let add_new = move || {
        if let Ok(tag) = TagName::parse(&new_tag.get_untracked()) {
            created.update(|tags| {
                if !tags.iter().any(|name| name.to_lowercase() == tag.key()) {
                    tags.push(tag.as_str().to_string());
                }
            });
            new_tag.set(String::new());
        }
    };
    let submit = move |_| {
        assign.dispatch(ContactsAssignTags {
            request: TagAssignment {
                target: target.clone(),
                tag_ids: picked.get_untracked(),
                new_tags: created.get_untracked(),
            },
        });
    };
    let server_error = move || {
        assign
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };
    view! {
        <Dialog title=t_string!(i18n, contacts.assign_tags.title) id="assign-tags-title" on_close=move || on_close.run(())>
            <fieldset class="tag-picker">
                <legend>{t_string!(i18n, contacts.assign_tags.tags)}</legend>
                <Suspense fallback=move || view! { <p>{t_string!(i18n, contacts.assign_tags.loading)}</p> }>
                    {move || Suspend::new(async move {
                        options.await.ok().map(|options| options.tags.into_iter().map(|tag| {
                            let id = tag.id;
                            let input_id = format!("assign-tag-{id}");
                            view! {
                                <span class="tag-check">
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        on:change=move |event| {
                                            let checked = event_target_checked(&event);
                                            picked.update(|ids| {
                                                ids.retain(|other| *other != id);
                                                if checked {
                                                    ids.push(id);
                                                }
                                            });
                                        }
                                    />
                                    <label for=input_id>{tag.name}</label>
                                </span>
                            }
                        }).collect_view())
                    })}
                </Suspense>
                {move || created.get().into_iter().map(|name| view! {
                    <span class="chip">{t_string!(i18n, contacts.assign_tags.new_chip, name).to_string()}</span>
                }).collect_view()}
            </fieldset>
            <label for="new-tag">{t_string!(i18n, contacts.assign_tags.new_tag)}</label>
            <div class="inline">
                <input
                    id="new-tag"
                    prop:value=move || new_tag.get()
                    aria-describedby="new-tag-error"
                    on:input=move |event| new_tag.set(event_target_value(&event))
                    on:keydown=move |event| {
                        if event.key() == "Enter" {
                            event.prevent_default();
                            add_new();
                        }
                    }
                />
                <button
                    type="button"
                    class="button"
                    disabled=move || new_tag.get().trim().is_empty() || new_tag_error().is_some()
                    on:click=move |_| add_new()
                >
                    {t_string!(i18n, contacts.assign_tags.create)}
                </button>
            </div>
            <p id="new-tag-error" class="form-error">{new_tag_error}</p>
            <p class="form-error" role="alert">{server_error}</p>
            <div class="dialog-buttons">
                <button type="button" class="button" on:click=move |_| on_close.run(())>{t_string!(i18n, common.cancel)}</button>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || {
                        assign.pending().get() || (picked.get().is_empty() && created.get().is_empty())
                    }
                    on:click=submit
                >
                    {t_string!(i18n, contacts.assign_tags.apply)}
                </button>
            </div>
        </Dialog>
    }
}
