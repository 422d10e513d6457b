//! Reading the contacts table: a page in keyset order, its totals, and the
//! channels and tags of its rows.

use super::filter::{push_keyset, push_order, push_query, tag_ids};
use crate::storage::sql::SqlBuilder;
use crate::storage::{Context, Dialect};
use app::contacts::model::{
    ContactPage, ContactRow, Cursor, FilterOptions, ListRequest, MemberOption, PageCursor, Sort,
    TagOption, Total, COUNT_CAP, PAGE_SIZE,
};
use app::error::AppError;
use shared::channel::ChannelKind;
use sqlx::AnyPool;
use std::sync::LazyLock;

/// Separates the channel kinds and tag names a row lists in one column: a
/// control character, which no tag name may contain.
const LIST_SEPARATOR: char = '\u{1f}';

/// Table rows of the contacts a `WHERE` clause on `contacts c` picks (see
/// [`rows_joined`]): the contacts are chosen, ordered and cut to a page
/// first, and only that page is joined with its assignee and conversation
/// and gathers its channels and tags, so one statement reads the page
/// (`string_agg` with `ORDER BY`: PostgreSQL, and SQLite from 3.44; the
/// driver bundles a newer SQLite).
pub(super) fn rows_of_contacts(dialect: Dialect) -> SqlBuilder {
    static START: LazyLock<[String; 2]> = LazyLock::new(|| {
        let start = format!(
            "SELECT c.*, u.name AS assignee_name, v.status, \
             (SELECT string_agg(ch.kind, '{LIST_SEPARATOR}' ORDER BY cc.connected_at, ch.id) \
             FROM contact_channels cc JOIN channels ch ON ch.id = cc.channel_id \
             WHERE cc.contact_id = c.id) AS channel_kinds, \
             (SELECT string_agg(t.name, '{LIST_SEPARATOR}' ORDER BY t.name_key) \
             FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
             WHERE ct.contact_id = c.id) AS tag_names \
             FROM (SELECT c.id, c.first_name, c.last_name, c.profile_name, c.avatar_url, c.email, \
             c.phone, c.country, c.language, c.assignee_id, \
             unix_seconds(c.last_message_at) AS last_message_at, \
             unix_seconds(c.created_at) AS created_at, c.sort_name, \
             unix_seconds(c.last_activity) AS last_activity FROM contacts c WHERE "
        );
        [Dialect::Sqlite.sql(&start).into_owned(), start]
    });
    SqlBuilder::new(match dialect {
        Dialect::Sqlite => &START[0],
        Dialect::Postgres => &START[1],
    })
}

/// Closes what [`rows_of_contacts`] opened; an `ORDER BY` may follow.
pub(super) fn rows_joined(builder: &mut SqlBuilder) {
    builder.push(
        ") c LEFT JOIN users u ON u.id = c.assignee_id \
         LEFT JOIN conversations v ON v.contact_id = c.id",
    );
}

/// One row as stored.
#[derive(sqlx::FromRow)]
pub(super) struct RowRecord {
    id: i64,
    first_name: String,
    last_name: String,
    profile_name: String,
    avatar_url: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    country: Option<String>,
    language: Option<String>,
    assignee_id: Option<i64>,
    assignee_name: Option<String>,
    status: Option<String>,
    last_message_at: Option<i64>,
    created_at: i64,
    sort_name: String,
    last_activity: i64,
    channel_kinds: Option<String>,
    tag_names: Option<String>,
}

impl RowRecord {
    fn cursor(&self, sort: Sort, position: u64) -> Cursor {
        let key = match sort {
            Sort::Added => self.created_at.to_string(),
            Sort::LastMessage => self.last_activity.to_string(),
            Sort::Name => self.sort_name.clone(),
        };
        Cursor {
            id: self.id,
            key,
            position,
        }
    }
}

