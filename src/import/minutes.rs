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
//! 4. Persons are read from mentions `Förnamn Efternamn (PARTI)` with a known party
//!    abbreviation ([`PARTIES`]); a statement made by a party group (`Från socialdemokraternas
//!    ledamöter: …`) names the party instead.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::{
    RawDecision, RawMeeting, RawParagraph, RawParty, RawPerson, RawReference, RawStatement,
    RawStep, RawVotes, Text, unspanned,
};
use crate::import::clean::{self, Block, BlockKind, CleanDocument, SourceLine};
use crate::model::{DecisionKind, ReferenceKind, SourceRef, Votes, is_valid_dnr};
use crate::slug::slugify;

/// Parties that minutes name by abbreviation: (abbreviation, name, stem of the lower-case
/// words used for the party's members, as in `socialdemokraternas ledamöter`). A parenthesis
/// with any other abbreviation (`Sveriges Geologiska Undersökningar (SGU)`) is not a party.
pub const PARTIES: [(&str, &str, &str); 9] = [
    ("S", "Socialdemokraterna", "socialdemokrat"),
    ("M", "Moderaterna", "moderat"),
    ("SD", "Sverigedemokraterna", "sverigedemokrat"),
    ("C", "Centerpartiet", "centerparti"),
    ("V", "Vänsterpartiet", "vänsterparti"),
    ("KD", "Kristdemokraterna", "kristdemokrat"),
    ("L", "Liberalerna", "liberal"),
    ("MP", "Miljöpartiet de gröna", "miljöparti"),
    ("SJVP", "Sjukvårdspartiet", "sjukvårdsparti"),
];

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

/// The sections a § may have, by their heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Decision,
    Reservations,
    Notes,
    Treatment,
    Steps,
    Attachments,
    Distribution,
    /// Prose that goes to the Markdown body under its own heading.
    Body,
    /// A list that goes to the Markdown body (`Beslutsunderlag`, `Referenser`).
    BodyList,
}

/// Which section a whole line heads, if any. `decision_heading` is `<organ>s beslut`.
fn section_of(line: &str, decision_heading: &str) -> Option<(Section, String)> {
    let name = line.trim().trim_end_matches(':').trim_end();
    let section = match name {
        _ if name == decision_heading => Section::Decision,
        "Reservation" | "Reservationer" => Section::Reservations,
        "Protokollsanteckning"
        | "Protokollsanteckningar"
        | "Protokollsnotering"
        | "Protokollsnoteringar" => Section::Notes,
        "Ärendets behandling under sammanträdet" => Section::Treatment,
        "Beslutsgång" => Section::Steps,
        "Bilaga" | "Bilagor" => Section::Attachments,
        "Protokollsutdrag skickas till" | "Protokollsutdrag till" => Section::Distribution,
        "Yttrande till beslutsförslaget"
        | "Sammanfattning"
        | "Ärendet"
        | "Beslutsförslagets påverkan avseende jämställdhet" => Section::Body,
        "Beslutsunderlag" | "Referenser" => Section::BodyList,
        _ => return None,
    };
    Some((section, name.to_string()))
}

/// `§ 172` → 172.
fn paragraph_mark(line: &str) -> Option<u32> {
    let rest = line.trim().strip_prefix("§ ")?.trim();
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The running header `Regionstyrelsen 14 oktober 2020  Sida 13 (80)` gives organ and date.
/// It is page furniture, so it is read from the raw lines.
fn meeting_header(raw: &[SourceLine]) -> Option<(String, String)> {
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

/// The id in the document-id box: the line after a `DOKUMENT-ID` label line ends in
/// `<id> <version>` (`ARBGRP757-2093665656-83, 7.0`).
fn document_id(raw: &[SourceLine]) -> Option<String> {
    raw.iter().enumerate().find_map(|(i, l)| {
        if !l.text.contains("DOKUMENT-ID") {
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

/// Reads a protocol. Errors name the source line and what is wrong; all are collected.
pub fn parse_minutes(text: &str, source_file: &str) -> Result<ImportedMeeting, Vec<String>> {
    let raw = clean::source_lines(text);
    let doc = clean::clean_document(text);
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
        };
        match reader.read(number, &doc.lines[start + 1..end], lines) {
            Ok(p) => paragraphs.push(p),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (persons, parties) = collect_persons(&paragraphs, source_file);
    Ok(ImportedMeeting {
        organ,
        date,
        front: RawMeeting {
            place: None,
            time: None,
            document_id: document_id(&raw),
            source: Some(unspanned(source_file.to_string())),
        },
        paragraphs,
        persons,
        parties,
    })
}

/// A mention `Glenn Berggård (V)` found in a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mention {
    name: String,
    /// Upper-case abbreviation as written.
    party: String,
}

fn party_by_abbreviation(abbreviation: &str) -> Option<(&'static str, &'static str, &'static str)> {
    PARTIES.iter().copied().find(|(a, _, _)| *a == abbreviation)
}

fn is_name_word(word: &str) -> bool {
    // Capitalised words that start sentences in minutes but are never part of a name.
    const NOT_NAMES: [&str; 6] = [
        "Ordföranden",
        "Ledamoten",
        "Ersättaren",
        "Från",
        "Även",
        "Och",
    ];
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.all(|c| c.is_alphabetic() || c == '-')
        && !NOT_NAMES.contains(&word)
}

/// All `Förnamn Efternamn (PARTI)` mentions in `text`, in order: two or three capitalised
/// words right before a parenthesis holding a known party abbreviation.
fn mentions(text: &str) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find(" (") {
        let at = offset + open;
        let after = &text[at + 2..];
        let close = after.find(')');
        if let Some(close) = close {
            let abbreviation = &after[..close];
            if party_by_abbreviation(abbreviation).is_some() {
                let words: Vec<&str> = text[..at].split(' ').collect();
                let name: Vec<&str> = words
                    .iter()
                    .rev()
                    .take(3)
                    .take_while(|w| is_name_word(w))
                    .copied()
                    .collect();
                if name.len() >= 2 {
                    let name: Vec<&str> = name.into_iter().rev().collect();
                    found.push(Mention {
                        name: name.join(" "),
                        party: abbreviation.to_string(),
                    });
                }
            }
        }
        offset = at + 2;
        rest = &text[offset..];
    }
    found
}

/// Splits prose into sentences at `.`, `!` or `?` followed by a space and a capital letter.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, p), (_, s), (i, c)] = w else {
            continue;
        };
        if matches!(p, '.' | '!' | '?') && *s == ' ' && c.is_uppercase() {
            out.push(text[start..*i].trim());
            start = *i;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// `dnr 1355-2020`, `(dnr 03531-2019)`: diary numbers in running text.
fn dnr_mentions(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[0].trim_start_matches('(').eq_ignore_ascii_case("dnr"))
        .map(|w| trim_punctuation(w[1]).to_string())
        .filter(|d| is_valid_dnr(d))
        .collect()
}

fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':' | '”' | '"'))
}

