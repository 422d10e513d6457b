//! Settings → "Usage": monthly active contacts per billing period (R27, R28).

use super::api::usage_monthly_active_contacts;
use super::model::UsagePeriod;
use super::page_title;
use crate::i18n::{t_string, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;

/// The usage page.
#[component]
pub fn UsagePage() -> impl IntoView {
    let i18n = use_i18n();
    let periods = Resource::new(|| (), |()| usage_monthly_active_contacts());
    view! {
        <PageTitle text=page_title(t_string!(i18n, settings.usage.title))/>
        <h1>{t_string!(i18n, settings.usage.title)}</h1>
        <p class="muted">{t_string!(i18n, settings.usage.intro)}</p>
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
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
    let i18n = use_i18n();
    view! {
        <table class="usage-table">
            <caption>{t_string!(i18n, settings.usage.caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t_string!(i18n, settings.usage.billing_period)}</th>
                    <th scope="col">{t_string!(i18n, settings.usage.active_contacts)}</th>
                </tr>
            </thead>
            <tbody>
                {periods
                    .into_iter()
                    .map(|period| {
                        let label = if period.current {
                            t_string!(i18n, settings.usage.current_period, period = period.label)
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
