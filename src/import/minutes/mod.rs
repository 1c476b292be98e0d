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
//! 1. Running headers are found by their shape (a repeated short line with a page number,
//!    `Justerandes sign`), the cover before the first § gives the organ and date when no
//!    running header does (`Organ`, `Sammanträdesdatum`), and the cleaned lines are cut at
//!    every § line (`§ N`, `KF § N`, `§ N/YYYY`, see `layout::paragraph_mark`), so nothing
//!    of one § can run into the next. A run of § lines with nothing under them after which
//!    the numbering starts again is a table of contents, not §s; a line `____` closes a §.
//! 2. Section headings are recognised as whole lines (`Bilagor:`, `Beslutsgång`, …; the
//!    decision heading is the organ's genitive, `Regionstyrelsens beslut`, `<Organ>
//!    beslutar` or `Beslut`). Lines before the first heading are the title and `Dnr` lines,
//!    whose diary numbers are kept as written (`dnr`).
//! 3. Prose sections are unwrapped into blocks by [`clean::unwrap_blocks`]; list sections
//!    (attachments, distribution, decision basis, references) are read one entry per line,
//!    because their short lines say nothing a paragraph rule could use.
//! 4. Persons are read from mentions `Förnamn Efternamn (PARTI)` with the abbreviation of a
//!    party the [`Profile`] or `content/partier/` names, in any case; a statement made by a
//!    party group (`Från socialdemokraternas ledamöter: …`) names the party instead.
//! 5. Warnings say what looks implausible (a gap in the numbering, a § without a decision,
//!    a § only the table of contents lists); [`Warning::wrong`] marks those that mean the
//!    content would be wrong, so that the command writes nothing unless forced.
//!
//! What belongs to one organisation's minutes rather than to Swedish minutes in general (its
//! parties, its template's page furniture and own section headings, words that mark a § in
//! another way) is the [`Profile`], read from `content/_import/minutes-profile.toml`.
//!
//! The submodules follow these steps: `layout` finds the meeting header, the § marks, the
//! section headings, tables of contents and list entries; `cover` reads the cover's
//! attestation block and the attendance list's jäv; `dnr` decides where a diary number ends;
//! `paragraph` reads one § into the content schema; `extract` finds persons, parties,
//! references, votes and decision kinds in its text; `markdown` writes the body; `write`
//! writes the files; `report` prints what an import found; `profile` reads the layout profile.

mod cover;
mod dnr;
mod extract;
mod layout;
mod markdown;
mod paragraph;
mod profile;
mod report;
#[cfg(test)]
mod tests;
mod write;

use std::collections::BTreeMap;

use crate::content::{
    RawMeeting, RawParagraph, RawParty, RawPerson, RawStatement, Text, unspanned,
};
use crate::import::clean;
use crate::model::SourceRef;

use cover::{Cover, cover_recusals, read_cover};
use dnr::{after_dnr_label, diary_numbers};
use extract::collect_persons;
use layout::{
    DecisionHeadings, Mark, document_id, is_separator, is_toc_heading, meeting_header,
    paragraph_mark, paragraph_numbers, repeated_page_lines, section_of,
};
use paragraph::ParagraphReader;

pub use profile::{Party, Profile};
pub use report::report;
pub use write::{planned_files, write_minutes};

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

/// What the document may not say about its meeting, from the command line and the organ's
/// content file: the organ's names (`Regionstyrelsen`), its abbreviation (`RS`, which may
/// stand before `§`) and the date (`--date`).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub organ_names: Vec<String>,
    pub organ_abbreviation: Option<String>,
    pub date: Option<String>,
}

/// Whether `text` is a date `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    extract::is_iso_date(text)
}

/// A meeting read from a protocol: its front matter, its paragraphs and the persons and
/// parties they name, all as the content schema's records, and the import report.
#[derive(Debug, Clone)]
pub struct ImportedMeeting {
    /// The organ's name as the document gives it (`Regionstyrelsen`), or as `Meta` does.
    pub organ: String,
    /// The source line that names the organ, if the document does.
    pub organ_line: Option<usize>,
    /// The word before `§` on the § lines (`KF`), if any.
    pub paragraph_prefix: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub front: RawMeeting,
    pub paragraphs: Vec<ImportedParagraph>,
    /// Persons named with their party in a proposal, reservation, note or recusal, by slug.
    pub persons: BTreeMap<String, RawPerson>,
    /// Parties of those persons and of party-group notes, by id.
    pub parties: BTreeMap<String, RawParty>,
    /// § numbers a table of contents lists that the text has not.
    pub toc_only: Vec<u32>,
    pub warnings: Vec<Warning>,
}