/// The page the request asks for.
pub(super) async fn list(
    pool: &AnyPool,
    workspace_id: i64,
    request: &ListRequest,
) -> Result<ContactPage, AppError> {
    let query = &request.query;
    let tags = tag_ids(pool, workspace_id, query).await?;
    let (mut records, start, previous, next) = match &request.page {
        PageCursor::First => {
            let mut records = fetch_page(pool, workspace_id, request, &tags, None, true).await?;
            let more = trim(&mut records);
            (records, 0, false, more)
        }
        PageCursor::After(cursor) => {
            let mut records =
                fetch_page(pool, workspace_id, request, &tags, Some(cursor), true).await?;
            let more = trim(&mut records);
            (records, cursor.position + 1, true, more)
        }
        PageCursor::Before(cursor) => {
            let mut records =
                fetch_page(pool, workspace_id, request, &tags, Some(cursor), false).await?;
            let more = trim(&mut records);
            records.reverse();
            if more {
                let start = cursor.position.saturating_sub(records.len() as u64);
                (records, start, true, true)
            } else {
                // Back at the start: show a full first page.
                let mut records =
                    fetch_page(pool, workspace_id, request, &tags, None, true).await?;
                let more = trim(&mut records);
                (records, 0, false, more)
            }
        }
    };
    let last = start + (records.len() as u64).saturating_sub(1);
    let previous = previous
        .then(|| records.first().map(|row| row.cursor(query.sort, start)))
        .flatten();
    let next = next
        .then(|| records.last().map(|row| row.cursor(query.sort, last)))
        .flatten();
    let (total_all, blocked) = workspace_counts(pool, workspace_id).await?;
    let active_count = total_all.saturating_sub(blocked);
    let total = if query.is_filtered() {
        capped_count(pool, workspace_id, request, &tags).await?
    } else {
        let count = match query.view {
            app::contacts::model::View::All => active_count,
            app::contacts::model::View::Blocked => blocked,
        };
        Total { count, exact: true }
    };
    let rows = table_rows(std::mem::take(&mut records));
    Ok(ContactPage {
        rows,
        start,
        total,
        active_count,
        blocked_count: blocked,
        previous,
        next,
    })
}

/// Drops the look-ahead row; says whether there was one.
fn trim(records: &mut Vec<RowRecord>) -> bool {
    let more = records.len() > PAGE_SIZE;
    records.truncate(PAGE_SIZE);
    more
}

async fn fetch_page(
    pool: &AnyPool,
    workspace_id: i64,
    request: &ListRequest,
    tags: &[i64],
    cursor: Option<&Cursor>,
    forward: bool,
) -> Result<Vec<RowRecord>, AppError> {
    let dialect = Dialect::of_pool(pool);
    let mut builder = rows_of_contacts(dialect);
    push_query(&mut builder, dialect, workspace_id, &request.query, tags);
    if let Some(cursor) = cursor {
        push_keyset(&mut builder, dialect, &request.query, cursor, forward)?;
    }
    push_order(&mut builder, &request.query, forward);
    builder.push(" LIMIT ").push_bind(PAGE_SIZE as i64 + 1);
    rows_joined(&mut builder);
    push_order(&mut builder, &request.query, forward);
    let rows = builder
        .build_query_as::<RowRecord>()
        .fetch_all(pool)
        .await
        .context("fetch_page: reading contacts")?;
    Ok(rows)
}

