//! The usage seam: monthly active contacts per billing period.

use crate::error::AppError;
use crate::settings::model::UsagePeriod;
use async_trait::async_trait;

/// Monthly active contacts per billing period.
#[async_trait]
pub trait UsagePort: Send + Sync {
    /// The current period and the `count - 1` before it, newest first.
    async fn monthly_active_contacts(
        &self,
        workspace_id: i64,
        now: i64,
        count: usize,
    ) -> Result<Vec<UsagePeriod>, AppError>;
}
