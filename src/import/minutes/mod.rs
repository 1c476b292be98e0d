//! The minutes importer: turns the PDF-extracted text of a protocol (see `seeds/README.md`,
//! document 004) into content files — one meeting `_index.md`, one file per paragraph (§) and
//! the persons and parties the paragraphs name.
//!
//! This module owns the *structure* of minutes: where a § starts, its title and diary numbers,
//! its sections (`Regionstyrelsens beslut`, `Reservationer`, `Beslutsgång`, …) and what each
//! means — decision, proposals, steps, reservations, notes, recusals, attachments, distribution,
//! references and the Markdown body. Undoing the extraction damage (furniture, hyphenation,
//! footnotes, wrapped lines) is `crate::import::clean`'s job and is not repeated here.
//!
//! How a § is read:
//!
//! 1. The cleaned lines are cut at every line `§ N`, so nothing of one § can run into the next.
//! 2. Section headings are recognised as whole lines (`Bilagor:`, `Beslutsgång`, …; the
//!    decision heading is the organ's genitive, `Regionstyrelsens beslut`). Lines before the
//!    first heading are the title and `Dnr` lines.
//! 3. Prose sections are unwrapped into blocks by [`clean::unwrap_blocks`]; list sections
//!    (attachments, distribution, decision basis, references) are read one entry per line,
//!    because their short lines say nothing a paragraph rule could use.
//! 4. Persons are read from mentions `Förnamn Efternamn (PARTI)` with the abbreviation of a
//!    party the [`Profile`] names; a statement made by a party group (`Från
//!    socialdemokraternas ledamöter: …`) names the party instead.
//!
//! What belongs to one organisation's minutes rather than to Swedish minutes in general (its
//! parties, its template's page furniture and own section headings) is the [`Profile`], read
//! from `content/_import/minutes-profile.toml`.
//!
//! The submodules follow these steps: `layout` finds the meeting header, the § marks, the
//! section headings and list entries; `paragraph` reads one § into the content schema;
//! `extract` finds persons, parties, references, votes and decision kinds in its text;
//! `markdown` writes the body; `write` writes the files; `profile` reads the layout profile.

mod extract;
mod layout;
mod markdown;
mod paragraph;
mod profile;
#[cfg(test)]
mod tests;
mod write;

use std::collections::BTreeMap;

use crate::content::{RawMeeting, RawParagraph, RawParty, RawPerson, Text, unspanned};
use crate::import::clean;
use crate::model::SourceRef;

use extract::collect_persons;
use layout::{document_id, meeting_header, paragraph_mark};
use paragraph::ParagraphReader;

pub use profile::{Party, Profile};
pub use write::write_minutes;

/// First and last 1-based line of the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

impl LineRange {
    fn line(line: usize) -> Self {
        Self {
            first: line,
            last: line,
        }
    }

    /// The range a written `source` names; the schema records are where the importer keeps
    /// each entity's lines.
    pub fn of(source: &Option<Text>) -> Option<Self> {
        let (first, last) = SourceRef::parse(source.as_ref()?.get_ref())?.lines?;
        Some(Self { first, last })
    }
}

/// `004_8b838460e9bf283a.txt:20-47`, or `…:20` for a single line.
fn source_ref(file: &str, lines: LineRange) -> Option<Text> {
    let text = if lines.first == lines.last {
        format!("{file}:{}", lines.first)
    } else {
        format!("{file}:{}-{}", lines.first, lines.last)
    };
    Some(unspanned(text))
}

/// The first line a record's `source` names, for ordering records by where they stand.
fn first_line(source: &Option<Text>) -> usize {
    LineRange::of(source).map_or(0, |l| l.first)
}

/// A meeting read from a protocol: its front matter, its paragraphs and the persons and
/// parties they name, all as the content schema's records.
#[derive(Debug, Clone)]
pub struct ImportedMeeting {
    /// The organ's name as the running header gives it (`Regionstyrelsen`).
    pub organ: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub front: RawMeeting,
    pub paragraphs: Vec<ImportedParagraph>,
    /// Persons named with their party in a proposal, reservation, note or recusal, by slug.
    pub persons: BTreeMap<String, RawPerson>,
    /// Parties of those persons and of party-group notes, by lower-case abbreviation.
    pub parties: BTreeMap<String, RawParty>,
}

/// One paragraph (§) of the minutes: its front matter, and the other sections as Markdown,
/// each under a `## ` heading, with footnotes.
#[derive(Debug, Clone)]
pub struct ImportedParagraph {
    pub front: RawParagraph,
    pub body: String,
}

/// Reads a protocol laid out as `profile` describes. Errors name the source line and what is
/// wrong; all are collected.
pub fn parse_minutes(
    text: &str,
    source_file: &str,
    profile: &Profile,
) -> Result<ImportedMeeting, Vec<String>> {
    let raw = clean::source_lines(text);
    let furniture = profile.furniture();
    let doc = clean::clean_document_with(text, &furniture);
    let mut errors = Vec::new();
    let header = meeting_header(&raw);
    if header.is_none() {
        errors.push(format!(
            "{source_file}: cannot find the meeting's organ and date; expected a running header \
             such as `Regionstyrelsen 14 oktober 2020  Sida 13 (80)`"
        ));
    }
    let (organ, date) = header.unwrap_or_default();
    let decision_heading = format!("{organ}s beslut");

    let marks: Vec<(usize, u32)> = doc
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| paragraph_mark(&l.text).map(|n| (i, n)))
        .collect();
    if marks.is_empty() {
        errors.push(format!(
            "{source_file}: no paragraph found; each § must start at a line `§ N`"
        ));
    }
    let last_content_line = raw
        .iter()
        .rev()
        .find(|l| !l.text.trim().is_empty())
        .map_or(0, |l| l.number);

    let mut paragraphs: Vec<ImportedParagraph> = Vec::new();
    for (k, &(start, number)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(doc.lines.len(), |&(i, _)| i);
        let lines = LineRange {
            first: doc.lines[start].number,
            last: marks
                .get(k + 1)
                .map_or(last_content_line, |&(i, _)| doc.lines[i].number - 1),
        };
        if let Some(&(_, previous)) = k.checked_sub(1).and_then(|j| marks.get(j))
            && previous >= number
        {
            errors.push(format!(
                "{source_file}:{}: § {number} follows § {previous}; paragraphs must be numbered in increasing order",
                lines.first
            ));
        }
        let reader = ParagraphReader {
            doc: &doc,
            raw: &raw,
            source_file,
            decision_heading: &decision_heading,
            profile,
        };
        match reader.read(number, &doc.lines[start + 1..end], lines) {
            Ok(p) => paragraphs.push(p),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (persons, parties) = collect_persons(&paragraphs, source_file, profile);
    Ok(ImportedMeeting {
        organ,
        date,
        front: RawMeeting {
            place: None,
            time: None,
            document_id: document_id(&raw, &furniture),
            source: Some(unspanned(source_file.to_string())),
        },
        paragraphs,
        persons,
        parties,
    })
}
