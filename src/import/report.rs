//! Importer for general reports (a strategic plan such as 001, a director's monthly report such
//! as 003): cleaned text becomes one Markdown report with a heading hierarchy, lists,
//! footnotes, data tables and key figures; for a plan also the plan, its goals and its
//! political assignments (uppdrag).
//!
//! The text rules are those of [`super::clean`]. What layout alone cannot tell (a heading
//! glued to its first paragraph, a heading's level, where a table is, which perspective a goal
//! belongs to) comes from an overrides file, `content/_import/<source stem>.toml`, so that
//! every manual correction is written down and the import stays reproducible. See
//! [`Overrides`] for its keys.
//!
//! # Rules
//!
//! - Heading levels: a level from the overrides wins; a heading right below another heading
//!   is its child; any other heading is a sibling of the heading before it; the first is a
//!   chapter (`##`).
//! - A paragraph that is only an organ tag (`(RS)`, `(RS, RUN)`) right below a list item
//!   belongs to that item (the tag wrapped onto its own line).
//! - Footnotes become Markdown footnotes `[^N]` at the place of their marker.
//! - Key figures: every amount in a paragraph or list item followed by a unit (`mnkr`, `mkr`,
//!   `mdkr`, `miljoner kronor`, `procent`, `procentenheter`, `%`, `årsarbetare`), labelled
//!   with the sentence that states it and traced to its source line.
//! - Tables: the overrides give each table's source lines and its column headers; each row is a
//!   label followed by one figure per column, where thousands may be separated by a space.
//!   A row whose figures cannot be split into the columns in exactly one way stops the
//!   import with an error naming the line; such a table is listed under `preformatted`
//!   instead, and shown as it is in the source with a remark saying so.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::clean::{
    Block, BlockKind, Footnote, SourceLine, Vocabulary, extract_footnotes, join_hyphenated,
    remove_page_furniture, source_lines, unwrap_blocks,
};
use crate::content::{
    RawAssignment, RawFigure, RawGoal, RawKeyFigure, RawPerspective, RawPlan, RawReport, RawTable,
};
use crate::import::writer::{Files, spanned, text};
use crate::model::parse_number;
use crate::slug::slugify;

/// Manual corrections and facts the text does not hold, for one source file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Title, kind, period, date and organ of the report: the cover page is not in the text.
    pub report: ReportMeta,
    /// Line ranges (`"198"`, `"2263-2265"`) that are a heading of their own, although the
    /// layout glued them to the text below.
    #[serde(default)]
    pub headings: Vec<String>,
    /// First lines of blocks that look like headings but are not (a signature).
    #[serde(default)]
    pub not_headings: Vec<usize>,
    /// Lines where a new paragraph starts although the layout does not show it.
    #[serde(default)]
    pub breaks: Vec<usize>,
    /// First lines of paragraphs that continue the paragraph above: a sentence that ended at
    /// the end of a line made the rules start a new one.
    #[serde(default)]
    pub joins: Vec<usize>,
    /// Heading levels (2 = chapter) by the heading's first line, where the rules are wrong.
    #[serde(default)]
    pub levels: BTreeMap<String, u8>,
    /// First lines of figure captions: the figure is not in the text, so the caption is shown
    /// as a remark instead of a heading.
    #[serde(default)]
    pub captions: Vec<usize>,
    /// Line ranges dropped from the text, with the reason (stray link texts of a footnote).
    #[serde(default)]
    pub skip: Vec<Skip>,
    /// Tables that are shown as in the source, because their columns cannot be rebuilt.
    #[serde(default)]
    pub preformatted: Vec<Preformatted>,
    /// Tables rebuilt as data.
    #[serde(default)]
    pub tables: Vec<TableSpec>,
    /// For a plan document: the plan and its goals.
    pub plan: Option<PlanSpec>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    pub title: String,
    pub kind: String,
    pub period: String,
    pub date: Option<toml::value::Datetime>,
    pub organ: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skip {
    pub lines: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preformatted {
    pub lines: String,
    pub caption: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub id: String,
    pub caption: String,
    /// The source lines of the rows (not the header).
    pub lines: String,
    /// Header of the first column (the row labels), e.g. `Mnkr`.
    #[serde(default)]
    pub label: String,
    /// Headers of the value columns as the source writes them.
    pub columns: Vec<String>,
    /// Group header per value column (`Budget`, `Kalkyl`), when the source has one.
    #[serde(default)]
    pub groups: Vec<String>,
    /// The source lines of the column headers; they are dropped from the text with the rows.
    pub header_lines: Option<String>,
    /// The source line where the table is shown (its caption's line), when the extraction put
    /// its rows somewhere else.
    pub at: Option<usize>,
    /// The rows interrupt a sentence (a page break inside a paragraph): the text around them
    /// is joined as if they were not there.
    #[serde(default)]
    pub joins_text: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub id: String,
    pub title: String,
    pub start: u16,
    pub end: u16,
    /// First line of the heading whose section holds the goals.
    pub goals_section: usize,
    /// First line of the heading whose section holds the political assignments.
    pub assignments_section: usize,
    /// First lines of the headings whose text (up to their first sub-heading) introduces the
    /// plan on its page: vision and values, the goals' introduction.
    pub intro_sections: Vec<usize>,
    /// Goal ids (slugs of their titles) to perspective and predecessor: the text shows the
    /// goal–perspective relation only in a figure.
    #[serde(default)]
    pub goals: BTreeMap<String, GoalSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    pub perspective: String,
    pub predecessor: Option<String>,
}

/// `"12"` or `"12-15"`.
fn parse_range(text: &str) -> Result<(usize, usize), String> {
    let parse = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| format!("`{text}` is not a line range; write \"12\" or \"12-15\""))
    };
    match text.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (parse(a)?, parse(b)?);
            if a > b {
                return Err(format!("`{text}` runs backwards"));
            }
            Ok((a, b))
        }
        None => parse(text).map(|a| (a, a)),
    }
}

// ---------------------------------------------------------------------------------------------
// The imported document
// ---------------------------------------------------------------------------------------------

/// One item of the report body in source order.
#[derive(Debug, Clone)]
enum Item {
    Heading {
        level: u8,
        text: String,
        first: usize,
        last: usize,
    },
    Paragraph {
        text: String,
        first: usize,
        last: usize,
    },
    Bullet {
        text: String,
        first: usize,
        last: usize,
    },
    Caption {
        text: String,
    },
    Table {
        id: String,
    },
    Preformatted {
        caption: String,
        lines: Vec<String>,
        first: usize,
        last: usize,
    },
}

