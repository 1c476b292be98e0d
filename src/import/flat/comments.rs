//! The region's comments under a factor's table: subsections with their headings, and which
//! measure each paragraph belongs to.

use super::layout::Parser;
use crate::import::clean::{Block, BlockKind};
use crate::import::followup::{ImportedComment, ImportedMeasure, words};

impl Parser<'_> {
    /// Comment subsections: a heading and its paragraphs; paragraphs before any heading form a
    /// subsection without one. Each paragraph is its own comment so that overrides can attach
    /// paragraphs of one subsection to different measures.
    pub(super) fn comments(&self, from: usize, to: usize) -> Vec<ImportedComment> {
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
    pub(super) fn attach(
        &self,
        measures: &[ImportedMeasure],
        c: &ImportedComment,
    ) -> Option<usize> {
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

    /// Reads the comments of `from..to` and gives each to its measure; returns those that
    /// concern no single measure (the factor's own comments).
    pub(super) fn attach_comments(
        &self,
        measures: &mut [ImportedMeasure],
        from: usize,
        to: usize,
    ) -> Vec<ImportedComment> {
        let mut unattached = Vec::new();
        for c in self.comments(from, to) {
            match self.attach(measures, &c) {
                Some(m) => measures[m].comments.push(c),
                // A factor with one measure: its comments are about that measure.
                None if measures.len() == 1 && !self.overridden(&c) => measures[0].comments.push(c),
                None => unattached.push(c),
            }
        }
        unattached
    }

    /// Whether an override places the comment (possibly nowhere in this factor).
    pub(super) fn overridden(&self, c: &ImportedComment) -> bool {
        self.overrides
            .comment
            .iter()
            .any(|o| (o.lines[0]..=o.lines[1]).contains(&c.first_line))
    }
}

/// A comment subsection's heading: a short line without final punctuation. Lines of small
/// tables inside comments (`Stödbelopp totalt 12,2 mnkr 78 %`) are not headings.
pub(super) fn is_subheading(b: &Block) -> bool {
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
pub(super) fn strip_bullet(t: &str) -> &str {
    t.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '”')
}

/// Share of the heading's words that occur in the name (headings shorten measure names).
pub(super) fn containment(heading: &str, name: &str) -> f64 {
    let h = words(heading);
    if h.len() < 2 {
        return 0.0;
    }
    let n = words(name);
    let found = h
        .iter()
        .filter(|w| {
            n.iter()
                .any(|x| x == *w || (w.len() >= 6 && x.starts_with(w.as_str())))
        })
        .count();
    found as f64 / h.len() as f64
}
