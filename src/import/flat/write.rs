//! Writing a flattened follow-up through the content schema, merging with what exists: goal
//! and factor ids, aliases and predecessors, other reports' assessments and measures (the
//! rules of [`crate::import::goals`]), and a report's reviewed body are kept. A goal's body
//! is this document's: the comments on its factors that concern no single measure.

use std::io;
use std::path::{Path, PathBuf};

use super::comments::strip_bullet;
use super::status::measure_direction;
use super::{FlatFollowUp, Overrides};
use crate::content::unspanned;
use crate::content::{RawAssessment, RawMeasure, RawPerspective, RawPlan, RawReport};
use crate::import::clean::{Block, BlockKind};
use crate::import::followup::{FollowUp, ImportedFactor, ImportedGoal, ImportedMeasure};
use crate::import::goals::{FactorDef, GoalDef, GoalMerger, MeasureDef};
use crate::import::measures::ResultRow;
use crate::import::writer::{
    Files, organ_ids, plan_dir, plan_title, plan_years, read_front, report_path, source,
    source_ref, text,
};
use crate::model::{Group, MeasureKind, StatusSource, parse_number};

/// Writes the follow-up below `content_dir`: the goals of `plan_id` (keeping the ids, aliases
/// and predecessors of goals and factors that exist), every measure through
/// [`crate::import::measures::MeasureStore`], and the report `report_id` (its body is kept when the file
/// exists: the introduction is reviewed text). The plan's `_index.md` is written only when
/// missing. Returns the written paths.
pub fn write_flat(
    f: &FlatFollowUp,
    content_dir: &Path,
    plan_id: &str,
    report_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let fu = &f.followup;
    let invalid = |msg: String| io::Error::new(io::ErrorKind::InvalidInput, msg);
    let (start, end) = plan_years(plan_id)
        .ok_or_else(|| invalid(format!("plan id `{plan_id}` is not YYYY or YYYY-YYYY")))?;
    let period = f
        .period
        .clone()
        .or_else(|| fu.year.map(|y| y.to_string()))
        .ok_or_else(|| {
            invalid("the follow-up names no period (`per april 2022`, `Mål 2022`)".into())
        })?;
    let mut files = Files::default();
    if !plan_dir(content_dir, plan_id).join("_index.md").exists() {
        files.plan(content_dir, plan_id, &plan_record(fu, start, end), "")?;
    }
    let mut goals = GoalMerger::load(content_dir, plan_id, &[report_id])?;
    for (order, goal) in fu.goals.iter().enumerate() {
        let (id, record, _) = goals.merge(order, &goal_def(f, goal, report_id), &mut files)?;
        let body = goal_body(goal, &fu.source_file);
        files.goal(content_dir, plan_id, &id, &record, &body)?;
    }
    let (report, body) = report_record(f, content_dir, report_id, period)?;
    files.report(content_dir, report_id, &report, &body)?;
    files.write()
}

/// The plan's `_index.md`, written only when the plan has none: title, years, perspectives.
fn plan_record(fu: &FollowUp, start: u16, end: u16) -> RawPlan {
    let first = fu.perspectives.first().map_or(1, |p| p.line);
    let last = fu.goals.iter().map(|g| g.last_line).max().unwrap_or(first);
    RawPlan {
        title: plan_title(start, end),
        start: unspanned(start),
        end: unspanned(end),
        vision: None,
        document: None,
        source: source(&fu.source_file, first, last),
        perspectives: fu
            .perspectives
            .iter()
            .map(|p| RawPerspective {
                id: text(&p.id),
                name: p.name.clone(),
                description: p.description.clone(),
                source: None,
            })
            .collect(),
        assignments: Vec::new(),
    }
}

/// The report's front matter: what this document says, and the date, organ and key figures
/// of a report file that exists (with its body: the introduction is reviewed text).
fn report_record(
    f: &FlatFollowUp,
    content_dir: &Path,
    report_id: &str,
    period: String,
) -> io::Result<(RawReport, String)> {
    let path = report_path(content_dir, report_id);
    let (old, body) = if path.exists() {
        let (r, b) = read_front::<RawReport>(&path)?;
        (Some(r), b)
    } else {
        (None, intro_markdown(&f.intro))
    };
    let report = RawReport {
        title: f.followup.title.clone(),
        kind: text(f.kind.key()),
        period: text(period),
        date: old.as_ref().and_then(|r| r.date.clone()),
        document_id: f.document_id.clone(),
        version: f.version.clone(),
        organ: old.as_ref().and_then(|r| r.organ.clone()),
        source: Some(text(&f.followup.source_file)),
        key_figures: old.as_ref().map_or(Vec::new(), |r| r.key_figures.clone()),
        tables: old.map_or(Vec::new(), |r| r.tables),
    };
    Ok((report, body))
}

