//! The server's HTTP-level tests, in one binary. Each test starts the real
//! application (see `helpers`) and talks to it over HTTP as the browser
//! does; one module per feature.

mod helpers;

mod auth;
mod authorization;
mod authorization_matrix;
mod background_priority;
mod bad_input;
mod contact_links;
mod contacts_bulk;
mod contacts_delete;
mod contacts_export;
mod contacts_import;
mod contacts_list;
mod contacts_rows;
mod contacts_search;
mod content_policy;
mod crash_recovery;
mod details_edits;
mod details_relations;
mod error_status;
mod fuzz_inputs;
mod imports_runner;
mod inbox_blocking;
mod inbox_conversations;
mod inbox_ingress;
mod inbox_paging;
mod interface_language;
mod merge_history;
mod merge_suggestions;
mod merges;
mod postgres_upgrade;
mod settings_fields;
mod several_servers;
mod sign_in_memory;
mod startup;
mod storage_types;
