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

/// Runs the whole pipeline. On failure returns every problem found, and leaves the output alone.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Vec<Diagnostic>> {
    build_with_progress(options, &|_| {})
}

/// `build`, telling `progress` when each step starts.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &(dyn Fn(Stage) + Sync),
) -> Result<BuildSummary, Vec<Diagnostic>> {
    let started = Instant::now();
    let config = load_config(&options.config, options.base_url.as_deref())?;
    let root = site_root(&options.config);
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));

    if let Err(message) = output::check_output_dir(&output, &root) {
        return Err(vec![Diagnostic {
            path: output.display().to_string(),
            line: 1,
            column: 1,
            message,
            hint: Some("choose an output folder of its own, e.g. --output public".into()),
        }]);
    }
    let mut timings = crate::timings::Timings::from_env();
    let site = load_site(&root, progress, &mut timings)?;
    progress(Stage::Render);
    let urls = crate::routes::Urls::new(&config.base_path());
    let index_error = |message: String| Diagnostic {
        path: search::index_dir(&output).display().to_string(),
        line: 1,
        column: 1,
        message,
        hint: Some("check that the folder beside the output is writable".into()),
    };
    let write_error = |e: std::io::Error| Diagnostic {
        path: output.display().to_string(),
        line: 1,
        column: 1,
        message: format!("cannot write the site: {e}"),
        hint: Some("check that the output folder's parent is writable".into()),
    };
    // Pages are written into the staging folder as they are rendered; the site goes in place
    // only when everything was written (with its search index).
    let staging = output::Staging::begin(&output).map_err(|e| vec![write_error(e)])?;
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
    let write_page = |file: &OutputFile| {
        if write_failed.get().is_none() {
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
    let write_search_file = |file: OutputFile| {
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
            let pending = options.search.then(|| {
                if let Err(e) = search_dirs() {
                    let _ = write_failed.set(e);
                }
                search::index_site(&site, &urls, &output, &write_search_file)
            });
            (pending, indexing.elapsed().as_millis())
        },
    );
    timings.mark("render+index");
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
            return Err(diagnostics);
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
        return Err(vec![write_error(e)]);
    }
    steps.mark("  stage");
    let waiting = Instant::now();
    let index = match pending.map(search::PendingIndex::wait).transpose() {
        Ok(index) => index,
        Err(e) => {
            staging.discard();
            return Err(vec![index_error(e)]);
        }
    };
    search_millis += waiting.elapsed().as_millis();
    steps.mark("  index wait");
    if let Err(e) = staging.commit() {
        if let Some(index) = index {
            index.discard();
        }
        return Err(vec![write_error(e)]);
    }
    if let Some(index) = index {
        index.commit().map_err(|e| vec![index_error(e)])?;
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
    let xref = Resolver::new(site);
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
