//! Reading an uploaded CSV file from disk: its encoding (UTF-8 with or
//! without byte-order mark, else Windows-1252) and delimiter (comma,
//! semicolon or tab) detected from its start, then its rows streamed, so a
//! file of any size is never held in memory.

use app::error::{AppError, FileProblem, Refusal};
use shared::import::{MAX_COLUMNS, MAX_ROWS};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Rows shown as samples in "Map columns".
const SAMPLE_ROWS: usize = 3;
/// Bytes read to detect the encoding.
const SNIFF_BYTES: usize = 64 * 1024;

/// A file's character encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    /// The name shown to users and kept with the import.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// The encoding the user chose: `utf-8`, `windows-1252`, or `auto`
    /// (or nothing) for detection.
    pub fn from_choice(choice: Option<&str>) -> Result<Option<Encoding>, AppError> {
        match choice.map(str::to_ascii_lowercase).as_deref() {
            None | Some("" | "auto") => Ok(None),
            Some("utf-8" | "utf8") => Ok(Some(Encoding::Utf8)),
            Some("windows-1252" | "cp1252" | "latin1") => Ok(Some(Encoding::Windows1252)),
            Some(_) => Err(Refusal::ChooseEncoding.into()),
        }
    }

    /// UTF-8 when the start of the file is valid UTF-8 (a byte-order mark
    /// says so too), else Windows-1252, the encoding of Excel's "CSV" on
    /// Western-European Windows.
    pub fn detect(start: &[u8]) -> Encoding {
        if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
            return Encoding::Utf8;
        }
        match std::str::from_utf8(start) {
            Ok(_) => Encoding::Utf8,
            // Cut off in the middle of a character at the end of the sample.
            Err(error) if error.error_len().is_none() => Encoding::Utf8,
            Err(_) => Encoding::Windows1252,
        }
    }
}

/// What the upload learned about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileShape {
    pub file_name: String,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// Data rows (the header row not counted).
    pub rows: u64,
    /// The first rows, for the previews.
    pub samples: Vec<Vec<String>>,
}

impl FileShape {
    /// The delimiter's name, e.g. "semicolon".
    pub fn delimiter_label(&self) -> &'static str {
        match self.delimiter {
            b';' => "semicolon",
            b'\t' => "tab",
            _ => "comma",
        }
    }
}

/// The delimiter of a file's first line: the most frequent of comma,
/// semicolon and tab outside quotes (comma when there is none).
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(delimiter, _)| *delimiter == byte) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .filter(|(_, count)| *count > 0)
        .max_by_key(|(_, count)| *count)
        .map_or(b',', |(delimiter, _)| *delimiter)
}

fn refuse(problem: FileProblem) -> AppError {
    Refusal::File(problem).into()
}

fn open(path: &Path, encoding: Encoding) -> Result<Box<dyn Read>, AppError> {
    let file = File::open(path).map_err(|error| {
        tracing::error!(%error, "opening an uploaded file failed");
        AppError::Internal
    })?;
    Ok(match encoding {
        Encoding::Utf8 => Box::new(BufReader::new(file)),
        Encoding::Windows1252 => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_rs::WINDOWS_1252))
                .build(BufReader::new(file)),
        ),
    })
}

fn reader(
    path: &Path,
    encoding: Encoding,
    delimiter: u8,
) -> Result<csv::Reader<Box<dyn Read>>, AppError> {
    Ok(csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(open(path, encoding)?))
}

/// Why a record could not be read, for the user.
fn unreadable(error: &csv::Error, encoding: Encoding) -> AppError {
    let line = error.position().map(csv::Position::line);
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } if encoding == Encoding::Utf8 => {
            refuse(FileProblem::NotUtf8 { line })
        }
        _ => refuse(FileProblem::NotCsv { line }),
    }
}

/// A record's cells without a leading byte-order mark, and without NUL
/// characters: no text a contact holds has them, and PostgreSQL stores
/// none (neither in text nor in the jsonb of a stored row).
fn cells(record: &csv::StringRecord) -> Vec<String> {
    record
        .iter()
        .map(|cell| cell.trim_start_matches('\u{feff}').replace('\0', ""))
        .collect()
}

