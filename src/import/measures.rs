//! Writing measures that recur across reports: one measure file with a history, never a
//! duplicate per report.
//!
//! This module owns finding an existing measure in `content/matt/` by its name or one of its
//! aliases (case- and space-insensitive), and merging one report's result rows into its CSV:
//! rows of that report are replaced, rows of other reports are kept. Fields a person added by
//! hand (unit, direction, aliases, the Markdown body) survive a re-import. Every importer that
//! writes measures uses it, so re-running an importer is idempotent.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::{RESULT_COLUMNS, RawMeasure};
use crate::import::followup::short_id;
use crate::import::writer::{front_matter, read_front};
use crate::model::{Group, Status, StatusSource, Trend};

/// One CSV row of a measure's results (the README's columns but the report's id, which the
/// merge adds).
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub group: Group,
    pub baseline: String,
    pub target: String,
    pub target_value: String,
    pub outcome: String,
    pub status: Option<Status>,
    pub status_source: Option<StatusSource>,
    pub trend: Option<Trend>,
    pub comment: String,
    pub source: String,
}

impl Default for ResultRow {
    fn default() -> Self {
        Self {
            group: Group::Total,
            baseline: String::new(),
            target: String::new(),
            target_value: String::new(),
            outcome: String::new(),
            status: None,
            status_source: None,
            trend: None,
            comment: String::new(),
            source: String::new(),
        }
    }
}

impl ResultRow {
    /// The row's cells in the README's column order, for `report_id`.
    fn cells(&self, report_id: &str) -> Vec<String> {
        let key = |k: Option<&'static str>| k.unwrap_or_default().to_string();
        vec![
            report_id.to_string(),
            self.group.key().to_string(),
            self.baseline.clone(),
            self.target.clone(),
            self.target_value.clone(),
            self.outcome.clone(),
            key(self.status.map(Status::key)),
            key(self.status_source.map(StatusSource::key)),
            key(self.trend.map(Trend::key)),
            self.comment.clone(),
            self.source.clone(),
        ]
    }
}

#[derive(Debug, Clone)]
struct Existing {
    id: String,
    /// Normalised name and aliases.
    keys: Vec<String>,
}

/// Lower case without any white space: the key names and aliases are compared by.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The measures in a content folder, and the ids one import has used so far.
#[derive(Debug)]
pub struct MeasureStore {
    dir: PathBuf,
    existing: Vec<Existing>,
    /// Ids assigned during this import: two measures of one report never share a file.
    taken: HashSet<String>,
}

impl MeasureStore {
    /// Reads the names and aliases of every measure in `content_dir/matt`.
    pub fn load(content_dir: &Path) -> io::Result<Self> {
        let dir = content_dir.join("matt");
        let mut existing = Vec::new();
        if dir.is_dir() {
            let mut paths: Vec<PathBuf> = fs::read_dir(&dir)?
                .map(|e| e.map(|e| e.path()))
                .collect::<io::Result<_>>()?;
            paths.sort();
            for path in paths {
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let (front, _) = read_front::<RawMeasure>(&path)?;
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let keys = std::iter::once(&front.name)
                    .chain(&front.aliases)
                    .map(|n| name_key(n))
                    .collect();
                existing.push(Existing { id, keys });
            }
        }
        Ok(Self {
            dir,
            existing,
            taken: HashSet::new(),
        })
    }

    /// The id of an existing measure with this name or alias that this import has not used yet.
    pub fn find(&self, name: &str) -> Option<&str> {
        let key = name_key(name);
        // `budget-halls` before `budget-halls-2` before `budget-halls-10`: the order the ids
        // were given in.
        self.existing
            .iter()
            .filter(|e| e.keys.contains(&key) && !self.taken.contains(&e.id))
            .min_by_key(|e| (e.id.len(), e.id.as_str()))
            .map(|e| e.id.as_str())
    }

