//! The module's background jobs as banners: the deletion's progress (R33,
//! "1,200 of 5,000 deleted" with a progress bar) and the running import's
//! (R35), while the rest of the app stays usable. Both are read by one
//! resource, so a page render awaits and writes into the page one value for
//! both, and one poll asks about both at once while either runs.

use super::api::contacts_delete_progress;
use super::model::{thousands, DeleteProgress};
use super::selection::TableState;
use crate::i18n::{t_string, use_i18n};
use crate::imports::api::imports_progress;
use crate::imports::model::ImportProgress;
use crate::imports::ImportBanner;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How often the module asks how far a running job has come (the export
/// button asks about its export as often).
pub(crate) const POLL: Duration = Duration::from_millis(1000);

/// The workspace's running (or latest) deletion and import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Jobs {
    deletion: Option<DeleteProgress>,
    import: Option<ImportProgress>,
}

impl Jobs {
    /// How far each job has come: what the table reloads on.
    fn marks(&self) -> [Option<(u64, bool)>; 2] {
        [
            self.deletion.map(|job| (job.deleted, job.done)),
            self.import.as_ref().map(|job| (job.processed, job.done)),
        ]
    }

    /// Whether a job is still under way, so worth asking about again.
    fn running(&self) -> bool {
        self.marks().iter().flatten().any(|(_, done)| !done)
    }
}

/// The deletion and import banners; reloads the table as contacts go or
/// arrive.
#[component]
pub fn JobBanners(
    /// Whether the viewer may import (and so download the error report).
    may_import: bool,
) -> impl IntoView {
    let state = expect_context::<TableState>();
    let tick = RwSignal::new(0u32);
    let jobs = Resource::new(
        move || (tick.get(), state.progress_version.get()),
        |_| async {
            let (deletion, import) =
                futures::future::join(contacts_delete_progress(), imports_progress()).await;
            // A job the viewer may not see shows no banner.
            Jobs {
                deletion: deletion.ok().flatten(),
                import: import.ok().flatten(),
            }
        },
    );
    let last_seen = StoredValue::new(None::<[Option<(u64, bool)>; 2]>);
    // While a job runs, ask again every second, and reload the table
    // whenever one has come further.
    Effect::new(move || {
        let Some(current) = jobs.get() else {
            return;
        };
        if current.running() {
            set_timeout(move || tick.update(|tick| *tick += 1), POLL);
        }
        let now = current.marks();
        let moved = last_seen.get_value().is_some_and(|before| {
            before
                .iter()
                .zip(&now)
                .any(|(before, now)| before.is_some() && before != now)
        });
        if moved {
            state.list_version.update(|version| *version += 1);
        }
        last_seen.set_value(Some(now));
    });
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let Jobs { deletion, import } = jobs.await;
                view! {
                    {deletion.map(|job| view! { <DeleteBanner job/> })}
                    {import.map(|job| view! { <ImportBanner job may_import/> })}
                }
            })}
        </Transition>
    }
}

#[component]
fn DeleteBanner(job: DeleteProgress) -> impl IntoView {
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
