//! Loading `content/`: finds the files with walkdir, splits TOML front matter from Markdown,
//! deserializes it into raw (unlinked) records and reads result CSVs. Every problem becomes a
//! diagnostic with file and line; nothing here checks references (that is `link`'s job).

mod raw;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::routes::content as F;
use crate::slug::{is_valid_id, slugify};

pub use raw::*;

/// A loaded content file: where it came from, its raw front matter and its Markdown body.
#[derive(Debug, Clone)]
pub struct Doc<T> {
    pub id: String,
    pub loc: Loc,
    pub data: T,
    pub body: String,
}

/// Turns spans of the front matter into file positions.
#[derive(Debug, Clone)]
pub struct Loc {
    pub source: Arc<SourceText>,
    /// Byte offset of the front matter's TOML within the file.
    pub base: usize,
}

impl Loc {
    pub fn path(&self) -> &str {
        &self.source.path
    }

    /// An error at a span of the front matter.
    pub fn error(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) -> Diagnostic {
        self.source
            .error_at(self.base + span.start, message, hint.into())
    }

    /// An error about the file as a whole (its first line).
    pub fn file_error(
        &self,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) -> Diagnostic {
        self.source.error_at(0, message, hint.into())
    }
}

/// One cell of a results CSV with its position.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// One data row of a results CSV, by column name.
#[derive(Debug, Clone)]
pub struct CsvRow {
    pub line: usize,
    pub cells: std::collections::BTreeMap<String, Cell>,
}

/// The results table of a measure.
#[derive(Debug, Clone)]
pub struct CsvTable {
    pub source: Arc<SourceText>,
    pub rows: Vec<CsvRow>,
}

impl CsvTable {
    pub fn error(
        &self,
        line: usize,
        column: usize,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) -> Diagnostic {
        Diagnostic {
            path: self.source.path.clone(),
            line,
            column,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// The cells of a report's data table (`content/rapporter/<report>/<table>.csv`), verbatim.
#[derive(Debug, Clone)]
pub struct PlainTable {
    pub report: String,
    pub id: String,
    pub source: Arc<SourceText>,
    /// Rows of cells, each with its 1-based line in the CSV file.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// A meeting folder: the meeting file and its paragraphs.
#[derive(Debug, Clone)]
pub struct MeetingDocs {
    pub organ: String,
    pub date: String,
    pub meeting: Option<Doc<RawMeeting>>,
    /// Shared with `serve`'s cache, which keeps each parsed § for the next build.
    pub paragraphs: Vec<Arc<Doc<RawParagraph>>>,
    /// Where to point errors about the folder itself.
    pub folder: String,
}

/// A plan folder: the plan file and its goals.
#[derive(Debug, Clone)]
pub struct PlanDocs {
    pub id: String,
    pub plan: Option<Doc<RawPlan>>,
    pub goals: Vec<Doc<RawGoal>>,
    pub folder: String,
}

/// Everything in `content/`, parsed but not yet linked.
#[derive(Debug, Default)]
pub struct RawContent {
    pub organs: Vec<Doc<RawOrgan>>,
    pub parties: Vec<Doc<RawParty>>,
    pub persons: Vec<Doc<RawPerson>>,
    pub plans: Vec<PlanDocs>,
    pub measures: Vec<(Doc<RawMeasure>, Option<CsvTable>)>,
    pub reports: Vec<Doc<RawReport>>,
    pub report_tables: Vec<PlainTable>,
    pub meetings: Vec<MeetingDocs>,
    pub pages: Vec<Doc<RawPage>>,
    /// Files that exist but could not be parsed, as (folder, id): references to them are not
    /// reported again, the parse error already says what is wrong.
    pub failed: std::collections::BTreeSet<(String, String)>,
}

const PLACES: &str = "content files belong in organ/, partier/, personer/, planer/<plan>/, matt/, rapporter/ (tables in rapporter/<report>/<table>.csv), protokoll/<organ>/<YYYY-MM-DD>/ or sidor/ (see the README, \"Content format\")";

/// The content files below `content_dir`, in file-name order, and whether every folder could
/// be read (a folder that could not is reported).
///
/// Hidden entries (names starting with `.`) are editors' and version control's, and are
/// skipped; one that holds content (a hidden `.md` or `.csv` file, or a hidden folder with
/// such files) is an error, since skipping it would leave that content off the site without a
/// word. Symbolic links are followed when they lead to a file or folder inside the site's
/// folder; one that leads outside it, or nowhere, is an error.
fn walk_content(
    site_root: &Path,
    content_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> (Vec<PathBuf>, bool) {
    let real_root = site_root
        .canonicalize()
        .unwrap_or_else(|_| site_root.to_path_buf());
    let mut skipped = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() == 0 {
                true
            } else if e.depth() == 1 && name == F::IMPORT {
                // Importers' corrections and profiles, not pages.
                false
            } else if name.starts_with('.') {
                skipped.extend(hidden_content(site_root, e));
                false
            } else if e.path_is_symlink() && !inside(&real_root, e.path()) {
                skipped.push(diagnostic_at(
                    display_path(site_root, e.path()),
                    "a symbolic link to a place outside the site's folder: it is not read",
                    "copy the file into content/, or link to a file inside the site's folder",
                ));
                false
            } else {
                true
            }
        });
    let mut paths = Vec::new();
    let mut complete = true;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if let Some(d) = walk_error(site_root, &e) {
                    complete = false;
                    diagnostics.push(d);
                }
                continue;
            }
        };
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
    for d in skipped {
        diagnostics.push(d);
    }
    (paths, complete)
}

/// Whether `path` (a symbolic link) leads to a place inside `real_root`.
fn inside(real_root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(real_root))
}

