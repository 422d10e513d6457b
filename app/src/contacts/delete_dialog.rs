//! The delete confirmation (R29–R32): states the exact number of contacts,
//! that their conversation history goes too and that it cannot be undone;
//! tells an agent how many of the selection they may not delete. "Delete
//! all" also asks for the number of contacts to be typed. Focus starts on
//! the safe choice (or the number to type).

use super::api::{contacts_delete_preview, ContactsDelete};
use super::dialog::Dialog;
use super::model::{thousands, DeleteTarget};
use super::selection::{SelectionState, TableState};
use crate::details::browser::focus_id;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use shared::bulk::confirms_count;

/// The dialog for a delete request; closes itself when the job starts.
#[component]
pub fn DeleteDialog(target: DeleteTarget, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let title = match target {
        DeleteTarget::Everything => t_string!(i18n, contacts.delete_dialog.title_all),
        DeleteTarget::Selected(_) => t_string!(i18n, contacts.delete_dialog.title_selected),
    };
    let everything = target == DeleteTarget::Everything;
    let typed = RwSignal::new(String::new());
    let preview_target = target.clone();
    let preview = Resource::new(move || preview_target.clone(), contacts_delete_preview);
    let delete = ServerAction::<ContactsDelete>::new();
    Effect::new(move || {
        if let Some(Ok(_)) = delete.value().get() {
            state.selection.set(SelectionState::default());
            state.progress_version.update(|version| *version += 1);
            state.list_version.update(|version| *version += 1);
            on_close.run(());
        }
    });
    let error = move || {
        delete
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };
    view! {
        <Dialog title id="delete-dialog-title" on_close=move || on_close.run(())>
            <Suspense fallback=move || view! { <p>{t_string!(i18n, contacts.delete_dialog.counting)}</p> }>
                {move || {
                    let target = target.clone();
                    Suspend::new(async move {
                        match preview.await {
                            Ok(preview) => {
                                let refused = preview.refusal.is_some();
                                let count = preview.count;
                                let confirmed = move || !everything || confirms_count(&typed.get(), count);
                                focus_id(if everything { "delete-all-count" } else { "delete-cancel" });
                                view! {
                                    <p class="dialog-question">{preview.question}</p>
                                    {preview.refusal.map(|refusal| view! {
                                        <p class="form-error" role="alert">{refusal}</p>
                                    })}
                                    {everything.then(|| view! {
                                        <label for="delete-all-count">
                                            {t_string!(i18n, contacts.delete_dialog.type_count, count = thousands(count)).to_string()}
                                        </label>
                                        <input
                                            id="delete-all-count"
                                            inputmode="numeric"
                                            autocomplete="off"
                                            prop:value=typed
                                            on:input=move |event| typed.set(event_target_value(&event))
                                        />
                                    })}
                                    <p class="form-error" role="alert">{error}</p>
                                    <div class="dialog-buttons">
                                        <button id="delete-cancel" type="button" class="button" on:click=move |_| on_close.run(())>
                                            {t_string!(i18n, common.cancel)}
                                        </button>
                                        <button
                                            type="button"
                                            class="button danger"
                                            disabled=move || refused || !confirmed() || delete.pending().get()
                                            on:click=move |_| {
                                                delete.dispatch(ContactsDelete { target: target.clone() });
                                            }
                                        >
                                            {t_string!(i18n, contacts.delete_dialog.confirm, count = thousands(count)).to_string()}
                                        </button>
                                    </div>
                                }
                                .into_any()
                            }
                            Err(error) => view! {
                                <p class="form-error" role="alert">{error.to_string()}</p>
                                <div class="dialog-buttons">
                                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                                        {t_string!(i18n, common.close)}
                                    </button>
                                </div>
                            }
                            .into_any(),
                        }
                    })
                }}
            </Suspense>
        </Dialog>
    }
}
