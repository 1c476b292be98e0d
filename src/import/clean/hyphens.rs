//! Words hyphenated across lines: a layout hyphen is dropped and the halves joined, a real one
//! (`EU-programmet`, `1354-2020`) kept, decided with the vocabulary of the whole document.
//! Also how each line starts (a page start or a lost bullet), which the block rules need too.

use std::collections::HashSet;

use super::{SourceLine, is_blank, next_content};
use crate::model::MONTHS;

const WEEKDAYS: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];

/// The words of a whole document, lower-cased, used to decide between `juli-september` and a
/// joined word. Line-end fragments (tokens ending in `-`) are not words.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    pub fn from_lines(lines: &[SourceLine]) -> Self {
        let words = lines
            .iter()
            .flat_map(|l| l.text.split_whitespace())
            .filter(|t| !t.ends_with('-'))
            .map(|t| {
                t.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        Self { words }
    }

    /// Case-insensitive membership.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

/// What to do with a line that ends in a hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hyphen {
    /// Soft hyphen from the layout: drop it and join the word halves.
    Join,
    /// Real hyphen: keep it and join without a space (`EU-programmet`, `1354-2020`).
    Keep,
    /// Leave both lines alone (`hälso-` / `och sjukvård`, or nothing to join with).
    Leave,
}

fn is_acronym(s: &str) -> bool {
    s.chars().count() >= 2 && s.chars().all(|c| c.is_uppercase())
}

fn is_range_word(s: &str) -> bool {
    let s = s.to_lowercase();
    MONTHS.contains(&s.as_str()) || WEEKDAYS.contains(&s.as_str())
}

fn decide_hyphen(prefix: &str, word: &str, next_is_page_start: bool, vocab: &Vocabulary) -> Hyphen {
    let (Some(last), Some(first)) = (prefix.chars().last(), word.chars().next()) else {
        return Hyphen::Leave;
    };
    let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    if last.is_ascii_digit() {
        return if first.is_ascii_digit() {
            Hyphen::Keep
        } else {
            Hyphen::Leave
        };
    }
    if !last.is_alphabetic() {
        return Hyphen::Leave;
    }
    // The letters of the prefix word (`pati` from `(pati-`).
    let stem: String = prefix
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let joined = format!("{stem}{core}");
    let hyphenated = format!("{stem}-{core}");
    if first.is_uppercase() {
        // `Sve-` / `Dem` is `SveDem` elsewhere in 004.
        if vocab.contains(&joined) && !vocab.contains(&hyphenated) {
            return Hyphen::Join;
        }
        // `Nordsjö-` / `Östersjökorridoren`; but across a page break the next line is
        // often a table or heading, not the rest of the word.
        return if next_is_page_start {
            Hyphen::Leave
        } else {
            Hyphen::Keep
        };
    }
    if !first.is_lowercase() {
        return Hyphen::Leave;
    }
    // `hälso-` / `och sjukvård`: a shared compound tail, the hyphen ends the word.
    if ["och", "eller", "samt"].contains(&core) {
        return Hyphen::Leave;
    }
    if is_acronym(&stem) || (is_range_word(&stem) && is_range_word(core)) {
        return Hyphen::Keep;
    }
    if vocab.contains(&hyphenated) && !vocab.contains(&joined) {
        Hyphen::Keep
    } else {
        Hyphen::Join
    }
}

/// How a non-empty line starts, which tells page breaks from lost bullets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineStart {
    Plain,
    /// Indented right after a non-empty or removed line: the first line of a page.
    PageStart,
    /// Indented after an empty line: a bullet whose glyph was lost. Also a line indented by
    /// two spaces right below such a bullet: the extraction drops the empty line between
    /// consecutive bullets now and then (003 lines 128–129), and a page start has one space.
    LostBullet,
}

pub(super) fn line_starts(lines: &[SourceLine]) -> Vec<LineStart> {
    let mut starts: Vec<LineStart> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if is_blank(&line.text) || !line.text.starts_with(char::is_whitespace) {
            starts.push(LineStart::Plain);
            continue;
        }
        let adjacent = i > 0 && lines[i - 1].number + 1 == line.number;
        let previous_is_empty = adjacent && is_blank(&lines[i - 1].text);
        let below_bullet =
            adjacent && starts[i - 1] == LineStart::LostBullet && line.text.starts_with("  ");
        starts.push(if previous_is_empty || below_bullet {
            LineStart::LostBullet
        } else {
            LineStart::PageStart
        });
    }
    starts
}

