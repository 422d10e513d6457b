//! The drawer's frame: loads the contact, traps focus, closes on Escape and
//! holds the header and the two tabs.

use super::browser::{focus_id, trap_focus};
use super::cache::contact_source;
use super::channels_tab::ChannelsTab;
use super::fields_tab::FieldsTab;
use super::header::ContactHeader;
use super::model::ContactDetails;
use super::more_menu::MoreMenu;
use super::state::{DrawerState, Tab};
use crate::auth::Viewer;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::permissions::Module;

/// The drawer for one contact, beside the page that opened it (R1, R2).
/// `close_href` is the address of the page without the drawer.
#[component]
pub fn ContactDrawer(
    contact_id: i64,
    module: Module,
    #[prop(into)] close_href: String,
) -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let (revision, contact) = contact_source(contact_id);
    let state = DrawerState {
        contact_id,
        module,
        role: viewer.role(),
        viewer_id: viewer.user_id,
        revision,
        notice: RwSignal::new(None),
        tab: RwSignal::new(Tab::Details),
        tag_picker_open: RwSignal::new(false),
        close_href: StoredValue::new(close_href.clone()),
        focus_after_reload: StoredValue::new(None),
    };
    provide_context(state);
    let drawer = NodeRef::<leptos::html::Aside>::new();
    let navigate = use_navigate();
    let on_keydown = move |event: leptos::ev::KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            navigate(&state.close_href.get_value(), NavigateOptions::default());
        }
        "Tab" => trap_focus(&drawer, &event),
        _ => {}
    };
    return_focus_on_close();

    view! {
        <aside
            class="drawer"
            role="dialog"
            aria-labelledby="drawer-title"
            node_ref=drawer
            on:keydown=on_keydown
        >
            <Transition fallback=|| view! { <p class="loading" id="drawer-title">"Loading contact…"</p> }>
                {move || Suspend::new(async move {
                    match contact.await {
                        Ok(contact) => {
                            if let Some(id) = state.take_focus_target() {
                                focus_id(&id);
                            }
                            view! { <DrawerBody contact/> }.into_any()
                        }
                        Err(error) => view! {
                            <div class="drawer-header">
                                <h2 id="drawer-title">"Contact"</h2>
                                <CloseLink/>
                            </div>
                            <p class="form-error" role="alert">{error.to_string()}</p>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </aside>
    }
    .into_any()
}

/// Remembers what had focus when the drawer opened, focuses the drawer, and
/// gives focus back when it closes.
fn return_focus_on_close() {
    let opener = StoredValue::new(None::<String>);
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        {
            let active = document().active_element();
            let id = active
                .map(|element| element.id())
                .filter(|id| !id.is_empty());
            opener.set_value(id);
        }
        focus_id("drawer-close");
    });
    on_cleanup(move || {
        if let Some(id) = opener.try_get_value().flatten() {
            focus_id(&id);
        }
    });
}

#[component]
fn CloseLink() -> impl IntoView {
    let state = expect_context::<DrawerState>();
    view! {
        <a
            id="drawer-close"
            class="icon-button"
            href=state.close_href.get_value()
            aria-label="Close contact details"
        >
            <span aria-hidden="true">"×"</span>
        </a>
    }
    .into_any()
}

#[component]
fn DrawerBody(contact: ContactDetails) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let tab_button = move |tab: Tab,
                           id: &'static str,
                           panel: &'static str,
                           icon: &'static str,
                           label: &'static str| {
        let other = match tab {
            Tab::Details => ("tab-channels", Tab::Channels),
            Tab::Channels => ("tab-details", Tab::Details),
        };
        view! {
            <button
                type="button"
                role="tab"
                id=id
                class="drawer-tab"
                aria-selected=move || (state.tab.get() == tab).to_string()
                aria-controls=panel
                tabindex=move || if state.tab.get() == tab { "0" } else { "-1" }
                on:click=move |_| state.tab.set(tab)
                on:keydown=move |event: leptos::ev::KeyboardEvent| {
                    if matches!(event.key().as_str(), "ArrowDown" | "ArrowUp") {
                        event.prevent_default();
                        state.tab.set(other.1);
                        focus_id(other.0);
                    }
                }
            >
                <span class="tab-icon" aria-hidden="true">{icon}</span>
                <span>{label}</span>
            </button>
        }
    };
    let channels_contact = contact.clone();
    let menu_contact = contact.clone();
    view! {
        <div class="drawer-header">
            <ContactHeader contact=contact.clone()/>
            <MoreMenu contact=menu_contact/>
            <CloseLink/>
        </div>
        <p class="drawer-notice" role="status">{move || state.notice.get()}</p>
        <div class="drawer-main">
            <div class="drawer-tabs" role="tablist" aria-orientation="vertical" aria-label="Contact sections">
                {tab_button(Tab::Details, "tab-details", "panel-details", "☰", "Contact details")}
                {tab_button(Tab::Channels, "tab-channels", "panel-channels", "⇄", "Channels")}
            </div>
            <div
                class="drawer-panel"
                role="tabpanel"
                id="panel-details"
                aria-labelledby="tab-details"
                hidden=move || state.tab.get() != Tab::Details
            >
                <FieldsTab contact/>
            </div>
            <div
                class="drawer-panel"
                role="tabpanel"
                id="panel-channels"
                aria-labelledby="tab-channels"
                hidden=move || state.tab.get() != Tab::Channels
            >
                <ChannelsTab contact=channels_contact/>
            </div>
        </div>
    }
    .into_any()
}
