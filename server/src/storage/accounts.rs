//! Users, workspaces, memberships and sign-in throttling on SQLite.

use super::{internal, now, SqliteStore};
use crate::passwords;
use app::auth::{Viewer, WorkspaceRef};
use app::error::AppError;
use app::ssr::{Accounts, SignedIn};
use async_trait::async_trait;
use shared::permissions::Role;
use std::sync::LazyLock;

/// How far back failed sign-ins count.
const FAILURE_WINDOW_SECS: i64 = 15 * 60;
/// Failed sign-ins for one account within the window before it is paused.
const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins from one client within the window before it is paused.
const MAX_FAILURES_PER_CLIENT: i64 = 20;

/// Verified against when the account does not exist, so that a missing
/// account takes as long as a wrong password.
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| passwords::hash("decoy password").unwrap_or_default());

/// The key an e-mail address is looked up by.
pub(crate) fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

fn parse_role(role: &str) -> Result<Role, AppError> {
    role.parse().map_err(|_| {
        tracing::error!(role, "unknown role stored");
        AppError::Internal
    })
}

#[async_trait]
impl Accounts for SqliteStore {
    #[tracing::instrument(skip(self, password), err(level = "info"))]
    async fn sign_in(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<SignedIn, AppError> {
        let key = email_key(email);
        let since = now() - FAILURE_WINDOW_SECS;
        let (by_account, by_client): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE email_key = ?1 AND at > ?3),
                    (SELECT COUNT(*) FROM sign_in_failures WHERE client = ?2 AND at > ?3)",
        )
        .bind(&key)
        .bind(client)
        .bind(since)
        .fetch_one(&self.pool)
        .await
        .map_err(internal)?;
        if by_account >= MAX_FAILURES_PER_ACCOUNT || by_client >= MAX_FAILURES_PER_CLIENT {
            return Err(AppError::TooManyRequests(
                "Too many failed sign-ins. Wait 15 minutes and try again.".into(),
            ));
        }

        let user: Option<(i64, String)> =
            sqlx::query_as("SELECT id, password_hash FROM users WHERE email_key = ?")
                .bind(&key)
                .fetch_optional(&self.pool)
                .await
                .map_err(internal)?;
        let stored_hash = user
            .as_ref()
            .map(|(_, hash)| hash.clone())
            .unwrap_or_else(|| DECOY_HASH.clone());
        let matches = passwords::verify_blocking(password.to_string(), stored_hash).await;
        let Some((user_id, _)) = user.filter(|_| matches) else {
            sqlx::query("INSERT INTO sign_in_failures (email_key, client, at) VALUES (?, ?, ?)")
                .bind(&key)
                .bind(client)
                .bind(now())
                .execute(&self.pool)
                .await
                .map_err(internal)?;
            return Err(AppError::SignInFailed);
        };

        sqlx::query("DELETE FROM sign_in_failures WHERE email_key = ? OR at <= ?")
            .bind(&key)
            .bind(since)
            .execute(&self.pool)
            .await
            .map_err(internal)?;
        let workspace: Option<(i64,)> = sqlx::query_as(
            "SELECT workspace_id FROM memberships WHERE user_id = ? ORDER BY workspace_id LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(internal)?;
        let (workspace_id,) = workspace.ok_or_else(|| {
            AppError::Forbidden("Your account does not belong to any workspace.".into())
        })?;
        Ok(SignedIn {
            user_id,
            workspace_id,
        })
    }

    async fn viewer(&self, user_id: i64, workspace_id: i64) -> Result<Option<Viewer>, AppError> {
        let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
            "SELECT w.id, w.name, m.role, u.name, u.email
               FROM memberships m
               JOIN workspaces w ON w.id = m.workspace_id
               JOIN users u ON u.id = m.user_id
              WHERE m.user_id = ?
              ORDER BY w.name, w.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await
        .map_err(internal)?;
        let Some((_, _, _, name, email)) = rows.first().cloned() else {
            return Ok(None);
        };
        let workspaces = rows
            .into_iter()
            .map(|(id, name, role, _, _)| {
                Ok(WorkspaceRef {
                    id,
                    name,
                    role: parse_role(&role)?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let Some(workspace) = workspaces.iter().find(|w| w.id == workspace_id).cloned() else {
            return Ok(None);
        };
        Ok(Some(Viewer {
            user_id,
            name,
            email,
            workspace,
            workspaces,
        }))
    }
}
