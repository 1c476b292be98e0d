//! View models: what templates lay out, prepared from the domain model in Rust (statuses,
//! labels, sorting, formatted figures and URLs), so that templates hold no logic.

use serde::Serialize;

use crate::config::Terms;
use crate::model::*;
use crate::routes::Urls;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub key: &'static str,
    pub label: &'static str,
    pub level: Level,
    pub shape: Shape,
    pub definition: &'static str,
    pub computed: bool,
    pub source_label: &'static str,
}

impl StatusView {
    pub fn new(a: Assessed) -> Self {
        StatusView {
            key: a.status.key(),
            label: a.status.label(),
            level: a.status.level(),
            shape: a.status.shape(),
            definition: a.status.definition(),
            computed: a.source == StatusSource::Computed,
            source_label: a.source.label(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendView {
    pub key: &'static str,
    pub label: &'static str,
    pub arrow: &'static str,
    pub level: Level,
}

impl TrendView {
    pub fn new(t: Trend) -> Self {
        TrendView {
            key: t.key(),
            label: t.label(),
            arrow: t.arrow(),
            level: t.level(),
        }
    }
}

pub fn organ_links(site: &Site, urls: &Urls, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| site.organs.get(id))
        .map(|o| Link {
            label: o.abbreviation.clone(),
            url: urls.organ(&o.slug),
        })
        .collect()
}

/// A figure for display: exactly as the source writes it, so it can be found there again.
pub fn figure_text(f: &Figure) -> String {
    f.raw.clone()
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub period: String,
    pub report: Link,
    pub group: &'static str,
    pub baseline: Option<String>,
    pub target: String,
    pub outcome: String,
    pub status: Option<StatusView>,
    pub trend: Option<TrendView>,
    pub comment: String,
    pub source: Option<String>,
}

pub fn result_row(site: &Site, urls: &Urls, r: &MeasureResult) -> ResultRow {
    let report_title = site
        .reports
        .get(&r.report)
        .map_or(r.report.clone(), |rep| rep.title.clone());
    ResultRow {
        period: r.period.label(),
        report: Link {
            label: report_title,
            url: urls.report(&r.report),
        },
        group: r.group.label(),
        baseline: r.baseline.map(|b| b.to_swedish()),
        target: figure_text(&r.target),
        outcome: figure_text(&r.outcome),
        status: r.status.map(StatusView::new),
        trend: r.trend.map(TrendView::new),
        comment: r.comment.clone(),
        source: r.source.as_ref().map(SourceRef::label),
    }
}

/// A measure as listed under a success factor, with its results in the plan's period.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureSummary {
    pub name: String,
    pub url: String,
    pub kind: String,
    pub unit: Option<String>,
    pub organs: Vec<Link>,
    pub results: Vec<ResultRow>,
    /// A compact chart of the shown results, when they hold numbers.
    pub sparkline: Option<super::charts::Chart>,
    /// The shown results' sources, each once (rows for women and men often share a line).
    pub sources: Vec<String>,
}

pub fn measure_summary(
    site: &Site,
    urls: &Urls,
    terms: &Terms,
    m: &Measure,
    keep: impl Fn(&MeasureResult) -> bool,
) -> MeasureSummary {
    let kept: Vec<&MeasureResult> = m.results.iter().filter(|r| keep(r)).collect();
    let mut sources: Vec<String> = Vec::new();
    for label in kept
        .iter()
        .filter_map(|r| r.source.as_ref().map(SourceRef::label))
    {
        if !sources.contains(&label) {
            sources.push(label);
        }
    }
    MeasureSummary {
        name: m.name.clone(),
        url: urls.measure(&m.id),
        kind: terms.measure_kind(m.kind),
        unit: m.unit.clone(),
        organs: organ_links(site, urls, &m.organs),
        results: kept.iter().map(|r| result_row(site, urls, r)).collect(),
        sparkline: super::charts::sparkline(m, &kept),
        sources,
    }
}

/// Number of measure results per status level, for a scorecard line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusCounts {
    pub good: usize,
    pub partial: usize,
    pub poor: usize,
    pub unassessed: usize,
    pub missing: usize,
}

impl StatusCounts {
    pub fn add(&mut self, status: Option<Assessed>) {
        match status.map(|s| s.status.level()) {
            Some(Level::Good) => self.good += 1,
            Some(Level::Partial) => self.partial += 1,
            Some(Level::Poor) => self.poor += 1,
            Some(Level::Unassessed) => self.unassessed += 1,
            None => self.missing += 1,
        }
    }
}

/// A goal in a list: its latest assessment and how its measures fare.
#[derive(Debug, Clone, Serialize)]
pub struct GoalSummary {
    pub title: String,
    pub url: String,
    pub organs: Vec<Link>,
    pub assessment: Option<AssessmentView>,
    pub measure_count: usize,
    pub counts: StatusCounts,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    pub period: String,
    pub report: Link,
    pub status: StatusView,
    pub text: String,
    pub source: Option<String>,
}

pub fn assessment_view(site: &Site, urls: &Urls, a: &GoalAssessment) -> AssessmentView {
    AssessmentView {
        period: a.period.label(),
        report: Link {
            label: site
                .reports
                .get(&a.report)
                .map_or(a.report.clone(), |r| r.title.clone()),
            url: urls.report(&a.report),
        },
        status: StatusView::new(a.status),
        text: crate::markdown::render(&a.text, false, "").html,
        source: a.source.as_ref().map(SourceRef::label),
    }
}

/// The latest status of each of a goal's measures within its plan's period: the total's status,
/// or the groups' (women, men) when they agree; `None` when there is no single status.
pub fn latest_statuses(site: &Site, plan: &Plan, goal: &Goal) -> Vec<Option<Assessed>> {
    let mut ids: Vec<&String> = goal.factors.iter().flat_map(|f| &f.measures).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| site.measures.get(id))
        .map(|m| latest_status(plan, m))
        .collect()
}

