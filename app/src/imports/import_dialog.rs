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
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use shared::import::{ImportMode, ImportSettings, ImportTarget};
use shared::Country;

/// The import flow, in a dialog over the Contacts module.
#[component]
pub fn ImportDialog(on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let uploaded = RwSignal::new(None::<UploadedFile>);
    view! {
        <Dialog title=t_string!(i18n, imports.dialog_title) id="import-title" on_close=move || on_close.run(())>
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
    let i18n = use_i18n();
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
            match post_file(element, encoding, i18n).await {
                Ok(file) => uploaded.set(Some(file)),
                Err(refused) => error.set(Some(refused)),
            }
            sending.set(false);
        });
    };
    view! {
        <form class="form import-upload" on:submit=submit novalidate>
            <p class="form-hint">{t_string!(i18n, imports.upload.hint)}</p>
            <label for="import-file">{t_string!(i18n, imports.upload.file)}</label>
            <input id="import-file" type="file" accept=".csv,.txt,text/csv" node_ref=input
                on:change=move |_| chosen.set(true)/>
            <label for="import-encoding">{t_string!(i18n, imports.upload.encoding)}</label>
            <select id="import-encoding" on:change=move |event| encoding.set(event_target_value(&event))>
                <option value="auto">{t_string!(i18n, imports.upload.detect)}</option>
                <option value="utf-8">"UTF-8"</option>
                <option value="windows-1252">{t_string!(i18n, imports.upload.windows_1252)}</option>
            </select>
            {move || error.get().map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> })}
            <div class="dialog-buttons">
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    {t_string!(i18n, common.close)}
                </button>
                <button type="submit" class="button primary" disabled=move || !chosen.get() || sending.get()>
                    {move || {
                        if sending.get() {
                            t_string!(i18n, imports.upload.uploading)
                        } else {
                            t_string!(i18n, imports.upload.upload)
                        }
                    }}
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
    let i18n = use_i18n();
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
        language: crate::layout::page_language(),
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
    let summary = t_string!(
        i18n,
        imports.map.summary,
        file = &file.file_name,
        rows = thousands(file.rows),
        encoding = &file.encoding,
        delimiter = delimiter_name(&file.delimiter)
    );
    view! {
        <form class="form import-map" on:submit=submit novalidate>
            <p class="muted">{summary}</p>
            <h3>{t_string!(i18n, imports.map.title)}</h3>
            <table class="import-columns">
                <thead>
                    <tr>
                        <th scope="col">{t_string!(i18n, imports.map.column)}</th>
                        <th scope="col">{t_string!(i18n, imports.map.first_values)}</th>
                        <th scope="col">{t_string!(i18n, imports.map.import_as)}</th>
                    </tr>
                </thead>
                <tbody>
                    {file.columns.iter().enumerate().map(|(index, column)| {
                        let label =
                            t_string!(i18n, imports.map.import_column_as, column = &column.header);
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
            <label for="import-country">{t_string!(i18n, imports.map.default_country)}</label>
            <select id="import-country" aria-describedby="import-country-hint"
                on:change=move |event| default_country.set(event_target_value(&event))>
                <option value="">{t_string!(i18n, common.none)}</option>
                {Country::by_name_in(crate::layout::current_language()).into_iter().map(|country| view! { <option value=country.code()>{country.name_in(crate::layout::current_language())}</option> }).collect_view()}
            </select>
            <p id="import-country-hint" class="form-hint">{t_string!(i18n, imports.map.country_hint)}</p>
            <fieldset class="import-mode">
                <legend>{t_string!(i18n, imports.map.mode)}</legend>
                {ImportMode::ALL.into_iter().map(|choice| view! {
                    <label>
                        <input type="radio" name="import-mode" checked=choice == ImportMode::AddAndUpdate
                            on:change=move |_| mode.set(choice)/>
                        {crate::wording::import_mode_label(choice)}
                    </label>
                }).collect_view()}
                <label>
                    <input type="checkbox" on:change=move |event| keep_existing.set(event_target_checked(&event))/>
                    {t_string!(i18n, imports.map.keep_existing)}
                </label>
            </fieldset>
            <div class="dialog-buttons">
                <button type="button" class="button" on:click=move |_| uploaded.set(None)>
                    {t_string!(i18n, imports.map.choose_another)}
                </button>
                <button type="submit" class="button" disabled=move || check.pending().get()>
                    {t_string!(i18n, imports.map.check)}
                </button>
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

/// A delimiter's name as the server reports it ("comma", "semicolon" or
/// "tab"), in the page's language.
fn delimiter_name(delimiter: &str) -> String {
    let i18n = use_i18n();
    match delimiter {
        "comma" => t_string!(i18n, imports.map.delimiters.comma).to_owned(),
        "semicolon" => t_string!(i18n, imports.map.delimiters.semicolon).to_owned(),
        "tab" => t_string!(i18n, imports.map.delimiters.tab).to_owned(),
        other => other.to_owned(),
    }
}

/// What the dry run found, and "Start import".
#[component]
fn CheckResult(result: ImportCheck, pending: Memo<bool>, on_start: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let counts = result.counts;
    let has_errors = counts.failed > 0;
    let importable = counts.added + counts.updated > 0;
    view! {
        <section class="import-check" aria-labelledby="import-check-title">
            <h3 id="import-check-title">{t_string!(i18n, imports.check.title)}</h3>
            <p role="status">
                {t_string!(
                    i18n,
                    imports.check.summary,
                    added = thousands(counts.added),
                    updated = thousands(counts.updated),
                    skipped = thousands(counts.skipped),
                    failed = thousands(counts.failed)
                )}
            </p>
            {has_errors.then(|| view! {
                <table class="import-errors">
                    <caption>{t_string!(i18n, imports.check.first_errors)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t_string!(i18n, imports.check.row)}</th>
                            <th scope="col">{t_string!(i18n, imports.check.column)}</th>
                            <th scope="col">{t_string!(i18n, imports.check.reason)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {result.errors.iter().map(|error| view! {
                            <tr><td>{error.row}</td><td>{error.column.clone()}</td><td>{error.reason.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <a class="button" href=errors_path(result.import_id) download="import-errors.csv">
                    {t_string!(i18n, imports.download_errors)}
                </a>
            })}
            <div class="dialog-buttons">
                <button type="button" class="button primary" disabled=move || !importable || pending.get()
                    on:click=move |_| on_start.run(())>
                    {t_string!(i18n, imports.check.start)}
                </button>
            </div>
        </section>
    }
}
