//! Property tests: whatever a user or a PDF extraction feeds Insyn — content files, the config,
//! source documents for the importers — it never panics or hangs, and every problem it reports
//! names where it is. Inputs are real files with random edits (lines deleted, repeated, moved,
//! cut short, characters replaced, tricky lines inserted), which reach far deeper into the
//! parsers than random bytes would.
//!
//! Each case runs in a child process with a time limit (proptest's `timeout`), so a hang fails
//! the test instead of stalling CI. `PROPTEST_CASES` raises the number of cases for a longer run.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{REPO, TempSite};
use insyn::import::{self, clean, flat, followup, minutes, profile, report};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property: enough to explore in CI within seconds per property.
const CASES: u32 = 48;
/// The time limit of one case, far above its usual time even in a loaded debug build; a hang
/// is a failure.
const TIMEOUT_MS: u32 = 60_000;

fn config() -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(CASES),
        timeout: TIMEOUT_MS,
        // Failures are kept as explicit regression tests below, not in files beside the tests.
        failure_persistence: None,
        ..Config::default()
    }
}

fn seeds() -> PathBuf {
    Path::new(REPO).join("../shared/seeds")
}

fn repo_content() -> PathBuf {
    Path::new(REPO).join("content")
}

/// One random change to a text's lines. Positions are taken modulo the current length, so
/// every edit applies to any text.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Repeat(usize, usize),
    Move(usize, usize),
    Insert(usize, String),
    ReplaceChar(usize, usize, char),
    CutLine(usize, usize),
}

/// Lines that mean something to one of the parsers, and odd characters.
fn tricky_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_string()),
        Just("+++".to_string()),
        Just(String::new()),
        Just(" ".to_string()),
        Just("id = \"\"".to_string()),
        Just("title = \"!!! ???\"".to_string()),
        Just("dnr = [\"1234-2020\", \"RS 2016/203\"]".to_string()),
        Just("[[results]]".to_string()),
        Just("{{ tabell: finns-inte }}".to_string()),
        Just("{{ tabell: }}".to_string()),
        Just("§ 160".to_string()),
        Just("§ 99999999999999999999999".to_string()),
        Just("Dnr 1354-2020".to_string()),
        Just("Regionstyrelsens beslut".to_string()),
        Just("Regionstyrelsen 14 oktober 2020  Sida 13 (80)".to_string()),
        Just("Sida 1 (3)".to_string()),
        Just("Styrmått\tStyrelse/nämnd\tK/M\tMål 2020\tMåluppfyllelse\tUtveckling".to_string()),
        Just("\t\t17,2\t\t".to_string()),
        Just("Aktivitet: ".to_string()),
        Just("Perspektivet ".to_string()),
        Just("period,group,value,status".to_string()),
        Just("2020,total,1e400,".to_string()),
        Just("2020-13,kvinnor,-0,uppnadd".to_string()),
        Just("¶ ".to_string()),
        Just("\u{feff}\u{200b}\r".to_string()),
        Just("e\u{301}\u{0}".to_string()),
        Just("mnkr 1 234 567 890 123 456 789".to_string()),
        "\\PC{0,60}",
        "[a-zåäö0-9 §:=,\\-\\t\"\\[\\]]{0,80}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0..10_000usize;
    prop_oneof![
        (at.clone(), 1..20usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        (at.clone(), 1..20usize).prop_map(|(a, n)| Edit::Repeat(a, n)),
        (at.clone(), at.clone()).prop_map(|(a, b)| Edit::Move(a, b)),
        (at.clone(), tricky_line()).prop_map(|(a, l)| Edit::Insert(a, l)),
        (at.clone(), 0..200usize, any::<char>()).prop_map(|(a, c, ch)| Edit::ReplaceChar(a, c, ch)),
        (at, 0..200usize).prop_map(|(a, c)| Edit::CutLine(a, c)),
    ]
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..8)
}

