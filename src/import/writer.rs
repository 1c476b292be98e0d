//! Writing imported entities through the content schema: the one place where plans, goals and
//! reports become content files (measures go through [`super::measures`], which uses the same
//! front matter helpers).
//!
//! Every importer builds the loader's own records (`RawPlan`, `RawGoal`, `RawReport`,
//! `RawMeasure`, …) and hands them here, so an entity's fields, their order in the file and
//! which of them may be left out are declared once, in `content::raw`. Values built here carry
//! no source span; `Spanned` serializes as its inner value.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::content::{RawGoal, RawOrgan, RawPlan, RawReport, Text, split_front_matter, unspanned};
use crate::slug::slugify;

/// A text value for a raw record.
pub fn text(value: impl Into<String>) -> Text {
    unspanned(value.into())
}

/// `FILE:LINE` or `FILE:FIRST-LAST`, the source reference every entity carries.
pub fn source_ref(file: &str, first: usize, last: usize) -> String {
    if first == last {
        format!("{file}:{first}")
    } else {
        format!("{file}:{first}-{last}")
    }
}

/// [`source_ref`] as a record's `source` value.
pub fn source(file: &str, first: usize, last: usize) -> Option<Text> {
    Some(text(source_ref(file, first, last)))
}

/// Organ ids (slugs) of abbreviations as the source writes them (`RS` → `rs`).
pub fn organ_ids(organs: &[String]) -> Vec<Text> {
    organs.iter().map(|o| text(slugify(o))).collect()
}

/// The plan's first and last year from its id (`2020-2022`, or `2020` for one year).
pub fn plan_years(plan_id: &str) -> Option<(u16, u16)> {
    match plan_id.split_once('-') {
        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
        None => {
            let year = plan_id.parse().ok()?;
            Some((year, year))
        }
    }
}

/// The title of a plan an importer creates (a person may change it; it is kept).
pub fn plan_title(start: u16, end: u16) -> String {
    if start == end {
        format!("Strategiska mål {start}")
    } else {
        format!("Strategisk plan {start}–{end}")
    }
}

/// The folder of a plan's files.
pub fn plan_dir(content_dir: &Path, plan_id: &str) -> PathBuf {
    content_dir.join("planer").join(plan_id)
}

/// The file of a report.
pub fn report_path(content_dir: &Path, report_id: &str) -> PathBuf {
    content_dir
        .join("rapporter")
        .join(format!("{report_id}.md"))
}

fn invalid_data(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

/// Serializes front matter, checks that it reads back as TOML, and adds the `+++` lines and
/// the trimmed Markdown body (if any).
pub fn front_matter<T: Serialize>(front: &T, body: &str) -> io::Result<String> {
    let toml = toml::to_string(front).map_err(invalid_data)?;
    toml::from_str::<toml::Table>(&toml).map_err(invalid_data)?;
    let mut text = format!("+++\n{toml}+++\n");
    let body = body.trim();
    if !body.is_empty() {
        text.push_str(body);
        text.push('\n');
    }
    Ok(text)
}

/// Reads a content file's front matter as a raw record, and its body without trailing white
/// space; errors name the file.
pub fn read_front<T: DeserializeOwned>(path: &Path) -> io::Result<(T, String)> {
    let text = fs::read_to_string(path)?;
    let bad = |e: String| invalid_data(format!("{}: {e}", path.display()));
    let (toml_text, _, body) = split_front_matter(&text).map_err(|(_, e)| bad(e))?;
    let front = toml::from_str(toml_text).map_err(|e| bad(e.to_string()))?;
    Ok((front, body.trim_end().to_string()))
}

/// The content files of a folder (`.md`, not its `_index.md`): stem and path, sorted.
pub fn entity_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    paths.sort();
    Ok(paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter_map(|p| {
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            (stem != "_index").then_some((stem, p))
        })
        .collect())
}

/// The goals already in a plan folder: id, front matter and body, sorted by id.
pub fn existing_goals(plan_dir: &Path) -> io::Result<Vec<(String, RawGoal, String)>> {
    entity_files(plan_dir)?
        .into_iter()
        .map(|(id, path)| {
            let (front, body) = read_front::<RawGoal>(&path)?;
            Ok((id, front, body))
        })
        .collect()
}

/// The organs of a content folder: id and record, sorted by id.
pub fn existing_organs(content_dir: &Path) -> io::Result<Vec<(String, RawOrgan)>> {
    entity_files(&content_dir.join(crate::routes::content::ORGANS))?
        .into_iter()
        .map(|(id, path)| Ok((id, read_front::<RawOrgan>(&path)?.0)))
        .collect()
}

/// The files one import writes, collected first so that nothing is written when building any
/// of them fails.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<(PathBuf, String)>,
}

impl Files {
    /// `planer/<plan_id>/_index.md`.
    pub fn plan(
        &mut self,
        content_dir: &Path,
        plan_id: &str,
        plan: &RawPlan,
        body: &str,
    ) -> io::Result<()> {
        let path = plan_dir(content_dir, plan_id).join("_index.md");
        self.push(path, front_matter(plan, body)?);
        Ok(())
    }

    /// `planer/<plan_id>/<goal_id>.md`.
    pub fn goal(
        &mut self,
        content_dir: &Path,
        plan_id: &str,
        goal_id: &str,
        goal: &RawGoal,
        body: &str,
    ) -> io::Result<()> {
        let path = plan_dir(content_dir, plan_id).join(format!("{goal_id}.md"));
        self.push(path, front_matter(goal, body)?);
        Ok(())
    }

    /// `rapporter/<report_id>.md`.
    pub fn report(
        &mut self,
        content_dir: &Path,
        report_id: &str,
        report: &RawReport,
        body: &str,
    ) -> io::Result<()> {
        self.push(
            report_path(content_dir, report_id),
            front_matter(report, body)?,
        );
        Ok(())
    }

    /// Any other file, such as a measure's or a table's CSV.
    pub fn push(&mut self, path: PathBuf, text: String) {
        self.files.push((path, text));
    }

    pub fn extend(&mut self, files: impl IntoIterator<Item = (PathBuf, String)>) {
        self.files.extend(files);
    }

    /// The paths the files would be written to, in order (for a dry run).
    pub fn paths(&self) -> Vec<PathBuf> {
        self.files.iter().map(|(p, _)| p.clone()).collect()
    }

    /// Writes every file, creating folders as needed; returns the paths in order.
    pub fn write(self) -> io::Result<Vec<PathBuf>> {
        let mut written = Vec::with_capacity(self.files.len());
        for (path, text) in self.files {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::write(&path, text)?;
            written.push(path);
        }
        Ok(written)
    }
}
