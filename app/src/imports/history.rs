//! "Import history" (R35): who imported which file when, with its summary.

use super::api::imports_history;
use super::model::{errors_path, ImportRecord};
use crate::contacts::format;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;

/// The workspace's imports, newest first.
#[component]
pub fn ImportHistory() -> impl IntoView {
    let i18n = use_i18n();
    let history = Resource::new(|| (), |()| imports_history());
    view! {
        <section class="import-history" aria-labelledby="import-history-title">
            <h3 id="import-history-title">{t_string!(i18n, imports.history.title)}</h3>
            <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, imports.history.loading)}</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(records) if records.is_empty() => view! { <p class="muted">{t_string!(i18n, imports.history.empty)}</p> }.into_any(),
                        Ok(records) => view! { <Records records/> }.into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Records(records: Vec<ImportRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="import-records">
            <thead>
                <tr>
                    <th scope="col">{t_string!(i18n, imports.history.file)}</th>
                    <th scope="col">{t_string!(i18n, imports.history.imported_by)}</th>
                    <th scope="col">{t_string!(i18n, imports.history.started)}</th>
                    <th scope="col">{t_string!(i18n, imports.history.result)}</th>
                </tr>
            </thead>
            <tbody>
                {records.into_iter().map(|record| {
                    let result = if record.done {
                        record.counts.label(i18n)
                    } else {
                        t_string!(i18n, imports.history.running).to_string()
                    };
                    let errors = (record.counts.failed > 0).then(|| view! {
                        " "
                        <a href=errors_path(record.import_id) download="import-errors.csv">{t_string!(i18n, imports.download_errors)}</a>
                    });
                    view! {
                        <tr>
                            <td>{record.file_name}</td>
                            <td>{record.imported_by}</td>
                            <td>{format::date_time(record.started_at)}</td>
                            <td>{result}{errors}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
