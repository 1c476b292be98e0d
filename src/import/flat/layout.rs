//! Layout detection: the document's lines with the gaps and trailing spaces the layout
//! leaves, the perspectives and their overview, assessment and detail parts, and the goals and
//! factors the overview lists. The parser state lives here; the tables and comments of a
//! factor's section are read in [`super::table`] and [`super::comments`].

use std::collections::HashSet;

use super::status::goal_status;
use super::{FlatFollowUp, Overrides};
use crate::import::clean::{
    self, Block, SourceLine, Vocabulary, extract_footnotes, remove_furniture, source_lines,
    unwrap_blocks,
};
use crate::import::followup::{
    FollowUp, ImportedAssessment, ImportedFactor, ImportedGoal, ImportedPerspective, sentences,
    similarity, split_organs,
};
use crate::import::profile::{Key, Profile};
use crate::model::{Direction, ReportKind};
use crate::slug::slugify;

/// A non-empty line with what the layout says about it.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// 1-based source line.
    pub(super) n: usize,
    /// Index in the cleaned line list (with empty lines), for `unwrap_blocks`.
    pub(super) pos: usize,
    /// Trimmed text.
    pub(super) t: String,
    /// Empty lines before this one.
    pub(super) gap: usize,
    /// Spaces at the end of the line: three or more end a row with empty status cells.
    pub(super) trailing: usize,
}

pub(super) struct Parser<'a> {
    pub(super) lines: Vec<Line>,
    /// Cleaned lines including empty ones (what `unwrap_blocks` needs).
    pub(super) all: Vec<SourceLine>,
    pub(super) vocab: Vocabulary,
    pub(super) file: &'a str,
    pub(super) overrides: &'a Overrides,
    pub(super) profile: &'a Profile,
    pub(super) errors: Vec<String>,
}

/// Parses a flattened follow-up appendix with the organisation's `profile`, applying
/// `overrides`.
pub fn parse_flat(
    text: &str,
    source_file: &str,
    overrides: &Overrides,
    profile: &Profile,
) -> Result<FlatFollowUp, Vec<String>> {
    let raw = source_lines(text);
    let (document_id, version) = profile.document_box(&raw);
    let without_furniture = remove_furniture(&raw, &profile.furniture());
    let vocab = Vocabulary::from_lines(&without_furniture);
    let (all, _footnotes) = extract_footnotes(&without_furniture);
    let mut lines = Vec::new();
    let mut gap = 0;
    for (pos, l) in all.iter().enumerate() {
        if l.text.trim().is_empty() {
            gap += 1;
            continue;
        }
        lines.push(Line {
            n: l.number,
            pos,
            t: l.text.trim().to_string(),
            gap,
            trailing: l.text.len() - l.text.trim_end().len(),
        });
        gap = 0;
    }
    let mut p = Parser {
        lines,
        all,
        vocab,
        file: source_file,
        overrides,
        profile,
        errors: Vec::new(),
    };
    let out = p.document();
    p.check_overrides(&out.followup);
    if p.errors.is_empty() {
        Ok(FlatFollowUp {
            document_id,
            version,
            overrides: overrides.clone(),
            ..out
        })
    } else {
        Err(p.errors)
    }
}

/// `(prefix, organ, rest)` when the line holds an organ cell, one of `organs` as a word:
/// `RS 43000  18 464`, `Kontinuitetsindex RS Öka`.
pub(super) fn organ_split(t: &str, organs: &[String]) -> Option<(String, String, String)> {
    let mut offset = 0;
    for word in t.split(' ') {
        if organs.iter().any(|o| o == word) {
            let prefix = t[..offset].trim().to_string();
            let rest = t[offset + word.len()..].to_string();
            return Some((prefix, word.to_string(), rest));
        }
        offset += word.len() + 1;
    }
    None
}

pub(super) fn starts_with_digit(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit() || c == '+')
}

