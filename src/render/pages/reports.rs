//! Reports: `/rapporter/` lists them newest first, `/rapporter/<id>/` shows a report's text
//! with its tables, table of contents and key figures, and the measure results and goal
//! assessments it gave.

use serde::Serialize;

use super::{PageJob, Shared, job};
use crate::markdown::TocEntry;
use crate::model::{KeyFigure, Report, SourceRef};
use crate::render::tables::place_tables;
use crate::render::views::{
    AssessmentView, Link, MeasureSummary, ReportSummary, figure_text, measure_summary,
    report_summary, reports_newest_first,
};
use crate::routes;
use crate::xref::Scope;

#[derive(Serialize)]
struct Reports {
    reports: Vec<ReportSummary>,
}

#[derive(Serialize)]
struct ReportPage<'a> {
    report: ReportView<'a>,
    measures: Vec<MeasureSummary>,
    goals: Vec<GoalAssessed>,
}

#[derive(Serialize)]
struct ReportView<'a> {
    title: &'a str,
    kind: &'static str,
    period: String,
    date: Option<&'a str>,
    document_id: Option<&'a str>,
    version: Option<&'a str>,
    organ: Option<Link>,
    source: Option<String>,
    body: String,
    toc: Vec<TocEntry>,
    key_figures: Vec<KeyFigureView<'a>>,
}

#[derive(Serialize)]
struct KeyFigureView<'a> {
    label: &'a str,
    value: String,
    unit: Option<&'a str>,
    source: Option<String>,
}

/// A goal and the assessment the report gave it.
#[derive(Serialize)]
struct GoalAssessed {
    goal: Link,
    assessment: AssessmentView,
}

/// The list of reports, then each report's page.
pub(super) fn jobs(s: &Shared) -> Vec<PageJob> {
    let reports = reports_newest_first(s.site)
        .into_iter()
        .map(|r| report_summary(s.urls, r))
        .collect();
    let meta = s.meta(
        "Rapporter",
        routes::REPORTS,
        "rapporter",
        s.crumbs(None),
        None,
    );
    let origin = routes::content::folder(routes::content::REPORTS);
    let index = job(
        routes::REPORTS,
        "reports.html",
        origin,
        &meta,
        &Reports { reports },
    );
    std::iter::once(index)
        .chain(s.site.reports.values().map(|r| report_job(s, r)))
        .collect()
}

fn report_job(s: &Shared, r: &Report) -> PageJob {
    let (site, urls) = (s.site, s.urls);
    let scope = Scope {
        plan: s.xref.report_plan(r),
        ..Scope::default()
    };
    let body = s.md_linked(&r.body, scope);
    let measures = site
        .measures
        .values()
        .filter(|m| m.results.iter().any(|x| x.report == r.id))
        .map(|m| measure_summary(site, urls, &s.config.terms, m, |x| x.report == r.id))
        .collect();
    let goals = site
        .plans
        .iter()
        .flat_map(|p| p.goals.iter().map(move |g| (p, g)))
        .flat_map(|(p, g)| {
            g.assessments
                .iter()
                .filter(|a| a.report == r.id)
                .map(move |a| (p, g, a))
        })
        .map(|(p, g, a)| GoalAssessed {
            goal: Link {
                label: g.title.clone(),
                url: urls.goal(&p.id, &g.id),
            },
            assessment: s.assessment(p, g, a),
        })
        .collect();
    let data = ReportPage {
        report: ReportView {
            title: &r.title,
            kind: r.kind.label(),
            period: r.period.label(),
            date: r.date.as_deref(),
            document_id: r.document_id.as_deref(),
            version: r.version.as_deref(),
            organ: r
                .organ
                .as_ref()
                .and_then(|o| site.organs.get(o))
                .map(|o| Link {
                    label: o.name.clone(),
                    url: urls.organ(&o.slug),
                }),
            source: r.source.as_ref().map(SourceRef::label),
            body: place_tables(&body.html, &r.tables, ""),
            toc: body.toc,
            key_figures: r.key_figures.iter().map(key_figure).collect(),
        },
        measures,
        goals,
    };
    let path = routes::report(&r.id);
    let crumbs = s.crumbs(Some(("Rapporter", routes::REPORTS)));
    let meta = s.meta(r.title.clone(), &path, "rapporter", crumbs, None);
    let origin = format!(
        "{}/{}.md",
        routes::content::folder(routes::content::REPORTS),
        r.id
    );
    job(&path, "report.html", origin, &meta, &data)
}

fn key_figure(k: &KeyFigure) -> KeyFigureView<'_> {
    KeyFigureView {
        label: &k.label,
        value: figure_text(&k.value),
        unit: k.unit.as_deref(),
        source: k.source.as_ref().map(SourceRef::label),
    }
}
