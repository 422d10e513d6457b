//! The background deletion's progress in the module (R33): "1,200 of 5,000
//! deleted" with a progress bar, while the rest of the app stays usable.

use super::api::contacts_delete_progress;
use super::model::{thousands, DeleteProgress};
use super::selection::TableState;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use std::time::Duration;

/// How often the module asks how far a deletion has come.
const POLL: Duration = Duration::from_millis(1000);

/// The progress banner; reloads the table as contacts go.
#[component]
pub fn DeleteProgressBanner() -> impl IntoView {
    let state = expect_context::<TableState>();
    let tick = RwSignal::new(0u32);
    let progress = Resource::new(
        move || (tick.get(), state.progress_version.get()),
        |_| contacts_delete_progress(),
    );
    let last_seen = StoredValue::new(None::<DeleteProgress>);
    // While a deletion runs, ask again every second and reload the table
    // whenever more contacts are gone.
    Effect::new(move || {
        let Some(Ok(current)) = progress.get() else {
            return;
        };
        let previous = last_seen.get_value();
        last_seen.set_value(current);
        if current.is_some_and(|job| !job.done) {
            set_timeout(move || tick.update(|tick| *tick += 1), POLL);
        }
        let changed = match (previous, current) {
            (Some(before), Some(now)) => before.deleted != now.deleted || before.done != now.done,
            _ => false,
        };
        if changed {
            state.list_version.update(|version| *version += 1);
        }
    });
    view! {
        <Transition>
            {move || Suspend::new(async move {
                progress.await.ok().flatten().map(|job| view! { <Banner job/> })
            })}
        </Transition>
    }
}

#[component]
fn Banner(job: DeleteProgress) -> impl IntoView {
    let i18n = use_i18n();
    let text = if job.done {
        t_string!(
            i18n,
            contacts.delete_progress.finished,
            count = thousands(job.total)
        )
        .to_string()
    } else {
        t_string!(
            i18n,
            contacts.delete_progress.running,
            progress = job.label(i18n.get_locale_untracked())
        )
        .to_string()
    };
    view! {
        <section class="delete-progress" aria-label=t_string!(i18n, contacts.delete_progress.label)>
            <p role="status">{text}</p>
            <progress
                max=job.total.max(1).to_string()
                value=job.deleted.to_string()
                aria-label=t_string!(i18n, contacts.delete_progress.bar)
            ></progress>
        </section>
    }
}
