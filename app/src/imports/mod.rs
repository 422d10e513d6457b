//! CSV import (R35) and workspace export (R36) in the Contacts module.

pub mod api;
mod history;
mod import_dialog;
pub mod model;
mod progress;
mod upload;

pub use import_dialog::ImportDialog;
pub use progress::{ExportAll, ImportBanner};
