//! Importer for goal follow-up appendices whose tables were flattened to space-separated
//! lines and whose measures are explained in comment subsections, such as the *Mål och
//! måluppfyllelse* appendix of Delårsrapport per april 2022 (seed 000).
//!
//! This module owns reading such a document into the follow-up data of `import::followup`
//! (perspectives → goals with organs and assessment → success factors → measures with target,
//! outcome per group and comments) and writing it into `content/`, merging measures through
//! `import::measures`. Text cleaning is `import::clean`'s job.
//!
//! Per perspective the document has: the perspective heading and its `Perspektivet …`
//! paragraph; an overview `Strategiskt mål  Framgångsfaktor` whose items end in their organs
//! `(RS, RUN)`; one assessment section per goal (the goal's title, then `Det strategiska målet
//! …`, `Den samlade bedömningen …` or `Vid årets slut …`); then per goal its title again and
//! one section per factor: `FRAMGÅNGSFAKTOR: …`, a table header `Styrmått Styrelse/ nämnd Mål
//! 2022 Periodens utfall Måluppfyllelse Utveckling` (wrapped differently each time, repeated
//! after page breaks), the rows, and the comment subsections.
//!
//! A table row is the measure's name (wrapped over lines), a line that starts with (or
//! contains) the organ `RS`/`RUN`/`PN`, and the target and outcome cells flattened into the
//! following lines. The layout gives two reliable hints that this module uses: a row whose
//! status and trend cells are empty ends with three or more spaces, and rows are separated by
//! two or more empty lines while cell lines are separated by one. Where target and outcome
//! run together, the target is the leading phrase the region uses for targets (`Öka`, `Minska
//! med 50% jämfört med 2020`, `Högst 300 kr/invånare`, a number with its unit); the rest is the
//! outcome. What the heuristics get wrong is corrected in an overrides file
//! (`content/_import/<source>.toml`, see [`Overrides`]), so the correction is reproducible.
//!
//! The document lost its colour markings. A status is taken from the prose where the
//! measure's comment states it ("når inte målet", "har inte uppnåtts"), else the row is marked
//! for computing (`beraknad`) when target and outcome are comparable shares (percentages) and
//! the target tells the direction; counts of a part year against an annual target are not
//! comparable and get no status.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::{
    RawAssessment, RawFactor, RawGoal, RawMeasure, RawPerspective, RawPlan, RawReport, Text,
};
use crate::import::clean::{
    self, Block, BlockKind, SourceLine, Vocabulary, extract_footnotes, remove_page_furniture,
    source_lines, unwrap_blocks,
};
use crate::import::followup::{
    FollowUp, ImportedAssessment, ImportedComment, ImportedFactor, ImportedGoal, ImportedMeasure,
    ImportedPerspective, ImportedRow, assessment_status, best_match, sentences, similarity,
    split_organs, unique_id,
};
use crate::import::measures::{MeasureStore, ResultRow, name_key, reports_of};
use crate::import::writer::{
    Files, existing_goals, organ_ids, plan_dir, plan_years, read_front, report_path, source,
    source_ref, spanned, text,
};
use crate::model::{Direction, Group, MeasureKind, ReportKind, Status, StatusSource, parse_number};
use crate::slug::slugify;

const PERSPECTIVES: [&str; 5] = [
    "Samhälle",
    "Medborgare",
    "Verksamhet",
    "Medarbetare",
    "Ekonomi",
];

/// Organ abbreviations that start the organ cell of a row.
const ORGANS: [&str; 5] = ["RS", "RUN", "PN", "HSN", "RF"];

/// Unit words that belong to a target number (`250 st`, `2 planer`, `300 kr/invånare`).
const UNITS: [&str; 7] = ["%", "st", "kr/invånare", "planer", "mnkr", "tkr", "kr"];

/// Words the region starts a target with; the target ends after them (`Öka`, `Bibehålla`).
const TARGET_VERBS: [&str; 6] = [
    "Öka",
    "Minska",
    "Bibehålla",
    "Bibehåll",
    "Påbörja",
    "Ökning",
];

/// Table lines come from narrow columns; a longer line is running text.
const MAX_TABLE_LINE: usize = 55;

/// A parsed flattened follow-up and what the report file needs.
#[derive(Debug, Clone)]
pub struct FlatFollowUp {
    pub followup: FollowUp,
    /// Delårsrapport or årsredovisning, from the introduction's wording.
    pub kind: ReportKind,
    /// `YYYY-MM` when the introduction says "per april 2022", else the year.
    pub period: Option<String>,
    pub document_id: Option<String>,
    pub version: Option<String>,
    /// The introduction before the first perspective.
    pub intro: Vec<Block>,
    /// The corrections applied; the writer needs the measures' directions.
    pub overrides: Overrides,
}

/// A non-empty line with what the layout says about it.
#[derive(Debug, Clone)]
struct Line {
    /// 1-based source line.
    n: usize,
    /// Index in the cleaned line list (with empty lines), for `unwrap_blocks`.
    pos: usize,
    /// Trimmed text.
    t: String,
    /// Empty lines before this one.
    gap: usize,
    /// Spaces at the end of the line: three or more end a row with empty status cells.
    trailing: usize,
}

/// One table row before interpretation.
#[derive(Debug, Clone)]
struct RawRow {
    name: String,
    organ: String,
    /// The values' first line as written (double spaces separate columns).
    first_values: String,
    /// All value text, wrapped lines joined.
    values: String,
    first_line: usize,
    value_line: usize,
    last_line: usize,
}

/// Manual corrections for one source document, in `content/_import/<source>.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Where target and outcome are split differently from the heuristics.
    #[serde(default)]
    pub row: Vec<RowOverride>,
    /// Comment paragraphs attached to a measure by hand.
    #[serde(default)]
    pub comment: Vec<CommentOverride>,
    /// Statuses the prose states but the heuristics cannot attribute, or wrongly find.
    #[serde(default)]
    pub status: Vec<StatusOverride>,
    /// Measure properties the source implies but does not spell out.
    #[serde(default)]
    pub measure: Vec<MeasureOverride>,
}

