//! Server-only glue between server functions and the services the server
//! binary provides: the ports (traits) and the per-request session helpers.

mod inbox_port;
mod ports;
mod session;

pub use inbox_port::*;
pub use ports::*;
pub use session::*;
