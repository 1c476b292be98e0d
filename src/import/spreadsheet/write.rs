//! Writing a sheet's content through the content schema, with the merge rules of the other
//! follow-up importers: the plan's `_index.md` is created, or gains the perspectives it lacks;
//! goals merge through [`crate::import::goals`] (their bodies are kept), measures through
//! [`crate::import::measures`]; a report file is created only when missing. Every figure's
//! source is the file, sheet and row it came from.

use std::io;
use std::path::Path;

use super::read::Sheet;
use super::rows::{Imported, SheetGoal, SheetMeasure};
use crate::content::{
    RawAssessment, RawMeasure, RawPerspective, RawPlan, RawReport, Text, unspanned,
};
use crate::import::goals::{FactorDef, GoalDef, GoalMerger, MeasureDef};
use crate::import::measures::{ResultRow, name_key};
use crate::import::writer::{
    Files, plan_dir, plan_title, read_front, report_path, source, source_ref, text,
};
use crate::model::{Group, Period, ReportKind, StatusSource};
use crate::slug::slugify;

/// Where the sheet's content goes: the plan, its years, and the report of each period.
pub struct Target<'a> {
    pub content_dir: &'a Path,
    pub plan_id: &'a str,
    pub years: (u16, u16),
    pub reports: &'a [(Period, String)],
}

impl Target<'_> {
    fn report(&self, period: Period) -> &str {
        self.reports
            .iter()
            .find(|(p, _)| *p == period)
            .map_or("", |(_, id)| id.as_str())
    }
}

/// The files the import writes; nothing is written here.
pub fn files(imp: &Imported, sheet: &Sheet, target: &Target) -> io::Result<Files> {
    let src = sheet.source();
    let mut files = Files::default();
    let perspective_ids = plan(imp, &src, target, &mut files)?;
    for (period, id) in target.reports {
        if !report_path(target.content_dir, id).exists() {
            files.report(target.content_dir, id, &report_record(*period, sheet), "")?;
        }
    }
    let report_ids: Vec<&str> = target.reports.iter().map(|(_, id)| id.as_str()).collect();
    let mut goals = GoalMerger::load(target.content_dir, target.plan_id, &report_ids)?;
    for (order, goal) in imp.goals.iter().enumerate() {
        let def = goal_def(goal, &perspective_ids[goal.perspective], &src, target);
        let (id, record, body) = goals.merge(order, &def, &mut files)?;
        files.goal(target.content_dir, target.plan_id, &id, &record, &body)?;
    }
    Ok(files)
}

/// The plan's `_index.md` when it is missing, or when the plan lacks perspectives of the
/// sheet (which are added; everything else is kept). Returns the id of each of the sheet's
/// perspectives: the plan's own where it has one with the same name.
fn plan(imp: &Imported, src: &str, target: &Target, files: &mut Files) -> io::Result<Vec<String>> {
    let path = plan_dir(target.content_dir, target.plan_id).join("_index.md");
    let (mut plan, body, exists) = if path.exists() {
        let (plan, body) = read_front::<RawPlan>(&path)?;
        (plan, body, true)
    } else {
        let (start, end) = target.years;
        let first = imp.goals.first().map_or(1, |g| g.first_row);
        let last = imp.goals.iter().map(|g| g.last_row).max().unwrap_or(first);
        let plan = RawPlan {
            title: plan_title(start, end),
            start: unspanned(start),
            end: unspanned(end),
            vision: None,
            document: None,
            source: source(src, first, last),
            perspectives: Vec::new(),
            assignments: Vec::new(),
        };
        (plan, String::new(), false)
    };
    let mut ids = Vec::new();
    let mut added = false;
    for p in &imp.perspectives {
        let found = plan.perspectives.iter().find(|q| {
            name_key(&q.name) == name_key(&p.name) || *q.id.get_ref() == slugify(&p.name)
        });
        match found {
            Some(q) => ids.push(q.id.get_ref().clone()),
            None => {
                let id = slugify(&p.name);
                plan.perspectives.push(RawPerspective {
                    id: text(&id),
                    name: p.name.clone(),
                    description: String::new(),
                    source: source(src, p.row, p.row),
                });
                ids.push(id);
                added = true;
            }
        }
    }
    if added || !exists {
        files.plan(target.content_dir, target.plan_id, &plan, &body)?;
    }
    Ok(ids)
}

/// A new report for a period: an annual report for a year, a part-year report for a month.
fn report_record(period: Period, sheet: &Sheet) -> RawReport {
    let kind = match period.month {
        Some(_) => ReportKind::Delarsrapport,
        None => ReportKind::Arsredovisning,
    };
    RawReport {
        title: format!("Måluppföljning {}", period.label()),
        kind: text(kind.key()),
        period: text(period.key()),
        date: None,
        document_id: None,
        version: None,
        organ: None,
        source: Some(text(&sheet.file)),
        key_figures: Vec::new(),
        tables: Vec::new(),
    }
}

/// Organ ids of measures, each once, in order.
fn organs<'a>(measures: impl Iterator<Item = &'a SheetMeasure>) -> Vec<Text> {
    let mut ids: Vec<&str> = Vec::new();
    for id in measures.flat_map(|m| &m.organs) {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    ids.into_iter().map(text).collect()
}

/// The goal as the sheet defines it; its organs are those of its measures.
fn goal_def(goal: &SheetGoal, perspective: &str, src: &str, target: &Target) -> GoalDef {
    let mut assessments = goal.assessments.clone();
    assessments.sort_by_key(|a| a.period);
    GoalDef {
        title: goal.title.clone(),
        aliases: Vec::new(),
        perspective: perspective.to_string(),
        organs: organs(goal.factors.iter().flat_map(|f| &f.measures)),
        source: source(src, goal.first_row, goal.last_row),
        assessments: assessments
            .iter()
            .map(|a| RawAssessment {
                report: text(target.report(a.period)),
                status: text(a.status.key()),
                status_source: text(StatusSource::Table.key()),
                text: a.text.clone(),
                source: source(src, a.row, a.row),
            })
            .collect(),
        factors: goal
            .factors
            .iter()
            .map(|f| FactorDef {
                title: f.title.clone(),
                organs: organs(f.measures.iter()),
                source: source(src, f.first_row, f.last_row),
                measures: f
                    .measures
                    .iter()
                    .map(|m| measure_def(m, src, target))
                    .collect(),
            })
            .collect(),
    }
}

fn measure_def(m: &SheetMeasure, src: &str, target: &Target) -> MeasureDef {
    MeasureDef {
        def: RawMeasure {
            name: m.name.clone(),
            kind: text(m.kind.key()),
            organs: m.organs.iter().map(text).collect(),
            unit: m.unit.clone(),
            direction: m.direction.map(|d| text(d.key())),
            by_sex: m.results.iter().any(|r| r.group != Group::Total),
            aliases: Vec::new(),
            source: source(src, m.first_row, m.last_row),
        },
        rows: m
            .results
            .iter()
            .map(|r| {
                let row = ResultRow {
                    group: r.group,
                    baseline: r.baseline.clone(),
                    target: r.target.clone(),
                    target_value: String::new(),
                    outcome: r.outcome.clone(),
                    status: r.status,
                    status_source: r.status.map(|_| StatusSource::Table),
                    trend: r.trend,
                    comment: r.comment.clone(),
                    source: source_ref(src, r.row, r.row),
                };
                (target.report(r.period).to_string(), row)
            })
            .collect(),
    }
}
