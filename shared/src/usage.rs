//! Monthly active contacts (R27, R28): billing periods and which messages
//! count toward them.
//!
//! A contact is active in a period when it sent or received a message in
//! it. A contact blocked during a period still counts in that period; from
//! the next period on, the messages it sends while blocked do not count.
//! After unblocking it counts again from the current period.

use crate::timestamp::{civil_from_days, days_from_civil};
use serde::{Deserialize, Serialize};
use std::fmt;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A billing period: a calendar month in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BillingPeriod {
    year: i32,
    month: u8,
}

impl BillingPeriod {
    /// The period an instant (unix seconds) falls in.
    pub fn containing(unix_seconds: i64) -> Self {
        let (year, month, _) = civil_from_days(unix_seconds.div_euclid(86_400));
        Self {
            year: year as i32,
            month,
        }
    }

    /// The period after this one.
    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// The period before this one.
    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                month: self.month - 1,
                ..self
            }
        }
    }

    /// The first second of the period (unix seconds).
    pub fn start(self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, 1) * 86_400
    }

    /// The stable key used in storage, e.g. `"2026-01"`.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The name shown to users, e.g. `"January 2026"`.
    pub fn label(self) -> String {
        format!("{} {}", MONTH_NAMES[usize::from(self.month - 1)], self.year)
    }
}

impl fmt::Display for BillingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// R27: whether a message at `message_at` makes its contact active in the
/// message's period. `blocked_at` is when the contact was blocked, if it is
/// blocked now: a blocked contact's messages count only within the period
/// it was blocked in.
pub fn counts_toward_usage(message_at: i64, blocked_at: Option<i64>) -> bool {
    match blocked_at {
        None => true,
        Some(blocked_at) => {
            BillingPeriod::containing(message_at) <= BillingPeriod::containing(blocked_at)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAN_20_2026: i64 = 1_768_867_200;
    const FEB_03_2026: i64 = 1_770_076_800;

    #[test]
    fn periods_are_calendar_months() {
        let january = BillingPeriod::containing(JAN_20_2026);
        assert_eq!(january.key(), "2026-01");
        assert_eq!(january.label(), "January 2026");
        assert_eq!(january.next().key(), "2026-02");
        assert_eq!(january.previous().key(), "2025-12");
        assert_eq!(january.previous().next(), january);
        assert_eq!(BillingPeriod::containing(january.start()), january);
        assert_eq!(
            BillingPeriod::containing(january.start() - 1).key(),
            "2025-12"
        );
        assert_eq!(BillingPeriod::containing(FEB_03_2026), january.next());
    }

    #[test]
    fn r27_blocked_contact_counts_in_its_block_period_only() {
        assert!(counts_toward_usage(FEB_03_2026, None));
        assert!(counts_toward_usage(JAN_20_2026 + 3_600, Some(JAN_20_2026)));
        assert!(!counts_toward_usage(FEB_03_2026, Some(JAN_20_2026)));
    }
}