    /// A new id for `name`: its short slug, with `-2`, `-3`, … when a file or this import has it.
    fn new_id(&self, name: &str) -> String {
        let base = short_id(name);
        let used = |id: &str| self.taken.contains(id) || self.existing.iter().any(|e| e.id == id);
        let mut id = base.clone();
        let mut n = 2;
        while used(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Merges one report's rows for a measure as that report defines it (its name, kind,
    /// organs, unit, direction, split by sex and source): see [`Self::merge_reports`].
    pub fn merge(
        &mut self,
        def: &RawMeasure,
        report_id: &str,
        rows: &[ResultRow],
    ) -> io::Result<(String, Vec<(PathBuf, String)>)> {
        let rows: Vec<(&str, &ResultRow)> = rows.iter().map(|r| (report_id, r)).collect();
        self.merge_reports(def, &[report_id], &rows)
    }

    /// Merges the rows one import has for a measure, each with its report, as the import
    /// defines the measure: finds the measure (or makes a new id), replaces the rows of the
    /// import's `reports` in its CSV and keeps the others. Returns the id and the two files'
    /// paths and texts; nothing is written here.
    pub fn merge_reports(
        &mut self,
        def: &RawMeasure,
        reports: &[&str],
        rows: &[(&str, &ResultRow)],
    ) -> io::Result<(String, Vec<(PathBuf, String)>)> {
        let id = match self.find(&def.name) {
            Some(id) => id.to_string(),
            None => self.new_id(&def.name),
        };
        self.taken.insert(id.clone());
        let md_path = self.dir.join(format!("{id}.md"));
        let csv_path = self.dir.join(format!("{id}.csv"));
        let (old, body) = if md_path.exists() {
            let (old, body) = read_front::<RawMeasure>(&md_path)?;
            (Some(old), body)
        } else {
            (None, String::new())
        };
        let other_rows: Vec<Vec<String>> = if csv_path.exists() {
            read_rows(&csv_path)?
                .into_iter()
                .filter(|r| !reports.contains(&r[0].as_str()))
                .collect()
        } else {
            Vec::new()
        };
        let front = merged_definition(old, def, !other_rows.is_empty());
        let md = front_matter(&front, &body)?;
        let mut all = other_rows;
        all.extend(rows.iter().map(|(report, r)| r.cells(report)));
        // Rows by report id (stable within a report), so the file does not depend on the
        // order the reports were imported in.
        all.sort_by(|a, b| a[0].cmp(&b[0]));
        let csv = csv_text(&all)?;
        Ok((id, vec![(md_path, md), (csv_path, csv)]))
    }
}

/// A measure another report defined (`other_reports`) keeps that definition and gains what
/// it lacks; otherwise this report's definition is written, keeping the unit, direction and
/// aliases a person may have added by hand.
fn merged_definition(old: Option<RawMeasure>, def: &RawMeasure, other_reports: bool) -> RawMeasure {
    match old {
        Some(old) if other_reports && !old.name.is_empty() => RawMeasure {
            unit: old.unit.clone().or_else(|| def.unit.clone()),
            direction: old.direction.clone().or_else(|| def.direction.clone()),
            by_sex: old.by_sex || def.by_sex,
            ..old
        },
        old => RawMeasure {
            unit: old
                .as_ref()
                .and_then(|o| o.unit.clone())
                .or_else(|| def.unit.clone()),
            direction: old
                .as_ref()
                .and_then(|o| o.direction.clone())
                .or_else(|| def.direction.clone()),
            aliases: old.map(|o| o.aliases).unwrap_or_default(),
            ..def.clone()
        },
    }
}

/// The reports that have rows in the measure `id`'s CSV.
pub fn reports_of(content_dir: &Path, id: &str) -> io::Result<Vec<String>> {
    let path = content_dir.join("matt").join(format!("{id}.csv"));
    if !path.exists() {
        return Ok(Vec::new());
    }
    Ok(read_rows(&path)?
        .into_iter()
        .map(|r| r[0].clone())
        .collect())
}

fn invalid(path: &Path, msg: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}: {msg}", path.display()),
    )
}

/// The CSV's rows in the README's column order (missing columns read as empty).
fn read_rows(path: &Path) -> io::Result<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_path(path)
        .map_err(|e| invalid(path, e))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| invalid(path, e))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| invalid(path, e))?;
        let row = RESULT_COLUMNS
            .iter()
            .map(|col| {
                headers
                    .iter()
                    .position(|h| h == col)
                    .and_then(|i| record.get(i))
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        rows.push(row);
    }
    Ok(rows)
}

