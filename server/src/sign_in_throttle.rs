//! How repeated failed sign-ins slow further attempts down: a few failures
//! cost nothing, then each further attempt waits twice as long as the one
//! before, up to the whole failure window. An account can be tried about a
//! dozen times an hour at most, and nobody is locked out for good: a browser
//! the user signed in with before is slowed down only by its own failures.

/// How far back failed sign-ins count, in seconds.
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
/// Failures of one account (from unknown browsers) before attempts slow down.
pub const FREE_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failures from one address before attempts from it slow down.
pub const FREE_FAILURES_PER_ADDRESS: i64 = 20;
/// The first wait, in seconds; every further failure doubles it.
const FIRST_WAIT_SECS: i64 = 30;

/// Failed attempts within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    /// How many.
    pub count: i64,
    /// When the last one was made (unix seconds).
    pub last_at: Option<i64>,
}

impl Attempts {
    /// Seconds to wait at `now` before the next attempt, when more than
    /// `free` failures were made (0: go ahead).
    pub fn wait_secs(self, free: i64, now: i64) -> i64 {
        let Some(last_at) = self.last_at else {
            return 0;
        };
        if self.count < free {
            return 0;
        }
        let doublings = u32::try_from(self.count - free).unwrap_or(u32::MAX).min(16);
        let wait = FIRST_WAIT_SECS
            .saturating_mul(1 << doublings)
            .min(FAILURE_WINDOW_SECS);
        (last_at + wait - now).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(count: i64, last_at: i64) -> Attempts {
        Attempts {
            count,
            last_at: Some(last_at),
        }
    }

    #[test]
    fn the_first_failures_cost_nothing() {
        assert_eq!(after(4, 100).wait_secs(5, 100), 0);
        assert_eq!(
            Attempts {
                count: 0,
                last_at: None
            }
            .wait_secs(5, 100),
            0
        );
    }

    #[test]
    fn each_further_failure_doubles_the_wait_up_to_the_window() {
        assert_eq!(after(5, 100).wait_secs(5, 100), 30);
        assert_eq!(after(6, 100).wait_secs(5, 100), 60);
        assert_eq!(after(7, 100).wait_secs(5, 110), 110);
        assert_eq!(after(40, 100).wait_secs(5, 100), FAILURE_WINDOW_SECS);
        assert_eq!(after(5, 100).wait_secs(5, 130), 0);
    }

    #[test]
    fn an_account_can_be_tried_fewer_than_100_times_an_hour() {
        // Someone retrying the moment each wait ends, one attempt a second.
        let mut failed_at: Vec<i64> = Vec::new();
        let mut now = 0;
        while now < 3600 {
            let recent: Vec<i64> = failed_at
                .iter()
                .copied()
                .filter(|at| *at > now - FAILURE_WINDOW_SECS)
                .collect();
            let attempts = Attempts {
                count: i64::try_from(recent.len()).unwrap_or(i64::MAX),
                last_at: recent.last().copied(),
            };
            if attempts.wait_secs(FREE_FAILURES_PER_ACCOUNT, now) == 0 {
                failed_at.push(now);
            }
            now += 1;
        }
        assert!(
            failed_at.len() < 100,
            "{} tries in an hour",
            failed_at.len()
        );
    }
}