/// A table rebuilt as data.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedTable {
    pub id: String,
    pub caption: String,
    /// Header rows first.
    pub rows: Vec<Vec<String>>,
    pub header_rows: usize,
    pub first_line: usize,
    pub last_line: usize,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
    pub unit: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedGoal {
    pub id: String,
    pub title: String,
    pub organs: Vec<String>,
    pub body: String,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAssignment {
    pub text: String,
    pub organs: Vec<String>,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone)]
pub struct ImportedPlan {
    pub spec: PlanSpec,
    pub vision: Option<String>,
    pub perspectives: Vec<String>,
    pub intro: String,
    pub goals: Vec<ImportedGoal>,
    pub assignments: Vec<ImportedAssignment>,
    pub first_line: usize,
    pub last_line: usize,
}

/// A report read from a source file.
#[derive(Debug, Clone)]
pub struct ImportedReport {
    pub source_file: String,
    pub meta: ReportMeta,
    pub document_id: Option<String>,
    pub version: Option<String>,
    items: Vec<Item>,
    footnotes: Vec<Footnote>,
    pub tables: Vec<ImportedTable>,
    pub key_figures: Vec<KeyFigure>,
    pub plan: Option<ImportedPlan>,
}

impl ImportedReport {
    /// The headings in order, as (level, text, first line).
    pub fn headings(&self) -> Vec<(u8, &str, usize)> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Heading {
                    level, text, first, ..
                } => Some((*level, text.as_str(), *first)),
                _ => None,
            })
            .collect()
    }

    /// The report body as Markdown, footnote definitions at the end.
    pub fn markdown(&self) -> String {
        items_markdown(&self.items, &self.footnotes)
    }

    fn range(&self, first: usize, last: usize) -> String {
        if first == last {
            format!("{}:{first}", self.source_file)
        } else {
            format!("{}:{first}-{last}", self.source_file)
        }
    }
}

/// Private-use characters stand for a footnote marker until the text is escaped.
const NOTE_OPEN: char = '\u{E000}';
const NOTE_CLOSE: char = '\u{E001}';

/// Escapes what Markdown would read as markup in running text; footnote markers become
/// `[^N]`.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            NOTE_OPEN => out.push_str("[^"),
            NOTE_CLOSE => out.push(']'),
            _ => out.push(c),
        }
    }
    // A leading `#`, `+` or `-` would start a heading or a list.
    if out.starts_with('#') || out.starts_with("+ ") || out.starts_with("- ") {
        out.insert(0, '\\');
    }
    out
}

fn item_markdown(item: &Item) -> String {
    match item {
        Item::Heading { level, text, .. } => {
            format!(
                "{} {}\n",
                "#".repeat(usize::from(*level)),
                escape_markdown(text)
            )
        }
        Item::Paragraph { text, .. } => format!("{}\n", escape_markdown(text)),
        Item::Bullet { text, .. } => format!("- {}\n", escape_markdown(text)),
        Item::Caption { text } => format!(
            "*Figur i källdokumentet (inte återgiven här): {}*\n",
            escape_markdown(text)
        ),
        Item::Table { id } => format!("{{{{ tabell: {id} }}}}\n"),
        Item::Preformatted { caption, lines, .. } => {
            let mut s = format!(
                "*{}* – tabellen visas som i källtexten, eftersom dess kolumner inte kunde återskapas säkert.\n\n```text\n",
                escape_markdown(caption)
            );
            for l in lines {
                s.push_str(l);
                s.push('\n');
            }
            s.push_str("```\n");
            s
        }
    }
}

