//! Writing a flattened follow-up through the content schema, merging with what exists: goal
//! and factor ids, aliases and predecessors, other reports' assessments and measures, and a
//! report's reviewed body are kept.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use super::comments::strip_bullet;
use super::status::measure_direction;
use super::{FlatFollowUp, Overrides};
use crate::content::unspanned;
use crate::content::{
    RawAssessment, RawFactor, RawGoal, RawMeasure, RawPerspective, RawPlan, RawReport, Text,
};
use crate::import::clean::{Block, BlockKind};
use crate::import::followup::{
    FollowUp, ImportedFactor, ImportedGoal, ImportedMeasure, similarity, unique_id,
};
use crate::import::measures::{MeasureStore, ResultRow, name_key, reports_of};
use crate::import::writer::{
    Files, existing_goals, organ_ids, plan_dir, plan_years, read_front, report_path, source,
    source_ref, text,
};
use crate::model::{Group, MeasureKind, StatusSource, parse_number};

/// Writes the follow-up below `content_dir`: the goals of `plan_id` (keeping the ids, aliases
/// and predecessors of goals and factors that exist), every measure through
/// [`MeasureStore::merge`], and the report `report_id` (its body is kept when the file
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
    let existing = existing_goals(&plan_dir(content_dir, plan_id))?;
    let mut goals = GoalWriter {
        f,
        content_dir,
        report_id,
        store: MeasureStore::load(content_dir)?,
        goal_ids: existing.iter().map(|(id, _, _)| id.clone()).collect(),
        used_goals: HashSet::new(),
        existing: &existing,
    };
    for (order, goal) in fu.goals.iter().enumerate() {
        let (id, record, body) = goals.goal(order, goal, &mut files)?;
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
        title: format!("Strategisk plan {start}–{end}"),
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

/// Builds each goal's record, keeping the ids, aliases, predecessors and other reports'
/// assessments and measures of the goals and factors that exist.
struct GoalWriter<'a> {
    f: &'a FlatFollowUp,
    content_dir: &'a Path,
    report_id: &'a str,
    store: MeasureStore,
    goal_ids: HashSet<String>,
    used_goals: HashSet<String>,
    existing: &'a [(String, RawGoal, String)],
}

impl<'a> GoalWriter<'a> {
    /// The goal's id, record and body (the factors' comments); its measures' files go to
    /// `files`.
    fn goal(
        &mut self,
        order: usize,
        goal: &ImportedGoal,
        files: &mut Files,
    ) -> io::Result<(String, RawGoal, String)> {
        let file = self.f.followup.source_file.as_str();
        let (id, old) = self.existing_goal(goal);
        let old_factors = old.map_or(&[][..], |g| g.factors.as_slice());
        let mut factor_ids: HashSet<String> =
            old_factors.iter().map(|f| f.id.get_ref().clone()).collect();
        let mut used_factors: HashSet<String> = HashSet::new();
        let mut factors = Vec::new();
        let mut notes = String::new();
        for factor in &goal.factors {
            let matched = old_factors
                .iter()
                .filter(|o| !used_factors.contains(o.id.get_ref()))
                .map(|o| (o, similarity(&o.title, &factor.title)))
                .filter(|(o, score)| name_key(&o.title) == name_key(&factor.title) || *score >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(o, _)| o);
            let fid = match matched {
                Some(o) => {
                    used_factors.insert(o.id.get_ref().clone());
                    o.id.get_ref().clone()
                }
                None => unique_id(&factor.title, &mut factor_ids),
            };
            factors.push(RawFactor {
                id: text(fid),
                title: factor.title.clone(),
                organs: organ_ids(&factor.organs),
                measures: self.factor_measures(factor, matched, files)?,
                source: source(file, factor.first_line, factor.last_line),
            });
            notes.push_str(&factor_notes(factor, file));
        }
        let record = RawGoal {
            title: goal.title.clone(),
            perspective: text(&goal.perspective),
            order: Some(order as u32 + 1),
            organs: organ_ids(&goal.organs),
            aliases: merged_aliases(old, goal),
            predecessor: old.and_then(|g| g.predecessor.clone()),
            source: source(file, goal.first_line, goal.last_line),
            assessments: self.assessments(old, goal),
            factors,
        };
        let body = if notes.is_empty() {
            String::new()
        } else {
            format!("## Övriga kommentarer\n\n{notes}")
        };
        Ok((id, record, body))
    }

    /// The existing goal with this title or alias that no other goal took, or a new id.
    fn existing_goal(&mut self, goal: &ImportedGoal) -> (String, Option<&'a RawGoal>) {
        let names: Vec<&String> = std::iter::once(&goal.title).chain(&goal.aliases).collect();
        let existing = self.existing;
        let found = existing.iter().find(|(id, g, _)| {
            !self.used_goals.contains(id)
                && std::iter::once(&g.title).chain(&g.aliases).any(|t| {
                    names
                        .iter()
                        .any(|n| name_key(n) == name_key(t) || similarity(n, t) >= 0.8)
                })
        });
        let (id, old) = match found {
            Some((id, g, _)) => (id.clone(), Some(g)),
            None => (unique_id(&goal.title, &mut self.goal_ids), None),
        };
        self.used_goals.insert(id.clone());
        (id, old)
    }

    /// The factor's measure ids: this report's, merged into their files, then those another
    /// report lists under the matching existing factor.
    fn factor_measures(
        &mut self,
        factor: &ImportedFactor,
        matched: Option<&RawFactor>,
        files: &mut Files,
    ) -> io::Result<Vec<Text>> {
        let file = self.f.followup.source_file.as_str();
        let mut ids = Vec::new();
        for m in &factor.measures {
            let (id, measure_files) = self.store.merge(
                &measure_def(m, file, &self.f.overrides),
                self.report_id,
                &result_rows(m, file),
            )?;
            files.extend(measure_files);
            ids.push(id);
        }
        for old in matched.map_or(&[][..], |o| o.measures.as_slice()) {
            let mid = old.get_ref();
            if !ids.contains(mid)
                && reports_of(self.content_dir, mid)?
                    .iter()
                    .any(|r| r != self.report_id)
            {
                ids.push(mid.clone());
            }
        }
        Ok(ids.into_iter().map(text).collect())
    }

    /// Other reports' assessments of an existing goal, then this report's when the prose
    /// states a status.
    fn assessments(&self, old: Option<&RawGoal>, goal: &ImportedGoal) -> Vec<RawAssessment> {
        let file = self.f.followup.source_file.as_str();
        let mut out: Vec<RawAssessment> = old.map_or(Vec::new(), |g| {
            g.assessments
                .iter()
                .filter(|a| a.report.get_ref() != self.report_id)
                .cloned()
                .collect()
        });
        if let Some(a) = &goal.assessment
            && let Some(status) = a.status
        {
            out.push(RawAssessment {
                report: text(self.report_id),
                status: text(status.key()),
                status_source: text(StatusSource::Text.key()),
                text: a.paragraph.clone(),
                source: source(file, a.first_line, a.last_line),
            });
        }
        out
    }
}

/// The existing goal's aliases, then this document's spellings it lacks.
fn merged_aliases(old: Option<&RawGoal>, goal: &ImportedGoal) -> Vec<String> {
    let mut aliases: Vec<String> = old.map_or(Vec::new(), |g| g.aliases.clone());
    for a in &goal.aliases {
        if !aliases.iter().any(|x| x == a) && *a != goal.title {
            aliases.push(a.clone());
        }
    }
    aliases
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
