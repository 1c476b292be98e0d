//! Importer for goal follow-up appendices whose tables are TAB separated, such as the
//! *Måluppfyllelse i perspektiv* appendix of Årsredovisning 2020 (seed 002).
//!
//! This module owns reading such a document into perspectives → strategic goals (with their
//! responsible organs and overall assessment) → success factors → measures with one result row
//! per group (totalt, kvinnor, män), and writing that as content files in the README's format.
//! Text cleaning is `import::clean`'s job; this module only interprets the cleaned blocks.
//!
//! The document has three parts per perspective, and the parser follows them in order:
//!
//! 1. the perspective heading, followed by a paragraph `Perspektivet <name> …`;
//! 2. an overview table `Strategiskt mål ⇥ ⇥ Framgångsfaktor`: one row per goal with its
//!    organs `(RS, RUN)`, optionally its status glyph, and its first success factor; further
//!    factors on rows that start with two empty cells. This table is the canonical list of
//!    goals and factors;
//! 3. a heading per goal with the region's overall assessment (`Den samlade bedömningen …`),
//!    then one detail section per success factor: `Strategiskt mål: <goal>`, the factor
//!    heading in capitals (`FRAMGÅNGSFAKTOR: …`, once without the label, once on the same
//!    line as the goal) and a measure table `Styrmått ⇥ Styrelse/nämnd ⇥ K/M ⇥ Mål 2020 ⇥
//!    Måluppfyllelse ⇥ Utveckling`.
//!
//! Detail headings spell goals and factors differently from the overview ("God livskvalitet"
//! / "God livskvalité", "UTBILDNINGSPAKET" / "utbildningsutbud"), so they are matched to the
//! overview by word similarity; the variants become aliases. A detail section whose factor is
//! not in the overview becomes a factor of its own.
//!
//! Status and trend glyphs are decoded per column, because ▲ means *ej uppnått* as a status
//! but *förbättring* as a trend (legend at 002 lines 56–77).

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::{
    RawAssessment, RawFactor, RawGoal, RawMeasure, RawPerspective, RawPlan, RawReport,
};
use crate::import::clean::{Block, clean_document};
use crate::import::measures::{MeasureStore, ResultRow};
use crate::import::writer::{
    Files, organ_ids, plan_years, report_path, source, source_ref, spanned, text,
};
use crate::model::{Group, MeasureKind, ReportKind, Status, StatusSource, Trend, parse_number};
use crate::slug::slugify;

/// Longest id the writer makes from a name; longer slugs are cut at a word boundary.
pub const MAX_ID_LEN: usize = 60;

/// A parsed follow-up appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub source_file: String,
    /// The document's title, e.g. "Årsredovisning 2020 – Bilaga måluppfyllelse i perspektiv".
    pub title: String,
    /// The year of the target column (`Mål 2020`), the period the results belong to.
    pub year: Option<u16>,
    pub perspectives: Vec<ImportedPerspective>,
    /// All goals in source order.
    pub goals: Vec<ImportedGoal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedPerspective {
    pub id: String,
    pub name: String,
    pub description: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedGoal {
    /// The title as the overview table writes it.
    pub title: String,
    /// Other spellings used in headings of the same document.
    pub aliases: Vec<String>,
    /// Organ abbreviations as written, e.g. `["RS", "RUN"]`.
    pub organs: Vec<String>,
    /// Id of the perspective.
    pub perspective: String,
    /// The status glyph of the overview table, when it has one.
    pub table_status: Option<Status>,
    /// The overview table's row.
    pub table_line: usize,
    pub assessment: Option<ImportedAssessment>,
    pub factors: Vec<ImportedFactor>,
    pub first_line: usize,
    pub last_line: usize,
}

/// The region's overall assessment of a goal, in prose.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAssessment {
    /// The status the sentence states, if it states one.
    pub status: Option<Status>,
    /// The sentence that gives the assessment.
    pub sentence: String,
    /// The whole paragraph that holds it.
    pub paragraph: String,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFactor {
    pub title: String,
    pub organs: Vec<String>,
    /// Whether the overview table lists the factor; `false` for a factor that only has a
    /// detail section.
    pub in_overview: bool,
    pub measures: Vec<ImportedMeasure>,
    /// Lines of the detail headings (`FRAMGÅNGSFAKTOR: …`) of this factor.
    pub heading_lines: Vec<usize>,
    /// The region's comments under the factor that concern no single measure.
    pub comments: Vec<ImportedComment>,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedMeasure {
    /// The name without `Aktivitet:` and without footnote markers such as `[1]`.
    pub name: String,
    pub kind: MeasureKind,
    pub organs: Vec<String>,
    /// One row per group, in source order.
    pub rows: Vec<ImportedRow>,
    /// The region's comments on this measure (flattened tables, 000 style).
    pub comments: Vec<ImportedComment>,
    pub first_line: usize,
    pub last_line: usize,
}

/// One row of a measure table: one group's target, status and trend.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRow {
    pub line: usize,
    /// The last source line of the row (tables whose cells wrap over several lines).
    pub last_line: usize,
    pub group: Group,
    /// The target exactly as written.
    pub target: String,
    /// The number to compare with when `target` is not a plain number.
    pub target_value: Option<String>,
    /// The outcome exactly as written (flattened tables have an outcome column).
    pub outcome: String,
    /// Where `status` comes from when the table gives none (prose) or Insyn may compute it.
    pub status_source: Option<StatusSource>,
    pub status: Option<Status>,
    /// The status cell as written (a glyph, empty, or something else such as `Q3`).
    pub status_cell: String,
    pub trend: Option<Trend>,
    pub trend_cell: String,
}

impl Default for ImportedRow {
    fn default() -> Self {
        Self {
            line: 0,
            last_line: 0,
            group: Group::Total,
            target: String::new(),
            target_value: None,
            outcome: String::new(),
            status_source: None,
            status: None,
            status_cell: String::new(),
            trend: None,
            trend_cell: String::new(),
        }
    }
}

/// A comment subsection: an optional heading and its paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedComment {
    pub heading: Option<String>,
    /// Paragraphs separated by an empty line.
    pub text: String,
    pub first_line: usize,
    pub last_line: usize,
}

impl FollowUp {
    pub fn factors(&self) -> impl Iterator<Item = &ImportedFactor> {
        self.goals.iter().flat_map(|g| &g.factors)
    }

    pub fn measures(&self) -> impl Iterator<Item = &ImportedMeasure> {
        self.factors().flat_map(|f| &f.measures)
    }
}

// ---------------------------------------------------------------------------------------------
// Glyphs
// ---------------------------------------------------------------------------------------------

/// Decodes a Måluppfyllelse cell. Activities use the same shapes with their own meaning.
pub fn decode_status(cell: &str, activity: bool) -> Option<Status> {
    let status = match (cell.trim(), activity) {
        ("■", false) => Status::Uppnatt,
        ("●", false) => Status::DelvisUppnatt,
        ("▲", false) => Status::EjUppnatt,
        ("■", true) => Status::Slutford,
        ("●", true) => Status::Paborjad,
        ("▲", true) => Status::EjPaborjad,
        // ◊ is used once (002 line 1348) where the legend has ◆.
        ("◆" | "◊", _) => Status::BedomsEj,
        _ => return None,
    };
    Some(status)
}

