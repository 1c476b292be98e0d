//! Helpers shared by the integration tests: temporary sites, running the binary, reading and
//! crawling the output.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use sha2::{Digest, Sha256};

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A copy of a site in a temporary folder, with the repository's themes beside its content.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    /// Copies `tests/fixtures/site`.
    pub fn fixture() -> Self {
        Self::copy_of(&Path::new(REPO).join("tests/fixtures/site"))
    }

    /// Copies the repository's own site (config and content).
    pub fn repo() -> Self {
        let site = TempSite {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::copy(
            Path::new(REPO).join("insyn.toml"),
            site.root().join("insyn.toml"),
        )
        .unwrap();
        copy_dir(
            &Path::new(REPO).join("content"),
            &site.root().join("content"),
        );
        copy_dir(&Path::new(REPO).join("themes"), &site.root().join("themes"));
        site
    }

    pub fn copy_of(source: &Path) -> Self {
        let site = TempSite {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(source, site.root());
        copy_dir(&Path::new(REPO).join("themes"), &site.root().join("themes"));
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn build(&self, extra: &[&str]) -> Output {
        let config = self.root().join("insyn.toml");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_insyn"));
        cmd.arg("build").arg("--config").arg(&config).args(extra);
        cmd.output().expect("run insyn")
    }

    /// Builds and panics with the tool's output if the build fails.
    pub fn build_ok(&self) {
        let out = self.build(&[]);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn read_source(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces `from` by `to` in a content file; the text must occur.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read_source(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn page(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A checksum over the paths and bytes of a folder.
pub fn checksum(dir: &Path) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in tree(dir) {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update(&bytes);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The visible text of an HTML page (whitespace collapsed).
pub fn text_of(html: &str) -> String {
    let doc = Html::parse_document(html);
    let body = Selector::parse("body").unwrap();
    let text: Vec<String> = doc
        .select(&body)
        .flat_map(|b| b.text())
        .map(str::to_string)
        .collect();
    squeeze(&text.join(" "))
}

/// Texts of the elements matching a CSS selector.
pub fn select_texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| squeeze(&e.text().collect::<Vec<_>>().join(" ")))
        .collect()
}

/// Collapses whitespace and drops the space that joining text nodes puts before punctuation.
fn squeeze(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace(" ,", ",").replace(" :", ":")
}

/// The outer HTML of the elements matching a selector.
pub fn select_html(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel).map(|e| e.html()).collect()
}

/// Values of an attribute on the elements matching a selector.
pub fn select_attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Crawls every HTML file of a built site and returns the internal links or anchors that do not
/// resolve, as `page -> link`. `base` is the site's base path (`/` or `/insyn/`).
pub fn broken_links(public: &Path, base: &str) -> Vec<String> {
    let files = tree(public);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let id_sel = Selector::parse("[id]").unwrap();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
            ids.insert(
                path.clone(),
                doc.select(&id_sel)
                    .filter_map(|e| e.value().attr("id").map(str::to_string))
                    .collect(),
            );
        }
    }
    let link_sel =
        Selector::parse("a[href], link[href], script[src], img[src], form[action]").unwrap();
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        for el in doc.select(&link_sel) {
            let v = el.value();
            let Some(url) = v.attr("href").or(v.attr("src")).or(v.attr("action")) else {
                continue;
            };
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
            {
                continue;
            }
            let (target_path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url, None),
            };
            let target_file = if target_path.is_empty() {
                path.clone()
            } else if let Some(rest) = target_path.strip_prefix(base) {
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            } else {
                broken.push(format!("{path} -> {url} (outside the base path {base})"));
                continue;
            };
            if !files.contains_key(&target_file) {
                broken.push(format!("{path} -> {url} (no file {target_file})"));
                continue;
            }
            if let Some(fragment) = fragment
                && !ids
                    .get(&target_file)
                    .is_some_and(|ids| ids.contains(fragment))
            {
                broken.push(format!("{path} -> {url} (no anchor #{fragment})"));
            }
        }
    }
    broken
}
