//! Swedish full-text search compiled at build time: the analyzer, the searchable documents,
//! the tantivy index in `search-index/` (for `insyn search`), and the static search files in
//! the site (for the browser client `search.js`).

pub mod analyzer;
pub mod cli;
pub mod documents;
pub mod engine;
pub mod export;
pub mod lexicon;
pub mod query;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Site;
use crate::render::OutputFile;
use crate::render::views::Urls;

/// The search index of a build: static files for the site, and the tantivy index staged
/// beside the output, to be committed once the site is written.
pub struct SearchBuild {
    pub files: Vec<OutputFile>,
    pub index: engine::StagedIndex,
}

/// Where the tantivy index of a site written to `output` goes: `search-index/` beside it (for
/// the default `public/`, that is the site root).
pub fn index_dir(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("search-index"),
        _ => PathBuf::from("search-index"),
    }
}

/// Indexes the site: builds the documents from the model, writes the static files (returned)
/// and stages the tantivy index for `output`.
pub fn index_site(site: &Site, urls: &Urls, output: &Path) -> Result<SearchBuild, String> {
    let mut timings = crate::timings::Timings::from_env();
    let docs = documents::build_documents(site, urls);
    timings.mark("  documents");
    let lexicon = Arc::new(lexicon::Lexicon::from_documents(&docs));
    timings.mark("  lexicon");
    let static_index = export::StaticIndex::build(&docs, &lexicon);
    timings.mark("  scoring");
    let files = export::export(&docs, &static_index);
    timings.mark("  export");
    let index = engine::StagedIndex::write(&index_dir(output), &docs, lexicon)?;
    timings.mark("  tantivy");
    Ok(SearchBuild { files, index })
}