fn is_iso_date(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// `2010:1065`, `2019:20`.
fn is_statute_number(word: &str) -> bool {
    match word.split_once(':') {
        Some((year, number)) => {
            year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
                && !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// Laws, chapters, SOU and Ds in running text.
fn statute_mentions(text: &str) -> Vec<(ReferenceKind, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or_default();
        let core = trim_punctuation(word);
        // `Lag (2010:1065)`, `Patientsäkerhetslagen (2010:659)`.
        let lower = core.to_lowercase();
        if (lower.ends_with("lag") || lower.ends_with("lagen"))
            && next.starts_with('(')
            && is_statute_number(trim_punctuation(next))
        {
            found.push((
                ReferenceKind::Law,
                format!("{core} ({})", trim_punctuation(next)),
            ));
        }
        // `SOU 2019:20`, `Ds 2020:15`.
        let kind = match core {
            "SOU" => Some(ReferenceKind::Sou),
            "Ds" => Some(ReferenceKind::Ds),
            _ => None,
        };
        if let Some(kind) = kind
            && is_statute_number(trim_punctuation(next))
        {
            found.push((kind, format!("{core} {}", trim_punctuation(next))));
        }
        // `4 kap. 5 a §`.
        if core.bytes().all(|b| b.is_ascii_digit())
            && !core.is_empty()
            && next == "kap."
            && let Some(section) = words.get(i + 2)
            && section.bytes().all(|b| b.is_ascii_digit())
        {
            let letter = words
                .get(i + 3)
                .filter(|w| w.chars().count() == 1 && w.chars().all(char::is_lowercase));
            let sign = words.get(i + 3 + usize::from(letter.is_some()));
            if sign.is_some_and(|s| trim_punctuation(s) == "§") {
                let text = match letter {
                    Some(letter) => format!("{core} kap. {section} {letter} §"),
                    None => format!("{core} kap. {section} §"),
                };
                found.push((ReferenceKind::Law, text));
            }
        }
    }
    found
}

/// `Regionala utvecklingsnämnden har 2020-10-07 § 103 beslutat …` → the organ, date and §.
/// Returns (key `DATE § N`, text).
fn protocol_mentions(text: &str) -> Vec<(String, String)> {
    const VERBS: [&str; 5] = ["har", "beslutade", "beslutat", "den", "i"];
    let mut found = Vec::new();
    for sentence in sentences(text) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        for i in 0..words.len() {
            let (Some(sign), Some(number)) = (words.get(i + 1), words.get(i + 2)) else {
                continue;
            };
            let number = trim_punctuation(number);
            if !is_iso_date(words[i])
                || *sign != "§"
                || number.is_empty()
                || !number.bytes().all(|b| b.is_ascii_digit())
            {
                continue;
            }
            let key = format!("{} § {number}", words[i]);
            let mut subject: Vec<&str> = words[..i].to_vec();
            while subject.last().is_some_and(|w| VERBS.contains(w)) {
                subject.pop();
            }
            // Only a short subject is the organ; a long one is a sentence.
            let text = if !subject.is_empty() && subject.len() <= 3 {
                format!("{} {key}", subject.join(" "))
            } else {
                key.clone()
            };
            found.push((key, text));
        }
    }
    found
}

/// One entry of a list section (attachment, recipient, reference).
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    lines: LineRange,
    /// Entries under an entry ending in `se nedan:` are its items.
    nested: bool,
}

fn is_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://")) && !text.contains(' ')
}

/// Reads a list section one entry per line. A line continues the entry above when it starts
/// in lower case or with `(`, when the line above ends in a word that cannot end a title
/// (`… vid` / `Bodentvätten`), or when it is a URL after `hittas här:`.
fn list_entries(lines: &[SourceLine], doc: &CleanDocument) -> Vec<Entry> {
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

struct ParagraphReader<'a> {
    doc: &'a CleanDocument,
    raw: &'a [SourceLine],
    source_file: &'a str,
    decision_heading: &'a str,
}

/// The lines of one section of a §.
struct SectionLines {
    section: Section,
    heading: String,
    lines: Vec<SourceLine>,
}

