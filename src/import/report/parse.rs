//! Reading a report's cleaned lines into items: regions the overrides take out of the text,
//! blocks cut where the overrides say, heading levels, and the tables, key figures and plan.

use std::collections::{BTreeMap, BTreeSet};

use super::document::{ImportedReport, ImportedTable, Item, NOTE_CLOSE, NOTE_OPEN};
use super::figures::key_figures;
use super::overrides::{Overrides, overrides_name, parse_range};
use super::plan::parse_plan;
use super::tables::parse_table;
use crate::import::clean::{
    Block, BlockKind, Footnote, SourceLine, Vocabulary, extract_footnotes, join_hyphenated,
    remove_furniture, source_lines, unwrap_blocks,
};
use crate::import::profile::Profile;

/// Puts footnote markers back where [`extract_footnotes`] stripped them.
pub(super) fn mark_footnotes(
    lines: &mut [SourceLine],
    before: &[SourceLine],
    footnotes: &[Footnote],
) {
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
pub(super) fn organ_tag(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    let organs: Vec<String> = inner.split(',').map(|o| o.trim().to_string()).collect();
    let valid = organs
        .iter()
        .all(|o| (2..=5).contains(&o.chars().count()) && o.chars().all(|c| c.is_ascii_uppercase()));
    valid.then(|| organs.iter().map(|o| o.to_lowercase()).collect())
}

/// Splits a trailing organ tag off an item: `Utveckla … (RS)` → (`Utveckla …`, `["rs"]`).
pub(super) fn split_organ_tag(text: &str) -> (String, Vec<String>) {
    if let Some(open) = text.rfind('(')
        && let Some(organs) = organ_tag(&text[open..])
    {
        return (text[..open].trim_end().to_string(), organs);
    }
    (text.to_string(), Vec::new())
}

/// Reads a report from the text of its source file; the organisation's `profile` tells its
/// document box.
pub fn parse_report(
    text: &str,
    source_file: &str,
    overrides: &Overrides,
    profile: &Profile,
) -> Result<ImportedReport, Vec<String>> {
    let mut errors = Vec::new();
    let raw = source_lines(text);
    let (document_id, version) = profile.document_box(&raw);
    let without_furniture = remove_furniture(&raw, &profile.furniture());
    let vocabulary = Vocabulary::from_lines(&without_furniture);
    let (mut lines, footnotes) = extract_footnotes(&without_furniture);
    mark_footnotes(&mut lines, &without_furniture, &footnotes);

    let regions = Regions::from_overrides(overrides, &mut errors);
    let forced_headings: Vec<(usize, usize)> = overrides
        .headings
        .iter()
        .filter_map(|h| line_range(h, &mut errors))
        .collect();
    let cuts = block_cuts(overrides, &regions, &forced_headings);
    let blocks = segment_blocks(&lines, &regions, &cuts, &vocabulary);
    check_cut_lines(overrides, &lines, source_file, &mut errors);
    let blocks = apply_block_overrides(blocks, overrides, &forced_headings, &mut errors);
    let context = ItemContext {
        overrides,
        regions: &regions,
        without_furniture: &without_furniture,
        vocabulary: &vocabulary,
    };
    let mut items = context.items(&blocks, &mut errors);
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
        .filter(|l| regions.find(l.number).is_none())
        .cloned()
        .collect();
    report.key_figures = key_figures(&report, &running);
    if let Some(spec) = &overrides.plan {
        match parse_plan(&report, spec, &profile.perspective_list_after) {
            Ok(plan) => report.plan = Some(plan),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        // What the overrides say wrongly is located in the overrides file, the rest in the
        // source.
        let name = overrides_name(source_file);
        Err(errors
            .into_iter()
            .map(|e| match e.strip_prefix("overrides: ") {
                Some(rest) => format!("{name}: {rest}"),
                None if e.contains(source_file) => e,
                None => format!("{source_file}: {e}"),
            })
            .collect())
    }
}

/// A line range of the overrides, or an error naming it.
fn line_range(text: &str, errors: &mut Vec<String>) -> Option<(usize, usize)> {
    match parse_range(text) {
        Ok(r) => Some(r),
        Err(e) => {
            errors.push(format!("overrides: {e}"));
            None
        }
    }
}

/// What a region taken out of the running text becomes.
enum RegionKind {
    Skip,
    /// A table rebuilt as data: index into the overrides' `tables`.
    Table(usize),
    /// A table shown as in the source: index into the overrides' `preformatted`.
    Pre(usize),
}

/// The regions taken out of the running text (skipped lines, tables and preformatted
/// tables), sorted by their lines.
struct Regions {
    list: Vec<((usize, usize), RegionKind)>,
    /// Regions whose removal must not join the text around them.
    cut: Vec<(usize, usize)>,
}

impl Regions {
    fn from_overrides(overrides: &Overrides, errors: &mut Vec<String>) -> Self {
        let mut list = Vec::new();
        let mut cut = Vec::new();
        for s in &overrides.skip {
            if let Some(r) = line_range(&s.lines, errors) {
                list.push((r, RegionKind::Skip));
            }
        }
        for (i, t) in overrides.tables.iter().enumerate() {
            let rows = line_range(&t.lines, errors);
            let header = t.header_lines.as_ref().and_then(|h| line_range(h, errors));
            if let Some((a, b)) = rows {
                let r = header.map_or((a, b), |(c, d)| (a.min(c), b.max(d)));
                list.push((r, RegionKind::Table(i)));
                if !t.joins_text {
                    cut.push(r);
                }
            }
        }
        for (i, p) in overrides.preformatted.iter().enumerate() {
            if let Some(r) = line_range(&p.lines, errors) {
                list.push((r, RegionKind::Pre(i)));
                cut.push(r);
            }
        }
        list.sort_by_key(|(r, _)| *r);
        Self { list, cut }
    }

    /// The region holding line `n`.
    fn find(&self, n: usize) -> Option<&((usize, usize), RegionKind)> {
        self.list.iter().find(|((a, b), _)| (*a..=*b).contains(&n))
    }
}

/// Block boundaries the layout does not show: the overrides' breaks, the edges of forced
/// headings and of cut regions.
fn block_cuts(
    overrides: &Overrides,
    regions: &Regions,
    forced_headings: &[(usize, usize)],
) -> BTreeSet<usize> {
    let mut cuts: BTreeSet<usize> = overrides.breaks.iter().copied().collect();
    for &(a, b) in forced_headings.iter().chain(&regions.cut) {
        cuts.insert(a);
        cuts.insert(b + 1);
    }
    cuts
}

/// Cuts the lines into segments and unwraps each into blocks; the regions' lines are left
/// out. Empty lines go with the segment after them, so that a bullet at the start of a
/// segment is still seen as one.
fn segment_blocks(
    lines: &[SourceLine],
    regions: &Regions,
    cuts: &BTreeSet<usize>,
    vocabulary: &Vocabulary,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut segment: Vec<SourceLine> = Vec::new();
    let flush = |segment: &mut Vec<SourceLine>, blocks: &mut Vec<Block>| {
        if segment.iter().any(|l| !l.text.trim().is_empty()) {
            blocks.extend(unwrap_blocks(segment, vocabulary));
        }
        segment.clear();
    };
    let mut placed: BTreeSet<usize> = BTreeSet::new();
    let mut previous_content = 0;
    for line in lines {
        let blank = line.text.trim().is_empty();
        if let Some(((a, _), _)) = regions.find(line.number) {
            if placed.insert(*a) && regions.cut.iter().any(|(c, _)| c == a) {
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
    blocks
}

/// Cuts that fall inside a region or an empty stretch are harmless; cuts on no line at all
/// mean the overrides file is out of date.
fn check_cut_lines(
    overrides: &Overrides,
    lines: &[SourceLine],
    source_file: &str,
    errors: &mut Vec<String>,
) {
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
}

/// Block kinds from the overrides: the blocks of a forced heading become one heading, a
/// `not_headings` block a paragraph, and `joins` paragraphs join the one above.
fn apply_block_overrides(
    blocks: Vec<Block>,
    overrides: &Overrides,
    forced_headings: &[(usize, usize)],
    errors: &mut Vec<String>,
) -> Vec<Block> {
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
    merged
}

/// What turning blocks and regions into items needs.
struct ItemContext<'a> {
    overrides: &'a Overrides,
    regions: &'a Regions,
    without_furniture: &'a [SourceLine],
    vocabulary: &'a Vocabulary,
}

impl ItemContext<'_> {
    /// Items in source order; tables and preformatted tables go before the first block that
    /// starts after their position.
    fn items(&self, blocks: &[Block], errors: &mut Vec<String>) -> Vec<Item> {
        let mut positioned: Vec<(usize, usize)> = self
            .regions
            .list
            .iter()
            .filter_map(|((a, _), kind)| match kind {
                RegionKind::Skip => None,
                RegionKind::Table(i) => Some((self.overrides.tables[*i].at.unwrap_or(*a), *a)),
                RegionKind::Pre(_) => Some((*a, *a)),
            })
            .collect();
        positioned.sort();
        let mut pending = positioned.into_iter().peekable();
        let mut items: Vec<Item> = Vec::new();
        for b in blocks {
            while let Some((_, start)) = pending.next_if(|(at, _)| *at < b.first_line) {
                items.extend(self.region_item(start, errors));
            }
            self.push_block(&mut items, b);
        }
        for (_, start) in pending {
            items.extend(self.region_item(start, errors));
        }
        items
    }

    /// A block as an item; an organ tag wrapped onto its own line joins the list item above.
    fn push_block(&self, items: &mut Vec<Item>, b: &Block) {
        let text = b.text.clone();
        let (first, last) = (b.first_line, b.last_line);
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
            return;
        }
        if self.overrides.captions.contains(&first) {
            items.push(Item::Caption { text });
            return;
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

    /// The item of the region starting at `start`: a table's placeholder or a preformatted
    /// table; skipped lines give none.
    fn region_item(&self, start: usize, errors: &mut Vec<String>) -> Option<Item> {
        let ((a, b), kind) = self.regions.list.iter().find(|((a, _), _)| *a == start)?;
        match kind {
            RegionKind::Skip => None,
            RegionKind::Table(i) => Some(Item::Table {
                id: self.overrides.tables[*i].id.clone(),
            }),
            RegionKind::Pre(i) => {
                // Shown as in the source, but a word the layout split at a line end is joined
                // as everywhere else (`befolknings-` / `prognos`).
                let own: Vec<SourceLine> = self
                    .without_furniture
                    .iter()
                    .filter(|l| (*a..=*b).contains(&l.number))
                    .cloned()
                    .collect();
                let region_lines: Vec<String> = join_hyphenated(&own, self.vocabulary)
                    .iter()
                    .filter(|l| !l.text.trim().is_empty())
                    .map(|l| l.text.trim().to_string())
                    .collect();
                if region_lines.is_empty() {
                    errors.push(format!("overrides: preformatted lines {a}-{b} are empty"));
                }
                Some(Item::Preformatted {
                    caption: self.overrides.preformatted[*i].caption.clone(),
                    lines: region_lines,
                    first: *a,
                    last: *b,
                })
            }
        }
    }
}

/// Gives every heading its level; see the module documentation.
pub(super) fn assign_levels(
    items: &mut [Item],
    levels: &BTreeMap<String, u8>,
    errors: &mut Vec<String>,
) {
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
