//! Writing an imported report through the content schema: the report with its key figures
//! and tables (and their CSVs), and for a plan document the plan and its goals.

use std::io;
use std::path::{Path, PathBuf};

use super::document::{ImportedPlan, ImportedReport};
use crate::content::unspanned;
use crate::content::{
    RawAssignment, RawFigure, RawGoal, RawKeyFigure, RawPerspective, RawPlan, RawReport, RawTable,
};
use crate::import::writer::{Files, text};
use crate::slug::slugify;

/// One CSV line: cells separated by `;`, quoted when they hold `;` or `"`.
fn csv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains(';') || c.contains('"') {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Writes the report (and its tables, and for a plan the plan and its goals) below
/// `content_dir`.
pub fn write_report(
    report: &ImportedReport,
    content_dir: &Path,
    report_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let mut files = Files::default();
    files.report(
        content_dir,
        report_id,
        &report_record(report),
        &report.markdown(),
    )?;
    let tables = content_dir.join("rapporter").join(report_id);
    for t in &report.tables {
        let csv: String = t.rows.iter().map(|r| csv_line(r) + "\n").collect();
        files.push(tables.join(format!("{}.csv", t.id)), csv);
    }
    if let Some(plan) = &report.plan {
        let id = &plan.spec.id;
        files.plan(
            content_dir,
            id,
            &plan_record(report, plan, report_id),
            &plan.intro,
        )?;
        for (n, g) in plan.goals.iter().enumerate() {
            let spec = &plan.spec.goals[&g.id];
            let goal = RawGoal {
                title: g.title.clone(),
                perspective: text(&spec.perspective),
                order: Some(n as u32 + 1),
                organs: g.organs.iter().map(text).collect(),
                aliases: Vec::new(),
                predecessor: spec.predecessor.as_deref().map(text),
                source: Some(text(report.range(g.first_line, g.last_line))),
                assessments: Vec::new(),
                factors: Vec::new(),
            };
            files.goal(content_dir, id, &g.id, &goal, &g.body)?;
        }
    }
    files.write()
}

/// The report's front matter: the overrides' cover facts, the document box, key figures and
/// tables.
fn report_record(report: &ImportedReport) -> RawReport {
    let meta = &report.meta;
    RawReport {
        title: meta.title.clone(),
        kind: text(&meta.kind),
        period: text(&meta.period),
        date: meta.date.map(unspanned),
        document_id: report.document_id.clone(),
        version: report.version.clone(),
        organ: meta.organ.as_deref().map(text),
        source: Some(text(&report.source_file)),
        key_figures: report
            .key_figures
            .iter()
            .map(|k| RawKeyFigure {
                label: k.label.clone(),
                value: unspanned(RawFigure::Text(k.value.clone())),
                unit: Some(k.unit.clone()),
                source: Some(text(&k.source)),
            })
            .collect(),
        tables: report
            .tables
            .iter()
            .map(|t| RawTable {
                id: text(&t.id),
                caption: t.caption.clone(),
                header_rows: (t.header_rows != 1).then(|| unspanned(t.header_rows)),
                note: t.note.clone(),
                source: Some(text(report.range(t.first_line, t.last_line))),
            })
            .collect(),
    }
}

/// A plan document's plan: vision, perspectives and assignments, and the report that holds
/// its text.
fn plan_record(report: &ImportedReport, plan: &ImportedPlan, report_id: &str) -> RawPlan {
    RawPlan {
        title: plan.spec.title.clone(),
        start: unspanned(plan.spec.start),
        end: unspanned(plan.spec.end),
        vision: plan.vision.clone(),
        document: Some(text(report_id)),
        source: Some(text(report.range(plan.first_line, plan.last_line))),
        perspectives: plan
            .perspectives
            .iter()
            .map(|p| RawPerspective {
                id: text(slugify(p)),
                name: p.clone(),
                description: String::new(),
                source: None,
            })
            .collect(),
        assignments: plan
            .assignments
            .iter()
            .map(|a| RawAssignment {
                text: a.text.clone(),
                organs: a.organs.iter().map(text).collect(),
                goal: None,
                source: Some(text(report.range(a.first_line, a.last_line))),
            })
            .collect(),
    }
}
