//! One row of an import file, checked: every cell through the same parser
//! as the forms, each refusal explained in the checking user's language.

use super::{restore_cell, ImportSettings, ImportTarget};
use crate::custom_field::{CustomFieldDefinition, CustomFieldValue};
use crate::ui_language::UiLanguage;
use crate::{Country, Email, Language, PersonName, PhoneNumber, TagName};
use serde::{Deserialize, Serialize};

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

/// Why a row is refused beyond its cells' own checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The assignee column holds something that is not an e-mail address.
    AssigneeNotAnEmail,
    /// No user of the workspace has the assignee's e-mail address.
    UnknownAssignee(String),
    /// The row has nothing to recognise a contact by.
    NothingToMatch,
}

impl RowProblem {
    /// What is wrong, in `language`.
    pub fn message_in(&self, language: UiLanguage) -> String {
        match (language.wording(), self) {
            (UiLanguage::English, RowProblem::AssigneeNotAnEmail) => {
                "write the e-mail address of a user of this workspace".to_owned()
            }
            (UiLanguage::German, RowProblem::AssigneeNotAnEmail) => {
                "geben Sie die E-Mail-Adresse eines Benutzers dieses Arbeitsbereichs an".to_owned()
            }
            (UiLanguage::English, RowProblem::UnknownAssignee(email)) => {
                format!("no user of this workspace has the e-mail address {email}")
            }
            (UiLanguage::German, RowProblem::UnknownAssignee(email)) => {
                format!("kein Benutzer dieses Arbeitsbereichs hat die E-Mail-Adresse {email}")
            }
            (UiLanguage::English, RowProblem::NothingToMatch) => {
                "the row has no name, e-mail address or phone number".to_owned()
            }
            (UiLanguage::German, RowProblem::NothingToMatch) => {
                "die Zeile hat weder einen Namen noch eine E-Mail-Adresse oder Telefonnummer"
                    .to_owned()
            }
        }
    }
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
    let language = settings.language;
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
                Err(error) => refuse(error.message_in(language)),
            },
            ImportTarget::Phone => phone_cell = Some((index, header, cell.to_string())),
            ImportTarget::Country => match Country::parse(cell) {
                Ok(country) => row.country = Some(country),
                Err(error) => refuse(error.message_in(language).to_owned()),
            },
            ImportTarget::Language => match Language::parse(cell) {
                Ok(language) => row.language = Some(language),
                Err(error) => refuse(error.message_in(language).to_owned()),
            },
            ImportTarget::Assignee => match Email::parse(cell) {
                Ok(email) => row.assignee = Some(email),
                Err(_) => refuse(RowProblem::AssigneeNotAnEmail.message_in(language)),
            },
            ImportTarget::Tags => {
                for name in cell
                    .split([';', ','])
                    .filter(|name| !name.trim().is_empty())
                {
                    match TagName::parse(name) {
                        Ok(tag) if !row.tags.contains(&tag) => row.tags.push(tag),
                        Ok(_) => {}
                        Err(error) => refuse(error.message_in(language)),
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
                    Err(error) => refuse(error.problem.message_in(language)),
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
                    reason: error.message_in(language),
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
                        reason: error.message_in(language),
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
                reason: RowProblem::NothingToMatch.message_in(language),
            },
        ));
    }
    if errors.is_empty() {
        return Ok(row);
    }
    errors.sort_by_key(|(index, _)| *index);
    Err(errors.into_iter().map(|(_, error)| error).collect())
}
