//! The build command: runs the pipeline from config to written site and reports the outcome.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::indexes::Indexes;
use crate::model::Site;
use crate::output::OutputFile;
use crate::render::{InMemory, PageSink, Streamed};
use crate::xref::Resolver;
use crate::{content, link, output, render, search};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub config: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Whether to build the search index and search files.
    pub search: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub output: PathBuf,
    pub millis: u128,
    /// Of which indexing for search (documents, static search files, tantivy index).
    pub search_millis: u128,
}

/// The steps of a build, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and validating the content.
    Load,
    /// Rendering pages, stylesheet and assets into memory.
    Render,
    /// Building the search index and the static search files.
    Index,
    /// Writing the output folder.
    Write,
}

/// A site rendered into memory: what `serve` and `check` work on instead of the output folder.
pub struct Rendered {
    pub config: Config,
    pub root: PathBuf,
    pub site: Site,
    pub files: Vec<OutputFile>,
}

/// Why a build failed, and whether it left the output as it was.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the output folder and the search index are as they were before the build. A
    /// failure while swapping them in, or while putting back what an interrupted build moved
    /// aside, may leave them otherwise; the diagnostics say where things are.
    pub output_kept: bool,
}

impl From<Vec<Diagnostic>> for BuildFailure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        BuildFailure {
            diagnostics,
            output_kept: true,
        }
    }
}

/// Runs the whole pipeline. On failure returns every problem found, and leaves the output alone.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildFailure> {
    build_with_progress(options, &|_| {})
}

