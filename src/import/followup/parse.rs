//! Reading a TAB-separated follow-up: the parser that walks the cleaned blocks through each
//! perspective's introduction, overview table, assessments and detail sections, and decodes
//! the status and trend glyphs of the measure tables with the import profile's legends (per
//! column: ▲ means *ej uppnått* as a status but *förbättring* as a trend). It only interprets
//! blocks; cleaning is `import::clean`'s job and writing is [`super::write`]'s.

use super::text::{
    assessment_status, best_match, sentence_case, sentences, split_organs, strip_footnote_markers,
};
use super::{
    FollowUp, ImportedAssessment, ImportedFactor, ImportedGoal, ImportedMeasure,
    ImportedPerspective, ImportedRow,
};
use crate::import::clean::{Block, clean_document_with};
use crate::import::profile::{Key, MeasureColumns, Profile};
use crate::model::{Group, MeasureKind};
use crate::slug::slugify;

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
    profile: &'a Profile,
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

/// Parses a follow-up appendix, reading its status and trend cells with the organisation's
/// `profile`. Returns every problem found, each as `FILE:LINE: message`.
pub fn parse_followup(
    text: &str,
    source_file: &str,
    profile: &Profile,
) -> Result<FollowUp, Vec<String>> {
    let doc = clean_document_with(text, &profile.furniture());
    let mut p = Parser {
        file: source_file,
        profile,
        out: FollowUp {
            source_file: source_file.to_string(),
            title: document_title(&doc.blocks),
            year: None,
            perspectives: Vec::new(),
            goals: Vec::new(),
            intro: Vec::new(),
            warnings: Vec::new(),
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
    let mut out = p.finish()?;
    super::narrative::attach_commentary(&mut out);
    Ok(out)
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
            let message = format!(
                "no overview table found: a table whose first column heading is `{}` \
                 (the import profile's goal_overview)",
                self.profile.word(Key::GoalOverview)
            );
            self.error(1, message);
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
        let intro_word = self
            .profile
            .perspective_intro
            .as_deref()
            .unwrap_or_default();
        if let Some(next) = next
            && next.text.starts_with(&format!("{intro_word} {text} "))
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
        // The layout words are the profile's (`Strategiskt mål`, `FRAMGÅNGSFAKTOR`), each
        // followed by a colon in a detail heading.
        let goal_label = format!("{}:", self.profile.word(Key::GoalOverview));
        let factor_label = format!("{}:", self.profile.word(Key::FactorHeading));
        if let Some(rest) = text.strip_prefix(goal_label.as_str()) {
            self.phase = Phase::Details;
            // 002 line 1324 has the goal and its factor on one line.
            let (goal, factor) = match rest.split_once(factor_label.as_str()) {
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
        if self.expect_factor || text.starts_with(factor_label.as_str()) {
            self.expect_factor = false;
            let title = text
                .strip_prefix(factor_label.as_str())
                .unwrap_or(text)
                .trim();
            self.detail_factor(title, block);
            return;
        }
        match self.phase {
            Phase::Summary => self.summary_block(text, block),
            Phase::Details => self.narrative_block(block),
            Phase::Intro if self.out.perspectives.is_empty() => self.out.intro.push(block.clone()),
            _ => {}
        }
    }

    /// Text of a detail section: the current factor's, else a warning that it is left out.
    fn narrative_block(&mut self, block: &Block) {
        match (self.goal, self.factor) {
            (Some(goal), Some(factor)) => {
                let f = &mut self.out.goals[goal].factors[factor];
                f.narrative.push(block.clone());
                f.last_line = f.last_line.max(block.last_line);
                self.touch_goal(goal, block.last_line);
            }
            _ => self.out.warnings.push(format!(
                "{}:{}: text outside a success factor's section is left out: {}",
                self.file,
                block.first_line,
                block.text.chars().take(60).collect::<String>()
            )),
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
        if is_heading && let Some(goal) = best_match(&self.perspective_goals(), text) {
            self.summary_goal = Some(goal);
            self.add_alias(goal, text);
            self.touch_goal(goal, block.last_line);
            return;
        }
        let Some(goal) = self.summary_goal else {
            if !is_heading {
                self.out.warnings.push(format!(
                    "{}:{}: text before the first goal of the summary is left out",
                    self.file, block.first_line
                ));
            }
            return;
        };
        self.out.goals[goal].summary.push(block.clone());
        self.touch_goal(goal, block.last_line);
        if is_heading || self.out.goals[goal].assessment.is_some() {
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
                    narrative: Vec::new(),
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
            _ if cells.first() == Some(&self.profile.word(Key::GoalOverview))
                && !self.out.perspectives.is_empty() =>
            {
                self.phase = Phase::Overview;
            }
            Phase::Overview => self.overview_row(block, cells),
            Phase::Details
                if normalize_header(cells[0])
                    == normalize_header(self.profile.word(Key::MeasureTableHeading)) =>
            {
                self.measure_header(block, cells)
            }
            // A table of the text (`Biljettintäkter …`, 002 line 553) stays with it.
            Phase::Details if !is_rule_row(cells) => self.narrative_block(block),
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
                table_status: self.profile.status(cell(1), false),
                table_line: line,
                assessment: None,
                summary: Vec::new(),
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
            narrative: Vec::new(),
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
        // The headings are the profile's; their spelling varies (`Styrrelse/nämnd`, `K/ M`,
        // `Måltuppfyllelse`, `Mål-uppfyllelse`), so each is found by words it holds.
        let words = &self.profile.measure_columns;
        let target_word = normalize_header(words.target.as_deref().unwrap_or_default());
        for (i, cell) in cells.iter().enumerate().skip(1) {
            let h = normalize_header(cell);
            if MeasureColumns::names(&words.organ, &h) {
                organ = Some(i);
            } else if MeasureColumns::names(&words.sex, &h) {
                sex = Some(i);
            } else if MeasureColumns::names(&words.status, &h) {
                status = Some(i);
            } else if MeasureColumns::names(&words.trend, &h) {
                trend = Some(i);
            } else if let Some(year) = h
                .strip_prefix(target_word.as_str())
                .and_then(|y| y.parse::<u16>().ok())
            {
                target = Some(i);
                self.out.year.get_or_insert(year);
            } else if !h.is_empty() {
                self.error(
                    line,
                    format!(
                        "unknown column `{cell}` in a measure table; name its heading's words in the import profile's [measure_columns]"
                    ),
                );
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
                "a measure table needs the columns of the organ, the target (with its year), the status and the trend, as the import profile's [measure_columns] names them",
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
        let sex = columns.sex.map_or("", cell);
        let words = &self.profile.measure_columns;
        let group = match sex {
            "" => Group::Total,
            _ if words.women.iter().any(|w| w == sex) => Group::Women,
            _ if words.men.iter().any(|w| w == sex) => Group::Men,
            other => {
                self.error(
                    line,
                    format!(
                        "unknown sex value `{other}`; the import profile's [measure_columns] women and men name the values ({})",
                        words.women.iter().chain(&words.men).cloned().collect::<Vec<_>>().join(", ")
                    ),
                );
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
        let name = cell(0);
        // A name cut by a page break continues on a row of its own (002 line 267) or on the
        // second row of a sex split (line 902); a new measure always names its organ.
        let continues_name = !name.is_empty()
            && cell(columns.organ).is_empty()
            && (values_empty || starts_lowercase(name));
        let measures = &mut self.out.goals[goal].factors[factor].measures;
        let Some(measure) = row_measure(measures, name, cell(columns.organ), continues_name, line)
        else {
            self.error(line, "a continuation row without a measure above it");
            return;
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
            status: self.profile.status(&status_cell, activity),
            status_cell,
            trend: self.profile.trends.decode(&trend_cell),
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

/// The measure a table row belongs to: the one above when the row has no name or continues
/// its name (which it then extends), else a new measure named by the row; `None` for a
/// continuation without a measure above it.
fn row_measure<'m>(
    measures: &'m mut Vec<ImportedMeasure>,
    name: &str,
    organ: &str,
    continues_name: bool,
    line: usize,
) -> Option<&'m mut ImportedMeasure> {
    if name.is_empty() || continues_name {
        let m = measures.last_mut()?;
        if continues_name {
            m.name = format!("{} {}", m.name, strip_footnote_markers(name));
        }
        return Some(m);
    }
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
    measures.last_mut()
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
