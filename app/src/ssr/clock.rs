//! The one clock the server reads: unix time, in seconds for what users see
//! and store, in milliseconds for job claims. Server functions read it from
//! the services, so a test can start the app with a clock of its own.

use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// Now, in unix milliseconds.
    fn now_millis(&self) -> i64;

    /// Now, in unix seconds.
    fn now(&self) -> i64 {
        self.now_millis().div_euclid(1000)
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or_default()
    }
}
