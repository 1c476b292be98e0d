//! Loading `content/`: finds the files with walkdir, splits TOML front matter from Markdown,
//! deserializes it into raw (unlinked) records and reads result CSVs. Every problem becomes a
//! diagnostic with file and line; nothing here checks references (that is `link`'s job).

mod raw;

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
fn walk_content(
    site_root: &Path,
    content_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> (Vec<PathBuf>, bool) {
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        // Hidden files and `content/_import/` (importer overrides, not pages) are not content.
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !(name.starts_with('.') || (e.depth() == 1 && name == F::IMPORT))
        });
    let mut paths = Vec::new();
    let mut complete = true;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                complete = false;
                diagnostics.push(Diagnostic {
                    path: e
                        .path()
                        .map_or_else(|| "content".into(), |p| display_path(site_root, p)),
                    line: 1,
                    column: 1,
                    message: format!("cannot read: {e}"),
                    hint: None,
                });
                continue;
            }
        };
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
    (paths, complete)
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
    let source = match std::fs::read_to_string(path) {
        Ok(text) => Arc::new(SourceText::new(display, text)),
        Err(e) => return ContentFile::Unreadable(display, Arc::new(e)),
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
            ContentFile::Unreadable(display, e) => diagnostics.push(Diagnostic {
                path: display,
                line: 1,
                column: 1,
                message: format!("cannot read the file as UTF-8 text: {e}"),
                hint: Some("save the file as UTF-8".into()),
            }),
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
    content
}

/// A content file as the parallel first pass of a load leaves it. Cheap to clone: `serve`
/// keeps the files of one load for the next.
#[derive(Debug, Clone)]
pub enum ContentFile {
    Unreadable(String, Arc<std::io::Error>),
    Read {
        /// The path below `content/`, folder by folder.
        parts: Vec<String>,
        source: Arc<SourceText>,
        /// A § already parsed, with the problems found.
        paragraph: Option<Arc<ParsedParagraph>>,
    },
}

pub type ParsedParagraph = (Option<Arc<Doc<RawParagraph>>>, Diagnostics);

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
    fn csv_columns_are_located() {
        assert_eq!(column_of_field("a;bb;\"c;d\";e", 0), 1);
        assert_eq!(column_of_field("a;bb;\"c;d\";e", 2), 6);
        assert_eq!(column_of_field("a;bb;\"c;d\";e", 3), 12);
    }
}
