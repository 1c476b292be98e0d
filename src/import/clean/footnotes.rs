//! Footnotes: their texts move out of the running text and the markers glued to words are
//! stripped, remembering the line of each marker so importers can put it back in Markdown.

use super::blocks::join_wrapped;
use super::hyphens::{Vocabulary, join_hyphenated};
use super::{SourceLine, is_blank, is_digits, next_content};
use crate::model::MONTHS;

/// A footnote moved out of the running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    /// The footnote text with its wrapped lines joined.
    pub text: String,
    pub first_line: usize,
    pub last_line: usize,
    /// Source line of the marker glued to a word, when one was found and stripped.
    pub marker_line: Option<usize>,
}

/// The separator PDF extraction leaves above footnotes: a line of 50-odd spaces.
pub(super) fn is_footnote_separator(s: &str) -> bool {
    s.len() >= 20 && s.chars().all(|c| c == ' ')
}

/// `4 Hälsosamtal för …` → `(4, "Hälsosamtal för …")`.
fn footnote_start(t: &str) -> Option<(u32, &str)> {
    let (num, rest) = t.split_once(' ')?;
    if !is_digits(num) || num.len() > 2 {
        return None;
    }
    Some((num.parse().ok()?, rest.trim()))
}

/// Separates footnotes from the running text.
///
/// A footnote area starts at a separator line of spaces, followed by a line `N text`; it runs
/// until the next indented line, which is the first line of the next page, or the end of the
/// file. A following footnote starts with the next number. Areas that do not have this shape
/// are left alone. For each footnote, the nearest marker above its separator (and below the
/// previous one) is stripped: a digit glued to a word of at least three letters
/// (`framskrivning3`), after a word and a period (`Norrbotten.1`) or after a year that follows a
/// month name (`februari 20201`). Digits inside tables and other numbers are never touched.
/// Returns the remaining lines (with marker digits removed) and the footnotes.
pub fn extract_footnotes(lines: &[SourceLine]) -> (Vec<SourceLine>, Vec<Footnote>) {
    let vocab = Vocabulary::from_lines(lines);
    let mut out: Vec<SourceLine> = lines.to_vec();
    let mut drop = vec![false; lines.len()];
    let mut footnotes = Vec::new();
    // (separator index, footnote index) pairs, to find markers afterwards.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_footnote_separator(&lines[i].text) {
            i += 1;
            continue;
        }
        let Some(first) = next_content(lines, i + 1) else {
            break;
        };
        if footnote_start(lines[first].text.trim()).is_none() {
            i += 1;
            continue;
        }
        let mut current: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut j = first;
        while j < lines.len() {
            let text = &lines[j].text;
            if is_blank(text) {
                j += 1;
                continue;
            }
            if text.starts_with(char::is_whitespace) || is_footnote_separator(text) {
                break;
            }
            let t = text.trim();
            match (footnote_start(t), current.last_mut()) {
                (Some((n, _)), None) => current.push((n, vec![j])),
                (Some((n, _)), Some((prev, _))) if n == *prev + 1 => current.push((n, vec![j])),
                (_, Some((_, idxs))) => idxs.push(j),
                (None, None) => unreachable!("the first line was checked to start a footnote"),
            }
            j += 1;
        }
        for (number, idxs) in current {
            let own: Vec<SourceLine> = idxs.iter().map(|&k| lines[k].clone()).collect();
            let repaired = join_hyphenated(&own, &vocab);
            let texts: Vec<&str> = repaired.iter().map(|l| l.text.as_str()).collect();
            let joined = join_wrapped(&texts);
            let text = footnote_start(&joined)
                .map(|(_, rest)| rest.to_string())
                .unwrap_or_default();
            anchors.push((i, footnotes.len()));
            footnotes.push(Footnote {
                number,
                text,
                first_line: lines[idxs[0]].number,
                last_line: lines[*idxs.last().unwrap_or(&idxs[0])].number,
                marker_line: None,
            });
        }
        drop[i..j].iter_mut().for_each(|d| *d = true);
        i = j;
    }

    let mut lower = 0;
    let mut last_separator = None;
    for (separator, f) in anchors {
        if last_separator != Some(separator) {
            lower = last_separator.map_or(0, |s| s + 1);
            last_separator = Some(separator);
        }
        let number = footnotes[f].number.to_string();
        for k in (lower..separator).rev() {
            if drop[k] {
                continue;
            }
            let previous = (lower..k)
                .rev()
                .find(|&p| !drop[p] && !is_blank(&out[p].text))
                .map_or("", |p| out[p].text.as_str());
            if let Some(stripped) = strip_footnote_marker(&out[k].text, previous, &number) {
                out[k].text = stripped;
                footnotes[f].marker_line = Some(out[k].number);
                break;
            }
        }
    }

    let kept = out
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l)
        .collect();
    (kept, footnotes)
}

/// Removes the first footnote marker `number` from `line`, or returns `None` if there is none.
/// `previous_line` is the content line before, whose last word may be the month before a year
/// (`februari` / `20201`) or the first half of it (`feb-` / `ruari 20201`).
pub(super) fn strip_footnote_marker(
    line: &str,
    previous_line: &str,
    number: &str,
) -> Option<String> {
    let last_before = previous_line.split_whitespace().last().unwrap_or_default();
    let carried = last_before.strip_suffix('-').unwrap_or_default();
    let mut previous_word = if carried.is_empty() {
        last_before.to_string()
    } else {
        String::new()
    };
    let mut offset = 0;
    for (n, token) in line.split(' ').enumerate() {
        let start = offset;
        offset += token.len() + 1;
        let core = token.trim_end_matches([',', ';', ':', ')']);
        if let Some(word) = core.strip_suffix(number) {
            let glued_to_word = {
                let letters = word.strip_suffix('.').unwrap_or(word);
                let min = if word.ends_with('.') { 2 } else { 3 };
                letters.chars().count() >= min
                    && letters.chars().all(char::is_alphabetic)
                    && letters.chars().any(char::is_lowercase)
            };
            let glued_to_year = word.len() == 4
                && is_digits(word)
                && (word.starts_with("19") || word.starts_with("20"))
                && MONTHS.contains(&previous_word.as_str());
            if glued_to_word || glued_to_year {
                let at = start + word.len();
                let mut s = line.to_string();
                s.replace_range(at..at + number.len(), "");
                return Some(s);
            }
        }
        if !token.is_empty() {
            previous_word = if n == 0 && !carried.is_empty() {
                format!("{carried}{token}")
            } else {
                token.to_string()
            };
        }
    }
    None
}
