//! `insyn check`: validates the content (every build diagnostic) and then every internal link
//! and anchor of the rendered pages, without writing anything; on request also every external
//! link. Each broken link is reported on the content file its page comes from, at the link when
//! the file contains it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use scraper::{Html, Selector};

use crate::build::build_in_memory;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::output::OutputFile;

/// What a clean check looked at.
#[derive(Debug)]
pub struct CheckSummary {
    pub pages: usize,
    /// Internal links and anchors checked.
    pub links: usize,
    /// External URLs requested (with `--external`).
    pub external: usize,
    /// Cross-references whose target is not on the site: they stay plain text. Not an error
    /// (a protocol of another year may simply not be published), but listed for the web team.
    pub unresolved: Vec<crate::xref::UnresolvedRef>,
    /// Diary numbers that look mistyped: not an error either (the site's forms may be
    /// incomplete), but each is worth a look.
    pub diary_numbers: Vec<crate::xref::DnrWarning>,
}

/// The links of a rendered site.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Internal links that lead nowhere.
    pub broken: Vec<BrokenLink>,
    /// How many internal links were checked.
    pub checked: usize,
    /// Every external http(s) URL (without fragment) with the pages that link to it, as written.
    pub external: BTreeMap<String, Vec<(String, String)>>,
}

/// An internal link of a rendered page that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page's path below the site root, e.g. `om/index.html`.
    pub page: String,
    /// The link as written in the page.
    pub link: String,
    pub reason: String,
}

/// Checks the site of `config`: all content problems, or else all broken internal links and,
/// with `external`, all external links that fail.
pub fn check(config: &Path, external: bool) -> Result<CheckSummary, Vec<Diagnostic>> {
    let rendered = build_in_memory(config, None)?;
    let forms = &rendered.config.diary_numbers.forms;
    let base = rendered.config.base_path();
    let mut report = check_links(&rendered.files, &base);
    let mut external_checked = 0;
    if external {
        external_checked = report.external.len();
        report.broken.extend(check_external(&report.external));
    }
    if report.broken.is_empty() {
        return Ok(CheckSummary {
            pages: rendered
                .files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .count(),
            links: report.checked,
            external: external_checked,
            unresolved: crate::xref::unresolved_references(&rendered.site, forms),
            diary_numbers: crate::xref::diary_number_warnings(&rendered.site, forms),
        });
    }
    let xref = crate::xref::Resolver::new(&rendered.site, forms);
    let indexes = crate::indexes::Indexes::new(&rendered.site, &xref);
    let origins = crate::render::page_origins(&rendered.site, &xref, &indexes, &rendered.config);
    let mut problems = Vec::new();
    // Links that are not in their page's content file (theme, config) are on many pages:
    // report each once.
    let mut elsewhere: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for b in &report.broken {
        match locate(b, origins.get(&b.page), &rendered.root, &base) {
            Some(diagnostic) => problems.push(diagnostic),
            None => elsewhere
                .entry((&b.link, &b.reason))
                .or_default()
                .push(&b.page),
        }
    }
    for ((link, reason), pages) in elsewhere {
        let first = format!("{base}{}", pages[0].trim_end_matches("index.html"));
        let on = match pages.len() {
            1 => format!("the page {first}"),
            n => format!("{n} pages, e.g. {first}"),
        };
        problems.push(Diagnostic {
            path: format!("themes/{}/templates", rendered.config.theme),
            line: 1,
            column: 1,
            message: format!("broken link `{link}` on {on}: {reason}"),
            hint: Some(
                "the link is in no content file: it comes from the theme's templates, the config or the page's generated parts"
                    .into(),
            ),
        });
    }
    problems.sort();
    problems.dedup();
    Err(problems)
}

/// Requests each external URL once (HEAD, then GET if HEAD is refused) with a timeout, a few
/// at a time, and returns a broken link for every page linking to a URL that failed.
fn check_external(urls: &BTreeMap<String, Vec<(String, String)>>) -> Vec<BrokenLink> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .user_agent("insyn-check")
        .build()
        .into();
    let queue = Mutex::new(urls.iter());
    let broken = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((url, pages)) = next else { break };
                    if let Err(reason) = fetch(&agent, url) {
                        let mut broken = broken.lock().unwrap_or_else(|e| e.into_inner());
                        broken.extend(pages.iter().map(|(page, link)| BrokenLink {
                            page: page.clone(),
                            link: link.clone(),
                            reason: reason.clone(),
                        }));
                    }
                }
            });
        }
    });
    broken.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// `Ok` when the URL answers with a success or redirect status.
