//! The page code a page loads. Each interface language has a build of its
//! own that carries only that language's texts (English in `pkg/`, German in
//! `pkg/de/`, both made by `scripts/build-site.sh`), so a page downloads no
//! words of the language it is not in. Where a language has no build of its
//! own (after a plain `cargo leptos build`), its pages load the one in
//! `pkg/`, which then carries every language.

use super::language::page_language;
use leptos::prelude::*;
use shared::UiLanguage;

/// The hydration scripts of the build for the page's language.
#[component]
pub fn PageCode(options: LeptosOptions) -> impl IntoView {
    let options = options_for(page_language(), options);
    let scripts = view! { <HydrationScripts options=options.clone()/> };
    // Leptos keeps the first list of downloads it reads for the whole
    // process; a page names the list of its own build instead.
    #[cfg(feature = "ssr")]
    if let Some(downloads) = downloads::of_build(&options) {
        provide_context(downloads);
    }
    scripts
}

/// The site options that point at `language`'s build, if it has one.
fn options_for(language: UiLanguage, options: LeptosOptions) -> LeptosOptions {
    let Some(folder) = own_build_folder(language) else {
        return options;
    };
    let mut own = options.clone();
    own.site_pkg_dir = format!("{}/{folder}", options.site_pkg_dir).into();
    own.hash_file = format!("hash-{folder}.txt").into();
    if build_exists(&own) {
        own
    } else {
        options
    }
}

/// The folder under `pkg/` of a language whose build is not the one in
/// `pkg/` itself.
fn own_build_folder(language: UiLanguage) -> Option<&'static str> {
    match language {
        UiLanguage::English => None,
        UiLanguage::German => Some("de"),
    }
}

/// Whether the build these options name is on disk: its hash file beside
/// the server when file names carry hashes, else its folder.
#[cfg(feature = "ssr")]
fn build_exists(options: &LeptosOptions) -> bool {
    if options.hash_files {
        downloads::beside_server(&options.hash_file).is_file()
    } else {
        std::path::Path::new(&*options.site_root)
            .join(&*options.site_pkg_dir)
            .is_dir()
    }
}

/// Pages are only rendered whole on the server.
#[cfg(not(feature = "ssr"))]
fn build_exists(_options: &LeptosOptions) -> bool {
    false
}

#[cfg(feature = "ssr")]
mod downloads {
    use leptos::prelude::ArcStoredValue;
    use leptos::prelude::LeptosOptions;
    use leptos::WasmSplitManifest;
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{Mutex, OnceLock};

    /// Each build's list of downloads (which files a lazily loaded part of
    /// the page needs), read once per build folder.
    static LISTS: OnceLock<Mutex<HashMap<String, Option<WasmSplitManifest>>>> = OnceLock::new();

    /// The list of downloads of the build `options` name, if it was split.
    pub(super) fn of_build(options: &LeptosOptions) -> Option<WasmSplitManifest> {
        let lists = LISTS.get_or_init(Mutex::default);
        let mut lists = lists
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        lists
            .entry(options.site_pkg_dir.to_string())
            .or_insert_with(|| read(options))
            .clone()
    }

    /// A file the site build puts beside the server binary.
    pub(super) fn beside_server(name: &str) -> PathBuf {
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(PathBuf::from))
            .unwrap_or_default()
            .join(name)
    }

    /// Reads the list and the name of its loader script, under the hashed
    /// names the build's hash file gives when file names carry hashes.
    fn read(options: &LeptosOptions) -> Option<WasmSplitManifest> {
        let mut list = "__wasm_split_manifest.json".to_string();
        let mut loader = "__wasm_split.______________________.js".to_string();
        if options.hash_files {
            let hashes = std::fs::read_to_string(beside_server(&options.hash_file)).ok()?;
            for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                match file.trim() {
                    "manifest" => list = format!("__wasm_split_manifest.{}.json", hash.trim()),
                    "split" => loader = format!("__wasm_split.{}.js", hash.trim()),
                    _ => {}
                }
            }
        }
        let pkg_dir = &options.site_pkg_dir;
        let path = PathBuf::from(&*options.site_root)
            .join(&**pkg_dir)
            .join(list);
        let files_of: HashMap<String, Vec<String>> =
            serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
        Some(WasmSplitManifest(ArcStoredValue::new((
            format!("/{pkg_dir}"),
            files_of,
            loader,
        ))))
    }
}
