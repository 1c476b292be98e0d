//! The measure tables of a factor's section: rows found by their organ cell, their wrapped
//! name and value lines joined, repeated headers skipped, and each row turned into a measure
//! with one result per group.

use super::cells::{split_groups, split_target, target_value};
use super::layout::{Line, Parser, collapse, organ_split, starts_with_digit};
use super::status::apply_status;
use crate::import::followup::{
    ImportedFactor, ImportedGoal, ImportedMeasure, ImportedRow, best_match, similarity,
};
use crate::import::profile::Key;
use crate::model::{Group, MeasureKind, parse_number};

/// Table lines come from narrow columns; a longer line is running text.
pub(super) const MAX_TABLE_LINE: usize = 55;

/// One table row before interpretation.
#[derive(Debug, Clone)]
pub(super) struct RawRow {
    pub(super) name: String,
    pub(super) organ: String,
    /// The values' first line as written (double spaces separate columns).
    pub(super) first_values: String,
    /// All value text, wrapped lines joined.
    pub(super) values: String,
    pub(super) first_line: usize,
    pub(super) value_line: usize,
    pub(super) last_line: usize,
}

impl Parser<'_> {
    /// One `FRAMGÅNGSFAKTOR:` section: heading, table, comments. Returns where the next
    /// section starts.
    pub(super) fn factor_section(
        &mut self,
        goal: &mut ImportedGoal,
        goal_titles: &[String],
        year: &mut Option<u16>,
        start: usize,
        end: usize,
    ) -> usize {
        let Some(header) = (start + 1..end).find(|&i| self.is_table_header(&self.lines[i].t))
        else {
            let heading = self.profile.word(Key::MeasureTableHeading);
            self.error(
                self.lines[start].n,
                format!("a success factor without a measure table (`{heading} …`, the profile's `measure_table_heading`)"),
            );
            return end;
        };
        let heading = self.text_of(start, header);
        let heading = heading
            .trim_start_matches(self.profile.word(Key::FactorHeading))
            .trim_start_matches(':')
            .trim()
            .to_string();
        let candidates: Vec<(usize, String)> = goal
            .factors
            .iter()
            .enumerate()
            .map(|(k, f)| (k, f.title.clone()))
            .collect();
        let index = match best_match(&candidates, &heading) {
            Some(k) => k,
            None => {
                goal.factors.push(ImportedFactor {
                    title: heading.clone(),
                    organs: Vec::new(),
                    in_overview: false,
                    measures: Vec::new(),
                    heading_lines: Vec::new(),
                    comments: Vec::new(),
                    narrative: Vec::new(),
                    first_line: self.lines[start].n,
                    last_line: self.lines[start].n,
                });
                goal.factors.len() - 1
            }
        };
        let (rows, comments_start) = self.rows(header, end, year);
        // The section ends at the next factor, or at a goal title that introduces one.
        let section_end = (comments_start..end)
            .find(|&i| {
                self.is_factor_heading(&self.lines[i].t)
                    || (i + 1 < end
                        && self.is_factor_heading(&self.lines[i + 1].t)
                        && similarity(&goal.title, &self.lines[i].t) < 0.8
                        && goal_titles
                            .iter()
                            .any(|g| similarity(g, &self.lines[i].t) >= 0.8))
            })
            .unwrap_or(end);
        let factor = &mut goal.factors[index];
        factor.heading_lines.push(self.lines[start].n);
        // The source of a factor is its section; the overview line is one line of many.
        if factor.heading_lines.len() == 1 {
            factor.first_line = self.lines[start].n;
        }
        factor.last_line = self.lines[section_end - 1].n;
        goal.last_line = goal.last_line.max(factor.last_line);
        let mut measures: Vec<ImportedMeasure> = rows.iter().map(|r| self.measure(r)).collect();
        let unattached = self.attach_comments(&mut measures, comments_start, section_end);
        for m in &mut measures {
            apply_status(m, self.overrides);
        }
        factor.measures.extend(measures);
        factor.comments.extend(unattached);
        section_end
    }

    /// Rows from the header at `header` until the comments start; headers repeated after a
    /// page break are skipped.
    pub(super) fn rows(
        &mut self,
        header: usize,
        end: usize,
        year: &mut Option<u16>,
    ) -> (Vec<RawRow>, usize) {
        let mut rows = Vec::new();
        let mut i = header;
        while i < end {
            let t = self.lines[i].t.clone();
            if self.is_table_header(&t) {
                i = self.skip_header(i, end, year);
                continue;
            }
            if self.is_factor_heading(&t) {
                break;
            }
            let Some(organ_at) = self.row_organ_line(i, end) else {
                break;
            };
            let (prefix, organ, rest) =
                organ_split(&self.lines[organ_at].t, &self.profile.organs).unwrap_or_default();
            let mut name_lines: Vec<&Line> = self.lines[i..organ_at].iter().collect();
            let prefix_line = Line {
                t: prefix.clone(),
                ..self.lines[organ_at].clone()
            };
            if !prefix.is_empty() {
                name_lines.push(&prefix_line);
            }
            let name = self.join(&name_lines);
            let mut values: Vec<Line> = Vec::new();
            if !rest.trim().is_empty() {
                values.push(Line {
                    t: rest.trim().to_string(),
                    ..self.lines[organ_at].clone()
                });
            }
            let mut ended = !values.is_empty() && self.lines[organ_at].trailing >= 3;
            let mut k = organ_at + 1;
            while !ended && k < end {
                let l = &self.lines[k];
                if self.is_factor_heading(&l.t)
                    || self.is_table_header(&l.t)
                    || l.t.chars().count() > MAX_TABLE_LINE
                {
                    break;
                }
                if let Some(prev) = values.last() {
                    // A short line directly followed by running text is a comment heading,
                    // unless it ends a word hyphenated on the line before (`per kom-` / `mun`).
                    let next_is_prose = self
                        .lines
                        .get(k + 1)
                        .is_some_and(|n| n.gap <= 1 && n.t.chars().count() > MAX_TABLE_LINE);
                    let heading = next_is_prose && !prev.t.ends_with('-');
                    if (l.gap >= 2 && !starts_with_digit(&l.t)) || heading {
                        break;
                    }
                }
                values.push(l.clone());
                ended = l.trailing >= 3;
                k += 1;
            }
            let refs: Vec<&Line> = values.iter().collect();
            let last_line = values.last().map_or(self.lines[organ_at].n, |l| l.n);
            rows.push(RawRow {
                name,
                organ,
                first_values: values.first().map_or(String::new(), |l| l.t.clone()),
                values: self.join(&refs),
                first_line: self.lines[i].n,
                value_line: self.lines[organ_at].n,
                last_line,
            });
            i = k;
        }
        (rows, i)
    }

    /// Skips a table header, whose words wrap anywhere (`Sty-` / `relse/` / `nämn` / `d`):
    /// it ends where its letters so far end in `utveckling`.
    pub(super) fn skip_header(&mut self, from: usize, end: usize, year: &mut Option<u16>) -> usize {
        let mut letters = String::new();
        for i in from..end.min(from + 20) {
            letters.extend(
                self.lines[i]
                    .t
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .flat_map(char::to_lowercase),
            );
            if letters.ends_with("utveckling") {
                if let Some(pos) = letters.find("mål") {
                    let digits: String = letters[pos + "mål".len()..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    if let Ok(y) = digits.parse() {
                        year.get_or_insert(y);
                    }
                }
                return i + 1;
            }
        }
        self.error(
            self.lines[from].n,
            "a table header that does not end in `Utveckling`",
        );
        end
    }

    /// The line holding the organ cell of a row starting at `i`, if a row starts there: name
    /// lines are short and the organ comes within a few lines.
    pub(super) fn row_organ_line(&self, i: usize, end: usize) -> Option<usize> {
        for j in i..end.min(i + 14) {
            let t = &self.lines[j].t;
            if self.is_factor_heading(t)
                || self.is_table_header(t)
                || t.chars().count() > MAX_TABLE_LINE
            {
                return None;
            }
            if organ_split(t, &self.profile.organs).is_some() {
                return Some(j);
            }
        }
        None
    }

    pub(super) fn measure(&mut self, r: &RawRow) -> ImportedMeasure {
        let (kind, name) = match r.name.strip_prefix("Aktivitet:") {
            Some(rest) => (MeasureKind::Aktivitet, rest.trim().to_string()),
            None => (MeasureKind::Styrmatt, r.name.clone()),
        };
        let (target, outcome) = match self.overrides.row.iter().find(|o| o.line == r.first_line) {
            Some(o) => {
                if collapse(&format!("{} {}", o.target, o.outcome)) != r.values {
                    self.error(r.first_line, format!(
                        "the override's target and outcome `{} | {}` are not the row's text `{}`",
                        o.target, o.outcome, r.values
                    ));
                }
                (o.target.clone(), o.outcome.clone())
            }
            None => split_target(&r.first_values, &r.values, &self.profile.target_units),
        };
        let target_groups = split_groups(&target);
        let outcome_groups = split_groups(&outcome);
        // The outcome's groups decide the rows; a target per group gives them when there is
        // no outcome yet.
        let mut groups: Vec<Group> = if outcome_groups.is_empty() {
            target_groups.iter().map(|(g, _)| *g).collect()
        } else {
            outcome_groups.iter().map(|(g, _)| *g).collect()
        };
        if groups.is_empty() {
            groups.push(Group::Total);
        }
        let by_group = target_groups.iter().any(|(g, _)| *g != Group::Total);
        let rows = groups
            .iter()
            .map(|&g| {
                let outcome = outcome_groups
                    .iter()
                    .find(|(og, _)| *og == g)
                    .map_or(String::new(), |(_, o)| o.clone());
                let target_value = if by_group {
                    target_groups
                        .iter()
                        .find(|(tg, _)| *tg == g)
                        .map(|(_, t)| t.clone())
                        .filter(|t| parse_number(t).is_ok())
                } else {
                    target_value(&target)
                };
                ImportedRow {
                    line: r.value_line,
                    last_line: r.last_line,
                    group: g,
                    target: target.clone(),
                    target_value,
                    outcome,
                    ..ImportedRow::default()
                }
            })
            .collect();
        ImportedMeasure {
            name,
            kind,
            organs: vec![r.organ.clone()],
            rows,
            comments: Vec::new(),
            first_line: r.first_line,
            last_line: r.last_line,
        }
    }
}