/// Collapses runs of white space to one space.
pub(super) fn collapse(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Parser<'_> {
    /// Whether the line starts a success factor's section (`FRAMGÅNGSFAKTOR: …`).
    pub(super) fn is_factor_heading(&self, t: &str) -> bool {
        t.starts_with(self.profile.word(Key::FactorHeading))
    }

    /// Whether the line starts a measure table's header (`Styrmått Styrelse/ nämnd …`).
    pub(super) fn is_table_header(&self, t: &str) -> bool {
        t.starts_with(self.profile.word(Key::MeasureTableHeading))
    }

    /// Whether the line starts a goal's overall assessment, in the profile's words.
    fn starts_assessment(&self, t: &str) -> bool {
        self.profile
            .assessment_openings
            .iter()
            .any(|p| t.starts_with(p.as_str()))
    }

    pub(super) fn error(&mut self, line: usize, msg: impl std::fmt::Display) {
        self.errors.push(format!("{}:{line}: {msg}", self.file));
    }

    /// Joins wrapped lines, repairing line-break hyphenation; `kr/` + `invånare` join without
    /// a space.
    pub(super) fn join(&self, lines: &[&Line]) -> String {
        let source: Vec<SourceLine> = lines
            .iter()
            .map(|l| SourceLine {
                number: l.n,
                text: l.t.clone(),
            })
            .collect();
        let mut out = String::new();
        for l in clean::join_hyphenated(&source, &self.vocab) {
            let t = l.text.trim();
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() && !out.ends_with('/') {
                out.push(' ');
            }
            out.push_str(t);
        }
        collapse(&out)
    }

    pub(super) fn text_of(&self, from: usize, to: usize) -> String {
        let refs: Vec<&Line> = self.lines[from..to].iter().collect();
        self.join(&refs)
    }

    /// Paragraphs, headings and list items of the lines `from..to`.
    pub(super) fn blocks(&self, from: usize, to: usize) -> Vec<Block> {
        if from >= to {
            return Vec::new();
        }
        let a = self.lines[from].pos;
        let b = self.lines[to - 1].pos;
        let mut blocks = unwrap_blocks(&self.all[a..=b], &self.vocab);
        for b in &mut blocks {
            b.text = collapse(&b.text);
        }
        blocks
    }

    pub(super) fn document(&mut self) -> FlatFollowUp {
        let intro_word = self
            .profile
            .perspective_intro
            .as_deref()
            .unwrap_or_default();
        let starts: Vec<usize> = (0..self.lines.len().saturating_sub(1))
            .filter(|&i| {
                self.profile.perspectives.contains(&self.lines[i].t)
                    && self.lines[i + 1].t.starts_with(intro_word)
            })
            .collect();
        let first = starts.first().copied().unwrap_or(self.lines.len());
        let intro = self.blocks(0, first);
        let intro_text: String = intro
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let lower = intro_text.to_lowercase();
        let kind = if lower.contains("delårsrapport") {
            ReportKind::Delarsrapport
        } else {
            ReportKind::Arsredovisning
        };
        let period = report_period(&lower);
        let title = match &period {
            Some(p) if kind == ReportKind::Delarsrapport => {
                let (year, month) = p.split_once('-').unwrap_or((p, ""));
                let month_name = crate::model::MONTHS
                    .get(month.parse::<usize>().unwrap_or(0).wrapping_sub(1))
                    .copied()
                    .unwrap_or("");
                format!("Delårsrapport per {month_name} {year} – Mål och måluppfyllelse")
            }
            _ => "Mål och måluppfyllelse".to_string(),
        };
        let mut followup = FollowUp {
            source_file: self.file.to_string(),
            title,
            year: None,
            perspectives: Vec::new(),
            goals: Vec::new(),
            intro: Vec::new(),
            warnings: Vec::new(),
        };
        if starts.is_empty() {
            let names = self.profile.perspectives.join(", ");
            self.error(
                1,
                format!(
                    "no perspective heading found: a line holding only a perspective's name ({names}) followed by a paragraph that starts with `{intro_word}`; name the perspectives as the document writes them in the plan's [[perspectives]] (or `perspectives` of the import profile) and the word in the profile's `perspective_intro`. A goal system's spreadsheet export imports with `insyn import spreadsheet`"
                ),
            );
        }
        for (k, &s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(self.lines.len());
            self.perspective(&mut followup, s, end);
        }
        FlatFollowUp {
            followup,
            kind,
            period,
            document_id: None,
            version: None,
            intro,
            overrides: Overrides::default(),
        }
    }

    pub(super) fn perspective(&mut self, out: &mut FollowUp, s: usize, end: usize) {
        let name = self.lines[s].t.clone();
        let id = slugify(&name);
        let overview = self.profile.word(Key::GoalOverview);
        let Some(ov) = (s + 1..end).find(|&i| self.lines[i].t.starts_with(overview)) else {
            self.error(
                self.lines[s].n,
                format!(
                    "perspective {name} has no overview of its goals (a line starting with `{overview}`, the profile's `goal_overview`)"
                ),
            );
            return;
        };
        out.perspectives.push(ImportedPerspective {
            id: id.clone(),
            name,
            description: self.text_of(s + 1, ov),
            line: self.lines[s].n,
        });
        // Assessment headings: the line before `Det strategiska målet …`.
        let headings: Vec<usize> = (ov + 1..end.saturating_sub(1))
            .filter(|&i| {
                self.starts_assessment(&self.lines[i + 1].t)
                    && !self.starts_assessment(&self.lines[i].t)
            })
            .collect();
        let Some(&first_heading) = headings.first() else {
            self.error(
                self.lines[ov].n,
                "no goal assessment (`Den samlade bedömningen …`) after the overview",
            );
            return;
        };
        let detail = (first_heading..end.saturating_sub(1))
            .find(|&i| self.is_factor_heading(&self.lines[i + 1].t))
            .unwrap_or(end);
        let titles: Vec<String> = headings.iter().map(|&h| self.lines[h].t.clone()).collect();
        let goal_start = out.goals.len();
        self.overview(out, &id, ov + 1, first_heading, &titles);
        self.assessments(&mut out.goals[goal_start..], &headings, detail);
        self.details(out, goal_start, detail, end);
    }

    /// Each assessment heading's goal gets the paragraphs up to the next heading (or the
    /// detail part) as its assessment, and the heading's spelling as an alias.
    fn assessments(&mut self, goals: &mut [ImportedGoal], headings: &[usize], detail: usize) {
        for (j, &h) in headings.iter().enumerate() {
            let stop = headings.get(j + 1).copied().unwrap_or(detail).min(detail);
            let Some(goal) = goals
                .iter_mut()
                .find(|g| similarity(&g.title, &self.lines[h].t) >= 0.8)
            else {
                self.error(
                    self.lines[h].n,
                    format!(
                        "assessment heading `{}` matches no goal of the overview",
                        self.lines[h].t
                    ),
                );
                continue;
            };
            if !goal.aliases.contains(&self.lines[h].t) && goal.title != self.lines[h].t {
                goal.aliases.push(self.lines[h].t.clone());
            }
            let blocks = self.blocks(h + 1, stop);
            let paragraphs: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
            let sentence = paragraphs
                .first()
                .and_then(|p| sentences(p).first().map(|s| s.to_string()))
                .unwrap_or_default();
            goal.assessment = Some(ImportedAssessment {
                status: goal_status(&sentence),
                sentence,
                paragraph: paragraphs.join("\n\n"),
                first_line: self.lines[h + 1].n,
                last_line: self.lines[stop - 1].n,
            });
            goal.last_line = goal.last_line.max(self.lines[stop - 1].n);
        }
    }

    /// The detail part `detail..end`: per goal (its title before a factor heading) its
    /// factor sections.
    fn details(&mut self, out: &mut FollowUp, goal_start: usize, detail: usize, end: usize) {
        let mut goal: Option<usize> = None;
        let mut i = detail;
        while i < end {
            let t = self.lines[i].t.clone();
            let titled = out.goals[goal_start..].iter().position(|g| {
                similarity(&g.title, &t) >= 0.8
                    || g.aliases.iter().any(|a| similarity(a, &t) >= 0.8)
            });
            if let Some(p) = titled
                && i + 1 < end
                && self.is_factor_heading(&self.lines[i + 1].t)
            {
                goal = Some(p + goal_start);
                i += 1;
                continue;
            }
            if self.is_factor_heading(&t) {
                let Some(g) = goal else {
                    self.error(self.lines[i].n, "a success factor outside a goal's section");
                    i += 1;
                    continue;
                };
                let titles: Vec<String> = out.goals[goal_start..]
                    .iter()
                    .map(|g| g.title.clone())
                    .collect();
                i = self.factor_section(&mut out.goals[g], &titles, &mut out.year, i, end);
                continue;
            }
            i += 1;
        }
    }

    /// The overview's items `Title (RS, RUN)`; items that match an assessment heading are
    /// goals, the others the factors of the goal before them.
    pub(super) fn overview(
        &mut self,
        out: &mut FollowUp,
        perspective: &str,
        from: usize,
        to: usize,
        titles: &[String],
    ) {
        let mut item: Vec<usize> = Vec::new();
        for i in from..to {
            item.push(i);
            let t = &self.lines[i].t;
            if !t.ends_with(')') {
                continue;
            }
            let refs: Vec<&Line> = item.iter().map(|&k| &self.lines[k]).collect();
            let text = self.join(&refs);
            let (title, organs) = split_organs(&text);
            if organs.is_empty() {
                continue;
            }
            let (first, last) = (self.lines[item[0]].n, self.lines[i].n);
            item.clear();
            let title = title.to_string();
            if titles.iter().any(|h| similarity(h, &title) >= 0.8) {
                out.goals.push(ImportedGoal {
                    title,
                    aliases: Vec::new(),
                    organs,
                    perspective: perspective.to_string(),
                    table_status: None,
                    table_line: first,
                    assessment: None,
                    summary: Vec::new(),
                    factors: Vec::new(),
                    first_line: first,
                    last_line: last,
                });
            } else if let Some(goal) = out
                .goals
                .last_mut()
                .filter(|g| g.perspective == perspective)
            {
                goal.factors.push(ImportedFactor {
                    title,
                    organs,
                    in_overview: true,
                    measures: Vec::new(),
                    heading_lines: Vec::new(),
                    comments: Vec::new(),
                    narrative: Vec::new(),
                    first_line: first,
                    last_line: last,
                });
            } else {
                self.error(
                    first,
                    format!("overview item `{title}` comes before any goal"),
                );
            }
        }
    }

    /// Every override must have hit something, or it is stale.
    pub(super) fn check_overrides(&mut self, f: &FollowUp) {
        let firsts: HashSet<usize> = f.measures().map(|m| m.first_line).collect();
        let mut stale: Vec<(usize, &str)> = Vec::new();
        for o in &self.overrides.row {
            if !firsts.contains(&o.line) {
                stale.push((o.line, "row"));
            }
        }
        for o in &self.overrides.comment {
            if !firsts.contains(&o.measure) {
                stale.push((o.measure, "comment"));
            }
        }
        for o in &self.overrides.status {
            if !firsts.contains(&o.measure) {
                stale.push((o.measure, "status"));
            }
        }
        for o in &self.overrides.measure {
            if !firsts.contains(&o.line) {
                stale.push((o.line, "measure"));
            }
        }
        for o in &self.overrides.measure {
            if let Some(d) = &o.direction
                && Direction::parse(d).is_none()
            {
                let keys: Vec<&str> = Direction::ALL.iter().map(|d| d.key()).collect();
                self.errors.push(format!(
                    "{}:{}: the [[measure]] override's direction `{d}` is not one of {}",
                    self.file,
                    o.line,
                    keys.join(", ")
                ));
            }
        }
        let stale: Vec<String> = stale
            .into_iter()
            .map(|(line, kind)| {
                format!(
                    "{}:{line}: the [[{kind}]] override names no measure row starting on this line",
                    self.file
                )
            })
            .collect();
        self.errors.extend(stale);
    }
}

/// `per april 2022` → `2022-04`.
pub(super) fn report_period(lower_intro: &str) -> Option<String> {
    let words: Vec<&str> = lower_intro.split_whitespace().collect();
    for w in words.windows(3) {
        if w[0] == "per"
            && let Some(m) = crate::model::MONTHS.iter().position(|m| *m == w[1])
        {
            let year: String = w[2].chars().take_while(char::is_ascii_digit).collect();
            if year.len() == 4 {
                return Some(format!("{year}-{:02}", m + 1));
            }
        }
    }
    None
}
