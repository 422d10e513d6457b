//! Settings → "Usage": monthly active contacts per billing period (R27, R28).

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// How many periods the usage page shows.
pub const PERIODS_SHOWN: usize = 6;

/// One billing period's count of active contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsagePeriod {
    /// e.g. `"2026-01"`.
    pub key: String,
    /// e.g. `"January 2026"`.
    pub label: String,
    /// Distinct contacts that sent or received a message in the period.
    pub active_contacts: i64,
    /// Whether it is the period we are in.
    pub current: bool,
}

/// The workspace's monthly active contacts, current period first.
#[server(endpoint = "usage_monthly_active_contacts")]
#[cfg_attr(feature = "ssr", tracing::instrument(err))]
pub async fn usage_monthly_active_contacts() -> Result<Vec<UsagePeriod>, AppError> {
    let viewer = crate::ssr::require_viewer().await?;
    crate::ssr::usage()?
        .monthly_active_contacts(viewer.workspace.id, crate::ssr::now(), PERIODS_SHOWN)
        .await
}

/// The usage page.
#[component]
pub fn UsagePage() -> impl IntoView {
    let periods = Resource::new(|| (), |_| usage_monthly_active_contacts());
    view! {
        <Title text="Usage · Settings · Contacts"/>
        <h1>"Usage"</h1>
        <p class="muted">
            "Monthly active contacts: distinct contacts that sent or received a message in a "
            "billing period (calendar month, UTC). A contact blocked during a period still "
            "counts in it; from the next period on, what it sends while blocked does not count."
        </p>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match periods.await {
                    Ok(periods) => view! { <UsageTable periods/> }.into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn UsageTable(periods: Vec<UsagePeriod>) -> impl IntoView {
    view! {
        <table class="usage-table">
            <caption>"Monthly active contacts"</caption>
            <thead>
                <tr>
                    <th scope="col">"Billing period"</th>
                    <th scope="col">"Active contacts"</th>
                </tr>
            </thead>
            <tbody>
                {periods
                    .into_iter()
                    .map(|period| {
                        let label = if period.current {
                            format!("{} (current)", period.label)
                        } else {
                            period.label
                        };
                        view! {
                            <tr data-period=period.key>
                                <th scope="row">{label}</th>
                                <td>{period.active_contacts}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
