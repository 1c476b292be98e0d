//! Incremental rebuilds for `insyn serve`, and nothing else uses them: a rebuild runs the
//! same stages as a build from nothing (`content`, `link`, `render`) and takes from the
//! previous rebuild only what provably has not changed.
//!
//! - **Content files** whose length and modification time are unchanged are not read or
//!   parsed again ([`LoadCache`]); after edits in place only, the folder is not even walked.
//! - **Pages** whose reuse key is unchanged are not rendered again ([`PageCache`]). The key is
//!   [`Renderer::key`]: a hash of the page's template and serialized context, the templates
//!   and the site-wide context. Every page's context is made anew each time, so the key is
//!   derived from what the page shows; nothing here lists what a page depends on.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::build::{self, Rendered};
use crate::content::{self, ContentFile, RawContent};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Bytes, OutputFile};
use crate::render::pages::PageJob;
use crate::render::{PageSink, Renderer};

/// What a rebuild keeps for the next one.
#[derive(Default)]
pub struct Incremental {
    load: LoadCache,
    pages: PageCache,
}

impl Incremental {
    /// Builds the site into memory like [`build::build_in_memory`], reusing what the previous
    /// rebuild read and rendered where it is unchanged.
    pub fn rebuild(
        &mut self,
        config_path: &Path,
        base_url: Option<&str>,
    ) -> Result<Rendered, Vec<Diagnostic>> {
        let config = build::load_config(config_path, base_url)?;
        let root = build::site_root(config_path);
        let mut timings = crate::timings::Timings::from_env();
        let mut diagnostics = Diagnostics::default();
        let raw = self.load.load(&root, &mut diagnostics);
        timings.mark("load");
        let site = build::link_site(raw, diagnostics)?;
        timings.mark("link");
        let files = build::render_pages(&site, &config, &root, &self.pages);
        timings.mark("render");
        let files = files.inspect_err(|_| self.pages.abandon())?;
        self.pages.finish(&files);
        Ok(Rendered {
            config,
            root,
            site,
            files,
        })
    }

    /// Tells the next rebuild that since the previous one only `files` (paths below
    /// `content/`) changed, each edited in place — none added, removed or renamed — as a file
    /// watcher saw it. The next load then reads those again and takes every other file from
    /// the cache without walking the folder or checking their times (a large archive has tens
    /// of thousands). A file it does not know makes it walk and check everything.
    pub fn only_edited(&mut self, files: FxHashSet<PathBuf>) {
        self.load.edited = Some(files);
    }

    /// How many pages the latest rebuild rendered; the others were unchanged.
    pub fn rendered(&self) -> usize {
        self.pages.rendered
    }
}

/// Content files as the previous load read them.
#[derive(Default)]
struct LoadCache {
    files: FxHashMap<PathBuf, CachedFile>,
    /// The files the previous load walked, in walk order (empty if the walk failed somewhere).
    paths: Vec<PathBuf>,
    /// See [`Incremental::only_edited`].
    edited: Option<FxHashSet<PathBuf>>,
}

struct CachedFile {
    len: u64,
    modified: SystemTime,
    file: ContentFile,
}

impl LoadCache {
    /// [`content::load`], taking unchanged files from the previous load and keeping this one's.
    fn load(&mut self, site_root: &Path, diagnostics: &mut Diagnostics) -> RawContent {
        let content_dir = site_root.join(crate::routes::content::ROOT);
        // Files known to be the only ones edited since the previous load, if it knew them all.
        let edited = self.edited.take().filter(|edited| {
            !self.paths.is_empty()
                && edited
                    .iter()
                    .all(|rel| self.files.contains_key(&content_dir.join(rel)))
        });
        let (paths, complete) = match edited {
            Some(_) => (std::mem::take(&mut self.paths), true),
            None => match content::walk(site_root, diagnostics) {
                Some((_, paths, complete)) => (paths, complete),
                None => return RawContent::default(),
            },
        };
        let read: Vec<(ContentFile, Option<(u64, SystemTime)>)> = paths
            .par_iter()
            .map(|path| self.read(site_root, &content_dir, path, edited.as_ref()))
            .collect();
        // Files that are gone leave the cache with the rest of the previous load.
        self.files = paths
            .iter()
            .zip(&read)
            .filter_map(|(path, (file, stamp))| {
                let (len, modified) = (*stamp)?;
                let file = file.clone();
                Some((
                    path.clone(),
                    CachedFile {
                        len,
                        modified,
                        file,
                    },
                ))
            })
            .collect();
        // A walk that missed a folder is not one to repeat without walking.
        self.paths = if complete { paths } else { Vec::new() };
        content::assemble(
            read.into_iter().map(|(file, _)| file).collect(),
            diagnostics,
        )
    }

