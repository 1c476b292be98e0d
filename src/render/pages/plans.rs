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
/// list of its sub-headings, always with a link to the section in the report. What the
/// factor's measure cards already show as comments is left out, and said so.
#[derive(Serialize)]
struct NarrativeView {
    report: Link,
    /// The section in the report.
    url: String,
    /// The section's text, when it is short enough to show on the goal page and holds more
    /// than the measures' comments.
    html: Option<String>,
    headings: Vec<String>,
    /// Which measures' comments above hold the text left out.
    shown_above: Option<String>,
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
        .map(|f| {
            let measures: Vec<MeasureSummary> = f
                .measures
                .iter()
                .filter_map(|m| site.measures.get(m))
                .map(|m| measure_summary(site, urls, &s.config.terms, m, |r| plan.covers(r.period)))
                .collect();
            FactorView {
                title: &f.title,
                anchor: format!("ff-{}", f.id),
                counts: factor_counts(site, plan, f),
                organs: organ_links(site, urls, &f.organs),
                narratives: f
                    .narratives
                    .iter()
                    .filter_map(|n| narrative(s, &f.id, n, &measures))
                    .collect(),
                measures,
                source: f.source.as_ref().map(SourceRef::label),
            }
        })
        .collect()
}

/// The section `n` of its report's text, its headings one level below the factor's, without
/// the paragraphs that the comments of `measures` from the same report (shown above it)
/// already hold: the importer takes a measure's comment from the same text.
fn narrative(
    s: &Shared,
    factor: &str,
    n: &SectionRef,
    measures: &[MeasureSummary],
) -> Option<NarrativeView> {
    let report = s.site.reports.get(&n.report)?;
    let text = section_markdown(&report.body, &n.anchor, 4)?;
    let report_url = s.urls.report(&report.id);
    let comments: Vec<(&str, &str)> = measures
        .iter()
        .flat_map(|m| {
            m.results
                .iter()
                .filter(|r| r.report.url == report_url && !r.comment.is_empty())
                .map(|r| (m.name.as_str(), r.comment.as_str()))
        })
        .collect();
    let (text, shown) = without_shown(&text, &comments);
    let rendered = markdown(&text, s.allow_raw_html, &format!("ff-{factor}-"));
    let headings = rendered.toc.iter().map(|h| h.title.clone()).collect();
    Some(NarrativeView {
        report: Link {
            label: report.title.clone(),
            url: s.urls.report(&report.id),
        },
        url: format!("{}#{}", s.urls.report(&report.id), n.anchor),
        html: (!text.is_empty() && rendered.html.len() <= INLINE_NARRATIVE_MAX)
            .then_some(rendered.html),
        headings,
        shown_above: shown_above(&shown),
    })
}

/// A paragraph this short is not taken for a comment's text even when a comment holds its
/// words: a stock phrase may recur.
const SHOWN_MIN_WORDS: usize = 6;

/// `markdown` without the paragraphs whose words a comment of `comments` (measure name and
/// comment) holds in the same order, and without the headings that then head nothing; with
/// the names of the measures whose comments held one. Unchanged when no paragraph is shown.
fn without_shown<'a>(markdown: &str, comments: &[(&'a str, &str)]) -> (String, Vec<&'a str>) {
    let comment_words: Vec<String> = comments
        .iter()
        .map(|(_, comment)| format!(" {} ", words(comment)))
        .collect();
    let mut shown: Vec<&str> = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    for block in markdown
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        let paragraph = words(block);
        let holder = (heading_level(block).is_none()
            && paragraph.split(' ').count() >= SHOWN_MIN_WORDS)
            .then(|| {
                let needle = format!(" {paragraph} ");
                comment_words.iter().position(|c| c.contains(&needle))
            })
            .flatten();
        match holder {
            Some(i) => {
                if !shown.contains(&comments[i].0) {
                    shown.push(comments[i].0);
                }
            }
            None => kept.push(block),
        }
    }
    if shown.is_empty() {
        return (markdown.to_string(), shown);
    }
    // A heading stays when text follows it before the next heading of its level or higher.
    let heads_text = |i: usize, level: usize| {
        kept[i + 1..]
            .iter()
            .take_while(|b| heading_level(b).is_none_or(|l| l > level))
            .any(|b| heading_level(b).is_none())
    };
    let text: Vec<&str> = kept
        .iter()
        .enumerate()
        .filter(|(i, b)| heading_level(b).is_none_or(|level| heads_text(*i, level)))
        .map(|(_, b)| *b)
        .collect();
    (text.join("\n\n"), shown)
}

