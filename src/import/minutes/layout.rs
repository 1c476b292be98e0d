//! The layout of a protocol: the running header that names organ and date, the document-id
//! box, the `§ N` lines that start paragraphs, the section headings inside a §, and list
//! sections read one entry per line. What the layout says, not what the text means.

use crate::import::clean::{self, CleanDocument, Furniture, SourceLine};
use crate::model::MONTHS;

use super::{LineRange, Profile};

/// The sections a § may have, by their heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Decision,
    Reservations,
    Notes,
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

/// Which section a whole line heads, if any: the common Swedish headings, and those of the
/// organisation's template that the `profile` names. `decision_heading` is `<organ>s beslut`.
pub(super) fn section_of(
    line: &str,
    decision_heading: &str,
    profile: &Profile,
) -> Option<(Section, String)> {
    let name = line.trim().trim_end_matches(':').trim_end();
    let section = match name {
        _ if name == decision_heading => Section::Decision,
        "Reservation" | "Reservationer" => Section::Reservations,
        "Protokollsanteckning"
        | "Protokollsanteckningar"
        | "Protokollsnotering"
        | "Protokollsnoteringar" => Section::Notes,
        "Beslutsgång" => Section::Steps,
        "Bilaga" | "Bilagor" => Section::Attachments,
        "Protokollsutdrag skickas till" | "Protokollsutdrag till" => Section::Distribution,
        "Sammanfattning" | "Ärendet" => Section::Body,
        "Beslutsunderlag" | "Referenser" => Section::BodyList,
        _ if names(&profile.proposal_headings, name) => Section::Proposals,
        _ if names(&profile.body_headings, name) => Section::Body,
        _ => return None,
    };
    Some((section, name.to_string()))
}

/// `§ 172` → 172.
pub(super) fn paragraph_mark(line: &str) -> Option<u32> {
    let rest = line.trim().strip_prefix("§ ")?.trim();
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
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