    /// One file, from the previous load when it is unchanged, with its length and
    /// modification time when they could be read.
    fn read(
        &self,
        site_root: &Path,
        content_dir: &Path,
        path: &Path,
        edited: Option<&FxHashSet<PathBuf>>,
    ) -> (ContentFile, Option<(u64, SystemTime)>) {
        let cached = self.files.get(path);
        let was_edited = edited.map(|edited| {
            edited.contains(
                path.strip_prefix(content_dir)
                    .expect("walked below content/"),
            )
        });
        // Not among the files known to be the only ones edited: as the previous load had it.
        if let (Some(c), Some(false)) = (cached, was_edited) {
            return (c.file.clone(), Some((c.len, c.modified)));
        }
        let stamp = std::fs::metadata(path)
            .ok()
            .and_then(|meta| Some((meta.len(), meta.modified().ok()?)));
        // A file changed within the last seconds is read again even if its stamp is
        // unchanged: some file systems keep modification times to the second or coarser, and
        // an edit that keeps the length would otherwise go unseen.
        let settled = |modified: SystemTime| {
            SystemTime::now()
                .duration_since(modified)
                .is_ok_and(|age| age > Duration::from_secs(3))
        };
        if let (Some(c), Some((len, modified))) = (cached, stamp)
            && c.len == len
            && c.modified == modified
            && settled(modified)
            && was_edited != Some(true)
        {
            return (c.file.clone(), stamp);
        }
        let file = content::read(site_root, content_dir, path);
        let stamp = stamp.filter(|_| matches!(file, ContentFile::Read { .. }));
        (file, stamp)
    }
}

/// Pages of the previous rebuild by output path, with their reuse keys; a [`PageSink`] that
/// renders a page only when its key changed.
#[derive(Default)]
struct PageCache {
    pages: FxHashMap<String, (u128, Bytes)>,
    /// Pages rendered by the running rebuild, kept when it succeeds.
    fresh: Mutex<Vec<(String, u128, Bytes)>>,
    /// Pages rendered by the latest rebuild.
    rendered: usize,
}

impl PageCache {
    /// A failed rebuild keeps the previous pages: the next one compares against them.
    fn abandon(&mut self) {
        self.fresh
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Keeps the pages of a successful rebuild; pages no longer built leave the cache.
    fn finish(&mut self, files: &[OutputFile]) {
        let built: FxHashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        self.pages.retain(|path, _| built.contains(path.as_str()));
        let fresh = std::mem::take(self.fresh.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.rendered = fresh.len();
        for (path, key, bytes) in fresh {
            self.pages.insert(path, (key, bytes));
        }
    }
}

impl PageSink for PageCache {
    fn page(&self, renderer: &Renderer, job: PageJob) -> Result<Option<OutputFile>, Diagnostic> {
        let key = renderer.key(&job);
        if let Some((k, bytes)) = self.pages.get(&job.output)
            && *k == key
        {
            return Ok(Some(OutputFile {
                path: job.output,
                bytes: bytes.clone(),
            }));
        }
        let file = renderer.render(job)?;
        self.fresh.lock().unwrap_or_else(|e| e.into_inner()).push((
            file.path.clone(),
            key,
            file.bytes.clone(),
        ));
        Ok(Some(file))
    }
}
