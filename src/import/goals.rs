//! Merging one import's goals into the goals a plan already has, so that re-importing a
//! follow-up, or importing the next one, keeps what exists: the ids of goals and success
//! factors (found again by title or alias), their aliases and predecessors, other reports'
//! assessments, and the measures another report lists under a factor. Measures merge through
//! [`super::measures`]. The flattened follow-up and the spreadsheet importers write their goals
//! through here, so both follow the same rules.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use crate::content::{RawAssessment, RawFactor, RawGoal, RawMeasure, Text};
use crate::import::followup::{similarity, unique_id};
use crate::import::measures::{MeasureStore, ResultRow, name_key, reports_of};
use crate::import::writer::{Files, existing_goals, plan_dir, text};

/// A goal as one import defines it.
#[derive(Debug, Clone)]
pub struct GoalDef {
    pub title: String,
    /// Other spellings of the title in the source.
    pub aliases: Vec<String>,
    /// The perspective's id.
    pub perspective: String,
    pub organs: Vec<Text>,
    pub source: Option<Text>,
    /// This import's assessments of the goal, at most one per report.
    pub assessments: Vec<RawAssessment>,
    pub factors: Vec<FactorDef>,
}

/// A success factor as one import defines it.
#[derive(Debug, Clone)]
pub struct FactorDef {
    pub title: String,
    pub organs: Vec<Text>,
    pub source: Option<Text>,
    pub measures: Vec<MeasureDef>,
}

/// A measure as one import defines it, with its result rows and the report of each.
#[derive(Debug, Clone)]
pub struct MeasureDef {
    pub def: RawMeasure,
    pub rows: Vec<(String, ResultRow)>,
}

/// The goals of one plan folder, and the ids one import has used so far.
pub struct GoalMerger<'a> {
    content_dir: &'a Path,
    /// The reports this import writes rows and assessments for.
    reports: Vec<String>,
    store: MeasureStore,
    goal_ids: HashSet<String>,
    used_goals: HashSet<String>,
    existing: Vec<(String, RawGoal, String)>,
}

impl<'a> GoalMerger<'a> {
    /// Reads the goals of `plan_id` and the measures of `content_dir` for an import that
    /// writes `reports`.
    pub fn load(content_dir: &'a Path, plan_id: &str, reports: &[&str]) -> io::Result<Self> {
        let existing = existing_goals(&plan_dir(content_dir, plan_id))?;
        Ok(Self {
            content_dir,
            reports: reports.iter().map(|r| r.to_string()).collect(),
            store: MeasureStore::load(content_dir)?,
            goal_ids: existing.iter().map(|(id, _, _)| id.clone()).collect(),
            used_goals: HashSet::new(),
            existing,
        })
    }

    fn is_ours(&self, report: &str) -> bool {
        self.reports.iter().any(|r| r == report)
    }

    /// The goal's id, its record (`order` is 0-based) and the body of its existing file
    /// (empty for a new goal); its measures' files go to `files`.
    pub fn merge(
        &mut self,
        order: usize,
        goal: &GoalDef,
        files: &mut Files,
    ) -> io::Result<(String, RawGoal, String)> {
        let (id, old) = self.existing_goal(goal);
        let old = old.map(|i| self.existing[i].clone());
        let old_goal = old.as_ref().map(|(_, g, _)| g);
        let old_factors = old_goal.map_or(&[][..], |g| g.factors.as_slice());
        let mut factor_ids: HashSet<String> =
            old_factors.iter().map(|f| f.id.get_ref().clone()).collect();
        let mut used_factors: HashSet<String> = HashSet::new();
        let mut factors = Vec::new();
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
                organs: factor.organs.clone(),
                measures: self.factor_measures(factor, matched, files)?,
                // Other reports' sections stay linked.
                narratives: matched.map_or(Vec::new(), |o| o.narratives.clone()),
                source: factor.source.clone(),
            });
        }
        let mut assessments: Vec<RawAssessment> = old_goal.map_or(Vec::new(), |g| {
            g.assessments
                .iter()
                .filter(|a| !self.is_ours(a.report.get_ref()))
                .cloned()
                .collect()
        });
        assessments.extend(goal.assessments.iter().cloned());
        let record = RawGoal {
            title: goal.title.clone(),
            perspective: text(&goal.perspective),
            order: Some(order as u32 + 1),
            organs: goal.organs.clone(),
            aliases: merged_aliases(old_goal, goal),
            predecessor: old_goal.and_then(|g| g.predecessor.clone()),
            source: goal.source.clone(),
            assessments,
            factors,
        };
        let body = old.map_or(String::new(), |(_, _, body)| body);
        Ok((id, record, body))
    }

    /// The existing goal (its index) with this title or alias that no other goal took, or a
    /// new id.
    fn existing_goal(&mut self, goal: &GoalDef) -> (String, Option<usize>) {
        let names: Vec<&String> = std::iter::once(&goal.title).chain(&goal.aliases).collect();
        let found = self.existing.iter().position(|(id, g, _)| {
            !self.used_goals.contains(id)
                && std::iter::once(&g.title).chain(&g.aliases).any(|t| {
                    names
                        .iter()
                        .any(|n| name_key(n) == name_key(t) || similarity(n, t) >= 0.8)
                })
        });
        let id = match found {
            Some(i) => self.existing[i].0.clone(),
            None => unique_id(&goal.title, &mut self.goal_ids),
        };
        self.used_goals.insert(id.clone());
        (id, found)
    }

    /// The factor's measure ids: this import's, merged into their files, then those another
    /// report lists under the matching existing factor.
    fn factor_measures(
        &mut self,
        factor: &FactorDef,
        matched: Option<&RawFactor>,
        files: &mut Files,
    ) -> io::Result<Vec<Text>> {
        let reports: Vec<&str> = self.reports.iter().map(String::as_str).collect();
        let mut ids = Vec::new();
        for m in &factor.measures {
            let rows: Vec<(&str, &ResultRow)> =
                m.rows.iter().map(|(r, row)| (r.as_str(), row)).collect();
            let (id, measure_files) = self.store.merge_reports(&m.def, &reports, &rows)?;
            files.extend(measure_files);
            ids.push(id);
        }
        for old in matched.map_or(&[][..], |o| o.measures.as_slice()) {
            let mid = old.get_ref();
            if !ids.contains(mid)
                && reports_of(self.content_dir, mid)?
                    .iter()
                    .any(|r| !self.is_ours(r))
            {
                ids.push(mid.clone());
            }
        }
        Ok(ids.into_iter().map(text).collect())
    }
}

/// The existing goal's aliases, then this import's spellings it lacks.
fn merged_aliases(old: Option<&RawGoal>, goal: &GoalDef) -> Vec<String> {
    let mut aliases: Vec<String> = old.map_or(Vec::new(), |g| g.aliases.clone());
    for a in &goal.aliases {
        if !aliases.iter().any(|x| x == a) && *a != goal.title {
            aliases.push(a.clone());
        }
    }
    aliases
}