/// Names of files that editors and operating systems put beside the files they touch, and
/// folders of version control: never content, skipped without a word.
fn is_tool_file(name: &str) -> bool {
    // `._x.md`: macOS metadata on shared drives; `.#x.md`: Emacs's lock on a file being edited.
    name.starts_with("._") || name.starts_with(".#") || matches!(name, ".git" | ".hg" | ".svn")
}

/// Whether a file name is one the loader reads as content.
fn is_content_name(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".csv")
}

/// The error for a hidden entry that holds content, if it does.
fn hidden_content(site_root: &Path, entry: &walkdir::DirEntry) -> Option<Diagnostic> {
    let name = entry.file_name().to_string_lossy();
    if is_tool_file(&name) {
        return None;
    }
    let visible = name.trim_start_matches('.');
    let rename = if visible.is_empty() {
        "rename it without the leading dot".to_string()
    } else {
        format!("rename it to `{visible}`")
    };
    let path = display_path(site_root, entry.path());
    if entry.file_type().is_dir() {
        let held: Vec<PathBuf> = WalkDir::new(entry.path())
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_tool_file(&e.file_name().to_string_lossy()))
            .filter_map(Result::ok)
            .filter(|e| {
                !e.file_type().is_dir() && is_content_name(&e.file_name().to_string_lossy())
            })
            .map(walkdir::DirEntry::into_path)
            .collect();
        let first = display_path(site_root, held.first()?);
        let (what, them) = match held.len() {
            1 => (format!("{first} in it"), "it"),
            n => (format!("its {n} content files, such as {first},"), "them"),
        };
        Some(diagnostic_at(
            path,
            format!(
                "this folder is hidden (its name starts with `.`), so {what} would not be published"
            ),
            format!(
                "{rename} to publish {them}, or move the folder out of content/ to keep {them} unpublished"
            ),
        ))
    } else if is_content_name(&name) {
        Some(diagnostic_at(
            path,
            "this file is hidden (its name starts with `.`) and would not be published",
            format!("{rename} to publish it, or move it out of content/ to keep it unpublished"),
        ))
    } else {
        None
    }
}