/// Decodes an Utveckling cell: the tables use arrows, the legend triangles.
pub fn decode_trend(cell: &str) -> Option<Trend> {
    match cell.trim() {
        "↑" | "▲" => Some(Trend::Forbattring),
        "→" | "➔" | "▶" => Some(Trend::Oforandrat),
        "↓" | "▼" => Some(Trend::Forsamring),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Where in a perspective's three parts the parser is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Intro,
    Overview,
    Summary,
    Details,
}

/// Column positions of a measure table, found from its header.
#[derive(Debug, Clone, Copy)]
struct Columns {
    organ: usize,
    sex: Option<usize>,
    target: usize,
    status: usize,
    trend: usize,
}

struct Parser<'a> {
    file: &'a str,
    out: FollowUp,
    errors: Vec<String>,
    phase: Phase,
    /// Index of the current goal in `out.goals`.
    goal: Option<usize>,
    /// Index of the current factor in the current goal.
    factor: Option<usize>,
    /// The block after `Strategiskt mål:` names the factor, with or without its label.
    expect_factor: bool,
    table: Option<Columns>,
    /// The goal whose assessment heading was seen last (summary part).
    summary_goal: Option<usize>,
}

/// Parses a follow-up appendix. Returns every problem found, each as `FILE:LINE: message`.
pub fn parse_followup(text: &str, source_file: &str) -> Result<FollowUp, Vec<String>> {
    let doc = clean_document(text);
    let mut p = Parser {
        file: source_file,
        out: FollowUp {
            source_file: source_file.to_string(),
            title: document_title(&doc.blocks),
            year: None,
            perspectives: Vec::new(),
            goals: Vec::new(),
        },
        errors: Vec::new(),
        phase: Phase::Intro,
        goal: None,
        factor: None,
        expect_factor: false,
        table: None,
        summary_goal: None,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        p.block(block, doc.blocks.get(i + 1));
    }
    p.finish()
}

/// The first heading, plus the second when it is a subtitle (`Bilaga …`).
fn document_title(blocks: &[Block]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for b in blocks.iter().take(2) {
        if b.text.contains('\t') || parts.contains(&b.text.as_str()) {
            break;
        }
        parts.push(&b.text);
    }
    parts.join(" – ")
}

