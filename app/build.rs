//! Generates the `i18n` module from the translation files in `locales/`:
//! a folder per interface language with one JSON file per feature
//! (namespace). A key used in code but missing from the files fails the
//! build; `tests/translations.rs` checks both languages have the same keys.
//!
//! A page-code build for one language (feature `texts-only-en` or
//! `texts-only-de`) reads every language's texts from that language's
//! files, so each text is the same in both and the other language's words
//! are not in the download at all.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir =
        PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR for build scripts")?);
    let mut config = Config::new("en")?
        .add_locale("de")?
        .add_namespaces([
            "common", "auth", "nav", "contacts", "details", "merge", "inbox", "settings",
            "imports", "errors",
        ])?
        // Texts with placeholders are also needed as plain strings (labels
        // and messages built outside views).
        .parse_options(ParseOptions::default().interpolate_display(true));
    if let Some(only) = only_language() {
        println!("cargo::rerun-if-changed=locales");
        config = config.locales_path(one_language_texts(only, &out_dir)?);
    }
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    Ok(())
}

/// The one language a page-code build carries, if it carries one.
fn only_language() -> Option<&'static str> {
    let enabled = |feature: &str| std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_some();
    match (enabled("TEXTS_ONLY_EN"), enabled("TEXTS_ONLY_DE")) {
        (true, false) => Some("en"),
        (false, true) => Some("de"),
        _ => None,
    }
}

/// A copy of the texts where every language's folder holds `language`'s
/// files; returns the copy's root.
fn one_language_texts(language: &str, out_dir: &Path) -> Result<PathBuf, Box<dyn Error>> {
    let source = Path::new("locales").join(language);
    let root = out_dir.join("one-language-texts");
    for folder in ["en", "de"] {
        let target = root.join(folder);
        std::fs::create_dir_all(&target)?;
        for file in std::fs::read_dir(&source)? {
            let file = file?;
            std::fs::copy(file.path(), target.join(file.file_name()))?;
        }
    }
    Ok(root)
}
