//! "Import history" (R35): who imported which file when, with its summary.

use super::api::imports_history;
use super::model::{errors_path, ImportRecord};
use crate::contacts::format;
use leptos::prelude::*;

/// The workspace's imports, newest first.
#[component]
pub fn ImportHistory() -> impl IntoView {
    let history = Resource::new(|| (), |()| imports_history());
    view! {
        <section class="import-history" aria-labelledby="import-history-title">
            <h3 id="import-history-title">"Import history"</h3>
            <Transition fallback=|| view! { <p class="loading">"Loading imports…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(records) if records.is_empty() => view! { <p class="muted">"No imports yet."</p> }.into_any(),
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
    view! {
        <table class="import-records">
            <thead>
                <tr>
                    <th scope="col">"File"</th>
                    <th scope="col">"Imported by"</th>
                    <th scope="col">"Started"</th>
                    <th scope="col">"Result"</th>
                </tr>
            </thead>
            <tbody>
                {records.into_iter().map(|record| {
                    let result = if record.done {
                        record.counts.label()
                    } else {
                        "Running".to_string()
                    };
                    let errors = (record.counts.failed > 0).then(|| view! {
                        " "
                        <a href=errors_path(record.import_id) download="import-errors.csv">"Download errors"</a>
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