/// `build`, telling `progress` when each step starts.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &(dyn Fn(Stage) + Sync),
) -> Result<BuildSummary, BuildFailure> {
    let started = Instant::now();
    let config = load_config(&options.config, options.base_url.as_deref())?;
    let root = site_root(&options.config);
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    let index_dir = search::index_dir(&output);
    let site_folder = output::site_folder(&output);
    let index_folder = options
        .search
        .then(|| search::engine::index_folder(&index_dir));
    prepare_output(options, &root, &site_folder, index_folder.as_ref())?;

    let mut timings = crate::timings::Timings::from_env();
    let site = load_site(&root, progress, &mut timings)?;
    progress(Stage::Render);
    let urls = crate::routes::Urls::new(&config.base_path());
    let write_error = |e: std::io::Error| write_failure(&output, "cannot write the site", &e);
    // Pages are written into the staging folder as they are rendered; the site goes in place
    // only when everything was written (with its search index).
    let staging = output::Staging::begin(&site_folder).map_err(|e| vec![write_error(e)])?;
    // Every page is an `.html` file.
    let streamed = AtomicUsize::new(0);
    // The first write error fails the build; the pages after it are not written (a full disk
    // is one problem, not one per page).
    let write_failed: OnceLock<std::io::Error> = OnceLock::new();
    // Counts a file written, or keeps the first write error.
    let record = |written: std::io::Result<()>, count: &AtomicUsize| match written {
        Ok(()) => {
            count.fetch_add(1, Ordering::Relaxed);
        }
        Err(e) => {
            let _ = write_failed.set(e);
        }
    };
    // The search page carries the static index's `meta.json` (see
    // `search::export::with_inline_meta`); the indexer makes it beside rendering, so the page
    // is held back until both are done.
    let search_page = crate::routes::output_file(crate::routes::SEARCH);
    let held_search_page: OnceLock<OutputFile> = OnceLock::new();
    let search_meta: OnceLock<output::Bytes> = OnceLock::new();
    let write_page = |file: &OutputFile| {
        if options.search && file.path == search_page {
            let _ = held_search_page.set(file.clone());
        } else if write_failed.get().is_none() {
            record(staging.write(file), &streamed);
        }
    };
    // The search files are written as they are made too, into their few folders made first.
    let searched = AtomicUsize::new(0);
    let search_dirs = || {
        search::export::folders()
            .iter()
            .try_for_each(|dir| staging.create_dir(dir))
    };
    let meta_path = search::export::meta_path();
    let write_search_file = |file: OutputFile| {
        if file.path == meta_path {
            let _ = search_meta.set(file.bytes.clone());
        }
        if write_failed.get().is_none() {
            record(staging.write_file(&file), &searched);
        }
    };
    // Indexing reads only the model, so it runs beside rendering: much of rendering is one
    // thread's work, and the other core indexes meanwhile.
    let (rendered, (pending, mut search_millis)) = rayon::join(
        || {
            let rendered = render_pages(&site, &config, &root, &Streamed(&write_page));
            if options.search {
                progress(Stage::Index);
            }
            rendered
        },
        || {
            let indexing = Instant::now();
            let pending = index_folder.as_ref().map(|folder| {
                if let Err(e) = search_dirs() {
                    let _ = write_failed.set(e);
                }
                search::index_site(&site, &urls, &config.terms, folder, &write_search_file)
            });
            (pending, indexing.elapsed().as_millis())
        },
    );
    timings.mark("render+index");
    if let Some(mut page) = held_search_page.into_inner() {
        if let Some(filled) = search_meta
            .get()
            .and_then(|meta| search::export::with_inline_meta(&page.bytes, meta))
        {
            page.bytes = filled.into();
        }
        if write_failed.get().is_none() {
            record(staging.write(&page), &streamed);
        }
    }
    let write_failed = write_failed.into_inner().map(write_error);
    let files = match (rendered, write_failed) {
        (Ok(files), None) => files,
        (rendered, write_failed) => {
            let mut diagnostics = rendered.err().unwrap_or_default();
            diagnostics.extend(write_failed);
            if let Some(pending) = pending {
                pending.discard();
            }
            staging.discard();
            return Err(diagnostics.into());
        }
    };
    progress(Stage::Write);
    // The tantivy index is written meanwhile.
    let mut steps = crate::timings::Timings::from_env();
    if let Err(e) = staging.write_all(&files) {
        if let Some(pending) = pending {
            pending.discard();
        }
        staging.discard();
        return Err(vec![write_error(e)].into());
    }
    steps.mark("  stage");
    let waiting = Instant::now();
    let index = match pending.map(search::PendingIndex::wait).transpose() {
        Ok(index) => index,
        Err(e) => {
            staging.discard();
            return Err(vec![write_failure(
                &index_dir,
                "cannot write the search index",
                &e,
            )]
            .into());
        }
    };
    search_millis += waiting.elapsed().as_millis();
    steps.mark("  index wait");
    let site_swapped = match staging.swap() {
        Ok(swapped) => swapped,
        Err(e) => {
            if let Some(index) = index {
                index.discard();
            }
            return Err(swap_failure(&output, "the site", &e));
        }
    };
    let index_swapped = match index.map(search::engine::StagedIndex::swap).transpose() {
        Ok(swapped) => swapped,
        Err(e) => {
            let mut failure = swap_failure(&index_dir, "the search index", &e);
            // The previous site goes back too, so that site and index stay of one build.
            if let Err(e) = site_swapped.undo() {
                failure.output_kept = false;
                let undo = swap_failure(&output, "the previous site back", &e);
                failure.diagnostics.extend(undo.diagnostics);
            }
            return Err(failure);
        }
    };
    site_swapped.finish();
    if let Some(swapped) = index_swapped {
        swapped.finish();
    }
    steps.mark("  swap");
    timings.mark("write");
    let streamed = streamed.into_inner();
    Ok(BuildSummary {
        pages: streamed + files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: streamed + searched.into_inner() + files.len(),
        output,
        millis: started.elapsed().as_millis(),
        search_millis,
    })
}

/// Refuses an output folder (and search index beside it) whose replacement could destroy
/// something Insyn did not make, then cleans up after interrupted builds: puts back a previous
/// folder a swap moved aside, and removes abandoned staging folders.
fn prepare_output(
    options: &BuildOptions,
    root: &Path,
    site: &output::Folder,
    index: Option<&output::Folder>,
) -> Result<(), BuildFailure> {
    let content = root.join(crate::routes::content::ROOT);
    let themes = root.join(crate::routes::THEMES);
    let inputs: [(&Path, &str); 3] = [
        (&options.config, "the site's config file"),
        (&content, "the site's content folder"),
        (&themes, "the site's themes folder"),
    ];
    let rule = format!(
        "Insyn replaces only a missing or empty folder, or one it made (which holds `{}`)",
        output::folder::MARKER
    );
    let own_folder = if options.output.is_some() {
        "choose an output folder of its own, e.g. --output public"
    } else {
        "set output_dir in insyn.toml to a folder of its own, e.g. output_dir = \"public\""
    };
    let refused = |folder: &output::Folder, what: &str, why: String, fix: &str| Diagnostic {
        path: folder.to_string(),
        line: 1,
        column: 1,
        message: format!("{what} `{folder}` {why}"),
        hint: Some(format!("{fix}; {rule}")),
    };
    let mut diagnostics = Vec::new();
    if let Some(why) = site.refusal(root, &inputs) {
        diagnostics.push(refused(site, "the output folder", why, own_folder));
    }
    if let Some(index) = index {
        let why = if index.path() == site.path() {
            Some("is where the search index goes (`search-index` beside the output folder)".into())
        } else {
            index.refusal(root, &inputs)
        };
        if let Some(why) = why {
            diagnostics.push(refused(
                index,
                "the search index folder",
                why,
                "the search index goes to `search-index` beside the output folder: move that \
                 folder away, or build into a folder elsewhere with --output",
            ));
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics.into());
    }
    for folder in std::iter::once(site).chain(index) {
        if let Err(e) = folder.recover() {
            return Err(BuildFailure {
                diagnostics: vec![write_failure(
                    folder.path(),
                    "cannot clean up after an interrupted build",
                    &e,
                )],
                output_kept: false,
            });
        }
    }
    Ok(())
}