fn fetch(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let describe = |status: ureq::http::StatusCode| {
        format!(
            "the server answered {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
    };
    match agent.head(url).call() {
        Ok(response) if response.status().as_u16() < 400 => return Ok(()),
        // Some servers refuse HEAD; ask again with GET before calling the link broken.
        Ok(_) | Err(_) => {}
    }
    match agent.get(url).call() {
        Ok(response) if response.status().as_u16() < 400 => Ok(()),
        Ok(response) => Err(describe(response.status())),
        Err(e) => Err(format!("the request failed: {e}")),
    }
}

/// Turns a broken link into a diagnostic at the link in the content file its page was rendered
/// from; `None` when that file does not contain the link.
fn locate(
    broken: &BrokenLink,
    origin: Option<&String>,
    root: &Path,
    base: &str,
) -> Option<Diagnostic> {
    let url = format!("{base}{}", broken.page.trim_end_matches("index.html"));
    let message = format!(
        "broken link `{}` on the page {url}: {}",
        broken.link, broken.reason
    );
    let text = std::fs::read_to_string(root.join(origin?)).ok()?;
    let source = SourceText::new(origin?.clone(), text);
    // Content writes links without the base path when the site lives under a sub-path.
    let without_base = broken
        .link
        .strip_prefix(base)
        .map(|rest| format!("/{rest}"));
    let offset = std::iter::once(broken.link.clone())
        .chain(without_base)
        .find_map(|needle| source.text.find(&needle))?;
    Some(source.error_at(
        offset,
        message,
        Some("correct the link or remove it; `insyn serve` shows the page".into()),
    ))
}

/// Every internal link and anchor of the HTML files that does not resolve to a file (and an
/// element id) of the site, and every external URL. `base` is the site's base path (`/` or
/// `/insyn/`).
pub fn check_links(files: &[OutputFile], base: &str) -> LinkReport {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let id_sel = Selector::parse("[id]").expect("valid selector");
    let link_sel = Selector::parse(
        "a[href], area[href], link[href], script[src], img[src], source[src], iframe[src], form[action]",
    )
    .expect("valid selector");
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(&str, String)> = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let doc = Html::parse_document(&String::from_utf8_lossy(&file.bytes));
        ids.insert(
            &file.path,
            doc.select(&id_sel)
                .filter_map(|e| e.value().attr("id").map(str::to_string))
                .collect(),
        );
        for el in doc.select(&link_sel) {
            let v = el.value();
            if preloads_search_data(v, base) {
                continue;
            }
            if let Some(url) = v.attr("href").or(v.attr("src")).or(v.attr("action")) {
                links.push((&file.path, url.trim().to_string()));
            }
        }
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    let mut external: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (page, link) in links {
        if is_external(&link) {
            if link.starts_with("http://") || link.starts_with("https://") {
                let url = link.split('#').next().unwrap_or(&link).to_string();
                external
                    .entry(url)
                    .or_default()
                    .push((page.to_string(), link.clone()));
            }
            continue;
        }
        checked += 1;
        let without_query = match link.split_once('#') {
            Some((path, fragment)) => (path.split('?').next().unwrap_or(""), Some(fragment)),
            None => (link.split('?').next().unwrap_or(""), None),
        };
        let (target, fragment) = without_query;
        let target_file = if target.is_empty() {
            page.to_string()
        } else {
            let absolute = resolve(page, target, base);
            match absolute.strip_prefix(base) {
                Some(rest) if rest.is_empty() || rest.ends_with('/') => format!("{rest}index.html"),
                Some(rest) => rest.to_string(),
                None => {
                    broken.push(BrokenLink {
                        page: page.to_string(),
                        link: link.clone(),
                        reason: format!("it points outside the site's base path {base}"),
                    });
                    continue;
                }
            }
        };
        let target_file = percent_decode(&target_file);
        if !paths.contains(target_file.as_str()) {
            broken.push(BrokenLink {
                page: page.to_string(),
                link: link.clone(),
                reason: format!("the site has no file {target_file}"),
            });
            continue;
        }
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            let fragment = percent_decode(fragment);
            let has_anchor = ids
                .get(target_file.as_str())
                .is_some_and(|ids| ids.contains(&fragment));
            if target_file.ends_with(".html") && !has_anchor {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    link: link.clone(),
                    reason: format!("{target_file} has no element with id=\"{fragment}\""),
                });
            }
        }
    }
    LinkReport {
        broken,
        checked,
        external,
    }
}

