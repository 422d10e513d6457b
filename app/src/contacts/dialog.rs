//! A modal dialog: labelled by its title, focus moves in when it opens and
//! back when it closes, Escape closes it. Also which of the Contacts
//! module's dialogs is open, and its view.

use super::add_contact::AddContactDialog;
use super::assign_tags::AssignTagsDialog;
use super::delete_dialog::DeleteDialog;
use crate::imports::ImportDialog;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// A modal dialog around `children`.
#[component]
pub fn Dialog(
    /// The heading, which also names the dialog.
    #[prop(into)]
    title: String,
    /// A unique id for the heading.
    id: &'static str,
    /// Called on Escape.
    on_close: impl Fn() + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    let opener = StoredValue::new_local(None::<leptos::web_sys::HtmlElement>);
    Effect::new(move || {
        if let Some(panel) = panel.get() {
            opener.set_value(
                document()
                    .active_element()
                    .and_then(|element| element.dyn_into().ok()),
            );
            let _ = panel.focus();
        }
    });
    on_cleanup(move || {
        if let Some(Some(opener)) = opener.try_get_value() {
            let _ = opener.focus();
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=id
                tabindex="-1"
                node_ref=panel
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        on_close();
                    }
                }
            >
                <h2 id=id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}

/// The dialog open over the module, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenDialog {
    /// "Add contact".
    AddContact,
    /// "Import contacts" (R35).
    Import,
    /// "Assign tags" for these contacts.
    AssignTags(super::model::BulkTarget),
    /// The delete confirmation (R30–R32).
    Delete(super::model::DeleteTarget),
}

/// The open dialog's view (part of the download the drawer comes with, see
/// [`crate::layout::OnDemand`]).
pub(crate) fn dialog_view(open: OpenDialog, on_close: Callback<()>) -> AnyView {
    match open {
        OpenDialog::AddContact => view! { <AddContactDialog on_close/> }.into_any(),
        OpenDialog::Import => view! { <ImportDialog on_close/> }.into_any(),
        OpenDialog::AssignTags(target) => view! { <AssignTagsDialog target on_close/> }.into_any(),
        OpenDialog::Delete(target) => view! { <DeleteDialog target on_close/> }.into_any(),
    }
}
