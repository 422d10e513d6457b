//! Server-only glue between server functions and the services the server
//! binary provides: one port (trait) per seam, the services that carry
//! them, the session of the current request and what the request says about
//! its client.

mod accounts_port;
mod channels_port;
mod clock;
mod contacts_port;
mod details_port;
pub mod device;
mod imports_port;
mod inbox_port;
mod merge_port;
mod request;
mod services;
mod session;
mod usage_port;

pub use accounts_port::*;
pub use channels_port::*;
pub use clock::*;
pub use contacts_port::*;
pub use details_port::*;
pub use imports_port::*;
pub use inbox_port::*;
pub use merge_port::*;
pub use request::*;
pub use services::*;
pub use session::*;
pub use usage_port::*;