impl Parser<'_> {
    fn error(&mut self, line: usize, message: impl AsRef<str>) {
        self.errors
            .push(format!("{}:{line}: {}", self.file, message.as_ref()));
    }

    fn finish(mut self) -> Result<FollowUp, Vec<String>> {
        if self.out.goals.is_empty() {
            self.error(
                1,
                "no overview table `Strategiskt mål ⇥ ⇥ Framgångsfaktor` found",
            );
        }
        if self.errors.is_empty() {
            Ok(self.out)
        } else {
            Err(self.errors)
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        // Trailing TABs are empty cells (002 line 267), so only spaces are trimmed.
        let text = block.text.trim_end_matches(' ');
        if text.contains('\t') {
            let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
            self.table_row(block, &cells);
            return;
        }
        self.table = None;
        if self.phase == Phase::Overview {
            self.phase = Phase::Summary;
        }
        let text = text.trim();
        if let Some(next) = next
            && next.text.starts_with(&format!("Perspektivet {text} "))
        {
            self.out.perspectives.push(ImportedPerspective {
                id: slugify(text),
                name: text.to_string(),
                description: next.text.trim().to_string(),
                line: block.first_line,
            });
            self.phase = Phase::Intro;
            self.goal = None;
            self.factor = None;
            self.summary_goal = None;
            return;
        }
        if let Some(rest) = text.strip_prefix("Strategiskt mål:") {
            self.phase = Phase::Details;
            // 002 line 1324 has the goal and its factor on one line.
            let (goal, factor) = match rest.split_once("FRAMGÅNGSFAKTOR:") {
                Some((goal, factor)) => (goal.trim(), Some(factor.trim())),
                None => (rest.trim(), None),
            };
            self.detail_goal(goal, block);
            match factor {
                Some(factor) => self.detail_factor(factor, block),
                None => self.expect_factor = true,
            }
            return;
        }
        if self.expect_factor || text.starts_with("FRAMGÅNGSFAKTOR:") {
            self.expect_factor = false;
            let title = text.strip_prefix("FRAMGÅNGSFAKTOR:").unwrap_or(text).trim();
            self.detail_factor(title, block);
            return;
        }
        if self.phase == Phase::Summary {
            self.summary_block(text, block);
        }
    }

    /// The goals of the current perspective, as (index, title) pairs.
    fn perspective_goals(&self) -> Vec<(usize, String)> {
        let Some(perspective) = self.out.perspectives.last() else {
            return Vec::new();
        };
        self.out
            .goals
            .iter()
            .enumerate()
            .filter(|(_, g)| g.perspective == perspective.id)
            .flat_map(|(i, g)| {
                std::iter::once((i, g.title.clone()))
                    .chain(g.aliases.iter().map(move |a| (i, a.clone())))
            })
            .collect()
    }

    fn touch_goal(&mut self, goal: usize, last_line: usize) {
        let g = &mut self.out.goals[goal];
        g.last_line = g.last_line.max(last_line);
    }

    fn add_alias(&mut self, goal: usize, title: &str) {
        let g = &mut self.out.goals[goal];
        if g.title != title && !g.aliases.iter().any(|a| a == title) {
            g.aliases.push(title.to_string());
        }
    }

    fn summary_block(&mut self, text: &str, block: &Block) {
        // A goal heading is short and no sentence; the paragraph under it holds the assessment.
        let is_heading = text.chars().count() <= 150 && !text.ends_with('.');
        if is_heading {
            if let Some(goal) = best_match(&self.perspective_goals(), text) {
                self.summary_goal = Some(goal);
                self.add_alias(goal, text);
                self.touch_goal(goal, block.last_line);
            }
            return;
        }
        let Some(goal) = self.summary_goal else {
            return;
        };
        if self.out.goals[goal].assessment.is_some() {
            return;
        }
        let Some(sentence) = sentences(text)
            .into_iter()
            .find(|s| s.to_lowercase().contains("bedömning"))
        else {
            return;
        };
        self.out.goals[goal].assessment = Some(ImportedAssessment {
            status: assessment_status(sentence),
            sentence: sentence.to_string(),
            paragraph: text.to_string(),
            first_line: block.first_line,
            last_line: block.last_line,
        });
        self.touch_goal(goal, block.last_line);
    }

    fn detail_goal(&mut self, title: &str, block: &Block) {
        self.factor = None;
        self.table = None;
        match best_match(&self.perspective_goals(), title) {
            Some(goal) => {
                self.goal = Some(goal);
                self.add_alias(goal, title);
                self.touch_goal(goal, block.last_line);
            }
            None => {
                self.goal = None;
                self.error(
                    block.first_line,
                    format!("`Strategiskt mål: {title}` matches no goal of the perspective's overview table"),
                );
            }
        }
    }

    fn detail_factor(&mut self, heading: &str, block: &Block) {
        let Some(goal) = self.goal else {
            return;
        };
        let candidates: Vec<(usize, String)> = self.out.goals[goal]
            .factors
            .iter()
            .enumerate()
            .map(|(i, f)| (i, f.title.clone()))
            .collect();
        let factor = match best_match(&candidates, heading) {
            Some(i) => i,
            None => {
                // A section the overview does not list: keep it, under its own heading.
                let factors = &mut self.out.goals[goal].factors;
                factors.push(ImportedFactor {
                    title: sentence_case(heading),
                    organs: Vec::new(),
                    in_overview: false,
                    measures: Vec::new(),
                    heading_lines: Vec::new(),
                    comments: Vec::new(),
                    first_line: block.first_line,
                    last_line: block.last_line,
                });
                factors.len() - 1
            }
        };
        let f = &mut self.out.goals[goal].factors[factor];
        f.heading_lines.push(block.first_line);
        f.last_line = f.last_line.max(block.last_line);
        self.factor = Some(factor);
        self.touch_goal(goal, block.last_line);
    }

    fn table_row(&mut self, block: &Block, cells: &[&str]) {
        if let Some(columns) = self.table {
            self.measure_row(block, cells, columns);
            return;
        }
        match self.phase {
            _ if cells.first() == Some(&"Strategiskt mål") && !self.out.perspectives.is_empty() => {
                self.phase = Phase::Overview;
            }
            Phase::Overview => self.overview_row(block, cells),
            Phase::Details if normalize_header(cells[0]) == "styrmått" => {
                self.measure_header(block, cells)
            }
            _ => {}
        }
    }

    fn overview_row(&mut self, block: &Block, cells: &[&str]) {
        if is_rule_row(cells) {
            return;
        }
        let line = block.first_line;
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        if !cell(0).is_empty() {
            let (title, organs) = split_organs(cell(0));
            let perspective = self
                .out
                .perspectives
                .last()
                .map(|p| p.id.clone())
                .unwrap_or_default();
            self.out.goals.push(ImportedGoal {
                title: title.to_string(),
                aliases: Vec::new(),
                organs,
                perspective,
                table_status: decode_status(cell(1), false),
                table_line: line,
                assessment: None,
                factors: Vec::new(),
                first_line: line,
                last_line: line,
            });
        }
        let Some(goal) = self.out.goals.last_mut() else {
            self.error(
                line,
                "a success factor before the first goal of the overview table",
            );
            return;
        };
        if cell(2).is_empty() {
            return;
        }
        let (title, organs) = split_organs(cell(2));
        goal.last_line = goal.last_line.max(line);
        goal.factors.push(ImportedFactor {
            title: title.to_string(),
            organs,
            in_overview: true,
            measures: Vec::new(),
            heading_lines: Vec::new(),
            comments: Vec::new(),
            first_line: line,
            last_line: line,
        });
    }

    fn measure_header(&mut self, block: &Block, cells: &[&str]) {
        let line = block.first_line;
        if self.goal.is_none() || self.factor.is_none() {
            self.error(line, "a measure table outside a success factor's section");
            return;
        }
        let (mut organ, mut sex, mut target, mut status, mut trend) =
            (None, None, None, None, None);
        for (i, cell) in cells.iter().enumerate().skip(1) {
            let h = normalize_header(cell);
            // The spelling varies: `Styrrelse/nämnd`, `K/ M`, `Måltuppfyllelse`, `Mål-uppfyllelse`.
            if h.contains("nämnd") {
                organ = Some(i);
            } else if h.starts_with("k/") {
                sex = Some(i);
            } else if h.contains("uppfyllelse") {
                status = Some(i);
            } else if h == "utveckling" {
                trend = Some(i);
            } else if let Some(year) = h.strip_prefix("mål").and_then(|y| y.parse::<u16>().ok()) {
                target = Some(i);
                self.out.year.get_or_insert(year);
            } else if !h.is_empty() {
                self.error(line, format!("unknown column `{cell}` in a measure table"));
            }
        }
        match (organ, target, status, trend) {
            (Some(organ), Some(target), Some(status), Some(trend)) => {
                self.table = Some(Columns {
                    organ,
                    sex,
                    target,
                    status,
                    trend,
                })
            }
            _ => self.error(
                line,
                "a measure table needs the columns Styrelse/nämnd, Mål <år>, Måluppfyllelse and Utveckling",
            ),
        }
    }

    fn measure_row(&mut self, block: &Block, cells: &[&str], columns: Columns) {
        if is_rule_row(cells) {
            return;
        }
        let line = block.first_line;
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let (Some(goal), Some(factor)) = (self.goal, self.factor) else {
            return;
        };
        let name = cell(0);
        let organ = cell(columns.organ);
        let sex = columns.sex.map_or("", cell);
        let group = match sex {
            "" => Group::Total,
            "K" => Group::Women,
            "M" => Group::Men,
            other => {
                self.error(line, format!("unknown K/M value `{other}`"));
                return;
            }
        };
        let values_empty = [
            sex,
            cell(columns.target),
            cell(columns.status),
            cell(columns.trend),
        ]
        .iter()
        .all(|c| c.is_empty());
        let measures = &mut self.out.goals[goal].factors[factor].measures;
        let previous = measures.last_mut();
        // A name cut by a page break continues on a row of its own (002 line 267) or on the
        // second row of a sex split (line 902); a new measure always names its organ.
        let continues_name =
            !name.is_empty() && organ.is_empty() && (values_empty || starts_lowercase(name));
        let measure = match previous {
            Some(m) if name.is_empty() || continues_name => {
                if continues_name {
                    m.name = format!("{} {}", m.name, strip_footnote_markers(name));
                }
                m
            }
            _ if name.is_empty() || continues_name => {
                self.error(line, "a continuation row without a measure above it");
                return;
            }
            _ => {
                let (kind, name) = match name.strip_prefix("Aktivitet:") {
                    Some(rest) => (MeasureKind::Aktivitet, rest.trim()),
                    None => (MeasureKind::Styrmatt, name),
                };
                measures.push(ImportedMeasure {
                    name: strip_footnote_markers(name),
                    kind,
                    organs: vec![organ.to_string()],
                    rows: Vec::new(),
                    comments: Vec::new(),
                    first_line: line,
                    last_line: line,
                });
                let index = measures.len() - 1;
                &mut measures[index]
            }
        };
        measure.last_line = line;
        // A row that only continues a name adds no result; a measure's own row always does,
        // even when the table leaves all its cells empty (002 lines 1478, 1558).
        if continues_name && values_empty {
            return;
        }
        let activity = measure.kind == MeasureKind::Aktivitet;
        let duplicate = measure.rows.iter().any(|r| r.group == group);
        let status_cell = cell(columns.status).to_string();
        let trend_cell = cell(columns.trend).to_string();
        measure.rows.push(ImportedRow {
            line,
            group,
            target: cell(columns.target).to_string(),
            status: decode_status(&status_cell, activity),
            status_cell,
            trend: decode_trend(&trend_cell),
            trend_cell,
            last_line: line,
            ..ImportedRow::default()
        });
        self.touch_goal(goal, line);
        let f = &mut self.out.goals[goal].factors[factor];
        f.last_line = f.last_line.max(line);
        if duplicate {
            self.error(line, format!("a second row for group {}", group.key()));
        }
    }
}