impl ParagraphReader<'_> {
    fn read(
        &self,
        number: u32,
        lines: &[SourceLine],
        range: LineRange,
    ) -> Result<ImportedParagraph, Vec<String>> {
        let mut errors = Vec::new();
        let mut header: Vec<SourceLine> = Vec::new();
        let mut sections: Vec<SectionLines> = Vec::new();
        let mut dnr = Vec::new();
        for line in lines {
            let found = section_of(&line.text, self.decision_heading)
                // Only the first decision heading is one; later it would be a quotation.
                .filter(|(s, _)| {
                    *s != Section::Decision
                        || !sections.iter().any(|x| x.section == Section::Decision)
                });
            if let Some((section, heading)) = found {
                sections.push(SectionLines {
                    section,
                    heading,
                    lines: Vec::new(),
                });
            } else if let Some(current) = sections.last_mut() {
                current.lines.push(line.clone());
            } else if let Some(numbers) = line.text.trim().strip_prefix("Dnr ") {
                for n in numbers.split([',', ' ']).map(trim_punctuation) {
                    if n.is_empty() || n == "och" {
                        continue;
                    }
                    if is_valid_dnr(n) {
                        dnr.push(n.to_string());
                    } else {
                        errors.push(format!(
                            "{}:{}: § {number}: `{n}` is not a diary number (NNNN-YYYY)",
                            self.source_file, line.number
                        ));
                    }
                }
            } else {
                header.push(line.clone());
            }
        }
        let title = clean::join_hyphenated(&header, &self.doc.vocabulary)
            .iter()
            .map(|l| l.text.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if title.is_empty() {
            errors.push(format!(
                "{}:{}: § {number} has no title; the line after `§ {number}` should name the case",
                self.source_file, range.first
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let mut p = RawParagraph {
            number: unspanned(number),
            title,
            dnr: dnr.into_iter().map(unspanned).collect(),
            attachments: Vec::new(),
            distribution: Vec::new(),
            source: self.source(range),
            decision: None,
            proposals: Vec::new(),
            steps: Vec::new(),
            reservations: Vec::new(),
            notes: Vec::new(),
            recusals: Vec::new(),
            references: Vec::new(),
        };
        let mut body = Markdown::default();
        // Running text scanned for references, with its first line.
        let mut prose: Vec<(String, usize)> = Vec::new();
        let mut list_protocols = Vec::new();
        for s in &sections {
            match s.section {
                Section::Attachments | Section::Distribution | Section::BodyList => {
                    let entries = list_entries(&s.lines, self.doc);
                    for e in &entries {
                        prose.push((e.text.clone(), e.lines.first));
                    }
                    // Attachments and the decision basis name other minutes best
                    // (`Regionfullmäktiges protokoll 2017-04-26 § 37`).
                    if s.section == Section::Attachments || s.heading == "Beslutsunderlag" {
                        list_protocols.extend(
                            entries
                                .iter()
                                .filter(|e| list_entry_kind(&e.text) == ReferenceKind::Protocol)
                                .map(|e| {
                                    self.reference(
                                        ReferenceKind::Protocol,
                                        e.text.clone(),
                                        e.lines.first,
                                    )
                                }),
                        );
                    }
                    match s.section {
                        Section::Attachments => {
                            p.attachments = entries.into_iter().map(|e| e.text).collect();
                        }
                        // A lone URL after the recipients is a PDF link annotation, not one.
                        Section::Distribution => {
                            p.distribution = entries
                                .into_iter()
                                .map(|e| e.text)
                                .filter(|t| !is_url(t))
                                .collect();
                        }
                        _ => {
                            if s.heading == "Referenser" {
                                p.references
                                    .extend(entries.iter().filter(|e| !e.nested).map(|e| {
                                        self.reference(
                                            list_entry_kind(&e.text),
                                            e.text.clone(),
                                            e.lines.first,
                                        )
                                    }));
                            }
                            body.list_section(&s.heading, &entries);
                        }
                    }
                }
                _ => {
                    let blocks = clean::unwrap_blocks(&s.lines, &self.doc.vocabulary);
                    for b in &blocks {
                        prose.push((b.text.clone(), b.first_line));
                    }
                    self.read_prose_section(s, &blocks, &mut p, &mut body);
                }
            }
        }
        p.references.splice(0..0, list_protocols);
        if let Some(d) = &p.decision {
            prose.insert(0, (d.text.clone(), first_line(&d.source)));
        }
        self.add_text_references(&mut p, &prose, range);
        Ok(ImportedParagraph {
            front: p,
            body: body.finish(self.footnotes_in(range)),
        })
    }

    fn source(&self, lines: LineRange) -> Option<Text> {
        source_ref(self.source_file, lines)
    }

    fn reference(&self, kind: ReferenceKind, text: String, line: usize) -> RawReference {
        RawReference {
            kind: unspanned(kind.key().to_string()),
            text,
            source: self.source(LineRange::line(line)),
        }
    }

    /// A proposal or reservation: the persons it names, or the role that makes it.
    fn statement(&self, text: &str, lines: LineRange) -> RawStatement {
        let persons = person_slugs(text);
        let role = if persons.is_empty() {
            // `Ordföranden föreslår …`: the first word is the speaker when it is a title.
            text.split_whitespace()
                .next()
                .filter(|w| w.ends_with("en") && w.chars().next().is_some_and(char::is_uppercase))
                .map(str::to_string)
        } else {
            None
        };
        RawStatement {
            persons: persons.into_iter().map(unspanned).collect(),
            parties: Vec::new(),
            role,
            text: text.to_string(),
            source: self.source(lines),
        }
    }

    /// A protocol note: by persons, or by a party group named in its lead-in
    /// (`Från socialdemokraternas ledamöter: …`).
    fn note(&self, text: &str, lines: LineRange) -> RawStatement {
        let mut s = self.statement(text, lines);
        s.role = None;
        if s.persons.is_empty() {
            let lead = text
                .split([':', '.'])
                .next()
                .unwrap_or_default()
                .to_lowercase();
            s.parties = PARTIES
                .iter()
                .filter(|(_, _, stem)| lead.contains(stem))
                .map(|(a, _, _)| unspanned(a.to_lowercase()))
                .collect();
        }
        s
    }

    fn read_prose_section(
        &self,
        s: &SectionLines,
        blocks: &[Block],
        p: &mut RawParagraph,
        body: &mut Markdown,
    ) {
        let Some(range) = blocks_range(blocks) else {
            return;
        };
        // Recusals are stated wherever the secretary put them (§ 178: in a protocol note).
        let mut recusal_blocks = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            for sentence in sentences(&b.text) {
                let has_jav = sentence
                    .split_whitespace()
                    .any(|w| trim_punctuation(w).to_lowercase().starts_with("jäv"));
                let persons = person_slugs(sentence);
                if has_jav && !persons.is_empty() {
                    p.recusals.push(RawStatement {
                        persons: persons.into_iter().map(unspanned).collect(),
                        parties: Vec::new(),
                        role: None,
                        text: sentence.to_string(),
                        source: self.source(block_range(b)),
                    });
                    if sentence == b.text {
                        recusal_blocks.push(i);
                    }
                }
            }
        }
        let rest: Vec<&Block> = blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| !recusal_blocks.contains(i))
            .map(|(_, b)| b)
            .collect();
        match s.section {
            Section::Decision => {
                let text = decision_text(blocks);
                p.decision = Some(RawDecision {
                    kind: unspanned(decision_kind(&text).key().to_string()),
                    text,
                    source: self.source(range),
                });
            }
            Section::Reservations => {
                p.reservations
                    .extend(rest.iter().map(|b| self.statement(&b.text, block_range(b))));
            }
            Section::Treatment => {
                p.proposals
                    .extend(rest.iter().map(|b| self.statement(&b.text, block_range(b))));
            }
            Section::Steps => p.steps.extend(rest.iter().map(|b| RawStep {
                text: b.text.clone(),
                source: self.source(block_range(b)),
                votes: votes(&b.text).map(|v| RawVotes {
                    ja: v.yes,
                    nej: v.no,
                    avstar: v.abstain,
                }),
            })),
            Section::Notes => {
                // A note runs over several paragraphs; a new one starts with who makes it.
                for b in rest {
                    let starts_new = !mentions(&b.text).is_empty()
                        || b.text.starts_with("Från ")
                        || p.notes.is_empty();
                    match p.notes.last_mut() {
                        Some(n) if !starts_new => {
                            n.text.push_str("\n\n");
                            n.text.push_str(&b.text);
                            let lines = LineRange {
                                first: first_line(&n.source),
                                last: b.last_line,
                            };
                            n.source = self.source(lines);
                        }
                        _ => p.notes.push(self.note(&b.text, block_range(b))),
                    }
                }
            }
            Section::Body => body.prose_section(&s.heading, blocks),
            Section::Attachments | Section::Distribution | Section::BodyList => {
                unreachable!("list sections are read by list_entries")
            }
        }
    }

    /// Adds the diary numbers, laws, SOU/Ds and other minutes mentioned in the §'s text, once
    /// each, leaving out the §'s own diary numbers and what an attachment already names.
    /// `prose` holds running texts with their first lines; each reference points at the first
    /// line of `range` from there on that holds it.
    fn add_text_references(
        &self,
        p: &mut RawParagraph,
        prose: &[(String, usize)],
        range: LineRange,
    ) {
        let protocol_key = |text: &str| -> String {
            let words: Vec<&str> = text.split_whitespace().collect();
            words
                .windows(3)
                .find(|w| is_iso_date(w[0]) && w[1] == "§")
                .map_or_else(|| text.to_string(), |w| format!("{} § {}", w[0], w[2]))
        };
        let protocol = ReferenceKind::Protocol.key();
        let mut seen: Vec<(String, String)> = p
            .references
            .iter()
            .map(|r| {
                let kind = r.kind.get_ref();
                let key = if kind == protocol {
                    protocol_key(&r.text)
                } else {
                    r.text.clone()
                };
                (kind.clone(), key)
            })
            .collect();
        let dnr = ReferenceKind::Dnr.key();
        seen.extend(p.dnr.iter().map(|d| (dnr.to_string(), d.get_ref().clone())));
        let mut add = |p: &mut RawParagraph, kind: ReferenceKind, key: String, text, line| {
            let seen_key = (kind.key().to_string(), key);
            if !seen.contains(&seen_key) {
                seen.push(seen_key);
                p.references.push(self.reference(kind, text, line));
            }
        };
        let locate = |needle: &str, from: usize| self.line_of(needle, from, range.last);
        for (text, line) in prose {
            for (key, t) in protocol_mentions(text) {
                let at = locate(key.split(' ').next().unwrap_or_default(), *line);
                add(p, ReferenceKind::Protocol, key, t, at);
            }
            for d in dnr_mentions(text) {
                let at = locate(&d, *line);
                add(p, ReferenceKind::Dnr, d.clone(), d, at);
            }
            for (kind, t) in statute_mentions(text) {
                // The number (`2010:1065`) or the chapter (`5 a §`) is on the line.
                let needle = t
                    .split(['(', ')'])
                    .nth(1)
                    .unwrap_or_else(|| t.split(" kap. ").nth(1).unwrap_or(&t));
                let at = locate(needle, *line);
                add(p, kind, t.clone(), t, at);
            }
        }
    }

    /// The first cleaned line from `from` to `to` that contains `needle`, else `from`: a
    /// reference found in a wrapped paragraph points at its own line.
    fn line_of(&self, needle: &str, from: usize, to: usize) -> usize {
        self.doc
            .lines
            .iter()
            .filter(|l| (from..=to).contains(&l.number))
            .find(|l| l.text.contains(needle))
            .map_or(from, |l| l.number)
    }

    /// Footnotes whose marker is inside this §: (number, text, marker line, text before the
    /// marker on its line). Markers are found by comparing the raw line with the cleaned one.
    fn footnotes_in(&self, range: LineRange) -> Vec<FootnoteMark> {
        self.doc
            .footnotes
            .iter()
            .filter_map(|f| {
                let line = f.marker_line?;
                if line < range.first || line > range.last {
                    return None;
                }
                let raw = &self.raw.get(line - 1)?.text;
                let cleaned = &self.doc.lines.iter().find(|l| l.number == line)?.text;
                let at = raw
                    .char_indices()
                    .zip(cleaned.chars())
                    .find(|((_, a), b)| a != b)
                    .map_or(cleaned.len(), |((i, _), _)| i);
                Some(FootnoteMark {
                    number: f.number,
                    text: f.text.clone(),
                    before: cleaned[..at.min(cleaned.len())].to_string(),
                })
            })
            .collect()
    }
}

struct FootnoteMark {
    number: u32,
    text: String,
    /// The cleaned line up to where the marker was.
    before: String,
}

fn block_range(b: &Block) -> LineRange {
    LineRange {
        first: b.first_line,
        last: b.last_line,
    }
}

fn blocks_range(blocks: &[Block]) -> Option<LineRange> {
    Some(LineRange {
        first: blocks.first()?.first_line,
        last: blocks.last()?.last_line,
    })
}

/// `1. Fastställa …`: a numbered point of a decision.
fn is_numbered(text: &str) -> bool {
    text.split_once(". ").is_some_and(|(n, _)| {
        !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Paragraphs separated by an empty line, consecutive numbered points by a line break.
fn decision_text(blocks: &[Block]) -> String {
    let mut text = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            let tight = is_numbered(&b.text) && is_numbered(&blocks[i - 1].text);
            text.push_str(if tight { "\n" } else { "\n\n" });
        }
        text.push_str(&b.text);
    }
    text
}

/// The decision's kind from its wording; see the README's "decision kind".
fn decision_kind(text: &str) -> DecisionKind {
    let lower = text.to_lowercase();
    let points = text.lines().filter(|l| is_numbered(l)).count();
    if lower.contains("föreslår") && lower.contains("fullmäktige") {
        DecisionKind::Proposal
    } else if lower.contains("yttrande") || lower.contains("remissvar") {
        DecisionKind::Consultation
    } else if lower.contains("till handlingarna") && points == 0 {
        DecisionKind::Noted
    } else {
        DecisionKind::Final
    }
}

fn person_slugs(text: &str) -> Vec<String> {
    let mut slugs: Vec<String> = Vec::new();
    for m in mentions(text) {
        let slug = slugify(&m.name);
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    slugs
}

/// A vote count in a step: `med 8 ja-röster mot 7 nej-röster, 2 avstår`, or `8 röster mot 7`.
fn votes(text: &str) -> Option<Votes> {
    let words: Vec<&str> = text.split_whitespace().map(trim_punctuation).collect();
    let (mut yes, mut no, mut abstain) = (None, None, 0);
    for (i, w) in words.iter().enumerate() {
        let Ok(n) = w.parse::<u32>() else {
            continue;
        };
        let next = words
            .get(i + 1)
            .map(|w| w.to_lowercase())
            .unwrap_or_default();
        if next.starts_with("ja") {
            yes = Some(n);
        } else if next.starts_with("nej") {
            no = Some(n);
        } else if next.starts_with("avst")
            || next == "ledamöter" && words.get(i + 2).is_some_and(|w| w.starts_with("avst"))
        {
            abstain = n;
        } else if next == "röster" && words.get(i + 2) == Some(&"mot") {
            yes = Some(n);
            no = words.get(i + 3).and_then(|w| w.parse().ok());
        }
    }
    Some(Votes {
        yes: yes?,
        no: no?,
        abstain,
    })
}

/// An attachment or reference line that names another organ's minutes with a date.
fn list_entry_kind(text: &str) -> ReferenceKind {
    let names_minutes = text.to_lowercase().contains("protokoll");
    let dated = text
        .split_whitespace()
        .any(|w| is_iso_date(trim_punctuation(w)));
    if names_minutes && dated {
        ReferenceKind::Protocol
    } else {
        ReferenceKind::Other
    }
}

/// The persons named in statements, and their parties and those of party-group notes; each
/// with the line of its first mention in `source_file`.
fn collect_persons(
    paragraphs: &[ImportedParagraph],
    source_file: &str,
) -> (BTreeMap<String, RawPerson>, BTreeMap<String, RawParty>) {
    let mut persons = BTreeMap::new();
    let mut parties = BTreeMap::new();
    let add_party = |parties: &mut BTreeMap<String, RawParty>, abbreviation: &str, line| {
        if let Some((a, name, _)) = party_by_abbreviation(abbreviation) {
            parties.entry(a.to_lowercase()).or_insert_with(|| RawParty {
                name: name.to_string(),
                abbreviation: a.to_string(),
                source: source_ref(source_file, LineRange::line(line)),
            });
        }
    };
    for p in paragraphs {
        let p = &p.front;
        // In source order, so that each person's and party's line is the first mention.
        let mut statements: Vec<&RawStatement> = p
            .proposals
            .iter()
            .chain(&p.reservations)
            .chain(&p.notes)
            .chain(&p.recusals)
            .collect();
        statements.sort_by_key(|s| first_line(&s.source));
        for s in statements {
            let line = first_line(&s.source);
            for m in mentions(&s.text) {
                add_party(&mut parties, &m.party, line);
                persons
                    .entry(slugify(&m.name))
                    .or_insert_with(|| RawPerson {
                        name: m.name.clone(),
                        party: Some(unspanned(m.party.to_lowercase())),
                        source: source_ref(source_file, LineRange::line(line)),
                    });
            }
            for party in &s.parties {
                add_party(&mut parties, &party.get_ref().to_uppercase(), line);
            }
        }
    }
    (persons, parties)
}

// ---------------------------------------------------------------------------------------------
// Markdown body
// ---------------------------------------------------------------------------------------------

/// Backslash-escapes what Markdown would read as markup; content is data.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '+', '=', '|']) {
        out.insert(0, '\\');
    }
    out
}

#[derive(Default)]
struct Markdown {
    parts: Vec<String>,
}

fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

/// A list item that ends in a dnr is complete; words after it on the same block are the next
/// subheading, glued on when the PDF lost the line's indentation (§ 163:
/// `…, dnr 1296-2020 Divisionschefer närsjukvård`).
fn split_glued_subheadings(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        if b.kind == BlockKind::ListItem
            && let Some((item, rest)) = split_after_last_dnr(&b.text)
        {
            out.push(Block {
                text: item.to_string(),
                ..b.clone()
            });
            out.push(Block {
                kind: BlockKind::Heading,
                text: rest.to_string(),
                ..b.clone()
            });
        } else {
            out.push(b.clone());
        }
    }
    out
}