/// The error for an entry the walk could not read, or `None` for an editor's dangling lock
/// link (a hidden one), which is nothing to read.
fn walk_error(site_root: &Path, e: &walkdir::Error) -> Option<Diagnostic> {
    let path = e
        .path()
        .map_or_else(|| F::ROOT.into(), |p| display_path(site_root, p));
    let dangling = e.path().filter(|p| {
        std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) && !p.exists()
    });
    if let Some(link) = dangling {
        let hidden = link
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let target = std::fs::read_link(link).unwrap_or_default();
        return (!hidden).then(|| {
            diagnostic_at(
                path,
                format!(
                    "a broken symbolic link: `{}` does not exist",
                    target.display()
                ),
                "point the link at a file inside the site's folder, or remove it",
            )
        });
    }
    let hint = if e.loop_ancestor().is_some() {
        "remove the symbolic link that leads back into a folder containing it"
    } else if e.io_error().map(std::io::Error::kind) == Some(std::io::ErrorKind::PermissionDenied) {
        "give the user running insyn permission to read the folder"
    } else {
        "check that the folder exists and the disk can be read"
    };
    Some(diagnostic_at(path, format!("cannot read: {e}"), hint))
}

/// An error about a file or folder as a whole.
fn diagnostic_at(path: String, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path,
        line: 1,
        column: 1,
        message: message.into(),
        hint: Some(hint.into()),
    }
}

/// Loads every content file below `root/content`.
pub fn load(site_root: &Path, diagnostics: &mut Diagnostics) -> RawContent {
    let Some((content_dir, paths, _)) = walk(site_root, diagnostics) else {
        return RawContent::default();
    };
    // Reading, and parsing the §s (most files of a large archive), happen in parallel; the
    // files are then classified in order.
    let files: Vec<ContentFile> = paths
        .par_iter()
        .map(|path| read(site_root, &content_dir, path))
        .collect();
    assemble(files, diagnostics)
}

