//! CSV import (R35): receiving an uploaded file. The body is streamed to a
//! temporary file, read once to learn its shape (and refused with the
//! reason before anything is stored), then its rows are staged in the
//! database batch by batch for the dry run and the background import.

pub mod file;

use app::error::{AppError, FileProblem, Refusal};
use app::imports::model::{ColumnPreview, TargetOption, UploadedFile};
use app::layout::{answer_in_blocking, reader_language};
use async_trait::async_trait;
use file::{Encoding, FileShape};
use futures::{Stream, StreamExt};
use shared::import::{suggest_target, target_label, ImportTarget, MAX_FILE_BYTES};
use shared::CustomFieldDefinition;
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

/// Rows staged per statement.
const STAGE_BATCH: usize = 500;

/// What receiving a file needs from storage.
#[async_trait]
pub trait ImportFiles: Send + Sync {
    /// The workspace's custom fields (targets of "Map columns").
    async fn custom_fields(
        &self,
        workspace_id: i64,
    ) -> Result<Vec<CustomFieldDefinition>, AppError>;

    /// Records an uploaded file; its rows follow with [`Self::stage_rows`].
    async fn create_import(
        &self,
        workspace_id: i64,
        user_id: i64,
        shape: &FileShape,
    ) -> Result<i64, AppError>;

    /// Keeps rows of the file until they are imported.
    async fn stage_rows(&self, import_id: i64, rows: &[(i64, Vec<String>)])
        -> Result<(), AppError>;

    /// Removes an upload that could not be staged completely.
    async fn discard_import(&self, import_id: i64) -> Result<(), AppError>;

    /// The file's headers and every refused row: its line, its cells and
    /// the reasons.
    async fn error_rows(
        &self,
        workspace_id: i64,
        import_id: i64,
    ) -> Result<(Vec<String>, Vec<(u64, Vec<String>, String)>), AppError>;

    /// Refuses unless the export is finished, not expired and the user's.
    async fn export_ready(
        &self,
        workspace_id: i64,
        user_id: i64,
        export_id: i64,
    ) -> Result<(), AppError>;

    /// One part of an export's document (`None` after the last).
    async fn export_part(&self, export_id: i64, part: i64) -> Result<Option<String>, AppError>;
}

/// An upload as the request names it.
pub struct Upload {
    pub workspace_id: i64,
    pub user_id: i64,
    pub file_name: String,
    pub encoding: Option<Encoding>,
}

fn internal(error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "receiving an upload failed");
    AppError::Internal
}

/// Receives a file: writes the body to a temporary file (refusing more than
/// 50 MB), reads its shape, stages its rows, and answers with the columns
/// to map.
pub async fn receive<E: std::fmt::Display>(
    files: &dyn ImportFiles,
    upload: Upload,
    mut body: impl Stream<Item = Result<axum::body::Bytes, E>> + Unpin,
) -> Result<UploadedFile, AppError> {
    let temporary = tempfile::NamedTempFile::new().map_err(internal)?;
    let path: PathBuf = temporary.path().to_path_buf();
    let mut out = tokio::fs::File::from_std(temporary.reopen().map_err(internal)?);
    let mut size = 0u64;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|error| {
            tracing::info!(%error, "an upload was cut off");
            AppError::from(Refusal::File(FileProblem::CutOff))
        })?;
        size += chunk.len() as u64;
        if size > MAX_FILE_BYTES {
            return Err(Refusal::File(FileProblem::TooLarge).into());
        }
        out.write_all(&chunk).await.map_err(internal)?;
    }
    out.flush().await.map_err(internal)?;
    drop(out);
    let Upload {
        workspace_id,
        user_id,
        file_name,
        encoding,
    } = upload;
    let shape = {
        let path = path.clone();
        let language = reader_language();
        tokio::task::spawn_blocking(move || {
            answer_in_blocking(language, || file::read_shape(&path, file_name, encoding))
        })
        .await
        .map_err(internal)??
    };
    let definitions = files.custom_fields(workspace_id).await?;
    let import_id = files.create_import(workspace_id, user_id, &shape).await?;
    if let Err(error) = stage(files, import_id, path, &shape).await {
        files.discard_import(import_id).await?;
        return Err(error);
    }
    drop(temporary);
    Ok(preview(import_id, &shape, &definitions))
}

/// Streams the rows from the blocking reader to the database.
async fn stage(
    files: &dyn ImportFiles,
    import_id: i64,
    path: PathBuf,
    shape: &FileShape,
) -> Result<(), AppError> {
    let (sender, mut receiver) = tokio::sync::mpsc::channel(2);
    let reader_shape = shape.clone();
    let language = reader_language();
    let reader = tokio::task::spawn_blocking(move || {
        answer_in_blocking(language, || {
            file::read_rows(&path, &reader_shape, STAGE_BATCH, |rows| {
                sender.blocking_send(rows).is_ok()
            })
        })
    });
    let mut staged = Ok(());
    while let Some(rows) = receiver.recv().await {
        if staged.is_ok() {
            staged = files.stage_rows(import_id, &rows).await;
        }
    }
    reader.await.map_err(internal)??;
    staged
}

/// The columns with their first values and suggested targets.
fn preview(
    import_id: i64,
    shape: &FileShape,
    definitions: &[CustomFieldDefinition],
) -> UploadedFile {
    let mut taken: Vec<ImportTarget> = Vec::new();
    let columns = shape
        .headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let suggested = suggest_target(header, definitions, &taken);
            taken.push(suggested.clone());
            ColumnPreview {
                header: header.clone(),
                samples: shape
                    .samples
                    .iter()
                    .filter_map(|row| row.get(index))
                    .map(|cell| shared::text::excerpt(cell, 40))
                    .collect(),
                suggested,
            }
        })
        .collect();
    let targets = ImportTarget::STANDARD
        .into_iter()
        .chain(
            definitions
                .iter()
                .map(|field| ImportTarget::Custom(field.key().to_string())),
        )
        .map(|target| TargetOption {
            label: target_label(&target, definitions),
            target,
        })
        .collect();
    UploadedFile {
        import_id,
        file_name: shape.file_name.clone(),
        encoding: shape.encoding.label().to_string(),
        delimiter: shape.delimiter_label().to_string(),
        rows: shape.rows,
        columns,
        targets,
    }
}
