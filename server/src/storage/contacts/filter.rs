//! The WHERE clauses of the contacts table: workspace, view, search,
//! filters, keyset position, and the targets of bulk actions. Every clause
//! starts with the workspace, so no query reaches another workspace.

use crate::storage::sql::ids_json;
use crate::storage::sql::SqlBuilder;
use crate::storage::Context;
use app::contacts::model::{AssigneeFilter, ContactQuery, Cursor, DeleteTarget, Sort, View};
use app::error::AppError;
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
    workspace_id: i64,
    query: &ContactQuery,
    tag_ids: &[i64],
) {
    push_workspace(builder, workspace_id);
    builder.push(match query.view {
        View::All => " AND c.blocked_at IS NULL",
        View::Blocked => " AND c.blocked_at IS NOT NULL",
    });
    push_search(builder, workspace_id, &query.search);
    if !query.tags.is_empty() {
        if tag_ids.is_empty() {
            builder.push(" AND FALSE");
        } else {
            builder.push(" AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id IN (");
            builder.push_list(tag_ids.iter().copied());
            builder.push("))");
        }
    }
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
                push_query(builder, workspace_id, &selected.query, tag_ids);
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

/// Search by prefix of the display name, the last name, the e-mail address
/// or the phone number (typed in any common format, national ones too), each
/// through its index.
fn push_search(builder: &mut SqlBuilder, workspace_id: i64, search: &str) {
    let text = search.trim();
    if text.is_empty() {
        return;
    }
    builder.push(" AND c.id IN (");
    let mut first = true;
    for prefix in key_variants(text) {
        let end = format!("{prefix}{PREFIX_END}");
        for column in ["sort_name", "last_name_key", "email_key"] {
            if !first {
                builder.push(" UNION ALL ");
            }
            first = false;
            builder
                .push("SELECT id FROM contacts WHERE workspace_id = ")
                .push_bind(workspace_id)
                .push(format!(" AND {column} >= "))
                .push_bind(prefix.clone())
                .push(format!(" AND {column} < "))
                .push_bind(end.clone());
        }
    }
    // The number as typed in international form, and one index range per
    // calling code a national number may belong to.
    let international = phone_digits(text).map(|digits| format!("+{digits}"));
    for start in international
        .into_iter()
        .chain(shared::phone::national_search_prefixes(text))
    {
        let end = format!("{start}{PREFIX_END}");
        builder
            .push(" UNION ALL SELECT id FROM contacts WHERE workspace_id = ")
            .push_bind(workspace_id)
            .push(" AND phone >= ")
            .push_bind(start)
            .push(" AND phone < ")
            .push_bind(end);
    }
    builder.push(")");
}

/// How many letters beyond ASCII a search tries in both of their cases.
const MAX_CASED_LETTERS: usize = 4;

/// The prefixes a search looks for in the name and e-mail keys. The keys
/// are folded by the database's lower(), which on SQLite lowers ASCII letters
/// only, so "Özil" is kept as "Özil": each letter beyond ASCII that has an
/// upper and a lower case is tried in both (up to [`MAX_CASED_LETTERS`] of
/// them).
pub(crate) fn key_variants(text: &str) -> Vec<String> {
    let mut variants = vec![String::new()];
    let mut cased = 0;
    for letter in text.to_ascii_lowercase().chars() {
        let lower = single(letter.to_lowercase());
        let upper = single(letter.to_uppercase());
        match (lower, upper) {
            (Some(lower), Some(upper))
                if !letter.is_ascii() && lower != upper && cased < MAX_CASED_LETTERS =>
            {
                cased += 1;
                variants = variants
                    .into_iter()
                    .flat_map(|variant| [format!("{variant}{lower}"), format!("{variant}{upper}")])
                    .collect();
            }
            _ => variants.iter_mut().for_each(|variant| variant.push(letter)),
        }
    }
    variants
}

/// The one character a case mapping gives, if it gives exactly one.
fn single(mut mapped: impl Iterator<Item = char>) -> Option<char> {
    let first = mapped.next()?;
    mapped.next().is_none().then_some(first)
}

/// The digits of a search that looks like a phone number ("+49 151 2345",
/// "0049 (151) 2345-6", "49151…"), without an international "00" prefix.
pub(crate) fn phone_digits(text: &str) -> Option<String> {
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if !phone_like || digits.len() < 3 {
        return None;
    }
    let international = text.trim_start().starts_with('+');
    match digits.strip_prefix("00") {
        Some(rest) if !international => Some(rest.to_string()),
        _ => Some(digits),
    }
}

/// The column a sort walks, and whether it runs descending.
pub(super) fn sort_key(sort: Sort) -> (&'static str, bool) {
    match sort {
        Sort::Added => ("c.created_at", true),
        Sort::LastMessage => ("c.last_activity", true),
        Sort::Name => ("c.sort_name", false),
    }
}

/// `AND (key, id) < (?, ?)` (or `>`): the rows after (`forward`) or before a
/// cursor in the table's order.
pub(super) fn push_keyset(
    builder: &mut SqlBuilder,
    sort: Sort,
    cursor: &Cursor,
    forward: bool,
) -> Result<(), AppError> {
    let (column, descending) = sort_key(sort);
    let operator = if forward == descending { "<" } else { ">" };
    builder.push(format!(" AND ({column}, c.id) {operator} ("));
    if sort == Sort::Name {
        builder.push_bind(cursor.key.clone());
    } else {
        let key: i64 = cursor
            .key
            .parse()
            .map_err(|_| AppError::invalid("Page", "the page address is not valid"))?;
        builder.push_bind(key);
    }
    builder.push(", ").push_bind(cursor.id).push(")");
    Ok(())
}

/// `ORDER BY key, id` in the table's order (`forward`) or reversed.
pub(super) fn push_order(builder: &mut SqlBuilder, sort: Sort, forward: bool) {
    let (column, descending) = sort_key(sort);
    let direction = if forward == descending { "DESC" } else { "ASC" };
    builder.push(format!(" ORDER BY {column} {direction}, c.id {direction}"));
}

#[cfg(test)]
mod tests {
    use super::{key_variants, phone_digits};

    #[test]
    fn r24_letters_beyond_ascii_are_searched_in_both_cases() {
        assert_eq!(key_variants("Lena MU"), ["lena mu"]);
        assert_eq!(key_variants("özil"), ["özil", "Özil"]);
        assert_eq!(key_variants("ÖZIL"), ["özil", "Özil"]);
        assert_eq!(
            key_variants("Émile Ç"),
            ["émile ç", "émile Ç", "Émile ç", "Émile Ç"]
        );
        // ß has no one-letter capital: searched as typed.
        assert_eq!(key_variants("straße"), ["straße"]);
        assert_eq!(
            key_variants("ÄÖÜÉÈ").len(),
            16,
            "at most four letters branch"
        );
    }

    #[test]
    fn r24_phone_searches_in_common_formats_become_e164_digits() {
        assert_eq!(phone_digits("+49 151 2345").as_deref(), Some("491512345"));
        assert_eq!(
            phone_digits("0049 (151) 23-45").as_deref(),
            Some("491512345")
        );
        assert_eq!(phone_digits("+44 7700.900").as_deref(), Some("447700900"));
        assert_eq!(phone_digits("lena"), None);
        assert_eq!(phone_digits("12"), None);
    }
}