/// `---⇥--⇥--`: rule lines left over from the PDF's table borders.
fn is_rule_row(cells: &[&str]) -> bool {
    cells.iter().any(|c| !c.is_empty()) && cells.iter().all(|c| c.chars().all(|ch| ch == '-'))
}

/// Lower case without spaces and hyphens, so `K/ M` and `Mål-uppfyllelse` compare equal.
fn normalize_header(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// `Hållbart nyttjande av resurser (RS, RUN)` → (`Hållbart nyttjande av resurser`, [RS, RUN]).
pub(crate) fn split_organs(cell: &str) -> (&str, Vec<String>) {
    let cell = cell.trim();
    if let Some(inner) = cell.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let organs: Vec<String> = inner[open + 1..]
            .split(',')
            .map(|o| o.trim().to_string())
            .collect();
        let all_abbreviations = organs
            .iter()
            .all(|o| (2..=4).contains(&o.len()) && o.chars().all(|c| c.is_ascii_uppercase()));
        if all_abbreviations {
            return (inner[..open].trim_end(), organs);
        }
    }
    (cell, Vec::new())
}

/// Footnote references such as `personbilsparken[1]` lost their footnotes in extraction.
fn strip_footnote_markers(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if close > 0 && after[..close].chars().all(|c| c.is_ascii_digit()) => {
                out.push_str(&rest[..open]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// `MINSKNING AV KLIMATPÅVERKANDE UTSLÄPP` → `Minskning av klimatpåverkande utsläpp`.
fn sentence_case(heading: &str) -> String {
    let lower = heading.trim().to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Splits a paragraph into sentences at `.`, `!` or `?` before a space and a capital.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(i, end), (_, space), (_, next)] = [w[0], w[1], w[2]];
        if matches!(end, '.' | '!' | '?') && space == ' ' && next.is_uppercase() {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// Reads the status out of the region's own wording: "målet är delvis uppnått", "inte är
/// uppfyllt", "Det är inte möjligt att göra en bedömning", "uppnås år 2020".
pub(crate) fn assessment_status(sentence: &str) -> Option<Status> {
    let s = sentence.to_lowercase();
    let status = if s.contains("inte möjligt") || s.contains("inte kunnat bedömas") {
        Status::BedomsEj
    } else if s.contains("delvis") {
        Status::DelvisUppnatt
    } else if s.contains("inte") || s.contains(" ej ") {
        Status::EjUppnatt
    } else if s.contains("uppnå") || s.contains("uppfyll") {
        Status::Uppnatt
    } else {
        return None;
    };
    Some(status)
}

/// Words of a title for matching: lower case, letters and digits only (`BESLUTS-PROCESSER`
/// and `beslutsprocesser` agree, as do `SAMHÄLLET'S` and `samhällets`).
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '/')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Two words agree when one is a prefix of the other (`egenavgift`/`egenavgifter`) or they
/// share a long stem (`livskvalitet`/`livskvalité`, `utbildningspaket`/`utbildningsutbud`).
fn words_agree(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    a == b || (common == shorter && shorter >= 5) || common >= 8
}

/// Share of agreeing words, relative to the longer title.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0.0;
    }
    let mut used = vec![false; b.len()];
    let mut agreeing = 0;
    for w in &a {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && words_agree(w, &b[j])) {
            used[j] = true;
            agreeing += 1;
        }
    }
    agreeing as f64 / longer as f64
}

