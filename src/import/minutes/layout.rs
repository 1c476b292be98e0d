//! The layout of a protocol: the running header that names organ and date, the document-id
//! box, the `§ N` lines that start paragraphs, the section headings inside a §, and list
//! sections read one entry per line. What the layout says, not what the text means.

use crate::import::clean::{self, CleanDocument, Furniture, SourceLine};
use crate::model::MONTHS;

use super::dnr::after_dnr_label;
use super::{LineRange, Profile};

/// The sections a § may have, by their heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Decision,
    Reservations,
    Notes,
    /// A `Jäv` section: its statements become recusals, the rest goes to the body.
    Recusals,
    /// The proposals made at the meeting; the template names its heading (profile).
    Proposals,
    Steps,
    Attachments,
    Distribution,
    /// Prose that goes to the Markdown body under its own heading.
    Body,
    /// A list that goes to the Markdown body (`Beslutsunderlag`, `Referenser`).
    BodyList,
}

/// The decision headings of one protocol, from its organ's names: `<Organ>s beslut`,
/// `<Organ> beslutar`, `Beslut` and the profile's `decision_headings`.
pub(super) struct DecisionHeadings(Vec<String>);

impl DecisionHeadings {
    pub(super) fn new(organ_names: &[String], profile: &Profile) -> Self {
        let mut headings: Vec<String> = Vec::new();
        for name in organ_names.iter().filter(|n| !n.trim().is_empty()) {
            let genitive = if name.ends_with('s') {
                name.clone()
            } else {
                format!("{name}s")
            };
            headings.push(format!("{genitive} beslut"));
            headings.push(format!("{name} beslutar"));
        }
        headings.push("Beslut".to_string());
        headings.extend(profile.decision_headings.iter().cloned());
        Self(headings)
    }

    fn names(&self, name: &str) -> bool {
        self.0.iter().any(|h| same_words_any_case(h, name))
    }

