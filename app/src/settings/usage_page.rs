//! Settings → "Usage": monthly active contacts per billing period (R27, R28).

use super::api::usage_monthly_active_contacts;
use super::model::UsagePeriod;
use leptos::prelude::*;
use leptos_meta::Title;

/// The usage page.
#[component]
pub fn UsagePage() -> impl IntoView {
    let periods = Resource::new(|| (), |()| usage_monthly_active_contacts());
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
