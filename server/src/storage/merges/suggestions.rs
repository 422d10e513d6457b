//! R11, R16, R17: the workspace's duplicate groups, newest first, read from
//! the `duplicate_groups` table the database keeps current on every write,
//! leaving out groups whose every pair is marked "Not a duplicate".

use super::dismissals::{SUGGESTED_GROUPS, WITH_DISMISSED_PAIRS};
use crate::storage::details::read::CandidateRow;
use crate::storage::shown_phone;
use crate::storage::sql::storable_time;
use crate::storage::{Context, Store};
use app::contacts::model::{Total, COUNT_CAP};
use app::error::AppError;
use app::merge::model::{
    SharedKey, SuggestedContact, SuggestionCursor, SuggestionGroup, SuggestionPage, GROUP_SHOWN,
    SUGGESTIONS_PER_PAGE,
};
use shared::name::shown_name;

/// One page of duplicate groups after `after`.
pub(super) async fn page(
    store: &Store,
    workspace_id: i64,
    after: Option<&SuggestionCursor>,
) -> Result<SuggestionPage, AppError> {
    let limit = i64::try_from(SUGGESTIONS_PER_PAGE).unwrap_or(20) + 1;
    let sql = format!(
        "{WITH_DISMISSED_PAIRS}
         SELECT g.kind, g.value, g.members, unix_seconds(g.newest_at) FROM {SUGGESTED_GROUPS}
            AND ($2 IS NULL OR (g.newest_at, g.kind, g.value) < (to_timestamp($2), $3, $4))
          ORDER BY g.newest_at DESC, g.kind DESC, g.value DESC LIMIT $5"
    );
    let mut groups: Vec<(String, String, i64, i64)> = sqlx::query_as(&store.dialect.sql(&sql))
        .bind(workspace_id)
        .bind(after.map(|cursor| storable_time(cursor.newest_at)))
        .bind(after.map(|cursor| cursor.kind.as_str()))
        .bind(after.map(|cursor| cursor.value.as_str()))
        .bind(limit)
        .fetch_all(&store.pool)
        .await
        .context("page: reading duplicate_groups")?;
    let more = groups.len() > SUGGESTIONS_PER_PAGE;
    groups.truncate(SUGGESTIONS_PER_PAGE);
    let next = more
        .then(|| groups.last())
        .flatten()
        .map(|(kind, value, _, newest_at)| SuggestionCursor {
            newest_at: *newest_at,
            kind: kind.clone(),
            value: value.clone(),
        });
    let mut shown = Vec::with_capacity(groups.len());
    for (kind, value, members, newest_at) in groups {
        shown.push(SuggestionGroup {
            kind: if kind == "phone" {
                SharedKey::Phone
            } else {
                SharedKey::Email
            },
            value: if kind == "phone" {
                shown_phone(&value)
            } else {
                value.clone()
            },
            newest_at,
            contacts: members_of(store, workspace_id, &kind, &value).await?,
            members,
        });
    }
    Ok(SuggestionPage {
        groups: shown,
        next,
        total: total(store, workspace_id).await?,
    })
}

/// How many groups the dashboard suggests in all, counted up to
/// [`COUNT_CAP`].
async fn total(store: &Store, workspace_id: i64) -> Result<Total, AppError> {
    let sql = format!(
        "{WITH_DISMISSED_PAIRS}
         SELECT COUNT(*) FROM (SELECT 1 FROM {SUGGESTED_GROUPS} LIMIT $2) AS capped"
    );
    let (count,): (i64,) = sqlx::query_as(&sql)
        .bind(workspace_id)
        .bind(i64::try_from(COUNT_CAP).unwrap_or(1000) + 1)
        .fetch_one(&store.pool)
        .await
        .context("total: counting duplicate_groups")?;
    let count = u64::try_from(count).unwrap_or(0);
    Ok(Total {
        count,
        exact: count <= COUNT_CAP,
    })
}

/// The suggestable contacts sharing one key, oldest first.
async fn members_of(
    store: &Store,
    workspace_id: i64,
    kind: &str,
    value: &str,
) -> Result<Vec<SuggestedContact>, AppError> {
    let column = if kind == "phone" {
        "phone"
    } else {
        "email_key"
    };
    let sql = format!(
        "SELECT id, first_name, last_name, profile_name, phone, email, assignee_id FROM contacts
          WHERE workspace_id = $1 AND {column} = $2 AND blocked_at IS NULL AND merged_into IS NULL
          ORDER BY id LIMIT $3"
    );
    let rows: Vec<CandidateRow> = sqlx::query_as(&sql)
        .bind(workspace_id)
        .bind(value)
        .bind(i64::try_from(GROUP_SHOWN).unwrap_or(5))
        .fetch_all(&store.pool)
        .await
        .context("members_of")?;
    Ok(rows
        .into_iter()
        .map(
            |(id, first, last, profile, phone, email, assignee_id)| SuggestedContact {
                id,
                name: shown_name(&first, &last, &profile, phone.or(email).as_deref(), id),
                assignee_id,
            },
        )
        .collect())
}

/// Rebuilds every workspace's duplicate groups from the contacts (the
/// benchmark measures it; triggers keep them current otherwise).
pub async fn rebuild(store: &Store) -> Result<(), sqlx::Error> {
    let mut tx = store.pool.begin().await?;
    for sql in [
        "DELETE FROM duplicate_groups",
        "INSERT INTO duplicate_groups (workspace_id, kind, value, members, newest_at)
         SELECT workspace_id, 'phone', phone, COUNT(*), max(updated_at) FROM contacts
          WHERE phone IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
          GROUP BY workspace_id, phone",
        "INSERT INTO duplicate_groups (workspace_id, kind, value, members, newest_at)
         SELECT workspace_id, 'email', email_key, COUNT(*), max(updated_at) FROM contacts
          WHERE email_key IS NOT NULL AND blocked_at IS NULL AND merged_into IS NULL
          GROUP BY workspace_id, email_key",
    ] {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    tx.commit().await
}