/// The level of a block that is a single ATX heading line (`#### Rubrik`).
fn heading_level(block: &str) -> Option<usize> {
    let hashes = block.len() - block.trim_start_matches('#').len();
    ((1..=6).contains(&hashes) && !block.contains('\n') && block[hashes..].starts_with(' '))
        .then_some(hashes)
}

/// The words of a text, lower case, one space apart: markup, punctuation and line breaks
/// left out, so a comment's plain text and the report's Markdown compare.
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The note under a narrative that lost text to the measures' comments above it.
fn shown_above(measures: &[&str]) -> Option<String> {
    let (last, first) = measures.split_last()?;
    Some(if first.is_empty() {
        format!("Rapportens text om måttet {last} står ovan som kommentar till måttet.")
    } else {
        format!(
            "Rapportens text om måtten {} och {last} står ovan som kommentarer till måtten.",
            first.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTION: &str = "##### Dialog med kommunerna\n\nRegionen har under året utvecklat sina dialoger med kommunerna.\n\nI samband med branden etablerades en nära dialog med kommunen.\n\n##### Konferensen\n\nKonferensen har inte genomförts i år på grund av pandemin.";

    #[test]
    fn paragraphs_a_comment_holds_are_left_out_with_their_heading() {
        let comment = "Regionen har under året utvecklat sina dialoger med kommunerna. I samband med branden etablerades en nära dialog med [kommunen](#).";
        let (text, shown) = without_shown(SECTION, &[("Dialog med länets kommuner", comment)]);
        assert_eq!(
            text,
            "##### Konferensen\n\nKonferensen har inte genomförts i år på grund av pandemin."
        );
        assert_eq!(shown, ["Dialog med länets kommuner"]);
        assert_eq!(
            shown_above(&shown).unwrap(),
            "Rapportens text om måttet Dialog med länets kommuner står ovan som kommentar till måttet."
        );
    }

    #[test]
    fn a_section_no_comment_holds_is_unchanged() {
        let (text, shown) = without_shown(SECTION, &[("Mått", "En annan kommentar om året.")]);
        assert_eq!(text, SECTION);
        assert!(shown.is_empty());
        assert_eq!(shown_above(&shown), None);
        // A short paragraph is kept even when a comment holds its words.
        let (text, _) = without_shown("Målet nås.\n\nMer text.", &[("Mått", "Målet nås. Mer.")]);
        assert_eq!(text, "Målet nås.\n\nMer text.");
    }

    #[test]
    fn a_heading_over_remaining_sub_sections_stays() {
        let section = "#### Arbetet\n\n##### Dialog\n\nRegionen har under året utvecklat sina dialoger med kommunerna.\n\n##### Konferensen\n\nKonferensen har inte genomförts.";
        let comment = "Regionen har under året utvecklat sina dialoger med kommunerna.";
        let (text, _) = without_shown(section, &[("A", comment), ("B", comment)]);
        assert_eq!(
            text,
            "#### Arbetet\n\n##### Konferensen\n\nKonferensen har inte genomförts."
        );
        assert_eq!(
            shown_above(&["A", "B", "C"]).unwrap(),
            "Rapportens text om måtten A, B och C står ovan som kommentarer till måtten."
        );
    }
}
