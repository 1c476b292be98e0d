//! `insyn serve`: a development server on 127.0.0.1. It renders the site into memory (never
//! touching the output folder) with `base_url` pointing at itself, watches `content/`,
//! `themes/` and the config ([`watch`]: a folder that is replaced is watched anew, and a burst
//! of changes is waited out), rebuilds after every change and tells open pages to reload through
//! Server-Sent Events at `/__insyn/reload`. A failed build is shown in the terminal and, as an
//! error page listing every problem, in the browser; the server keeps running. Unchanged files
//! and pages are kept from one build to the next ([`Incremental`]); the static search files
//! are made on a thread of their own after each build. Requests are answered on one thread
//! whatever the number of connections, and only when addressed to the server itself ([`http`]).

mod http;
mod watch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::build::site_root;
use crate::config::Terms;
use crate::diagnostics::Diagnostic;
use crate::incremental::Incremental;
use crate::markdown::escape_html;
use crate::model::Site;
use crate::output::Bytes;
use crate::routes::Urls;
use watch::{Change, Inputs};

/// The path of the reload event stream.
pub const RELOAD_PATH: &str = "/__insyn/reload";

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub config: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    /// Print only errors (and the address).
    pub quiet: bool,
}

/// The outcome of the latest build, numbered so that pages can tell they are stale.
struct State {
    generation: u64,
    /// The files of the latest successful build, by path below the site root.
    files: Arc<BTreeMap<String, Bytes>>,
    /// The static search files (`sok/data/…`), made in the background after a build: until the
    /// first are ready `/sok/` finds nothing, later ones replace them when ready.
    search: Arc<BTreeMap<String, Bytes>>,
    /// The build the search files were made from.
    search_generation: u64,
    /// The problems of the latest build, if it failed.
    errors: Option<Arc<Vec<Diagnostic>>>,
}

struct Shared {
    state: Mutex<State>,
    /// The generation of the latest build, sent after every build to the reload streams.
    rebuilt: tokio::sync::watch::Sender<u64>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Serves the site until the process is stopped. Returns an error only if it cannot start.
pub fn serve(options: &ServeOptions) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| {
        format!(
            "cannot listen on 127.0.0.1:{}: {e} (pass --port 0 to pick a free port)",
            options.port
        )
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("the server has no address: {e}"))?
        .port();
    let base_url = format!("http://127.0.0.1:{port}/");
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            generation: 0,
            files: Arc::new(BTreeMap::new()),
            search: Arc::new(BTreeMap::new()),
            search_generation: 0,
            errors: None,
        }),
        rebuilt: tokio::sync::watch::Sender::new(0),
    });
    let root = site_root(&options.config);
    let root = root.canonicalize().unwrap_or(root);
    // Watching starts before the first build, so that a change made during it is seen.
    let mut inputs = Inputs::watch(&root, &options.config)?;
    let search = search_worker(Arc::clone(&shared));
    let mut cache = Incremental::default();
    rebuild(
        &options.config,
        &base_url,
        &shared,
        &mut cache,
        &search,
        options.quiet,
    );
    // Printed even with --quiet: with --port 0 it is the only way to learn the address.
    println!("Serving {base_url} (Ctrl-C stops); watching content/, themes/ and the config");

    {
        let shared = Arc::clone(&shared);
        let config = options.config.clone();
        let quiet = options.quiet;
        std::thread::spawn(move || {
            while let Some(change) = inputs.next_change() {
                if let Change::EditedInPlace(edited) = change {
                    cache.only_edited(edited);
                }
                rebuild(&config, &base_url, &shared, &mut cache, &search, quiet);
            }
        });
    }
    http::run(listener, shared)
}

