//! What the import flow and the workspace export send and receive.

use crate::contacts::model::{thousands, ContactQuery};
use crate::i18n::{t_string, td_string, Locale};
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};
use shared::import::{ImportSettings, ImportTarget};
use shared::UiLanguage;

/// Where an uploaded file is posted (the file is the request body).
pub const UPLOAD_PATH: &str = "/contacts/imports";

/// The address of an import's error report.
pub fn errors_path(import_id: i64) -> String {
    format!("/contacts/imports/{import_id}/errors.csv")
}

/// The address of a finished export's file.
pub fn download_path(export_id: i64) -> String {
    format!("/contacts/exports/{export_id}/contacts.csv")
}

/// One column of an uploaded file, as "Map columns" shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnPreview {
    /// The header as written in the file.
    pub header: String,
    /// The first values of the column.
    pub samples: Vec<String>,
    /// The target its header names, or "Don't import".
    pub suggested: ImportTarget,
}

/// A choice of "Map columns": the target and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetOption {
    /// The target.
    pub target: ImportTarget,
    /// Its name (a custom field's label).
    pub label: String,
}

/// The answer to an upload: the file as read, ready to map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedFile {
    /// The import this file belongs to.
    pub import_id: i64,
    /// The file's name.
    pub file_name: String,
    /// The character encoding it was read with, e.g. "UTF-8".
    pub encoding: String,
    /// The delimiter it was read with, e.g. "semicolon".
    pub delimiter: String,
    /// Data rows (without the header row).
    pub rows: u64,
    /// Its columns.
    pub columns: Vec<ColumnPreview>,
    /// Every target a column may have.
    pub targets: Vec<TargetOption>,
}

/// "Check file": the settings to check the uploaded file with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// The uploaded file's import.
    pub import_id: i64,
    /// The mapping, default country and mode.
    pub settings: ImportSettings,
}

/// How many rows an import adds, updates, skips, and refuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    /// New contacts.
    pub added: u64,
    /// Existing contacts changed.
    pub updated: u64,
    /// Rows left alone (no match to update, an existing contact in "Add new
    /// contacts", or nothing new).
    pub skipped: u64,
    /// Rows with errors.
    pub failed: u64,
}

impl ImportCounts {
    /// The summary sentence, e.g. "3 added, 1 updated, 0 skipped, 1 failed".
    pub fn label(self, i18n: I18nContext<Locale>) -> String {
        t_string!(
            i18n,
            imports.counts,
            added = thousands(self.added),
            updated = thousands(self.updated),
            skipped = thousands(self.skipped),
            failed = thousands(self.failed)
        )
    }
}

/// A refused row: its number in the file (the header is row 1), the
/// column and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The row's line in a spreadsheet (the header is row 1).
    pub row: u64,
    /// The column's header.
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

/// The most errors a check or a summary lists (the error report has all).
pub const LISTED_ERRORS: usize = 20;

/// The dry run's result: what the import would do. Nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCheck {
    /// The import that was checked.
    pub import_id: i64,
    /// What would happen, row by row.
    pub counts: ImportCounts,
    /// The first errors.
    pub errors: Vec<RowError>,
}

/// An import's progress or, once done, its summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    /// The import.
    pub import_id: i64,
    /// The file's name.
    pub file_name: String,
    /// Rows in the file.
    pub total: u64,
    /// Rows handled so far.
    pub processed: u64,
    /// What happened so far.
    pub counts: ImportCounts,
    /// Whether every row has been handled.
    pub done: bool,
}

impl ImportProgress {
    /// The progress sentence, e.g. "Importing contacts.csv: 1,000 of 5,000 rows".
    pub fn label(&self, i18n: I18nContext<Locale>) -> String {
        if self.done {
            t_string!(
                i18n,
                imports.progress.finished,
                file = &self.file_name,
                counts = self.counts.label(i18n)
            )
        } else {
            t_string!(
                i18n,
                imports.progress.running,
                file = &self.file_name,
                processed = thousands(self.processed),
                total = thousands(self.total)
            )
        }
    }
}

/// One import of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// The import.
    pub import_id: i64,
    /// The file's name.
    pub file_name: String,
    /// Who imported it (empty when that user is gone).
    pub imported_by: String,
    /// When it was started (unix seconds).
    pub started_at: i64,
    /// Rows in the file.
    pub total: u64,
    /// What it did.
    pub counts: ImportCounts,
    /// Whether it has finished.
    pub done: bool,
}

/// "Export all contacts": everything, or the contacts matching the table's
/// current filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// `None`: every contact of the workspace.
    pub query: Option<ContactQuery>,
}

/// The error report's own column headers in `language`: the row's line
/// and its errors, before the file's columns.
pub fn error_report_headers(language: UiLanguage) -> [&'static str; 2] {
    let locale = crate::layout::locale_of(language);
    [
        td_string!(locale, imports.error_report_columns.row),
        td_string!(locale, imports.error_report_columns.errors),
    ]
}

/// The whole-workspace export's column headers in `language`: those before
/// the custom fields, and those after them. The importer maps both
/// languages' headers back to their fields.
pub fn export_headers(language: UiLanguage) -> ([&'static str; 8], [&'static str; 5]) {
    let locale = crate::layout::locale_of(language);
    (
        [
            td_string!(locale, imports.export_columns.first_name),
            td_string!(locale, imports.export_columns.last_name),
            td_string!(locale, imports.export_columns.email),
            td_string!(locale, imports.export_columns.phone),
            td_string!(locale, imports.export_columns.country),
            td_string!(locale, imports.export_columns.language),
            td_string!(locale, imports.export_columns.assignee),
            td_string!(locale, imports.export_columns.tags),
        ],
        [
            td_string!(locale, imports.export_columns.channels),
            td_string!(locale, imports.export_columns.status),
            td_string!(locale, imports.export_columns.blocked),
            td_string!(locale, imports.export_columns.added),
            td_string!(locale, imports.export_columns.last_message),
        ],
    )
}

/// The requesting user's latest export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgress {
    /// The export.
    pub export_id: i64,
    /// Contacts it holds when done.
    pub total: u64,
    /// Contacts written so far.
    pub written: u64,
    /// Whether the file is ready to download.
    pub done: bool,
}

impl ExportProgress {
    /// The progress sentence, e.g. "Exporting contacts: 1,000 of 5,000".
    pub fn label(self, i18n: I18nContext<Locale>) -> String {
        let total = thousands(self.total);
        if !self.done {
            t_string!(
                i18n,
                imports.export.running,
                written = thousands(self.written),
                total
            )
        } else if self.total == 1 {
            t_string!(i18n, imports.export.ready_single, total)
        } else {
            t_string!(i18n, imports.export.ready_many, total)
        }
    }
}

/// How long a finished export can be downloaded.
pub const EXPORT_KEPT_SECS: i64 = 24 * 60 * 60;
