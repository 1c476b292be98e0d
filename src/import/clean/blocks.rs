//! Blocks: wrapped lines joined into paragraphs, headings and list items.
//!
//! # Rules for double-spaced text
//!
//! Every PDF line is followed by an empty line, so empty lines carry no meaning. Between two
//! consecutive non-empty lines A and B a new block starts when:
//!
//! - B starts a list item: it begins with `¶ ` (a lost bullet in 001), or it is indented and
//!   the source line before it is empty (a bullet that lost its glyph). An indented line whose
//!   previous source line is non-empty (or was removed as furniture) is the first line of a new
//!   page and says nothing about structure.
//! - otherwise, never when B starts in lower case (a wrapped sentence), or when B gave its
//!   first word to A in [`join_hyphenated`](super::join_hyphenated) (`hushåll-` / `ning. Det …`);
//! - when B starts in upper case right below A, without the usual empty line between them:
//!   the extraction does that after headings;
//! - when A ends a sentence (`.`, `!`, `?`, `:`, also before a closing quote or bracket);
//! - when A is short: if A plus the first word of B would have fitted within
//!   [`WRAP_WIDTH`] characters, the line was not wrapped, so A ended its block (headings,
//!   labels, table rows).
//!
//! A block is a [`BlockKind::Heading`] when it is at most three short lines, at most 120
//! characters, starts with an upper-case letter or `§`, does not end in punctuation and holds
//! fewer than two numbers. These rules are layout heuristics: a sentence that happens to end
//! at the end of a line splits its paragraph in two, which loses nothing but a paragraph join.
//!
//! Single-spaced text (002: one paragraph per line, TAB-separated tables, `- ` bullets) gets a
//! simpler rule: every non-empty line is a block, except that a line without final punctuation
//! continues on the next line if that starts in lower case (a paragraph split by a page break).

use super::hyphens::{LineStart, line_starts, repair_hyphens};
use super::{SourceLine, Vocabulary, is_blank};

/// Body text in 000, 001, 003 and 004 wraps at 70–89 characters. A line that is shorter than
/// this even with the next word added was not wrapped by the layout.
pub const WRAP_WIDTH: usize = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
}

/// A paragraph, heading or list item after joining wrapped lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub first_line: usize,
    pub last_line: usize,
}

/// How the extraction laid out the lines of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// Every PDF line followed by an empty line (000, 001, 003, 004).
    Double,
    /// One paragraph or table row per line (002).
    Single,
}

/// Single-spaced text has whole paragraphs on a line; double-spaced text wraps at ~80
/// characters, so more than a tenth of lines over 100 characters means single spacing.
pub fn detect_spacing(lines: &[SourceLine]) -> Spacing {
    let content: Vec<&SourceLine> = lines.iter().filter(|l| !is_blank(&l.text)).collect();
    let long = content
        .iter()
        .filter(|l| l.text.chars().count() > 100)
        .count();
    if long * 10 > content.len() {
        Spacing::Single
    } else {
        Spacing::Double
    }
}

