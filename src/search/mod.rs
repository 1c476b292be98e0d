//! Swedish full-text search compiled at build time: the analyzer, the searchable documents,
//! the tantivy index in `search-index/` (for `insyn search`), and the static search files in
//! the site (for the browser client `search.js`).

pub mod analysis;
pub mod analyzer;
pub mod cli;
pub mod documents;
pub mod engine;
pub mod export;
pub mod lexicon;
pub mod query;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

use crate::config::Terms;
use crate::model::Site;
use crate::output::{Folder, OutputFile};
use crate::routes::Urls;

/// The tantivy index of a build, still being written.
pub struct PendingIndex(JoinHandle<io::Result<engine::StagedIndex>>);

impl PendingIndex {
    /// Waits for the index to be written.
    pub fn wait(self) -> io::Result<engine::StagedIndex> {
        self.0
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the search indexer crashed")))
    }

    /// Waits for the index and drops it (the build failed after indexing started).
    pub fn discard(self) {
        if let Ok(staged) = self.wait() {
            staged.discard();
        }
    }
}

/// Where the tantivy index of a site written to `output` goes: `search-index/` beside it (for
/// the default `public/`, that is the site root).
pub fn index_dir(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("search-index"),
        _ => PathBuf::from("search-index"),
    }
}

/// The searchable documents of a site, analysed once, with the vocabulary and terms both
/// indexes are built from.
#[derive(Clone)]
pub struct Corpus {
    pub docs: Arc<Vec<documents::SearchDoc>>,
    pub analysis: Arc<analysis::Analysis>,
    pub terms: Arc<analysis::Terms>,
    pub lexicon: Arc<lexicon::Lexicon>,
    /// The document types' labels in the organisation's words.
    pub labels: Arc<documents::TypeLabels>,
}

/// Indexes the site: builds and analyses the documents, starts writing the tantivy index
/// beside `index` (see [`engine::StagedIndex`]), and hands each static search file to `out` as
/// it is made (see [`export::export`]). The tantivy index is returned still being written.
pub fn index_site(
    site: &Site,
    urls: &Urls,
    terms: &Terms,
    index: &Folder,
    out: &(dyn Fn(OutputFile) + Sync),
) -> PendingIndex {
    let mut timings = crate::timings::Timings::from_env();
    let corpus = Corpus::new(site, urls, terms, None, &mut timings);
    let index = {
        let (folder, corpus) = (index.clone(), corpus.clone());
        PendingIndex(thread::spawn(move || {
            engine::StagedIndex::write(&folder, &corpus)
        }))
    };
    corpus.static_files(&mut timings, out);
    index
}

/// The static search files of a site alone, without the tantivy index (`insyn serve`), in
/// path order: the documents whose texts `cache` holds from the previous site are not
/// tokenized again.
pub fn static_files(
    site: &Site,
    urls: &Urls,
    terms: &Terms,
    cache: &mut analysis::AnalysisCache,
) -> Vec<OutputFile> {
    let mut timings = crate::timings::Timings::from_env();
    let files = Mutex::new(Vec::new());
    Corpus::new(site, urls, terms, Some(cache), &mut timings).static_files(&mut timings, &|file| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    });
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

impl Corpus {
    /// The site's searchable documents, tokenized once, with their vocabulary and terms.
    fn new(
        site: &Site,
        urls: &Urls,
        terms: &Terms,
        cache: Option<&mut analysis::AnalysisCache>,
        timings: &mut crate::timings::Timings,
    ) -> Corpus {
        let docs = documents::build_documents(site, urls, terms);
        timings.mark("  documents");
        let analysis = match cache {
            Some(cache) => analysis::Analysis::new_cached(&docs, cache),
            None => analysis::Analysis::new(&docs),
        };
        timings.mark("  analysis");
        let lexicon = lexicon::Lexicon::from_analysis(&analysis);
        timings.mark("  lexicon");
        let index_terms = analysis::Terms::new(&analysis, &lexicon);
        timings.mark("  terms");
        Corpus {
            docs: Arc::new(docs),
            analysis: Arc::new(analysis),
            terms: Arc::new(index_terms),
            lexicon: Arc::new(lexicon),
            labels: Arc::new(documents::TypeLabels::new(terms)),
        }
    }

    /// Scores the corpus and hands each static search file to `out`.
    fn static_files(
        &self,
        timings: &mut crate::timings::Timings,
        out: &(dyn Fn(OutputFile) + Sync),
    ) {
        let index =
            export::StaticIndex::build(&self.docs, &self.analysis, &self.terms, &self.lexicon);
        timings.mark("  scoring");
        export::export(&self.docs, &index, &self.labels, out);
        timings.mark("  export");
    }
}
