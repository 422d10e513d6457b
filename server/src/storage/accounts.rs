//! Users, workspaces, memberships and sign-in throttling.

use super::{Context, Dialect, Store, WriteScope};
use crate::passwords;
use crate::sign_in_throttle::{
    Attempts, FAILURE_WINDOW_SECS, FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ADDRESS,
};
use app::auth::{Viewer, WorkspaceRef};
use app::error::{AppError, Refusal};
use app::ssr::{AccountsPort, SignInClient, SignedIn};
use async_trait::async_trait;
use rand::distributions::{Alphanumeric, DistString};
use sha2::{Digest, Sha256};
use shared::permissions::Role;
use shared::UiLanguage;
use sqlx::AnyConnection;
use std::sync::LazyLock;

/// Verified against when the account does not exist, so that a missing
/// account takes as long as a wrong password.
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| passwords::hash("decoy password").unwrap_or_default());

/// Failures of known browsers are recorded under this prefix and their
/// token's hash instead of an address.
const DEVICE_SOURCE_PREFIX: &str = "device:";

/// Characters of a new device token.
const DEVICE_TOKEN_LEN: usize = 43;

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

fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// An attempt that passed the throttle and is recorded as a failure until
/// the password is found right.
struct Admitted {
    user: Option<(i64, String)>,
    /// Where failures of this attempt are counted: the address, or the known
    /// browser.
    source: String,
    known_device: bool,
    attempt_id: i64,
}

/// The failures since `since` that match `filter` (SQL with `$2`, `$3`, …
/// for `keys`; `$1` is `since`).
async fn failures(
    conn: &mut AnyConnection,
    filter: &'static str,
    keys: &[&str],
    since: i64,
) -> Result<Attempts, AppError> {
    let sql = format!(
        "SELECT COUNT(*), unix_seconds(MAX(at)) FROM sign_in_failures
          WHERE {filter} AND at > to_timestamp($1)"
    );
    let sql = Dialect::of(conn).sql(&sql);
    let mut query = sqlx::query_as::<_, (i64, Option<i64>)>(&sql).bind(since);
    for key in keys {
        query = query.bind(*key);
    }
    let (count, last_at) = query.fetch_one(&mut *conn).await.context("failures")?;
    Ok(Attempts { count, last_at })
}

impl Store {
    /// Checks the throttle and records the attempt as a failure in one
    /// transaction, so attempts sent at the same moment are counted one
    /// after another: none slips past the limit.
    async fn admit(&self, key: &str, client: &SignInClient) -> Result<Admitted, AppError> {
        let now = self.now();
        let since = now - FAILURE_WINDOW_SECS;
        let mut tx = self
            .begin_write(WriteScope::SignIn(key))
            .await
            .context("admit: starting a write transaction")?;
        let user: Option<(i64, String)> =
            sqlx::query_as("SELECT id, password_hash FROM users WHERE email_key = $1")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await
                .context("admit: reading users")?;
        let device = match (&user, &client.device_token) {
            (Some((user_id, _)), Some(token)) => {
                let hash = token_hash(token);
                let known: Option<(i64,)> = sqlx::query_as(
                    "SELECT 1 FROM trusted_devices WHERE token_hash = $1 AND user_id = $2",
                )
                .bind(&hash)
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await
                .context("admit: reading trusted_devices")?;
                known.map(|_| format!("{DEVICE_SOURCE_PREFIX}{}", &hash[..16]))
            }
            _ => None,
        };
        let known_device = device.is_some();
        let (source, wait) = if let Some(source) = device {
            let own = failures(
                &mut tx,
                "email_key = $2 AND client = $3",
                &[key, &source],
                since,
            )
            .await?;
            let wait = own.wait_secs(FREE_FAILURES_PER_ACCOUNT, now);
            (source, wait)
        } else {
            let known_devices = format!("{DEVICE_SOURCE_PREFIX}%");
            let account = failures(
                &mut tx,
                "email_key = $2 AND client NOT LIKE $3",
                &[key, &known_devices],
                since,
            )
            .await?;
            let address = failures(&mut tx, "client = $2", &[&client.address], since).await?;
            let wait = account
                .wait_secs(FREE_FAILURES_PER_ACCOUNT, now)
                .max(address.wait_secs(FREE_FAILURES_PER_ADDRESS, now));
            (client.address.clone(), wait)
        };
        if wait > 0 {
            return Err(Refusal::SignInWait { seconds: wait }.into());
        }
        let (attempt_id,): (i64,) = sqlx::query_as(&self.dialect.sql(
            "INSERT INTO sign_in_failures (email_key, client, at)
              VALUES ($1, $2, to_timestamp($3)) RETURNING id",
        ))
        .bind(key)
        .bind(&source)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .context("admit: adding to sign_in_failures")?;
        tx.commit().await.context("admit: committing")?;
        Ok(Admitted {
            user,
            source,
            known_device,
            attempt_id,
        })
    }

