//! The running import's banner, shown to everyone in the Contacts module
//! (R35), and the user's own export with its download link (R36).

use super::api::{exports_progress, ExportsStart};
use super::model::{download_path, errors_path, ExportProgress, ExportRequest, ImportProgress};
use crate::contacts::job_banners::POLL;
use crate::contacts::model::ContactQuery;
use crate::contacts::selection::TableState;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;

/// The running (or just finished) import: how far it has come, and once
/// done the error report for those who may import.
#[component]
pub fn ImportBanner(job: ImportProgress, may_import: bool) -> impl IntoView {
    let i18n = use_i18n();
    let errors = (job.done && job.counts.failed > 0 && may_import).then(|| {
        view! {
            <a href=errors_path(job.import_id) download="import-errors.csv">
                {t_string!(i18n, imports.download_errors)}
            </a>
        }
    });
    view! {
        <section class="job-progress" aria-label=t_string!(i18n, imports.progress.label)>
            <p role="status">{job.label(i18n)}</p>
            {(!job.done).then(|| view! {
                <progress
                    max=job.total.max(1).to_string()
                    value=job.processed.to_string()
                    aria-label=t_string!(i18n, imports.progress.bar)
                ></progress>
            })}
            {errors}
        </section>
    }
}

/// "Export all contacts": exports the workspace, or the contacts matching
/// the table's filters when any is set; then offers the file.
#[component]
pub fn ExportAll() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let start = ServerAction::<ExportsStart>::new();
    let tick = RwSignal::new(0u32);
    let progress = Resource::new(
        move || (tick.get(), start.version().get()),
        |_| exports_progress(),
    );
    Effect::new(move || {
        if let Some(Ok(Some(job))) = progress.get() {
            if !job.done {
                set_timeout(move || tick.update(|tick| *tick += 1), POLL);
            }
        }
    });
    let export = move |_| {
        let query = state.query.get_untracked();
        start.dispatch(ExportsStart {
            request: ExportRequest {
                query: (query != ContactQuery::default()).then_some(query),
            },
        });
    };
    view! {
        <button type="button" class="button" disabled=move || start.pending().get() on:click=export>
            {t_string!(i18n, imports.export.start)}
        </button>
        {move || start.value().get().and_then(Result::err).map(|error| view! {
            <p class="form-error" role="alert">{error.to_string()}</p>
        })}
        <Transition>
            {move || Suspend::new(async move {
                progress.await.ok().flatten().map(|job| view! { <ExportBanner job/> })
            })}
        </Transition>
    }
}

#[component]
fn ExportBanner(job: ExportProgress) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="export-progress" role="status">
            {job.label(i18n)}
            {job.done.then(|| view! {
                " "
                <a class="button" href=download_path(job.export_id) download="contacts-export.csv">
                    {t_string!(i18n, imports.export.download)}
                </a>
            })}
        </span>
    }
}
