//! `insyn serve`: a development server on 127.0.0.1. It renders the site into memory (never
//! touching the output folder) with `base_url` pointing at itself, watches `content/`,
//! `themes/` and the config, rebuilds on every change and tells open pages to reload through
//! Server-Sent Events at `/__insyn/reload`. A failed build is shown in the terminal and, as an
//! error page listing every problem, in the browser; the server keeps running. Unchanged files
//! and pages are kept from one build to the next ([`Incremental`]); the static search files
//! are made on a thread of their own after each build.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecursiveMode, Watcher};
use rustc_hash::FxHashSet;
use tiny_http::{Header, Request, Response, Server};

use crate::build::site_root;
use crate::check::percent_decode;
use crate::diagnostics::Diagnostic;
use crate::incremental::Incremental;
use crate::markdown::escape_html;
use crate::model::Site;
use crate::output::Bytes;
use crate::routes::Urls;

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
    /// Signalled after every build.
    rebuilt: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Serves the site until the process is stopped. Returns an error only if it cannot start.
pub fn serve(options: &ServeOptions) -> Result<(), String> {
    let server = Server::http(("127.0.0.1", options.port)).map_err(|e| {
        format!(
            "cannot listen on 127.0.0.1:{}: {e} (pass --port 0 to pick a free port)",
            options.port
        )
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("the server has no IP address")?;
    let base_url = format!("http://127.0.0.1:{port}/");
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            generation: 0,
            files: Arc::new(BTreeMap::new()),
            search: Arc::new(BTreeMap::new()),
            search_generation: 0,
            errors: None,
        }),
        rebuilt: Condvar::new(),
    });
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

    let root = site_root(&options.config);
    let root = root.canonicalize().unwrap_or(root);
    let config_name = options.config.file_name().map(|n| n.to_os_string());
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| format!("cannot watch the site's files: {e}"))?;
    let mut watched = Vec::new();
    for (dir, mode) in [
        (root.join("content"), RecursiveMode::Recursive),
        (root.join("themes"), RecursiveMode::Recursive),
        // The config lives here; editors replace files, so watch its folder, not the file.
        (root.clone(), RecursiveMode::NonRecursive),
    ] {
        if dir.is_dir() {
            watcher
                .watch(&dir, mode)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
            watched.push(dir);
        }
    }
    // Printed even with --quiet: with --port 0 it is the only way to learn the address.
    println!("Serving {base_url} (Ctrl-C stops); watching content/, themes/ and the config");

    {
        let shared = Arc::clone(&shared);
        let config = options.config.clone();
        let quiet = options.quiet;
        let (content, themes) = (root.join("content"), root.join("themes"));
        std::thread::spawn(move || {
            // Reading a file is an event too (the build's own reads among them): only changes
            // to the site's inputs count.
            let relevant = |event: &notify::Result<Event>| {
                let Ok(event) = event else { return false };
                !matches!(event.kind, EventKind::Access(_))
                    && event.paths.iter().any(|path| {
                        path.starts_with(&content)
                            || path.starts_with(&themes)
                            || (path.parent() == Some(root.as_path())
                                && path.file_name() == config_name.as_deref())
                    })
            };
            while let Ok(event) = rx.recv() {
                if !relevant(&event) {
                    continue;
                }
                // An editor's save is a burst of events: wait for it to end, then build once.
                let mut burst = vec![event];
                while let Ok(event) = rx.recv_timeout(Duration::from_millis(50)) {
                    burst.push(event);
                }
                if let Some(edited) = edited_in_place(&burst, &content) {
                    cache.only_edited(edited);
                }
                rebuild(&config, &base_url, &shared, &mut cache, &search, quiet);
            }
        });
    }

    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || handle(request, &shared));
    }
    drop(watcher);
    Ok(())
}

/// The content files (paths below `content`) a burst of watcher events changed, when each was
/// only edited in place; `None` when anything else happened — a file added, removed or
/// renamed, a theme or config change, events lost — and the next load must look at everything.
fn edited_in_place(events: &[notify::Result<Event>], content: &Path) -> Option<FxHashSet<PathBuf>> {
    let mut edited = FxHashSet::default();
    for event in events {
        let event = event.as_ref().ok()?;
        if event.need_rescan() {
            return None;
        }
        match event.kind {
            // The build's own reads, and the close after a write (its write came before).
            EventKind::Access(_) => continue,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {}
            _ => return None,
        }
        for path in &event.paths {
            edited.insert(path.strip_prefix(content).ok()?.to_path_buf());
        }
    }
    Some(edited)
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
    drop(state);
    shared.rebuilt.notify_all();
}

