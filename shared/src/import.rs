//! Importing contacts from a CSV file (R35): which contact field each column
//! of the file goes to, how existing contacts are treated, and how one row of
//! the file is checked. The server reads the file; every cell goes through
//! the same parsers as the forms.

mod headers;
mod row;

pub use headers::suggest_target;
pub use row::{parse_row, CellError, ImportRow, RowProblem};

use crate::country::{CountryError, COUNTRY_FIELD_NAME};
use crate::custom_field::CustomFieldDefinition;
use crate::email::EMAIL_FIELD_NAME;
use crate::error::{FieldError, FieldName, FieldRefusal};
use crate::language::LANGUAGE_FIELD_NAME;
use crate::name::{FIRST_NAME_FIELD_NAME, LAST_NAME_FIELD_NAME};
use crate::phone::PHONE_FIELD_NAME;
use crate::text::{excerpt, EXCERPT_CHARS};
use crate::ui_language::UiLanguage;
use crate::Country;
use serde::{Deserialize, Serialize};

/// The user-facing name of the settings' column choices.
pub const MAPPING_FIELD: &str = "Map columns";
/// The user-facing name of the default country choice.
pub const DEFAULT_COUNTRY_FIELD: &str = "Default country";
/// The column choices' name in each interface language.
const MAPPING_FIELD_NAME: FieldName = FieldName::new(MAPPING_FIELD, "Spalten zuordnen");
/// The default country choice's name in each interface language.
const DEFAULT_COUNTRY_FIELD_NAME: FieldName = FieldName::new(DEFAULT_COUNTRY_FIELD, "Standardland");
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
        self.name_in(UiLanguage::English)
    }

    /// The name in `language`; a custom field's key as it is.
    fn name_in(&self, language: UiLanguage) -> &str {
        let name = match self {
            ImportTarget::Skip => FieldName::new("Don't import", "Nicht importieren"),
            ImportTarget::FirstName => FIRST_NAME_FIELD_NAME,
            ImportTarget::LastName => LAST_NAME_FIELD_NAME,
            ImportTarget::Email => EMAIL_FIELD_NAME,
            ImportTarget::Phone => PHONE_FIELD_NAME,
            ImportTarget::Country => COUNTRY_FIELD_NAME,
            ImportTarget::Language => LANGUAGE_FIELD_NAME,
            ImportTarget::Assignee => FieldName::new("Assignee", "Zugewiesen an"),
            ImportTarget::Tags => FieldName::new("Tags", "Tags"),
            ImportTarget::Custom(key) => return key,
        };
        name.in_language(language)
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
    /// The language refused rows are explained in: the checking user's
    /// (set by the server).
    #[serde(default)]
    pub language: UiLanguage,
}

impl ImportSettings {
    /// Checks the choices against the file's column count and the
    /// workspace's custom fields; returns the default country.
    pub fn check(
        &self,
        column_count: usize,
        definitions: &[CustomFieldDefinition],
    ) -> Result<Option<Country>, MappingError> {
        if self.columns.len() != column_count {
            return Err(MappingError::ColumnCount(column_count));
        }
        let mut seen: Vec<&ImportTarget> = Vec::new();
        for target in &self.columns {
            if let ImportTarget::Custom(key) = target {
                if !definitions.iter().any(|field| field.key() == key) {
                    return Err(MappingError::NoSuchCustomField(key.clone()));
                }
            }
            if *target != ImportTarget::Skip && *target != ImportTarget::Tags {
                if seen.contains(&target) {
                    return Err(match target {
                        ImportTarget::Custom(_) => {
                            MappingError::CustomFieldChosenTwice(target_label(target, definitions))
                        }
                        standard => MappingError::ChosenTwice(standard.clone()),
                    });
                }
                seen.push(target);
            }
        }
        let maps = |target: ImportTarget| self.columns.contains(&target);
        let identifies = maps(ImportTarget::Email) || maps(ImportTarget::Phone);
        if !identifies && !maps(ImportTarget::FirstName) && !maps(ImportTarget::LastName) {
            return Err(MappingError::NothingToImport);
        }
        if self.mode.updates() && !identifies {
            return Err(MappingError::NothingToMatch);
        }
        self.default_country
            .as_deref()
            .filter(|code| !code.trim().is_empty())
            .map(|code| Country::parse_code(code).map_err(MappingError::DefaultCountry))
            .transpose()
    }
}

/// R35: why the import settings are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.field_error(UiLanguage::English))]
pub enum MappingError {
    /// The choices are not one per column of the file (it has this many).
    ColumnCount(usize),
    /// A column goes to a custom field the workspace does not have (this key).
    NoSuchCustomField(String),
    /// A standard field is chosen for more than one column.
    ChosenTwice(ImportTarget),
    /// A custom field, by its label, is chosen for more than one column.
    CustomFieldChosenTwice(String),
    /// No column goes to a name, an e-mail address or a phone number.
    NothingToImport,
    /// Updating, but no column goes to an e-mail address or a phone number
    /// to find existing contacts by.
    NothingToMatch,
    /// The default country is not a country.
    DefaultCountry(CountryError),
}

impl FieldRefusal for MappingError {
    fn field_error(&self, language: UiLanguage) -> FieldError {
        use MappingError as E;
        let message = match (language.wording(), self) {
            (_, E::DefaultCountry(error)) => {
                return DEFAULT_COUNTRY_FIELD_NAME.refuse(language, error.message_in(language));
            }
            (UiLanguage::English, E::ColumnCount(count)) => {
                format!("choose a target for each of the file's {count} columns")
            }
            (UiLanguage::English, E::NoSuchCustomField(key)) => format!(
                "there is no custom field \"{}\"",
                excerpt(key, EXCERPT_CHARS)
            ),
            (UiLanguage::English, E::ChosenTwice(target)) => format!(
                "{} is chosen for more than one column",
                target.name_in(language)
            ),
            (UiLanguage::English, E::CustomFieldChosenTwice(label)) => {
                format!("{label} is chosen for more than one column")
            }
            (UiLanguage::English, E::NothingToImport) => {
                "map at least a name, an e-mail address or a phone number column".to_owned()
            }
            (UiLanguage::English, E::NothingToMatch) => {
                "to find existing contacts, map an e-mail address or a phone number column"
                    .to_owned()
            }
            (UiLanguage::German, E::ColumnCount(count)) => {
                format!("wählen Sie für jede der {count} Spalten der Datei ein Ziel")
            }
            (UiLanguage::German, E::NoSuchCustomField(key)) => format!(
                "es gibt kein benutzerdefiniertes Feld „{}“",
                excerpt(key, EXCERPT_CHARS)
            ),
            (UiLanguage::German, E::ChosenTwice(target)) => format!(
                "{} ist für mehr als eine Spalte gewählt",
                target.name_in(language)
            ),
            (UiLanguage::German, E::CustomFieldChosenTwice(label)) => {
                format!("{label} ist für mehr als eine Spalte gewählt")
            }
            (UiLanguage::German, E::NothingToImport) => {
                "ordnen Sie mindestens eine Spalte einem Namen, einer E-Mail-Adresse oder einer Telefonnummer zu"
                    .to_owned()
            }
            (UiLanguage::German, E::NothingToMatch) => {
                "ordnen Sie eine Spalte der E-Mail-Adresse oder der Telefonnummer zu, damit bestehende Kontakte gefunden werden"
                    .to_owned()
            }
        };
        MAPPING_FIELD_NAME.refuse(language, message)
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
