//! The drawer's frame: loads the contact, holds the header and the two tabs,
//! and closes on Escape pressed anywhere on the page. In the Contacts module
//! it is modal (the table behind is dimmed and takes no focus or clicks); in
//! the Inbox it is the third pane beside the conversation (R1).

use super::browser::{focus_id, trap_focus};
use super::cache::contact_source;
use super::channels_tab::ChannelsTab;
use super::fields_tab::FieldsTab;
use super::header::ContactHeader;
use super::model::ContactDetails;
use super::more_menu::MoreMenu;
use super::state::{DrawerState, Tab};
use crate::auth::Viewer;
use crate::i18n::{t_string, use_i18n};
use crate::icons::{Icon, LuIdCard, LuMessagesSquare, LuX};
use crate::layout::{on_demand, OnDemand};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::permissions::Module;

/// The drawer for one contact, beside the page that opened it (R1, R2).
/// `close_href` is the address of the page without the drawer.
///
/// Its code comes later than the page's: the pages it opens on are usable
/// without it, and [`crate::layout::preload_on_demand`] fetches it once
/// they are.
#[component]
pub fn ContactDrawer(
    contact_id: i64,
    module: Module,
    #[prop(into)] close_href: String,
) -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(on_demand(OnDemand::Drawer { contact_id, module, close_href }))}
        </Suspense>
    }
}

/// Loads the drawer's code first when the server rendered the page with
/// the drawer open: a lazily loaded view can take over its server-rendered
/// HTML only when its code is already there (the page's head has named
/// the files, so they are on their way).
#[cfg(feature = "hydrate")]
pub async fn load_drawer_before_hydrating() {
    let open = document()
        .query_selector("aside.drawer")
        .ok()
        .flatten()
        .is_some();
    if open {
        crate::layout::load_on_demand().await;
    }
}

/// The drawer with its code loaded (see [`crate::layout::OnDemand`]).
pub(crate) fn loaded_drawer(contact_id: i64, module: Module, close_href: String) -> AnyView {
    view! { <LoadedDrawer contact_id module close_href/> }.into_any()
}

#[component]
fn LoadedDrawer(contact_id: i64, module: Module, close_href: String) -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let i18n = use_i18n();
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
        // Focus moves into the drawer once its contact is shown.
        focus_after_reload: StoredValue::new(Some("drawer-close".to_owned())),
        list_beside: use_context(),
        toasts: use_context(),
    };
    provide_context(state);
    let drawer = NodeRef::<leptos::html::Aside>::new();
    let modal = module == Module::Contacts;
    let navigate = use_navigate();
    // On the window, so Escape closes the drawer wherever focus is; keys a
    // part of the drawer handled itself (an editor's Escape) arrive
    // stopped or with their default prevented.
    let keys = window_event_listener(leptos::ev::keydown, move |event| {
        if event.default_prevented() || open_dialog() {
            return;
        }
        match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                navigate(&state.close_href.get_value(), NavigateOptions::default());
            }
            "Tab" if modal => trap_focus(&drawer, &event),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    return_focus_on_close();

    view! {
        {modal.then(|| view! {
            <a class="drawer-backdrop" href=close_href.clone() tabindex="-1" aria-hidden="true"></a>
        })}
        <aside
            class="drawer"
            role="dialog"
            aria-modal=modal.then_some("true")
            aria-labelledby="drawer-title"
            node_ref=drawer
        >
            <Transition fallback=move || view! { <p class="loading" id="drawer-title">{t_string!(i18n, details.loading_contact)}</p> }>
                {move || Suspend::new(async move {
                    let contact = contact.await;
                    if let Some(id) = state.take_focus_target() {
                        focus_id(&id);
                    }
                    match contact {
                        Ok(contact) => view! { <DrawerBody contact/> }.into_any(),
                        Err(error) => view! {
                            <div class="drawer-header">
                                <h2 id="drawer-title">{t_string!(i18n, details.contact)}</h2>
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

/// Whether a dialog of the page is open above the drawer (it handles its
/// own keys).
fn open_dialog() -> bool {
    #[cfg(feature = "hydrate")]
    {
        document()
            .query_selector(".dialog-backdrop")
            .ok()
            .flatten()
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Remembers what had focus when the drawer opened and gives focus back
/// when it closes.
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
    let i18n = use_i18n();
    view! {
        <a
            id="drawer-close"
            class="icon-button"
            href=state.close_href.get_value()
            aria-label=t_string!(i18n, details.close_drawer)
        >
            <Icon icon=LuX/>
        </a>
    }
    .into_any()
}

#[component]
fn DrawerBody(contact: ContactDetails) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let i18n = use_i18n();
    let tab_button = move |tab: Tab,
                           id: &'static str,
                           panel: &'static str,
                           icon: icondata::Icon,
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
                <Icon icon=icon class="tab-icon"/>
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
            <div class="drawer-tabs" role="tablist" aria-orientation="vertical" aria-label=t_string!(i18n, details.sections)>
                {tab_button(Tab::Details, "tab-details", "panel-details", LuIdCard, t_string!(i18n, details.contact_details))}
                {tab_button(Tab::Channels, "tab-channels", "panel-channels", LuMessagesSquare, t_string!(i18n, details.channels_tab))}
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
