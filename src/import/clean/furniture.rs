//! Page furniture: footers, running headers, document boxes and signature blocks that the PDF
//! repeats on its pages. They are removed first, by shape, so no later step mistakes them for
//! text. Page footers are the same in every document; what an organisation's template adds
//! comes from the importer's profile as [`Furniture`].

use super::{SourceLine, is_digits, next_content};

/// Page furniture that one organisation's template adds to the footers every document has.
/// The importer's profile gives it (`_import/minutes-profile.toml`,
/// `_import/followup-profile.toml`); the default recognises none.
#[derive(Debug, Clone, Copy, Default)]
pub struct Furniture<'a> {
    /// Whole lines repeated on every page (`PROTOKOLL`).
    pub running_headers: &'a [String],
    /// The label line of a box whose next line is `<document id>, <version>`
    /// (`DOKUMENT-ID ORDFÖRANDE SIGN JUSTERARE SIGN` over `ARBGRP757-2093665656-83, 7.0`).
    pub document_box: Option<&'a str>,
    /// Label lines of the box's second row, after the id line (`PUBLICERINGSDATUM  ANSVARIG
    /// UPPRÄTTAD AV`); such a line goes with the box, and so does its line of values (a date
    /// or an unfilled `[Quickpart]` field, then names).
    pub document_box_labels: &'a [String],
    /// The title of a block in which two signatories attest a correction (`Rättelse bestyrks`).
    pub correction_block: Option<&'a str>,
}

impl Furniture<'_> {
    /// Whether `line` is the document box's label line, however the PDF spaced its words.
    pub fn is_document_box(&self, line: &str) -> bool {
        self.document_box
            .is_some_and(|label| same_words(label, line))
    }

    fn is_running_header(&self, line: &str) -> bool {
        self.running_headers.iter().any(|h| same_words(h, line))
    }

    fn is_correction_block(&self, line: &str) -> bool {
        self.correction_block
            .is_some_and(|title| same_words(title, line))
    }
}

/// The same words with any spacing; a pattern without words matches nothing, so an empty
/// profile entry never takes the empty lines that carry the layout.
fn same_words(pattern: &str, line: &str) -> bool {
    !pattern.trim().is_empty() && pattern.split_whitespace().eq(line.split_whitespace())
}

/// Drops the page furniture every document has and keeps everything else, including empty
/// lines, unchanged: [`remove_furniture`] without an organisation's [`Furniture`].
pub fn remove_page_furniture(lines: &[SourceLine]) -> Vec<SourceLine> {
    remove_furniture(lines, &Furniture::default())
}

/// Drops page furniture and keeps everything else, including empty lines, unchanged.
///
/// Removed: page footers ending in `Sida N (M)` (alone, after a date or after a meeting name),
/// and what `furniture` names: running headers, the document box (its label line, its id line
/// such as `ARBGRP…, 7.0` or `Region Norrbotten lgekpl-4-1041 0.19`, and a second row of
/// labels with its values), and correction blocks (the title, blank signature dates
/// `2020-10-   2020-10-` and the line with the two signatories). Each part of a box is only
/// removed when it has the expected shape, so real text is never taken by position alone.
pub fn remove_furniture(lines: &[SourceLine], furniture: &Furniture) -> Vec<SourceLine> {
    let mut drop = vec![false; lines.len()];
    for i in 0..lines.len() {
        let t = lines[i].text.trim();
        if is_page_footer(t) || furniture.is_running_header(t) {
            drop[i] = true;
        } else if furniture.is_document_box(t) {
            drop[i] = true;
            drop_document_box(lines, i, furniture.document_box_labels, &mut drop);
        } else if furniture.is_correction_block(t) {
            drop_correction_block(lines, i, &mut drop);
        }
    }
    lines
        .iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l.clone())
        .collect()
}

/// `Sida 24 (32)`, `1 juni 2022 Sida 50 (52)`, `Regionstyrelsen 14 oktober 2020  Sida 13 (80)`.
fn is_page_footer(t: &str) -> bool {
    let Some(pos) = t.rfind("Sida ") else {
        return false;
    };
    let prefix = t[..pos].trim();
    let rest = &t[pos + "Sida ".len()..];
    let Some((page, total)) = rest.split_once(' ') else {
        return false;
    };
    let Some(total) = total.strip_prefix('(').and_then(|x| x.strip_suffix(')')) else {
        return false;
    };
    // A running header is short; real text mentioning a page would be a sentence.
    is_digits(page) && is_digits(total) && prefix.chars().count() <= 60 && !prefix.contains('.')
}

/// `0.19`, `7.0`, `3.0`.
fn is_version(s: &str) -> bool {
    match s.split_once('.') {
        Some((a, b)) => is_digits(a) && is_digits(b),
        None => false,
    }
}

/// `Region Norrbotten lgekpl-4-1041 0.19`, `ARBGRP583-382524020-2135 3.0`,
/// `ARBGRP757-2093665656-83, 7.0`.
fn is_document_id_line(t: &str) -> bool {
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let [.., id, version] = tokens.as_slice() else {
        return false;
    };
    let id = id.trim_end_matches(',');
    is_version(version) && id.contains('-') && id.chars().any(|c| c.is_ascii_digit())
}

/// `2023-03-14` at the start of the line.
fn starts_with_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

fn drop_document_box(lines: &[SourceLine], header: usize, labels: &[String], drop: &mut [bool]) {
    let Some(id) = next_content(lines, header + 1) else {
        return;
    };
    if !is_document_id_line(lines[id].text.trim()) {
        return;
    }
    drop[id] = true;
    let Some(second) = next_content(lines, id + 1) else {
        return;
    };
    let t = lines[second].text.trim();
    if !labels.iter().any(|label| same_words(label, t)) {
        return;
    }
    drop[second] = true;
    // The values under the labels: a date or an unfilled `[Quickpart]` field, then names.
    if let Some(values) = next_content(lines, second + 1) {
        let t = lines[values].text.trim();
        if t.starts_with('[') || starts_with_iso_date(t) {
            drop[values] = true;
        }
    }
}

/// `2020-10-   2020-10-`: two signature dates without the day.
fn is_signature_dates(t: &str) -> bool {
    let tokens: Vec<&str> = t.split_whitespace().collect();
    !tokens.is_empty()
        && tokens.iter().all(|tok| {
            let b = tok.as_bytes();
            b.len() == 8
                && b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == b'-'
                && b[5..7].iter().all(u8::is_ascii_digit)
                && b[7] == b'-'
        })
}

/// `Kenneth Backgård (SJVP)  Glenn Berggård (V)`: two names with party, two spaces apart.
fn is_signatories(t: &str) -> bool {
    let parts: Vec<&str> = t
        .split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() == 2 && parts.iter().all(|p| p.ends_with(')') && p.contains(" ("))
}

fn drop_correction_block(lines: &[SourceLine], title: usize, drop: &mut [bool]) {
    // The block is the title, blank or date lines, then the signatories; give up otherwise.
    const MAX_LINES: usize = 15;
    let end = (title + MAX_LINES).min(lines.len());
    for j in title + 1..end {
        let t = lines[j].text.trim();
        if t.is_empty() || is_signature_dates(t) {
            continue;
        }
        if is_signatories(t) {
            drop[title..=j].iter_mut().for_each(|d| *d = true);
        }
        return;
    }
}
