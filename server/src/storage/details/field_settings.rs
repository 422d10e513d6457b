//! Custom field definitions (R19) and the workspace's field order (R20).

use super::super::{Context, Dialect, Store, WriteScope};
use app::error::{AppError, Missing};
use app::settings::model::FieldSettings;
use shared::{CustomFieldDefinition, CustomFieldType, FieldOrder};

/// The workspace's custom fields, oldest first. A stored definition that no
/// longer passes the shared checks is logged and left out.
pub async fn custom_fields(
    store: &Store,
    workspace_id: i64,
) -> Result<Vec<CustomFieldDefinition>, AppError> {
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("custom_fields: acquiring a connection")?;
    custom_fields_on(&mut conn, workspace_id).await
}

/// [`custom_fields`] on a connection the caller holds (e.g. inside its
/// transaction).
pub async fn custom_fields_on(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Vec<CustomFieldDefinition>, AppError> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT key, label, field_type, CAST(options AS text) FROM custom_fields
          WHERE workspace_id = $1 ORDER BY id",
    ))
    .bind(workspace_id)
    .fetch_all(conn)
    .await
    .context("custom_fields: reading custom_fields")?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, label, field_type, options)| {
            let field_type: CustomFieldType = field_type.parse().ok()?;
            let options: Vec<String> = serde_json::from_str(&options)
                .inspect_err(
                    |error| tracing::warn!(%error, key, "stored options are not a JSON list"),
                )
                .ok()?;
            CustomFieldDefinition::new(&key, &label, field_type, options)
                .inspect_err(|error| tracing::warn!(%error, key, "stored custom field is invalid"))
                .ok()
        })
        .collect())
}

/// R20: the workspace's order, reconciled with its current custom fields.
pub async fn order(
    store: &Store,
    workspace_id: i64,
    custom_keys: &[String],
) -> Result<FieldOrder, AppError> {
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("order: acquiring a connection")?;
    order_on(&mut conn, workspace_id, custom_keys).await
}

/// [`order`] on a connection the caller holds (e.g. inside its
/// transaction).
pub async fn order_on(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    custom_keys: &[String],
) -> Result<FieldOrder, AppError> {
    let stored: Option<(String,)> =
        sqlx::query_as("SELECT CAST(keys AS text) FROM field_orders WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_optional(conn)
            .await
            .context("order: reading field_orders")?;
    Ok(match stored {
        Some((keys,)) => {
            let keys: Vec<String> = serde_json::from_str(&keys).map_err(|error| {
                tracing::error!(%error, "stored field order is not a JSON list");
                AppError::Internal
            })?;
            FieldOrder::reconcile(&keys, custom_keys)
        }
        None => FieldOrder::default_for(custom_keys),
    })
}

/// R19, R20: custom fields and order together.
pub async fn settings(store: &Store, workspace_id: i64) -> Result<FieldSettings, AppError> {
    let custom_fields = custom_fields(store, workspace_id).await?;
    let keys: Vec<String> = custom_fields.iter().map(|d| d.key().to_owned()).collect();
    let order = order(store, workspace_id, &keys).await?.to_strings();
    Ok(FieldSettings {
        custom_fields,
        order,
    })
}

/// R19: stores a new definition; it joins the end of the field order.
pub async fn create(
    store: &Store,
    workspace_id: i64,
    definition: &CustomFieldDefinition,
) -> Result<(), AppError> {
    let options = serde_json::to_string(definition.options()).map_err(|error| {
        tracing::error!(%error, "options did not serialize");
        AppError::Internal
    })?;
    sqlx::query(&store.dialect.sql(
        "INSERT INTO custom_fields (workspace_id, key, label, field_type, options)
          VALUES ($1, $2, $3, $4, json_document($5))",
    ))
    .bind(workspace_id)
    .bind(definition.key())
    .bind(definition.label())
    .bind(definition.field_type().key())
    .bind(options)
    .execute(&store.pool)
    .await
    .context("create: adding to custom_fields")?;
    Ok(())
}

/// R20: stores the order.
pub async fn save_order(
    store: &Store,
    workspace_id: i64,
    order: &FieldOrder,
) -> Result<(), AppError> {
    let keys = serde_json::to_string(&order.to_strings()).map_err(|error| {
        tracing::error!(%error, "field order did not serialize");
        AppError::Internal
    })?;
    sqlx::query(&store.dialect.sql(
        "INSERT INTO field_orders (workspace_id, keys) VALUES ($1, json_document($2))
         ON CONFLICT (workspace_id) DO UPDATE SET keys = excluded.keys",
    ))
    .bind(workspace_id)
    .bind(keys)
    .execute(&store.pool)
    .await
    .context("save_order: adding to field_orders")?;
    Ok(())
}

/// R19: the custom field's new label, found by its key.
pub async fn rename(
    store: &Store,
    workspace_id: i64,
    definition: &CustomFieldDefinition,
) -> Result<(), AppError> {
    let renamed =
        sqlx::query("UPDATE custom_fields SET label = $1 WHERE workspace_id = $2 AND key = $3")
            .bind(definition.label())
            .bind(workspace_id)
            .bind(definition.key())
            .execute(&store.pool)
            .await
            .context("rename: updating custom_fields")?;
    if renamed.rows_affected() == 0 {
        return Err(AppError::not_found(Missing::Field));
    }
    Ok(())
}

/// R19: how many contacts (merged-away ones aside) hold a value for the
/// field with `key`.
pub async fn count_values(store: &Store, workspace_id: i64, key: &str) -> Result<i64, AppError> {
    let mut conn = store
        .pool
        .acquire()
        .await
        .context("count_values: acquiring a connection")?;
    let field_id = field_id(&mut conn, workspace_id, key).await?;
    count_values_on(&mut conn, field_id).await
}

async fn field_id(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    key: &str,
) -> Result<i64, AppError> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM custom_fields WHERE workspace_id = $1 AND key = $2")
            .bind(workspace_id)
            .bind(key)
            .fetch_optional(conn)
            .await
            .context("field_id: reading custom_fields")?;
    found
        .map(|(id,)| id)
        .ok_or_else(|| AppError::not_found(Missing::Field))
}