/// Builds the site into memory and publishes the result (or the problems) to the server.
/// Files and pages unchanged since the last build are not read or rendered again.
fn rebuild(
    config: &Path,
    base_url: &str,
    shared: &Shared,
    cache: &mut Incremental,
    search: &mpsc::Sender<SearchJob>,
    quiet: bool,
) {
    let started = Instant::now();
    let result = cache.rebuild(config, Some(base_url));
    let millis = started.elapsed().as_millis();
    let mut state = shared.lock();
    state.generation += 1;
    match result {
        Ok(rendered) => {
            if !quiet {
                let pages = rendered
                    .files
                    .iter()
                    .filter(|f| f.path.ends_with(".html"))
                    .count();
                let rendered = cache.rendered();
                if rendered == pages {
                    println!("Built {pages} pages in {millis} ms");
                } else {
                    println!("Built {pages} pages in {millis} ms ({rendered} changed)");
                }
            }
            state.files = Arc::new(
                rendered
                    .files
                    .into_iter()
                    .map(|f| (f.path, f.bytes))
                    .collect(),
            );
            state.errors = None;
            let _ = search.send(SearchJob {
                generation: state.generation,
                urls: Urls::new(&rendered.config.base_path()),
                terms: rendered.config.terms.clone(),
                site: rendered.site,
            });
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "Build failed with {} error{} in {millis} ms; the browser shows them until they are fixed.",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            state.errors = Some(Arc::new(errors));
        }
    }
    // Sent while the state is locked, so that a page and its reload stream agree.
    shared.rebuilt.send_replace(state.generation);
}

/// A built site whose search files are to be made.
struct SearchJob {
    generation: u64,
    site: Site,
    urls: Urls,
    terms: Terms,
}

/// Makes the static search files of each build on a thread of its own, so that pages reload
/// without waiting for them; of the builds waiting, only the latest is indexed.
fn search_worker(shared: Arc<Shared>) -> mpsc::Sender<SearchJob> {
    let (tx, rx) = mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        let mut cache = crate::search::analysis::AnalysisCache::default();
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let files = crate::search::static_files(&job.site, &job.urls, &job.terms, &mut cache);
            drop(job.site);
            let mut state = shared.lock();
            if job.generation > state.search_generation {
                state.search = Arc::new(files.into_iter().map(|f| (f.path, f.bytes)).collect());
                state.search_generation = job.generation;
            }
        }
    });
    tx
}

/// Adds the reload script before `</body>`; it only talks to this server.
fn inject_reload(html: &[u8], generation: u64) -> Vec<u8> {
    let script = format!(
        "<script>new EventSource(\"{RELOAD_PATH}?since={generation}\").addEventListener(\"reload\",function(){{location.reload()}});</script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// The page shown instead of the site while its build fails: every problem with file, line
/// and hint.
pub fn error_page(errors: &[Diagnostic], generation: u64) -> String {
    let mut items = String::new();
    for e in errors {
        items.push_str(&format!(
            "<li><code>{}:{}:{}</code><p>{}</p>",
            escape_html(&e.path),
            e.line,
            e.column,
            escape_html(&e.message)
        ));
        if let Some(hint) = &e.hint {
            items.push_str(&format!(
                "<p class=\"hint\">Tips: {}</p>",
                escape_html(hint)
            ));
        }
        items.push_str("</li>\n");
    }
    let count = errors.len();
    let html = format!(
        "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Bygget misslyckades – Insyn</title>\n<style>\
         body{{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}}\
         h1{{color:#a4000f}}li{{margin:0 0 1rem;overflow-wrap:anywhere}}\
         code{{font-weight:bold}}p{{margin:.25rem 0}}.hint{{color:#444}}</style>\n</head>\n<body>\n\
         <h1>Bygget misslyckades</h1>\n<p>{count} fel. Sidan laddas om när filerna är rättade.</p>\n\
         <ol>\n{items}</ol>\n</body>\n</html>\n"
    );
    String::from_utf8(inject_reload(html.as_bytes(), generation)).unwrap_or(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_page_escapes_and_names_the_file() {
        let page = error_page(
            &[Diagnostic {
                path: "content/organ/<rs>.md".into(),
                line: 3,
                column: 7,
                message: "unknown key `<script>`".into(),
                hint: Some("remove it".into()),
            }],
            4,
        );
        assert!(page.contains("content/organ/&lt;rs&gt;.md:3:7"));
        assert!(page.contains("unknown key `&lt;script&gt;`"));
        assert!(page.contains("Tips: remove it"));
        assert!(page.contains("/__insyn/reload?since=4"));
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>", 2);
        let html = String::from_utf8(html).unwrap();
        assert!(html.ends_with("</script></body></html>"), "{html}");
    }
}