    /// After the right password: forgets this source's failures (and every
    /// expired one), and remembers the browser.
    async fn signed_in(
        &self,
        key: &str,
        user_id: i64,
        admitted: &Admitted,
        client: &SignInClient,
    ) -> Result<Option<String>, AppError> {
        let now = self.now();
        let mut tx = self
            .pool
            .begin()
            .await
            .context("signed_in: starting a transaction")?;
        sqlx::query(&self.dialect.sql(
            "DELETE FROM sign_in_failures
              WHERE (email_key = $1 AND client = $2) OR at <= to_timestamp($3)",
        ))
        .bind(key)
        .bind(&admitted.source)
        .bind(now - FAILURE_WINDOW_SECS)
        .execute(&mut *tx)
        .await
        .context("signed_in: deleting from sign_in_failures")?;
        let new_token = if let (Some(token), true) = (&client.device_token, admitted.known_device) {
            sqlx::query(&self.dialect.sql(
                "UPDATE trusted_devices SET last_used_at = to_timestamp($1) WHERE token_hash = $2",
            ))
            .bind(now)
            .bind(token_hash(token))
            .execute(&mut *tx)
            .await
            .context("signed_in: updating trusted_devices")?;
            None
        } else {
            let token = Alphanumeric.sample_string(&mut rand::thread_rng(), DEVICE_TOKEN_LEN);
            sqlx::query(&self.dialect.sql(
                "INSERT INTO trusted_devices (token_hash, user_id, created_at, last_used_at)
                 VALUES ($1, $2, to_timestamp($3), to_timestamp($4))",
            ))
            .bind(token_hash(&token))
            .bind(user_id)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await
            .context("signed_in: adding to trusted_devices")?;
            Some(token)
        };
        tx.commit().await.context("signed_in: committing")?;
        Ok(new_token)
    }
}

#[async_trait]
impl AccountsPort for Store {
    #[tracing::instrument(skip(self, password, client), err(level = "info"))]
    async fn sign_in(
        &self,
        email: &str,
        password: &str,
        client: &SignInClient,
    ) -> Result<SignedIn, AppError> {
        let key = email_key(email);
        let admitted = self.admit(&key, client).await?;
        let stored_hash = admitted
            .user
            .as_ref()
            .map_or_else(|| DECOY_HASH.clone(), |(_, hash)| hash.clone());
        let Ok(matches) = passwords::verify_limited(password.to_string(), stored_hash).await else {
            // Too many checks were waiting: the password was never checked,
            // so the attempt does not count.
            sqlx::query("DELETE FROM sign_in_failures WHERE id = $1")
                .bind(admitted.attempt_id)
                .execute(&self.pool)
                .await
                .context("sign_in: deleting from sign_in_failures")?;
            return Err(Refusal::SignInBusy.into());
        };
        let Some((user_id, _)) = admitted.user.as_ref().filter(|_| matches) else {
            return Err(AppError::SignInFailed);
        };
        let user_id = *user_id;
        let new_device_token = self.signed_in(&key, user_id, &admitted, client).await?;
        let workspace: Option<(i64,)> = sqlx::query_as(
            "SELECT workspace_id FROM memberships WHERE user_id = $1 ORDER BY workspace_id LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await
        .context("sign_in: reading memberships")?;
        let (workspace_id,) = workspace.ok_or_else(|| AppError::from(Refusal::NoWorkspace))?;
        Ok(SignedIn {
            user_id,
            workspace_id,
            new_device_token,
        })
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    async fn viewer(&self, user_id: i64, workspace_id: i64) -> Result<Option<Viewer>, AppError> {
        let rows: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT w.id, w.name, m.role, u.name, u.email, l.language
               FROM memberships m
               JOIN workspaces w ON w.id = m.workspace_id
               JOIN users u ON u.id = m.user_id
               LEFT JOIN user_languages l ON l.user_id = u.id
              WHERE m.user_id = $1
              ORDER BY w.name, w.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await
        .context("viewer: reading memberships")?;
        let Some((_, _, _, name, email, language)) = rows.first().cloned() else {
            return Ok(None);
        };
        let language = language.as_deref().and_then(UiLanguage::from_tag);
        let workspaces = rows
            .into_iter()
            .map(|(id, name, role, _, _, _)| {
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
            language,
            workspace,
            workspaces,
        }))
    }

    #[tracing::instrument(skip(self), err(level = "info"))]
    async fn set_language(&self, user_id: i64, language: UiLanguage) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO user_languages (user_id, language) VALUES ($1, $2)
             ON CONFLICT (user_id) DO UPDATE SET language = excluded.language",
        )
        .bind(user_id)
        .bind(language.code())
        .execute(&self.pool)
        .await
        .context("set_language: storing the choice")?;
        Ok(())
    }
}
