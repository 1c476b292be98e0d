//! Writing a TAB-separated follow-up through the content schema: the plan, its goals with
//! their assessment and factors, the measures (merged with those other reports have) and the
//! report file.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use super::narrative::report_text;
use super::text::unique_id;
use super::{FollowUp, ImportedFactor, ImportedGoal, ImportedMeasure};
use crate::content::unspanned;
use crate::content::{
    RawAssessment, RawFactor, RawGoal, RawMeasure, RawPerspective, RawPlan, RawReport,
};
use crate::import::measures::{MeasureStore, ResultRow};
use crate::import::writer::{
    Files, organ_ids, plan_title, plan_years, read_front, report_path, source, source_ref, text,
};
use crate::model::{Group, ReportKind, StatusSource, parse_number};

/// The number to compare with when the target names the group: `K40`, `M 17,2`,
/// `K: 65 % M:65 %` give 40, 17,2 and 65 for that group's row. Plain numbers need none.
pub(super) fn group_target_value(target: &str, group: Group) -> Option<String> {
    let marker = match group {
        Group::Women => 'K',
        Group::Men => 'M',
        Group::Total => return None,
    };
    let start = target.find(['K', 'M'])?;
    // Only targets that start with a group marker: `2018 K: 55 %` is a value of another year.
    if !target[..start].trim().is_empty() {
        return None;
    }
    let mut rest = target;
    while let Some(pos) = rest.find(marker) {
        let after = rest[pos + 1..].trim_start_matches(':').trim_start();
        let end = after.find(['K', 'M']).unwrap_or(after.len());
        let value = after[..end].trim();
        if parse_number(value).is_ok() {
            return Some(value.to_string());
        }
        rest = &rest[pos + 1..];
    }
    None
}

/// Writes the follow-up as content files below `content_dir`: `planer/<plan_id>/_index.md`
/// (perspectives), one file per goal (assessment and factors listing measure ids in source
/// order, each linking the section of the report that tells about it), `matt/<id>.md` +
/// `.csv` per measure (one CSV row per group, for `report_id`), and `rapporter/<report_id>.md`
/// with the document's whole text. The plan's files and the report's text are this source's
/// and are rewritten (fields a person added to the report's front matter are kept);
/// measures go through [`MeasureStore::merge`], so a measure that another report already has
/// keeps its file and gets this report's rows. Re-importing is idempotent. Returns the
/// written paths and what the importer left out, as warnings.
pub fn write_followup(
    f: &FollowUp,
    content_dir: &Path,
    plan_id: &str,
    report_id: &str,
) -> io::Result<(Vec<PathBuf>, Vec<String>)> {
    let invalid = |msg: String| io::Error::new(io::ErrorKind::InvalidInput, msg);
    let (start, end) = plan_years(plan_id)
        .ok_or_else(|| invalid(format!("plan id `{plan_id}` is not YYYY or YYYY-YYYY")))?;
    let period = f
        .year
        .ok_or_else(|| invalid("the follow-up has no year (`Mål YYYY` column)".into()))?
        .to_string();
    let (report_text, warnings) = report_text(f);
    let mut files = Files::default();
    files.plan(content_dir, plan_id, &plan_record(f, start, end), "")?;
    let mut goal_ids = HashSet::new();
    // A measure another report already has gets this report's rows, not a second file.
    let mut store = MeasureStore::load(content_dir)?;
    for (order, goal) in f.goals.iter().enumerate() {
        let mut factor_ids = HashSet::new();
        let mut factors = Vec::new();
        for (k, factor) in goal.factors.iter().enumerate() {
            let id = unique_id(&factor.title, &mut factor_ids);
            let mut record = factor_record(f, factor, id, &mut store, &mut files, report_id)?;
            if let Some(anchor) = &report_text.anchors[order][k] {
                record
                    .narratives
                    .push(text(format!("{report_id}#{anchor}")));
            }
            factors.push(record);
        }
        let record = RawGoal {
            title: goal.title.clone(),
            perspective: text(&goal.perspective),
            order: Some(order as u32 + 1),
            organs: organ_ids(&goal.organs),
            aliases: goal.aliases.clone(),
            predecessor: None,
            source: source(&f.source_file, goal.first_line, goal.last_line),
            assessments: assessment_record(goal, report_id, &f.source_file)
                .into_iter()
                .collect(),
            factors,
        };
        let body = goal
            .assessment
            .as_ref()
            .map_or("", |a| a.paragraph.as_str());
        let id = unique_id(&goal.title, &mut goal_ids);
        files.goal(content_dir, plan_id, &id, &record, body)?;
    }
    let path = report_path(content_dir, report_id);
    let report = if path.exists() {
        RawReport {
            title: f.title.clone(),
            source: Some(text(&f.source_file)),
            ..read_front::<RawReport>(&path)?.0
        }
    } else {
        RawReport {
            title: f.title.clone(),
            kind: text(ReportKind::Arsredovisning.key()),
            period: text(period),
            date: None,
            document_id: None,
            version: None,
            organ: None,
            source: Some(text(&f.source_file)),
            key_figures: Vec::new(),
            tables: Vec::new(),
        }
    };
    files.report(content_dir, report_id, &report, &report_text.body)?;
    Ok((files.write()?, warnings))
}