/// A failed write into or beside `path`, with the fix for what failed.
fn write_failure(path: &Path, what: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        message: format!("{what}: {error}"),
        hint: Some(output::write_hint(error).into()),
    }
}

/// A failed swap of `what` into `path`.
fn swap_failure(path: &Path, what: &str, e: &output::SwapError) -> BuildFailure {
    let mut diagnostic = write_failure(path, &format!("cannot put {what} in place"), &e.error);
    if let Some(aside) = &e.aside {
        diagnostic.message += &format!("; the previous one is in {}", aside.display());
    }
    BuildFailure {
        diagnostics: vec![diagnostic],
        output_kept: e.aside.is_none(),
    }
}

/// Config, content and rendering, without touching the output folder.
pub fn build_in_memory(
    config_path: &Path,
    base_url: Option<&str>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let config = load_config(config_path, base_url)?;
    let root = site_root(config_path);
    let mut timings = crate::timings::Timings::from_env();
    let site = load_site(&root, &|_| {}, &mut timings)?;
    let files = render_pages(&site, &config, &root, &InMemory)?;
    timings.mark("render");
    Ok(Rendered {
        config,
        root,
        site,
        files,
    })
}

/// Reads the config and applies a `--base-url` override.
pub fn load_config(path: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let mut config = Config::load(path)?;
    if let Some(base_url) = base_url {
        if crate::config::base_path(base_url).is_none() {
            return Err(vec![Diagnostic {
                path: "--base-url".into(),
                line: 1,
                column: 1,
                message: format!("`{base_url}` is not an http(s) URL"),
                hint: Some("write it like https://example.org/insyn/".into()),
            }]);
        }
        config.base_url = base_url.to_string();
    }
    Ok(config)
}

/// Reads, checks and links the content.
fn load_site(
    root: &Path,
    progress: &(dyn Fn(Stage) + Sync),
    timings: &mut crate::timings::Timings,
) -> Result<Site, Vec<Diagnostic>> {
    progress(Stage::Load);
    let mut diagnostics = Diagnostics::default();
    let raw = content::load(root, &mut diagnostics);
    timings.mark("load");
    let site = link_site(raw, diagnostics);
    timings.mark("link");
    site
}

/// Checks and links loaded content; fails with every problem of the load and the link.
pub fn link_site(
    raw: content::RawContent,
    mut diagnostics: Diagnostics,
) -> Result<Site, Vec<Diagnostic>> {
    let site = link::link(raw, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(diagnostics.into_sorted());
    }
    Ok(site)
}

/// Renders the pages, stylesheet and assets of a linked site, each page into `sink`.
pub fn render_pages(
    site: &Site,
    config: &Config,
    root: &Path,
    sink: &dyn PageSink,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut diagnostics = Diagnostics::default();
    // The derived indexes, made once from the linked model, for every page family.
    let xref = Resolver::new(site, &config.diary_numbers.forms);
    let indexes = Indexes::new(site, &xref);
    let files = render::render_site(site, &xref, &indexes, config, root, &mut diagnostics, sink);
    if !diagnostics.is_empty() {
        return Err(diagnostics.into_sorted());
    }
    Ok(files)
}

/// The folder holding the config is the site's root.
pub fn site_root(config: &Path) -> PathBuf {
    match config.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