/// The candidate most similar to `query`, if more than half of the words agree.
pub(crate) fn best_match(candidates: &[(usize, String)], query: &str) -> Option<usize> {
    const THRESHOLD: f64 = 0.5;
    candidates
        .iter()
        .map(|(i, title)| (*i, similarity(title, query)))
        .filter(|(_, score)| *score > THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// A slug of at most [`MAX_ID_LEN`] characters, cut after a whole word.
pub fn short_id(name: &str) -> String {
    let slug = slugify(name);
    if slug.len() <= MAX_ID_LEN {
        return slug;
    }
    let cut = slug[..=MAX_ID_LEN].rfind('-').unwrap_or(MAX_ID_LEN);
    slug[..cut].trim_end_matches('-').to_string()
}

/// `short_id(name)`, or with `-2`, `-3`, … when it is taken.
pub(crate) fn unique_id(name: &str, taken: &mut HashSet<String>) -> String {
    let base = short_id(name);
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The number to compare with when the target names the group: `K40`, `M 17,2`,
/// `K: 65 % M:65 %` give 40, 17,2 and 65 for that group's row. Plain numbers need none.
fn group_target_value(target: &str, group: Group) -> Option<String> {
    let marker = match group {
        Group::Women => 'K',
        Group::Men => 'M',
        Group::Total => return None,
    };
    let start = target.find(['K', 'M'])?;
    // Only targets that start with a group marker: `2018 K: 55 %` is a value of another year.
    if !target[..start].trim().is_empty() {
        return None;
    }
    let mut rest = target;
    while let Some(pos) = rest.find(marker) {
        let after = rest[pos + 1..].trim_start_matches(':').trim_start();
        let end = after.find(['K', 'M']).unwrap_or(after.len());
        let value = after[..end].trim();
        if parse_number(value).is_ok() {
            return Some(value.to_string());
        }
        rest = &rest[pos + 1..];
    }
    None
}

/// Writes the follow-up as content files below `content_dir`: `planer/<plan_id>/_index.md`
/// (perspectives), one file per goal (assessment and factors listing measure ids in source
/// order), `matt/<id>.md` + `.csv` per measure (one CSV row per group, for `report_id`), and
/// `rapporter/<report_id>.md` unless that report exists. The plan's files are this source's
/// and are rewritten; measures go through [`MeasureStore::merge`], so a measure that another
/// report already has keeps its file and gets this report's rows. Re-importing is
/// idempotent. Returns the written paths.
pub fn write_followup(
    f: &FollowUp,
    content_dir: &Path,
    plan_id: &str,
    report_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let invalid = |msg: String| io::Error::new(io::ErrorKind::InvalidInput, msg);
    let (start, end) = plan_years(plan_id)
        .ok_or_else(|| invalid(format!("plan id `{plan_id}` is not YYYY or YYYY-YYYY")))?;
    let period = f
        .year
        .ok_or_else(|| invalid("the follow-up has no year (`Mål YYYY` column)".into()))?
        .to_string();
    let mut files = Files::default();
    files.plan(content_dir, plan_id, &plan_record(f, start, end), "")?;
    let mut goal_ids = HashSet::new();
    // A measure another report already has gets this report's rows, not a second file.
    let mut store = MeasureStore::load(content_dir)?;
    for (order, goal) in f.goals.iter().enumerate() {
        let mut factor_ids = HashSet::new();
        let mut factors = Vec::new();
        for factor in &goal.factors {
            let id = unique_id(&factor.title, &mut factor_ids);
            factors.push(factor_record(
                f, factor, id, &mut store, &mut files, report_id,
            )?);
        }
        let record = RawGoal {
            title: goal.title.clone(),
            perspective: text(&goal.perspective),
            order: Some(order as u32 + 1),
            organs: organ_ids(&goal.organs),
            aliases: goal.aliases.clone(),
            predecessor: None,
            source: source(&f.source_file, goal.first_line, goal.last_line),
            assessments: assessment_record(goal, report_id, &f.source_file)
                .into_iter()
                .collect(),
            factors,
        };
        let body = goal
            .assessment
            .as_ref()
            .map_or("", |a| a.paragraph.as_str());
        let id = unique_id(&goal.title, &mut goal_ids);
        files.goal(content_dir, plan_id, &id, &record, body)?;
    }
    if !report_path(content_dir, report_id).exists() {
        let report = RawReport {
            title: f.title.clone(),
            kind: text(ReportKind::Arsredovisning.key()),
            period: text(period),
            date: None,
            document_id: None,
            version: None,
            organ: None,
            source: Some(text(&f.source_file)),
            key_figures: Vec::new(),
            tables: Vec::new(),
        };
        files.report(content_dir, report_id, &report, "")?;
    }
    files.write()
}

/// The plan's title, years, source and perspectives.
fn plan_record(f: &FollowUp, start: u16, end: u16) -> RawPlan {
    let file = f.source_file.as_str();
    let last_line = f.goals.iter().map(|g| g.last_line).max().unwrap_or(1);
    let first_line = f.perspectives.first().map_or(1, |p| p.line);
    let title = if start == end {
        format!("Strategiska mål {start}")
    } else {
        format!("Strategisk plan {start}–{end}")
    };
    RawPlan {
        title,
        start: spanned(start),
        end: spanned(end),
        vision: None,
        document: None,
        source: source(file, first_line, last_line),
        perspectives: f
            .perspectives
            .iter()
            .map(|p| RawPerspective {
                id: text(&p.id),
                name: p.name.clone(),
                description: p.description.clone(),
                source: source(file, p.line, p.line + 2),
            })
            .collect(),
        assignments: Vec::new(),
    }
}

/// A factor with the ids of its measures, whose files are merged into `files`.
fn factor_record(
    f: &FollowUp,
    factor: &ImportedFactor,
    id: String,
    store: &mut MeasureStore,
    files: &mut Files,
    report_id: &str,
) -> io::Result<RawFactor> {
    let mut ids = Vec::new();
    for m in &factor.measures {
        let (id, measure_files) = store.merge(&measure_def(f, m), report_id, &result_rows(f, m))?;
        files.extend(measure_files);
        ids.push(text(id));
    }
    Ok(RawFactor {
        id: text(id),
        title: factor.title.clone(),
        organs: organ_ids(&factor.organs),
        measures: ids,
        source: source(&f.source_file, factor.first_line, factor.last_line),
    })
}

/// The goal's assessment: the overview table's glyph when there is one, else the status the
/// prose states; the prose sentence is kept as the text either way.
fn assessment_record(goal: &ImportedGoal, report: &str, file: &str) -> Option<RawAssessment> {
    let prose = goal.assessment.as_ref();
    let (status, status_source) = match (goal.table_status, prose.and_then(|a| a.status)) {
        (Some(status), _) => (status, StatusSource::Table),
        (None, Some(status)) => (status, StatusSource::Text),
        (None, None) => return None,
    };
    let mut lines = Vec::new();
    if goal.table_status.is_some() {
        lines.push(goal.table_line);
    }
    if let Some(a) = prose {
        lines.extend([a.first_line, a.last_line]);
    }
    let first = lines.iter().copied().min().unwrap_or(goal.table_line);
    let last = lines.iter().copied().max().unwrap_or(goal.table_line);
    Some(RawAssessment {
        report: text(report),
        status: text(status.key()),
        status_source: text(status_source.key()),
        text: prose.map_or(String::new(), |a| a.sentence.clone()),
        source: source(file, first, last),
    })
}

/// The measure as this report defines it.
fn measure_def(f: &FollowUp, m: &ImportedMeasure) -> RawMeasure {
    RawMeasure {
        name: m.name.clone(),
        kind: text(m.kind.key()),
        organs: organ_ids(&m.organs),
        unit: None,
        direction: None,
        by_sex: m.rows.iter().any(|r| r.group != Group::Total),
        aliases: Vec::new(),
        source: source(&f.source_file, m.first_line, m.last_line),
    }
}

/// One result row per group. 002 has no outcome column; cells that are neither empty, `-`
/// nor a glyph are kept as a comment, not dropped.
fn result_rows(f: &FollowUp, m: &ImportedMeasure) -> Vec<ResultRow> {
    m.rows
        .iter()
        .map(|row| {
            let target_value = if parse_number(&row.target).is_ok() {
                None
            } else {
                group_target_value(&row.target, row.group)
            };
            let mut comments = Vec::new();
            if row.status.is_none() && !matches!(row.status_cell.as_str(), "" | "-") {
                comments.push(format!(
                    "Måluppfyllelse enligt tabellen: {}",
                    row.status_cell
                ));
            }
            if row.trend.is_none() && !matches!(row.trend_cell.as_str(), "" | "-") {
                comments.push(format!("Utveckling enligt tabellen: {}", row.trend_cell));
            }
            ResultRow {
                group: row.group,
                target: row.target.clone(),
                target_value: target_value.unwrap_or_default(),
                status: row.status,
                status_source: row.status.map(|_| StatusSource::Table),
                trend: row.trend,
                comment: comments.join(" "),
                source: source_ref(&f.source_file, row.line, row.line),
                ..ResultRow::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const SEED_002: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seeds/002_82d993171a0ee6f8.txt"
    ));
    const FILE: &str = "002_82d993171a0ee6f8.txt";

    fn parsed() -> FollowUp {
        parse_followup(SEED_002, FILE).unwrap_or_else(|e| panic!("{}", e.join("\n")))
    }

    fn goal<'a>(f: &'a FollowUp, title: &str) -> &'a ImportedGoal {
        f.goals
            .iter()
            .find(|g| g.title == title)
            .unwrap_or_else(|| panic!("no goal {title}"))
    }

    /// The measure whose first row is on `line`.
    fn measure_at(f: &FollowUp, line: usize) -> &ImportedMeasure {
        f.measures()
            .find(|m| m.first_line == line)
            .unwrap_or_else(|| panic!("no measure on line {line}"))
    }

    fn row_at(f: &FollowUp, line: usize) -> &ImportedRow {
        f.measures()
            .flat_map(|m| &m.rows)
            .find(|r| r.line == line)
            .unwrap_or_else(|| panic!("no row on line {line}"))
    }

    fn count<T>(items: impl Iterator<Item = T>, pred: impl Fn(&T) -> bool) -> usize {
        items.filter(|x| pred(x)).count()
    }

    #[test]
    fn counts_of_002() {
        let f = parsed();
        assert_eq!(
            f.title,
            "Årsredovisning 2020 – Bilaga måluppfyllelse i perspektiv"
        );
        assert_eq!(f.year, Some(2020));
        let names: Vec<&str> = f.perspectives.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Samhälle",
                "Medborgare",
                "Verksamhet",
                "Medarbetare",
                "Ekonomi"
            ]
        );
        // Four goals in each perspective's overview table (lines 86–99, 579–587, 931–941,
        // 1260–1266, 1410–1418).
        assert_eq!(f.goals.len(), 20);
        for p in &f.perspectives {
            assert_eq!(
                count(f.goals.iter(), |g| g.perspective == p.id),
                4,
                "{}",
                p.id
            );
        }
        // Factors: the overview tables list 14 + 9 + 11 + 7 + 8 = 49. The detail part has 50
        // sections: 49 lines with `FRAMGÅNGSFAKTOR:` (`grep -c`), one of them on the goal's
        // line (1324), plus line 119 without the label. 49 of them match an overview factor;
        // `EFFEKTIVA PROCESSER` (line 1554) does not and becomes a factor of its own.
        assert_eq!(f.factors().count(), 50);
        assert_eq!(count(f.factors(), |x| x.in_overview), 49);
        assert!(f.factors().all(|x| x.heading_lines.len() == 1));
        // Measure tables: 49 header lines `Styrmått⇥…`; every section has one except line
        // 119's, which has only prose.
        assert_eq!(count(f.factors(), |x| !x.measures.is_empty()), 49);
        let without: Vec<&str> = f
            .factors()
            .filter(|x| x.measures.is_empty())
            .map(|x| x.title.as_str())
            .collect();
        assert_eq!(
            without,
            ["Miljö och hållbarhetskonsekvenser är inkluderade i alla beslutsprocesser"]
        );
        // Rows, counted with awk over the tables (a table runs from its header to the next
        // non-empty line without a TAB): 117 result rows = 99 rows naming a measure (17 of
        // them `Aktivitet:`) + 17 rows starting with two empty cells (the men's row of a
        // sex split) + line 902 (the men's row of line 900, whose name a page break cut).
        // Not rows: line 267 (rest of line 265's name) and the rule line 268.
        assert_eq!(f.measures().count(), 99);
        assert_eq!(
            count(f.measures(), |m| m.kind == MeasureKind::Aktivitet),
            17
        );
        let rows: Vec<&ImportedRow> = f.measures().flat_map(|m| &m.rows).collect();
        assert_eq!(rows.len(), 117);
        assert_eq!(count(rows.iter(), |r| r.group == Group::Total), 81);
        assert_eq!(count(rows.iter(), |r| r.group == Group::Women), 18);
        assert_eq!(count(rows.iter(), |r| r.group == Group::Men), 18);
        // Måluppfyllelse over all rows: ■ 3, ▲ 9, ● 1 (an activity), ◊ 1, `Q3` 2, empty 101.
        let statuses: Vec<Status> = rows.iter().filter_map(|r| r.status).collect();
        assert_eq!(statuses.len(), 14);
        assert_eq!(count(statuses.iter(), |s| **s == Status::Uppnatt), 3);
        assert_eq!(count(statuses.iter(), |s| **s == Status::EjUppnatt), 9);
        assert_eq!(count(statuses.iter(), |s| **s == Status::Paborjad), 1);
        assert_eq!(count(statuses.iter(), |s| **s == Status::BedomsEj), 1);
        assert_eq!(count(rows.iter(), |r| r.status_cell == "Q3"), 2);
        // Utveckling: ↑ 29, ↓ 9 + ▼ 2, → 3 + ➔ 1, `-` 10, empty 63.
        let trends: Vec<Trend> = rows.iter().filter_map(|r| r.trend).collect();
        assert_eq!(count(trends.iter(), |t| **t == Trend::Forbattring), 29);
        assert_eq!(count(trends.iter(), |t| **t == Trend::Forsamring), 11);
        assert_eq!(count(trends.iter(), |t| **t == Trend::Oforandrat), 4);
        assert_eq!(count(rows.iter(), |r| r.trend_cell == "-"), 10);
    }

    #[test]
    fn goal_assessments_match_the_summary_of_line_79() {
        // "två av de 20 strategiska målen helt har uppnåtts, 15 har delvis uppnåtts, två har
        // inte uppnåtts och ett mål har inte kunnat bedömas."
        let f = parsed();
        let statuses: Vec<Status> = f
            .goals
            .iter()
            .map(|g| {
                g.assessment
                    .as_ref()
                    .and_then(|a| a.status)
                    .expect("assessed")
            })
            .collect();
        assert_eq!(count(statuses.iter(), |s| **s == Status::Uppnatt), 2);
        assert_eq!(count(statuses.iter(), |s| **s == Status::DelvisUppnatt), 15);
        assert_eq!(count(statuses.iter(), |s| **s == Status::EjUppnatt), 2);
        assert_eq!(count(statuses.iter(), |s| **s == Status::BedomsEj), 1);
        let g = goal(&f, "Delaktighet, ansvar, uppskattning och inflytande");
        let a = g.assessment.as_ref().unwrap();
        assert_eq!(a.first_line, 1280);
        assert!(
            a.sentence
                .starts_with("Det är inte möjligt att göra en bedömning")
        );
        let g = goal(&f, "Nära vård på nya sätt");
        assert_eq!(g.assessment.as_ref().unwrap().status, Some(Status::Uppnatt));
        assert_eq!(g.table_status, None);
        // Only Samhälle's and Medborgare's overview tables give the goal a glyph, all ●.
        assert_eq!(count(f.goals.iter(), |g| g.table_status.is_some()), 8);
        assert!(
            f.goals[..8]
                .iter()
                .all(|g| g.table_status == Some(Status::DelvisUppnatt))
        );
    }

    #[test]
    fn readme_example_palliative_care() {
        let f = parsed();
        let m = measure_at(&f, 845);
        assert_eq!(
            m.name,
            "Andel patienter med palliativ diagnos som har en dokumenterad behandlingsstrategi (%) inkl privata hc"
        );
        assert_eq!(m.organs, ["RS"]);
        assert_eq!(m.kind, MeasureKind::Styrmatt);
        let got: Vec<(usize, Group, &str, Option<Trend>)> = m
            .rows
            .iter()
            .map(|r| (r.line, r.group, r.target.as_str(), r.trend))
            .collect();
        assert_eq!(
            got,
            [
                (845, Group::Women, "K40", Some(Trend::Forbattring)),
                (846, Group::Men, "M40", Some(Trend::Forsamring)),
            ]
        );
        assert_eq!(
            group_target_value("K40", Group::Women).as_deref(),
            Some("40")
        );
        assert_eq!(group_target_value("M40", Group::Men).as_deref(), Some("40"));
    }

    #[test]
    fn facts_checked_against_the_source() {
        let f = parsed();
        // ■ and ↑, line 1211.
        let r = row_at(&f, 1211);
        assert_eq!(
            (r.status, r.trend),
            (Some(Status::Uppnatt), Some(Trend::Forbattring))
        );
        assert_eq!(r.target, "Bibehåller eller öka");
        assert_eq!(measure_at(&f, 1211).name, "Dialog med länets kommuner");
        // ● on an activity is påbörjad, line 1533.
        let m = measure_at(&f, 1533);
        assert_eq!(m.kind, MeasureKind::Aktivitet);
        assert!(m.name.starts_with("Översyn av externa uppdrag"));
        assert_eq!(m.organs, ["RUN"]);
        assert_eq!(m.rows[0].status, Some(Status::Paborjad));
        assert_eq!(m.rows[0].target, "Programmen är skrivna");
        // ▲ as status, ➔ as trend, under the header `Styrrelse/nämnd` (lines 741–742).
        let r = row_at(&f, 742);
        assert_eq!(
            (r.status, r.trend),
            (Some(Status::EjUppnatt), Some(Trend::Oforandrat))
        );
        assert_eq!(r.target, "Minskande");
        // ▲ and →, line 1210.
        let r = row_at(&f, 1210);
        assert_eq!(
            (r.status, r.trend),
            (Some(Status::EjUppnatt), Some(Trend::Oforandrat))
        );
        // ▲ and ▼, line 1338.
        let r = row_at(&f, 1338);
        assert_eq!(
            (r.status, r.trend),
            (Some(Status::EjUppnatt), Some(Trend::Forsamring))
        );
        // ◊ (the legend's ◆) is bedöms ej, line 1348; no ◆ occurs in a measure table.
        let r = row_at(&f, 1348);
        assert_eq!((r.status, r.trend), (Some(Status::BedomsEj), None));
        assert_eq!(r.status_cell, "◊");
        // `Q3` in the status column is kept as written, not read as a status (line 1548).
        let r = row_at(&f, 1548);
        assert_eq!((r.status, r.status_cell.as_str()), (None, "Q3"));
        assert_eq!(r.trend, Some(Trend::Oforandrat));
        // An activity with `-` as trend, line 149.
        let m = measure_at(&f, 149);
        assert_eq!(m.kind, MeasureKind::Aktivitet);
        assert_eq!(
            m.name,
            "Ta fram handlingsplan för genomförande av Norrbottens klimat- och energistrategi"
        );
        assert_eq!(
            (m.rows[0].trend, m.rows[0].trend_cell.as_str()),
            (None, "-")
        );
        // `Måltuppfyllelse` (line 1049): its table is read, K/M rows with ↑.
        let m = measure_at(&f, 1056);
        assert_eq!(m.rows.len(), 2);
        assert_eq!(m.rows[1].target, "K: 65 % M:65 %");
        assert_eq!(m.rows[1].trend, Some(Trend::Forbattring));
        assert_eq!(
            group_target_value(&m.rows[1].target, Group::Men).as_deref(),
            Some("65 %")
        );
        // `K/ M` (line 1366) and `Mål-uppfyllelse` (line 1380) headers.
        assert_eq!(measure_at(&f, 1368).name, "HME ledarskap, index (MAU)");
        assert_eq!(measure_at(&f, 1382).rows[0].target, "6");
        // Goal organs, `(RS,PN)` without a space (line 937), and an alias from line 1142.
        let g = goal(&f, "Nöjda och delaktiga patienter och invånare");
        assert_eq!(g.organs, ["RS", "PN"]);
        assert_eq!(g.aliases, ["Nöjda och delaktiga patienter och medborgare"]);
        assert_eq!(g.factors[0].measures.len(), 5);
        assert_eq!(
            goal(&f, "God livskvalité, jämlik och jämställd hälsa").aliases,
            ["God livskvalitet, jämlik och jämställd hälsa"]
        );
        // Names cut by page breaks: lines 900/902 and 265/267.
        let m = measure_at(&f, 900);
        assert_eq!(
            m.name,
            "Andel av patienter som står på väntelista, som väntat 90 dagar eller kortare på operation/åtgärd inom specialiserad vård"
        );
        let lines: Vec<(usize, Group)> = m.rows.iter().map(|r| (r.line, r.group)).collect();
        assert_eq!(lines, [(900, Group::Women), (902, Group::Men)]);
        let m = measure_at(&f, 265);
        assert_eq!(
            m.name,
            "Utveckla klusterprogram för Norrbottnens Smart Diversifieringsområden"
        );
        assert_eq!((m.rows.len(), m.last_line), (1, 267));
        // The footnote marker `[1]` is dropped from the name (line 146).
        assert_eq!(
            measure_at(&f, 146).name,
            "Genomsnittligt utsläpp av personbilsparken"
        );
        // Goal and factor on one line (1324); the factor heading without label (119).
        let g = goal(&f, "Hållbar kompetensförsörjning oavsett leverantör");
        assert_eq!(g.factors[1].title, "Rätt använd kompetens");
        assert_eq!(g.factors[1].heading_lines, [1324]);
        let g = goal(&f, "Hållbart nyttjande av resurser");
        assert_eq!(g.factors[0].heading_lines, [119]);
        assert_eq!(g.organs, ["RS", "RUN"]);
        // The section the overview does not list (line 1554).
        let g = goal(
            &f,
            "Effektiv verksamhet minst i paritet med riksnittet i våra verksamheter",
        );
        assert_eq!(g.factors.len(), 2);
        assert_eq!(g.factors[1].title, "Effektiva processer");
        assert!(!g.factors[1].in_overview);
        assert_eq!(g.factors[1].measures.len(), 3);
    }

    #[test]
    fn every_row_traces_to_its_source_line() {
        let f = parsed();
        let lines: Vec<&str> = SEED_002.lines().collect();
        for m in f.measures() {
            for r in &m.rows {
                let cells: Vec<&str> = lines[r.line - 1].split('\t').map(str::trim).collect();
                assert!(cells.contains(&r.target.as_str()), "line {}", r.line);
                assert!(cells.contains(&r.status_cell.as_str()), "line {}", r.line);
                assert!(cells.contains(&r.trend_cell.as_str()), "line {}", r.line);
                assert!(m.first_line <= r.line && r.line <= m.last_line);
            }
        }
    }

    #[test]
    fn glyphs_are_decoded_per_column() {
        assert_eq!(decode_status("▲", false), Some(Status::EjUppnatt));
        assert_eq!(decode_trend("▲"), Some(Trend::Forbattring));
        assert_eq!(decode_status("■", true), Some(Status::Slutford));
        assert_eq!(decode_status("▲", true), Some(Status::EjPaborjad));
        assert_eq!(decode_status("◆", true), Some(Status::BedomsEj));
        assert_eq!(decode_status("↑", false), None);
        assert_eq!(decode_trend("▶"), Some(Trend::Oforandrat));
        assert_eq!(decode_trend("▼"), Some(Trend::Forsamring));
        assert_eq!(decode_trend("-"), None);
    }

    #[test]
    fn helpers() {
        assert_eq!(
            group_target_value("K 16,0", Group::Women).as_deref(),
            Some("16,0")
        );
        assert_eq!(group_target_value("2018 K: 55 % M: 57 %", Group::Men), None);
        assert_eq!(group_target_value("Öka", Group::Men), None);
        let id = short_id(
            "Andel av patienter som står på väntelista, som väntat 90 dagar eller kortare",
        );
        assert!(id.len() <= MAX_ID_LEN && !id.ends_with('-'), "{id}");
        assert_eq!(
            id,
            "andel-av-patienter-som-star-pa-vantelista-som-vantat-90"
        );
        let mut taken = HashSet::new();
        assert_eq!(unique_id("Extratid", &mut taken), "extratid");
        assert_eq!(unique_id("Extratid", &mut taken), "extratid-2");
        assert_eq!(
            split_organs("Ökade intäkter (RS, RUN)"),
            ("Ökade intäkter", vec!["RS".to_string(), "RUN".to_string()])
        );
        assert_eq!(
            split_organs("Nya vårdtjänster (digitala)").1,
            Vec::<String>::new()
        );
        assert_eq!(
            strip_footnote_markers("samma dag[2] och [x]"),
            "samma dag och [x]"
        );
        assert_eq!(
            sentences("Ett. Två är 1.5 st! tre"),
            ["Ett.", "Två är 1.5 st! tre"]
        );
    }

    #[test]
    fn bad_input_is_reported_with_its_line() {
        let text = "Samhälle\nPerspektivet Samhälle beskriver.\nStrategiskt mål\t\tFramgångsfaktor\nA (RS)\t\tB (RS)\n\nStrategiskt mål: Något helt annat\nFRAMGÅNGSFAKTOR: B\nStyrmått\tStyrelse/nämnd\tK/M\tMål 2020\tMåluppfyllelse\tUtveckling\n";
        let errors = parse_followup(text, "x.txt").unwrap_err();
        // The table under the unknown goal is reported too: its rows belong nowhere.
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("x.txt:6: `Strategiskt mål: Något helt annat`"));
        assert!(errors[1].starts_with("x.txt:8: a measure table outside"));
        assert!(parse_followup("Bara text.\n", "y.txt").is_err());
    }

    /// Front matter and body of a content file.
    fn split(text: &str) -> (toml::Table, &str) {
        let rest = text.strip_prefix("+++\n").expect("opening +++");
        let (front, body) = rest.split_once("\n+++\n").expect("closing +++");
        (toml::from_str(front).expect("TOML"), body)
    }

    #[test]
    fn written_files_read_back_and_link() {
        let f = parsed();
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        let written = write_followup(&f, &content, "2020", "arsredovisning-2020").unwrap();
        // 99 measures × (.md + .csv), 20 goals, the plan, the report.
        assert_eq!(written.len(), 99 * 2 + 20 + 1 + 1);

        let mut csv_rows = 0;
        for path in &written {
            let text = fs::read_to_string(path).unwrap();
            if path.extension().is_some_and(|e| e == "csv") {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(b';')
                    .from_reader(text.as_bytes());
                assert_eq!(
                    reader.headers().unwrap().iter().collect::<Vec<_>>(),
                    crate::content::RESULT_COLUMNS
                );
                for record in reader.records() {
                    let record = record.unwrap();
                    assert_eq!(&record[0], "arsredovisning-2020");
                    csv_rows += 1;
                }
            } else {
                split(&text);
            }
        }
        assert_eq!(csv_rows, 117);

        let plan_dir = content.join("planer/2020");
        let (plan, _) = split(&fs::read_to_string(plan_dir.join("_index.md")).unwrap());
        assert_eq!(plan["start"].as_integer(), Some(2020));
        assert_eq!(plan["perspectives"].as_array().unwrap().len(), 5);
        let goal_text =
            fs::read_to_string(plan_dir.join("nojda-och-delaktiga-patienter-och-invanare.md"))
                .unwrap();
        let (g, body) = split(&goal_text);
        assert_eq!(g["organs"], toml::Value::from(vec!["rs", "pn"]));
        assert_eq!(g["order"].as_integer(), Some(11));
        assert!(body.starts_with("Den samlade bedömningen är att det strategiska målet"));
        let assessment = &g["assessments"].as_array().unwrap()[0];
        assert_eq!(assessment["status"].as_str(), Some("delvis-uppnatt"));
        assert_eq!(assessment["status_source"].as_str(), Some("text"));
        let measures = g["factors"].as_array().unwrap()[0]["measures"]
            .as_array()
            .unwrap();
        assert_eq!(
            measures[0].as_str(),
            Some("andel-sip-dar-den-enskilde-deltagit-i-motet-vid")
        );

        let id = "andel-patienter-med-palliativ-diagnos-som-har-en";
        let csv = fs::read_to_string(content.join(format!("matt/{id}.csv"))).unwrap();
        assert_eq!(
            csv.lines().skip(1).collect::<Vec<_>>(),
            [
                "arsredovisning-2020;kvinnor;;K40;40;;;;forbattring;;002_82d993171a0ee6f8.txt:845",
                "arsredovisning-2020;man;;M40;40;;;;forsamring;;002_82d993171a0ee6f8.txt:846",
            ]
        );
        let (m, _) = split(&fs::read_to_string(content.join(format!("matt/{id}.md"))).unwrap());
        assert_eq!(m["by_sex"].as_bool(), Some(true));
        assert_eq!(
            m["source"].as_str(),
            Some("002_82d993171a0ee6f8.txt:845-846")
        );

        // The site's own loader and linker accept everything, given the organs.
        let organs = content.join("organ");
        fs::create_dir_all(&organs).unwrap();
        for organ in ["rs", "run", "pn"] {
            let from =
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/organ/{organ}.md"));
            fs::copy(from, organs.join(format!("{organ}.md"))).unwrap();
        }
        let mut diagnostics = crate::diagnostics::Diagnostics::default();
        let raw = crate::content::load(site.path(), &mut diagnostics);
        crate::link::link(raw, &mut diagnostics);
        let problems: Vec<String> = diagnostics
            .into_sorted()
            .iter()
            .map(|d| format!("{}:{}: {}", d.path, d.line, d.message))
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));

        // A second import into the same folder changes nothing: measures are merged by name,
        // this report's rows replaced, so re-importing is idempotent.
        let tree = |dir: &Path| -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
            walkdir::WalkDir::new(dir)
                .into_iter()
                .map(Result::unwrap)
                .filter(|e| e.file_type().is_file())
                .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
                .collect()
        };
        let before = tree(&content);
        write_followup(&f, &content, "2020", "arsredovisning-2020").unwrap();
        assert_eq!(tree(&content), before);
    }
}