/// A built site whose search files are to be made.
struct SearchJob {
    generation: u64,
    site: Site,
    urls: Urls,
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
            let files = crate::search::static_files(&job.site, &job.urls, &mut cache);
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

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == RELOAD_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        reload_stream(request, shared, since);
        return;
    }
    let (generation, files, search, errors) = {
        let state = shared.lock();
        (
            state.generation,
            Arc::clone(&state.files),
            Arc::clone(&state.search),
            state.errors.clone(),
        )
    };
    let rel = percent_decode(path.trim_start_matches('/'));
    if rel.split('/').any(|s| s == "..") {
        respond(
            request,
            400,
            "text/plain; charset=utf-8",
            b"bad path".to_vec(),
        );
        return;
    }
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    let found = files.get(&file).or_else(|| search.get(&file));
    if let Some(errors) = errors
        && (file.ends_with(".html") || found.is_none())
    {
        let page = error_page(&errors, generation);
        respond(request, 500, "text/html; charset=utf-8", page.into_bytes());
        return;
    }
    match found {
        Some(bytes) => {
            let kind = content_type(&file);
            let body = if file.ends_with(".html") {
                inject_reload(bytes, generation)
            } else {
                bytes.to_vec()
            };
            respond(request, 200, kind, body);
        }
        None if files.contains_key(&format!("{rel}/index.html")) => {
            let response =
                Response::empty(302).with_header(header("Location", &format!("/{rel}/")));
            let _ = request.respond(response);
        }
        None => {
            let body = files
                .get("404.html")
                .map_or_else(|| b"404".to_vec(), |b| inject_reload(b, generation));
            respond(request, 404, "text/html; charset=utf-8", body);
        }
    }
}

/// Server-Sent Events: a `reload` event as soon as the site is newer than the page's build
/// `since`, then one after every rebuild; a comment every few seconds notices closed pages.
fn reload_stream(request: Request, shared: &Shared, since: u64) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    let mut seen = since;
    loop {
        let generation = {
            let state = shared.lock();
            let (state, _) = shared
                .rebuilt
                .wait_timeout_while(state, Duration::from_secs(10), |s| s.generation == seen)
                .unwrap_or_else(|e| e.into_inner());
            state.generation
        };
        let message = if generation != seen {
            seen = generation;
            format!("event: reload\ndata: {generation}\n\n")
        } else {
            ": waiting\n\n".to_string()
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
    }
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

fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>) {
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"));
    // A page closed before the answer arrived is nothing to report.
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("atom") => "application/atom+xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_in_place_edits_of_content_files_skip_the_full_look() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, RemoveKind};
        let content = Path::new("/site/content");
        let event = |kind: EventKind, path: &str| Ok(Event::new(kind).add_path(path.into()));
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let read = EventKind::Access(AccessKind::Any);
        let edited = edited_in_place(
            &[
                event(write, "/site/content/sidor/om.md"),
                event(read, "/site/content/organ/rs.md"),
                event(write, "/site/content/protokoll/rs/2020-10-14/172.md"),
            ],
            content,
        )
        .expect("in-place edits");
        let mut edited: Vec<_> = edited.into_iter().collect();
        edited.sort();
        assert_eq!(
            edited,
            [
                PathBuf::from("protokoll/rs/2020-10-14/172.md"),
                PathBuf::from("sidor/om.md")
            ]
        );
        for other in [
            event(
                EventKind::Create(CreateKind::File),
                "/site/content/sidor/ny.md",
            ),
            event(
                EventKind::Remove(RemoveKind::File),
                "/site/content/sidor/om.md",
            ),
            event(
                EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::Both)),
                "/site/content/sidor/om.md",
            ),
            event(
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
                "/site/content/sidor/om.md",
            ),
            event(write, "/site/themes/default/templates/base.html"),
            event(write, "/site/insyn.toml"),
            Err(notify::Error::generic("queue overflow")),
        ] {
            assert_eq!(
                edited_in_place(&[event(write, "/site/content/sidor/om.md"), other], content),
                None
            );
        }
    }

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