/// A goal as this follow-up defines it: its factors with their measures and rows, and the
/// assessment its prose states.
fn goal_def(f: &FlatFollowUp, goal: &ImportedGoal, report_id: &str) -> GoalDef {
    let file = f.followup.source_file.as_str();
    let assessment = goal.assessment.as_ref().and_then(|a| {
        Some(RawAssessment {
            report: text(report_id),
            status: text(a.status?.key()),
            status_source: text(StatusSource::Text.key()),
            text: a.paragraph.clone(),
            source: source(file, a.first_line, a.last_line),
        })
    });
    GoalDef {
        title: goal.title.clone(),
        aliases: goal.aliases.clone(),
        perspective: goal.perspective.clone(),
        organs: organ_ids(&goal.organs),
        source: source(file, goal.first_line, goal.last_line),
        assessments: assessment.into_iter().collect(),
        factors: goal
            .factors
            .iter()
            .map(|factor| FactorDef {
                title: factor.title.clone(),
                organs: organ_ids(&factor.organs),
                source: source(file, factor.first_line, factor.last_line),
                measures: factor
                    .measures
                    .iter()
                    .map(|m| MeasureDef {
                        def: measure_def(m, file, &f.overrides),
                        rows: result_rows(m, file)
                            .into_iter()
                            .map(|r| (report_id.to_string(), r))
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The goal's body: the factors' comments that concern no single measure.
fn goal_body(goal: &ImportedGoal, file: &str) -> String {
    let notes: String = goal.factors.iter().map(|f| factor_notes(f, file)).collect();
    if notes.is_empty() {
        String::new()
    } else {
        format!("## Övriga kommentarer\n\n{notes}")
    }
}

/// The factor's comments that concern no single measure, as a `###` section of the goal's
/// body with `####` subsection headings and the source lines.
fn factor_notes(factor: &ImportedFactor, file: &str) -> String {
    let mut notes = String::new();
    if factor.comments.is_empty() {
        return notes;
    }
    notes.push_str(&format!("### {}\n\n", factor.title));
    let mut heading: Option<&str> = None;
    for c in &factor.comments {
        if c.heading.as_deref() != heading {
            heading = c.heading.as_deref();
            if let Some(h) = heading {
                notes.push_str(&format!("#### {h}\n\n"));
            }
        }
        if !c.text.is_empty() {
            notes.push_str(&c.text);
            notes.push_str("\n\n");
        }
    }
    notes.push_str(&format!(
        "*Källa: {}*\n\n",
        source_ref(
            file,
            factor.comments[0].first_line,
            factor.comments.last().map_or(0, |c| c.last_line)
        )
    ));
    notes
}

fn measure_def(m: &ImportedMeasure, file: &str, overrides: &Overrides) -> RawMeasure {
    // A share when its target or outcome is a percentage (`85 %`, `93%`); `Minska med 50%`
    // is a change, not the unit.
    let is_percent = |t: &str| t.trim_end().ends_with('%') && parse_number(t).is_ok();
    let percent = m.rows.iter().any(|r| {
        is_percent(r.target_value.as_deref().unwrap_or(&r.target)) || is_percent(&r.outcome)
    });
    RawMeasure {
        name: m.name.clone(),
        kind: text(m.kind.key()),
        organs: organ_ids(&m.organs),
        unit: percent.then(|| "%".to_string()),
        direction: measure_direction(m, overrides)
            .filter(|_| m.kind != MeasureKind::Aktivitet)
            .map(|d| text(d.key())),
        by_sex: m.rows.iter().any(|r| r.group != Group::Total),
        aliases: Vec::new(),
        source: source(file, m.first_line, m.last_line),
    }
}

/// The CSV rows; the comment goes on the first row, the one that says most.
fn result_rows(m: &ImportedMeasure, file: &str) -> Vec<ResultRow> {
    let comment = m
        .comments
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    m.rows
        .iter()
        .enumerate()
        .map(|(k, r)| ResultRow {
            group: r.group,
            target: r.target.clone(),
            target_value: r.target_value.clone().unwrap_or_default(),
            outcome: r.outcome.clone(),
            status: r.status,
            status_source: r.status_source,
            comment: if k == 0 {
                comment.clone()
            } else {
                String::new()
            },
            source: source_ref(file, r.line, r.last_line.max(r.line)),
            ..ResultRow::default()
        })
        .collect()
}

/// The introduction as Markdown: headings as `##`, the rest as paragraphs.
fn intro_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b.kind {
            BlockKind::Heading => out.push_str(&format!("## {}\n\n", b.text)),
            BlockKind::ListItem => out.push_str(&format!("- {}\n\n", strip_bullet(&b.text))),
            BlockKind::Paragraph => out.push_str(&format!("{}\n\n", b.text)),
        }
    }
    out
}