/// The content folder and its files in file-name order, and whether every folder could be
/// read; `None` (with a diagnostic) when there is no content folder.
pub fn walk(
    site_root: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(PathBuf, Vec<PathBuf>, bool)> {
    let content_dir = site_root.join(F::ROOT);
    if !content_dir.is_dir() {
        diagnostics.push(Diagnostic {
            path: display_path(site_root, &content_dir),
            line: 1,
            column: 1,
            message: "the content folder is missing".into(),
            hint: Some(
                "create content/ next to insyn.toml, or run `insyn build` in the site's folder"
                    .into(),
            ),
        });
        return None;
    }
    let (paths, complete) = walk_content(site_root, &content_dir, diagnostics);
    Some((content_dir, paths, complete))
}

/// Reads one content file (`path`, below `content_dir`), parsing it already if it is a §:
/// the step of a load that runs in parallel.
pub fn read(site_root: &Path, content_dir: &Path, path: &Path) -> ContentFile {
    let rel = path
        .strip_prefix(content_dir)
        .expect("walked below content/");
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let display = display_path(site_root, path);
    let source = match read_text(path, &display) {
        Ok(text) => Arc::new(SourceText::new(display, text)),
        Err(problem) => return ContentFile::Unreadable(problem),
    };
    let paragraph = match &parts[..] {
        [first, _, _, file] if first == F::MEETINGS && file != F::INDEX => {
            file.strip_suffix(".md").map(|stem| {
                let mut found = Diagnostics::default();
                let doc = parse_doc_any_name(stem, source.clone(), &mut found);
                Arc::new((doc.map(Arc::new), found))
            })
        }
        _ => None,
    };
    ContentFile::Read {
        parts,
        source,
        paragraph,
    }
}

/// Classifies the files read (in walk order) into the site's raw content, and attaches each
/// result CSV to its measure.
pub fn assemble(files: Vec<ContentFile>, diagnostics: &mut Diagnostics) -> RawContent {
    let mut content = RawContent::default();
    let mut csvs: Vec<(String, CsvTable)> = Vec::new();
    for file in files {
        match file {
            ContentFile::Unreadable(problem) => diagnostics.push(problem),
            ContentFile::Read {
                parts,
                source,
                paragraph,
            } => {
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                classify(
                    &parts,
                    source,
                    paragraph,
                    &mut content,
                    &mut csvs,
                    diagnostics,
                );
            }
        }
    }
    attach_csvs(&mut content, csvs, diagnostics);
    check_party_spellings(&content.parties, diagnostics);
    content
}

/// A party's `spellings` name it in minutes, so each must be a word and may not be another
/// party's abbreviation or spelling, in any case.
fn check_party_spellings(parties: &[Doc<RawParty>], diagnostics: &mut Diagnostics) {
    for doc in parties {
        for spelling in &doc.data.spellings {
            let lower = spelling.trim().to_lowercase();
            let clash = parties.iter().find(|other| {
                other.id != doc.id
                    && std::iter::once(&other.data.abbreviation)
                        .chain(&other.data.spellings)
                        .any(|a| a.trim().to_lowercase() == lower)
            });
            if lower.is_empty() {
                diagnostics.push(doc.loc.file_error(
                    "an empty entry in `spellings`",
                    Some("remove it; each spelling is how minutes write the party's abbreviation, such as \"fp\"".to_string()),
                ));
            } else if let Some(other) = clash {
                diagnostics.push(doc.loc.file_error(
                    format!(
                        "the spelling `{spelling}` also names the party `{}` ({})",
                        other.id,
                        other.loc.path()
                    ),
                    Some("a spelling must name one party only: remove it from one of the two files".to_string()),
                ));
            }
        }
    }
}

/// A content file as the parallel first pass of a load leaves it. Cheap to clone: `serve`
/// keeps the files of one load for the next.
#[derive(Debug, Clone)]
pub enum ContentFile {
    /// A file that could not be read as text, with the error saying why.
    Unreadable(Diagnostic),
    Read {
        /// The path below `content/`, folder by folder.
        parts: Vec<String>,
        source: Arc<SourceText>,
        /// A § already parsed, with the problems found.
        paragraph: Option<Arc<ParsedParagraph>>,
    },
}

pub type ParsedParagraph = (Option<Arc<Doc<RawParagraph>>>, Diagnostics);

/// The largest content file Insyn reads, in bytes. The longest real report is about 0.1 MB;
/// a page of megabytes is unusable on a phone, and a build holds about 30 times a page's
/// size in memory while rendering and indexing it.
pub const MAX_FILE_BYTES: u64 = 5_000_000;

/// Reads a content file as UTF-8 text of at most [`MAX_FILE_BYTES`]; the error says which
/// of these it is not, or what the operating system reported.
fn read_text(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let io_error = |e: std::io::Error| {
        let hint = match e.kind() {
            std::io::ErrorKind::PermissionDenied => {
                "give the user running insyn permission to read the file"
            }
            std::io::ErrorKind::NotFound => {
                "the file went away while the build read it; build again"
            }
            _ => "check the file and the disk: the operating system's error is above",
        };
        diagnostic_at(display.into(), format!("cannot read the file: {e}"), hint)
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(diagnostic_at(
            display.into(),
            format!(
                "the file is {:.1} MB; a content file may be at most {} MB",
                size as f64 / 1e6,
                MAX_FILE_BYTES / 1_000_000
            ),
            "split it into several files (a report into several reports, a page into several pages); a page this large is unusable on a phone",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("valid up to here");
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic {
            path: display.into(),
            line,
            column,
            message: "the file is not UTF-8 text: this is the first character that is not".into(),
            hint: Some("save the file as UTF-8 (in most editors: Save as…, encoding UTF-8)".into()),
        }
    })
}

fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn classify(
    parts: &[&str],
    source: Arc<SourceText>,
    paragraph: Option<Arc<ParsedParagraph>>,
    content: &mut RawContent,
    csvs: &mut Vec<(String, CsvTable)>,
    diagnostics: &mut Diagnostics,
) {
    let unexpected = |diagnostics: &mut Diagnostics, source: &SourceText| {
        diagnostics.push(source.error_at(
            0,
            "this file is not in a place Insyn knows",
            Some(PLACES.into()),
        ));
    };
    let Some((file, dirs)) = parts.split_last() else {
        return;
    };
    if let Some(stem) = file.strip_suffix(".csv") {
        if let [F::REPORTS, report] = dirs {
            if let Some(rows) = read_plain_csv(&source, diagnostics) {
                content.report_tables.push(PlainTable {
                    report: report.to_string(),
                    id: stem.to_string(),
                    source,
                    rows,
                });
            }
        } else if dirs == [F::MEASURES] {
            if let Some(table) = read_csv(source, diagnostics) {
                csvs.push((stem.to_string(), table));
            }
        } else {
            diagnostics.push(source.error_at(
                0,
                "a CSV file outside content/matt/",
                Some("result tables go beside their measure: content/matt/<id>.csv; a report's tables in content/rapporter/<report>/<table>.csv".into()),
            ));
        }
        return;
    }
    let Some(stem) = file.strip_suffix(".md") else {
        unexpected(diagnostics, &source);
        return;
    };
    match dirs {
        [F::ORGANS] => push_doc(
            &mut content.organs,
            &mut content.failed,
            F::ORGANS,
            stem,
            source,
            diagnostics,
        ),
        [F::PARTIES] => push_doc(
            &mut content.parties,
            &mut content.failed,
            F::PARTIES,
            stem,
            source,
            diagnostics,
        ),
        [F::PERSONS] => push_doc(
            &mut content.persons,
            &mut content.failed,
            F::PERSONS,
            stem,
            source,
            diagnostics,
        ),
        [F::REPORTS] => push_doc(
            &mut content.reports,
            &mut content.failed,
            F::REPORTS,
            stem,
            source,
            diagnostics,
        ),
        [F::PAGES] => push_doc(
            &mut content.pages,
            &mut content.failed,
            F::PAGES,
            stem,
            source,
            diagnostics,
        ),
        [F::MEASURES] => match parse_doc(stem, source, diagnostics) {
            Some(doc) => content.measures.push((doc, None)),
            None => {
                content
                    .failed
                    .insert((F::MEASURES.into(), stem.to_string()));
            }
        },
        [F::PLANS, plan] => {
            let folder = F::plan_folder(plan);
            // Files come folder by folder, so the plan is almost always the last one.
            let index = match content.plans.iter().rposition(|p| p.id == *plan) {
                Some(i) => i,
                None => {
                    content.plans.push(PlanDocs {
                        id: plan.to_string(),
                        plan: None,
                        goals: Vec::new(),
                        folder,
                    });
                    content.plans.len() - 1
                }
            };
            let docs = &mut content.plans[index];
            if *file == F::INDEX {
                docs.plan = parse_doc(plan, source, diagnostics);
                if docs.plan.is_none() {
                    content.failed.insert((F::PLANS.into(), plan.to_string()));
                }
            } else if let Some(goal) = parse_doc(stem, source, diagnostics) {
                docs.goals.push(goal);
            } else {
                content
                    .failed
                    .insert((F::PLANS.into(), format!("{plan}/{stem}")));
            }
        }
        [F::MEETINGS, organ, date] => {
            let folder = F::meeting_folder(organ, date);
            // Files come folder by folder, so the meeting is almost always the last one.
            let index = match content
                .meetings
                .iter()
                .rposition(|m| m.organ == *organ && m.date == *date)
            {
                Some(i) => i,
                None => {
                    content.meetings.push(MeetingDocs {
                        organ: organ.to_string(),
                        date: date.to_string(),
                        meeting: None,
                        paragraphs: Vec::new(),
                        folder,
                    });
                    content.meetings.len() - 1
                }
            };
            let docs = &mut content.meetings[index];
            if *file == F::INDEX {
                docs.meeting = parse_doc(date, source, diagnostics);
                if docs.meeting.is_none() {
                    content
                        .failed
                        .insert((F::MEETINGS.into(), format!("{organ}/{date}")));
                }
            } else {
                // Without a cache the § is moved; with one, only its reference is copied.
                let parsed = match paragraph.map(Arc::unwrap_or_clone) {
                    Some((doc, found)) => {
                        diagnostics.append(found);
                        doc
                    }
                    None => parse_doc_any_name(stem, source, diagnostics).map(Arc::new),
                };
                if let Some(paragraph) = parsed {
                    docs.paragraphs.push(paragraph);
                }
            }
        }
        _ => unexpected(diagnostics, &source),
    }
}

fn push_doc<T: DeserializeOwned>(
    docs: &mut Vec<Doc<T>>,
    failed: &mut std::collections::BTreeSet<(String, String)>,
    folder: &str,
    stem: &str,
    source: Arc<SourceText>,
    diagnostics: &mut Diagnostics,
) {
    match parse_doc(stem, source, diagnostics) {
        Some(doc) => docs.push(doc),
        None => {
            failed.insert((folder.to_string(), stem.to_string()));
        }
    }
}

/// Parses a file whose name is its id.
fn parse_doc<T: DeserializeOwned>(
    stem: &str,
    source: Arc<SourceText>,
    diagnostics: &mut Diagnostics,
) -> Option<Doc<T>> {
    if !is_valid_id(stem) {
        let suggestion = slugify(stem);
        diagnostics.push(source.error_at(
            0,
            format!("`{stem}` cannot be used as an id: the file name becomes a URL"),
            Some(format!("rename the file to `{suggestion}` plus its extension (lower-case a–z, 0–9 and -; å/ä → a, ö → o)")),
        ));
    }
    parse_doc_any_name(stem, source, diagnostics)
}

/// Parses a file whose name is free (a § takes its identity from its number).
fn parse_doc_any_name<T: DeserializeOwned>(
    stem: &str,
    source: Arc<SourceText>,
    diagnostics: &mut Diagnostics,
) -> Option<Doc<T>> {
    let (front, base, body) = match split_front_matter(&source.text) {
        Ok(split) => split,
        Err((offset, message)) => {
            diagnostics.push(source.error_at(
                offset,
                message,
                Some("start the file with a line `+++`, then the TOML front matter, then a line `+++`, then Markdown".into()),
            ));
            return None;
        }
    };
    let loc = Loc {
        source: source.clone(),
        base,
    };
    match toml::from_str::<T>(front) {
        Ok(data) => Some(Doc {
            id: stem.to_string(),
            loc,
            data,
            body: body.to_string(),
        }),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            diagnostics.push(loc.error(
                span,
                format!("invalid front matter: {}", e.message().trim()),
                toml_hint(e.message()),
            ));
            None
        }
    }
}

fn toml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling of the key; the README lists the keys of each entity".into())
    } else if message.contains("missing field") {
        Some("add the key to the front matter; the README lists the required keys".into())
    } else if message.contains("invalid type") {
        Some("check the value's type: text in \"quotes\", lists in [brackets], numbers without quotes".into())
    } else {
        Some(
            "the front matter must be valid TOML: key = \"value\", one per line; quote text values"
                .into(),
        )
    }
}