/// The latest status of one measure within a plan's period (see `latest_statuses`).
pub fn latest_status(plan: &Plan, m: &Measure) -> Option<Assessed> {
    let in_plan: Vec<&MeasureResult> = m.results.iter().filter(|r| plan.covers(r.period)).collect();
    let last = in_plan.iter().map(|r| r.period).max()?;
    let rows: Vec<&MeasureResult> = in_plan.into_iter().filter(|r| r.period == last).collect();
    if let Some(total) = rows.iter().find(|r| r.group == Group::Total) {
        return total.status;
    }
    let first = rows.first()?.status?;
    rows.iter()
        .all(|r| r.status.map(|s| s.status) == Some(first.status))
        .then_some(first)
}

pub fn goal_summary(site: &Site, urls: &Urls, plan: &Plan, goal: &Goal) -> GoalSummary {
    let statuses = latest_statuses(site, plan, goal);
    let mut counts = StatusCounts::default();
    for status in &statuses {
        counts.add(*status);
    }
    GoalSummary {
        title: goal.title.clone(),
        url: urls.goal(&plan.id, &goal.id),
        organs: organ_links(site, urls, &goal.organs),
        assessment: goal
            .assessments
            .iter()
            .max_by_key(|a| a.period)
            .map(|a| assessment_view(site, urls, a)),
        measure_count: statuses.len(),
        counts,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PerspectiveView {
    pub name: String,
    pub description: String,
    pub goals: Vec<GoalSummary>,
}

pub fn perspectives(site: &Site, urls: &Urls, plan: &Plan) -> Vec<PerspectiveView> {
    plan.perspectives
        .iter()
        .map(|p| PerspectiveView {
            name: p.name.clone(),
            description: p.description.clone(),
            goals: plan
                .goals
                .iter()
                .filter(|g| g.perspective == p.id)
                .map(|g| goal_summary(site, urls, plan, g))
                .collect(),
        })
        .collect()
}

/// Who made a statement: a person (with a page), a party group or a role such as the chair.
#[derive(Debug, Clone, Serialize)]
pub struct Who {
    pub label: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub who: Vec<Who>,
    pub text: String,
}

pub fn statements(site: &Site, urls: &Urls, list: &[Statement]) -> Vec<StatementView> {
    list.iter()
        .map(|s| StatementView {
            who: s
                .persons
                .iter()
                .map(|p| Who {
                    label: site.person_label(p),
                    url: Some(urls.person(p)),
                })
                .chain(
                    s.parties
                        .iter()
                        .filter_map(|p| site.parties.get(p))
                        .map(|p| Who {
                            label: format!("{} ({})", p.name, p.abbreviation),
                            url: None,
                        }),
                )
                .chain(s.role.iter().map(|r| Who {
                    label: r.clone(),
                    url: None,
                }))
                .collect(),
            text: s.text.clone(),
        })
        .collect()
}

/// "Regionstyrelsen 2020-10-14 § 172, dnr 1351-2020".
pub fn citation(organ: &Organ, date: &str, p: &Paragraph) -> String {
    let mut text = format!("{} {date} § {}", organ.name, p.number);
    if !p.dnr.is_empty() {
        text.push_str(&format!(", dnr {}", p.dnr.join(", ")));
    }
    text
}

#[derive(Debug, Clone, Serialize)]
pub struct ParagraphSummary {
    pub number: u32,
    pub anchor: String,
    pub title: String,
    pub url: String,
    pub dnr: Vec<String>,
    pub decision_kind: Option<String>,
    pub decision: Option<String>,
    pub has_reservations: bool,
}

pub fn paragraph_summary(
    urls: &Urls,
    terms: &Terms,
    organ: &Organ,
    date: &str,
    p: &Paragraph,
) -> ParagraphSummary {
    ParagraphSummary {
        number: p.number,
        anchor: format!("p{}", p.number),
        title: p.title.clone(),
        url: urls.paragraph(&organ.slug, date, p.number),
        dnr: p.dnr.clone(),
        decision_kind: p.decision.as_ref().map(|d| terms.decision_kind(d.kind)),
        decision: p.decision.as_ref().map(|d| d.text.clone()),
        has_reservations: !p.reservations.is_empty(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    pub title: String,
    pub organ: String,
    pub date: String,
    pub long_date: String,
    pub url: String,
    pub paragraph_count: usize,
}

pub fn meeting_summary(urls: &Urls, organ: &Organ, m: &Meeting) -> MeetingSummary {
    MeetingSummary {
        title: format!("{} {}", organ.name, long_date(&m.date)),
        organ: organ.name.clone(),
        date: m.date.clone(),
        long_date: long_date(&m.date),
        url: urls.meeting(&organ.slug, &m.date),
        paragraph_count: m.paragraphs.len(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub period: String,
    pub date: Option<String>,
}

pub fn report_summary(urls: &Urls, r: &Report) -> ReportSummary {
    ReportSummary {
        title: r.title.clone(),
        url: urls.report(&r.id),
        kind: r.kind.label(),
        period: r.period.label(),
        date: r.date.clone(),
    }
}

/// Reports newest first.
pub fn reports_newest_first(site: &Site) -> Vec<&Report> {
    let mut reports: Vec<&Report> = site.reports.values().collect();
    reports.sort_by(|a, b| (b.period, &b.date, &a.title).cmp(&(a.period, &a.date, &b.title)));
    reports
}

/// A serializable view as a template value.
pub fn ser<T: Serialize>(value: T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_respect_the_base_path() {
        let urls = Urls::new("/insyn/");
        assert_eq!(urls.goal("2023-2025", "x"), "/insyn/mal/2023-2025/x/");
        assert_eq!(urls.abs("/"), "/insyn/");
    }
}