    /// The headings, for messages.
    pub(super) fn list(&self) -> String {
        self.0
            .iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn same_words_any_case(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// Which section a whole line heads, if any: the common Swedish headings, and those of the
/// organisation's template that the `profile` names.
pub(super) fn section_of(
    line: &str,
    decision: &DecisionHeadings,
    profile: &Profile,
) -> Option<(Section, String)> {
    let name = line.trim().trim_end_matches(':').trim_end();
    let section = match name {
        _ if decision.names(name) => Section::Decision,
        "Reservation" | "Reservationer" => Section::Reservations,
        "Protokollsanteckning"
        | "Protokollsanteckningar"
        | "Protokollsnotering"
        | "Protokollsnoteringar" => Section::Notes,
        "Yrkande" | "Yrkanden" => Section::Proposals,
        "Jäv" | "Anmälan om jäv" => Section::Recusals,
        "Beslutsgång" | "Propositionsordning" | "Omröstning" => Section::Steps,
        "Bilaga" | "Bilagor" => Section::Attachments,
        "Protokollsutdrag skickas till"
        | "Protokollsutdrag till"
        | "Beslutet skickas till"
        | "Beslutet expedieras till"
        | "Expedieras till"
        | "Expediering" => Section::Distribution,
        "Sammanfattning"
        | "Ärendet"
        | "Bakgrund"
        | "Ärendebeskrivning"
        | "Beskrivning av ärendet"
        | "Förslag till beslut"
        | "Beslutsförslag" => Section::Body,
        "Beslutsunderlag" | "Referenser" => Section::BodyList,
        _ if names(&profile.proposal_headings, name) => Section::Proposals,
        _ if names(&profile.body_headings, name) => Section::Body,
        _ => return None,
    };
    Some((section, name.to_string()))
}

/// A line that starts a §: its number and what follows the mark (diary numbers, or nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mark {
    pub(super) number: u32,
    pub(super) rest: String,
    /// The title, when it stands on the § line.
    pub(super) title: Option<String>,
    /// The word before `§` (`KF`), if any.
    pub(super) prefix: Option<String>,
}

/// A § line: `§ 172`, `KF § 267`, `Kf § 275` (a prefix: an upper-case abbreviation or one of
/// `prefixes`, in any case), `§ 40/2019` (the year after the number), or one of the profile's
/// `words` instead of `§` (`Paragraf 12`); then nothing, diary numbers (`Dnr KS 2018/124`) or
/// the title. A table of contents has such lines too; `split_toc` tells them apart.
pub(super) fn paragraph_mark(line: &str, prefixes: &[String], words: &[String]) -> Option<Mark> {
    let t = line.trim();
    let (prefix, after) = match t.strip_prefix('§') {
        Some(after) => (None, after),
        None => {
            let (word, rest) = t.split_once(char::is_whitespace)?;
            let rest = rest.trim_start();
            let any_case =
                |list: &[String]| list.iter().any(|p| p.to_lowercase() == word.to_lowercase());
            match rest.strip_prefix('§') {
                Some(after) if is_abbreviation(word) || any_case(prefixes) => {
                    (Some(word.to_string()), after)
                }
                _ if any_case(words) => (None, rest),
                _ => return None,
            }
        }
    };
    let after = after.trim_start();
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let number: u32 = after[..digits].parse().ok()?;
    let mut rest = &after[digits..];
    // `§ 40/2019`: the year of a series numbered per year.
    if let Some(year) = rest.strip_prefix('/') {
        let n = year.bytes().take_while(u8::is_ascii_digit).count();
        if n != 4 {
            return None;
        }
        rest = &year[n..];
    }
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    // After the number: nothing, diary numbers, or the title (`§ 12 Yttrande över …`); a
    // line going on in lower case is a sentence that wrapped before `§`.
    let title = rest.starts_with(char::is_uppercase) && after_dnr_label(rest).is_none();
    if !rest.is_empty() && !title && after_dnr_label(rest).is_none() {
        return None;
    }
    Some(Mark {
        number,
        rest: if title {
            String::new()
        } else {
            rest.to_string()
        },
        title: title.then(|| rest.to_string()),
        prefix,
    })
}

/// `KF`, `KS`, `NTN`: two to five upper-case letters.
fn is_abbreviation(word: &str) -> bool {
    (2..=5).contains(&word.chars().count()) && word.chars().all(char::is_uppercase)
}

/// A heading of a table of contents (`Innehållsförteckning`, `Ärendelista`, or one of the
/// profile's `toc_headings`).
pub(super) fn is_toc_heading(line: &str, profile: &Profile) -> bool {
    const COMMON: [&str; 5] = [
        "Innehållsförteckning",
        "Innehåll",
        "Ärendeförteckning",
        "Ärendelista",
        "Ärenden",
    ];
    let name = line.trim().trim_end_matches(':').trim_end();
    COMMON.iter().any(|h| same_words_any_case(h, name))
        || profile
            .toc_headings
            .iter()
            .any(|h| same_words_any_case(h, name))
}

/// A line drawn between §§: three or more `_`.
pub(super) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 3 && t.chars().all(|c| c == '_')
}

/// The numbers after `§` or `§§` in a line (`§ 40`, `§§ 41-43`, `§§ 41, 43`), ranges expanded.
pub(super) fn paragraph_numbers(line: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for (i, _) in line.match_indices('§') {
        let after = line[i..].trim_start_matches('§').trim_start();
        let mut words = after.split_whitespace();
        let mut previous: Option<u32> = None;
        while let Some(word) = words.next() {
            let w = word.trim_end_matches([',', '.', ')', ';']);
            if let Some((a, b)) = w.split_once(['-', '–']) {
                if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>())
                    && a <= b
                    && b - a < 200
                {
                    found.extend(a..=b);
                    previous = Some(b);
                    continue;
                }
                break;
            }
            match w.parse::<u32>() {
                Ok(n) => {
                    found.push(n);
                    previous = Some(n);
                }
                Err(_) if (w == "och" || w == "samt") && previous.is_some() => continue,
                Err(_) => break,
            }
            if !word.ends_with(',') && words.clone().next() != Some("och") {
                break;
            }
        }
    }
    found.dedup();
    found
}