/// `target` + `outcome` must give the row's value text exactly: an override may split the
/// source text differently, never change it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowOverride {
    /// First line of the measure's row (its name).
    pub line: usize,
    pub target: String,
    pub outcome: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentOverride {
    /// Comment paragraphs (or headings) that start within these lines …
    pub lines: [usize; 2],
    /// … belong to the measure whose row starts on this line.
    pub measure: usize,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusOverride {
    /// The measure whose row starts on this line.
    pub measure: usize,
    /// `totalt`, `kvinnor` or `man`; all groups when absent.
    pub group: Option<String>,
    /// A status key, or "" for none (the prose does not state one for this measure).
    pub status: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureOverride {
    /// The measure whose row starts on this line.
    pub line: usize,
    /// `hogre` or `lagre`.
    pub direction: Option<String>,
    pub why: String,
}

impl Overrides {
    /// Reads `content_dir/_import/<source stem>.toml`; no file means no corrections.
    pub fn load(content_dir: &Path, source_file: &str) -> Result<Self, String> {
        let stem = source_file.strip_suffix(".txt").unwrap_or(source_file);
        let path = content_dir.join("_import").join(format!("{stem}.toml"));
        match fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

struct Parser<'a> {
    lines: Vec<Line>,
    /// Cleaned lines including empty ones (what `unwrap_blocks` needs).
    all: Vec<SourceLine>,
    vocab: Vocabulary,
    file: &'a str,
    overrides: &'a Overrides,
    errors: Vec<String>,
}

/// Parses a flattened follow-up appendix, applying `overrides`.
pub fn parse_flat(
    text: &str,
    source_file: &str,
    overrides: &Overrides,
) -> Result<FlatFollowUp, Vec<String>> {
    let raw = source_lines(text);
    let (document_id, version) = document_box(&raw);
    let without_furniture = remove_page_furniture(&raw);
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

/// The id and version from the box `GÄLLER FÖR VERKSAMHET  DOKUMENT-ID VERSION` / `Region
/// Norrbotten lgekpl-4-1041 0.19` that page-furniture removal drops.
fn document_box(raw: &[SourceLine]) -> (Option<String>, Option<String>) {
    for (i, l) in raw.iter().enumerate() {
        if l.text.trim().starts_with("GÄLLER FÖR VERKSAMHET") {
            let next = raw[i + 1..].iter().find(|l| !l.text.trim().is_empty());
            if let Some(next) = next {
                let words: Vec<&str> = next.text.split_whitespace().collect();
                if let [.., id, version] = words[..] {
                    return (Some(id.to_string()), Some(version.to_string()));
                }
            }
        }
    }
    (None, None)
}

fn starts_assessment(t: &str) -> bool {
    [
        "Det strategiska målet",
        "Den samlade bedömningen",
        "Vid årets slut",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn is_factor_heading(t: &str) -> bool {
    t.starts_with("FRAMGÅNGSFAKTOR")
}

/// `(prefix, organ, rest)` when the line holds an organ cell: `RS 43000  18 464`,
/// `Kontinuitetsindex RS Öka`.
fn organ_split(t: &str) -> Option<(String, String, String)> {
    let mut offset = 0;
    for word in t.split(' ') {
        if ORGANS.contains(&word) {
            let prefix = t[..offset].trim().to_string();
            let rest = t[offset + word.len()..].to_string();
            return Some((prefix, word.to_string(), rest));
        }
        offset += word.len() + 1;
    }
    None
}

fn starts_with_digit(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit() || c == '+')
}

/// Collapses runs of white space to one space.
fn collapse(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Parser<'_> {
    fn error(&mut self, line: usize, msg: impl std::fmt::Display) {
        self.errors.push(format!("{}:{line}: {msg}", self.file));
    }

    /// Joins wrapped lines, repairing line-break hyphenation; `kr/` + `invånare` join without
    /// a space.
    fn join(&self, lines: &[&Line]) -> String {
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

    fn text_of(&self, from: usize, to: usize) -> String {
        let refs: Vec<&Line> = self.lines[from..to].iter().collect();
        self.join(&refs)
    }

    /// Paragraphs, headings and list items of the lines `from..to`.
    fn blocks(&self, from: usize, to: usize) -> Vec<Block> {
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

    fn document(&mut self) -> FlatFollowUp {
        let starts: Vec<usize> = (0..self.lines.len().saturating_sub(1))
            .filter(|&i| {
                PERSPECTIVES.contains(&self.lines[i].t.as_str())
                    && self.lines[i + 1].t.starts_with("Perspektivet")
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
        };
        if starts.is_empty() {
            self.error(
                1,
                "no perspective heading (Samhälle … followed by `Perspektivet …`) found",
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

    fn perspective(&mut self, out: &mut FollowUp, s: usize, end: usize) {
        let name = self.lines[s].t.clone();
        let id = slugify(&name);
        let Some(ov) = (s + 1..end).find(|&i| self.lines[i].t.starts_with("Strategiskt mål"))
        else {
            self.error(
                self.lines[s].n,
                format!("perspective {name} has no overview `Strategiskt mål  Framgångsfaktor`"),
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
                starts_assessment(&self.lines[i + 1].t) && !starts_assessment(&self.lines[i].t)
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
            .find(|&i| is_factor_heading(&self.lines[i + 1].t))
            .unwrap_or(end);
        let titles: Vec<String> = headings.iter().map(|&h| self.lines[h].t.clone()).collect();
        let goal_start = out.goals.len();
        self.overview(out, &id, ov + 1, first_heading, &titles);
        // Assessments.
        for (j, &h) in headings.iter().enumerate() {
            let stop = headings.get(j + 1).copied().unwrap_or(detail).min(detail);
            let Some(goal) = out.goals[goal_start..]
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
        // Details: per goal its factor sections.
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
                && is_factor_heading(&self.lines[i + 1].t)
            {
                goal = Some(p + goal_start);
                i += 1;
                continue;
            }
            if is_factor_heading(&t) {
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
    fn overview(
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

    /// One `FRAMGÅNGSFAKTOR:` section: heading, table, comments. Returns where the next
    /// section starts.
    fn factor_section(
        &mut self,
        goal: &mut ImportedGoal,
        goal_titles: &[String],
        year: &mut Option<u16>,
        start: usize,
        end: usize,
    ) -> usize {
        let Some(header) = (start + 1..end).find(|&i| self.lines[i].t.starts_with("Styrmått"))
        else {
            self.error(
                self.lines[start].n,
                "a success factor without a measure table (`Styrmått …`)",
            );
            return end;
        };
        let heading = self.text_of(start, header);
        let heading = heading
            .trim_start_matches("FRAMGÅNGSFAKTOR")
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
                is_factor_heading(&self.lines[i].t)
                    || (i + 1 < end
                        && is_factor_heading(&self.lines[i + 1].t)
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
        let comments = self.comments(comments_start, section_end);
        let mut unattached = Vec::new();
        for c in comments {
            match self.attach(&measures, &c) {
                Some(m) => measures[m].comments.push(c),
                // A factor with one measure: its comments are about that measure.
                None if measures.len() == 1 && !self.overridden(&c) => measures[0].comments.push(c),
                None => unattached.push(c),
            }
        }
        for m in &mut measures {
            apply_status(m, self.overrides);
        }
        factor.measures.extend(measures);
        factor.comments.extend(unattached);
        section_end
    }

    /// Rows from the header at `header` until the comments start; headers repeated after a
    /// page break are skipped.
    fn rows(&mut self, header: usize, end: usize, year: &mut Option<u16>) -> (Vec<RawRow>, usize) {
        let mut rows = Vec::new();
        let mut i = header;
        while i < end {
            let t = self.lines[i].t.clone();
            if t.starts_with("Styrmått") {
                i = self.skip_header(i, end, year);
                continue;
            }
            if is_factor_heading(&t) {
                break;
            }
            let Some(organ_at) = self.row_organ_line(i, end) else {
                break;
            };
            let (prefix, organ, rest) = organ_split(&self.lines[organ_at].t).unwrap_or_default();
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
                if is_factor_heading(&l.t)
                    || l.t.starts_with("Styrmått")
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
    fn skip_header(&mut self, from: usize, end: usize, year: &mut Option<u16>) -> usize {
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
    fn row_organ_line(&self, i: usize, end: usize) -> Option<usize> {
        for j in i..end.min(i + 14) {
            let t = &self.lines[j].t;
            if is_factor_heading(t)
                || t.starts_with("Styrmått")
                || t.chars().count() > MAX_TABLE_LINE
            {
                return None;
            }
            if organ_split(t).is_some() {
                return Some(j);
            }
        }
        None
    }

    fn measure(&mut self, r: &RawRow) -> ImportedMeasure {
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
            None => split_target(&r.first_values, &r.values),
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

    /// Comment subsections: a heading and its paragraphs; paragraphs before any heading form a
    /// subsection without one. Each paragraph is its own comment so that overrides can attach
    /// paragraphs of one subsection to different measures.
    fn comments(&self, from: usize, to: usize) -> Vec<ImportedComment> {
        let mut out: Vec<ImportedComment> = Vec::new();
        let mut heading: Option<String> = None;
        // A heading wrapped over two lines comes back as two blocks, the second on the very
        // next source line (the extraction leaves no empty line after a heading's first line).
        let mut blocks: Vec<Block> = Vec::new();
        for b in self.blocks(from, to) {
            match blocks.last_mut() {
                Some(a)
                    if is_subheading(a) && is_subheading(&b) && b.first_line == a.last_line + 1 =>
                {
                    a.text = format!("{} {}", a.text, b.text);
                    a.last_line = b.last_line;
                }
                _ => blocks.push(b),
            }
        }
        for (k, b) in blocks.iter().enumerate() {
            let last = k + 1 == blocks.len();
            if !last && is_subheading(b) {
                heading = Some(b.text.clone());
                out.push(ImportedComment {
                    heading: heading.clone(),
                    text: String::new(),
                    first_line: b.first_line,
                    last_line: b.last_line,
                });
                continue;
            }
            let text = match b.kind {
                BlockKind::ListItem => format!("- {}", strip_bullet(&b.text)),
                _ => b.text.clone(),
            };
            match out.last_mut() {
                // The first paragraph joins its heading.
                Some(c) if c.text.is_empty() && c.heading == heading => {
                    c.text = text;
                    c.last_line = b.last_line;
                }
                _ => out.push(ImportedComment {
                    heading: heading.clone(),
                    text,
                    first_line: b.first_line,
                    last_line: b.last_line,
                }),
            }
        }
        out.retain(|c| !c.text.is_empty() || c.heading.is_some());
        out
    }

    /// The measure a comment belongs to: an override, else the measure whose name holds all
    /// (or nearly all) words of the comment's heading; `None` when that is not one measure.
    fn attach(&self, measures: &[ImportedMeasure], c: &ImportedComment) -> Option<usize> {
        if let Some(o) = self
            .overrides
            .comment
            .iter()
            .find(|o| (o.lines[0]..=o.lines[1]).contains(&c.first_line))
        {
            return measures.iter().position(|m| m.first_line == o.measure);
        }
        let heading = c.heading.as_deref()?;
        let heading = heading.trim_start_matches("Aktivitet:").trim();
        let scores: Vec<f64> = measures
            .iter()
            .map(|m| containment(heading, &m.name))
            .collect();
        let best = scores.iter().copied().fold(0.0, f64::max);
        if best < 0.75 || scores.iter().filter(|&&s| s == best).count() > 1 {
            return None;
        }
        scores.iter().position(|&s| s == best)
    }

    /// Whether an override places the comment (possibly nowhere in this factor).
    fn overridden(&self, c: &ImportedComment) -> bool {
        self.overrides
            .comment
            .iter()
            .any(|o| (o.lines[0]..=o.lines[1]).contains(&c.first_line))
    }

    /// Every override must have hit something, or it is stale.
    fn check_overrides(&mut self, f: &FollowUp) {
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
fn report_period(lower_intro: &str) -> Option<String> {
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

/// The goal's status from the region's sentence; "inte … i sin helhet" is a partial result.
fn goal_status(sentence: &str) -> Option<Status> {
    let s = sentence.to_lowercase();
    if s.contains("i sin helhet") && s.contains("inte") {
        return Some(Status::DelvisUppnatt);
    }
    assessment_status(sentence)
}

/// A comment subsection's heading: a short line without final punctuation. Lines of small
/// tables inside comments (`Stödbelopp totalt 12,2 mnkr 78 %`) are not headings.
fn is_subheading(b: &Block) -> bool {
    if b.text.contains('%') || b.kind == BlockKind::ListItem {
        return false;
    }
    b.kind == BlockKind::Heading
        || (b.kind == BlockKind::Paragraph
            && !b.text.ends_with(['.', ':', '!', '?'])
            && b.text.chars().count() <= 140
            && b.last_line - b.first_line <= 4)
}

/// A list item's lost bullet glyph (private-use characters) and spaces.
fn strip_bullet(t: &str) -> &str {
    t.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '”')
}

/// Share of the heading's words that occur in the name (headings shorten measure names).
fn containment(heading: &str, name: &str) -> f64 {
    let h = crate::import::followup::words(heading);
    if h.len() < 2 {
        return 0.0;
    }
    let n = crate::import::followup::words(name);
    let found = h
        .iter()
        .filter(|w| {
            n.iter()
                .any(|x| x == *w || (w.len() >= 6 && x.starts_with(w.as_str())))
        })
        .count();
    found as f64 / h.len() as f64
}

fn is_number_token(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit()) && parse_number(t).is_ok()
}

/// Splits the flattened Mål and Periodens utfall cells. A double space in the first value
/// line is the column gap; otherwise the target is the leading phrase a target is written
/// as, and the rest is the outcome.
pub fn split_target(first_values: &str, values: &str) -> (String, String) {
    if let Some((target, _)) = first_values.split_once("  ") {
        let target = collapse(target);
        if !target.is_empty()
            && let Some(outcome) = values.strip_prefix(target.as_str())
        {
            return (target, outcome.trim().to_string());
        }
    }
    let tokens: Vec<&str> = values.split_whitespace().collect();
    let n = target_tokens(&tokens);
    (tokens[..n].join(" "), tokens[n..].join(" "))
}

/// How many leading tokens form the target.
fn target_tokens(t: &[&str]) -> usize {
    let Some(&first) = t.first() else {
        return 0;
    };
    let unit_after = |i: usize| -> usize {
        let mut n = i;
        if t.get(n).is_some_and(|u| UNITS.contains(u)) {
            n += 1;
        }
        if t.get(n) == Some(&"(helår)") {
            n += 1;
        }
        n
    };
    // `Kvinnor: 16,0% Män: 17,2%`: a target per group.
    if first.starts_with("Kvinnor") && t.len() >= 4 && t[2].starts_with("Män") {
        return 4;
    }
    // `jämfört med 2021-12`, `jmf motsvarande kvartal året innan`: up to a labelled or
    // percent outcome.
    let comparison = |mut i: usize| -> usize {
        if t.get(i) == Some(&"jämfört") && t.get(i + 1) == Some(&"med") {
            i += 2;
        } else if t.get(i) == Some(&"jmf") {
            i += 1;
        } else {
            return i;
        }
        while let Some(w) = t.get(i) {
            if w.ends_with(':')
                || (is_number_token(w) && w.ends_with('%'))
                || w.starts_with(char::is_uppercase)
            {
                break;
            }
            i += 1;
        }
        i
    };
    if TARGET_VERBS.contains(&first) {
        let mut i = 1;
        if t.get(1) == Some(&"med") && t.get(2).is_some_and(|w| is_number_token(w)) {
            i = unit_after(3);
        }
        return comparison(i);
    }
    if first == "Inte" && t.get(1) == Some(&"minska") {
        return 2;
    }
    if ["Under", "Högst", "Minst", "Lägst", "Över"].contains(&first) {
        return if t.get(1).is_some_and(|w| is_number_token(w)) {
            unit_after(2)
        } else {
            t.len()
        };
    }
    if is_number_token(first) {
        return unit_after(1);
    }
    t.len()
}

/// The number to compare with when the target is not a plain number: `35 % (helår)` → 35,
/// `Under 6,5 %` → 6,5.
fn target_value(target: &str) -> Option<String> {
    if parse_number(target).is_ok() {
        return None;
    }
    let tokens: Vec<&str> = target.split_whitespace().collect();
    let at = match tokens.first() {
        Some(w) if ["Under", "Högst", "Minst", "Lägst", "Över"].contains(w) => 1,
        Some(w) if is_number_token(w) => 0,
        _ => return None,
    };
    let value = tokens.get(at)?;
    is_number_token(value).then(|| value.trim_end_matches('%').to_string())
}

/// Splits a cell into groups when it names women and men: `Kvinnor: 93% Män: 92%`,
/// `Kvinnor 19 % Män 15 %`, `Totalt: 8,0% … Kvinnor: 8,7% Män: 5,4%`, `Kvinnor 40 år: 5% …`.
/// Segments start at a capitalised word that begins a label (`Snitt:`, `Framgår ej:`); a bare
/// label (`Kvinnor:`, `Män`, `Totalt:`) is dropped, a longer one kept. Without women and men
/// the whole cell is the total.
pub fn split_groups(cell: &str) -> Vec<(Group, String)> {
    let tokens: Vec<&str> = cell.split_whitespace().collect();
    if tokens.is_empty() {
        return Vec::new();
    }
    let is_sex = |w: &str| matches!(w.trim_end_matches(':'), "Kvinnor" | "Män");
    if !tokens.iter().any(|w| is_sex(w)) {
        return vec![(Group::Total, cell.trim().to_string())];
    }
    let starts_label = |i: usize| -> bool {
        let w = tokens[i];
        is_sex(w)
            || (w.starts_with(char::is_uppercase)
                && tokens[i..tokens.len().min(i + 2)]
                    .iter()
                    .any(|x| x.ends_with(':')))
    };
    let mut segments: Vec<Vec<&str>> = Vec::new();
    for (i, w) in tokens.iter().enumerate() {
        if i == 0 || starts_label(i) {
            segments.push(Vec::new());
        }
        segments.last_mut().expect("a segment").push(w);
    }
    let mut out: Vec<(Group, String)> = Vec::new();
    for seg in segments {
        let label = seg[0].trim_end_matches(':');
        let group = match label {
            "Kvinnor" => Group::Women,
            "Män" => Group::Men,
            _ => Group::Total,
        };
        // `Kvinnor: 93%`, `Män 15 %`: the label only names the group. `Kvinnor 40 år: 5%`
        // says more and is kept.
        let rest = seg[1..].join(" ");
        let bare = matches!(seg[0], "Kvinnor:" | "Män:" | "Totalt:")
            || (matches!(seg[0], "Kvinnor" | "Män") && parse_number(&rest).is_ok());
        let text = if bare { rest } else { seg.join(" ") };
        match out.iter_mut().find(|(g, _)| *g == group) {
            Some((_, t)) => {
                // Two total segments keep their labels: `Framgår ej: 2 Totalt: 80`.
                *t = if group == Group::Total && !t.is_empty() {
                    format!("{} {}", rebuild_label(t, cell), seg.join(" "))
                } else {
                    format!("{t} {text}")
                };
            }
            None => out.push((group, text)),
        }
    }
    out.sort_by_key(|(g, _)| *g);
    out
}

/// A total segment whose bare label was dropped gets it back when another total follows.
fn rebuild_label(t: &str, cell: &str) -> String {
    if cell.contains(&format!("Totalt: {t}")) {
        format!("Totalt: {t}")
    } else {
        t.to_string()
    }
}

/// The status the prose states for the measure, from its comments: one status from all its
/// sentences that speak of the target, or none.
pub fn prose_status(text: &str) -> Option<Status> {
    const NOT_REACHED: [&str; 8] = [
        "når inte målet",
        "inte når målet",
        "nås inte",
        "inte nås",
        "inte uppnåtts",
        "inte är uppnått",
        "inte uppnått",
        "uppnås inte",
    ];
    const REACHED: [&str; 4] = ["når målet", "målet nås", "uppnåtts", "bättre än målet"];
    let mut found: Vec<Status> = Vec::new();
    for s in sentences(text) {
        let s = s.to_lowercase();
        let status = if NOT_REACHED.iter().any(|p| s.contains(p)) {
            Status::EjUppnatt
        } else if REACHED.iter().any(|p| s.contains(p)) {
            Status::Uppnatt
        } else {
            continue;
        };
        if !found.contains(&status) {
            found.push(status);
        }
    }
    match found[..] {
        [status] => Some(status),
        _ => None,
    }
}

/// Direction from the target's wording: `Öka` is higher, `Minska`, `Under`, `Högst` lower;
/// a share of 100 % can only be reached from below.
fn direction_of(target: &str) -> Option<Direction> {
    let first = target.split_whitespace().next().unwrap_or_default();
    match first {
        "Öka" | "Ökning" | "Minst" | "Förbättrat" => Some(Direction::Higher),
        "Minska" | "Minskad" | "Under" | "Högst" => Some(Direction::Lower),
        "Inte" if target.starts_with("Inte minska") => Some(Direction::Higher),
        _ if target.starts_with("100%") || target.starts_with("100 %") => Some(Direction::Higher),
        _ => None,
    }
}

/// The override's direction, else the one the target's wording gives.
fn measure_direction(m: &ImportedMeasure, overrides: &Overrides) -> Option<Direction> {
    overrides
        .measure
        .iter()
        .find(|o| o.line == m.first_line)
        .and_then(|o| o.direction.as_deref())
        .and_then(Direction::parse)
        .or_else(|| m.rows.first().and_then(|r| direction_of(&r.target)))
}

/// Status from the prose, or from an override; else `beraknad` where Insyn may compute it.
fn apply_status(m: &mut ImportedMeasure, overrides: &Overrides) {
    let text: Vec<&str> = m.comments.iter().map(|c| c.text.as_str()).collect();
    let prose = prose_status(&text.join(" "));
    let direction = measure_direction(m, overrides);
    let activity = m.kind == MeasureKind::Aktivitet;
    for row in &mut m.rows {
        let forced = overrides.status.iter().find(|o| {
            o.measure == m.first_line && o.group.as_deref().is_none_or(|g| g == row.group.key())
        });
        let stated = match forced {
            Some(o) => Status::parse(&o.status),
            None => prose.filter(|_| !activity),
        };
        if let Some(status) = stated {
            row.status = Some(status);
            row.status_source = Some(StatusSource::Text);
            continue;
        }
        if forced.is_some() || activity || direction.is_none() {
            continue;
        }
        let target = row.target_value.as_deref().unwrap_or(&row.target);
        let comparable = target.contains('%') || row.target.contains('%');
        if comparable
            && parse_number(target).is_ok()
            && row.outcome.ends_with('%')
            && parse_number(&row.outcome).is_ok()
        {
            row.status_source = Some(StatusSource::Computed);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Writes the follow-up below `content_dir`: the goals of `plan_id` (keeping the ids, aliases
/// and predecessors of goals and factors that exist), every measure through
/// [`MeasureStore::merge`], and the report `report_id` (its body is kept when the file
/// exists: the introduction is reviewed text). The plan's `_index.md` is written only when
/// missing. Returns the written paths.
pub fn write_flat(
    f: &FlatFollowUp,
    content_dir: &Path,
    plan_id: &str,
    report_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let fu = &f.followup;
    let invalid = |msg: String| io::Error::new(io::ErrorKind::InvalidInput, msg);
    let (start, end) = plan_years(plan_id)
        .ok_or_else(|| invalid(format!("plan id `{plan_id}` is not YYYY or YYYY-YYYY")))?;
    let period = f
        .period
        .clone()
        .or_else(|| fu.year.map(|y| y.to_string()))
        .ok_or_else(|| {
            invalid("the follow-up names no period (`per april 2022`, `Mål 2022`)".into())
        })?;
    let mut files = Files::default();
    if !plan_dir(content_dir, plan_id).join("_index.md").exists() {
        files.plan(content_dir, plan_id, &plan_record(fu, start, end), "")?;
    }
    let existing = existing_goals(&plan_dir(content_dir, plan_id))?;
    let mut goals = GoalWriter {
        f,
        content_dir,
        report_id,
        store: MeasureStore::load(content_dir)?,
        goal_ids: existing.iter().map(|(id, _, _)| id.clone()).collect(),
        used_goals: HashSet::new(),
        existing: &existing,
    };
    for (order, goal) in fu.goals.iter().enumerate() {
        let (id, record, body) = goals.goal(order, goal, &mut files)?;
        files.goal(content_dir, plan_id, &id, &record, &body)?;
    }
    let (report, body) = report_record(f, content_dir, report_id, period)?;
    files.report(content_dir, report_id, &report, &body)?;
    files.write()
}

/// The plan's `_index.md`, written only when the plan has none: title, years, perspectives.
fn plan_record(fu: &FollowUp, start: u16, end: u16) -> RawPlan {
    let first = fu.perspectives.first().map_or(1, |p| p.line);
    let last = fu.goals.iter().map(|g| g.last_line).max().unwrap_or(first);
    RawPlan {
        title: format!("Strategisk plan {start}–{end}"),
        start: spanned(start),
        end: spanned(end),
        vision: None,
        document: None,
        source: source(&fu.source_file, first, last),
        perspectives: fu
            .perspectives
            .iter()
            .map(|p| RawPerspective {
                id: text(&p.id),
                name: p.name.clone(),
                description: p.description.clone(),
                source: None,
            })
            .collect(),
        assignments: Vec::new(),
    }
}

/// The report's front matter: what this document says, and the date, organ and key figures
/// of a report file that exists (with its body: the introduction is reviewed text).
fn report_record(
    f: &FlatFollowUp,
    content_dir: &Path,
    report_id: &str,
    period: String,
) -> io::Result<(RawReport, String)> {
    let path = report_path(content_dir, report_id);
    let (old, body) = if path.exists() {
        let (r, b) = read_front::<RawReport>(&path)?;
        (Some(r), b)
    } else {
        (None, intro_markdown(&f.intro))
    };
    let report = RawReport {
        title: f.followup.title.clone(),
        kind: text(f.kind.key()),
        period: text(period),
        date: old.as_ref().and_then(|r| r.date.clone()),
        document_id: f.document_id.clone(),
        version: f.version.clone(),
        organ: old.as_ref().and_then(|r| r.organ.clone()),
        source: Some(text(&f.followup.source_file)),
        key_figures: old.as_ref().map_or(Vec::new(), |r| r.key_figures.clone()),
        tables: old.map_or(Vec::new(), |r| r.tables),
    };
    Ok((report, body))
}

/// Builds each goal's record, keeping the ids, aliases, predecessors and other reports'
/// assessments and measures of the goals and factors that exist.
struct GoalWriter<'a> {
    f: &'a FlatFollowUp,
    content_dir: &'a Path,
    report_id: &'a str,
    store: MeasureStore,
    goal_ids: HashSet<String>,
    used_goals: HashSet<String>,
    existing: &'a [(String, RawGoal, String)],
}

impl<'a> GoalWriter<'a> {
    /// The goal's id, record and body (the factors' comments); its measures' files go to
    /// `files`.
    fn goal(
        &mut self,
        order: usize,
        goal: &ImportedGoal,
        files: &mut Files,
    ) -> io::Result<(String, RawGoal, String)> {
        let file = self.f.followup.source_file.as_str();
        let (id, old) = self.existing_goal(goal);
        let old_factors = old.map_or(&[][..], |g| g.factors.as_slice());
        let mut factor_ids: HashSet<String> =
            old_factors.iter().map(|f| f.id.get_ref().clone()).collect();
        let mut used_factors: HashSet<String> = HashSet::new();
        let mut factors = Vec::new();
        let mut notes = String::new();
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
                organs: organ_ids(&factor.organs),
                measures: self.factor_measures(factor, matched, files)?,
                source: source(file, factor.first_line, factor.last_line),
            });
            notes.push_str(&factor_notes(factor, file));
        }
        let record = RawGoal {
            title: goal.title.clone(),
            perspective: text(&goal.perspective),
            order: Some(order as u32 + 1),
            organs: organ_ids(&goal.organs),
            aliases: merged_aliases(old, goal),
            predecessor: old.and_then(|g| g.predecessor.clone()),
            source: source(file, goal.first_line, goal.last_line),
            assessments: self.assessments(old, goal),
            factors,
        };
        let body = if notes.is_empty() {
            String::new()
        } else {
            format!("## Övriga kommentarer\n\n{notes}")
        };
        Ok((id, record, body))
    }

    /// The existing goal with this title or alias that no other goal took, or a new id.
    fn existing_goal(&mut self, goal: &ImportedGoal) -> (String, Option<&'a RawGoal>) {
        let names: Vec<&String> = std::iter::once(&goal.title).chain(&goal.aliases).collect();
        let existing = self.existing;
        let found = existing.iter().find(|(id, g, _)| {
            !self.used_goals.contains(id)
                && std::iter::once(&g.title).chain(&g.aliases).any(|t| {
                    names
                        .iter()
                        .any(|n| name_key(n) == name_key(t) || similarity(n, t) >= 0.8)
                })
        });
        let (id, old) = match found {
            Some((id, g, _)) => (id.clone(), Some(g)),
            None => (unique_id(&goal.title, &mut self.goal_ids), None),
        };
        self.used_goals.insert(id.clone());
        (id, old)
    }

    /// The factor's measure ids: this report's, merged into their files, then those another
    /// report lists under the matching existing factor.
    fn factor_measures(
        &mut self,
        factor: &ImportedFactor,
        matched: Option<&RawFactor>,
        files: &mut Files,
    ) -> io::Result<Vec<Text>> {
        let file = self.f.followup.source_file.as_str();
        let mut ids = Vec::new();
        for m in &factor.measures {
            let (id, measure_files) = self.store.merge(
                &measure_def(m, file, &self.f.overrides),
                self.report_id,
                &result_rows(m, file),
            )?;
            files.extend(measure_files);
            ids.push(id);
        }
        for old in matched.map_or(&[][..], |o| o.measures.as_slice()) {
            let mid = old.get_ref();
            if !ids.contains(mid)
                && reports_of(self.content_dir, mid)?
                    .iter()
                    .any(|r| r != self.report_id)
            {
                ids.push(mid.clone());
            }
        }
        Ok(ids.into_iter().map(text).collect())
    }

    /// Other reports' assessments of an existing goal, then this report's when the prose
    /// states a status.
    fn assessments(&self, old: Option<&RawGoal>, goal: &ImportedGoal) -> Vec<RawAssessment> {
        let file = self.f.followup.source_file.as_str();
        let mut out: Vec<RawAssessment> = old.map_or(Vec::new(), |g| {
            g.assessments
                .iter()
                .filter(|a| a.report.get_ref() != self.report_id)
                .cloned()
                .collect()
        });
        if let Some(a) = &goal.assessment
            && let Some(status) = a.status
        {
            out.push(RawAssessment {
                report: text(self.report_id),
                status: text(status.key()),
                status_source: text(StatusSource::Text.key()),
                text: a.paragraph.clone(),
                source: source(file, a.first_line, a.last_line),
            });
        }
        out
    }
}

/// The existing goal's aliases, then this document's spellings it lacks.
fn merged_aliases(old: Option<&RawGoal>, goal: &ImportedGoal) -> Vec<String> {
    let mut aliases: Vec<String> = old.map_or(Vec::new(), |g| g.aliases.clone());
    for a in &goal.aliases {
        if !aliases.iter().any(|x| x == a) && *a != goal.title {
            aliases.push(a.clone());
        }
    }
    aliases
}

/// The factor's comments that concern no single measure, as a `###` section of the goal's
/// body with `####` subsection headings and the source lines.
fn factor_notes(factor: &ImportedFactor, file: &str) -> String {
    let mut notes = String::new();
    if factor.comments.is_empty() {
        return notes;
    }
    notes.push_str(&format!("### {}\n\n", factor.title));
    let mut heading: Option<&str> = None;
    for c in &factor.comments {
        if c.heading.as_deref() != heading {
            heading = c.heading.as_deref();
            if let Some(h) = heading {
                notes.push_str(&format!("#### {h}\n\n"));
            }
        }
        if !c.text.is_empty() {
            notes.push_str(&c.text);
            notes.push_str("\n\n");
        }
    }
    notes.push_str(&format!(
        "*Källa: {}*\n\n",
        source_ref(
            file,
            factor.comments[0].first_line,
            factor.comments.last().map_or(0, |c| c.last_line)
        )
    ));
    notes
}

fn measure_def(m: &ImportedMeasure, file: &str, overrides: &Overrides) -> RawMeasure {
    // A share when its target or outcome is a percentage (`85 %`, `93%`); `Minska med 50%`
    // is a change, not the unit.
    let is_percent = |t: &str| t.trim_end().ends_with('%') && parse_number(t).is_ok();
    let percent = m.rows.iter().any(|r| {
        is_percent(r.target_value.as_deref().unwrap_or(&r.target)) || is_percent(&r.outcome)
    });
    RawMeasure {
        name: m.name.clone(),
        kind: text(m.kind.key()),
        organs: organ_ids(&m.organs),
        unit: percent.then(|| "%".to_string()),
        direction: measure_direction(m, overrides)
            .filter(|_| m.kind != MeasureKind::Aktivitet)
            .map(|d| text(d.key())),
        by_sex: m.rows.iter().any(|r| r.group != Group::Total),
        aliases: Vec::new(),
        source: source(file, m.first_line, m.last_line),
    }
}

/// The CSV rows; the comment goes on the first row, the one that says most.
fn result_rows(m: &ImportedMeasure, file: &str) -> Vec<ResultRow> {
    let comment = m
        .comments
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    m.rows
        .iter()
        .enumerate()
        .map(|(k, r)| ResultRow {
            group: r.group,
            target: r.target.clone(),
            target_value: r.target_value.clone().unwrap_or_default(),
            outcome: r.outcome.clone(),
            status: r.status,
            status_source: r.status_source,
            comment: if k == 0 {
                comment.clone()
            } else {
                String::new()
            },
            source: source_ref(file, r.line, r.last_line.max(r.line)),
            ..ResultRow::default()
        })
        .collect()
}

/// The introduction as Markdown: headings as `##`, the rest as paragraphs.
fn intro_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b.kind {
            BlockKind::Heading => out.push_str(&format!("## {}\n\n", b.text)),
            BlockKind::ListItem => out.push_str(&format!("- {}\n\n", strip_bullet(&b.text))),
            BlockKind::Paragraph => out.push_str(&format!("{}\n\n", b.text)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "000_dd116de8632fe0a7.txt";

    fn seed_text() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seeds")
            .join(SEED);
        fs::read_to_string(path).expect("the seed 000 beside the repository")
    }

    fn committed_overrides() -> Overrides {
        Overrides::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), SEED).unwrap()
    }

    fn parsed() -> FlatFollowUp {
        parse_flat(&seed_text(), SEED, &committed_overrides()).unwrap()
    }

    fn measure(f: &FlatFollowUp, first_line: usize) -> &ImportedMeasure {
        f.followup
            .measures()
            .find(|m| m.first_line == first_line)
            .unwrap_or_else(|| panic!("no measure row starts on line {first_line}"))
    }

    #[test]
    fn counts() {
        let f = parsed();
        let fu = &f.followup;
        assert_eq!(fu.perspectives.len(), 5);
        assert_eq!(fu.goals.len(), 6);
        let per_goal: Vec<usize> = fu.goals.iter().map(|g| g.factors.len()).collect();
        assert_eq!(per_goal, [6, 9, 6, 3, 4, 6]);
        assert_eq!(fu.factors().count(), 34);
        assert!(
            fu.factors()
                .all(|f| f.in_overview && f.heading_lines.len() == 1)
        );
        assert_eq!(fu.measures().count(), 107);
        let activities = fu
            .measures()
            .filter(|m| m.kind == MeasureKind::Aktivitet)
            .count();
        assert_eq!(activities, 17);
        let with_comment = fu.measures().filter(|m| !m.comments.is_empty()).count();
        let paragraphs: usize = fu.measures().map(|m| m.comments.len()).sum();
        let notes: usize = fu.factors().map(|f| f.comments.len()).sum();
        assert_eq!((with_comment, paragraphs, notes), (76, 173, 14));
        let by_sex = fu
            .measures()
            .filter(|m| m.rows.iter().any(|r| r.group != Group::Total))
            .count();
        assert_eq!(by_sex, 15);
    }

    #[test]
    fn report_metadata() {
        let f = parsed();
        assert_eq!(f.kind, ReportKind::Delarsrapport);
        assert_eq!(f.period.as_deref(), Some("2022-04"));
        assert_eq!(f.document_id.as_deref(), Some("lgekpl-4-1041"));
        assert_eq!(f.version.as_deref(), Some("0.19"));
        assert_eq!(f.followup.year, Some(2022));
        assert_eq!(
            f.followup.title,
            "Delårsrapport per april 2022 – Mål och måluppfyllelse"
        );
    }

    #[test]
    fn goals_with_organs_and_assessments() {
        let f = parsed();
        let goals: Vec<(&str, Vec<&str>, &str)> = f
            .followup
            .goals
            .iter()
            .map(|g| {
                (
                    g.title.as_str(),
                    g.organs.iter().map(String::as_str).collect(),
                    g.perspective.as_str(),
                )
            })
            .collect();
        assert_eq!(
            goals,
            [
                ("Ett livskraftigt län", vec!["RS", "RUN"], "samhalle"),
                (
                    "Trygg norrbottning med god livskvalitet",
                    vec!["RS", "RUN", "PN"],
                    "medborgare"
                ),
                (
                    "God, nära och samordnad vård",
                    vec!["RS", "PN"],
                    "verksamhet"
                ),
                (
                    "Behovsstyrd regional utveckling i samverkan",
                    vec!["RUN"],
                    "verksamhet"
                ),
                ("Hållbar kompetensförsörjning", vec!["RS"], "medarbetare"),
                (
                    "Långsiktig hållbar ekonomi",
                    vec!["RS", "RUN", "PN"],
                    "ekonomi"
                ),
            ]
        );
        // "samtliga sex strategiska mål delvis kommer att uppnås" (lines 148-150); each goal's
        // own sentence says so, two of them as "inte … i sin helhet".
        for g in &f.followup.goals {
            let a = g.assessment.as_ref().expect("an assessment");
            assert_eq!(a.status, Some(Status::DelvisUppnatt), "{}", a.sentence);
        }
        let trygg = &f.followup.goals[1].assessment.as_ref().unwrap();
        assert_eq!((trygg.first_line, trygg.last_line), (1206, 1251));
        assert!(
            trygg
                .paragraph
                .starts_with("Den samlade bedömningen är att det strategiska målet")
        );
        assert!(
            trygg.paragraph.ends_with("har ett positivt utfall."),
            "{}",
            trygg.paragraph
        );
    }

    #[test]
    fn factors_take_their_organs_from_the_overview() {
        let f = parsed();
        let beslut = &f.followup.goals[0].factors[5];
        assert_eq!(
            beslut.title,
            "Beslut på nationell och EU nivå ska vara gynnsamma för länet och organisationen"
        );
        assert_eq!(beslut.organs, ["RS", "RUN"]);
        assert_eq!(beslut.first_line, 968);
        let vard = &f.followup.goals[2].factors[2];
        assert_eq!(
            vard.title,
            "Ett hälsofrämjande och personcentrerat förhållningssätt där patientens kraft tas tillvara"
        );
        assert_eq!(vard.measures.len(), 7);
    }

    #[test]
    fn measure_rows_as_the_source_gives_them() {
        let f = parsed();
        let triage = measure(&f, 1276);
        assert_eq!(
            triage.name,
            "Antal slutförda triage totalt i länet på Digitalen"
        );
        assert_eq!(triage.organs, ["RS"]);
        assert_eq!(triage.rows.len(), 1);
        assert_eq!(
            (
                triage.rows[0].target.as_str(),
                triage.rows[0].outcome.as_str()
            ),
            ("43000", "18 464")
        );
        // A part-year count against an annual target gets no status.
        assert_eq!(triage.rows[0].status_source, None);

        // Name and organ on one line; row ends with the empty status cells' spaces.
        let visits = measure(&f, 559);
        assert_eq!(
            (visits.name.as_str(), visits.rows[0].target.as_str()),
            ("Antal företagsbesök", "150")
        );

        // Activity, target split over lines.
        let review = measure(&f, 4591);
        assert_eq!(review.kind, MeasureKind::Aktivitet);
        assert_eq!(review.name, "Översyn av regionens verksamhetsbidrag");
        assert_eq!(review.rows[0].target, "Översynen är genomförd");

        // Value split from its unit across lines, after a gap.
        let drugs = measure(&f, 4551);
        assert_eq!(drugs.rows[0].target, "Högst 300 kr/invånare");
        assert_eq!(drugs.rows[0].target_value.as_deref(), Some("300"));
        assert_eq!(drugs.rows[0].outcome, "79 kr/invånare");
        assert_eq!(drugs.rows[0].status, Some(Status::Uppnatt));
        assert_eq!(drugs.rows[0].status_source, Some(StatusSource::Text));

        // The header repeated after a page break (line 1361) is skipped.
        let op = measure(&f, 1375);
        let groups: Vec<(Group, &str)> = op
            .rows
            .iter()
            .map(|r| (r.group, r.outcome.as_str()))
            .collect();
        assert_eq!(groups, [(Group::Women, "43%"), (Group::Men, "49%")]);

        // A target per sex.
        let readmissions = measure(&f, 2845);
        let rows: Vec<(Group, Option<&str>, &str, Option<Status>)> = readmissions
            .rows
            .iter()
            .map(|r| {
                (
                    r.group,
                    r.target_value.as_deref(),
                    r.outcome.as_str(),
                    r.status,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (Group::Women, Some("16,0%"), "17 %", None),
                (Group::Men, Some("17,2%"), "16 %", Some(Status::Uppnatt)),
            ]
        );

        // Totals, sexes and a group the source leaves unnamed.
        let falls = measure(&f, 3023);
        let rows: Vec<(Group, &str)> = falls
            .rows
            .iter()
            .map(|r| (r.group, r.outcome.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (Group::Total, "Framgår ej: 2 Totalt: 80"),
                (Group::Women, "38"),
                (Group::Men, "40")
            ]
        );
        assert_eq!(falls.rows[0].target, "Minska med 50% jämfört med 2020");

        // Age groups per sex keep their labels.
        let talks = measure(&f, 1629);
        assert_eq!(
            talks.rows[1].outcome,
            "Kvinnor 40 år: 5% Kvinnor 50 år: 4% Kvinnor 60 år: 7%"
        );
        assert_eq!(talks.rows[0].outcome, "Snitt: ca 5%");
        assert_eq!(talks.rows[0].target_value.as_deref(), Some("35"));

        // Same name in two factors: two measures.
        let budgets: Vec<usize> = f
            .followup
            .measures()
            .filter(|m| m.name == "Budget hålls")
            .map(|m| m.first_line)
            .collect();
        assert_eq!(budgets, [4291, 4321]);
    }

    #[test]
    fn comments_are_attached_to_their_measure() {
        let f = parsed();
        let hsn = measure(&f, 2664);
        assert_eq!(hsn.comments[0].heading.as_deref(), Some("Patientnämnden"));
        assert!(hsn.comments[0].text.starts_with(
            "Antalet ärenden till patientnämnden som handlade om kommunikation är 64"
        ));
        assert_eq!(hsn.rows[0].status, Some(Status::EjUppnatt));
        // A heading wrapped over two lines is one heading.
        let broadband = measure(&f, 794);
        assert_eq!(
            broadband.comments[0].heading.as_deref(),
            Some("Andel invånare som tackat ja till bredbandserbjudande om 100 Mbit per sekund")
        );
        // A factor with one measure: its unheaded comment is the measure's.
        let culture_budget = measure(&f, 4291);
        assert!(
            culture_budget.comments[0]
                .text
                .starts_with("Samtliga kulturinstitutioner bedömer")
        );
        // A subsection about several measures stays with the factor.
        let first = &f.followup.goals[0].factors[0];
        assert_eq!(
            first.comments[0].heading.as_deref(),
            Some("Filialer och servicepunkter")
        );
    }

    #[test]
    fn splits_flattened_target_and_outcome() {
        let cases = [
            ("43000  18 464", "43000  18 464", "43000", "18 464"),
            (
                "Öka Filialer:",
                "Öka Filialer: 5397 besök Servicepunkter: 336 besök",
                "Öka",
                "Filialer: 5397 besök Servicepunkter: 336 besök",
            ),
            (
                "40% Nybesök:",
                "40% Nybesök: 1% Återbesök: 26%",
                "40%",
                "Nybesök: 1% Återbesök: 26%",
            ),
            (
                "35 % (helår) Kvinnor 40",
                "35 % (helår) Kvinnor 40 år: 5%",
                "35 % (helår)",
                "Kvinnor 40 år: 5%",
            ),
            (
                "Minska",
                "Minska med 50% jämfört med 2020 Kvinnor: 38",
                "Minska med 50% jämfört med 2020",
                "Kvinnor: 38",
            ),
            (
                "Öka",
                "Öka jämfört med 2021-12 72%",
                "Öka jämfört med 2021-12",
                "72%",
            ),
            (
                "Öka jmf",
                "Öka jmf motsvarande kvartal året innan",
                "Öka jmf motsvarande kvartal året innan",
                "",
            ),
            ("Under", "Under 6,5 %", "Under 6,5 %", ""),
            (
                "Minst en",
                "Minst en satsning per kommun",
                "Minst en satsning per kommun",
                "",
            ),
            (
                "Kvinnor:",
                "Kvinnor: 16,0% Män: 17,2% Kvinnor: 17 % Män: 16 %",
                "Kvinnor: 16,0% Män: 17,2%",
                "Kvinnor: 17 % Män: 16 %",
            ),
            ("250 st 228 st", "250 st 228 st", "250 st", "228 st"),
            ("2 planer", "2 planer", "2 planer", ""),
            ("0,0 +410 tkr", "0,0 +410 tkr", "0,0", "+410 tkr"),
            (
                "Regionen",
                "Regionen deltar i mat 2.0",
                "Regionen deltar i mat 2.0",
                "",
            ),
            ("Inte minska", "Inte minska", "Inte minska", ""),
            (
                "Minska  Kvinnor 19 %",
                "Minska Kvinnor 19 % Män 15 %",
                "Minska",
                "Kvinnor 19 % Män 15 %",
            ),
        ];
        for (first, values, target, outcome) in cases {
            assert_eq!(
                split_target(first, values),
                (target.to_string(), outcome.to_string()),
                "{values}"
            );
        }
    }

    #[test]
    fn splits_groups() {
        let g = |cell: &str| -> Vec<(Group, String)> { split_groups(cell) };
        assert_eq!(
            g("Kvinnor: 93% Män: 92%"),
            [(Group::Women, "93%".into()), (Group::Men, "92%".into())]
        );
        assert_eq!(
            g("Kvinnor 19 % Män 15 %"),
            [(Group::Women, "19 %".into()), (Group::Men, "15 %".into())]
        );
        assert_eq!(
            g("Totalt: 8,0% varav lång 45,9% och kort 54,1% Kvinnor: 8,7% Män: 5,4%"),
            [
                (Group::Total, "8,0% varav lång 45,9% och kort 54,1%".into()),
                (Group::Women, "8,7%".into()),
                (Group::Men, "5,4%".into())
            ]
        );
        assert_eq!(
            g("Nybesök: 1% Återbesök: 26%"),
            [(Group::Total, "Nybesök: 1% Återbesök: 26%".into())]
        );
        assert_eq!(g(""), []);
    }

    #[test]
    fn reads_statuses_from_the_prose() {
        assert_eq!(
            prose_status("Detta innebär att resandemålet inte är uppnått."),
            Some(Status::EjUppnatt)
        );
        assert_eq!(
            prose_status(
                "228 antibiotikarecept har förskrivits vilket når målet men är en försämring från föregående år."
            ),
            Some(Status::Uppnatt)
        );
        assert_eq!(
            prose_status(
                "Under första tertialen har 79 procent deltagit och det uppsatta målet är därmed nära att uppfyllas."
            ),
            None
        );
        assert_eq!(
            prose_status("Målet nås inte. Målet nås."),
            None,
            "contradicting sentences give none"
        );
        assert_eq!(
            goal_status(
                "Den samlade bedömningen är att det strategiska målet inte kommer att kunna uppnås i sin helhet under året."
            ),
            Some(Status::DelvisUppnatt)
        );
        assert_eq!(
            direction_of("Högst 300 kr/invånare"),
            Some(Direction::Lower)
        );
        assert_eq!(direction_of("100 %"), Some(Direction::Higher));
        assert_eq!(direction_of("70 %"), None);
    }

    #[test]
    fn computes_only_comparable_shares() {
        let f = parsed();
        // 100 % against shares of the period: computable (only "uppnått" without a baseline).
        let bup = measure(&f, 1393);
        assert!(
            bup.rows
                .iter()
                .all(|r| r.status_source == Some(StatusSource::Computed))
        );
        // A target without a number is not.
        let visits = measure(&f, 2702);
        assert_eq!(visits.rows[0].status_source, None);
        // Activities get no computed status.
        assert!(
            f.followup
                .measures()
                .filter(|m| m.kind == MeasureKind::Aktivitet)
                .all(|m| m
                    .rows
                    .iter()
                    .all(|r| r.status.is_none() && r.status_source.is_none()))
        );
    }

    #[test]
    fn overrides_may_not_change_the_source_text() {
        let mut o = committed_overrides();
        o.row[0].outcome = "579 besök".into();
        let errors = parse_flat(&seed_text(), SEED, &o).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.contains(":2258: the override's target and outcome")),
            "{errors:?}"
        );
        let mut o = committed_overrides();
        o.status[0].measure = 1;
        let errors = parse_flat(&seed_text(), SEED, &o).unwrap_err();
        assert_eq!(
            errors,
            [format!(
                "{SEED}:1: the [[status]] override names no measure row starting on this line"
            )]
        );
    }

    #[test]
    fn parses_a_small_document() {
        let text = "\
Samhälle \n\nPerspektivet Samhälle beskriver länet. \n\nStrategiskt mål  Framgångsfaktor \n\nEtt län \n\n(RS) \n\n Bra vägar (RS) \n\nEtt län \n\nDet strategiska målet bedöms vara delvis uppfyllt vid årets slut. \n\nEtt län \n\nFRAMGÅNGSFAKTOR: Bra vägar \nStyrmått Sty-\n\nrelse/ \n\nnämnd \n\nMål 2022 Periodens \n\nutfall \n\nMålupp-\n\nfyllelse  \n\nUtveckl-\n\ning  \n\nAntal nya vä-\n\ngar \n\nRS 12 3    \n\nAktivitet: Laga vägar RS Påbörja    \n\n\n\nAntal nya vägar \n\nTre vägar har byggts under perioden, vilket är färre än planerat men arbetet fortsätter. \n";
        let f = parse_flat(text, "x.txt", &Overrides::default()).unwrap();
        let g = &f.followup.goals[0];
        assert_eq!(
            (g.title.as_str(), g.organs.as_slice()),
            ("Ett län", &["RS".to_string()][..])
        );
        let ms: Vec<(&str, &str, &str)> = g.factors[0]
            .measures
            .iter()
            .map(|m| {
                (
                    m.name.as_str(),
                    m.rows[0].target.as_str(),
                    m.rows[0].outcome.as_str(),
                )
            })
            .collect();
        assert_eq!(
            ms,
            [
                ("Antal nya vägar", "12", "3"),
                ("Laga vägar", "Påbörja", "")
            ]
        );
        assert!(
            g.factors[0].measures[0].comments[0]
                .text
                .starts_with("Tre vägar")
        );
    }
}
