//! The services the server binary provides to server functions, handed
//! over as Leptos context, and one accessor per port.

use super::{
    AccountsPort, ChannelsPort, Clock, ContactsPort, DetailsPort, ImportsPort, InboxPort,
    MergePort, UsagePort,
};
use crate::error::AppError;
use leptos::prelude::use_context;
use std::sync::Arc;

/// Everything server functions may call, provided as Leptos context.
#[derive(Clone)]
pub struct Services {
    pub accounts: Arc<dyn AccountsPort>,
    /// The Contacts module's storage.
    pub contacts: Arc<dyn ContactsPort>,
    /// Contacts as the drawer and the contact-fields settings see them.
    pub details: Arc<dyn DetailsPort>,
    /// Merge suggestions, merges, undo and the merge history.
    pub merges: Arc<dyn MergePort>,
    /// CSV imports and workspace exports.
    pub imports: Arc<dyn ImportsPort>,
    pub inbox: Arc<dyn InboxPort>,
    pub usage: Arc<dyn UsagePort>,
    pub channels: Arc<dyn ChannelsPort>,
    /// The time server functions act at.
    pub clock: Arc<dyn Clock>,
}

fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        tracing::error!("services missing from the Leptos context");
        AppError::Internal
    })
}

/// The accounts service.
pub fn accounts() -> Result<Arc<dyn AccountsPort>, AppError> {
    Ok(services()?.accounts)
}

/// The Contacts module's storage.
pub fn contacts() -> Result<Arc<dyn ContactsPort>, AppError> {
    Ok(services()?.contacts)
}

/// The contact-details service.
pub fn details() -> Result<Arc<dyn DetailsPort>, AppError> {
    Ok(services()?.details)
}

/// The merge service.
pub fn merges() -> Result<Arc<dyn MergePort>, AppError> {
    Ok(services()?.merges)
}

/// CSV imports and workspace exports.
pub fn imports() -> Result<Arc<dyn ImportsPort>, AppError> {
    Ok(services()?.imports)
}

/// The Inbox service.
pub fn inbox() -> Result<Arc<dyn InboxPort>, AppError> {
    Ok(services()?.inbox)
}

/// The usage service.
pub fn usage() -> Result<Arc<dyn UsagePort>, AppError> {
    Ok(services()?.usage)
}

/// The workspace-channels service.
pub fn channels() -> Result<Arc<dyn ChannelsPort>, AppError> {
    Ok(services()?.channels)
}

/// The current time in unix seconds, from the services' clock.
pub fn now() -> Result<i64, AppError> {
    Ok(services()?.clock.now())
}