/// Splits `…, dnr 1296-2020 Divisionschefer närsjukvård` after the dnr when a short phrase
/// without a final period, starting in upper case, follows it.
fn split_after_last_dnr(text: &str) -> Option<(&str, &str)> {
    let at = text.rfind("dnr ")?;
    let after = &text[at + 4..];
    let number_len = after
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(after.len());
    let number = &after[..number_len];
    let (serial, year) = number.split_once('-')?;
    if serial.is_empty() || year.len() != 4 {
        return None;
    }
    let rest = after[number_len..].trim();
    let words = rest.split_whitespace().count();
    let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
    if !starts_upper || words == 0 || words > 6 || rest.ends_with('.') {
        return None;
    }
    let item_end = at + 4 + number_len;
    Some((text[..item_end].trim_end(), rest))
}

impl Markdown {
    fn prose_section(&mut self, heading: &str, blocks: &[Block]) {
        if blocks.is_empty() {
            return;
        }
        self.parts.push(format!("## {}", escape_markdown(heading)));
        let blocks = split_glued_subheadings(blocks);
        let blocks = blocks.as_slice();
        // A run of three or more headings is a flattened table or list, not structure; a
        // heading with nothing under it is a line of its own.
        let is_heading = |i: usize| blocks[i].kind == BlockKind::Heading;
        let run_len = |i: usize| {
            let back = (0..i).rev().take_while(|&j| is_heading(j)).count();
            let fwd = (i..blocks.len()).take_while(|&j| is_heading(j)).count();
            back + fwd
        };
        let is_item = |i: usize| blocks.get(i).is_some_and(|b| b.kind == BlockKind::ListItem);
        let mut previous_item = false;
        for (i, b) in blocks.iter().enumerate() {
            // A bullet at the top of a page lost its indentation (004 line 2524); it reads like
            // its neighbours ("VO …"). A short line between items that does not is a subheading
            // of the list (the delegating officer in § 163).
            let item_on_new_page = b.kind == BlockKind::Heading
                && i > 0
                && is_item(i - 1)
                && is_item(i + 1)
                && [i - 1, i + 1]
                    .iter()
                    .any(|&j| first_word(&blocks[j].text) == first_word(&b.text));
            let (item, text) = match b.kind {
                _ if item_on_new_page => (true, format!("- {}", escape_markdown(&b.text))),
                BlockKind::ListItem => (true, format!("- {}", escape_markdown(&b.text))),
                BlockKind::Heading if run_len(i) < 3 && i + 1 < blocks.len() => {
                    (false, format!("### {}", escape_markdown(&b.text)))
                }
                _ if is_url(&b.text) => (false, format!("<{}>", b.text)),
                _ => match b.text.strip_prefix("- ") {
                    Some(rest) => (true, format!("- {}", escape_markdown(rest))),
                    None => (is_numbered(&b.text), escape_markdown(&b.text)),
                },
            };
            match self.parts.last_mut() {
                Some(last) if item && previous_item => {
                    last.push('\n');
                    last.push_str(&text);
                }
                _ => self.parts.push(text),
            }
            previous_item = item;
        }
    }

