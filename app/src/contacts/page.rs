//! The Contacts page: the URL's query drives the table; the drawer opens for
//! `?contact=<id>` beside it.

use super::api::contacts_list;
use super::blocked::ViewTabs;
use super::bulk_bar::BulkBar;
use super::columns::{ColumnChooser, HiddenColumns};
use super::dialog::OpenDialog;
use super::filters::Filters;
use super::job_banners::JobBanners;
use super::model::{range_label, ContactPage, DeleteTarget, ListRequest, PageCursor};
use super::selection::{SelectionState, TableState};
use super::table::ContactsTable;
use super::url;
use crate::auth::Viewer;
use crate::details::{ContactDrawer, ListBeside};
use crate::i18n::{t_string, use_i18n};
use crate::imports::ExportAll;
use crate::layout::{on_demand, page_language, preload_on_demand, OnDemand, PageTitle};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::permissions::{refusal, Action, Context, Module};

/// The Contacts module.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let i18n = use_i18n();
    let viewer = expect_context::<Viewer>();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|map| url::read(map).0));
    let page = Memo::new(move |_| params.with(|map| url::read(map).1));
    let open_contact = Memo::new(move |_| params.with(url::open_contact));
    let state = TableState {
        query,
        page,
        selection: RwSignal::new(SelectionState::default()),
        list_version: RwSignal::new(0),
        progress_version: RwSignal::new(0),
    };
    provide_context(state);
    provide_context(ListBeside(state.list_version));
    preload_on_demand();
    HiddenColumns::provide();
    let dialog = RwSignal::new(None::<OpenDialog>);
    provide_context(dialog);
    // A new search, filter or view starts a new selection.
    Effect::watch(
        move || query.get(),
        move |_, _, _| state.selection.set(SelectionState::default()),
        false,
    );
    let contacts = Resource::new(
        move || {
            (
                ListRequest {
                    query: query.get(),
                    page: page.get(),
                },
                state.list_version.get(),
            )
        },
        |(request, _)| contacts_list(request),
    );
    let delete_all_refusal = refusal(
        viewer.role(),
        Action::DeleteAll,
        &Context::new(Module::Contacts),
    )
    .map(|refused| refused.reason(page_language()));
    let close = Callback::new(move |()| dialog.set(None));
    let menu = NodeRef::<leptos::html::Details>::new();
    let may = |action| refusal(viewer.role(), action, &Context::new(Module::Contacts)).is_none();
    let sees_history = may(Action::SeeMergeHistory);
    let may_import = may(Action::Import);
    let may_export_all = may(Action::ExportAll);

    view! {
        <PageTitle text=t_string!(i18n, contacts.title)/>
        <div class="contacts-head">
            <h1>{t_string!(i18n, contacts.title)}</h1>
            <div class="contacts-actions">
                {may_import.then(|| view! {
                    <button type="button" class="button" on:click=move |_| dialog.set(Some(OpenDialog::Import))>
                        {t_string!(i18n, contacts.import_contacts)}
                    </button>
                })}
                {may_export_all.then(|| view! { <ExportAll/> })}
                <button id="add-contact" type="button" class="button primary" on:click=move |_| dialog.set(Some(OpenDialog::AddContact))>
                    {t_string!(i18n, contacts.add_contact)}
                </button>
                // Rarely used and destructive: behind "More", so it is never
                // clicked by accident (a disclosure, open without the page's code).
                <details class="page-menu" node_ref=menu>
                    <summary class="button">{t_string!(i18n, contacts.more)}</summary>
                    <ul class="menu">
                        {sees_history.then(|| view! { <li><a href="/contacts/merges">{t_string!(i18n, contacts.merge_history)}</a></li> })}
                        <li>
                            <button
                                type="button"
                                class="danger"
                                disabled=delete_all_refusal.is_some()
                                aria-describedby=delete_all_refusal.map(|_| "delete-all-reason")
                                on:click=move |_| {
                                    if let Some(menu) = menu.get_untracked() {
                                        let _ = menu.remove_attribute("open");
                                    }
                                    dialog.set(Some(OpenDialog::Delete(DeleteTarget::Everything)));
                                }
                            >
                                {t_string!(i18n, contacts.delete_all)}
                            </button>
                            {delete_all_refusal.map(|reason| view! {
                                <p id="delete-all-reason" class="menu-note">{reason}</p>
                            })}
                        </li>
                    </ul>
                </details>
            </div>
        </div>
        <JobBanners may_import/>
        <Filters/>
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, contacts.loading_contacts)}</p> }>
            {move || Suspend::new(async move {
                match contacts.await {
                    Ok(page) => view! { <TablePage page/> }.into_any(),
                    Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        {move || open_contact.get().map(|contact_id| {
            let close_href = url::href(&query.get(), &page.get(), None);
            view! { <ContactDrawer contact_id module=Module::Contacts close_href/> }
        })}
        // The dialogs' code comes with the drawer's, after the page; a dialog
        // opened before it is there says so until it is.
        {move || dialog.get().map(|open| view! {
            <Suspense fallback=move || view! {
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true" aria-busy="true" aria-label=t_string!(i18n, common.loading)>
                        <p class="loading">{t_string!(i18n, common.loading)}</p>
                    </div>
                </div>
            }>
                {Suspend::new(on_demand(OnDemand::ContactsDialog { open, on_close: close }))}
            </Suspense>
        })}
    }
}

/// Tabs, bulk bar, table and pager for one loaded page.
#[component]
fn TablePage(page: ContactPage) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let page_ids: Vec<i64> = page.rows.iter().map(|row| row.id).collect();
    let query = state.query.get_untracked();
    let previous = page
        .previous
        .clone()
        .map(|cursor| url::href(&query, &PageCursor::Before(cursor), None));
    let next = page
        .next
        .clone()
        .map(|cursor| url::href(&query, &PageCursor::After(cursor), None));
    let summary = range_label(
        i18n.get_locale_untracked(),
        page.start,
        page.rows.len() as u64,
        page.total,
    );
    view! {
        <div class="table-toolbar">
            <ViewTabs page=page.clone()/>
            <ColumnChooser/>
        </div>
        <BulkBar total=page.total page_ids/>
        <ContactsTable page/>
        <nav class="pager" aria-label=t_string!(i18n, contacts.pager.label)>
            <p class="muted">{summary}</p>
            {previous.map(|href| view! { <a href=href rel="prev">{t_string!(i18n, contacts.pager.previous)}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{t_string!(i18n, contacts.pager.next)}</a> })}
        </nav>
    }
}
