//! An uploaded file's rows, kept until they are imported. Files uploaded
//! but never imported are removed after a day.

use crate::imports::file::FileShape;
use crate::imports::ImportFiles;
use crate::storage::details::field_settings::custom_fields;
use crate::storage::sql::SqlBuilder;
use crate::storage::{Context, Store};
use app::error::{AppError, Missing};
use async_trait::async_trait;
use shared::CustomFieldDefinition;

/// Uploads never imported are removed after this long.
const UNUSED_UPLOAD_SECS: i64 = 24 * 60 * 60;

#[async_trait]
impl ImportFiles for Store {
    async fn custom_fields(
        &self,
        workspace_id: i64,
    ) -> Result<Vec<CustomFieldDefinition>, AppError> {
        custom_fields(self, workspace_id).await
    }

    async fn create_import(
        &self,
        workspace_id: i64,
        user_id: i64,
        shape: &FileShape,
    ) -> Result<i64, AppError> {
        sqlx::query(&self.dialect.sql(
            "DELETE FROM imports WHERE status IN ('uploaded', 'checked')
                AND created_at < to_timestamp($1)",
        ))
        .bind(self.now() - UNUSED_UPLOAD_SECS)
        .execute(&self.pool)
        .await
        .context("create_import: deleting unused imports")?;
        let headers = serde_json::to_string(&shape.headers).map_err(|_| AppError::Internal)?;
        let (id,): (i64,) = sqlx::query_as(&self.dialect.sql(
            "INSERT INTO imports (workspace_id, requested_by, file_name, encoding, delimiter,
                                  headers, total, created_at)
             VALUES ($1, $2, $3, $4, $5, json_document($6), $7, to_timestamp($8)) RETURNING id",
        ))
        .bind(workspace_id)
        .bind(user_id)
        .bind(shape.file_name.clone())
        .bind(shape.encoding.label())
        .bind(shape.delimiter_label())
        .bind(headers)
        .bind(i64::try_from(shape.rows).unwrap_or(i64::MAX))
        .bind(self.now())
        .fetch_one(&self.pool)
        .await
        .context("create_import: adding to imports")?;
        Ok(id)
    }

    async fn stage_rows(
        &self,
        import_id: i64,
        rows: &[(i64, Vec<String>)],
    ) -> Result<(), AppError> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut builder =
            SqlBuilder::new("INSERT INTO import_rows (import_id, row_no, cells) VALUES ");
        for (index, (row_no, cells)) in rows.iter().enumerate() {
            if index > 0 {
                builder.push(", ");
            }
            builder
                .push("(")
                .push_bind(import_id)
                .push(", ")
                .push_bind(*row_no)
                .push(", ")
                .push_document(
                    self.dialect,
                    serde_json::to_string(cells).map_err(|_| AppError::Internal)?,
                )
                .push(")");
        }
        builder
            .build()
            .execute(&self.pool)
            .await
            .context("stage_rows: adding to import_rows")?;
        Ok(())
    }

    async fn discard_import(&self, import_id: i64) -> Result<(), AppError> {
        sqlx::query("DELETE FROM imports WHERE id = $1")
            .bind(import_id)
            .execute(&self.pool)
            .await
            .context("discard_import: deleting from imports")?;
        Ok(())
    }

    async fn error_rows(
        &self,
        workspace_id: i64,
        import_id: i64,
    ) -> Result<(Vec<String>, Vec<(u64, Vec<String>, String)>), AppError> {
        super::error_rows(self, workspace_id, import_id).await
    }

    async fn export_ready(
        &self,
        workspace_id: i64,
        user_id: i64,
        export_id: i64,
    ) -> Result<(), AppError> {
        let found: Option<(i64,)> = sqlx::query_as(&self.dialect.sql(
            "SELECT id FROM exports WHERE id = $1 AND workspace_id = $2 AND requested_by = $3
                AND status = 'done' AND finished_at >= to_timestamp($4)",
        ))
        .bind(export_id)
        .bind(workspace_id)
        .bind(user_id)
        .bind(self.now() - app::imports::model::EXPORT_KEPT_SECS)
        .fetch_optional(&self.pool)
        .await
        .context("export_ready: reading exports")?;
        found
            .map(|_| ())
            .ok_or_else(|| AppError::not_found(Missing::Export))
    }

    async fn export_part(&self, export_id: i64, part: i64) -> Result<Option<String>, AppError> {
        let content: Option<(String,)> =
            sqlx::query_as("SELECT content FROM export_parts WHERE export_id = $1 AND part = $2")
                .bind(export_id)
                .bind(part)
                .fetch_optional(&self.pool)
                .await
                .context("export_part: reading export_parts")?;
        Ok(content.map(|(content,)| content))
    }
}
