//! The WHERE clauses of the contacts table: workspace, view, search,
//! filters, keyset position, and the targets of bulk actions. Every clause
//! starts with the workspace, so no query reaches another workspace.

use crate::storage::sql::ids_json;
use crate::storage::sql::SqlBuilder;
use crate::storage::{Context, Dialect};
use app::contacts::model::{
    AssigneeFilter, ContactQuery, Cursor, DeleteTarget, Direction, Sort, TagMatch, View,
};
use app::error::{AppError, Refusal};
use shared::bulk::Selection;
use sqlx::AnyPool;

/// Sorts after every character, to turn a prefix into a range.
const PREFIX_END: char = '\u{10FFFF}';

/// Tag names of a query, resolved to the workspace's tag ids.
pub(crate) async fn tag_ids(
    pool: &AnyPool,
    workspace_id: i64,
    query: &ContactQuery,
) -> Result<Vec<i64>, AppError> {
    if query.tags.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = query
        .tags
        .iter()
        .map(|tag| tag.trim().to_lowercase())
        .collect();
    let mut builder = SqlBuilder::new("SELECT id FROM tags WHERE workspace_id = ");
    builder
        .push_bind(workspace_id)
        .push(" AND name_key IN (")
        .push_list(keys)
        .push(")");
    let rows: Vec<(i64,)> = builder
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("tag_ids")?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// `c.workspace_id = ? AND …` for the table's query (view, search, filters).
/// `tag_ids` are the query's tags resolved with [`tag_ids`].
pub(crate) fn push_query(
    builder: &mut SqlBuilder,
    dialect: Dialect,
    workspace_id: i64,
    query: &ContactQuery,
    tag_ids: &[i64],
) {
    push_workspace(builder, workspace_id);
    builder.push(match query.view {
        View::All => " AND c.blocked_at IS NULL",
        View::Blocked => " AND c.blocked_at IS NOT NULL",
    });
    push_search(builder, dialect, workspace_id, &query.search);
    push_tags(builder, query, tag_ids);
    match query.assignee {
        Some(AssigneeFilter::Unassigned) => {
            builder.push(" AND c.assignee_id IS NULL");
        }
        Some(AssigneeFilter::User(user_id)) => {
            builder.push(" AND c.assignee_id = ").push_bind(user_id);
        }
        None => {}
    }
    if let Some(status) = query.status {
        builder
            .push(" AND EXISTS (SELECT 1 FROM conversations v2 WHERE v2.contact_id = c.id AND v2.status = ")
            .push_bind(status.key())
            .push(")");
    }
}

/// "Filter by tag": a contact with any of the ticked tags, or with every one
/// of them. A ticked tag that no longer exists matches no contact for "all".
fn push_tags(builder: &mut SqlBuilder, query: &ContactQuery, tag_ids: &[i64]) {
    if query.tags.is_empty() {
        return;
    }
    let all = query.tag_match == TagMatch::All;
    if tag_ids.is_empty() || (all && tag_ids.len() < distinct_tag_keys(query)) {
        builder.push(" AND FALSE");
        return;
    }
    if all {
        builder.push(" AND (SELECT COUNT(*) FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id IN (");
        builder.push_list(tag_ids.iter().copied());
        builder
            .push(")) = ")
            .push_bind(i64::try_from(tag_ids.len()).unwrap_or(i64::MAX));
    } else {
        builder.push(" AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id IN (");
        builder.push_list(tag_ids.iter().copied());
        builder.push("))");
    }
}

/// How many different tags a query ticks (names compare as `tags.name_key`).
fn distinct_tag_keys(query: &ContactQuery) -> usize {
    let mut keys: Vec<String> = query
        .tags
        .iter()
        .map(|tag| tag.trim().to_lowercase())
        .collect();
    keys.sort();
    keys.dedup();
    keys.len()
}

/// The workspace's contacts, without those merged into another (R13).
pub(crate) fn push_workspace(builder: &mut SqlBuilder, workspace_id: i64) {
    builder
        .push("c.workspace_id = ")
        .push_bind(workspace_id)
        .push(" AND c.merged_into IS NULL");
}

/// The contacts a bulk action or deletion applies to.
pub(super) fn push_target(
    builder: &mut SqlBuilder,
    dialect: Dialect,
    workspace_id: i64,
    target: &DeleteTarget,
    tag_ids: &[i64],
) {
    match target {
        DeleteTarget::Everything => push_workspace(builder, workspace_id),
        DeleteTarget::Selected(selected) => match &selected.selection {
            Selection::Ids(ids) => {
                push_workspace(builder, workspace_id);
                builder.push(" AND c.id IN (SELECT value FROM json_each(");
                builder.push_bind(ids_json(ids));
                builder.push("))");
            }
            Selection::AllMatching { .. } => {
                push_query(builder, dialect, workspace_id, &selected.query, tag_ids);
            }
        },
    }
}

/// The query whose tags a target needs resolved, if any.
pub(super) fn target_query(target: &DeleteTarget) -> Option<&ContactQuery> {
    match target {
        DeleteTarget::Selected(selected)
            if matches!(selected.selection, Selection::AllMatching { .. }) =>
        {
            Some(&selected.query)
        }
        _ => None,
    }
}

/// Search (R24): contacts having a word beginning with each word of the
/// search in their name, profile name or e-mail address (see
/// [`shared::search`]), or whose phone number begins with the number typed
/// (in any common format, national ones too), each through its index.
fn push_search(builder: &mut SqlBuilder, dialect: Dialect, workspace_id: i64, search: &str) {
    let text = search.trim();
    if text.is_empty() {
        return;
    }
    let words = shared::search::search_words(text);
    // The number as typed in international form, one index range per
    // calling code a national number with trunk prefix may belong to, and a
    // whole national number without one in every country it is valid in.
    let phone_starts: Vec<String> = shared::phone::international_search_digits(text)
        .map(|digits| format!("+{digits}"))
        .into_iter()
        .chain(shared::phone::national_search_prefixes(text))
        .chain(shared::phone::national_search_numbers(text))
        .collect();
    if words.is_empty() && phone_starts.is_empty() {
        // Nothing searchable was typed (only punctuation): nothing matches.
        builder.push(" AND FALSE");
        return;
    }
    if phone_starts.is_empty() && dialect == Dialect::Postgres {
        // On the contact itself, so the planner can also walk the page's
        // order instead of the index when nearly every contact matches.
        builder.push(" AND ");
        push_postgres_words(builder, "c.", &words);
        return;
    }
    // Each way of matching is one index lookup; a contact found twice is
    // still one contact.
    builder.push(" AND c.id IN (");
    let mut first = true;
    if !words.is_empty() {
        first = false;
        match dialect {
            Dialect::Sqlite => {
                // Every word quoted and marked as a prefix: "oliveira"* "laura"*.
                let query: Vec<String> = words.iter().map(|word| format!("\"{word}\"*")).collect();
                builder
                    .push("SELECT rowid FROM contact_search WHERE contact_search MATCH ")
                    .push_bind(query.join(" "));
            }
            Dialect::Postgres => {
                builder
                    .push("SELECT id FROM contacts WHERE workspace_id = ")
                    .push_bind(workspace_id)
                    .push(" AND ");
                push_postgres_words(builder, "", &words);
            }
        }
    }
    for start in &phone_starts {
        if !first {
            builder.push(" UNION ALL ");
        }
        first = false;
        builder.push("SELECT id FROM contacts WHERE ");
        push_phone_range(builder, workspace_id, start);
    }
    builder.push(")");
}

/// `search_words @@ 'oliveira' & 'lau'` (columns prefixed with `alias`):
/// the stored words hold every beginning of every word, so each word of the
/// search is an exact lookup in the index.
fn push_postgres_words(builder: &mut SqlBuilder, alias: &str, words: &[String]) {
    let query: Vec<String> = words.iter().map(|word| format!("'{word}'")).collect();
    builder
        .push(format!("{alias}search_words @@ CAST("))
        .push_bind(query.join(" & "))
        .push(" AS tsquery)");
}

/// `workspace_id = ? AND phone >= start AND phone < start + U+10FFFF`: the
/// phone numbers beginning with `start`, as one range of the phone index.
fn push_phone_range(builder: &mut SqlBuilder, workspace_id: i64, start: &str) {
    let end = format!("{start}{PREFIX_END}");
    builder
        .push("workspace_id = ")
        .push_bind(workspace_id)
        .push(" AND phone >= ")
        .push_bind(start.to_string())
        .push(" AND phone < ")
        .push_bind(end);
}

/// The column a sort walks, and whether it runs descending.
fn sort_key(query: &ContactQuery) -> (&'static str, bool) {
    let column = match query.sort {
        Sort::Added => "c.created_at",
        Sort::LastMessage => "c.last_activity",
        Sort::Name => "c.sort_name",
    };
    (column, query.direction == Direction::Descending)
}

/// `AND (key, id) < (?, ?)` (or `>`): the rows after (`forward`) or before a
/// cursor in the table's order.
pub(super) fn push_keyset(
    builder: &mut SqlBuilder,
    dialect: Dialect,
    query: &ContactQuery,
    cursor: &Cursor,
    forward: bool,
) -> Result<(), AppError> {
    let (column, descending) = sort_key(query);
    let operator = if forward == descending { "<" } else { ">" };
    builder.push(format!(" AND ({column}, c.id) {operator} ("));
    if query.sort == Sort::Name {
        builder.push_bind(cursor.key.clone());
    } else {
        let key: i64 = cursor
            .key
            .parse()
            .map_err(|_| AppError::from(Refusal::PageAddress))?;
        builder.push_time(dialect, key);
    }
    builder.push(", ").push_bind(cursor.id).push(")");
    Ok(())
}

/// `ORDER BY key, id` in the table's order (`forward`) or reversed.
pub(super) fn push_order(builder: &mut SqlBuilder, query: &ContactQuery, forward: bool) {
    let (column, descending) = sort_key(query);
    let direction = if forward == descending { "DESC" } else { "ASC" };
    builder.push(format!(" ORDER BY {column} {direction}, c.id {direction}"));
}