/// A preload of a static search file (the search page's `meta.json`): the indexer writes
/// those files, and `insyn check` renders the pages without indexing, so they are not links
/// to check.
fn preloads_search_data(el: &scraper::node::Element, base: &str) -> bool {
    let preload = el
        .attr("rel")
        .is_some_and(|rel| rel.split_whitespace().any(|r| r == "preload"));
    let data = format!("{base}{}/", crate::routes::SEARCH_DATA);
    el.name() == "link" && preload && el.attr("href").is_some_and(|h| h.starts_with(&data))
}

/// Links that leave the site (other hosts and schemes) are not checked here.
fn is_external(link: &str) -> bool {
    let before_fragment = link.split('#').next().unwrap_or("");
    before_fragment.starts_with("//")
        || before_fragment
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty())
}

/// The absolute path of `target` as linked from `page` (a path below the site root).
fn resolve(page: &str, target: &str, base: &str) -> String {
    if target.starts_with('/') {
        return normalise(target);
    }
    let dir = match page.rfind('/') {
        Some(i) => &page[..=i],
        None => "",
    };
    normalise(&format!("{base}{dir}{target}"))
}

/// Removes `.` and `..` segments, keeping a trailing slash.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if (path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..")) && out != "/" {
        out.push('/');
    }
    out
}

/// Decodes `%XX` escapes; anything malformed is kept as it is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec().into(),
        }
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = vec![
            file(
                "index.html",
                r##"<a href="/om/">ok</a><a href="/nej/">x</a><a href="/om/#finns">ok</a>
                <a href="/om/#saknas">x</a><a href="#top">x</a><a href="https://x.se/">ext</a>
                <a href="mailto:a@b.se">m</a><a href="om/">rel</a>"##,
            ),
            file(
                "om/index.html",
                r#"<h2 id="finns">F</h2><a href="../">up</a>"#,
            ),
        ];
        let report = check_links(&files, "/");
        let links: Vec<&str> = report.broken.iter().map(|b| b.link.as_str()).collect();
        assert_eq!(links, ["/nej/", "/om/#saknas", "#top"]);
        assert_eq!(report.checked, 7);
        assert!(report.broken[0].reason.contains("nej/index.html"));
        let external: Vec<&String> = report.external.keys().collect();
        assert_eq!(external, ["https://x.se/"]);
    }

    #[test]
    fn links_outside_the_base_path_are_broken() {
        let files = vec![file(
            "index.html",
            r#"<a href="/insyn/">ok</a><a href="/om/">x</a>"#,
        )];
        let broken = check_links(&files, "/insyn/").broken;
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].link, "/om/");
    }

    #[test]
    fn a_preload_of_the_search_files_is_not_a_link_but_other_preloads_are() {
        // `insyn check` renders without the search files the indexer writes.
        let files = vec![file(
            "sok/index.html",
            r#"<link rel="preload" href="/insyn/sok/data/meta.json" as="fetch">
            <link rel="preload" href="/insyn/css/saknas.css" as="style">"#,
        )];
        let broken = check_links(&files, "/insyn/").broken;
        let links: Vec<&str> = broken.iter().map(|b| b.link.as_str()).collect();
        assert_eq!(links, ["/insyn/css/saknas.css"]);
    }

    #[test]
    fn relative_paths_resolve() {
        assert_eq!(resolve("a/b/index.html", "../c/", "/"), "/a/c/");
        assert_eq!(resolve("a/index.html", "x.csv", "/s/"), "/s/a/x.csv");
        assert_eq!(normalise("/a/./b/../"), "/a/");
        assert_eq!(percent_decode("a%C3%A5%2"), "aå%2");
    }
}
