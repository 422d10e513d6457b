//! Server-only glue between server functions and the services the server
//! binary provides: the ports (traits) and the per-request session helpers.

mod contacts_port;
mod details_port;
pub mod device;
mod imports_port;
mod inbox_port;
mod merge_port;
mod ports;
mod session;

pub use contacts_port::*;
pub use details_port::*;
pub use imports_port::*;
pub use inbox_port::*;
pub use merge_port::*;
pub use ports::*;
pub use session::*;
