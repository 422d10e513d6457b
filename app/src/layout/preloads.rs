//! The files of the downloads a server render used, named in the page
//! head as `<link rel="preload">`, so the browser fetches a page's code
//! beside the main module instead of only once the main module asks for it.
//!
//! Leptos 0.8 collects the downloads a render used and names their files
//! after the render, but looks the file list up outside the render's
//! reactive owner, where it finds it only now and then; the render itself
//! always can. What is named here is taken out of Leptos' list.

use leptos::prelude::*;
use leptos::{PrefetchLazyFn, WasmSplitManifest};
use leptos_meta::Link;
use std::collections::HashSet;

/// The files this render has already named, so a file two downloads share
/// is named once.
#[derive(Clone, Default)]
struct NamedFiles(ArcStoredValue<HashSet<String>>);

/// Makes the render remember the files it names (in the document's root).
pub fn provide_named_files() {
    provide_context(NamedFiles::default());
}

/// Names in the page head every file of the downloads used so far: call it
/// once a download has been awaited.
pub fn preload_used_downloads() {
    let (Some(used), Some(manifest), Some(named)) = (
        use_context::<PrefetchLazyFn>(),
        use_context::<WasmSplitManifest>(),
        use_context::<NamedFiles>(),
    ) else {
        return;
    };
    let Some(manifest) = manifest.0.try_read_value() else {
        return;
    };
    let (pkg_path, files_of, loader) = &*manifest;
    let used = std::mem::take(&mut *used.0.write_value());
    let mut named = named.0.write_value();
    let new_files = used
        .iter()
        .filter_map(|download| files_of.get(*download))
        .flatten()
        .filter(|file| named.insert((*file).clone()));
    for file in new_files {
        // `to_html` on a leptos_meta element adds it to the page head.
        let _ = view! {
            <Link
                rel="preload"
                href=format!("{pkg_path}/{file}.wasm")
                as_="fetch"
                type_="application/wasm"
                crossorigin="anonymous"
            />
        }
        .to_html();
    }
    if !used.is_empty() && named.insert(loader.clone()) {
        let _ = view! { <Link rel="modulepreload" href=format!("{pkg_path}/{loader}")/> }.to_html();
    }
}
