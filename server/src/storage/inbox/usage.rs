//! Monthly active contacts (R27, R28): one row per contact and
//! billing period, written with each message that counts.

use crate::storage::{Context, Store, StoreError};
use app::error::AppError;
use app::settings::model::UsagePeriod;
use app::ssr::UsagePort;
use async_trait::async_trait;
use shared::usage::BillingPeriod;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Counts the contact as active in the billing period containing `at`.
pub(crate) async fn record_activity(
    conn: &mut AnyConnection,
    workspace_id: i64,
    contact_id: i64,
    at: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO active_contacts (workspace_id, period, contact_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(workspace_id)
    .bind(BillingPeriod::containing(at).key())
    .bind(contact_id)
    .execute(&mut *conn)
    .await
    .context("record_activity: adding to active_contacts")?;
    Ok(())
}

#[async_trait]
impl UsagePort for Store {
    #[tracing::instrument(skip(self), err)]
    async fn monthly_active_contacts(
        &self,
        workspace_id: i64,
        now: i64,
        count: usize,
    ) -> Result<Vec<UsagePeriod>, AppError> {
        let current = BillingPeriod::containing(now);
        let periods: Vec<BillingPeriod> =
            std::iter::successors(Some(current), |period| Some(period.previous()))
                .take(count.max(1))
                .collect();
        let oldest = periods.last().copied().unwrap_or(current);
        let counts: HashMap<String, i64> = sqlx::query_as(
            "SELECT period, COUNT(*) FROM active_contacts
              WHERE workspace_id = $1 AND period >= $2 AND period <= $3 GROUP BY period",
        )
        .bind(workspace_id)
        .bind(oldest.key())
        .bind(current.key())
        .fetch_all(&self.pool)
        .await
        .context("monthly_active_contacts: reading active_contacts")?
        .into_iter()
        .collect();
        Ok(periods
            .into_iter()
            .map(|period| UsagePeriod {
                key: period.key(),
                label: period.label(),
                active_contacts: counts.get(&period.key()).copied().unwrap_or(0),
                current: period == current,
            })
            .collect())
    }
}
