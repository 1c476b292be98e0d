//! The build command: runs the pipeline from config to written site and reports the outcome.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::{content, link, output, render};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub config: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub output: PathBuf,
    pub millis: u128,
}

/// Runs the whole pipeline. On failure returns every problem found, and leaves the output alone.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Vec<Diagnostic>> {
    let started = Instant::now();
    let mut config = Config::load(&options.config)?;
    if let Some(base_url) = &options.base_url {
        if crate::config::base_path(base_url).is_none() {
            return Err(vec![Diagnostic {
                path: "--base-url".into(),
                line: 1,
                column: 1,
                message: format!("`{base_url}` is not an http(s) URL"),
                hint: Some("write it like https://example.org/insyn/".into()),
            }]);
        }
        config.base_url = base_url.clone();
    }
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
    let mut diagnostics = Diagnostics::default();
    let raw = content::load(&root, &mut diagnostics);
    timings.mark("load");
    let site = link::link(raw, &mut diagnostics);
    timings.mark("link");
    if !diagnostics.is_empty() {
        return Err(diagnostics.into_sorted());
    }
    let files = render::render_site(&site, &config, &root, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(diagnostics.into_sorted());
    }
    timings.mark("render");
    output::write_site(&output, &files).map_err(|e| {
        vec![Diagnostic {
            path: output.display().to_string(),
            line: 1,
            column: 1,
            message: format!("cannot write the site: {e}"),
            hint: Some("check that the output folder's parent is writable".into()),
        }]
    })?;
    timings.mark("write");
    Ok(BuildSummary {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        output,
        millis: started.elapsed().as_millis(),
    })
}

/// The folder holding the config is the site's root.
pub fn site_root(config: &Path) -> PathBuf {
    match config.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
