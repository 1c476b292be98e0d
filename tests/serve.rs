//! `insyn serve`: a running server on a free loopback port serves the site from memory, rebuilds
//! when content changes, signals open pages to reload, and shows a failed build as an error page
//! until the file is fixed.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::TempSite;

/// A running `insyn serve`; killed when dropped, also when a test fails.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &TempSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_insyn"))
            .arg("serve")
            .arg("--port")
            .arg("0")
            .arg("--config")
            .arg(site.root().join("insyn.toml"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start insyn serve");
        let stdout = child.stdout.take().expect("piped stdout");
        // Own the child before anything can panic, so that it is always killed.
        let mut server = Server { child, port: 0 };
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            let line = line.expect("read the server's output");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                server.port = rest.split('/').next().unwrap().parse().unwrap();
                break;
            }
        }
        assert_ne!(server.port, 0, "the server printed no URL");
        // Keep reading so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        server
    }

    /// GETs a path and returns the status code and body.
    fn get(&self, path: &str) -> (u16, String) {
        self.get_as(path, &format!("127.0.0.1:{}", self.port))
    }

    /// GETs a path with the given Host header and returns the status code and body.
    fn get_as(&self, path: &str, host: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read response");
        let status = status_of(&response).expect("status line");
        let body = response
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_string());
        (status, body)
    }

    /// A figure of the server process from `/proc/<pid>/status`, e.g. `Threads` or `VmHWM` (kB).
    fn proc_status(&self, field: &str) -> u64 {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read the server's /proc status");
        status
            .lines()
            .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|value| value.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no {field} in /proc status:\n{status}"))
    }

    /// Opens the reload event stream as a page built at `generation` would.
    fn reload_stream(&self, generation: &str) -> TcpStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET /__insyn/reload?since={generation} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )
        .unwrap();
        stream
    }
}

/// The status code of an HTTP response.
fn status_of(response: &str) -> Option<u16> {
    response.strip_prefix("HTTP/1.")?.get(2..5)?.parse().ok()
}

/// The build number a served page was made from (from its reload script).
fn generation_of(html: &str) -> String {
    let rest = html
        .split("/__insyn/reload?since=")
        .nth(1)
        .expect("the page has the reload script");
    rest.chars().take_while(char::is_ascii_digit).collect()
}

/// Waits until `check` holds for the body of `path`. The deadline only stops a hung test: how
/// fast an edit is served is a performance target, measured by `insyn dev bench`, not here.
fn eventually(server: &Server, path: &str, check: impl Fn(u16, &str) -> bool) -> String {
    within(server, path, 60, check)
}

