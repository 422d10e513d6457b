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
    if let Some(downloads) = on_disk::build(&options).downloads {
        provide_context(downloads);
    }
    scripts
}

/// The site options that point at `language`'s build, if it has one: the
/// default language's is `pkg/` itself, another's the folder named by its
/// code (`pkg/de/`, with `hash-de.txt`).
fn options_for(language: UiLanguage, options: LeptosOptions) -> LeptosOptions {
    if language == UiLanguage::default() {
        return options;
    }
    let folder = language.code();
    let mut own = options.clone();
    own.site_pkg_dir = format!("{}/{folder}", options.site_pkg_dir).into();
    own.hash_file = format!("hash-{folder}.txt").into();
    if build_exists(&own) {
        own
    } else {
        options
    }
}

#[cfg(feature = "ssr")]
fn build_exists(options: &LeptosOptions) -> bool {
    on_disk::build(options).exists
}

/// Pages are only rendered whole on the server.
#[cfg(not(feature = "ssr"))]
fn build_exists(_options: &LeptosOptions) -> bool {
    false
}

#[cfg(feature = "ssr")]
mod on_disk {
    use leptos::prelude::ArcStoredValue;
    use leptos::prelude::LeptosOptions;
    use leptos::WasmSplitManifest;
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, OnceLock};

    /// What the disk holds of one build of the page code.
    #[derive(Clone)]
    pub(super) struct Build {
        /// Its hash file is beside the server when file names carry
        /// hashes, else its folder is in the site.
        pub(super) exists: bool,
        /// Its list of downloads (which files a lazily loaded part of the
        /// page needs), if it was split.
        pub(super) downloads: Option<WasmSplitManifest>,
    }

    /// Every build a page has named, read once per build folder.
    static BUILDS: OnceLock<Mutex<HashMap<String, Build>>> = OnceLock::new();

    /// The build `options` name.
    pub(super) fn build(options: &LeptosOptions) -> Build {
        let builds = BUILDS.get_or_init(Mutex::default);
        let mut builds = builds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        builds
            .entry(options.site_pkg_dir.to_string())
            .or_insert_with(|| read(options))
            .clone()
    }

    fn read(options: &LeptosOptions) -> Build {
        let folder = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
        let hash_file = beside_server(&options.hash_file);
        Build {
            exists: if options.hash_files {
                hash_file.is_file()
            } else {
                folder.is_dir()
            },
            downloads: read_downloads(options, &folder, &hash_file),
        }
    }

    /// A file the site build puts beside the server binary.
    fn beside_server(name: &str) -> PathBuf {
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(PathBuf::from))
            .unwrap_or_default()
            .join(name)
    }

    /// Reads the list of downloads and the name of its loader script, under
    /// the hashed names the build's hash file gives when file names carry
    /// hashes.
    fn read_downloads(
        options: &LeptosOptions,
        folder: &Path,
        hash_file: &Path,
    ) -> Option<WasmSplitManifest> {
        let mut list = "__wasm_split_manifest.json".to_string();
        let mut loader = "__wasm_split.______________________.js".to_string();
        if options.hash_files {
            let hashes = std::fs::read_to_string(hash_file).ok()?;
            for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                match file.trim() {
                    "manifest" => list = format!("__wasm_split_manifest.{}.json", hash.trim()),
                    "split" => loader = format!("__wasm_split.{}.js", hash.trim()),
                    _ => {}
                }
            }
        }
        let files_of: HashMap<String, Vec<String>> =
            serde_json::from_str(&std::fs::read_to_string(folder.join(list)).ok()?).ok()?;
        Some(WasmSplitManifest(ArcStoredValue::new((
            format!("/{}", options.site_pkg_dir),
            files_of,
            loader,
        ))))
    }
}
