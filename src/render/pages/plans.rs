//! Plans and goals: `/mal/` lists the plans, `/mal/<plan>/` shows a plan's goals per
//! perspective with its scorecard and assignments, `/mal/<plan>/<goal>/` a goal with its
//! assessments, success factors and their measures.

use serde::Serialize;

use super::{PageJob, Shared, job};
use crate::markdown::{render as markdown, section_markdown};
use crate::model::{Goal, GoalAssessment, Plan, SectionRef, SourceRef};
use crate::render::scorecard::{Totals, factor_counts, totals};
use crate::render::views::{
    AssessmentView, Link, MeasureSummary, PerspectiveView, ReportSummary, StatusCounts,
    goal_summary, measure_summary, organ_links, perspectives, report_summary,
};
use crate::routes;
use crate::xref::Scope;

#[derive(Serialize)]
struct Plans<'a> {
    plans: Vec<PlanItem<'a>>,
}

#[derive(Serialize)]
struct PlanItem<'a> {
    title: &'a str,
    url: String,
    goal_count: usize,
    current: bool,
}

#[derive(Serialize)]
struct PlanPage<'a> {
    plan: PlanView<'a>,
    totals: Totals,
    perspectives: Vec<PerspectiveView>,
    assignments: Vec<AssignmentView<'a>>,
}

#[derive(Serialize)]
struct PlanView<'a> {
    title: &'a str,
    period: String,
    vision: Option<&'a str>,
    intro: String,
    /// The report that is the plan's document.
    document: Option<ReportSummary>,
    source: Option<String>,
}

#[derive(Serialize)]
struct AssignmentView<'a> {
    text: &'a str,
    organs: Vec<Link>,
    goal: Option<Link>,
    source: Option<String>,
}

#[derive(Serialize)]
struct GoalPage<'a> {
    goal: GoalView<'a>,
    assessments: Vec<AssessmentView>,
    factors: Vec<FactorView<'a>>,
    predecessor: Option<Link>,
    successors: Vec<Link>,
    assignments: Vec<&'a str>,
}

#[derive(Serialize)]
struct GoalView<'a> {
    title: &'a str,
    plan: Link,
    perspective: Option<&'a str>,
    organs: Vec<Link>,
    aliases: &'a [String],
    body: String,
    source: Option<String>,
    counts: StatusCounts,
    measure_count: usize,
}

#[derive(Serialize)]
struct FactorView<'a> {
    title: &'a str,
    anchor: String,
    counts: StatusCounts,
    organs: Vec<Link>,
    measures: Vec<MeasureSummary>,
    narratives: Vec<NarrativeView>,
    source: Option<String>,
}

/// A report's section on a factor: shown collapsed under the factor, or (when long) as the
/// list of its sub-headings, always with a link to the section in the report.
#[derive(Serialize)]
struct NarrativeView {
    report: Link,
    /// The section in the report.
    url: String,
    /// The section's text, when it is short enough to show on the goal page.
    html: Option<String>,
    headings: Vec<String>,
}

/// Sections longer than this (bytes of HTML) are linked, not shown, to keep goal pages light
/// on a phone.
const INLINE_NARRATIVE_MAX: usize = 12_000;

/// The list of plans, then each plan's page followed by its goals' pages.
pub(super) fn jobs(s: &Shared) -> Vec<PageJob> {
    let mut jobs = vec![list(s)];
    for plan in &s.site.plans {
        jobs.push(plan_job(s, plan));
        jobs.extend(plan.goals.iter().map(|goal| goal_job(s, plan, goal)));
    }
    jobs
}

fn list(s: &Shared) -> PageJob {
    let current = s.site.current_plan();
    let plans = s
        .site
        .plans
        .iter()
        .rev()
        .map(|p| PlanItem {
            title: &p.title,
            url: s.urls.plan(&p.id),
            goal_count: p.goals.len(),
            current: current.is_some_and(|c| c.id == p.id),
        })
        .collect();
    let meta = s.meta("Mål och planer", routes::PLANS, "mal", s.crumbs(None), None);
    let origin = routes::content::folder(routes::content::PLANS);
    job(routes::PLANS, "plans.html", origin, &meta, &Plans { plans })
}

fn plan_job(s: &Shared, plan: &Plan) -> PageJob {
    let (site, urls) = (s.site, s.urls);
    let assignments = plan
        .assignments
        .iter()
        .map(|a| AssignmentView {
            text: &a.text,
            organs: organ_links(site, urls, &a.organs),
            goal: a
                .goal
                .as_ref()
                .and_then(|g| plan.goals.iter().find(|x| &x.id == g))
                .map(|g| Link {
                    label: g.title.clone(),
                    url: urls.goal(&plan.id, &g.id),
                }),
            source: a.source.as_ref().map(SourceRef::label),
        })
        .collect();
    let perspectives = perspectives(site, urls, plan);
    let data = PlanPage {
        plan: PlanView {
            title: &plan.title,
            period: format!("{}–{}", plan.start, plan.end),
            vision: plan.vision.as_deref(),
            intro: s.md(&plan.intro).html,
            document: plan
                .document
                .as_ref()
                .and_then(|d| site.reports.get(d))
                .map(|r| report_summary(urls, r)),
            source: plan.source.as_ref().map(SourceRef::label),
        },
        totals: totals(&perspectives, &s.config.terms),
        perspectives,
        assignments,
    };
    let path = routes::plan(&plan.id);
    let crumbs = s.crumbs(Some(("Mål och planer", routes::PLANS)));
    let meta = s.meta(plan.title.clone(), &path, "mal", crumbs, None);
    let origin = routes::content::plan_file(&plan.id);
    job(&path, "plan.html", origin, &meta, &data)
}

