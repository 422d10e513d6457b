//! Generates the `i18n` module from the translation files in `locales/`:
//! a folder per interface language with one JSON file per feature
//! (namespace). A key used in code but missing from the files fails the
//! build; `tests/translations.rs` checks both languages have the same keys.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR for build scripts")?;
    let config = Config::new("en")?
        .add_locale("de")?
        .add_namespaces([
            "common", "auth", "nav", "contacts", "details", "merge", "inbox", "settings",
            "imports", "errors",
        ])?
        // Texts with placeholders are also needed as plain strings (labels
        // and messages built outside views).
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(PathBuf::from(out_dir).join("i18n"))?;
    Ok(())
}