/// Reads the whole file once to learn its shape and to refuse it, with the
/// reason, before anything is stored: not CSV, no header, no rows, too many
/// rows or columns.
pub fn read_shape(
    path: &Path,
    file_name: String,
    encoding: Option<Encoding>,
) -> Result<FileShape, AppError> {
    let mut start = Vec::with_capacity(SNIFF_BYTES);
    open(path, Encoding::Utf8)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut start)
        .map_err(|_| refuse(FileProblem::Unreadable))?;
    if start.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse(FileProblem::Empty));
    }
    let encoding = encoding.unwrap_or_else(|| Encoding::detect(&start));
    let delimiter = detect_delimiter(&String::from_utf8_lossy(&start));
    let mut records = reader(path, encoding, delimiter)?.into_records();
    let headers = match records.next() {
        Some(Ok(record)) => cells(&record),
        Some(Err(error)) => return Err(unreadable(&error, encoding)),
        None => return Err(refuse(FileProblem::Empty)),
    };
    if headers.len() > MAX_COLUMNS {
        return Err(refuse(FileProblem::TooManyColumns { max: MAX_COLUMNS }));
    }
    let headers: Vec<String> = headers
        .into_iter()
        .enumerate()
        .map(|(index, header)| {
            let header = header.trim().to_string();
            if header.is_empty() {
                format!("Column {}", index + 1)
            } else {
                header
            }
        })
        .collect();
    let mut rows = 0u64;
    let mut samples = Vec::new();
    for record in records {
        let record = record.map_err(|error| unreadable(&error, encoding))?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if rows > MAX_ROWS {
            return Err(refuse(FileProblem::TooManyRows { max: MAX_ROWS }));
        }
        if samples.len() < SAMPLE_ROWS {
            samples.push(cells(&record));
        }
    }
    if rows == 0 {
        return Err(refuse(FileProblem::NoRows));
    }
    Ok(FileShape {
        file_name,
        encoding,
        delimiter,
        headers,
        rows,
        samples,
    })
}

/// Streams the file's data rows, numbered from 1, in batches of `batch`;
/// stops when `each` returns `false`.
pub fn read_rows(
    path: &Path,
    shape: &FileShape,
    batch: usize,
    mut each: impl FnMut(Vec<(i64, Vec<String>)>) -> bool,
) -> Result<(), AppError> {
    let mut records = reader(path, shape.encoding, shape.delimiter)?.into_records();
    // The header row.
    records.next();
    let mut row_no = 0i64;
    let mut rows = Vec::with_capacity(batch);
    for record in records {
        let record = record.map_err(|error| unreadable(&error, shape.encoding))?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        row_no += 1;
        rows.push((row_no, cells(&record)));
        if rows.len() == batch && !each(std::mem::take(&mut rows)) {
            return Ok(());
        }
    }
    if !rows.is_empty() {
        each(rows);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().expect("temporary file");
        file.write_all(bytes).expect("write");
        file
    }

    #[test]
    fn r35_encoding_is_detected() {
        assert_eq!(Encoding::detect(b"\xEF\xBB\xBFName"), Encoding::Utf8);
        assert_eq!(Encoding::detect("Jürgen".as_bytes()), Encoding::Utf8);
        assert_eq!(Encoding::detect(b"J\xFCrgen"), Encoding::Windows1252);
        // A sample that ends inside a character is still UTF-8.
        assert_eq!(Encoding::detect(&"Jü".as_bytes()[..2]), Encoding::Utf8);
    }

    #[test]
    fn r35_delimiter_is_detected_outside_quotes() {
        assert_eq!(detect_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(detect_delimiter("Vorname;Nachname;\"Tags, Liste\"\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("Name"), b',');
    }

    #[test]
    fn r35_windows_1252_semicolon_file_with_bom_free_umlauts_is_read() {
        let upload = file(b"Vorname;Nachname\r\nJ\xFCrgen;Wei\xDF\r\n;\r\n\"Ann\nMarie\";Lee\r\n");
        let shape = read_shape(upload.path(), "kunden.csv".into(), None).expect("shape");
        assert_eq!(shape.encoding, Encoding::Windows1252);
        assert_eq!(shape.delimiter, b';');
        assert_eq!(shape.headers, vec!["Vorname", "Nachname"]);
        assert_eq!(shape.rows, 2, "a blank row is not counted");
        let mut rows = Vec::new();
        read_rows(upload.path(), &shape, 1, |batch| {
            rows.extend(batch);
            true
        })
        .expect("rows");
        assert_eq!(rows[0], (1, vec!["Jürgen".to_string(), "Weiß".to_string()]));
        assert_eq!(
            rows[1],
            (2, vec!["Ann\nMarie".to_string(), "Lee".to_string()])
        );
    }

    #[test]
    fn r35_utf8_bom_is_not_part_of_the_first_header() {
        let upload = file("\u{feff}E-mail,Phone\nann@example.com,+4930123456\n".as_bytes());
        let shape = read_shape(upload.path(), "a.csv".into(), None).expect("shape");
        assert_eq!(shape.headers[0], "E-mail");
        assert_eq!(shape.encoding, Encoding::Utf8);
    }

    #[test]
    fn r35_unreadable_files_are_refused_with_the_reason() {
        let empty = file(b"  \n");
        let message = |result: Result<FileShape, AppError>| match result {
            Err(AppError::Invalid { field, message }) => format!("{field} {message}"),
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(
            message(read_shape(empty.path(), "e.csv".into(), None)),
            "File is empty"
        );
        let header_only = file(b"Name,Phone\n");
        assert!(message(read_shape(header_only.path(), "h.csv".into(), None)).contains("no rows"));
        let latin = file(b"Name\nJ\xFCrgen\n");
        assert!(message(read_shape(
            latin.path(),
            "l.csv".into(),
            Some(Encoding::Utf8)
        ))
        .contains("Windows-1252"));
    }
}