/// Splits `+++\nTOML\n+++\nMarkdown` into (TOML, offset of the TOML, Markdown).
pub fn split_front_matter(text: &str) -> Result<(&str, usize, &str), (usize, String)> {
    let start = usize::from(text.starts_with('\u{feff}')) * 3;
    let rest = &text[start..];
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_end].trim_end() != "+++" {
        return Err((
            start,
            "the file does not start with front matter (`+++`)".into(),
        ));
    }
    let toml_start = start + first_end;
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = offset + line.len();
            return Ok((&text[toml_start..offset], toml_start, &text[body_start..]));
        }
        offset += line.len();
    }
    Err((
        start,
        "the front matter is not closed by a line `+++`".into(),
    ))
}

fn read_csv(source: Arc<SourceText>, diagnostics: &mut Diagnostics) -> Option<CsvTable> {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    if text.trim().is_empty() {
        diagnostics.push(source.error_at(
            0,
            "the results file is empty",
            Some(format!(
                "write the header `{}` and a row per report, or delete the file if the measure has no results yet",
                RESULT_COLUMNS.join(";")
            )),
        ));
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect::<Vec<_>>(),
        Err(e) => {
            diagnostics.push(source.error_at(0, format!("cannot read the CSV header: {e}"), None));
            return None;
        }
    };
    let mut ok = true;
    for (i, h) in headers.iter().enumerate() {
        if !RESULT_COLUMNS.contains(&h.as_str()) {
            ok = false;
            diagnostics.push(Diagnostic {
                path: source.path.clone(),
                line: 1,
                column: column_of_field(source.line_text(1), i),
                message: format!("unknown column `{h}`"),
                hint: Some(format!("the columns are: {}", RESULT_COLUMNS.join(";"))),
            });
        }
    }
    if !headers.iter().any(|h| h == "report") {
        ok = false;
        diagnostics.push(source.error_at(
            0,
            "the results table has no `report` column",
            Some("every row names the report that gives the result".into()),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let raw_line = source.line_text(line).to_string();
                let cells = headers
                    .iter()
                    .zip(record.iter())
                    .enumerate()
                    .map(|(i, (h, v))| {
                        (
                            h.clone(),
                            Cell {
                                text: v.trim().to_string(),
                                line,
                                column: column_of_field(&raw_line, i),
                            },
                        )
                    })
                    .collect();
                rows.push(CsvRow { line, cells });
            }
            Err(e) => {
                ok = false;
                let line = e.position().map_or(1, |p| p.line() as usize);
                diagnostics.push(Diagnostic {
                    path: source.path.clone(),
                    line,
                    column: 1,
                    message: format!("malformed CSV row: {e}"),
                    hint: Some("separate the columns with `;`, give every row as many cells as the header, and put cells containing `;` or line breaks in \"quotes\"".into()),
                });
            }
        }
    }
    if ok && rows.is_empty() {
        diagnostics.push(source.error_at(
            0,
            "the results table has a header but no rows",
            Some("add a row per report below the header, or delete the file if the measure has no results yet".into()),
        ));
        return None;
    }
    ok.then_some(CsvTable { source, rows })
}

