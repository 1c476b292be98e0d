//! Shared text cleaning for all importers.
//!
//! The seed documents are plain text extracted from PDFs (see `seeds/README.md`). This module
//! owns undoing the extraction damage that is the same in every document, while keeping every
//! piece of text traceable to its 1-based line in the source file:
//!
//! 1. [`source_lines`] numbers the raw lines.
//! 2. [`remove_furniture`] drops page footers (`Sida 24 (32)`,
//!    `Regionstyrelsen 14 oktober 2020  Sida 13 (80)`), the reports' document-id box, and the
//!    running headers, document box and correction blocks of an organisation's template
//!    ([`Furniture`], from the importer's profile).
//! 3. [`extract_footnotes`] moves footnote texts out of the running text and strips the markers
//!    glued to words (`Norrbotten.1`, `februari 20201`).
//! 4. [`join_hyphenated`] repairs words hyphenated across lines, using a [`Vocabulary`] of the
//!    whole document to keep real hyphens.
//! 5. [`unwrap_blocks`] joins wrapped lines into paragraphs, headings and list items.
//!
//! [`clean_document`] runs all of these. Numbers are read by `crate::model::parse_number`, as
//! they are written in the tables.
//!
//! Each step is a submodule (`furniture`, `footnotes`, `hyphens`, `blocks`; the last documents
//! the block rules); this module holds the numbered lines they all work on and the pipeline.

mod blocks;
mod footnotes;
mod furniture;
mod hyphens;
#[cfg(test)]
mod tests;

pub use blocks::{Block, BlockKind, Spacing, WRAP_WIDTH, detect_spacing, unwrap_blocks};
pub use footnotes::{Footnote, extract_footnotes};
pub use furniture::{Furniture, remove_furniture, remove_page_furniture};
pub use hyphens::{Vocabulary, join_hyphenated};

/// One line of the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line number in the source file.
    pub number: usize,
    pub text: String,
}

/// Splits a source file into numbered lines.
pub fn source_lines(text: &str) -> Vec<SourceLine> {
    text.lines()
        .enumerate()
        .map(|(i, text)| SourceLine {
            number: i + 1,
            text: text.to_string(),
        })
        .collect()
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Index of the first non-blank line at or after `from`.
fn next_content(lines: &[SourceLine], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| !is_blank(&lines[i].text))
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// A source file after all cleaning steps.
#[derive(Debug, Clone)]
pub struct CleanDocument {
    pub spacing: Spacing,
    /// Lines without furniture and footnotes, markers stripped, hyphenation not yet repaired.
    pub lines: Vec<SourceLine>,
    pub footnotes: Vec<Footnote>,
    pub vocabulary: Vocabulary,
    pub blocks: Vec<Block>,
}

/// Runs the whole cleaning pipeline on the text of one source file, removing only the page
/// furniture every document has.
pub fn clean_document(text: &str) -> CleanDocument {
    clean_document_with(text, &Furniture::default())
}

/// Runs the whole cleaning pipeline, also removing an organisation's template `furniture`.
pub fn clean_document_with(text: &str, furniture: &Furniture) -> CleanDocument {
    let raw = source_lines(text);
    let without_furniture = remove_furniture(&raw, furniture);
    let vocabulary = Vocabulary::from_lines(&without_furniture);
    let (lines, footnotes) = extract_footnotes(&without_furniture);
    let blocks = unwrap_blocks(&lines, &vocabulary);
    CleanDocument {
        spacing: detect_spacing(&lines),
        lines,
        footnotes,
        vocabulary,
        blocks,
    }
}
