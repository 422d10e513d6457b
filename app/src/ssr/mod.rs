//! Server-only glue between server functions and the services the server
//! binary provides: the ports (traits) and the per-request session helpers.

mod details_port;
mod ports;
mod session;

pub use details_port::*;
pub use ports::*;
pub use session::*;