/// Reads a `;`-separated table whose rows may differ in length; cells are kept verbatim
/// (trimmed), since they are figures as the source writes them.
fn read_plain_csv(
    source: &Arc<SourceText>,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<(usize, Vec<String>)>> {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diagnostics.push(Diagnostic {
                    path: source.path.clone(),
                    line,
                    column: 1,
                    message: format!("malformed CSV row: {e}"),
                    hint: Some("separate the cells with `;` and put cells containing `;` or line breaks in \"quotes\"".into()),
                });
                return None;
            }
        }
    }
    Some(rows)
}

/// 1-based character column where the `index`-th `;`-separated field of a line starts.
fn column_of_field(line: &str, index: usize) -> usize {
    let mut field = 0;
    let mut quoted = false;
    for (col, c) in line.chars().enumerate() {
        if field == index {
            return col + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

fn attach_csvs(
    content: &mut RawContent,
    csvs: Vec<(String, CsvTable)>,
    diagnostics: &mut Diagnostics,
) {
    for (stem, table) in csvs {
        match content.measures.iter_mut().find(|(doc, _)| doc.id == stem) {
            Some((_, slot)) => *slot = Some(table),
            // The measure's own error says what is wrong with it.
            None if content.failed.contains(&(F::MEASURES.into(), stem.clone())) => {}
            None => diagnostics.push(table.source.error_at(
                0,
                format!(
                    "results for a measure that does not exist: there is no content/matt/{stem}.md"
                ),
                Some(format!(
                    "create content/matt/{stem}.md describing the measure, or rename this file"
                )),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_splits() {
        let (front, base, body) = split_front_matter("+++\ntitle = \"A\"\n+++\nBody\n").unwrap();
        assert_eq!(front, "title = \"A\"\n");
        assert_eq!(base, 4);
        assert_eq!(body, "Body\n");
        assert!(split_front_matter("title = 1").is_err());
        assert!(split_front_matter("+++\ntitle = 1\n").is_err());
    }

    #[test]
    fn a_read_error_is_not_blamed_on_the_encoding() {
        // A folder named like a content file cannot be read as one: an I/O error, as a
        // file without read permission gives.
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        let path = content.join("sidor/om.md");
        std::fs::create_dir_all(&path).unwrap();
        let mut diagnostics = Diagnostics::default();
        assemble(vec![read(site.path(), &content, &path)], &mut diagnostics);
        let errors = diagnostics.into_sorted();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "content/sidor/om.md");
        assert!(
            errors[0].message.starts_with("cannot read the file: ")
                && errors[0].message.contains("os error"),
            "{}",
            errors[0]
        );
        assert!(!errors[0].to_string().contains("UTF-8"), "{}", errors[0]);
    }

    #[test]
    fn csv_columns_are_located() {
        assert_eq!(column_of_field("a;bb;\"c;d\";e", 0), 1);
        assert_eq!(column_of_field("a;bb;\"c;d\";e", 2), 6);
        assert_eq!(column_of_field("a;bb;\"c;d\";e", 3), 12);
    }
}
