//! The product's domain: value types that validate when parsed, and the rules
//! of `docs/rules.md` as pure functions. No IO, no framework, no database types, so
//! the same code runs in the browser (wasm32) and on the server.
//!
//! Every parser returns a typed error that words itself, through [`FieldRefusal`],
//! into a [`FieldError`] ("which field, what is wrong") in English or German;
//! every rule of `docs/rules.md` touched here has tests whose names carry its
//! id (`grep -ri r34 shared/`).

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod bulk;
pub mod channel;
pub mod country;
pub mod custom_field;
pub mod date;
pub mod duplicates;
pub mod email;
pub mod error;
pub mod fields;
pub mod import;
pub mod language;
pub mod merge;
pub mod message;
pub mod name;
mod name_columns;
pub mod permissions;
pub mod phone;
pub mod search;
pub mod tag;
pub mod text;
pub mod timestamp;
pub mod ui_language;
pub mod usage;

pub use country::Country;
pub use custom_field::{CustomFieldDefinition, CustomFieldType, CustomFieldValue};
pub use date::Date;
pub use email::Email;
pub use error::{FieldError, FieldRefusal};
pub use fields::{FieldKey, FieldOrder, StandardField};
pub use language::Language;
pub use name::PersonName;
pub use permissions::{may, Action, Context, Module, Role};
pub use phone::{CheckedPhone, PhoneNumber};
pub use tag::TagName;
pub use ui_language::UiLanguage;