/// Something implausible in the document. `wrong` means the written content would be wrong
/// (a § lost or mixed with another): nothing is written unless the import is forced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub text: String,
    pub wrong: bool,
}

/// One paragraph (§) of the minutes: its front matter, and the other sections as Markdown,
/// each under a `## ` heading, with footnotes.
#[derive(Debug, Clone)]
pub struct ImportedParagraph {
    pub front: RawParagraph,
    pub body: String,
}

/// Reads a protocol laid out as `profile` describes, its organ and date read from the
/// document. Errors name the source line and what is wrong; all are collected.
pub fn parse_minutes(
    text: &str,
    source_file: &str,
    profile: &Profile,
) -> Result<ImportedMeeting, Vec<String>> {
    parse_minutes_with(text, source_file, profile, &Meta::default())
}

/// A candidate § line: its index in the cleaned lines and what the mark says.
struct Candidate {
    index: usize,
    mark: Mark,
}

/// [`parse_minutes`] with what `meta` knows about the meeting.
pub fn parse_minutes_with(
    text: &str,
    source_file: &str,
    profile: &Profile,
    meta: &Meta,
) -> Result<ImportedMeeting, Vec<String>> {
    let raw = clean::source_lines(text);
    let mut headers = profile.running_headers.clone();
    headers.extend(repeated_page_lines(&raw));
    let furniture = clean::Furniture {
        running_headers: &headers,
        ..profile.furniture()
    };
    let doc = clean::clean_document_with(text, &furniture);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let mut prefixes = profile.paragraph_prefixes.clone();
    prefixes.extend(meta.organ_abbreviation.clone());
    let candidates: Vec<Candidate> = doc
        .lines
        .iter()
        .enumerate()
        .filter_map(|(index, l)| {
            paragraph_mark(&l.text, &prefixes, &profile.paragraph_words)
                .map(|mark| Candidate { index, mark })
        })
        .collect();

    // The organ's names: the document's, then the content file's, for the decision headings.
    let first_line = candidates.first().map_or(doc.lines.len(), |c| c.index);
    let cover = read_cover(&doc.lines[..first_line]);
    let header = meeting_header(&raw);
    let mut organ_names: Vec<String> = header.iter().map(|(o, _)| o.clone()).collect();
    organ_names.extend(cover.organ.iter().map(|(o, _)| o.clone()));
    organ_names.extend(meta.organ_names.iter().cloned());
    let decision = DecisionHeadings::new(&organ_names, profile);

    let (toc, real) = split_toc(&doc.lines, candidates, &decision, profile);
    let cover_end = real.first().map_or(doc.lines.len(), |c| c.index);
    // Read the cover again now that the table of contents is known to be part of it.
    let cover = if cover_end == first_line {
        cover
    } else {
        read_cover(&doc.lines[..cover_end])
    };

    let organ = organ_names.first().cloned();
    // A running header names the organ on every page, so no one line is its source.
    let organ_line = match &header {
        Some(_) => None,
        None => cover.organ.as_ref().map(|(_, l)| *l),
    };
    let document_date = header
        .as_ref()
        .map(|(_, d)| d.clone())
        .or_else(|| cover.date.as_ref().map(|(d, _)| d.clone()));
    let date = match (document_date, &meta.date) {
        (Some(d), Some(given)) if d != *given => {
            errors.push(format!(
                "{source_file}: the document gives the meeting date {d}, but --date says {given}; leave out --date or correct it"
            ));
            None
        }
        (Some(d), _) => Some(d),
        (None, Some(given)) => Some(given.clone()),
        (None, None) => {
            errors.push(format!(
                "{source_file}: cannot find the meeting's date: no running header such as \
                 `Regionstyrelsen 14 oktober 2020  Sida 13 (80)` and no cover line \
                 `Sammanträdesdatum …`; give it with --date YYYY-MM-DD"
            ));
            None
        }
    };
    if organ.is_none() {
        errors.push(format!(
            "{source_file}: cannot find the meeting's organ: no running header, no cover line \
             `Organ …`, and the organ given with --organ has no file in content/organ/; add \
             that file (name and abbreviation) or a cover line"
        ));
    }

    if real.is_empty() {
        errors.push(no_paragraph_error(&doc.lines, source_file));
    }
    let last_content_line = raw
        .iter()
        .rev()
        .find(|l| !l.text.trim().is_empty())
        .map_or(0, |l| l.number);

    let reader = ParagraphReader {
        doc: &doc,
        raw: &raw,
        source_file,
        decision: &decision,
        profile,
    };
    let mut paragraphs: Vec<ImportedParagraph> = Vec::new();
    for (k, c) in real.iter().enumerate() {
        let number = c.mark.number;
        let start = c.index;
        let mut end = real.get(k + 1).map_or(doc.lines.len(), |n| n.index);
        let mut last = real
            .get(k + 1)
            .map_or(last_content_line, |n| doc.lines[n.index].number - 1);
        // A line `____` closes the §: what follows it before the next § belongs to none.
        if let Some(sep) = (start + 1..end).find(|&i| is_separator(&doc.lines[i].text)) {
            let stray: Vec<&clean::SourceLine> = doc.lines[sep + 1..end]
                .iter()
                .filter(|l| !l.text.trim().is_empty())
                .collect();
            if let (Some(a), Some(b)) = (stray.first(), stray.last()) {
                warnings.push(Warning {
                    text: format!(
                        "{source_file}:{}-{}: text after the line that closes § {number} belongs to no §: `{}`",
                        a.number,
                        b.number,
                        a.text.trim()
                    ),
                    wrong: true,
                });
            }
            end = sep;
            last = doc.lines[sep].number - 1;
        }
        let lines = LineRange {
            first: doc.lines[start].number,
            last,
        };
        let mark_dnr = match after_dnr_label(&c.mark.rest) {
            Some(numbers) => diary_numbers(numbers).0,
            None => Vec::new(),
        };
        // A title on the § line (`§ 12 Yttrande över …`) is the first line of the title.
        let mut body: Vec<clean::SourceLine> = c
            .mark
            .title
            .iter()
            .map(|t| clean::SourceLine {
                number: doc.lines[start].number,
                text: t.clone(),
            })
            .collect();
        body.extend_from_slice(&doc.lines[start + 1..end]);
        match reader.read(number, mark_dnr, &body, lines) {
            Ok(p) => paragraphs.push(p),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for r in cover_recusals(&doc.lines[..cover_end], profile) {
        for n in &r.paragraphs {
            let slug = crate::slug::slugify(&r.name);
            let paragraph = paragraphs
                .iter_mut()
                .find(|p| p.front.number.get_ref() == n);
            // The § may state the same jäv itself.
            if let Some(p) = paragraph
                && !p
                    .front
                    .recusals
                    .iter()
                    .any(|s| s.persons.iter().any(|x| *x.get_ref() == slug))
            {
                p.front.recusals.push(RawStatement {
                    persons: vec![unspanned(slug)],
                    parties: Vec::new(),
                    role: None,
                    text: r.text.clone(),
                    source: source_ref(source_file, r.lines),
                });
            }
        }
    }
    let found: Vec<u32> = paragraphs
        .iter()
        .map(|p| *p.front.number.get_ref())
        .collect();
    let mut toc_only: Vec<u32> = toc.into_iter().filter(|n| !found.contains(n)).collect();
    toc_only.sort_unstable();
    toc_only.dedup();
    warnings.extend(paragraph_warnings(
        &paragraphs,
        &real,
        &doc.lines,
        &toc_only,
        &cover,
        source_file,
        &decision,
    ));
    let (persons, parties) = collect_persons(&paragraphs, source_file, profile);
    Ok(ImportedMeeting {
        organ: organ.unwrap_or_default(),
        organ_line,
        paragraph_prefix: real.iter().find_map(|c| c.mark.prefix.clone()),
        date: date.unwrap_or_default(),
        front: RawMeeting {
            place: None,
            time: None,
            document_id: document_id(&raw, &furniture),
            source: Some(unspanned(source_file.to_string())),
        },
        paragraphs,
        persons,
        parties,
        toc_only,
        warnings,
    })
}

/// Splits the candidate § lines into those of a table of contents (their numbers) and the
/// §s. A table of contents is a run of § lines with no section heading under any of them
/// that the numbering starts again after (`§ 40 … § 43`, then `§ 40` with its decision); the
/// § numbers in the lines under a heading such as `Innehållsförteckning`, before the first §,
/// are listed in it too (`Information § 40`).
fn split_toc(
    lines: &[clean::SourceLine],
    candidates: Vec<Candidate>,
    decision: &DecisionHeadings,
    profile: &Profile,
) -> (Vec<u32>, Vec<Candidate>) {
    let has_heading = |k: usize| {
        let end = candidates.get(k + 1).map_or(lines.len(), |c| c.index);
        lines[candidates[k].index + 1..end]
            .iter()
            .any(|l| section_of(&l.text, decision, profile).is_some())
    };
    let restart =
        (1..candidates.len()).find(|&k| candidates[k].mark.number <= candidates[k - 1].mark.number);
    let toc_len = match restart {
        Some(r) if (0..r).all(|k| !has_heading(k)) => r,
        _ => 0,
    };
    let mut candidates = candidates;
    let real = candidates.split_off(toc_len);
    let mut toc: Vec<u32> = candidates.iter().map(|c| c.mark.number).collect();
    let cover_end = real.first().map_or(lines.len(), |c| c.index);
    if let Some(heading) = lines[..cover_end]
        .iter()
        .position(|l| is_toc_heading(&l.text, profile))
    {
        toc.extend(
            lines[heading + 1..cover_end]
                .iter()
                .filter(|l| !l.text.to_lowercase().contains("jäv"))
                .flat_map(|l| paragraph_numbers(&l.text)),
        );
    }
    (toc, real)
}

/// The error for a document in which no § line is found, naming the first line that looks
/// like the start of a § in another form (`Ärende 5`, `Paragraf 12`) and the profile key that
/// would make it one.
fn no_paragraph_error(lines: &[clean::SourceLine], source_file: &str) -> String {
    // `<Word> <number>` lines whose word recurs with growing numbers.
    let numbered: Vec<(&str, u32, &clean::SourceLine)> = lines
        .iter()
        .filter_map(|l| {
            let mut words = l.text.split_whitespace();
            let word = words.next()?;
            let number: u32 = words.next()?.trim_end_matches([':', '.']).parse().ok()?;
            (word.chars().next()?.is_uppercase() && word.chars().all(char::is_alphabetic))
                .then_some((word, number, l))
        })
        .collect();
    let guess = numbered
        .iter()
        .find(|(word, number, _)| numbered.iter().any(|(w, n, _)| w == word && n > number));
    let help = "each § must start at a line `§ N`, `KF § N` or `§ N/YYYY`, alone or followed \
                by `Dnr …` or the title";
    match guess {
        Some((word, _, line)) => format!(
            "{source_file}:{}: no § found ({help}); this line, `{}`, looks like the start of a §: \
             if the minutes start each § so, put `paragraph_words = [\"{word}\"]` in the layout \
             profile (content/_import/minutes-profile.toml, or a file given with --profile)",
            line.number,
            line.text.trim()
        ),
        None => format!(
            "{source_file}: no § found; {help}. If a word stands before `§` (`Kf § 275`), put it \
             in `paragraph_prefixes` in the layout profile (content/_import/minutes-profile.toml, \
             or a file given with --profile); if the minutes use a word instead of `§`, put it in \
             `paragraph_words`"
        ),
    }
}

/// Warnings about the §s read: gaps and repeats in the numbering, long titles, §s without a
/// decision, §s only a table of contents lists, and a cover that lists other §s.
fn paragraph_warnings(
    paragraphs: &[ImportedParagraph],
    marks: &[Candidate],
    lines: &[clean::SourceLine],
    toc_only: &[u32],
    cover: &Cover,
    source_file: &str,
    decision: &DecisionHeadings,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let line_of = |k: usize| lines[marks[k].index].number;
    for k in 1..marks.len() {
        let (previous, number) = (marks[k - 1].mark.number, marks[k].mark.number);
        let text = if number <= previous {
            format!("§ {number} follows § {previous}: a § is repeated or out of order")
        } else if number > previous.saturating_add(1) {
            format!(
                "§ {number} follows § {previous}: §§ {}–{} are missing; a § line may not have been recognised",
                previous.saturating_add(1),
                number - 1
            )
        } else {
            continue;
        };
        warnings.push(Warning {
            text: format!("{source_file}:{}: {text}", line_of(k)),
            wrong: true,
        });
    }
    for p in paragraphs {
        let front = &p.front;
        let first = first_line(&front.source);
        let number = front.number.get_ref();
        if front.title.chars().count() > 2 * clean::WRAP_WIDTH {
            warnings.push(Warning {
                text: format!(
                    "{source_file}:{first}: the title of § {number} is longer than two lines; check that no text of the § went into it"
                ),
                wrong: false,
            });
        }
        if front.decision.is_none() {
            warnings.push(Warning {
                text: format!(
                    "{source_file}:{first}: § {number} has no decision: no line is a decision heading ({}); if the minutes use another, list it as `decision_headings` in the layout profile",
                    decision.list()
                ),
                wrong: true,
            });
        }
    }
    for n in toc_only {
        warnings.push(Warning {
            text: format!(
                "{source_file}: § {n} appears only in the table of contents; it is not in the text and is not written"
            ),
            wrong: false,
        });
    }
    if let Some((listed, line)) = &cover.paragraphs {
        let found: Vec<u32> = paragraphs
            .iter()
            .map(|p| *p.front.number.get_ref())
            .collect();
        let missing: Vec<String> = listed
            .iter()
            .filter(|n| !found.contains(n))
            .map(u32::to_string)
            .collect();
        if !missing.is_empty() {
            warnings.push(Warning {
                text: format!(
                    "{source_file}:{line}: the cover lists §§ that are not in the text: {}",
                    missing.join(", ")
                ),
                wrong: false,
            });
        }
    }
    warnings
}
