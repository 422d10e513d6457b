//! "Import contacts" (R35): upload a CSV file, "Map columns", "Check file"
//! (the dry run), then "Start import". Every step is a form, reachable and
//! usable by keyboard.

use super::api::{ImportsCheck, ImportsStart};
use super::history::ImportHistory;
use super::model::{errors_path, CheckRequest, ImportCheck, UploadedFile};
use super::upload::post_file;
use crate::contacts::dialog::Dialog;
use crate::contacts::model::thousands;
use crate::contacts::selection::TableState;
use crate::error::AppError;
use leptos::prelude::*;
use shared::import::{ImportMode, ImportSettings, ImportTarget};
use shared::Country;

/// The import flow, in a dialog over the Contacts module.
#[component]
pub fn ImportDialog(on_close: Callback<()>) -> impl IntoView {
    let uploaded = RwSignal::new(None::<UploadedFile>);
    view! {
        <Dialog title="Import contacts" id="import-title" on_close=move || on_close.run(())>
            {move || match uploaded.get() {
                None => view! { <UploadStep uploaded on_close/> }.into_any(),
                Some(file) => view! { <MapStep file uploaded on_close/> }.into_any(),
            }}
        </Dialog>
    }
}

/// Step 1: choose the file and, if detection would guess wrong, its
/// encoding.
#[component]
fn UploadStep(uploaded: RwSignal<Option<UploadedFile>>, on_close: Callback<()>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let encoding = RwSignal::new("auto".to_string());
    let chosen = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(element) = input.get_untracked() else {
            return;
        };
        sending.set(true);
        error.set(None);
        let encoding = encoding.get_untracked();
        leptos::task::spawn_local(async move {
            match post_file(element, encoding).await {
                Ok(file) => uploaded.set(Some(file)),
                Err(refused) => error.set(Some(refused)),
            }
            sending.set(false);
        });
    };
    view! {
        <form class="form import-upload" on:submit=submit novalidate>
            <p class="form-hint">
                "A CSV file with a header row: UTF-8 or Windows-1252, separated by commas, semicolons or tabs; up to 50 MB and 500,000 rows."
            </p>
            <label for="import-file">"CSV file"</label>
            <input id="import-file" type="file" accept=".csv,.txt,text/csv" node_ref=input
                on:change=move |_| chosen.set(true)/>
            <label for="import-encoding">"Encoding"</label>
            <select id="import-encoding" on:change=move |event| encoding.set(event_target_value(&event))>
                <option value="auto">"Detect automatically"</option>
                <option value="utf-8">"UTF-8"</option>
                <option value="windows-1252">"Windows-1252 (Excel on Windows)"</option>
            </select>
            {move || error.get().map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> })}
            <div class="dialog-buttons">
                <button type="button" class="button" on:click=move |_| on_close.run(())>"Close"</button>
                <button type="submit" class="button primary" disabled=move || !chosen.get() || sending.get()>
                    {move || if sending.get() { "Uploading…" } else { "Upload file" }}
                </button>
            </div>
        </form>
        <ImportHistory/>
    }
}