/// The plan's title, years, source and perspectives.
fn plan_record(f: &FollowUp, start: u16, end: u16) -> RawPlan {
    let file = f.source_file.as_str();
    let last_line = f.goals.iter().map(|g| g.last_line).max().unwrap_or(1);
    let first_line = f.perspectives.first().map_or(1, |p| p.line);
    RawPlan {
        title: plan_title(start, end),
        start: unspanned(start),
        end: unspanned(end),
        vision: None,
        document: None,
        source: source(file, first_line, last_line),
        perspectives: f
            .perspectives
            .iter()
            .map(|p| RawPerspective {
                id: text(&p.id),
                name: p.name.clone(),
                description: p.description.clone(),
                source: source(file, p.line, p.line + 2),
            })
            .collect(),
        assignments: Vec::new(),
    }
}

/// A factor with the ids of its measures, whose files are merged into `files`.
fn factor_record(
    f: &FollowUp,
    factor: &ImportedFactor,
    id: String,
    store: &mut MeasureStore,
    files: &mut Files,
    report_id: &str,
) -> io::Result<RawFactor> {
    let mut ids = Vec::new();
    for m in &factor.measures {
        let (id, measure_files) = store.merge(&measure_def(f, m), report_id, &result_rows(f, m))?;
        files.extend(measure_files);
        ids.push(text(id));
    }
    Ok(RawFactor {
        id: text(id),
        title: factor.title.clone(),
        organs: organ_ids(&factor.organs),
        measures: ids,
        narratives: Vec::new(),
        source: source(&f.source_file, factor.first_line, factor.last_line),
    })
}

/// The goal's assessment: the overview table's glyph when there is one, else the status the
/// prose states; the prose sentence is kept as the text either way.
fn assessment_record(goal: &ImportedGoal, report: &str, file: &str) -> Option<RawAssessment> {
    let prose = goal.assessment.as_ref();
    let (status, status_source) = match (goal.table_status, prose.and_then(|a| a.status)) {
        (Some(status), _) => (status, StatusSource::Table),
        (None, Some(status)) => (status, StatusSource::Text),
        (None, None) => return None,
    };
    let mut lines = Vec::new();
    if goal.table_status.is_some() {
        lines.push(goal.table_line);
    }
    if let Some(a) = prose {
        lines.extend([a.first_line, a.last_line]);
    }
    let first = lines.iter().copied().min().unwrap_or(goal.table_line);
    let last = lines.iter().copied().max().unwrap_or(goal.table_line);
    Some(RawAssessment {
        report: text(report),
        status: text(status.key()),
        status_source: text(status_source.key()),
        text: prose.map_or(String::new(), |a| a.sentence.clone()),
        source: source(file, first, last),
    })
}

/// The measure as this report defines it.
fn measure_def(f: &FollowUp, m: &ImportedMeasure) -> RawMeasure {
    RawMeasure {
        name: m.name.clone(),
        kind: text(m.kind.key()),
        organs: organ_ids(&m.organs),
        unit: None,
        direction: None,
        by_sex: m.rows.iter().any(|r| r.group != Group::Total),
        aliases: Vec::new(),
        source: source(&f.source_file, m.first_line, m.last_line),
    }
}

/// One result row per group. 002 has no outcome column; cells that are neither empty, `-`
/// nor a glyph are kept as a comment, not dropped. An outcome the prose states says so and
/// names its line; the measure's commentary goes with its first row.
fn result_rows(f: &FollowUp, m: &ImportedMeasure) -> Vec<ResultRow> {
    m.rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let target_value = if parse_number(&row.target).is_ok() {
                None
            } else {
                group_target_value(&row.target, row.group)
            };
            let mut comments = Vec::new();
            if row.status.is_none() && !matches!(row.status_cell.as_str(), "" | "-") {
                comments.push(format!(
                    "Måluppfyllelse enligt tabellen: {}",
                    row.status_cell
                ));
            }
            if row.trend.is_none() && !matches!(row.trend_cell.as_str(), "" | "-") {
                comments.push(format!("Utveckling enligt tabellen: {}", row.trend_cell));
            }
            if let Some(line) = row.text_line {
                comments.push(format!(
                    "Utfallet är hämtat ur rapportens text (rad {line})."
                ));
            }
            if i == 0 {
                comments.extend(m.comments.iter().map(|c| c.text.replace("\n\n", " ")));
            }
            let last_line = row.text_line.unwrap_or(row.line).max(row.line);
            ResultRow {
                group: row.group,
                target: row.target.clone(),
                target_value: target_value.unwrap_or_default(),
                outcome: row.outcome.clone(),
                status: row.status,
                status_source: row
                    .status
                    .map(|_| row.status_source.unwrap_or(StatusSource::Table)),
                trend: row.trend,
                comment: comments.join(" "),
                source: source_ref(&f.source_file, row.line, last_line),
                ..ResultRow::default()
            }
        })
        .collect()
}