/// Repairs words hyphenated across lines.
///
/// For a line ending in a hyphen directly after a letter or digit, the next non-empty line
/// gives the word that continues it:
///
/// - letter `-` + lower case: join (`pati-` + `entnämnden`), except for an upper-case acronym
///   (`EU-programmet`, `IT-system`), a month or weekday range (`juli-september`) or when the
///   hyphenated form occurs in the document and the joined form does not: then the hyphen is
///   kept. Before `och`/`eller`/`samt` the hyphen ends a compound (`hälso- och`) and nothing
///   is joined.
/// - letter `-` + upper case: the hyphen is kept (`Nordsjö-Östersjökorridoren`, `Sve-Dem`),
///   unless the next line starts a new page.
/// - digit `-` + digit: the hyphen is kept (`dnr 1354-2020`).
/// - a hyphen followed by a space (`hälso- `), or a lost bullet on the next line: unchanged.
///
/// The continuing word is moved up to the hyphenated line, so line numbers stay true. The
/// result has the same length and line numbers as the input; a line whose only word moved up
/// becomes empty.
pub fn join_hyphenated(lines: &[SourceLine], vocab: &Vocabulary) -> Vec<SourceLine> {
    repair_hyphens(lines, vocab).0
}

/// A word the PDF's text extraction left split within a line (`kunskaps- höjande`), joined
/// when the whole word occurs elsewhere in the document; a shared compound tail
/// (`hälso- och`, `minoritets- som …`) is left alone, since the joined form is no word there.
fn join_within_line(text: &str, vocab: &Vocabulary) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find("- ") {
        let (before, after) = (&rest[..at], &rest[at + 2..]);
        let stem_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(i, _)| i);
        let stem = &before[stem_start..];
        let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        let joins = stem.chars().count() >= 2
            && !before[..stem_start].ends_with(|c: char| c.is_alphanumeric() || c == '-')
            && tail.chars().next().is_some_and(char::is_lowercase)
            && !["och", "eller", "samt"].contains(&tail.as_str())
            && vocab.contains(&format!("{stem}{tail}"));
        out.push_str(before);
        if !joins {
            out.push_str("- ");
        }
        changed |= joins;
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// [`join_hyphenated`], also telling which lines gave their first word to an earlier line:
/// whatever is left on such a line continues the same sentence.
pub(super) fn repair_hyphens(
    lines: &[SourceLine],
    vocab: &Vocabulary,
) -> (Vec<SourceLine>, Vec<bool>) {
    let starts = line_starts(lines);
    let mut out = lines.to_vec();
    for line in &mut out {
        if let Some(joined) = join_within_line(&line.text, vocab) {
            line.text = joined;
        }
    }
    let mut continued = vec![false; lines.len()];
    let mut i = 0;
    while i < out.len() {
        let text = &out[i].text;
        if !text.ends_with('-') {
            i += 1;
            continue;
        }
        let prefix = text
            .trim_end_matches('-')
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_string();
        let Some(j) = next_content(&out, i + 1) else {
            i += 1;
            continue;
        };
        if starts[j] == LineStart::LostBullet {
            i += 1;
            continue;
        }
        let next = out[j].text.trim_start();
        let word = next.split(' ').next().unwrap_or_default().to_string();
        let rest = next[word.len()..].trim_start().to_string();
        let decision = decide_hyphen(&prefix, &word, starts[j] == LineStart::PageStart, vocab);
        let joined = match decision {
            Hyphen::Leave => {
                i += 1;
                continue;
            }
            Hyphen::Join => format!("{}{word}", &out[i].text[..out[i].text.len() - 1]),
            Hyphen::Keep => format!("{}{word}", out[i].text),
        };
        // Line `i` is looked at again: the moved word may itself end in a hyphen
        // (`kom-` / `petensförsörj-` / `ning`).
        out[i].text = joined;
        out[j].text = rest;
        continued[j] = true;
    }
    (out, continued)
}