/// Lines the page template repeats, found by shape: a short line without `§` that appears at
/// least twice (digits aside) and holds a page number (`3 (8)`, `3(8)`, `Sida 3`, `3 av 8`),
/// the attestation footer (`Justerandes sign`, `Utdragsbestyrkande`), or `PROTOKOLL` in
/// capitals. Returns every such line as written, for the running headers to remove.
pub(super) fn repeated_page_lines(raw: &[SourceLine]) -> Vec<String> {
    let masked = |t: &str| -> String {
        t.split_whitespace()
            .map(|w| {
                w.chars()
                    .map(|c| if c.is_ascii_digit() { '#' } else { c })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let candidate = |t: &str| -> bool {
        let words: Vec<&str> = t.split_whitespace().collect();
        if words.is_empty() || words.len() > 10 || t.contains('§') {
            return false;
        }
        let lower = t.to_lowercase();
        has_page_number(&words)
            || lower.contains("justerandes sign")
            || lower.contains("utdragsbestyrkande")
            || words.iter().any(|w| w.contains("PROTOKOLL"))
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in raw {
        let t = l.text.trim();
        if candidate(t) {
            *counts.entry(masked(t)).or_default() += 1;
        }
    }
    let mut lines: Vec<String> = raw
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| candidate(t) && counts.get(&masked(t)).is_some_and(|&n| n >= 2))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

fn has_page_number(words: &[&str]) -> bool {
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let in_parens = |w: &str| {
        w.strip_prefix('(')
            .and_then(|w| w.strip_suffix(')'))
            .is_some_and(digits)
    };
    words.iter().enumerate().any(|(i, w)| {
        let next = words.get(i + 1).copied().unwrap_or_default();
        let after = words.get(i + 2).copied().unwrap_or_default();
        (digits(w) && in_parens(next))
            || w.split_once('(')
                .is_some_and(|(a, b)| digits(a) && b.strip_suffix(')').is_some_and(digits))
            || (w.eq_ignore_ascii_case("sida") && digits(next))
            || (digits(w) && next == "av" && digits(after))
    })
}

/// The running header `Regionstyrelsen 14 oktober 2020  Sida 13 (80)` gives organ and date.
/// It is page furniture, so it is read from the raw lines.
pub(super) fn meeting_header(raw: &[SourceLine]) -> Option<(String, String)> {
    raw.iter().find_map(|l| {
        let (before, _) = l.text.rsplit_once("Sida ")?;
        let words: Vec<&str> = before.split_whitespace().collect();
        let [organ @ .., day, month, year] = words.as_slice() else {
            return None;
        };
        let month = MONTHS.iter().position(|m| m == month)? + 1;
        let day: u32 = day.parse().ok()?;
        let year: u32 = year.parse().ok()?;
        let valid = !organ.is_empty() && (1..=31).contains(&day) && (1900..3000).contains(&year);
        valid.then(|| (organ.join(" "), format!("{year}-{month:02}-{day:02}")))
    })
}

/// Whether `headings` holds `name`, word by word.
fn names(headings: &[String], name: &str) -> bool {
    headings
        .iter()
        .any(|h| h.split_whitespace().eq(name.split_whitespace()))
}

/// The id in the document box that `furniture` names: the line after its label line ends in
/// `<id> <version>` (`ARBGRP757-2093665656-83, 7.0`).
pub(super) fn document_id(raw: &[SourceLine], furniture: &Furniture) -> Option<String> {
    raw.iter().enumerate().find_map(|(i, l)| {
        if !furniture.is_document_box(&l.text) {
            return None;
        }
        let next = raw[i + 1..].iter().find(|l| !l.text.trim().is_empty())?;
        let tokens: Vec<&str> = next.text.split_whitespace().collect();
        let [.., id, _version] = tokens.as_slice() else {
            return None;
        };
        let id = id.trim_end_matches(',');
        (id.contains('-') && id.chars().any(|c| c.is_ascii_digit())).then(|| id.to_string())
    })
}

/// One entry of a list section (attachment, recipient, reference).
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) text: String,
    pub(super) lines: LineRange,
    /// Entries under an entry ending in `se nedan:` are its items.
    pub(super) nested: bool,
}

pub(super) fn is_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://")) && !text.contains(' ')
}

/// Reads a list section one entry per line. A line continues the entry above when it starts
/// in lower case or with `(`, when the line above ends in a word that cannot end a title
/// (`… vid` / `Bodentvätten`), or when it is a URL after `hittas här:`.
pub(super) fn list_entries(lines: &[SourceLine], doc: &CleanDocument) -> Vec<Entry> {
    const CONNECTORS: [&str; 15] = [
        "och", "av", "vid", "för", "om", "i", "till", "med", "samt", "på", "från", "mot", "–", "-",
        "&",
    ];
    let joined = clean::join_hyphenated(lines, &doc.vocabulary);
    let mut entries: Vec<Entry> = Vec::new();
    for (line, original) in joined.iter().zip(lines) {
        let t = line.text.trim();
        if t.is_empty() {
            // A line whose only word moved up still belongs to the entry, for tracing.
            if !original.text.trim().is_empty()
                && let Some(e) = entries.last_mut()
            {
                e.lines.last = line.number;
            }
            continue;
        }
        // The line gave its first word to the line above (`kvalitetsre-` / `gistret SveDem`).
        let gave_word = original.text.trim() != t && original.text.trim().ends_with(t);
        let continues = entries.last().is_some_and(|e| {
            let last_word = e.text.rsplit(' ').next().unwrap_or_default();
            if is_url(t) {
                return e.text.ends_with(':');
            }
            gave_word
                || t.starts_with(|c: char| c.is_lowercase() || c == '(')
                || CONNECTORS.contains(&last_word)
                || e.text.ends_with(',')
        });
        match entries.last_mut() {
            Some(e) if continues => {
                e.text.push(' ');
                e.text.push_str(t);
                e.lines.last = line.number;
            }
            _ => entries.push(Entry {
                text: t.to_string(),
                lines: LineRange {
                    first: line.number,
                    last: line.number,
                },
                nested: false,
            }),
        }
    }
    // Items listed under `… bilagor se nedan:` are short; a long entry is the next reference.
    let mut in_group = false;
    for e in &mut entries {
        if in_group && e.text.chars().count() < 60 && !e.text.ends_with(':') {
            e.nested = true;
        } else {
            in_group = e.text.ends_with("nedan:");
        }
    }
    entries
}