fn csv_text(rows: &[Vec<String>]) -> io::Result<String> {
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    csv.write_record(RESULT_COLUMNS)?;
    for row in rows {
        csv.write_record(row)?;
    }
    String::from_utf8(csv.into_inner().map_err(|e| e.into_error())?)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::writer::text;

    fn def(name: &str) -> RawMeasure {
        RawMeasure {
            name: name.into(),
            kind: text("styrmatt"),
            organs: vec![text("rs")],
            unit: None,
            direction: None,
            by_sex: false,
            aliases: Vec::new(),
            source: Some(text("x.txt:1")),
        }
    }

    fn row(target: &str) -> ResultRow {
        ResultRow {
            target: target.into(),
            ..ResultRow::default()
        }
    }

    fn write_all(files: &[(PathBuf, String)]) {
        for (p, t) in files {
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, t).unwrap();
        }
    }

    #[test]
    fn finds_a_measure_by_name_or_alias_ignoring_case_and_spaces() {
        let dir = tempfile::tempdir().unwrap();
        let matt = dir.path().join("matt");
        fs::create_dir_all(&matt).unwrap();
        fs::write(
            matt.join("triage.md"),
            "+++\nname = \"Antal slutförda triage\"\nkind = \"styrmatt\"\naliases = [\"Slutförda triage på Digitalen\"]\n+++\n",
        )
        .unwrap();
        let store = MeasureStore::load(dir.path()).unwrap();
        assert_eq!(store.find("antal  slutförda\ttriage"), Some("triage"));
        assert_eq!(store.find("SLUTFÖRDA TRIAGE PÅ DIGITALEN"), Some("triage"));
        assert_eq!(store.find("Antal slutförda triager"), None);
    }

    #[test]
    fn merging_replaces_this_reports_rows_and_keeps_the_others_and_hand_fields() {
        let dir = tempfile::tempdir().unwrap();
        let matt = dir.path().join("matt");
        fs::create_dir_all(&matt).unwrap();
        fs::write(
            matt.join("kontinuitet.md"),
            "+++\nname = \"Kontinuitetsindex\"\nkind = \"styrmatt\"\norgans = [\"rs\"]\nunit = \"index\"\ndirection = \"hogre\"\nsource = \"old.txt:5\"\n+++\nDefinition skriven för hand.\n",
        )
        .unwrap();
        fs::write(
            matt.join("kontinuitet.csv"),
            "report;group;baseline;target;target_value;outcome;status;status_source;trend;comment;source\nar-2020;totalt;;Öka;;;;;;;old.txt:5\nd-2022;totalt;;gammalt;;;;;;;x.txt:9\n",
        )
        .unwrap();
        let mut store = MeasureStore::load(dir.path()).unwrap();
        let (id, files) = store
            .merge(&def("kontinuitetsindex"), "d-2022", &[row("Öka")])
            .unwrap();
        assert_eq!(id, "kontinuitet");
        let md = &files[0].1;
        assert!(md.contains("name = \"Kontinuitetsindex\""), "{md}");
        assert!(md.contains("unit = \"index\""), "{md}");
        assert!(md.contains("source = \"old.txt:5\""), "{md}");
        assert!(md.ends_with("Definition skriven för hand.\n"), "{md}");
        let csv = &files[1].1;
        assert!(csv.contains("ar-2020;totalt;;Öka"), "{csv}");
        assert!(csv.contains("d-2022;totalt;;Öka"), "{csv}");
        assert!(!csv.contains("gammalt"), "{csv}");
        assert_eq!(csv.lines().count(), 3, "{csv}");
    }

    #[test]
    fn two_measures_of_one_import_with_the_same_name_get_two_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = MeasureStore::load(dir.path()).unwrap();
        let (a, files) = store.merge(&def("Budget hålls"), "r", &[row("1")]).unwrap();
        write_all(&files);
        let (b, files) = store.merge(&def("Budget hålls"), "r", &[row("2")]).unwrap();
        write_all(&files);
        assert_eq!((a.as_str(), b.as_str()), ("budget-halls", "budget-halls-2"));
        // A second run finds both files again, in the same order (`budget-halls-2.md` sorts
        // before `budget-halls.md`).
        let mut again = MeasureStore::load(dir.path()).unwrap();
        let (a2, _) = again.merge(&def("Budget hålls"), "r", &[row("1")]).unwrap();
        let (b2, _) = again.merge(&def("Budget hålls"), "r", &[row("2")]).unwrap();
        assert_eq!(
            (a2.as_str(), b2.as_str()),
            ("budget-halls", "budget-halls-2")
        );
    }
}
