//! Importing contacts from a CSV file (R35): which contact field each column
//! of the file goes to, how existing contacts are treated, and how one row of
//! the file is checked. The server reads the file; every cell goes through
//! the same parsers as the forms.

mod headers;

pub use headers::suggest_target;

use crate::custom_field::{CustomFieldDefinition, CustomFieldValue};
use crate::error::FieldError;
use crate::{Country, Email, Language, PersonName, PhoneNumber, TagName};
use serde::{Deserialize, Serialize};

/// The user-facing name of the settings' column choices.
pub const MAPPING_FIELD: &str = "Map columns";
/// The user-facing name of the default country choice.
pub const DEFAULT_COUNTRY_FIELD: &str = "Default country";
/// The most bytes an uploaded file may have (50 MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The most data rows a file may have.
pub const MAX_ROWS: u64 = 500_000;
/// The most columns a file may have.
pub const MAX_COLUMNS: usize = 200;

/// Where the values of one column of the file go.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportTarget {
    /// "Don't import": the column is ignored.
    Skip,
    /// First name.
    FirstName,
    /// Last name.
    LastName,
    /// E-mail address.
    Email,
    /// Phone number.
    Phone,
    /// Country (code or English name).
    Country,
    /// Language (tag or English name).
    Language,
    /// Assignee, by the e-mail address of a workspace user.
    Assignee,
    /// Tags, separated by `;` or `,`.
    Tags,
    /// The custom field with this key.
    Custom(String),
}

impl ImportTarget {
    /// The standard targets, in the order the mapping offers them.
    pub const STANDARD: [ImportTarget; 9] = [
        ImportTarget::FirstName,
        ImportTarget::LastName,
        ImportTarget::Email,
        ImportTarget::Phone,
        ImportTarget::Country,
        ImportTarget::Language,
        ImportTarget::Assignee,
        ImportTarget::Tags,
        ImportTarget::Skip,
    ];

    /// The name shown in the mapping's choice (custom fields show their
    /// label instead).
    pub fn label(&self) -> &str {
        match self {
            ImportTarget::Skip => "Don't import",
            ImportTarget::FirstName => crate::name::FIRST_NAME_FIELD,
            ImportTarget::LastName => crate::name::LAST_NAME_FIELD,
            ImportTarget::Email => crate::email::EMAIL_FIELD,
            ImportTarget::Phone => crate::phone::PHONE_FIELD,
            ImportTarget::Country => crate::country::COUNTRY_FIELD,
            ImportTarget::Language => crate::language::LANGUAGE_FIELD,
            ImportTarget::Assignee => "Assignee",
            ImportTarget::Tags => "Tags",
            ImportTarget::Custom(key) => key,
        }
    }

    /// A stable text form for a `<select>` value: `first_name`, `custom:plan`.
    pub fn value(&self) -> String {
        match self {
            ImportTarget::Skip => "skip".into(),
            ImportTarget::FirstName => "first_name".into(),
            ImportTarget::LastName => "last_name".into(),
            ImportTarget::Email => "email".into(),
            ImportTarget::Phone => "phone".into(),
            ImportTarget::Country => "country".into(),
            ImportTarget::Language => "language".into(),
            ImportTarget::Assignee => "assignee".into(),
            ImportTarget::Tags => "tags".into(),
            ImportTarget::Custom(key) => format!("custom:{key}"),
        }
    }

    /// The target of a [`ImportTarget::value`]; unknown text is "Don't import".
    pub fn from_value(value: &str) -> Self {
        if let Some(key) = value.strip_prefix("custom:") {
            return ImportTarget::Custom(key.to_string());
        }
        ImportTarget::STANDARD
            .into_iter()
            .find(|target| target.value() == value)
            .unwrap_or(ImportTarget::Skip)
    }
}

/// What happens to rows that match an existing contact (same e-mail address
/// or same phone number, compared as merge suggestions compare them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// "Add new contacts": rows matching an existing contact are skipped.
    Add,
    /// "Update existing contacts": rows matching nobody are skipped.
    Update,
    /// "Add and update": matching rows update, the others are added.
    AddAndUpdate,
}