/// Applies `edits` to the lines of `text`.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        let n = lines.len().max(1);
        match e {
            Edit::Delete(a, len) => {
                let start = a % n;
                let end = (start + len).min(lines.len());
                if start < end {
                    lines.drain(start..end);
                }
            }
            Edit::Repeat(a, len) => {
                let start = a % n;
                let end = (start + len).min(lines.len());
                if start < end {
                    let copy: Vec<String> = lines[start..end].to_vec();
                    lines.splice(end..end, copy);
                }
            }
            Edit::Move(a, b) => {
                if !lines.is_empty() {
                    let line = lines.remove(a % lines.len());
                    lines.insert(b % (lines.len() + 1), line);
                }
            }
            Edit::Insert(a, line) => lines.insert(a % (lines.len() + 1), line.clone()),
            Edit::ReplaceChar(a, col, ch) => {
                if let Some(line) = lines.get_mut(a % n) {
                    let mut chars: Vec<char> = line.chars().collect();
                    if !chars.is_empty() {
                        let i = col % chars.len();
                        chars[i] = *ch;
                        *line = chars.into_iter().collect();
                    }
                }
            }
            Edit::CutLine(a, col) => {
                if let Some(line) = lines.get_mut(a % n) {
                    *line = line.chars().take(*col).collect();
                }
            }
        }
    }
    lines.join("\n")
}

/// A window of `len` lines of a source document from line `start` (both modulo its length):
/// importers meet documents of every size, and cut ones.
fn window(text: &str, start: usize, len: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = start % lines.len().max(1);
    let end = (start + len).min(lines.len());
    lines[start..end].join("\n")
}

fn seed(name: &str) -> String {
    fs::read_to_string(seeds().join(name)).expect("the seeds are beside the repository")
}

/// Every content file of the fixture site, relative to its root.
fn fixture_files() -> Vec<String> {
    let root = Path::new(REPO).join("tests/fixtures/site");
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&root).unwrap().display().to_string())
        .collect();
    files.push("insyn.toml".into());
    files
}

