//! The start page: the current plan's goals per perspective with their status at a glance,
//! the latest reports and meetings.

use serde::Serialize;

use super::{PageJob, Shared};
use crate::model::Plan;
use crate::render::scorecard::{Totals, totals};
use crate::render::views::{
    MeetingSummary, PerspectiveView, ReportSummary, meeting_summary, perspectives, report_summary,
    reports_newest_first,
};
use crate::routes;

#[derive(Serialize)]
struct Home<'a> {
    plan: Option<PlanOverview<'a>>,
    /// The latest followed-up plan, while the current plan has no follow-up yet: it answers
    /// "how is it going?".
    followed: Option<PlanOverview<'a>>,
    reports: Vec<ReportSummary>,
    meetings: Vec<MeetingSummary>,
}

/// A plan's scorecard and goals per perspective.
#[derive(Serialize)]
struct PlanOverview<'a> {
    title: &'a str,
    url: String,
    vision: Option<&'a str>,
    totals: Totals,
    perspectives: Vec<PerspectiveView>,
}

pub(super) fn job(s: &Shared) -> PageJob {
    let site = s.site;
    let plan = site.current_plan();
    let followed = site
        .plans
        .iter()
        .rev()
        .find(|p| p.goals.iter().any(|g| !g.assessments.is_empty()))
        .filter(|p| plan.is_none_or(|c| c.id != p.id));
    let data = Home {
        plan: plan.map(|p| overview(s, p)),
        followed: followed.map(|p| overview(s, p)),
        reports: reports_newest_first(site)
            .into_iter()
            .take(5)
            .map(|r| report_summary(s.urls, r))
            .collect(),
        meetings: site
            .meetings
            .iter()
            .rev()
            .take(5)
            .filter_map(|m| {
                let organ = site.organs.get(&m.organ)?;
                Some(meeting_summary(s.urls, organ, m))
            })
            .collect(),
    };
    let publisher = crate::render::json_ld::organization(s.config);
    let meta = s.meta_with(
        "Start",
        routes::HOME,
        "start",
        vec![],
        None,
        vec![publisher],
    );
    super::job(routes::HOME, "index.html", "content".into(), &meta, &data)
}

fn overview<'a>(s: &Shared, plan: &'a Plan) -> PlanOverview<'a> {
    let perspectives = perspectives(s.site, s.urls, plan);
    PlanOverview {
        title: &plan.title,
        url: s.urls.plan(&plan.id),
        vision: plan.vision.as_deref(),
        totals: totals(&perspectives, &s.config.terms),
        perspectives,
    }
}