    fn list_section(&mut self, heading: &str, entries: &[Entry]) {
        if entries.is_empty() {
            return;
        }
        self.parts.push(format!("## {}", escape_markdown(heading)));
        let items: Vec<String> = entries
            .iter()
            .map(|e| {
                let indent = if e.nested { "  " } else { "" };
                let text = match e.text.rsplit_once(' ') {
                    Some((lead, url)) if is_url(url) => {
                        format!("{} <{url}>", escape_markdown(lead))
                    }
                    _ if is_url(&e.text) => format!("<{}>", e.text),
                    _ => escape_markdown(&e.text),
                };
                format!("{indent}- {text}")
            })
            .collect();
        self.parts.push(items.join("\n"));
    }

    /// Joins the parts and adds footnote markers and definitions.
    fn finish(mut self, footnotes: Vec<FootnoteMark>) -> String {
        let mut definitions = Vec::new();
        for f in footnotes {
            let marker = format!("[^{}]", f.number);
            // The marker goes after the words that came before it on its line.
            let tail: String = {
                let chars: Vec<char> = f.before.trim_end().chars().collect();
                let from = chars.len().saturating_sub(20);
                escape_markdown(&chars[from..].iter().collect::<String>())
                    .trim_start_matches('\\')
                    .to_string()
            };
            // Two footnotes may follow the same words; each takes the first free place.
            let placed = !tail.is_empty()
                && self.parts.iter_mut().any(|part| {
                    let free = part
                        .match_indices(&tail)
                        .map(|(at, _)| at + tail.len())
                        .find(|&end| !part[end..].starts_with("[^"));
                    free.map(|end| part.insert_str(end, &marker)).is_some()
                });
            if placed {
                definitions.push(format!("{marker}: {}", escape_markdown(&f.text)));
            }
        }
        self.parts.extend(definitions);
        let mut out = self.parts.join("\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Writing content files
// ---------------------------------------------------------------------------------------------

fn front_matter_file<T: Serialize>(front: &T, body: &str) -> io::Result<String> {
    let toml = toml::to_string(front).map_err(io::Error::other)?;
    Ok(format!("+++\n{toml}+++\n{body}"))
}

/// Writes the meeting to `content_dir/protokoll/<organ_id>/<date>/` (`_index.md` and one
/// `<number>.md` per §, replacing earlier imports), and a file in `personer/` and `partier/`
/// for each person and party that has none yet: those files are shared by all meetings and
/// may have been edited by hand, so they are never overwritten. Returns the files written.
pub fn write_minutes(
    m: &ImportedMeeting,
    content_dir: &Path,
    organ_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let folder = content_dir.join("protokoll").join(organ_id).join(&m.date);
    std::fs::create_dir_all(&folder)?;
    let mut write = |path: PathBuf, text: String| -> io::Result<()> {
        std::fs::write(&path, text)?;
        written.push(path);
        Ok(())
    };
    write(folder.join("_index.md"), front_matter_file(&m.front, "")?)?;
    for p in &m.paragraphs {
        write(
            folder.join(format!("{}.md", p.front.number.get_ref())),
            front_matter_file(&p.front, &p.body)?,
        )?;
    }
    for (dir, files) in [
        (
            "personer",
            m.persons
                .iter()
                .map(|(slug, p)| Ok((slug.clone(), front_matter_file(p, "")?)))
                .collect::<io::Result<Vec<_>>>()?,
        ),
        (
            "partier",
            m.parties
                .iter()
                .map(|(id, p)| Ok((id.clone(), front_matter_file(p, "")?)))
                .collect::<io::Result<Vec<_>>>()?,
        ),
    ] {
        let dir = content_dir.join(dir);
        std::fs::create_dir_all(&dir)?;
        for (id, text) in files {
            let path = dir.join(format!("{id}.md"));
            if !path.exists() {
                write(path, text)?;
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "004_8b838460e9bf283a.txt";

    fn seed() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/seeds/004_8b838460e9bf283a.txt"
        ))
        .expect("seed 004")
    }

    fn meeting() -> ImportedMeeting {
        parse_minutes(&seed(), SOURCE).expect("004 parses")
    }

    fn paragraph(m: &ImportedMeeting, number: u32) -> &RawParagraph {
        m.paragraphs
            .iter()
            .map(|p| &p.front)
            .find(|p| *p.number.get_ref() == number)
            .unwrap_or_else(|| panic!("no § {number}"))
    }

    fn body(m: &ImportedMeeting, number: u32) -> &str {
        m.paragraphs
            .iter()
            .find(|p| *p.front.number.get_ref() == number)
            .map(|p| p.body.as_str())
            .unwrap_or_else(|| panic!("no § {number}"))
    }

    fn lines(source: &Option<Text>) -> (usize, usize) {
        let l = LineRange::of(source).expect("source lines");
        (l.first, l.last)
    }

    fn slugs(s: &RawStatement) -> Vec<&str> {
        s.persons.iter().map(|p| p.get_ref().as_str()).collect()
    }

    fn texts(list: &[Text]) -> Vec<&str> {
        list.iter().map(|t| t.get_ref().as_str()).collect()
    }

    fn references(p: &RawParagraph, kind: ReferenceKind) -> Vec<&str> {
        p.references
            .iter()
            .filter(|r| r.kind.get_ref() == kind.key())
            .map(|r| r.text.as_str())
            .collect()
    }

    fn decision_kind_of(p: &RawParagraph) -> DecisionKind {
        let kind = &p.decision.as_ref().expect("decision").kind;
        DecisionKind::parse(kind.get_ref()).expect("a decision kind")
    }

    /// Every piece of text the importer produces for a §.
    fn all_texts(paragraph: &ImportedParagraph) -> Vec<&str> {
        let p = &paragraph.front;
        let statements = p
            .proposals
            .iter()
            .chain(&p.reservations)
            .chain(&p.notes)
            .chain(&p.recusals)
            .map(|s| s.text.as_str());
        let mut texts: Vec<&str> = vec![p.title.as_str(), paragraph.body.as_str()];
        texts.extend(p.decision.iter().map(|d| d.text.as_str()));
        texts.extend(statements);
        texts.extend(p.steps.iter().map(|s| s.text.as_str()));
        texts.extend(p.attachments.iter().map(String::as_str));
        texts.extend(p.distribution.iter().map(String::as_str));
        texts.extend(p.references.iter().map(|r| r.text.as_str()));
        texts
    }

    fn has_page_footer(text: &str) -> bool {
        text.split("Sida ").skip(1).any(|rest| {
            let (page, total) = rest.split_once(' ').unwrap_or_default();
            !page.is_empty()
                && page.bytes().all(|b| b.is_ascii_digit())
                && total.starts_with('(')
                && total[1..]
                    .split(')')
                    .next()
                    .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        })
    }

    #[test]
    fn reads_the_meeting() {
        let m = meeting();
        assert_eq!(m.organ, "Regionstyrelsen");
        assert_eq!(m.date, "2020-10-14");
        assert_eq!(
            m.front.document_id.as_deref(),
            Some("ARBGRP757-2093665656-83")
        );
        let numbers: Vec<u32> = m
            .paragraphs
            .iter()
            .map(|p| *p.front.number.get_ref())
            .collect();
        assert_eq!(numbers, (160..=184).collect::<Vec<_>>());
    }

    #[test]
    fn paragraphs_carry_their_source_lines() {
        let m = meeting();
        let range = |n| lines(&paragraph(&m, n).source);
        assert_eq!(range(160), (1, 8));
        assert_eq!(range(162), (20, 47));
        assert_eq!(range(172), (2170, 2741));
        assert_eq!(range(184), (5042, 5185));
        // Ranges tile the file: each § ends right before the next.
        for w in m.paragraphs.windows(2) {
            assert_eq!(lines(&w[0].front.source).1 + 1, lines(&w[1].front.source).0);
        }
        assert_eq!(
            paragraph(&m, 162)
                .source
                .as_ref()
                .map(|s| s.get_ref().as_str()),
            Some("004_8b838460e9bf283a.txt:20-47")
        );
    }

    #[test]
    fn titles_and_diary_numbers() {
        let m = meeting();
        for n in 160..=162 {
            assert!(paragraph(&m, n).dnr.is_empty(), "§ {n}");
        }
        let p172 = paragraph(&m, 172);
        assert_eq!(p172.title, "Ny driftsorganisation i Region Norrbotten");
        assert_eq!(texts(&p172.dnr), ["1351-2020"]);
        assert_eq!(texts(&paragraph(&m, 163).dnr), ["1310-2020"]);
        assert_eq!(texts(&paragraph(&m, 166).dnr), ["119-2020"]);
        assert_eq!(texts(&paragraph(&m, 178).dnr), ["3602-2019"]);
        // `2020-` / `10-14` keeps its hyphens; a four-line title is whole.
        assert_eq!(
            paragraph(&m, 164).title,
            "Meddelanden till regionstyrelsen 2020-10-14"
        );
        assert_eq!(
            paragraph(&m, 180).title,
            "Motion 2-2020 om utredning av förändrad organisations- och verksamhetsform för den regionala kollektivtrafikmyndigheten"
        );
        for p in &m.paragraphs[3..] {
            assert_eq!(p.front.dnr.len(), 1, "§ {}", p.front.number.get_ref());
        }
    }

    #[test]
    fn paragraph_162_closed_meeting_and_reservation() {
        let m = meeting();
        let p = paragraph(&m, 162);
        assert_eq!(decision_kind_of(p), DecisionKind::Final);
        let decision = p.decision.as_ref().expect("decision");
        assert!(decision.text.contains("Covid-19"), "{}", decision.text);
        assert!(decision.text.contains("stängt för allmänheten"));
        assert_eq!(p.reservations.len(), 1);
        assert_eq!(
            slugs(&p.reservations[0]),
            ["glenn-berggard", "anders-oberg"]
        );
        assert_eq!(
            p.reservations[0].text,
            "Glenn Berggård (V) och Anders Öberg (S) reserverar sig mot beslutet."
        );
        assert_eq!(p.proposals.len(), 2);
        assert_eq!(slugs(&p.proposals[0]), ["glenn-berggard", "anders-oberg"]);
        assert_eq!(p.proposals[1].role.as_deref(), Some("Ordföranden"));
        assert_eq!(p.steps.len(), 1);
        assert!(
            p.steps[0]
                .text
                .starts_with("Ordföranden ställer eget förslag")
        );
    }

    #[test]
    fn recusals_are_found_wherever_they_are() {
        let m = meeting();
        let p178 = paragraph(&m, 178);
        assert_eq!(p178.recusals.len(), 1);
        assert_eq!(slugs(&p178.recusals[0]), ["linda-frohm"]);
        assert!(
            p178.notes.is_empty(),
            "the jäv note is a recusal, not a note"
        );
        assert_eq!(lines(&p178.recusals[0].source).0, 4049);
        // § 180: three members announce jäv under `Protokollsanteckning`.
        let p180 = paragraph(&m, 180);
        assert_eq!(p180.recusals.len(), 1);
        assert_eq!(
            slugs(&p180.recusals[0]),
            ["anders-oberg", "ann-sofie-isaksson", "johannes-sundelin"]
        );
        assert!(p180.notes.is_empty());
        assert_eq!(
            slugs(&p180.reservations[0]),
            ["elisabeth-lindberg", "carina-stromback"]
        );
        let recusing: Vec<u32> = m
            .paragraphs
            .iter()
            .filter(|p| !p.front.recusals.is_empty())
            .map(|p| *p.front.number.get_ref())
            .collect();
        assert_eq!(recusing, [178, 180]);
    }

    #[test]
    fn decision_kinds() {
        let m = meeting();
        let kind = |n| decision_kind_of(paragraph(&m, n));
        use DecisionKind::*;
        assert_eq!(kind(163), Noted);
        assert_eq!(kind(166), Noted);
        assert_eq!(kind(165), Final);
        assert_eq!(kind(167), Proposal);
        // `föreslår fullmäktige` without `region-`.
        assert_eq!(kind(169), Proposal);
        assert_eq!(kind(172), Proposal);
        // Point 3 lays the report to the files, points 1–2 decide.
        assert_eq!(kind(174), Final);
        assert_eq!(kind(181), Consultation);
        assert!(m.paragraphs.iter().all(|p| p.front.decision.is_some()));
        let text = &paragraph(&m, 172).decision.as_ref().expect("decision").text;
        assert_eq!(
            text,
            "Regionstyrelsen föreslår regionfullmäktige besluta att:\n\n1. Fastställa ny driftsorganisation enligt bild 1.\n2. Den nya organisationen träder ikraft från och med 1 januari 2021."
        );
    }

    #[test]
    fn proposals_steps_and_notes_of_172() {
        let m = meeting();
        let p = paragraph(&m, 172);
        let proposers: Vec<Vec<&str>> = p.proposals.iter().map(slugs).collect();
        assert_eq!(
            proposers,
            [
                vec!["glenn-berggard"],
                vec!["anders-oberg"],
                vec!["marianne-sandstrom", "elisabeth-lindberg"],
                vec!["nils-olov-lindfors"],
            ]
        );
        assert_eq!(p.steps.len(), 2);
        assert!(p.steps.iter().all(|s| s.votes.is_none()), "004 has no vote");
        assert_eq!(
            slugs(&p.reservations[0]),
            ["glenn-berggard", "anders-oberg", "marianne-sandstrom"]
        );
        assert_eq!(p.notes.len(), 1);
        assert_eq!(texts(&p.notes[0].parties), ["s"]);
        assert!(p.notes[0].persons.is_empty());
        assert!(
            p.notes[0]
                .text
                .contains("\n\nFörslaget till ny driftorganisation")
        );
        // § 170: a note by a person; § 174: by the Social Democrats' members.
        let p170 = paragraph(&m, 170);
        assert_eq!(slugs(&p170.notes[0]), ["anders-oberg"]);
        assert_eq!(texts(&paragraph(&m, 174).notes[0].parties), ["s"]);
        // § 169: three proposals by members and the chair's.
        let p169 = paragraph(&m, 169);
        assert_eq!(p169.proposals.len(), 4);
        assert_eq!(p169.proposals[3].role.as_deref(), Some("Ordföranden"));
    }

    #[test]
    fn attachments_and_distribution() {
        let m = meeting();
        // The PDF's link annotation after the recipients (line 2741) is not a recipient.
        assert_eq!(
            paragraph(&m, 172).distribution,
            ["Regiondirektör", "Avdelningsdirektörer", "Divisionschefer"]
        );
        assert_eq!(
            paragraph(&m, 176).distribution.last().map(String::as_str),
            Some("Divisionschef Länsteknik")
        );
        assert_eq!(paragraph(&m, 170).distribution.len(), 6);
        assert_eq!(
            paragraph(&m, 164).attachments,
            [
                "Skrivelse från Länspensionärsrådet och Tillgänglighetsrådet om kvalitetsregistret SveDem",
                "Patientnämndens protokoll 2020-09-09",
                "Regionala utvecklingsnämndens protokoll 2020-09-08",
                "Internationella beredningens protokoll 2020-09-03",
                "JO-beslut avseende anmälan mot Psykiatrin länsgemensamt",
            ]
        );
        assert_eq!(
            paragraph(&m, 173).attachments,
            [
                "Överenskommelse avseende kostnadsansvar för avhjälpandeåtgärder vid Bodentvätten",
                "Presentation Pilen 6; FFV:s tvätteri",
            ]
        );
        assert_eq!(paragraph(&m, 166).attachments.len(), 9);
        assert_eq!(paragraph(&m, 184).attachments.len(), 5);
        // The decision basis of § 168 is body text, not attachments.
        let p168 = paragraph(&m, 168);
        assert!(p168.attachments.is_empty());
        assert!(body(&m, 168).contains(
            "## Beslutsunderlag\n\n- Regionala utvecklingsnämndens delårsrapport per augusti 2020\n"
        ));
    }

    #[test]
    fn references_by_kind() {
        let m = meeting();
        assert_eq!(
            references(paragraph(&m, 163), ReferenceKind::Dnr),
            [
                "1355-2020",
                "1354-2020",
                "1370-2020",
                "1184-2020",
                "1296-2020",
                "1-2020",
                "981-2020"
            ]
        );
        assert_eq!(
            references(paragraph(&m, 176), ReferenceKind::Protocol),
            [
                "Regionfullmäktiges protokoll 2017-04-26 § 37",
                "Regionfullmäktiges protokoll 2020-02-12 § 18"
            ]
        );
        // Named by the decision basis, also mentioned in the text: once.
        assert_eq!(
            references(paragraph(&m, 180), ReferenceKind::Protocol),
            ["Regionala utvecklingsnämndens protokoll 2020-10-07 § 104"]
        );
        let p180 = paragraph(&m, 180);
        assert_eq!(references(p180, ReferenceKind::Law), ["Lag (2010:1065)"]);
        let law = p180
            .references
            .iter()
            .find(|r| r.kind.get_ref() == ReferenceKind::Law.key());
        assert_eq!(law.map(|r| lines(&r.source)), Some((4337, 4337)));
        let p181 = paragraph(&m, 181);
        assert_eq!(references(p181, ReferenceKind::Sou), ["SOU 2019:20"]);
        assert_eq!(references(p181, ReferenceKind::Ds), ["Ds 2020:15"]);
        assert_eq!(
            references(p181, ReferenceKind::Law),
            ["Patientsäkerhetslagen (2010:659)", "4 kap. 5 a §"]
        );
        assert_eq!(
            references(paragraph(&m, 169), ReferenceKind::Dnr),
            ["799-2020"]
        );
        // A § never refers to its own diary number; 172's references list is read whole.
        let p172 = paragraph(&m, 172);
        assert_eq!(references(p172, ReferenceKind::Dnr), ["03531-2019"]);
        assert_eq!(references(p172, ReferenceKind::Other).len(), 3);
    }

    #[test]
    fn persons_and_parties() {
        let m = meeting();
        let persons: Vec<(&str, &str, &str)> = m
            .persons
            .iter()
            .map(|(slug, p)| {
                let party = p.party.as_ref().map_or("", |a| a.get_ref().as_str());
                (slug.as_str(), p.name.as_str(), party)
            })
            .collect();
        assert_eq!(
            persons,
            [
                ("anders-oberg", "Anders Öberg", "s"),
                ("ann-sofie-isaksson", "Ann-Sofie Isaksson", "s"),
                ("carina-stromback", "Carina Strömbäck", "s"),
                ("elisabeth-lindberg", "Elisabeth Lindberg", "s"),
                ("glenn-berggard", "Glenn Berggård", "v"),
                ("johannes-sundelin", "Johannes Sundelin", "s"),
                ("linda-frohm", "Linda Frohm", "m"),
                ("marianne-sandstrom", "Marianne Sandström", "sd"),
                ("nils-olov-lindfors", "Nils-Olov Lindfors", "c"),
            ]
        );
        assert_eq!(lines(&m.persons["glenn-berggard"].source), (32, 32));
        let parties: Vec<&str> = m.parties.keys().map(String::as_str).collect();
        assert_eq!(parties, ["c", "m", "s", "sd", "v"]);
        assert_eq!(m.parties["v"].name, "Vänsterpartiet");
    }

    #[test]
    fn body_is_markdown_with_footnotes() {
        let m = meeting();
        let text = body(&m, 172);
        assert!(
            text.starts_with("## Yttrande till beslutsförslaget\n\n"),
            "{text}"
        );
        assert!(text.contains("\n## Sammanfattning\n"));
        assert!(text.contains("\n### Bakgrund\n"));
        assert!(text.contains("uppgick den sista februari 2020[^1] till 436."));
        assert!(text.contains("den sista februari 2020[^2] och presenteras"));
        assert!(text.contains("\n[^2]: Sista februari 2020 har valts"));
        assert!(text.contains("- VO primärvård – Piteå\n"));
        // A bullet at the top of a page (line 2524) stays in its list.
        assert!(text.contains("- VO internmedicin/geriatrik\n- VO neurocentrum inkl neurologi och strokevård\n- VO omvårdnad"));
        assert!(text.contains("omfattar drygt 1 200 medarbetare"));
        assert!(text.contains("- Region Norrbottens interna genomlysningsarbete hittas här: <http://insidan.nll.se/Ledning--styrning/omstallningen/>"));
        assert!(text.contains("\n  - Delrapport 1 - Prehospital akutsjukvård och transport\n"));
        // Decision, statements and lists are front matter, not body.
        assert!(!text.contains("Regionstyrelsens beslut"));
        assert!(!text.contains("reserverar sig"));
        assert!(!text.contains("Protokollsutdrag"));
        assert!(body(&m, 160).is_empty());
    }

    #[test]
    fn no_page_furniture_in_any_output() {
        let m = meeting();
        for p in &m.paragraphs {
            let number = p.front.number.get_ref();
            for t in all_texts(p) {
                assert!(!has_page_footer(t), "§ {number}: {t}");
                for furniture in ["PROTOKOLL", "DOKUMENT-ID", "Rättelse bestyrks", "ARBGRP"] {
                    assert!(!t.contains(furniture), "§ {number}: {furniture} in {t}");
                }
            }
        }
        // The signatories of the `Rättelse bestyrks` block (§ 174) are no reservation.
        assert!(!m.persons.contains_key("kenneth-backgard"));
    }

    #[test]
    fn mentions_need_a_known_party() {
        let found =
            mentions("Glenn Berggård (V), Anders Öberg (S) och Marianne Sandström (SD) reser");
        let names: Vec<(&str, &str)> = found
            .iter()
            .map(|m| (m.name.as_str(), m.party.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Glenn Berggård", "V"),
                ("Anders Öberg", "S"),
                ("Marianne Sandström", "SD")
            ]
        );
        assert!(
            mentions("mellan Region Norrbotten och Sveriges Geologiska Undersökningar (SGU)")
                .is_empty()
        );
        assert!(mentions("Ordföranden (S) föreslår").is_empty());
        let three = mentions("Anna-Stina Nordmark Nilsson (M) föreslår");
        assert_eq!(three[0].name, "Anna-Stina Nordmark Nilsson");
    }

    #[test]
    fn votes_are_read_when_counted() {
        let v = votes(
            "Omröstning genomförs. Regionstyrelsen beslutar med 8 ja-röster mot 6 nej-röster, 1 avstår, att bifalla förslaget.",
        );
        assert_eq!(
            v,
            Some(Votes {
                yes: 8,
                no: 6,
                abstain: 1
            })
        );
        let v = votes("Regionstyrelsen bifaller förslaget med 9 röster mot 6.");
        assert_eq!(
            v,
            Some(Votes {
                yes: 9,
                no: 6,
                abstain: 0
            })
        );
        assert_eq!(
            votes("Ordföranden ställer förslagen mot varandra och finner att 2 förslag återstår."),
            None
        );
    }

    #[test]
    fn decision_kind_from_wording() {
        assert_eq!(
            decision_kind("Regionstyrelsen beslutar att lägga informationen till handlingarna."),
            DecisionKind::Noted
        );
        assert_eq!(
            decision_kind("Regionstyrelsen lämnar remissvar enligt bilaga."),
            DecisionKind::Consultation
        );
        assert_eq!(
            decision_kind("Regionstyrelsen föreslår regionfullmäktige besluta att godkänna."),
            DecisionKind::Proposal
        );
        assert_eq!(
            decision_kind(
                "Regionstyrelsen beslutar att:\n\n1. Godkänna.\n2. Lägga rapporten till handlingarna."
            ),
            DecisionKind::Final
        );
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(escape_markdown("a *b* <c> [d]"), r"a \*b\* \<c\> \[d\]");
        assert_eq!(escape_markdown("# not a heading"), r"\# not a heading");
    }

    #[test]
    fn bad_input_is_reported_with_lines() {
        let errors = parse_minutes("Inget protokoll här.\n", "x.txt").expect_err("no §");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("running header")));
        assert!(errors.iter().any(|e| e.contains("no paragraph")));
        let text = "Regionstyrelsen 14 oktober 2020  Sida 1 (2)\n § 5 \n\nTitel\nDnr 12-20x0 \n\nRegionstyrelsens beslut \nRegionstyrelsen beslutar. \n § 4 \n\n";
        let errors = parse_minutes(text, "x.txt").expect_err("bad dnr, order, title");
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("x.txt:5: § 5: `12-20x0`")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("x.txt:9: § 4 follows § 5")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.contains("§ 4 has no title")),
            "{errors:?}"
        );
    }

    #[test]
    fn written_files_load_and_link() {
        let m = meeting();
        let root = tempfile::tempdir().expect("tempdir");
        let content = root.path().join("content");
        std::fs::create_dir_all(content.join("organ")).expect("organ dir");
        std::fs::write(
            content.join("organ/rs.md"),
            "+++\nname = \"Regionstyrelsen\"\nabbreviation = \"RS\"\n+++\n",
        )
        .expect("organ");
        // A person file edited by hand is kept.
        std::fs::create_dir_all(content.join("personer")).expect("personer dir");
        let kept = "+++\nname = \"Linda Frohm\"\nparty = \"m\"\n+++\nOrdförande.\n";
        std::fs::write(content.join("personer/linda-frohm.md"), kept).expect("person");

        let written = write_minutes(&m, &content, "rs").expect("write");
        assert_eq!(written.len(), 1 + 25 + 8 + 5);
        assert_eq!(
            std::fs::read_to_string(content.join("personer/linda-frohm.md")).expect("read"),
            kept
        );
        for path in &written {
            let text = std::fs::read_to_string(path).expect("read back");
            let (front, _, _) = crate::content::split_front_matter(&text)
                .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            let value: toml::Table =
                toml::from_str(front).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if path.parent().is_some_and(|d| d.ends_with("2020-10-14"))
                && !path.ends_with("_index.md")
            {
                let p: crate::content::RawParagraph =
                    toml::from_str(front).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(
                    value["number"].as_integer(),
                    Some(i64::from(*p.number.get_ref()))
                );
            }
        }
        let text =
            std::fs::read_to_string(content.join("protokoll/rs/2020-10-14/172.md")).expect("172");
        let (front, _, body) = crate::content::split_front_matter(&text).expect("front matter");
        let p: crate::content::RawParagraph = toml::from_str(front).expect("172 front matter");
        let decision = p.decision.expect("decision");
        assert!(decision.text.ends_with("från och med 1 januari 2021."));
        assert_eq!(p.notes[0].parties[0].get_ref(), "s");
        assert!(body.starts_with("## Yttrande till beslutsförslaget"));

        // The whole content folder passes the site's own loader and linker.
        let mut diagnostics = crate::diagnostics::Diagnostics::default();
        let raw = crate::content::load(root.path(), &mut diagnostics);
        let site = crate::link::link(raw, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{:?}", diagnostics.into_sorted());
        drop(site);
    }

    #[test]
    fn toml_escapes_quotes_and_backslashes() {
        let front = RawStatement {
            persons: Vec::new(),
            parties: Vec::new(),
            role: None,
            text: "Citat: \"a\\b\" och \"\"\" mitt i\nny rad".to_string(),
            source: Some(unspanned("x.txt:1".to_string())),
        };
        let text = front_matter_file(&front, "").expect("serialize");
        let (toml_text, _, _) = crate::content::split_front_matter(&text).expect("front");
        let back: toml::Table = toml::from_str(toml_text).expect("parse back");
        assert_eq!(back["text"].as_str(), Some(front.text.as_str()));
    }
}
