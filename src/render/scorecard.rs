//! The scorecard of a plan (the sources' "Sammanfattande bild av måluppfyllelse"), always
//! computed from the goals' assessments and their measures' statuses, never entered by hand.

use serde::Serialize;

use super::views::{GoalSummary, PerspectiveView, StatusCounts, latest_status};
use crate::config::Terms;
use crate::model::{Factor, Level, Plan, Site};

/// How a success factor's measures fare: their latest statuses in the plan's period, counted.
pub fn factor_counts(site: &Site, plan: &Plan, factor: &Factor) -> StatusCounts {
    let mut counts = StatusCounts::default();
    for m in factor
        .measures
        .iter()
        .filter_map(|id| site.measures.get(id))
    {
        counts.add(latest_status(plan, m));
    }
    counts
}

/// How many of a plan's goals have which latest assessment, in words and numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub goals: usize,
    pub good: usize,
    pub partial: usize,
    pub poor: usize,
    pub unassessed: usize,
    pub missing: usize,
    /// "Av 20 mål är 2 uppnådda, 15 delvis uppnådda, …" for the page.
    pub sentence: String,
}

/// The totals of the goals of `perspectives`, the sentence in the organisation's `terms`.
pub fn totals(perspectives: &[PerspectiveView], terms: &Terms) -> Totals {
    let mut t = Totals::default();
    let goals: Vec<&GoalSummary> = perspectives.iter().flat_map(|p| &p.goals).collect();
    t.goals = goals.len();
    for g in goals {
        match g.assessment.as_ref().map(|a| a.status.level) {
            Some(Level::Good) => t.good += 1,
            Some(Level::Partial) => t.partial += 1,
            Some(Level::Poor) => t.poor += 1,
            Some(Level::Unassessed) => t.unassessed += 1,
            None => t.missing += 1,
        }
    }
    let parts: Vec<String> = [
        (t.good, "uppnått"),
        (t.partial, "delvis uppnått"),
        (t.poor, "ej uppnått"),
        (t.unassessed, "bedöms ej"),
        (t.missing, "ännu utan bedömning"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, text)| format!("{n} {text}"))
    .collect();
    t.sentence = if parts.is_empty() {
        format!("Planen har inga {} ännu.", terms.goal.plural)
    } else {
        let mut list = parts.join(", ");
        if let Some(i) = list.rfind(", ") {
            list.replace_range(i..i + 2, " och ");
        }
        let noun = if t.goals == 1 {
            &terms.goal.singular
        } else {
            &terms.goal.plural
        };
        format!("Samlad bedömning av {} {noun}: {list}.", t.goals)
    };
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Assessed, Status, StatusSource};
    use crate::render::views::{AssessmentView, Link, StatusCounts, StatusView};

    fn goal(status: Option<Status>) -> GoalSummary {
        GoalSummary {
            title: "G".into(),
            url: "/g/".into(),
            organs: vec![],
            assessment: status.map(|status| AssessmentView {
                period: "2022".into(),
                report: Link {
                    label: "R".into(),
                    url: "/r/".into(),
                },
                status: StatusView::new(Assessed {
                    status,
                    source: StatusSource::Text,
                }),
                text: String::new(),
                source: None,
            }),
            measure_count: 0,
            counts: StatusCounts::default(),
        }
    }

    #[test]
    fn counts_goals_by_their_latest_assessment() {
        let p = PerspectiveView {
            name: "P".into(),
            description: String::new(),
            goals: vec![
                goal(Some(Status::Uppnatt)),
                goal(Some(Status::DelvisUppnatt)),
                goal(Some(Status::DelvisUppnatt)),
                goal(None),
            ],
        };
        let t = totals(&[p], &Terms::default());
        assert_eq!((t.goals, t.good, t.partial, t.missing), (4, 1, 2, 1));
        assert_eq!(
            t.sentence,
            "Samlad bedömning av 4 strategiska mål: 1 uppnått, 2 delvis uppnått och 1 ännu utan bedömning."
        );
    }

    #[test]
    fn empty_plan_says_so() {
        assert_eq!(
            totals(&[], &Terms::default()).sentence,
            "Planen har inga strategiska mål ännu."
        );
        let mut terms = Terms::default();
        terms.goal.plural = "mål".into();
        assert_eq!(totals(&[], &terms).sentence, "Planen har inga mål ännu.");
    }
}
