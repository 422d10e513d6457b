//! The product's domain: value types that validate when parsed, and the rules
//! of `SPEC.md` as pure functions. No IO, no framework, no database types, so
//! the same code runs in the browser (wasm32) and on the server.

pub mod country;
pub mod email;
pub mod error;
pub mod language;
pub mod name;
pub mod permissions;
pub mod phone;
mod text;

pub use country::Country;
pub use email::Email;
pub use error::FieldError;
pub use language::Language;
pub use name::PersonName;
pub use permissions::Role;
pub use phone::PhoneNumber;
