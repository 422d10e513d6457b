//! Keeps one drawer data source per contact for the signed-in frame.
//!
//! While rendering on the server, Leptos walks a `Suspense`'s children more
//! than once, which re-creates components inside reactive closures (such as
//! a page's `?contact=` drawer). Each new drawer would start its own
//! resource, and the browser would then hydrate against data serialized for
//! a different one. Creating the resource once, under the frame's owner,
//! gives every render the same resource.

use super::api::details_get;
use super::model::{ContactDetails, ContactRef};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

/// A contact's data and the counter that reloads it.
pub type ContactSource = (RwSignal<u32>, Resource<Result<ContactDetails, AppError>>);

/// The drawer sources of the signed-in frame, provided as context.
#[derive(Clone)]
pub struct DrawerSources {
    /// Weak: the owner keeps this context, so a strong reference back would
    /// keep every rendered page alive (on the server, after every request).
    owner: WeakOwner,
    entries: StoredValue<Vec<(i64, ContactSource)>>,
}

/// Provides [`DrawerSources`] for every drawer below; call it outside any
/// `Suspense` that re-renders its children.
pub fn provide_drawer_sources() {
    if let Some(owner) = Owner::current() {
        provide_context(DrawerSources {
            owner: owner.downgrade(),
            entries: StoredValue::new(Vec::new()),
        });
    }
}

fn create(contact_id: i64) -> ContactSource {
    let revision = RwSignal::new(0u32);
    let resource = Resource::new(
        move || revision.get(),
        move |_| details_get(ContactRef { contact_id }),
    );
    (revision, resource)
}

/// The data source of one contact's drawer: shared with earlier renders of
/// the same drawer when [`provide_drawer_sources`] was called above, and
/// reloaded when the drawer opens again.
pub fn contact_source(contact_id: i64) -> ContactSource {
    let Some(sources) = use_context::<DrawerSources>() else {
        return create(contact_id);
    };
    let known = sources.entries.with_value(|entries| {
        entries
            .iter()
            .find(|(id, _)| *id == contact_id)
            .map(|(_, source)| *source)
    });
    if let Some((revision, _)) = known {
        // Opened again: show what is stored now, not what was loaded the
        // last time this drawer was open (the server renders every drawer
        // fresh, so only the browser reloads).
        if cfg!(feature = "hydrate") {
            revision.update(|n| *n += 1);
        }
    }
    known.unwrap_or_else(|| {
        let source = match sources.owner.upgrade() {
            Some(owner) => owner.with(|| create(contact_id)),
            None => create(contact_id),
        };
        sources
            .entries
            .update_value(|entries| entries.push((contact_id, source)));
        source
    })
}