/// Joins the text of wrapped lines with single spaces. A line still ending in a hyphen after
/// [`join_hyphenated`] is a real hyphen before a shared tail (`hälso- och`), so the space
/// belongs there too.
pub(super) fn join_wrapped(texts: &[&str]) -> String {
    texts
        .iter()
        .map(|t| t.trim_matches(' '))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strips trailing closing quotes and brackets, and a trailing tag such as `(RS)` after a
/// period, to see how the sentence itself ends.
fn sentence_end(t: &str) -> Option<char> {
    let mut t = t.trim_end();
    if let Some(open) = t.rfind(" (")
        && t.ends_with(')')
        && t[..open].ends_with('.')
    {
        t = &t[..open];
    }
    t.trim_end_matches(['”', '"', '’', ')', '»']).chars().last()
}

fn ends_sentence(t: &str) -> bool {
    matches!(sentence_end(t), Some('.' | '!' | '?' | ':'))
}

fn starts_lowercase(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

fn is_number_token(t: &str) -> bool {
    let t = t.trim_end_matches([',', ';', ')']);
    !t.chars().any(char::is_alphabetic) && crate::model::parse_number(t).is_ok()
}

/// Is there a block boundary between line `a` and the following line `b`? `a_width` is the
/// length of `a` as laid out, before hyphen repair moved its first word up: only the layout
/// says whether the line was wrapped.
fn starts_new_block(a: &str, a_width: usize, b: &str) -> bool {
    if starts_lowercase(b) {
        return false;
    }
    if ends_sentence(a) {
        return true;
    }
    let next_word = b.split_whitespace().next().unwrap_or_default();
    a_width + 1 + next_word.chars().count() <= WRAP_WIDTH
}

struct Builder {
    item: bool,
    texts: Vec<String>,
    all_short: bool,
    first_line: usize,
    last_line: usize,
}

impl Builder {
    fn new(item: bool, text: &str, number: usize) -> Self {
        Self {
            item,
            texts: vec![text.to_string()],
            all_short: text.chars().count() < WRAP_WIDTH,
            first_line: number,
            last_line: number,
        }
    }

    fn push(&mut self, text: &str, number: usize) {
        self.all_short &= text.chars().count() < WRAP_WIDTH;
        self.texts.push(text.to_string());
        self.last_line = number;
    }

    fn finish(self) -> Block {
        let refs: Vec<&str> = self.texts.iter().map(String::as_str).collect();
        let text = join_wrapped(&refs);
        let kind = if self.item {
            BlockKind::ListItem
        } else if self.all_short && self.texts.len() <= 3 && looks_like_heading(&text) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        Block {
            kind,
            text,
            first_line: self.first_line,
            last_line: self.last_line,
        }
    }
}

fn looks_like_heading(text: &str) -> bool {
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '§');
    let ends_in_punctuation = text
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | ',' | '-'));
    let numbers = text
        .split_whitespace()
        .filter(|t| is_number_token(t))
        .count();
    starts_well
        && !ends_in_punctuation
        && text.chars().count() <= 120
        && numbers < 2
        && !text.contains('\t')
}

/// Joins wrapped lines into blocks; see the module documentation for the rules. Expects lines
/// after [`remove_page_furniture`] and [`extract_footnotes`]; repairs hyphenation itself.
pub fn unwrap_blocks(lines: &[SourceLine], vocab: &Vocabulary) -> Vec<Block> {
    let spacing = detect_spacing(lines);
    // Line starts must be read before hyphen repair moves words between lines.
    let starts = line_starts(lines);
    let (joined, continued) = repair_hyphens(lines, vocab);
    let mut blocks = Vec::new();
    let mut current: Option<Builder> = None;
    let mut previous_number = 0;
    let mut previous_width = 0;
    for (((line, original), start), continued) in
        joined.iter().zip(lines).zip(starts).zip(continued)
    {
        // Table rows keep their leading TABs: an empty first cell is data (002).
        let t = if line.text.contains('\t') {
            line.text.trim_matches(' ')
        } else {
            line.text.trim()
        };
        if t.trim().is_empty() {
            // A line whose only word moved up still belongs to the block, for tracing.
            if let Some(b) = current.as_mut().filter(|_| continued) {
                b.last_line = line.number;
            }
            continue;
        }
        // No empty line between two lines happens after headings, so a capitalised line
        // right below a line that is not a sentence ends that block (003 line 157).
        let directly_below = previous_number + 1 == line.number && start == LineStart::Plain;
        previous_number = line.number;
        let width = original.text.trim().chars().count();
        let (item, body) = match spacing {
            Spacing::Double => match t.strip_prefix("¶ ") {
                Some(rest) => (true, rest.trim_start()),
                None => (start == LineStart::LostBullet, t),
            },
            Spacing::Single => match t.strip_prefix("- ") {
                Some(rest) => (true, rest.trim_start()),
                None => (false, t),
            },
        };
        let continues = match (&current, spacing) {
            (None, _) => false,
            (Some(_), _) if continued => true,
            (Some(_), _) if item => false,
            (Some(b), Spacing::Double) => {
                let last = &b.texts[b.texts.len() - 1];
                let below_heading = directly_below
                    && !last.ends_with('-')
                    && body.chars().next().is_some_and(char::is_uppercase);
                !below_heading && !starts_new_block(last, previous_width, body)
            }
            (Some(b), Spacing::Single) => {
                let last = &b.texts[b.texts.len() - 1];
                let joinable = !last.contains('\t') && !body.contains('\t');
                joinable && !ends_sentence(last) && starts_lowercase(body)
            }
        };
        match current.as_mut() {
            Some(b) if continues => b.push(body, line.number),
            _ => {
                if let Some(b) = current.take() {
                    blocks.push(b.finish());
                }
                current = Some(Builder::new(item, body, line.number));
            }
        }
        previous_width = width;
    }
    if let Some(b) = current {
        blocks.push(b.finish());
    }
    blocks
}
