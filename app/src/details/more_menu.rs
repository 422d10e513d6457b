//! The "More actions" (three dots) menu (R25–R30): block, unblock and
//! delete, each after a confirmation.

use super::api::{details_block, details_delete, details_unblock};
use super::browser::focus_id;
use super::model::{ContactAction, ContactDetails};
use super::state::DrawerState;
use crate::i18n::{t_string, use_i18n};
use crate::icons::{Icon, LuEllipsisVertical};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::permissions::Action;

/// What the user is about to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Block,
    Unblock,
    Delete,
}

/// The three-dots button, its menu and the confirmation it opens.
#[component]
pub fn MoreMenu(contact: ContactDetails) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(None::<Pending>);
    let error = RwSignal::new(None::<String>);
    let assigned = contact.assignee_id;
    let mut items = Vec::new();
    if contact.blocked && state.may(Action::Unblock, assigned) {
        items.push((
            Pending::Unblock,
            t_string!(i18n, details.more.unblock_contact),
        ));
    }
    if !contact.blocked && state.may(Action::Block, assigned) {
        items.push((Pending::Block, t_string!(i18n, details.more.block_contact)));
    }
    if state.may(Action::DeleteContact, assigned) {
        items.push((
            Pending::Delete,
            t_string!(i18n, details.more.delete_contact),
        ));
    }
    let name = contact.display_name();
    let navigate = use_navigate();
    let deleted =
        StoredValue::new(t_string!(i18n, details.more.deleted, name = name.clone()).to_string());
    let confirm = move |what: Pending| {
        let request = ContactAction {
            contact_id: state.contact_id,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match what {
                Pending::Block => details_block(request).await,
                Pending::Unblock => details_unblock(request).await,
                Pending::Delete => details_delete(request).await,
            };
            match result {
                Ok(()) if what == Pending::Delete => {
                    state.confirm_change(&deleted.get_value());
                    navigate(&state.close_href.get_value(), NavigateOptions::default());
                }
                Ok(()) if what == Pending::Block => {
                    state.saved(t_string!(i18n, details.more.blocked));
                }
                Ok(()) => state.saved(t_string!(i18n, details.more.unblocked)),
                Err(failure) => error.set(state.failed(failure)),
            }
        });
    };
    let confirm = StoredValue::new(confirm);
    let question = move |what: Pending| {
        let name = name.clone();
        match what {
            Pending::Block => t_string!(i18n, details.more.block_question, name).to_string(),
            Pending::Unblock => t_string!(i18n, details.more.unblock_question, name).to_string(),
            Pending::Delete => t_string!(i18n, details.more.delete_question, name).to_string(),
        }
    };
    let on_menu_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            event.stop_propagation();
            open.set(false);
            focus_id("more-actions");
        }
    };
    if items.is_empty() {
        return ().into_any();
    }
    view! {
        <div class="more-menu">
            <button
                type="button"
                id="more-actions"
                class="icon-button"
                aria-label=t_string!(i18n, common.more_actions)
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls="more-actions-menu"
                on:click=move |_| {
                    open.update(|o| *o = !*o);
                    focus_id("more-actions-first");
                }
            >
                <Icon icon=LuEllipsisVertical/>
            </button>
            <Show when=move || open.get()>
                <ul class="menu" role="menu" id="more-actions-menu" aria-label=t_string!(i18n, common.more_actions) on:keydown=on_menu_keydown>
                    {items
                        .iter()
                        .enumerate()
                        .map(|(index, (what, label))| {
                            let what = *what;
                            view! {
                                <li role="none">
                                    <button
                                        type="button"
                                        role="menuitem"
                                        id=(index == 0).then_some("more-actions-first")
                                        on:click=move |_| {
                                            open.set(false);
                                            pending.set(Some(what));
                                            focus_id("confirm-action");
                                        }
                                    >
                                        {*label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Show>
            {move || pending.get().map(|what| {
                let (button, class) = match what {
                    Pending::Block => (t_string!(i18n, details.more.block), "button danger"),
                    Pending::Unblock => (t_string!(i18n, details.more.unblock), "button primary"),
                    Pending::Delete => (t_string!(i18n, common.delete), "button danger"),
                };
                view! {
                    <div class="confirm confirm-menu" role="alertdialog" aria-labelledby="confirm-text">
                        <p id="confirm-text">{question(what)}</p>
                        <button
                            type="button"
                            id="confirm-action"
                            class=class
                            on:click=move |_| (confirm.get_value())(what)
                        >
                            {button}
                        </button>
                        <button type="button" class="button" on:click=move |_| pending.set(None)>{t_string!(i18n, common.cancel)}</button>
                        <p class="field-error" role="alert">{move || error.get()}</p>
                    </div>
                }
            })}
        </div>
    }
    .into_any()
}