/// Waits until `check` holds for the body of `path`, at most `secs` seconds.
fn within(server: &Server, path: &str, secs: u64, check: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let (status, body) = server.get(path);
        if check(status, &body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path} did not change within {secs} s; last answer {status}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_edit_is_served_and_signalled_eventually() {
    let site = TempSite::repo();
    let server = Server::start(&site);
    let (status, page) = server.get("/om/");
    assert_eq!(status, 200);
    assert!(page.contains("Om webbplatsen"));
    assert!(
        page.contains("href=\"/") && !page.contains("https://example.org/om/"),
        "links point at the server"
    );
    let mut events = server.reload_stream(&generation_of(&page));
    events
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();

    site.edit(
        "content/sidor/om.md",
        "## Måluppfyllelse",
        "Ändrad under serve.\n\n## Måluppfyllelse",
    );
    eventually(&server, "/om/", |status, body| {
        status == 200 && body.contains("Ändrad under serve.")
    });

    let mut seen = String::new();
    let mut buf = [0u8; 512];
    while !seen.contains("event: reload") {
        let n = events
            .read(&mut buf)
            .expect("a reload event after the edit");
        assert!(n > 0, "the event stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("text/event-stream"), "{seen}");
    // The output folder is never written.
    assert!(!site.public().exists());
}

/// The README's worked example: `secrecy` is declared once, in the § schema
/// (`content::RawParagraph`), and shown by the § template; with no cache code touched, a
/// running `serve` shows it on the § page once the file gains the field, and drops it again.
#[test]
fn a_new_paragraph_field_is_served_after_an_edit() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    let page = "/protokoll/regionstyrelsen/2020-10-14/178/";
    let note = "Sekretess enligt 25 kap. 1 § offentlighets- och sekretesslagen";
    let (status, before) = server.get(page);
    assert_eq!(status, 200);
    assert!(!before.contains("Sekretess:"));
    let file = "content/protokoll/rs/2020-10-14/178.md";
    let title =
        "title = \"Ansvarsfrihet för Stiftelsen Norrbottens läns kulturhistoriska förening\"";
    site.edit(file, title, &format!("{title}\nsecrecy = \"{note}\""));
    eventually(&server, page, |status, body| {
        status == 200 && body.contains(&format!("<strong>Sekretess:</strong> {note}"))
    });
    site.edit(file, &format!("\nsecrecy = \"{note}\""), "");
    eventually(&server, page, |status, body| {
        status == 200 && !body.contains("Sekretess:")
    });
}

#[test]
fn search_files_are_served_and_follow_an_edit() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    // Made in the background after the first build.
    let meta = within(&server, "/sok/data/meta.json", 60, |status, _| {
        status == 200
    });
    let meta: serde_json::Value = serde_json::from_str(&meta).expect("meta.json is JSON");
    let docs = meta["docs"].as_u64().expect("a document count");
    assert!(docs > 10, "{meta}");
    let titled = |word: &str| {
        (0..docs).any(|i| {
            let (status, body) = server.get(&format!("/sok/data/f/{i}.json"));
            status == 200 && body.contains(word)
        })
    };
    assert!(!titled("Zebrafinkstiftelsen"));
    site.edit(
        "content/protokoll/rs/2020-10-14/178.md",
        "Ansvarsfrihet för Stiftelsen",
        "Ansvarsfrihet för Zebrafinkstiftelsen",
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while !titled("Zebrafinkstiftelsen") {
        assert!(
            Instant::now() < deadline,
            "the search files do not follow the edit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// After an edit in place, the next build takes the other files as they were without looking
/// at them; a file added or removed must still be seen, and later edits too.
#[test]
fn files_added_and_removed_between_edits_are_seen() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    let shows =
        |text: &'static str| move |status: u16, body: &str| status == 200 && body.contains(text);
    site.edit(
        "content/sidor/om.md",
        "## Måluppfyllelse",
        "Först.\n\n## Måluppfyllelse",
    );
    eventually(&server, "/om/", shows("Först."));
    site.write(
        "content/sidor/nytt.md",
        "+++\ntitle = \"Ny sida\"\n+++\nTillagd under serve.\n",
    );
    eventually(&server, "/nytt/", shows("Tillagd under serve."));
    site.edit("content/sidor/om.md", "Först.", "Sedan.");
    eventually(&server, "/om/", shows("Sedan."));
    fs::remove_file(site.root().join("content/sidor/nytt.md")).unwrap();
    eventually(&server, "/nytt/", |status, _| status == 404);
    site.edit("content/sidor/om.md", "Sedan.", "Till sist.");
    eventually(&server, "/om/", shows("Till sist."));
    assert_eq!(server.get("/nytt/").0, 404, "a removed file stays removed");
}

#[test]
fn a_broken_file_shows_an_error_page_and_fixing_it_recovers() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    assert_eq!(server.get("/").0, 200);

    site.edit(
        "content/organ/rs.md",
        "abbreviation = \"RS\"",
        "abbreviation = ",
    );
    let error = eventually(&server, "/mal/", |status, _| status == 500);
    assert!(error.contains("Bygget misslyckades"), "{error}");
    assert!(error.contains("content/organ/rs.md:3:"), "{error}");
    assert!(
        error.contains("/__insyn/reload"),
        "the error page reloads too"
    );

    site.edit(
        "content/organ/rs.md",
        "abbreviation = ",
        "abbreviation = \"RS\"",
    );
    let page = eventually(&server, "/mal/", |status, _| status == 200);
    assert!(page.contains("Strategisk plan 2023–2025"), "{page}");
    // Unknown paths get the site's 404 page.
    let (status, body) = server.get("/finns-inte/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "{body}");
}

#[test]
fn an_open_page_in_the_browser_reloads_by_itself() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    let script = format!("{}/tests/browser/serve_reload.js", common::REPO);
    let mut node = Command::new("node")
        .arg(&script)
        .arg(format!("http://127.0.0.1:{}/om/", server.port))
        .arg("Ändrad medan sidan var öppen.")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "could not run `node {script}`: {e}. Node.js and `npm ci --prefix tests/browser` \
                 are required (Chromium at /usr/bin/chromium)."
            )
        });
    let mut lines = BufReader::new(node.stdout.take().unwrap()).lines();
    let ready = lines.next().and_then(Result::ok);
    if ready.as_deref() != Some("ready") {
        let _ = node.kill();
        let output = node.wait_with_output().unwrap();
        panic!(
            "the browser did not open the page: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    site.edit(
        "content/sidor/om.md",
        "## Måluppfyllelse",
        "Ändrad medan sidan var öppen.\n\n## Måluppfyllelse",
    );
    let reloaded = lines.next().and_then(Result::ok);
    let output = node.wait_with_output().unwrap();
    assert_eq!(
        reloaded.as_deref(),
        Some("reloaded"),
        "the page did not reload: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success());
}

/// A folder replaced by moving it away and back is watched again: an edit inside it afterwards
/// is served.
#[test]
fn folders_moved_away_and_back_are_watched_again() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    for (folder, file, from, to) in [
        (
            "content",
            "content/sidor/om.md",
            "## Måluppfyllelse",
            "Efter flytten.\n\n## Måluppfyllelse",
        ),
        (
            "themes",
            "themes/default/templates/base.html",
            "</body>",
            "<p>Efter flytten.</p></body>",
        ),
    ] {
        let here = site.root().join(folder);
        let away = site.root().join(format!("{folder}-borta"));
        fs::rename(&here, &away).unwrap();
        eventually(&server, "/om/", |status, _| status == 500);
        fs::rename(&away, &here).unwrap();
        eventually(&server, "/om/", |status, _| status == 200);
        site.edit(file, from, to);
        eventually(&server, "/om/", |status, body| {
            status == 200 && body.matches("Efter flytten.").count() == 1
        });
        site.edit(file, to, from);
        eventually(&server, "/om/", |status, body| {
            status == 200 && !body.contains("Efter flytten.")
        });
    }
}

/// `content/` removed and copied anew by a copy that pauses half-way, long enough for a build
/// of the half copy to fail: once the copy is complete the new content is served, and the error
/// page is gone.
#[test]
fn content_removed_and_copied_anew_is_served_once_the_copy_is_complete() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    let content = site.root().join("content");
    // The new content, made beside it: one page changed, and the organs held back.
    let copy = site.root().join("kopia");
    common::copy_dir(&content, &copy);
    let about = copy.join("sidor/om.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(
        &about,
        text.replace("## Måluppfyllelse", "Ny kopia.\n\n## Måluppfyllelse"),
    )
    .unwrap();
    let organs = site.root().join("organ-kopia");
    fs::rename(copy.join("organ"), &organs).unwrap();

    fs::remove_dir_all(&content).unwrap();
    fs::rename(&copy, &content).unwrap();
    // The half copy's build fails: its meetings and plans name organs not yet there.
    eventually(&server, "/om/", |status, body| {
        status == 500 && body.contains("organ")
    });
    common::copy_dir(&organs, &content.join("organ"));
    eventually(&server, "/om/", |status, body| {
        status == 200 && body.contains("Ny kopia.")
    });
    let (status, home) = server.get("/");
    assert_eq!(status, 200, "the error page is left up:\n{home}");
}