/// Builds the site in memory: a failed build must say, for each problem, which file of the
/// site it is in and on which line.
fn assert_build_reports_or_succeeds(site: &TempSite) {
    let config = site.root().join("insyn.toml");
    if let Err(problems) = insyn::build::build_in_memory(&config, None) {
        assert!(!problems.is_empty(), "a failed build reports its problems");
        for p in &problems {
            assert!(!p.message.trim().is_empty(), "an empty message: {p:?}");
            assert!(p.line >= 1, "lines count from 1: {p:?}");
            assert!(
                site.root().join(&p.path).exists(),
                "the problem names a file that is not in the site: {p:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any edit of any content file, or of the config, gives a build or a located error.
    #[test]
    fn edited_content_never_panics(file in any::<prop::sample::Index>(), edits in edits()) {
        let files = fixture_files();
        let rel = file.get(&files);
        let site = TempSite::fixture();
        let path = site.root().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, apply(&text, &edits)).unwrap();
        assert_build_reports_or_succeeds(&site);
    }

    /// The text cleaner (furniture, hyphenation, footnotes, blocks) takes any text.
    #[test]
    fn cleaning_any_text_never_panics(
        source in 0..5usize,
        start in 0..20_000usize,
        len in 0..400usize,
        edits in edits(),
    ) {
        let names = [
            "000_dd116de8632fe0a7.txt",
            "001_848bf19960f96f65.txt",
            "002_82d993171a0ee6f8.txt",
            "003_3aa0ed4a4691eb71.txt",
            "004_8b838460e9bf283a.txt",
        ];
        let text = apply(&window(&seed(names[source]), start, len), &edits);
        let cleaned = clean::clean_document(&text);
        // Every cleaned line still traces to a line of the input.
        let count = text.lines().count().max(1);
        for line in &cleaned.lines {
            prop_assert!(line.number >= 1 && line.number <= count, "line {} of {count}", line.number);
        }
    }

    /// The minutes importer reads any part of a protocol, or says where it cannot.
    #[test]
    fn importing_any_minutes_never_panics(
        start in 0..3_000usize,
        len in 0..2_000usize,
        edits in edits(),
    ) {
        let name = "004_8b838460e9bf283a.txt";
        let text = apply(&window(&seed(name), start, len), &edits);
        let profile = minutes::Profile::load(&repo_content()).unwrap();
        if let Err(errors) = minutes::parse_minutes(&text, name, &profile) {
            assert_errors_name(&errors, name);
        }
    }

    /// The TAB follow-up importer.
    #[test]
    fn importing_any_followup_never_panics(
        start in 0..5_000usize,
        len in 0..3_000usize,
        edits in edits(),
    ) {
        let name = "002_82d993171a0ee6f8.txt";
        let text = apply(&window(&seed(name), start, len), &edits);
        let profile = profile::Profile::read(&repo_content()).unwrap().unwrap();
        if let Err(errors) = followup::parse_followup(&text, name, &profile) {
            assert_errors_name(&errors, name);
        }
    }

    /// The flattened follow-up importer, with the repository's corrections for its source.
    #[test]
    fn importing_any_flat_followup_never_panics(
        start in 0..5_000usize,
        len in 0..3_000usize,
        edits in edits(),
    ) {
        let name = "000_dd116de8632fe0a7.txt";
        let text = apply(&window(&seed(name), start, len), &edits);
        let content = repo_content();
        let profile = profile::Profile::read(&content).unwrap().unwrap();
        let profile = profile.with_site(&content, "2022-2024").unwrap();
        let overrides = flat::Overrides::load(&content, name).unwrap();
        if let Err(errors) = flat::parse_flat(&text, name, &overrides, &profile) {
            assert_errors_name(&errors, name);
        }
    }

    /// The report importer (a plan document and a monthly report), with their corrections.
    #[test]
    fn importing_any_report_never_panics(
        plan in any::<bool>(),
        start in 0..5_000usize,
        len in 0..3_000usize,
        edits in edits(),
    ) {
        let name = if plan { "001_848bf19960f96f65.txt" } else { "003_3aa0ed4a4691eb71.txt" };
        let text = apply(&window(&seed(name), start, len), &edits);
        let content = repo_content();
        let profile = profile::Profile::read(&content).unwrap().unwrap();
        let overrides = report::read_overrides(&content, name).unwrap();
        if let Err(errors) = report::parse_report(&text, name, &overrides, &profile) {
            assert_errors_name(&errors, name);
        }
    }

    /// The spreadsheet importer (a dry run) on CSV exports of random cells, some of them
    /// malformed, with the mapping of `tests/fixtures/spreadsheet`.
    #[test]
    fn importing_any_spreadsheet_never_panics(rows in prop::collection::vec(sheet_row(), 0..25)) {
        let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/spreadsheet"));
        let name = "uppfoljning.csv";
        let csv = site.root().join(name);
        let header = "Perspektiv;Mål;Framgångsfaktor;Indikator;Typ;Ansvarig;Enhet;Riktning;Period;Kön;Ingångsvärde;Målvärde;Utfall;Status;Trend;Kommentar;Måluppfyllelse;Analys";
        let body: Vec<String> = rows.iter().map(|r| r.join(";")).collect();
        fs::write(&csv, format!("Export\n{header}\n{}\n", body.join("\n"))).unwrap();
        let content = site.root().join("content");
        let request = import::SpreadsheetRequest {
            source: &csv,
            content_dir: &content,
            plan_id: "2023-2026",
            report: "r-{period}",
            map: None,
            dry_run: true,
        };
        if let Err(errors) = import::import_spreadsheet(request) {
            assert_errors_name(&errors, name);
        }
    }
}

/// A row of 18 cells of a goal-system export: plausible values, malformed ones, and
/// characters that mean something to CSV.
fn sheet_row() -> impl Strategy<Value = Vec<String>> {
    let cell = prop_oneof![
        Just(""),
        Just("Invånare"),
        Just("Ekonomi"),
        Just("Mål A"),
        Just("Mått 1"),
        Just("Aktivitet"),
        Just("KS"),
        Just("RS"),
        Just("2023"),
        Just("2024-08"),
        Just("2024 Q1"),
        Just("84,5"),
        Just("12.5"),
        Just("18 464"),
        Just("Grön"),
        Just("Blå"),
        Just("Kvinnor"),
        Just("Alla"),
        Just("Förbättrad"),
        Just("\""),
        Just("a;b"),
        Just("\u{feff}"),
    ];
    prop::collection::vec(cell.prop_map(str::to_string), 18)
}

/// An importer's errors each say which document they are about: the source, or its
/// corrections file (`content/_import/<source stem>.toml`).
fn assert_errors_name(errors: &[String], source: &str) {
    assert!(!errors.is_empty(), "a failed import says why");
    let stem = source.strip_suffix(".txt").unwrap_or(source);
    for e in errors {
        assert!(
            e.contains(stem),
            "an error that does not name {source} or its corrections: {e}"
        );
    }
}