async fn count_values_on(conn: &mut sqlx::AnyConnection, field_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM custom_values v JOIN contacts c ON c.id = v.contact_id
          WHERE v.field_id = $1 AND c.merged_into IS NULL",
    )
    .bind(field_id)
    .fetch_one(conn)
    .await
    .context("count_values: reading custom_values")?;
    Ok(count)
}

/// R19, R20: removes the field, its values on every contact and its key
/// from the stored field order, in one transaction; returns how many
/// contacts held a value.
pub async fn delete(store: &Store, workspace_id: i64, key: &str) -> Result<i64, AppError> {
    // It reads before it writes: a write transaction from the start, so a
    // concurrent write cannot make SQLite refuse the upgrade.
    let mut tx = store
        .begin_write(WriteScope::Workspace(workspace_id))
        .await
        .context("delete_field: starting a write transaction")?;
    let field_id = field_id(&mut tx, workspace_id, key).await?;
    let contacts = count_values_on(&mut tx, field_id).await?;
    sqlx::query("DELETE FROM custom_values WHERE field_id = $1")
        .bind(field_id)
        .execute(&mut *tx)
        .await
        .context("delete_field: deleting from custom_values")?;
    let deleted = sqlx::query("DELETE FROM custom_fields WHERE id = $1 AND workspace_id = $2")
        .bind(field_id)
        .bind(workspace_id)
        .execute(&mut *tx)
        .await
        .context("delete_field: deleting from custom_fields")?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::not_found(Missing::Field));
    }
    let stored: Option<(String,)> =
        sqlx::query_as("SELECT CAST(keys AS text) FROM field_orders WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_optional(&mut *tx)
            .await
            .context("delete_field: reading field_orders")?;
    if let Some((keys,)) = stored {
        let mut keys: Vec<String> = serde_json::from_str(&keys).map_err(|error| {
            tracing::error!(%error, "stored field order is not a JSON list");
            AppError::Internal
        })?;
        keys.retain(|stored| stored != key);
        let keys = serde_json::to_string(&keys).map_err(|error| {
            tracing::error!(%error, "field order did not serialize");
            AppError::Internal
        })?;
        sqlx::query(
            &Dialect::of(&tx)
                .sql("UPDATE field_orders SET keys = json_document($1) WHERE workspace_id = $2"),
        )
        .bind(keys)
        .bind(workspace_id)
        .execute(&mut *tx)
        .await
        .context("delete_field: updating field_orders")?;
    }
    tx.commit().await.context("delete_field: committing")?;
    Ok(contacts)
}