/// However many connections are open, the server runs on the same threads: 300 sockets left
/// idle half-way through a request add none, and the server still answers.
#[test]
fn many_open_connections_add_no_threads() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    // Wait until the first build and its search files are done.
    within(&server, "/sok/data/meta.json", 60, |status, _| {
        status == 200
    });
    let before = server.proc_status("Threads");
    let idle: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
            stream.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            stream
        })
        .collect();
    // Connections are taken in order, so this one is answered after all the others were.
    assert_eq!(server.get("/om/").0, 200);
    let during = server.proc_status("Threads");
    assert!(
        during <= before + 2,
        "{before} threads before 300 open connections, {during} with them"
    );
    drop(idle);
}

/// A 10 MB request line is refused as soon as the request head is too long, without the server
/// taking the memory for it, and the server goes on answering.
#[test]
fn a_huge_request_line_is_refused_without_taking_memory() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    within(&server, "/sok/data/meta.json", 60, |status, _| {
        status == 200
    });
    let peak_before = server.proc_status("VmHWM");
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut sender = stream.try_clone().unwrap();
    let port = server.port;
    let sending = std::thread::spawn(move || {
        // The server may close the connection before all of it is sent.
        let _ = sender.write_all(b"GET /");
        let _ = sender.write_all(&vec![b'a'; 10 << 20]);
        let _ = write!(sender, " HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    });
    let mut response = Vec::new();
    // A reset after the answer ends the read with an error; what was read counts.
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(
        matches!(status_of(&response), Some(400 | 414 | 431)),
        "a 10 MB request line got {response:?}"
    );
    sending.join().unwrap();
    assert_eq!(server.get("/om/").0, 200);
    let growth = server.proc_status("VmHWM").saturating_sub(peak_before);
    assert!(
        growth < 4 * 1024,
        "the server's peak memory grew by {growth} kB for the request"
    );
}

/// Only requests addressed to the server by a loopback name and its port are answered: a page
/// on another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own
/// name and gets 403, so it cannot read the preview.
#[test]
fn requests_for_another_host_are_refused() {
    let site = TempSite::fixture();
    let server = Server::start(&site);
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = server.get_as("/om/", &host);
        assert_eq!(status, 200, "Host: {host}");
        assert!(body.contains("Om webbplatsen"), "Host: {host}");
    }
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1:{}", u32::from(port) + 1),
    ] {
        for path in ["/om/", "/sok/data/meta.json", "/__insyn/reload"] {
            let (status, body) = server.get_as(path, &host);
            assert_eq!(status, 403, "Host: {host}, {path}: {body}");
            assert!(
                body.len() < 200 && !body.contains("Om webbplatsen"),
                "{body}"
            );
        }
    }
}

