//! Organs: `/organ/` lists the political organs, `/organ/<slug>/` shows an organ with the
//! goals and measures it is responsible for and its meetings.

use serde::Serialize;

use super::{PageJob, Shared, job};
use crate::model::Organ;
use crate::render::views::{GoalSummary, Link, MeetingSummary, goal_summary, meeting_summary};
use crate::routes;

#[derive(Serialize)]
struct Organs<'a> {
    organs: Vec<OrganItem<'a>>,
}

#[derive(Serialize)]
struct OrganItem<'a> {
    name: &'a str,
    abbreviation: &'a str,
    url: String,
}

#[derive(Serialize)]
struct OrganPage<'a> {
    organ: OrganView<'a>,
    /// The organ's goals, plan by plan, newest plan first.
    plans: Vec<PlanGoals<'a>>,
    measures: Vec<Link>,
    meetings: Vec<MeetingSummary>,
}

#[derive(Serialize)]
struct OrganView<'a> {
    name: &'a str,
    abbreviation: &'a str,
    body: String,
}

#[derive(Serialize)]
struct PlanGoals<'a> {
    plan: &'a str,
    goals: Vec<GoalSummary>,
}

/// The list of organs, then each organ's page.
pub(super) fn jobs(s: &Shared) -> Vec<PageJob> {
    let organs = s
        .site
        .organs
        .values()
        .map(|o| OrganItem {
            name: &o.name,
            abbreviation: &o.abbreviation,
            url: s.urls.organ(&o.slug),
        })
        .collect();
    let meta = s.meta(
        "Politiska organ",
        routes::ORGANS,
        "organ",
        s.crumbs(None),
        None,
    );
    let origin = routes::content::folder(routes::content::ORGANS);
    let index = job(
        routes::ORGANS,
        "organs.html",
        origin,
        &meta,
        &Organs { organs },
    );
    std::iter::once(index)
        .chain(s.site.organs.values().map(|o| organ_job(s, o)))
        .collect()
}

fn organ_job(s: &Shared, o: &Organ) -> PageJob {
    let (site, urls) = (s.site, s.urls);
    let plans = site
        .plans
        .iter()
        .rev()
        .map(|p| PlanGoals {
            plan: &p.title,
            goals: p
                .goals
                .iter()
                .filter(|g| g.organs.contains(&o.id))
                .map(|g| goal_summary(site, urls, p, g))
                .collect(),
        })
        .collect();
    let measures = site
        .measures
        .values()
        .filter(|m| m.organs.contains(&o.id))
        .map(|m| Link {
            label: m.name.clone(),
            url: urls.measure(&m.id),
        })
        .collect();
    let meetings = site
        .meetings
        .iter()
        .rev()
        .filter(|m| m.organ == o.id)
        .map(|m| meeting_summary(urls, o, m))
        .collect();
    let data = OrganPage {
        organ: OrganView {
            name: &o.name,
            abbreviation: &o.abbreviation,
            body: s.md(&o.body).html,
        },
        plans,
        measures,
        meetings,
    };
    let path = routes::organ(&o.slug);
    let crumbs = s.crumbs(Some(("Politiska organ", routes::ORGANS)));
    let meta = s.meta(o.name.clone(), &path, "organ", crumbs, Some(o));
    let origin = format!(
        "{}/{}.md",
        routes::content::folder(routes::content::ORGANS),
        o.id
    );
    job(&path, "organ.html", origin, &meta, &data)
}
