//! The delete confirmation (R29–R32): states the exact number of contacts,
//! that their conversation history goes too and that it cannot be undone;
//! tells an agent how many of the selection they may not delete.

use super::api::{contacts_delete_preview, ContactsDelete};
use super::dialog::Dialog;
use super::model::DeleteTarget;
use super::selection::{SelectionState, TableState};
use leptos::prelude::*;

/// The dialog for a delete request; closes itself when the job starts.
#[component]
pub fn DeleteDialog(target: DeleteTarget, on_close: Callback<()>) -> impl IntoView {
    let state = expect_context::<TableState>();
    let title = match target {
        DeleteTarget::Everything => "Delete all contacts",
        DeleteTarget::Selected(_) => "Delete contacts",
    };
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
            <Suspense fallback=|| view! { <p>"Counting contacts…"</p> }>
                {move || {
                    let target = target.clone();
                    Suspend::new(async move {
                        match preview.await {
                            Ok(preview) => {
                                let refused = preview.refusal.is_some();
                                view! {
                                    <p class="dialog-question">{preview.question}</p>
                                    {preview.refusal.map(|refusal| view! {
                                        <p class="form-error" role="alert">{refusal}</p>
                                    })}
                                    <p class="form-error" role="alert">{error}</p>
                                    <div class="dialog-buttons">
                                        <button type="button" class="button" on:click=move |_| on_close.run(())>
                                            "Cancel"
                                        </button>
                                        <button
                                            type="button"
                                            class="button danger"
                                            disabled=move || refused || delete.pending().get()
                                            on:click=move |_| {
                                                delete.dispatch(ContactsDelete { target: target.clone() });
                                            }
                                        >
                                            {format!("Delete {}", super::model::thousands(preview.count))}
                                        </button>
                                    </div>
                                }
                                .into_any()
                            }
                            Err(error) => view! {
                                <p class="form-error" role="alert">{error.to_string()}</p>
                                <div class="dialog-buttons">
                                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                                        "Close"
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
