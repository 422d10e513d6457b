//! Merging duplicates (R11–R17): the review with a choice per field, the
//! "Merge successful" message with "Undo merge", the merge history and the
//! dashboard's suggestions.

pub mod api;
mod history;
pub mod model;
mod review;
mod suggestions;

pub use history::MergeHistoryPage;
pub use review::MergeReviewPage;
pub use suggestions::MergeSuggestions;