impl ImportMode {
    /// Every mode, in the order offered.
    pub const ALL: [ImportMode; 3] = [
        ImportMode::Add,
        ImportMode::Update,
        ImportMode::AddAndUpdate,
    ];

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            ImportMode::Add => "Add new contacts",
            ImportMode::Update => "Update existing contacts",
            ImportMode::AddAndUpdate => "Add and update",
        }
    }

    /// Whether rows without a match become new contacts.
    pub fn adds(self) -> bool {
        self != ImportMode::Update
    }

    /// Whether rows with a match change that contact.
    pub fn updates(self) -> bool {
        self != ImportMode::Add
    }
}

/// Everything the user chose in "Map columns".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSettings {
    /// One target per column of the file, in the file's order.
    pub columns: Vec<ImportTarget>,
    /// The country of phone numbers written without a country code.
    pub default_country: Option<String>,
    /// How rows matching an existing contact are treated.
    pub mode: ImportMode,
    /// "Don't overwrite existing values": an update only fills empty fields.
    pub keep_existing: bool,
}

impl ImportSettings {
    /// Checks the choices against the file's column count and the
    /// workspace's custom fields; returns the default country.
    pub fn check(
        &self,
        column_count: usize,
        definitions: &[CustomFieldDefinition],
    ) -> Result<Option<Country>, FieldError> {
        let refuse = |message: String| FieldError::new(MAPPING_FIELD, message);
        if self.columns.len() != column_count {
            return Err(refuse(format!(
                "choose a target for each of the file's {column_count} columns"
            )));
        }
        let mut seen: Vec<&ImportTarget> = Vec::new();
        for target in &self.columns {
            if let ImportTarget::Custom(key) = target {
                if !definitions.iter().any(|field| field.key() == key) {
                    return Err(refuse(format!("there is no custom field \"{key}\"")));
                }
            }
            if *target != ImportTarget::Skip && *target != ImportTarget::Tags {
                if seen.contains(&target) {
                    return Err(refuse(format!(
                        "{} is chosen for more than one column",
                        target_label(target, definitions)
                    )));
                }
                seen.push(target);
            }
        }
        let maps = |target: ImportTarget| self.columns.contains(&target);
        let identifies = maps(ImportTarget::Email) || maps(ImportTarget::Phone);
        if !identifies && !maps(ImportTarget::FirstName) && !maps(ImportTarget::LastName) {
            return Err(refuse(
                "map at least a name, an e-mail address or a phone number column".into(),
            ));
        }
        if self.mode.updates() && !identifies {
            return Err(refuse(
                "to find existing contacts, map an e-mail address or a phone number column".into(),
            ));
        }
        self.default_country
            .as_deref()
            .filter(|code| !code.trim().is_empty())
            .map(|code| {
                Country::parse(code)
                    .map_err(|error| FieldError::from(error).for_field(DEFAULT_COUNTRY_FIELD))
            })
            .transpose()
    }
}

/// The label of a target, with custom fields named by their label.
pub fn target_label(target: &ImportTarget, definitions: &[CustomFieldDefinition]) -> String {
    match target {
        ImportTarget::Custom(key) => definitions
            .iter()
            .find(|field| field.key() == key)
            .map_or_else(|| key.clone(), |field| field.label().to_string()),
        other => other.label().to_string(),
    }
}

/// One checked row: the values its cells hold. A blank cell holds nothing
/// (it never clears a value of an existing contact).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportRow {
    /// First and last name, when either cell holds one.
    pub name: Option<PersonName>,
    /// E-mail address.
    pub email: Option<Email>,
    /// Phone number.
    pub phone: Option<PhoneNumber>,
    /// Country.
    pub country: Option<Country>,
    /// Language.
    pub language: Option<Language>,
    /// The e-mail address of the user to assign the contact to.
    pub assignee: Option<Email>,
    /// Tags, without repeats.
    pub tags: Vec<TagName>,
    /// Custom values by field key.
    pub custom: Vec<(String, CustomFieldValue)>,
}

/// A refused cell: the file's column header and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellError {
    /// The column's header as written in the file.
    pub column: String,
    /// What is wrong, in words a user understands.
    pub reason: String,
}

