//! What is checked in the table (R31, R34): rows one by one, whole pages,
//! or "Select all" of everything matching the search and filters.

use super::model::{ContactQuery, PageCursor, Total};
use crate::i18n::{td_string, Locale};
use leptos::prelude::*;
use shared::bulk::Selection;

/// The table's state shared by its parts: the URL's query and page, the
/// selection, and versions bumped to reload after changes.
#[derive(Debug, Clone, Copy)]
pub struct TableState {
    /// Search, filters, sort and view from the URL.
    pub query: Memo<ContactQuery>,
    /// The page from the URL.
    pub page: Memo<PageCursor>,
    /// The checked contacts.
    pub selection: RwSignal<SelectionState>,
    /// Bumped to reload the table.
    pub list_version: RwSignal<u64>,
    /// Bumped to reload the delete progress.
    pub progress_version: RwSignal<u32>,
}

/// The checked contacts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectionState {
    /// Rows checked one by one or by page.
    pub ids: Vec<i64>,
    /// "Select all": every contact matching the query (how many).
    pub all: Option<Total>,
}

impl SelectionState {
    /// The selection as the shared rules and the server see it.
    pub fn selection(&self) -> Selection {
        match self.all {
            Some(total) => Selection::AllMatching { count: total.count },
            None => Selection::Ids(self.ids.clone()),
        }
    }

    /// Whether nothing is checked.
    pub fn is_empty(&self) -> bool {
        self.all.is_none() && self.ids.is_empty()
    }

    /// Whether this row is checked.
    pub fn contains(&self, id: i64) -> bool {
        self.all.is_some() || self.ids.contains(&id)
    }

    /// Whether every one of these rows is checked.
    pub fn contains_all(&self, ids: &[i64]) -> bool {
        !ids.is_empty() && ids.iter().all(|id| self.contains(*id))
    }

    /// Checks or unchecks one row; unchecking a row of "Select all" keeps the
    /// rest of the page checked.
    pub fn toggle(&mut self, id: i64, checked: bool, page_ids: &[i64]) {
        if self.all.take().is_some() {
            self.ids = page_ids.to_vec();
        }
        self.ids.retain(|other| *other != id);
        if checked {
            self.ids.push(id);
        }
    }

    /// Checks or unchecks the whole page ("Select page").
    pub fn toggle_page(&mut self, checked: bool, page_ids: &[i64]) {
        self.all = None;
        self.ids.retain(|id| !page_ids.contains(id));
        if checked {
            self.ids.extend_from_slice(page_ids);
        }
    }

    /// How many are checked, as the bulk bar says it in the page's language.
    pub fn label(&self, locale: Locale) -> String {
        match self.all {
            Some(total) => {
                td_string!(locale, contacts.bulk.all_selected, count = total.label()).to_string()
            }
            None => td_string!(locale, contacts.bulk.selected, count = self.ids.len()).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r31_select_page_then_one_row_off() {
        let mut state = SelectionState::default();
        state.toggle_page(true, &[1, 2, 3]);
        assert!(state.contains_all(&[1, 2, 3]));
        state.toggle(2, false, &[1, 2, 3]);
        assert_eq!(state.selection(), Selection::Ids(vec![1, 3]));
        state.toggle_page(false, &[1, 2, 3]);
        assert!(state.is_empty());
    }

    #[test]
    fn r34_select_all_counts_every_match() {
        let mut state = SelectionState {
            ids: Vec::new(),
            all: Some(Total {
                count: 253,
                exact: true,
            }),
        };
        assert_eq!(state.selection().count(), 253);
        assert_eq!(state.label(Locale::en), "All 253 contacts selected");
        assert_eq!(state.label(Locale::de), "Alle 253 Kontakte ausgewählt");
        state.toggle(5, false, &[4, 5, 6]);
        assert_eq!(state.selection(), Selection::Ids(vec![4, 6]));
    }
}