/// What `serve` publishes after an edit (only changed pages rendered again) is exactly what a
/// full build of the edited site gives; a template edit renders every page again.
#[test]
fn a_rebuild_renders_only_changed_pages_and_equals_a_full_build() {
    use insyn::build::build_in_memory;
    use insyn::incremental::Incremental;

    let site = TempSite::fixture();
    // Files last changed an hour ago, as in a site being edited: unchanged files are then taken
    // from the previous build, and the edited ones (changed just now) are read again.
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(site.root().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = fs::File::options().append(true).open(entry.path()).unwrap();
            file.set_modified(hour_ago).unwrap();
        }
    }
    let config = site.root().join("insyn.toml");
    let base = Some("http://127.0.0.1:1111/");
    let build = |cache: &mut Incremental| {
        cache
            .rebuild(&config, base)
            .unwrap_or_else(|e| panic!("build failed: {e:?}"))
            .files
    };
    let full = || build_in_memory(&config, base).unwrap().files;
    let mut cache = Incremental::default();

    let first = build(&mut cache);
    let pages = first.iter().filter(|f| f.path.ends_with(".html")).count();
    assert!(
        cache.rendered() >= pages,
        "the first build renders every page"
    );

    let again = build(&mut cache);
    assert_eq!(cache.rendered(), 0, "nothing changed, nothing rendered");
    assert_eq!(again, first);

    let paragraph = "content/protokoll/rs/2020-10-14/178.md";
    site.edit(
        paragraph,
        "lägger informationen till handlingarna",
        "godkänner redovisningen",
    );
    let edited = build(&mut cache);
    let rendered = cache.rendered();
    assert!(
        rendered > 0 && rendered < pages / 2,
        "a § edit renders the pages showing it, not all {pages}: {rendered}"
    );
    assert_eq!(edited, full(), "the rebuilt site is the full build's");
    let page = edited
        .iter()
        .find(|f| f.path == "protokoll/regionstyrelsen/2020-10-14/178/index.html")
        .expect("the § page");
    assert!(String::from_utf8_lossy(&page.bytes).contains("godkänner redovisningen"));

    // A § that takes another diary number: the case it had disappears, and a report text
    // that mentions it is no longer linked, though the report did not change.
    let report = "rapporter/delarsrapport-april-2023/index.html";
    let linked = |files: &[insyn::output::OutputFile]| {
        let page = files.iter().find(|f| f.path == report).expect("the report");
        String::from_utf8_lossy(&page.bytes).contains("/arenden/1351-2020/")
    };
    assert!(linked(&edited));
    site.edit(
        "content/protokoll/rs/2020-10-14/172.md",
        "dnr = [\"1351-2020\"]",
        "dnr = [\"1399-2020\"]",
    );
    let renumbered = build(&mut cache);
    assert!(!linked(&renumbered), "the report no longer links the case");
    assert_eq!(renumbered, full());

    // Pages kept whole follow what they show, whichever file changed: a case's page the
    // titles of its §§, a person's page the texts of their acts, and a meeting's pages the
    // names of the persons and parties acting in its §§.
    let paragraph = "protokoll/regionstyrelsen/2020-10-14/178/index.html";
    for (file, from, to, page, shown) in [
        (
            "content/protokoll/rs/2020-10-14/172.md",
            "title = \"Ny driftsorganisation i Region Norrbotten\"",
            "title = \"Ny driftsorganisation för Region Norrbotten\"",
            "arenden/1399-2020/index.html",
            "§ 172 Ny driftsorganisation för Region",
        ),
        (
            "content/protokoll/rs/2020-10-14/162.md",
            "reserverar sig mot beslutet.",
            "reserverar sig mot beslutet till förmån för eget förslag.",
            "personer/glenn-berggard/index.html",
            "till förmån för eget förslag",
        ),
        (
            "content/personer/linda-frohm.md",
            "Linda Frohm",
            "Linda Frohm Nilsson",
            paragraph,
            "Linda Frohm Nilsson (M)",
        ),
        (
            "content/partier/m.md",
            "abbreviation = \"M\"",
            "abbreviation = \"MOD\"",
            paragraph,
            "Linda Frohm Nilsson (MOD)",
        ),
    ] {
        site.edit(file, from, to);
        let rebuilt = build(&mut cache);
        let html = rebuilt
            .iter()
            .find(|f| f.path == page)
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_else(|| panic!("{page} is built"));
        assert!(html.contains(shown), "{page} shows the edit of {file}");
        assert_eq!(rebuilt, full(), "{file}");
    }
    site.edit(
        "content/protokoll/rf/2017-04-26/_index.md",
        "Regionhuset, Luleå",
        "Regionhuset, Boden",
    );
    let other_meeting = build(&mut cache);
    assert_eq!(other_meeting, full());
    assert!(
        cache.rendered() < 10,
        "an edit to one meeting renders its pages and the pages listing it: {}",
        cache.rendered()
    );

    site.edit(
        "themes/default/templates/base.html",
        "</body>",
        "<!-- ändrad mall --></body>",
    );
    let retemplated = build(&mut cache);
    assert!(
        cache.rendered() >= pages,
        "a template edit renders every page"
    );
    assert_eq!(retemplated, full());
}