fn goal_job(s: &Shared, plan: &Plan, goal: &Goal) -> PageJob {
    let (site, urls) = (s.site, s.urls);
    let goal_link = |plan: &Plan, g: &Goal| Link {
        label: format!("{} ({})", g.title, plan.title),
        url: urls.goal(&plan.id, &g.id),
    };
    let predecessor = goal
        .predecessor
        .as_ref()
        .and_then(|p| Some(goal_link(site.plan(&p.plan)?, site.goal(p)?)));
    let successors = site
        .plans
        .iter()
        .flat_map(|pl| pl.goals.iter().map(move |g| (pl, g)))
        .filter(|(_, g)| g.predecessor.as_ref() == Some(&goal.goal_ref()))
        .map(|(pl, g)| goal_link(pl, g))
        .collect();
    let mut assessments: Vec<&GoalAssessment> = goal.assessments.iter().collect();
    assessments.sort_by_key(|a| std::cmp::Reverse(a.period));
    let summary = goal_summary(site, urls, plan, goal);
    let scope = Scope {
        plan: Some(plan),
        own_goal: Some(&goal.id),
        ..Scope::default()
    };
    let data = GoalPage {
        goal: GoalView {
            title: &goal.title,
            plan: Link {
                label: plan.title.clone(),
                url: urls.plan(&plan.id),
            },
            perspective: plan
                .perspectives
                .iter()
                .find(|p| p.id == goal.perspective)
                .map(|p| p.name.as_str()),
            organs: organ_links(site, urls, &goal.organs),
            aliases: &goal.aliases,
            body: s.md_linked(&goal.body, scope).html,
            source: goal.source.as_ref().map(SourceRef::label),
            counts: summary.counts,
            measure_count: summary.measure_count,
        },
        assessments: assessments
            .into_iter()
            .map(|a| s.assessment(plan, goal, a))
            .collect(),
        factors: factors(s, plan, goal),
        predecessor,
        successors,
        assignments: plan
            .assignments
            .iter()
            .filter(|a| a.goal.as_deref() == Some(goal.id.as_str()))
            .map(|a| a.text.as_str())
            .collect(),
    };
    let path = routes::goal(&plan.id, &goal.id);
    let mut crumbs = s.crumbs(Some(("Mål och planer", routes::PLANS)));
    crumbs.push(Link {
        label: plan.title.clone(),
        url: urls.plan(&plan.id),
    });
    let meta = s.meta(goal.title.clone(), &path, "mal", crumbs, None);
    let origin = format!("{}/{}.md", routes::content::plan_folder(&plan.id), goal.id);
    job(&path, "goal.html", origin, &meta, &data)
}

/// A goal's success factors with how their measures fare in the plan's period.
fn factors<'a>(s: &Shared, plan: &Plan, goal: &'a Goal) -> Vec<FactorView<'a>> {
    let (site, urls) = (s.site, s.urls);
    goal.factors
        .iter()
        .map(|f| FactorView {
            title: &f.title,
            anchor: format!("ff-{}", f.id),
            counts: factor_counts(site, plan, f),
            organs: organ_links(site, urls, &f.organs),
            measures: f
                .measures
                .iter()
                .filter_map(|m| site.measures.get(m))
                .map(|m| measure_summary(site, urls, &s.config.terms, m, |r| plan.covers(r.period)))
                .collect(),
            narratives: f
                .narratives
                .iter()
                .filter_map(|n| narrative(s, &f.id, n))
                .collect(),
            source: f.source.as_ref().map(SourceRef::label),
        })
        .collect()
}

/// The section `n` of its report's text, its headings one level below the factor's.
fn narrative(s: &Shared, factor: &str, n: &SectionRef) -> Option<NarrativeView> {
    let report = s.site.reports.get(&n.report)?;
    let text = section_markdown(&report.body, &n.anchor, 4)?;
    let rendered = markdown(&text, s.allow_raw_html, &format!("ff-{factor}-"));
    let headings = rendered.toc.iter().map(|h| h.title.clone()).collect();
    Some(NarrativeView {
        report: Link {
            label: report.title.clone(),
            url: s.urls.report(&report.id),
        },
        url: format!("{}#{}", s.urls.report(&report.id), n.anchor),
        html: (rendered.html.len() <= INLINE_NARRATIVE_MAX).then_some(rendered.html),
        headings,
    })
}
