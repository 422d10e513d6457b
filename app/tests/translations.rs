//! The translation files: both languages carry the same keys with the same
//! placeholders, and the German labels are the words of the German product
//! description wherever it names a control.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every translated text of one language: `namespace.key.path` → text.
fn texts(language: &str) -> BTreeMap<String, String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(language);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("reading {}: {error}", folder.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.sort();
    let mut texts = BTreeMap::new();
    for file in files {
        let namespace = file
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("a file name")
            .to_owned();
        let json = std::fs::read_to_string(&file).expect("a readable translation file");
        let value: Value = serde_json::from_str(&json)
            .unwrap_or_else(|error| panic!("{} is not JSON: {error}", file.display()));
        flatten(&namespace, &value, &mut texts);
    }
    texts
}

fn flatten(prefix: &str, value: &Value, into: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                flatten(&format!("{prefix}.{key}"), child, into);
            }
        }
        Value::String(text) => {
            into.insert(prefix.to_owned(), text.clone());
        }
        other => panic!("{prefix}: expected text, found {other}"),
    }
}

/// The `{{ name }}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

#[test]
fn both_languages_have_the_same_keys() {
    let english = texts("en");
    let german = texts("de");
    let only_english: Vec<_> = english
        .keys()
        .filter(|k| !german.contains_key(*k))
        .collect();
    let only_german: Vec<_> = german
        .keys()
        .filter(|k| !english.contains_key(*k))
        .collect();
    assert!(
        only_english.is_empty(),
        "missing in German: {only_english:?}"
    );
    assert!(
        only_german.is_empty(),
        "missing in English: {only_german:?}"
    );
    assert!(english.len() > 100, "only {} texts found", english.len());
}

#[test]
fn both_languages_fill_in_the_same_placeholders() {
    let german = texts("de");
    for (key, english_text) in texts("en") {
        let german_text = &german[&key];
        assert_eq!(
            placeholders(&english_text),
            placeholders(german_text),
            "{key}: {english_text:?} vs {german_text:?}"
        );
        assert!(!german_text.trim().is_empty(), "{key} is empty in German");
    }
}

/// The controls the German product description names, with its words.
const DESCRIPTION_LABELS: &[(&str, &str)] = &[
    ("details.contact_details", "Kontaktdetails"),
    ("details.channels_tab", "Kanäle"),
    ("details.channels.active", "Aktiv"),
    ("details.channels.inactive", "Inaktiv"),
    ("details.channels.unavailable", "Nicht verfügbar"),
    (
        "details.channels.send_first_message",
        "Erste Nachricht senden",
    ),
    ("details.channels.remove_channel", "Kanal entfernen"),
    ("details.more.block_contact", "Kontakt blockieren"),
    (
        "details.more.unblock_contact",
        "Kontaktblockierung aufheben",
    ),
    ("details.more.delete_contact", "Kontakt löschen"),
    ("common.delete", "Löschen"),
    ("common.more_actions", "Weitere Aktionen"),
    ("common.fields.first_name", "Vorname"),
    ("common.fields.last_name", "Nachname"),
    ("common.fields.country", "Land"),
    ("common.fields.language", "Sprache"),
    ("common.fields.email", "E-Mail-Adresse"),
    ("common.fields.phone", "Telefonnummer"),
    ("common.fields.assignee", "Zugewiesen an"),
    ("common.fields.conversation_status", "Konversationsstatus"),
    ("common.bulk_actions.assign_tags", "Tags zuweisen"),
    ("common.bulk_actions.export_csv", "In CSV exportieren"),
    ("contacts.table.select_page", "Seite auswählen"),
    ("contacts.merge_history", "Zusammenführungsverlauf"),
    ("settings.fields.custom_fields", "Benutzerdefinierte Felder"),
    ("merge.suggestions.title", "Zusammenführungsvorschläge"),
    ("merge.merge", "Zusammenführen"),
    ("merge.merge_successful", "Zusammenführung erfolgreich"),
    ("merge.undo_merge", "Zusammenführung rückgängig machen"),
    ("merge.history_title", "Zusammenführungsverlauf"),
    ("nav.inbox", "Posteingang"),
    ("nav.contacts", "Kontakte"),
    ("nav.language", "Sprache"),
    ("auth.email", "E-Mail"),
    ("auth.password", "Passwort"),
    ("auth.log_in", "Anmelden"),
];

/// Texts that start with the description's words and go on (a count).
const DESCRIPTION_PREFIXES: &[(&str, &str)] = &[
    ("contacts.views.blocked", "Blockierte Kontakte"),
    ("contacts.bulk.select_all", "Alle"),
];

#[test]
fn german_labels_are_the_words_of_the_german_description() {
    let german = texts("de");
    for (key, start) in DESCRIPTION_PREFIXES {
        let text = german.get(*key).unwrap_or_else(|| panic!("no text {key}"));
        assert!(text.starts_with(start), "{key}: {text}");
    }
    let english = texts("en");
    for (key, word) in DESCRIPTION_LABELS {
        let german_text = german.get(*key).unwrap_or_else(|| panic!("no text {key}"));
        assert_eq!(german_text, word, "{key}");
        assert_ne!(&english[*key], german_text, "{key} is not translated");
    }
}
