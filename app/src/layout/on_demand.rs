//! The code a page needs only once someone acts on it, as one download
//! fetched after the page has become interactive: the contact drawer (beside
//! the Contacts table and in the Inbox) and the Contacts module's dialogs.
//!
//! One download rather than one each: the code splitter makes a chunk for
//! every set of downloads that share a function, so every further download
//! adds files to the first load of every page.

use crate::contacts::dialog::OpenDialog;
use leptos::prelude::*;
use shared::permissions::Module;

/// What a page shows from the download.
pub enum OnDemand {
    /// The drawer for one contact; `close_href` is the page without it.
    Drawer {
        contact_id: i64,
        module: Module,
        close_href: String,
    },
    /// A dialog over the Contacts module.
    ContactsDialog {
        open: OpenDialog,
        on_close: Callback<()>,
    },
}

#[lazy]
fn on_demand_download(part: OnDemand) -> AnyView {
    match part {
        OnDemand::Drawer {
            contact_id,
            module,
            close_href,
        } => crate::details::loaded_drawer(contact_id, module, close_href),
        OnDemand::ContactsDialog { open, on_close } => {
            crate::contacts::dialog::dialog_view(open, on_close)
        }
    }
}

/// `part`, once the download is there; on the server its files are named
/// in the page head (the drawer can be part of a server render).
pub async fn on_demand(part: OnDemand) -> AnyView {
    let view = on_demand_download(part).await;
    #[cfg(feature = "ssr")]
    super::preload_used_downloads();
    view
}

/// Fetches the download once the page has become interactive, so the first
/// contact or dialog opened does not wait for it.
pub fn preload_on_demand() {
    #[cfg(feature = "hydrate")]
    Effect::new(|| leptos::task::spawn_local(__preload_on_demand_download()));
}

/// Loads the download now: a page rendered with the drawer open can take
/// over the drawer's HTML only once its code is there.
#[cfg(feature = "hydrate")]
pub async fn load_on_demand() {
    __preload_on_demand_download().await;
}