/// Checks one row of the file. Every cell is parsed by the same parser as
/// the forms; all refused cells are reported, not just the first.
pub fn parse_row(
    headers: &[String],
    cells: &[String],
    settings: &ImportSettings,
    default_country: Option<Country>,
    definitions: &[CustomFieldDefinition],
) -> Result<ImportRow, Vec<CellError>> {
    let mut row = ImportRow::default();
    let mut errors = Vec::new();
    let (mut first, mut last) = (String::new(), String::new());
    let (mut first_column, mut last_column) = (None, None);
    let mut phone_cell = None;
    for (index, target) in settings.columns.iter().enumerate() {
        let header = headers.get(index).map_or("", String::as_str);
        let cell = restore_cell(cells.get(index).map_or("", String::as_str));
        let cell = cell.trim();
        let mut refuse = |message: String| {
            errors.push((
                index,
                CellError {
                    column: header.to_string(),
                    reason: message,
                },
            ));
        };
        if cell.is_empty() {
            continue;
        }
        match target {
            ImportTarget::Skip => {}
            ImportTarget::FirstName => {
                first = cell.to_string();
                first_column = Some((index, header));
            }
            ImportTarget::LastName => {
                last = cell.to_string();
                last_column = Some((index, header));
            }
            ImportTarget::Email => match Email::parse(cell) {
                Ok(email) => row.email = Some(email),
                Err(error) => refuse(error.message()),
            },
            ImportTarget::Phone => phone_cell = Some((index, header, cell.to_string())),
            ImportTarget::Country => match Country::parse(cell) {
                Ok(country) => row.country = Some(country),
                Err(error) => refuse(error.message().to_string()),
            },
            ImportTarget::Language => match Language::parse(cell) {
                Ok(language) => row.language = Some(language),
                Err(error) => refuse(error.message().to_string()),
            },
            ImportTarget::Assignee => match Email::parse(cell) {
                Ok(email) => row.assignee = Some(email),
                Err(_) => refuse("write the e-mail address of a user of this workspace".into()),
            },
            ImportTarget::Tags => {
                for name in cell
                    .split([';', ','])
                    .filter(|name| !name.trim().is_empty())
                {
                    match TagName::parse(name) {
                        Ok(tag) if !row.tags.contains(&tag) => row.tags.push(tag),
                        Ok(_) => {}
                        Err(error) => refuse(error.message()),
                    }
                }
            }
            ImportTarget::Custom(key) => {
                let Some(definition) = definitions.iter().find(|field| field.key() == key) else {
                    continue;
                };
                match CustomFieldValue::parse(definition, cell, default_country) {
                    Ok(Some(value)) => row.custom.push((key.clone(), value)),
                    Ok(None) => {}
                    Err(error) => refuse(error.message),
                }
            }
        }
    }
    // A phone number without a country code takes the row's country, else
    // the default country.
    if let Some((index, header, cell)) = phone_cell {
        match PhoneNumber::parse(&cell, row.country.or(default_country)) {
            Ok(phone) => row.phone = Some(phone),
            Err(error) => errors.push((
                index,
                CellError {
                    column: header.to_string(),
                    reason: error.message(),
                },
            )),
        }
    }
    if !first.is_empty() || !last.is_empty() {
        match PersonName::parse(&first, &last) {
            Ok(name) => row.name = Some(name),
            Err(error) => {
                let column = match error.part() {
                    crate::name::NamePart::First => first_column,
                    crate::name::NamePart::Last => last_column,
                };
                let (index, header) = column.or(first_column).or(last_column).unwrap_or((0, ""));
                errors.push((
                    index,
                    CellError {
                        column: header.to_string(),
                        reason: error.message(),
                    },
                ));
            }
        }
    }
    if errors.is_empty() && row.name.is_none() && row.email.is_none() && row.phone.is_none() {
        errors.push((
            0,
            CellError {
                column: String::new(),
                reason: "the row has no name, e-mail address or phone number".into(),
            },
        ));
    }
    if errors.is_empty() {
        return Ok(row);
    }
    errors.sort_by_key(|(index, _)| *index);
    Err(errors.into_iter().map(|(_, error)| error).collect())
}

/// A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, or a tab or carriage return) gets a leading apostrophe when written
/// to a CSV file (R34).
pub fn neutralise_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The value of a cell [`neutralise_cell`] wrote: the apostrophe before a
/// formula character is dropped again.
pub fn restore_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests;