/// `serve` makes the search files after an edit from the tokens of the documents that did
/// not change; they are the files `insyn build` writes for the edited site.
#[test]
fn search_files_after_an_edit_are_the_built_sites() {
    use insyn::build::build_in_memory;
    use insyn::routes::Urls;
    use insyn::search::analysis::AnalysisCache;

    let site = TempSite::fixture();
    let config = site.root().join("insyn.toml");
    let search_files = |cache: &mut AnalysisCache| {
        let rendered = build_in_memory(&config, None).expect("the site builds");
        let urls = Urls::new(&rendered.config.base_path());
        insyn::search::static_files(&rendered.site, &urls, &rendered.config.terms, cache)
            .into_iter()
            .map(|f| (f.path, f.bytes.to_vec()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let mut cache = AnalysisCache::default();
    let before = search_files(&mut cache);
    // A new word, a word gone, and a § whose text is now another's.
    site.edit(
        "content/protokoll/rs/2020-10-14/178.md",
        "Ansvarsfrihet för Stiftelsen",
        "Ansvarsfrihet för Zebrafinkstiftelsen",
    );
    site.edit(
        "content/protokoll/rs/2020-10-14/172.md",
        "dnr = [\"1351-2020\"]",
        "dnr = [\"1399-2020\"]",
    );
    let edited = search_files(&mut cache);
    assert_ne!(edited, before);
    assert_eq!(edited, search_files(&mut AnalysisCache::default()));
    site.build_ok();
    let built: std::collections::BTreeMap<String, Vec<u8>> = common::tree(&site.public())
        .into_iter()
        .filter(|(path, _)| path.starts_with("sok/data/"))
        .collect();
    assert_eq!(edited, built, "serve's search files are the built site's");
}
