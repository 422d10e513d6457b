//! Columns whose header names a field are mapped before the user looks:
//! English and German headers, as other products and spreadsheets write them.

use super::ImportTarget;
use crate::custom_field::CustomFieldDefinition;

/// Headers naming each standard field, written as [`header_key`] folds them.
const KNOWN_HEADERS: [(ImportTarget, &[&str]); 8] = [
    (
        ImportTarget::FirstName,
        &["firstname", "givenname", "forename", "vorname"],
    ),
    (
        ImportTarget::LastName,
        &[
            "lastname",
            "surname",
            "familyname",
            "nachname",
            "familienname",
        ],
    ),
    (
        ImportTarget::Email,
        &[
            "email",
            "emailaddress",
            "mail",
            "emailadresse",
            "mailadresse",
        ],
    ),
    (
        ImportTarget::Phone,
        &[
            "phone",
            "phonenumber",
            "mobile",
            "mobilephone",
            "telephone",
            "tel",
            "telefon",
            "telefonnummer",
            "handy",
            "handynummer",
            "mobilnummer",
            "whatsapp",
        ],
    ),
    (ImportTarget::Country, &["country", "countrycode", "land"]),
    (ImportTarget::Language, &["language", "sprache"]),
    (
        ImportTarget::Assignee,
        &[
            "assignee",
            "assignedto",
            "owner",
            "zugewiesenan",
            "zustandig",
        ],
    ),
    (
        ImportTarget::Tags,
        &["tags", "tag", "labels", "schlagworter", "schlagwort"],
    ),
];

/// A header folded for comparison: lower case, German umlauts without their
/// dots, letters and digits only ("E-Mail-Adresse" → "emailadresse").
fn header_key(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            other => other,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The target a column's header names, if any: a standard field's English or
/// German name, or a custom field's label or key. Targets in `taken` (by
/// an earlier column) are not suggested again.
pub fn suggest_target(
    header: &str,
    definitions: &[CustomFieldDefinition],
    taken: &[ImportTarget],
) -> ImportTarget {
    let key = header_key(header);
    if key.is_empty() {
        return ImportTarget::Skip;
    }
    let standard = KNOWN_HEADERS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(target, _)| target.clone());
    let custom = || {
        definitions
            .iter()
            .find(|field| header_key(field.label()) == key || header_key(field.key()) == key)
            .map(|field| ImportTarget::Custom(field.key().to_string()))
    };
    standard
        .or_else(custom)
        .filter(|target| *target == ImportTarget::Tags || !taken.contains(target))
        .unwrap_or(ImportTarget::Skip)
}