/// All contacts and blocked contacts of the workspace, from the maintained
/// counter.
pub(super) async fn workspace_counts(
    pool: &AnyPool,
    workspace_id: i64,
) -> Result<(u64, u64), AppError> {
    let counts: Option<(i64, i64)> =
        sqlx::query_as("SELECT total, blocked FROM contact_counts WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_optional(pool)
            .await
            .context("workspace_counts: reading contact_counts")?;
    let (total, blocked) = counts.unwrap_or((0, 0));
    Ok((
        u64::try_from(total).unwrap_or(0),
        u64::try_from(blocked).unwrap_or(0),
    ))
}

async fn capped_count(
    pool: &AnyPool,
    workspace_id: i64,
    request: &ListRequest,
    tags: &[i64],
) -> Result<Total, AppError> {
    let mut builder = SqlBuilder::new("SELECT COUNT(*) FROM (");
    if tags.is_empty() {
        builder.push("SELECT 1 FROM contacts c WHERE ");
    } else {
        // Tagged contacts are few: walk the tags' index, not every contact.
        builder.push(
            "SELECT DISTINCT c.id FROM contact_tags ct CROSS JOIN contacts c \
             WHERE c.id = ct.contact_id AND ct.tag_id IN (",
        );
        builder.push_list(tags.iter().copied());
        builder.push(") AND ");
    }
    let dialect = Dialect::of_pool(pool);
    push_query(&mut builder, dialect, workspace_id, &request.query, tags);
    builder
        .push(" LIMIT ")
        .push_bind(COUNT_CAP as i64 + 1)
        .push(") AS capped");
    let (count,): (i64,) = builder
        .build_query_as()
        .fetch_one(pool)
        .await
        .context("capped_count")?;
    let count = u64::try_from(count).unwrap_or(0);
    Ok(Total {
        count,
        exact: count <= COUNT_CAP,
    })
}

/// The table's rows of the records read.
pub(super) fn table_rows(records: Vec<RowRecord>) -> Vec<ContactRow> {
    records
        .into_iter()
        .map(|record| {
            let (display_name, has_name) = display_name(&record);
            ContactRow {
                id: record.id,
                display_name,
                has_name,
                avatar_url: record.avatar_url,
                channels: listed(record.channel_kinds.as_deref())
                    .filter_map(|kind| kind.parse::<ChannelKind>().ok())
                    .collect(),
                email: record.email,
                phone_display: record.phone.as_deref().map(crate::storage::shown_phone),
                phone: record.phone,
                tags: listed(record.tag_names.as_deref())
                    .map(str::to_owned)
                    .collect(),
                country: record.country,
                language: record.language,
                status: record
                    .status
                    .as_deref()
                    .and_then(app::contacts::model::status_from_key),
                assignee: record.assignee_id.zip(record.assignee_name),
                last_message_at: record.last_message_at,
                created_at: record.created_at,
            }
        })
        .collect()
}

/// The items of a column [`rows_of_contacts`] gathered; none when it is empty.
fn listed(column: Option<&str>) -> impl Iterator<Item = &str> {
    column
        .into_iter()
        .flat_map(|items| items.split(LIST_SEPARATOR))
}

/// The name the row is shown by, and whether it is a real name (not the
/// phone number or e-mail address standing in).
fn display_name(record: &RowRecord) -> (String, bool) {
    let has_name = [&record.first_name, &record.last_name, &record.profile_name]
        .iter()
        .any(|part| !part.trim().is_empty());
    let name = shared::name::shown_name(
        &record.first_name,
        &record.last_name,
        &record.profile_name,
        record.phone.as_deref().or(record.email.as_deref()),
        record.id,
    );
    (name, has_name)
}

/// The workspace's tags and members, each by name, in one statement (the
/// filters are on every render of the Contacts page).
pub(super) async fn filter_options(
    pool: &AnyPool,
    workspace_id: i64,
) -> Result<FilterOptions, AppError> {
    let options: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT kind, id, name FROM (
             SELECT 'tag' AS kind, id, name, row_number() OVER (ORDER BY name_key) AS position
               FROM tags WHERE workspace_id = $1
             UNION ALL
             SELECT 'member', u.id, u.name, row_number() OVER (ORDER BY u.name)
               FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.workspace_id = $1
         ) AS options ORDER BY kind, position",
    )
    .bind(workspace_id)
    .fetch_all(pool)
    .await
    .context("filter_options: reading tags and members")?;
    let mut found = FilterOptions {
        tags: Vec::new(),
        members: Vec::new(),
    };
    for (kind, id, name) in options {
        if kind == "tag" {
            found.tags.push(TagOption { id, name });
        } else {
            found.members.push(MemberOption { id, name });
        }
    }
    Ok(found)
}