/// `[^N]: text` for each footnote referenced in `markdown`.
fn footnote_definitions(footnotes: &[Footnote], markdown: &str) -> String {
    let mut out = String::new();
    for f in footnotes {
        if markdown.contains(&format!("[^{}]", f.number)) {
            out.push_str(&format!(
                "\n[^{}]: {}\n",
                f.number,
                escape_markdown(&f.text)
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Reads the overrides file for `source_file` from `content_dir/_import/`, if there is one.
pub fn read_overrides(content_dir: &Path, source_file: &str) -> Result<Overrides, Vec<String>> {
    let stem = source_file
        .strip_suffix(".txt")
        .unwrap_or(source_file)
        .to_string();
    let path = content_dir.join("_import").join(format!("{stem}.toml"));
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![format!(
            "{}: cannot read the overrides file: {e}; a report import needs at least [report] with title, kind and period",
            path.display()
        )]
    })?;
    toml::from_str(&text).map_err(|e| vec![format!("{}: {e}", path.display())])
}

/// The document id and version from the document box (`… ARBGRP357-3-196 0.41`).
fn document_id(raw: &[SourceLine]) -> (Option<String>, Option<String>) {
    for (i, line) in raw.iter().enumerate() {
        if line.text.trim().starts_with("GÄLLER FÖR VERKSAMHET")
            && let Some(next) = raw[i + 1..].iter().find(|l| !l.text.trim().is_empty())
        {
            let tokens: Vec<&str> = next.text.split_whitespace().collect();
            if let [.., id, version] = tokens.as_slice() {
                return (Some(id.to_string()), Some(version.to_string()));
            }
        }
    }
    (None, None)
}

/// Puts footnote markers back where [`extract_footnotes`] stripped them.
fn mark_footnotes(lines: &mut [SourceLine], before: &[SourceLine], footnotes: &[Footnote]) {
    for f in footnotes {
        let Some(marker) = f.marker_line else {
            continue;
        };
        let (Some(line), Some(original)) = (
            lines.iter_mut().find(|l| l.number == marker),
            before.iter().find(|l| l.number == marker),
        ) else {
            continue;
        };
        let at = line
            .text
            .char_indices()
            .zip(original.text.chars())
            .find(|((_, a), b)| a != b)
            .map_or(line.text.len(), |((i, _), _)| i);
        line.text
            .insert_str(at, &format!("{NOTE_OPEN}{}{NOTE_CLOSE}", f.number));
    }
}

/// `(RS)`, `(RS, RUN, PN)` → `["rs", "run", "pn"]`.
fn organ_tag(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    let organs: Vec<String> = inner.split(',').map(|o| o.trim().to_string()).collect();
    let valid = organs
        .iter()
        .all(|o| (2..=5).contains(&o.chars().count()) && o.chars().all(|c| c.is_ascii_uppercase()));
    valid.then(|| organs.iter().map(|o| o.to_lowercase()).collect())
}

/// Splits a trailing organ tag off an item: `Utveckla … (RS)` → (`Utveckla …`, `["rs"]`).
fn split_organ_tag(text: &str) -> (String, Vec<String>) {
    if let Some(open) = text.rfind('(')
        && let Some(organs) = organ_tag(&text[open..])
    {
        return (text[..open].trim_end().to_string(), organs);
    }
    (text.to_string(), Vec::new())
}

/// Reads a report from the text of its source file.
pub fn parse_report(
    text: &str,
    source_file: &str,
    overrides: &Overrides,
) -> Result<ImportedReport, Vec<String>> {
    let mut errors = Vec::new();
    let raw = source_lines(text);
    let (document_id, version) = document_id(&raw);
    let without_furniture = remove_page_furniture(&raw);
    let vocabulary = Vocabulary::from_lines(&without_furniture);
    let (mut lines, footnotes) = extract_footnotes(&without_furniture);
    mark_footnotes(&mut lines, &without_furniture, &footnotes);

    let range = |text: &str, errors: &mut Vec<String>| match parse_range(text) {
        Ok(r) => Some(r),
        Err(e) => {
            errors.push(format!("overrides: {e}"));
            None
        }
    };

    // Regions taken out of the running text: skipped lines, tables and preformatted tables.
    enum Region {
        Skip,
        Table(usize),
        Pre(usize),
    }
    let mut regions: Vec<((usize, usize), Region)> = Vec::new();
    // Lines whose removal must not join the text around them.
    let mut cut_regions: Vec<(usize, usize)> = Vec::new();
    for s in &overrides.skip {
        if let Some(r) = range(&s.lines, &mut errors) {
            regions.push((r, Region::Skip));
        }
    }
    for (i, t) in overrides.tables.iter().enumerate() {
        let rows = range(&t.lines, &mut errors);
        let header = t.header_lines.as_ref().and_then(|h| range(h, &mut errors));
        if let Some((a, b)) = rows {
            let r = header.map_or((a, b), |(c, d)| (a.min(c), b.max(d)));
            regions.push((r, Region::Table(i)));
            if !t.joins_text {
                cut_regions.push(r);
            }
        }
    }
    for (i, p) in overrides.preformatted.iter().enumerate() {
        if let Some(r) = range(&p.lines, &mut errors) {
            regions.push((r, Region::Pre(i)));
            cut_regions.push(r);
        }
    }
    regions.sort_by_key(|(r, _)| *r);

    let mut forced_headings = Vec::new();
    for h in &overrides.headings {
        if let Some(r) = range(h, &mut errors) {
            forced_headings.push(r);
        }
    }
    // Block boundaries the layout does not show.
    let mut cuts: BTreeSet<usize> = overrides.breaks.iter().copied().collect();
    for &(a, b) in &forced_headings {
        cuts.insert(a);
        cuts.insert(b + 1);
    }
    for (a, b) in &cut_regions {
        cuts.insert(*a);
        cuts.insert(b + 1);
    }

    // Cut the lines into segments; empty lines go with the segment after them, so that a
    // bullet at the start of a segment is still seen as one.
    let in_region = |n: usize| regions.iter().find(|((a, b), _)| (*a..=*b).contains(&n));
    let mut blocks: Vec<Block> = Vec::new();
    let mut segment: Vec<SourceLine> = Vec::new();
    let flush = |segment: &mut Vec<SourceLine>, blocks: &mut Vec<Block>| {
        if segment.iter().any(|l| !l.text.trim().is_empty()) {
            blocks.extend(unwrap_blocks(segment, &vocabulary));
        }
        segment.clear();
    };
    let mut placed: BTreeSet<usize> = BTreeSet::new();
    let mut previous_content = 0;
    for line in &lines {
        let blank = line.text.trim().is_empty();
        if let Some(((a, _), _)) = in_region(line.number) {
            if placed.insert(*a) && cut_regions.iter().any(|(c, _)| c == a) {
                flush(&mut segment, &mut blocks);
            }
            continue;
        }
        // A cut may name an empty line: it applies to the next line with text.
        let cut = !blank
            && cuts
                .range(previous_content + 1..=line.number)
                .next()
                .is_some();
        if !blank {
            previous_content = line.number;
        }
        if cut {
            // Keep the empty lines just before the cut with the new segment.
            let keep = segment
                .iter()
                .rev()
                .take_while(|l| l.text.trim().is_empty())
                .count();
            let tail = segment.split_off(segment.len() - keep);
            flush(&mut segment, &mut blocks);
            segment = tail;
        }
        segment.push(line.clone());
    }
    flush(&mut segment, &mut blocks);
    // Cuts that fall inside a region or an empty stretch are harmless; cuts on no line at
    // all mean the overrides file is out of date.
    for &n in overrides.breaks.iter().chain(overrides.not_headings.iter()) {
        if !lines
            .iter()
            .any(|l| l.number == n && !l.text.trim().is_empty())
        {
            errors.push(format!(
                "overrides: line {n} is empty or not in the text; check the line numbers against {source_file}"
            ));
        }
    }

    // Block kinds from the overrides; the blocks of a forced heading become one heading.
    let mut merged: Vec<Block> = Vec::with_capacity(blocks.len());
    for mut b in blocks {
        if overrides.not_headings.contains(&b.first_line) {
            b.kind = BlockKind::Paragraph;
        }
        let forced = forced_headings
            .iter()
            .find(|&&(a, z)| b.first_line >= a && b.last_line <= z);
        if let Some(&(a, _)) = forced {
            b.kind = BlockKind::Heading;
            if let Some(previous) = merged.last_mut()
                && previous.kind == BlockKind::Heading
                && previous.first_line >= a
            {
                previous.text = format!("{} {}", previous.text, b.text);
                previous.last_line = b.last_line;
                continue;
            }
        }
        if overrides.joins.contains(&b.first_line)
            && let Some(previous) = merged.last_mut()
            && previous.kind == BlockKind::Paragraph
            && b.kind == BlockKind::Paragraph
        {
            previous.text = format!("{} {}", previous.text, b.text);
            previous.last_line = b.last_line;
            continue;
        }
        merged.push(b);
    }
    for &n in &overrides.joins {
        if !merged
            .iter()
            .any(|b| b.first_line <= n && n <= b.last_line && b.first_line != n)
        {
            errors.push(format!(
                "overrides: joins names line {n}, where no paragraph that continues another starts"
            ));
        }
    }
    let blocks = merged;

    // Items in source order, with table regions placed where they were.
    let mut items: Vec<Item> = Vec::new();
    let region_item = |start: usize, errors: &mut Vec<String>| -> Option<Item> {
        let ((a, b), kind) = regions.iter().find(|((a, _), _)| *a == start)?;
        match kind {
            Region::Skip => None,
            Region::Table(i) => Some(Item::Table {
                id: overrides.tables[*i].id.clone(),
            }),
            Region::Pre(i) => {
                // Shown as in the source, but a word the layout split at a line end is joined
                // as everywhere else (`befolknings-` / `prognos`).
                let own: Vec<SourceLine> = without_furniture
                    .iter()
                    .filter(|l| (*a..=*b).contains(&l.number))
                    .cloned()
                    .collect();
                let region_lines: Vec<String> = join_hyphenated(&own, &vocabulary)
                    .iter()
                    .filter(|l| !l.text.trim().is_empty())
                    .map(|l| l.text.trim().to_string())
                    .collect();
                if region_lines.is_empty() {
                    errors.push(format!("overrides: preformatted lines {a}-{b} are empty"));
                }
                Some(Item::Preformatted {
                    caption: overrides.preformatted[*i].caption.clone(),
                    lines: region_lines,
                    first: *a,
                    last: *b,
                })
            }
        }
    };
    // Tables and preformatted tables go before the first block that starts after their
    // position.
    let mut positioned: Vec<(usize, usize)> = regions
        .iter()
        .filter_map(|((a, _), kind)| match kind {
            Region::Skip => None,
            Region::Table(i) => Some((overrides.tables[*i].at.unwrap_or(*a), *a)),
            Region::Pre(_) => Some((*a, *a)),
        })
        .collect();
    positioned.sort();
    let mut pending = positioned.into_iter().peekable();
    for b in &blocks {
        while let Some((_, start)) = pending.next_if(|(at, _)| *at < b.first_line) {
            items.extend(region_item(start, &mut errors));
        }
        let text = b.text.clone();
        let (first, last) = (b.first_line, b.last_line);
        // An organ tag wrapped onto its own line belongs to the list item above.
        if b.kind == BlockKind::Paragraph
            && organ_tag(&text).is_some()
            && let Some(Item::Bullet {
                text: item,
                last: item_last,
                ..
            }) = items.last_mut()
        {
            item.push(' ');
            item.push_str(&text);
            *item_last = last;
            continue;
        }
        if overrides.captions.contains(&first) {
            items.push(Item::Caption { text });
            continue;
        }
        items.push(match b.kind {
            BlockKind::Heading => Item::Heading {
                level: 0,
                text,
                first,
                last,
            },
            BlockKind::Paragraph => Item::Paragraph { text, first, last },
            BlockKind::ListItem => Item::Bullet { text, first, last },
        });
    }
    for (_, start) in pending {
        items.extend(region_item(start, &mut errors));
    }
    assign_levels(&mut items, &overrides.levels, &mut errors);

    let tables: Vec<ImportedTable> = overrides
        .tables
        .iter()
        .filter_map(|spec| match parse_table(spec, &lines, &vocabulary) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(format!("{source_file}: {e}"));
                None
            }
        })
        .collect();

    let mut report = ImportedReport {
        source_file: source_file.to_string(),
        meta: overrides.report.clone(),
        document_id,
        version,
        items,
        footnotes,
        tables,
        key_figures: Vec::new(),
        plan: None,
    };
    let running: Vec<SourceLine> = lines
        .iter()
        .filter(|l| in_region(l.number).is_none())
        .cloned()
        .collect();
    report.key_figures = key_figures(&report, &running);
    if let Some(spec) = &overrides.plan {
        match parse_plan(&report, spec) {
            Ok(plan) => report.plan = Some(plan),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        Err(errors)
    }
}

/// Gives every heading its level; see the module documentation.
fn assign_levels(items: &mut [Item], levels: &BTreeMap<String, u8>, errors: &mut Vec<String>) {
    let mut previous: Option<u8> = None;
    let mut previous_was_heading = false;
    let mut used = BTreeSet::new();
    for item in items.iter_mut() {
        if let Item::Heading { level, first, .. } = item {
            let key = first.to_string();
            let given = levels.get(&key).copied();
            if given.is_some() {
                used.insert(key);
            }
            *level = match (given, previous) {
                (Some(l), _) => l,
                (None, None) => 2,
                (None, Some(p)) if previous_was_heading => (p + 1).min(6),
                (None, Some(p)) => p,
            }
            .clamp(2, 6);
            previous = Some(*level);
            previous_was_heading = true;
        } else {
            previous_was_heading = false;
        }
    }
    for key in levels.keys().filter(|k| !used.contains(*k)) {
        errors.push(format!(
            "overrides: [levels] names line {key}, where no heading starts"
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

fn is_figure_token(t: &str) -> bool {
    let core = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    !core.is_empty()
        && core.chars().next().is_some_and(|c| c.is_ascii_digit())
        && core.chars().all(|c| c.is_ascii_digit() || c == ',')
        && core.matches(',').count() <= 1
        || t == "-"
}

/// A token that continues a number after a space thousands separator: three digits, maybe
/// with decimals (`279,8`).
fn is_thousands_group(t: &str) -> bool {
    let digits = t.split(',').next().unwrap_or_default();
    digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()) && t.matches(',').count() <= 1
}

/// A token that can start a number written with space separators (`9`, `-10`, `+1`).
fn can_start_grouped(t: &str) -> bool {
    let core = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    !core.contains(',') && (1..=3).contains(&core.len()) && core.chars().all(|c| c.is_ascii_digit())
}

/// All ways to read `tokens` as exactly `n` numbers, where a number is one token or a token of
/// up to three digits followed by groups of three (`9 279,8`). Stops counting at two.
fn segmentations(tokens: &[&str], n: usize) -> Vec<Vec<String>> {
    fn go(tokens: &[&str], n: usize, acc: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        if out.len() >= 2 {
            return;
        }
        if tokens.is_empty() {
            if n == 0 {
                out.push(acc.clone());
            }
            return;
        }
        if n == 0 {
            return;
        }
        let mut len = 1;
        loop {
            acc.push(tokens[..len].join(" "));
            go(&tokens[len..], n - 1, acc, out);
            acc.pop();
            if !(can_start_grouped(tokens[0])
                && len < tokens.len()
                && is_thousands_group(tokens[len])
                && !tokens[len - 1].contains(','))
            {
                break;
            }
            len += 1;
        }
    }
    let mut out = Vec::new();
    go(tokens, n, &mut Vec::new(), &mut out);
    out
}

/// Splits a row into its label and its figures (`Skatteintäkter 6 957 7 327` → label and
/// `["6 957", "7 327"]` for two columns). Fewer figures than columns fill from the left.
pub fn split_row(text: &str, columns: usize) -> Result<(String, Vec<String>), String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let figures_from = tokens
        .iter()
        .rposition(|t| !is_figure_token(t))
        .map_or(0, |i| i + 1);
    if figures_from == tokens.len() {
        return Ok((tokens.join(" "), Vec::new()));
    }
    // A figure that ends the label (`under 2023  -12 2 2`): the longest tail that gives one
    // figure per column, read in exactly one way.
    for start in figures_from..tokens.len() {
        let found = segmentations(&tokens[start..], columns);
        if found.len() == 1 {
            let figures = found.into_iter().next().unwrap_or_default();
            return Ok((tokens[..start].join(" "), figures));
        }
        if found.len() > 1 {
            break;
        }
    }
    let (label, figures) = tokens.split_at(figures_from);
    let label = label.join(" ");
    for n in (1..=columns).rev() {
        let found = segmentations(figures, n);
        match found.len() {
            0 => continue,
            1 => return Ok((label, found.into_iter().next().unwrap_or_default())),
            _ => {
                return Err(format!(
                    "the figures `{}` split into {n} columns in more than one way",
                    figures.join(" ")
                ));
            }
        }
    }
    Err(format!(
        "the figures `{}` do not fit {columns} columns",
        figures.join(" ")
    ))
}

/// Rebuilds a table from its source lines: label lines without figures join the next line
/// when it continues them (starts in lower case) and are rows without figures otherwise;
/// a line of figures only belongs to the label above it.
fn parse_table(
    spec: &TableSpec,
    lines: &[SourceLine],
    vocabulary: &Vocabulary,
) -> Result<ImportedTable, String> {
    let (first, last) = parse_range(&spec.lines)?;
    let own: Vec<SourceLine> = lines
        .iter()
        .filter(|l| (first..=last).contains(&l.number))
        .cloned()
        .collect();
    let repaired = join_hyphenated(&own, vocabulary);
    let columns = spec.columns.len();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut pending: Option<(String, usize)> = None;
    for line in repaired.iter().filter(|l| !l.text.trim().is_empty()) {
        let t = line.text.trim();
        let text = match pending.take() {
            Some((label, _)) if t.starts_with(char::is_lowercase) || starts_with_figure(t) => {
                format!("{label} {t}")
            }
            Some((label, n)) => {
                rows.push(vec![label]);
                let _ = n;
                t.to_string()
            }
            None => t.to_string(),
        };
        let (label, figures) =
            split_row(&text, columns).map_err(|e| format!("line {}: {e}", line.number))?;
        if figures.is_empty() {
            pending = Some((label, line.number));
            continue;
        }
        let mut row = vec![label];
        row.extend(figures);
        rows.push(row);
    }
    if let Some((label, _)) = pending {
        rows.push(vec![label]);
    }
    if rows.is_empty() {
        return Err(format!(
            "table `{}` has no rows in lines {first}-{last}",
            spec.id
        ));
    }
    let mut header = Vec::new();
    if !spec.groups.is_empty() {
        let mut g = vec![String::new()];
        let mut last_group = "";
        for group in &spec.groups {
            g.push(if group == last_group {
                String::new()
            } else {
                group.clone()
            });
            last_group = group;
        }
        header.push(g);
    }
    let mut h = vec![spec.label.clone()];
    h.extend(spec.columns.iter().cloned());
    header.push(h);
    let header_rows = header.len();
    let (header_first, _) = match &spec.header_lines {
        Some(r) => parse_range(r)?,
        None => (first, first),
    };
    Ok(ImportedTable {
        id: spec.id.clone(),
        caption: spec.caption.clone(),
        rows: header.into_iter().chain(rows).collect(),
        header_rows,
        first_line: header_first.min(first),
        last_line: last,
        note: spec.note.clone(),
    })
}

fn starts_with_figure(t: &str) -> bool {
    t.split_whitespace().next().is_some_and(is_figure_token)
}

// ---------------------------------------------------------------------------------------------
// Key figures
// ---------------------------------------------------------------------------------------------

/// Unit words after an amount, longest first.
const UNITS: [&str; 9] = [
    "miljoner kronor",
    "procentenheter",
    "årsarbetare",
    "procent",
    "mnkr",
    "mdkr",
    "mkr",
    "Mkr",
    "%",
];

/// Splits a paragraph into sentences at `. `, `! `, `? ` before an upper-case letter or digit.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in 0..chars.len().saturating_sub(2) {
        let (i, c) = chars[w];
        if matches!(c, '.' | '!' | '?') && chars[w + 1].1 == ' ' && chars[w + 2].1.is_uppercase() {
            out.push(text[start..=i].trim());
            start = chars[w + 1].0;
        }
    }
    out.push(text[start..].trim());
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// The amounts with a unit in a sentence: (`"6 807"`, `"årsarbetare"`).
fn amounts(sentence: &str) -> Vec<(String, String)> {
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        // `(+45%)`: the per cent sign glued to the number.
        let glued = token
            .trim_start_matches('(')
            .trim_end_matches([')', ',', '.', ';', ':'])
            .strip_suffix('%');
        if let Some(number) = glued
            && number.chars().any(|c| c.is_ascii_digit())
            && parse_number(number).is_ok()
        {
            out.push((number.to_string(), "%".to_string()));
        }
        if i == 0 {
            continue;
        }
        let rest = tokens[i..].join(" ");
        let Some(unit) = UNITS.iter().find(|u| {
            rest.starts_with(*u)
                && rest[u.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }) else {
            continue;
        };
        let number = tokens[i - 1].trim_start_matches('(');
        if !number
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '-')
            || parse_number(number).is_err()
        {
            continue;
        }
        let mut value = number.to_string();
        // Space thousands separators: `9 950 mnkr`.
        if is_thousands_group(number) && i >= 2 && can_start_grouped(tokens[i - 2]) {
            value = format!("{} {value}", tokens[i - 2]);
        } else if i >= 2 && matches!(tokens[i - 2], "-" | "(-" | "(+" | "+") {
            // `(- 241 mnkr)`: the sign is written apart from the number.
            value = format!("{}{value}", tokens[i - 2].trim_start_matches('('));
        }
        if parse_number(&value).is_ok() {
            out.push((value, unit.to_string()));
        }
    }
    out
}

/// `lines` are the running text's lines (without tables), to find each figure's line.
fn key_figures(report: &ImportedReport, lines: &[SourceLine]) -> Vec<KeyFigure> {
    let mut out = Vec::new();
    for item in &report.items {
        let (text, first, last) = match item {
            Item::Paragraph { text, first, last } | Item::Bullet { text, first, last } => {
                (text, *first, *last)
            }
            _ => continue,
        };
        let text: String = text
            .chars()
            .filter(|c| *c != NOTE_OPEN && *c != NOTE_CLOSE)
            .collect();
        // Figures come in text order, so each is looked for from the line of the one before.
        let mut cursor = first;
        for sentence in sentences(&text) {
            for (value, unit) in amounts(sentence) {
                let last_group = value.split(' ').next_back().unwrap_or(&value);
                let line = lines
                    .iter()
                    .filter(|l| (cursor..=last).contains(&l.number))
                    .find(|l| {
                        l.text.split_whitespace().any(|t| {
                            t.trim_matches(|c: char| !c.is_ascii_digit())
                                == last_group.trim_matches(|c: char| !c.is_ascii_digit())
                        })
                    })
                    .map(|l| l.number);
                if let Some(n) = line {
                    cursor = n;
                }
                out.push(KeyFigure {
                    label: sentence.to_string(),
                    value,
                    unit,
                    source: match line {
                        Some(n) => report.range(n, n),
                        None => report.range(first, last),
                    },
                });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------

/// The items of the section under the heading starting at `line`, without the heading.
fn section(items: &[Item], line: usize) -> Option<&[Item]> {
    let start = items
        .iter()
        .position(|i| matches!(i, Item::Heading { first, .. } if *first == line))?;
    let Item::Heading { level, .. } = &items[start] else {
        return None;
    };
    let end = items[start + 1..]
        .iter()
        .position(|i| matches!(i, Item::Heading { level: l, .. } if l <= level))
        .map_or(items.len(), |p| start + 1 + p);
    Some(&items[start + 1..end])
}

fn item_lines(item: &Item) -> Option<(usize, usize)> {
    match item {
        Item::Heading { first, last, .. }
        | Item::Paragraph { first, last, .. }
        | Item::Bullet { first, last, .. }
        | Item::Preformatted { first, last, .. } => Some((*first, *last)),
        _ => None,
    }
}

fn items_markdown(items: &[Item], footnotes: &[Footnote]) -> String {
    let mut out = String::new();
    let mut previous_list = false;
    for item in items {
        let list = matches!(item, Item::Bullet { .. });
        if !(out.is_empty() || list && previous_list) {
            out.push('\n');
        }
        previous_list = list;
        out.push_str(&item_markdown(item));
    }
    out.push_str(&footnote_definitions(footnotes, &out));
    out
}

fn parse_plan(report: &ImportedReport, spec: &PlanSpec) -> Result<ImportedPlan, Vec<String>> {
    let mut errors = Vec::new();
    let items = &report.items;
    let missing = |line: usize, what: &str| {
        format!("overrides: [plan] {what} = {line} is not the first line of a heading")
    };
    let goals_items = section(items, spec.goals_section);
    let assignment_items = section(items, spec.assignments_section);
    if goals_items.is_none() {
        errors.push(missing(spec.goals_section, "goals_section"));
    }
    if assignment_items.is_none() {
        errors.push(missing(spec.assignments_section, "assignments_section"));
    }
    // The introduction: each section's heading as a chapter, and its text up to its first
    // sub-heading.
    let mut intro: Vec<Item> = Vec::new();
    for &line in &spec.intro_sections {
        let heading = items
            .iter()
            .find(|i| matches!(i, Item::Heading { first, .. } if *first == line));
        match (heading, section(items, line)) {
            (
                Some(Item::Heading {
                    text, first, last, ..
                }),
                Some(body),
            ) => {
                intro.push(Item::Heading {
                    level: 2,
                    text: text.clone(),
                    first: *first,
                    last: *last,
                });
                intro.extend(
                    body.iter()
                        .take_while(|i| !matches!(i, Item::Heading { .. }))
                        .cloned(),
                );
            }
            _ => errors.push(missing(line, "intro_sections")),
        }
    }
    let (Some(goals_items), Some(assignment_items)) = (goals_items, assignment_items) else {
        return Err(errors);
    };

    // A goal is a heading whose first paragraph is its organ tag.
    let mut goals: Vec<ImportedGoal> = Vec::new();
    let mut i = 0;
    while i < goals_items.len() {
        if let (
            Item::Heading {
                text, first, last, ..
            },
            Some(Item::Paragraph { text: tag, .. }),
        ) = (&goals_items[i], goals_items.get(i + 1))
            && let Some(organs) = organ_tag(tag)
        {
            let body_end = goals_items[i + 2..]
                .iter()
                .position(|x| matches!(x, Item::Heading { .. }))
                .map_or(goals_items.len(), |p| i + 2 + p);
            let body = &goals_items[i + 2..body_end];
            let last_line = body
                .iter()
                .filter_map(item_lines)
                .map(|(_, l)| l)
                .max()
                .unwrap_or(*last);
            goals.push(ImportedGoal {
                id: slugify(text),
                title: text.clone(),
                organs,
                body: items_markdown(body, &report.footnotes),
                first_line: *first,
                last_line,
            });
            i = body_end;
        } else {
            i += 1;
        }
    }
    for g in &goals {
        if !spec.goals.contains_key(&g.id) {
            errors.push(format!(
                "overrides: [plan.goals.{}] is missing: give the goal's perspective (and predecessor, if it continues a goal of an earlier plan)",
                g.id
            ));
        }
    }
    for id in spec.goals.keys() {
        if !goals.iter().any(|g| &g.id == id) {
            errors.push(format!(
                "overrides: [plan.goals.{id}] names no goal of the plan; the goals are {}",
                goals
                    .iter()
                    .map(|g| g.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }

    let assignments: Vec<ImportedAssignment> = assignment_items
        .iter()
        .filter_map(|item| match item {
            Item::Bullet { text, first, last } => {
                let (text, organs) = split_organ_tag(text);
                Some(ImportedAssignment {
                    text,
                    organs,
                    first_line: *first,
                    last_line: *last,
                })
            }
            _ => None,
        })
        .collect();
    for a in assignments.iter().filter(|a| a.organs.is_empty()) {
        errors.push(format!(
            "line {}: the assignment has no organ tag such as (RS)",
            a.first_line
        ));
    }

    // The vision is quoted: `Regionens vision är ”…”`.
    let plain = |t: &str| -> String {
        t.chars()
            .filter(|c| *c != NOTE_OPEN && *c != NOTE_CLOSE)
            .collect()
    };
    let all_text: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph { text, .. } => Some(plain(text)),
            _ => None,
        })
        .collect();
    let vision = all_text.iter().find_map(|t| {
        let at = t.find("vision är ”")?;
        let rest = &t[at + "vision är ”".len()..];
        Some(rest[..rest.find('”')?].to_string())
    });
    // The perspectives are listed: `inom fem olika perspektiv; Samhälle, …, och Ekonomi`.
    let perspectives = all_text
        .iter()
        .find_map(|t| {
            let at = t.find("perspektiv; ").or_else(|| t.find("perspektiv: "))?;
            let rest = &t[at + "perspektiv; ".len()..];
            let list = &rest[..rest.find('.')?];
            Some(
                list.replace(" och ", ", ")
                    .split(", ")
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>(),
            )
        })
        .unwrap_or_default();
    if perspectives.is_empty() {
        errors.push(
            "the plan's perspectives were not found (a sentence listing them after `perspektiv;`)"
                .into(),
        );
    }
    for (id, g) in &spec.goals {
        if !perspectives.iter().any(|p| slugify(p) == g.perspective) {
            errors.push(format!(
                "overrides: goal {id} has perspective `{}`, which is not one of the plan's: {}",
                g.perspective,
                perspectives
                    .iter()
                    .map(|p| slugify(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let first_line = spec
        .intro_sections
        .iter()
        .copied()
        .min()
        .unwrap_or(spec.goals_section);
    let last_line = assignments
        .iter()
        .map(|a| a.last_line)
        .max()
        .unwrap_or(spec.assignments_section);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ImportedPlan {
        spec: spec.clone(),
        vision,
        perspectives,
        intro: items_markdown(&intro, &report.footnotes),
        goals,
        assignments,
        first_line,
        last_line,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// One CSV line: cells separated by `;`, quoted when they hold `;` or `"`.
fn csv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains(';') || c.contains('"') {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Writes the report (and its tables, and for a plan the plan and its goals) below
/// `content_dir`.
pub fn write_report(
    report: &ImportedReport,
    content_dir: &Path,
    report_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let mut files = Files::default();
    files.report(
        content_dir,
        report_id,
        &report_record(report),
        &report.markdown(),
    )?;
    let tables = content_dir.join("rapporter").join(report_id);
    for t in &report.tables {
        let csv: String = t.rows.iter().map(|r| csv_line(r) + "\n").collect();
        files.push(tables.join(format!("{}.csv", t.id)), csv);
    }
    if let Some(plan) = &report.plan {
        let id = &plan.spec.id;
        files.plan(
            content_dir,
            id,
            &plan_record(report, plan, report_id),
            &plan.intro,
        )?;
        for (n, g) in plan.goals.iter().enumerate() {
            let spec = &plan.spec.goals[&g.id];
            let goal = RawGoal {
                title: g.title.clone(),
                perspective: text(&spec.perspective),
                order: Some(n as u32 + 1),
                organs: g.organs.iter().map(text).collect(),
                aliases: Vec::new(),
                predecessor: spec.predecessor.as_deref().map(text),
                source: Some(text(report.range(g.first_line, g.last_line))),
                assessments: Vec::new(),
                factors: Vec::new(),
            };
            files.goal(content_dir, id, &g.id, &goal, &g.body)?;
        }
    }
    files.write()
}

/// The report's front matter: the overrides' cover facts, the document box, key figures and
/// tables.
fn report_record(report: &ImportedReport) -> RawReport {
    let meta = &report.meta;
    RawReport {
        title: meta.title.clone(),
        kind: text(&meta.kind),
        period: text(&meta.period),
        date: meta.date.map(spanned),
        document_id: report.document_id.clone(),
        version: report.version.clone(),
        organ: meta.organ.as_deref().map(text),
        source: Some(text(&report.source_file)),
        key_figures: report
            .key_figures
            .iter()
            .map(|k| RawKeyFigure {
                label: k.label.clone(),
                value: spanned(RawFigure::Text(k.value.clone())),
                unit: Some(k.unit.clone()),
                source: Some(text(&k.source)),
            })
            .collect(),
        tables: report
            .tables
            .iter()
            .map(|t| RawTable {
                id: text(&t.id),
                caption: t.caption.clone(),
                header_rows: (t.header_rows != 1).then(|| spanned(t.header_rows)),
                note: t.note.clone(),
                source: Some(text(report.range(t.first_line, t.last_line))),
            })
            .collect(),
    }
}

/// A plan document's plan: vision, perspectives and assignments, and the report that holds
/// its text.
fn plan_record(report: &ImportedReport, plan: &ImportedPlan, report_id: &str) -> RawPlan {
    RawPlan {
        title: plan.spec.title.clone(),
        start: spanned(plan.spec.start),
        end: spanned(plan.spec.end),
        vision: plan.vision.clone(),
        document: Some(text(report_id)),
        source: Some(text(report.range(plan.first_line, plan.last_line))),
        perspectives: plan
            .perspectives
            .iter()
            .map(|p| RawPerspective {
                id: text(slugify(p)),
                name: p.clone(),
                description: String::new(),
                source: None,
            })
            .collect(),
        assignments: plan
            .assignments
            .iter()
            .map(|a| RawAssignment {
                text: a.text.clone(),
                organs: a.organs.iter().map(text).collect(),
                goal: None,
                source: Some(text(report.range(a.first_line, a.last_line))),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_into_label_and_figures_with_space_thousands() {
        assert_eq!(
            split_row("Skatteintäkter 6 957 7 327 7 552 7 767", 4).unwrap(),
            (
                "Skatteintäkter".to_string(),
                vec![
                    "6 957".into(),
                    "7 327".into(),
                    "7 552".into(),
                    "7 767".into()
                ]
            )
        );
        assert_eq!(
            split_row("Regionstyrelsen 9 279,8 9 610,0 9 854,5", 3)
                .unwrap()
                .1,
            ["9 279,8", "9 610,0", "9 854,5"]
        );
        // Numbers without separators and with signs.
        assert_eq!(
            split_row(
                "Verksamhetens kostnader -10454 -10607 -10855 -11172 -11489 -11808",
                6
            )
            .unwrap()
            .1,
            ["-10454", "-10607", "-10855", "-11172", "-11489", "-11808"]
        );
        // A figure inside the label stays in the label.
        assert_eq!(
            split_row("Resultat krav 1 % 99 102 105 108 111 115", 6).unwrap(),
            (
                "Resultat krav 1 %".to_string(),
                vec![
                    "99".into(),
                    "102".into(),
                    "105".into(),
                    "108".into(),
                    "111".into(),
                    "115".into()
                ]
            )
        );
        // Mixed: 1409 has no separator, 1 746 has one.
        assert_eq!(
            split_row("Likvida medel vid årets slut 916 1409 1 746 2040", 4)
                .unwrap()
                .1,
            ["916", "1409", "1 746", "2040"]
        );
        // Fewer figures than columns: they fill from the left.
        assert_eq!(
            split_row("FVIS 11,9 -15,0", 3).unwrap().1,
            ["11,9", "-15,0"]
        );
        // `1 955 1 955` in three columns could be read two ways.
        assert!(split_row("Kortfristiga 1 955 1 955", 3).is_err());
        // A year at the end of the label.
        assert_eq!(
            split_row("FVIS – projektinförande under 2023  -12 2 2", 3).unwrap(),
            (
                "FVIS – projektinförande under 2023".to_string(),
                vec!["-12".into(), "2".into(), "2".into()]
            )
        );
    }

    fn seed(name: &str) -> String {
        let path = format!("{}/../shared/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn overrides(stem: &str) -> Overrides {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        read_overrides(&dir, &format!("{stem}.txt")).unwrap()
    }

    fn import(stem: &str) -> ImportedReport {
        parse_report(
            &seed(&format!("{stem}.txt")),
            &format!("{stem}.txt"),
            &overrides(stem),
        )
        .unwrap_or_else(|e| panic!("{}", e.join("\n")))
    }

    const PLAN: &str = "001_848bf19960f96f65";
    const MONTHLY: &str = "003_3aa0ed4a4691eb71";

    #[test]
    fn headings_of_the_monthly_report_nest_under_its_chapters() {
        let r = import(MONTHLY);
        let h = r.headings();
        let chapters: Vec<&str> = h.iter().filter(|x| x.0 == 2).map(|x| x.1).collect();
        assert_eq!(
            chapters,
            [
                "Inledning",
                "Resultat februari 2023",
                "Aktuella händelser",
                "Avrapportering, pågående ärenden",
                "Information från verksamheten",
                "Regiongemensamt",
                "Hälso- och sjukvårdsnämnden",
                "Regionala utvecklingsnämnden",
                "Bilagor",
            ]
        );
        // A heading right below another is its child; a heading the layout glued to its
        // paragraph (line 198) was split off by the overrides.
        assert!(h.contains(&(3, "Division Funktion", 568)));
        assert!(h.contains(&(4, "Vårdgarantienheten", 570)));
        assert!(h.contains(&(
            3,
            "Tillgänglighet under jourtid i primärvården i Luleå och Boden",
            198
        )));
        // The signature is not a heading.
        assert!(!h.iter().any(|x| x.1 == "Ulf Bergman"));
    }

    #[test]
    fn lost_bullets_and_footnotes_become_markdown() {
        let md = import(MONTHLY).markdown();
        assert!(
            md.contains("- egen personal +249 årsarbetare\n- inhyrd personal +164 årsarbetare.")
        );
        let plan = import(PLAN).markdown();
        // `¶ ` bullets, with the organ tag that wrapped onto its own line.
        assert!(plan.contains("- Säkerställa en kontinuerlig process för ekonomi i balans. En kontinuerlig process som innebär såväl kostnadsminskningar som intäktsökningar. (RS, RUN)\n"));
        // The marker glued to `Norrbotten.1` is a footnote reference again.
        assert!(plan.contains("verkar i Norrbotten.[^1] Regionens vision"));
        assert!(plan.contains("[^1]: Med alla människor avses"));
    }

    #[test]
    fn key_figures_keep_their_sentence_and_line() {
        let r = import(MONTHLY);
        let k = r
            .key_figures
            .iter()
            .find(|k| k.value == "86")
            .expect("the 86 % figure");
        assert_eq!(k.unit, "%");
        assert_eq!(k.source, format!("{MONTHLY}.txt:70"));
        assert!(
            k.label
                .starts_with("Kostnaderna för inhyrd sjukvårdpersonal ökar med 86 %")
        );
        assert!(
            r.key_figures
                .iter()
                .any(|k| k.value == "-14" && k.unit == "mnkr")
        );
        assert!(
            r.key_figures
                .iter()
                .any(|k| k.value == "413" && k.unit == "årsarbetare")
        );
    }

    fn meta() -> Overrides {
        Overrides {
            report: ReportMeta {
                title: "T".into(),
                kind: "ovrigt".into(),
                period: "2023".into(),
                ..ReportMeta::default()
            },
            ..Overrides::default()
        }
    }

    #[test]
    fn heading_levels_follow_chains_siblings_and_overrides() {
        // Double-spaced like the seeds: a heading right below a heading is its child.
        let text = "Kapitel ett \nAvsnitt \n\nText om avsnittet som är en hel mening och inget annat än text. \n\nNästa avsnitt \n\nMer text i en mening som också slutar med en punkt här. \n\nKapitel två \n\nSista meningen i dokumentet, som slutar med en punkt. \n";
        let mut o = meta();
        let r = parse_report(text, "x.txt", &o).unwrap();
        let levels: Vec<(u8, &str)> = r.headings().iter().map(|h| (h.0, h.1)).collect();
        assert_eq!(
            levels,
            [
                (2, "Kapitel ett"),
                (3, "Avsnitt"),
                (3, "Nästa avsnitt"),
                (3, "Kapitel två")
            ]
        );
        o.levels.insert("10".into(), 2);
        let r = parse_report(text, "x.txt", &o).unwrap();
        assert_eq!(r.headings()[3], (2, "Kapitel två", 10));
        // A level for a line where no heading starts is an error, not silently ignored.
        o.levels.insert("3".into(), 2);
        let errors = parse_report(text, "x.txt", &o).unwrap_err();
        assert!(errors[0].contains("line 3"), "{errors:?}");
    }

    #[test]
    fn forced_headings_split_from_their_text_and_join_their_lines() {
        // 003 lines 2029–2033: a heading over two lines, glued to each other by the layout.
        let text = "Region Norrbotten besökte det ledande kulturpolitiska konventet \n\nFolk och kultur \n\nRegionens kulturenhet deltog under Folk och kultur i Eskilstuna 7-10 febru-\n\nari. \n";
        let mut o = meta();
        o.headings = vec!["1-3".into()];
        let r = parse_report(text, "x.txt", &o).unwrap();
        assert_eq!(
            r.headings(),
            [(
                2,
                "Region Norrbotten besökte det ledande kulturpolitiska konventet Folk och kultur",
                1
            )]
        );
        assert!(r.markdown().contains("Eskilstuna 7-10 februari."));
    }

    #[test]
    fn markdown_escapes_what_would_be_markup() {
        assert_eq!(
            escape_markdown("a *b* [c] <d>"),
            "a \\*b\\* \\[c\\] \\<d\\>"
        );
        assert_eq!(escape_markdown("- Timlön 2,7"), "\\- Timlön 2,7");
        assert_eq!(
            escape_markdown(&format!("Norrbotten.{NOTE_OPEN}1{NOTE_CLOSE} Regionens")),
            "Norrbotten.[^1] Regionens"
        );
    }

    #[test]
    fn organ_tags_are_read_and_split_off() {
        assert_eq!(
            organ_tag("(RS, RUN)"),
            Some(vec!["rs".into(), "run".into()])
        );
        assert_eq!(
            organ_tag("(RS,  RUN)"),
            Some(vec!["rs".into(), "run".into()])
        );
        assert_eq!(organ_tag("(2023)"), None);
        assert_eq!(
            split_organ_tag("Utveckla den palliativa vården. (RS)"),
            (
                "Utveckla den palliativa vården.".to_string(),
                vec!["rs".to_string()]
            )
        );
    }
}
