//! CSV import (R35) and workspace export (R36) in the Contacts module.

pub mod api;
pub mod model;