/// Step 2 and 3: "Map columns", then "Check file" and "Start import".
#[component]
fn MapStep(
    file: UploadedFile,
    uploaded: RwSignal<Option<UploadedFile>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<TableState>();
    let columns = RwSignal::new(
        file.columns
            .iter()
            .map(|column| column.suggested.clone())
            .collect::<Vec<_>>(),
    );
    let default_country = RwSignal::new(String::new());
    let mode = RwSignal::new(ImportMode::AddAndUpdate);
    let keep_existing = RwSignal::new(false);
    let check = ServerAction::<ImportsCheck>::new();
    let start = ServerAction::<ImportsStart>::new();
    let import_id = file.import_id;
    let settings = move || ImportSettings {
        columns: columns.get_untracked(),
        default_country: Some(default_country.get_untracked()).filter(|code| !code.is_empty()),
        mode: mode.get_untracked(),
        keep_existing: keep_existing.get_untracked(),
    };
    // Any change of the settings asks for a new check.
    let checked_settings = StoredValue::new(None::<ImportSettings>);
    let stale = move || {
        columns.track();
        default_country.track();
        mode.track();
        keep_existing.track();
        checked_settings.with_value(|checked| checked.as_ref() != Some(&settings()))
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        checked_settings.set_value(Some(settings()));
        check.dispatch(ImportsCheck {
            request: CheckRequest {
                import_id,
                settings: settings(),
            },
        });
    };
    Effect::new(move || {
        if let Some(Ok(_)) = start.value().get() {
            state.progress_version.update(|version| *version += 1);
            on_close.run(());
        }
    });
    let targets = StoredValue::new(file.targets.clone());
    let summary = format!(
        "{} · {} rows · {}, {}",
        file.file_name,
        thousands(file.rows),
        file.encoding,
        file.delimiter
    );
    view! {
        <form class="form import-map" on:submit=submit novalidate>
            <p class="muted">{summary}</p>
            <h3>"Map columns"</h3>
            <table class="import-columns">
                <thead>
                    <tr><th scope="col">"Column"</th><th scope="col">"First values"</th><th scope="col">"Import as"</th></tr>
                </thead>
                <tbody>
                    {file.columns.iter().enumerate().map(|(index, column)| {
                        let label = format!("Import {} as", column.header);
                        let samples = column.samples.join(" · ");
                        view! {
                            <tr>
                                <th scope="row">{column.header.clone()}</th>
                                <td class="muted">{samples}</td>
                                <td>
                                    <select aria-label=label on:change=move |event| {
                                        let target = ImportTarget::from_value(&event_target_value(&event));
                                        columns.update(|columns| {
                                            if let Some(slot) = columns.get_mut(index) {
                                                *slot = target;
                                            }
                                        });
                                    }>
                                        {targets.get_value().into_iter().map(|option| {
                                            let selected = columns.with_untracked(|columns| columns.get(index) == Some(&option.target));
                                            view! { <option value=option.target.value() selected=selected>{option.label}</option> }
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <label for="import-country">"Default country"</label>
            <select id="import-country" aria-describedby="import-country-hint"
                on:change=move |event| default_country.set(event_target_value(&event))>
                <option value="">"None"</option>
                {Country::by_name().into_iter().map(|country| view! { <option value=country.code()>{country.name()}</option> }).collect_view()}
            </select>
            <p id="import-country-hint" class="form-hint">"For phone numbers written without a country code."</p>
            <fieldset class="import-mode">
                <legend>"Mode"</legend>
                {ImportMode::ALL.into_iter().map(|choice| view! {
                    <label>
                        <input type="radio" name="import-mode" checked=choice == ImportMode::AddAndUpdate
                            on:change=move |_| mode.set(choice)/>
                        {choice.label()}
                    </label>
                }).collect_view()}
                <label>
                    <input type="checkbox" on:change=move |event| keep_existing.set(event_target_checked(&event))/>
                    "Don't overwrite existing values"
                </label>
            </fieldset>
            <div class="dialog-buttons">
                <button type="button" class="button" on:click=move |_| uploaded.set(None)>"Choose another file"</button>
                <button type="submit" class="button" disabled=move || check.pending().get()>"Check file"</button>
            </div>
        </form>
        {move || match check.value().get() {
            Some(Ok(result)) if !stale() => view! {
                <CheckResult result pending=start.pending() on_start=Callback::new(move |()| {
                    start.dispatch(ImportsStart { import_id });
                })/>
            }.into_any(),
            Some(Err(error)) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
            _ => ().into_any(),
        }}
        {move || start.value().get().and_then(Result::err).map(|error| view! {
            <p class="form-error" role="alert">{error.to_string()}</p>
        })}
    }
}

/// What the dry run found, and "Start import".
#[component]
fn CheckResult(result: ImportCheck, pending: Memo<bool>, on_start: Callback<()>) -> impl IntoView {
    let counts = result.counts;
    let has_errors = counts.failed > 0;
    let importable = counts.added + counts.updated > 0;
    view! {
        <section class="import-check" aria-labelledby="import-check-title">
            <h3 id="import-check-title">"Check result"</h3>
            <p role="status">{format!(
                "{} rows would be added, {} updated, {} skipped; {} have errors.",
                thousands(counts.added), thousands(counts.updated), thousands(counts.skipped), thousands(counts.failed)
            )}</p>
            {has_errors.then(|| view! {
                <table class="import-errors">
                    <caption>"First errors"</caption>
                    <thead><tr><th scope="col">"Row"</th><th scope="col">"Column"</th><th scope="col">"Reason"</th></tr></thead>
                    <tbody>
                        {result.errors.iter().map(|error| view! {
                            <tr><td>{error.row}</td><td>{error.column.clone()}</td><td>{error.reason.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <a class="button" href=errors_path(result.import_id) download="import-errors.csv">"Download errors"</a>
            })}
            <div class="dialog-buttons">
                <button type="button" class="button primary" disabled=move || !importable || pending.get()
                    on:click=move |_| on_start.run(())>
                    "Start import"
                </button>
            </div>
        </section>
    }
}
