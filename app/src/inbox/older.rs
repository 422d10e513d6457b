//! "Show older …": pages loaded in the browser below the newest part of a
//! list the server rendered. Once such pages are shown, the newest part is
//! read down to where they begin (`since`), so a row that new activity
//! pushes down is never lost between the two.

use super::model::{
    ConversationCursor, ConversationFilter, ConversationSummary, MessageCursor, MessageView,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// Older pages of one list (`owner`: the filter or the contact shown).
pub(super) struct Older<K, T, C>
where
    K: Copy + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
    C: Copy + Send + Sync + 'static,
{
    owner: RwSignal<Option<K>>,
    /// Rows of the loaded pages, in the order the server sent them.
    rows: RwSignal<Vec<T>>,
    /// Where the loaded pages begin; `None` while none are loaded.
    since: RwSignal<Option<C>>,
    /// Where the next older page starts, once pages are loaded.
    next: RwSignal<Option<C>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
}

impl<K, T, C> Clone for Older<K, T, C>
where
    K: Copy + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
    C: Copy + Send + Sync + 'static,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, T, C> Copy for Older<K, T, C>
where
    K: Copy + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
    C: Copy + Send + Sync + 'static,
{
}

impl<K, T, C> Older<K, T, C>
where
    K: Copy + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    C: Copy + Send + Sync + 'static,
{
    pub fn new() -> Self {
        Self {
            owner: RwSignal::new(None),
            rows: RwSignal::new(Vec::new()),
            since: RwSignal::new(None),
            next: RwSignal::new(None),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    fn holds(&self, owner: K) -> bool {
        self.owner.get() == Some(owner)
    }

    /// The loaded rows of `owner`'s list.
    pub fn rows(&self, owner: K) -> Vec<T> {
        if self.holds(owner) {
            self.rows.get()
        } else {
            Vec::new()
        }
    }

    /// Where the newest part of `owner`'s list is to be read down to, for
    /// the fetcher of that part (read without tracking, so loading a page
    /// does not refetch it).
    pub fn since(&self, owner: K) -> Option<C> {
        (self.owner.get_untracked() == Some(owner))
            .then(|| self.since.get_untracked())
            .flatten()
    }

    /// Where the next older page of `owner`'s list starts, given the cursor
    /// the newest page came with.
    pub fn next(&self, owner: K, newest: Option<C>) -> Option<C> {
        if self.holds(owner) && self.since.get().is_some() {
            self.next.get()
        } else {
            newest
        }
    }

    /// Loads the next older page of `owner`'s list.
    pub fn load<Fut>(&self, owner: K, newest: Option<C>, fetch: impl FnOnce(C) -> Fut)
    where
        Fut: Future<Output = Result<(Vec<T>, Option<C>), AppError>> + 'static,
    {
        if self.owner.get_untracked() != Some(owner) {
            self.owner.set(Some(owner));
            self.rows.set(Vec::new());
            self.since.set(None);
            self.next.set(None);
        }
        let next = match self.since.get_untracked() {
            Some(_) => self.next.get_untracked(),
            None => newest,
        };
        let Some(cursor) = next else {
            return;
        };
        if self.loading.get_untracked() {
            return;
        }
        self.loading.set(true);
        self.error.set(None);
        let page = fetch(cursor);
        let this = *self;
        spawn_local(async move {
            let answer = page.await;
            this.loading.set(false);
            if this.owner.get_untracked() != Some(owner) {
                return;
            }
            match answer {
                Ok((rows, older)) => {
                    this.rows.update(|loaded| loaded.extend(rows));
                    this.next.set(older);
                    if this.since.get_untracked().is_none() {
                        this.since.set(Some(cursor));
                    }
                }
                Err(error) => this.error.set(Some(error.to_string())),
            }
        });
    }
}

/// Older conversations loaded below the newest page, per filter.
pub(super) type OlderConversations =
    Older<ConversationFilter, ConversationSummary, ConversationCursor>;

/// Older messages loaded above the newest ones, per contact, newest first.
pub(super) type OlderMessages = Older<i64, MessageView, MessageCursor>;
