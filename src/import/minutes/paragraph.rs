//! Reading one paragraph (§): its title and diary numbers, then each section into the content
//! schema's records (decision, proposals, steps, reservations, notes, recusals, attachments,
//! distribution, references) or into the Markdown body.

use crate::content::{
    RawDecision, RawParagraph, RawReference, RawStatement, RawStep, RawVotes, Text, unspanned,
};
use crate::import::clean::{self, Block, CleanDocument, SourceLine};
use crate::model::ReferenceKind;

use super::dnr::{after_dnr_label, diary_numbers};
use super::extract::{
    decision_kind, decision_text, dnr_mentions, is_iso_date, leading_name, list_entry_kind,
    mentions, person_slugs, protocol_mentions, sentences, statute_mentions, trim_punctuation,
    votes,
};
use super::layout::{DecisionHeadings, Section, is_url, list_entries, section_of};
use super::markdown::{FootnoteMark, Markdown};
use super::{ImportedParagraph, LineRange, Profile, first_line, source_ref};
use crate::slug::slugify;

/// What reading any § of one protocol needs: the cleaned document, the raw lines (where
/// footnote markers are found), the source's name for `source` references, the decision
/// headings (`Regionstyrelsens beslut`, `Beslut`, …) and the layout profile.
pub(super) struct ParagraphReader<'a> {
    pub(super) doc: &'a CleanDocument,
    pub(super) raw: &'a [SourceLine],
    pub(super) source_file: &'a str,
    pub(super) decision: &'a DecisionHeadings,
    pub(super) profile: &'a Profile,
}

/// The lines of one section of a §.
struct SectionLines {
    section: Section,
    heading: String,
    lines: Vec<SourceLine>,
}

/// A § cut at its section headings: the title and diary numbers above the first heading,
/// and each section's lines.
struct Sections {
    title: String,
    dnr: Vec<String>,
    sections: Vec<SectionLines>,
}

/// What the sections of a § give besides its records: the Markdown body, running texts with
/// their first lines (scanned for references), and the other minutes that attachments and
/// the decision basis name, which lead the references.
#[derive(Default)]
struct Gathered {
    body: Markdown,
    prose: Vec<(String, usize)>,
    list_protocols: Vec<RawReference>,
}

impl ParagraphReader<'_> {
    /// Reads § `number` from its lines (after the `§ N` line, whose `mark_dnr` are the diary
    /// numbers written on it); `range` is all it spans.
    pub(super) fn read(
        &self,
        number: u32,
        mark_dnr: Vec<String>,
        lines: &[SourceLine],
        range: LineRange,
    ) -> Result<ImportedParagraph, Vec<String>> {
        let Sections {
            title,
            mut dnr,
            sections,
        } = self.sections(number, lines, range)?;
        dnr.splice(0..0, mark_dnr);
        let mut p = RawParagraph {
            dnr: dnr.into_iter().map(unspanned).collect(),
            source: self.source(range),
            ..RawParagraph::new(number, title)
        };
        let mut gathered = Gathered::default();
        for s in &sections {
            match s.section {
                Section::Attachments | Section::Distribution | Section::BodyList => {
                    self.read_list_section(s, &mut p, &mut gathered);
                }
                _ => {
                    let blocks = clean::unwrap_blocks(&s.lines, &self.doc.vocabulary);
                    for b in &blocks {
                        gathered.prose.push((b.text.clone(), b.first_line));
                    }
                    self.read_prose_section(s, &blocks, &mut p, &mut gathered.body);
                }
            }
        }
        let Gathered {
            body,
            mut prose,
            list_protocols,
        } = gathered;
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

    /// Cuts the lines of a § at its section headings. Errors: a malformed diary number, no
    /// title.
    fn sections(
        &self,
        number: u32,
        lines: &[SourceLine],
        range: LineRange,
    ) -> Result<Sections, Vec<String>> {
        let mut errors = Vec::new();
        let mut header: Vec<SourceLine> = Vec::new();
        let mut sections: Vec<SectionLines> = Vec::new();
        let mut dnr = Vec::new();
        for line in lines {
            let found = section_of(&line.text, self.decision, self.profile)
                // Only the first decision heading is one; later it would be a quotation.
                .filter(|(s, _)| {
                    *s != Section::Decision
                        || !sections.iter().any(|x| x.section == Section::Decision)
                })
                // Inside a prose section (`Ärendet`), `Bakgrund` is a subheading of it.
                .filter(|(s, heading)| {
                    *s != Section::Body
                        || heading != "Bakgrund"
                        || sections.last().is_none_or(|x| x.section != Section::Body)
                });
            if let Some((section, heading)) = found {
                sections.push(SectionLines {
                    section,
                    heading,
                    lines: Vec::new(),
                });
            } else if let Some(current) = sections.last_mut() {
                current.lines.push(line.clone());
            } else if let Some(numbers) = after_dnr_label(&line.text) {
                let (found, rest) = diary_numbers(numbers);
                if found.is_empty() {
                    errors.push(format!(
                        "{}:{}: § {number}: no diary number after `Dnr`; a number holds a digit (`KS 2018/124`, `1351-2020`)",
                        self.source_file, line.number
                    ));
                }
                dnr.extend(found);
                // Words after the number are the title when it has none yet
                // (`Dnr KS 2018/124 Motion om cykelbanor`); a filing code (`NTN - 1`) is not.
                if rest.chars().any(char::is_lowercase) {
                    header.push(SourceLine {
                        number: line.number,
                        text: rest.to_string(),
                    });
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
        if errors.is_empty() {
            Ok(Sections {
                title,
                dnr,
                sections,
            })
        } else {
            Err(errors)
        }
    }

    /// A list section: attachments, distribution, or a list that goes to the body (the
    /// decision basis, references).
    fn read_list_section(&self, s: &SectionLines, p: &mut RawParagraph, gathered: &mut Gathered) {
        let entries = list_entries(&s.lines, self.doc);
        for e in &entries {
            gathered.prose.push((e.text.clone(), e.lines.first));
        }
        // Attachments and the decision basis name other minutes best
        // (`Regionfullmäktiges protokoll 2017-04-26 § 37`).
        if s.section == Section::Attachments || s.heading == "Beslutsunderlag" {
            gathered.list_protocols.extend(
                entries
                    .iter()
                    .filter(|e| list_entry_kind(&e.text) == ReferenceKind::Protocol)
                    .map(|e| {
                        self.reference(ReferenceKind::Protocol, e.text.clone(), e.lines.first)
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
                            self.reference(list_entry_kind(&e.text), e.text.clone(), e.lines.first)
                        }));
                }
                gathered.body.list_section(&s.heading, &entries);
            }
        }
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
        let persons = person_slugs(text, self.profile);
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
            s.parties = self
                .profile
                .parties
                .iter()
                .filter(|p| {
                    p.members
                        .as_ref()
                        .is_some_and(|m| lead.contains(&m.to_lowercase()))
                })
                .map(|p| unspanned(p.id.clone()))
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
                let mut persons = person_slugs(sentence, self.profile);
                // `Anna Berg anmäler jäv …`: a member named without a party.
                if has_jav && persons.is_empty() {
                    persons.extend(leading_name(sentence).map(|n| slugify(&n)));
                }
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
                let text = att_clauses(&clean::join_hyphenated(&s.lines, &self.doc.vocabulary))
                    .unwrap_or_else(|| decision_text(blocks));
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
            Section::Proposals => {
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
                    let starts_new = !mentions(&b.text, self.profile).is_empty()
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
            Section::Recusals => {
                let rest: Vec<Block> = rest.into_iter().cloned().collect();
                body.prose_section(&s.heading, &rest);
            }
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

/// A decision written as `att`-clauses (`Kommunfullmäktige beslutar:` / `att anta …,` /
/// `att ge …`), kept as a list: one clause a line, any lead-in a paragraph of its own. The
/// clauses start where a line starting with `att ` follows the heading, a line ending in `:`
/// or the verb `beslutar`; a wrapped line that happens to start with `att` is no clause.
fn att_clauses(lines: &[SourceLine]) -> Option<String> {
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let first = texts.iter().position(|t| t.starts_with("att "))?;
    let opens = first == 0 || {
        let before = texts[first - 1].trim_end_matches(':');
        texts[first - 1].ends_with(':')
            || before.ends_with("beslutar")
            || before.ends_with("besluta")
    };
    if !opens {
        return None;
    }
    // (text, is a clause)
    let mut parts: Vec<(String, bool)> = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let clause = i >= first && t.starts_with("att ");
        let continues = parts.last().is_some_and(|(last, _)| {
            !clause && (t.starts_with(char::is_lowercase) || !last.ends_with(['.', ':']))
        });
        match parts.last_mut() {
            Some((last, _)) if continues => {
                last.push(' ');
                last.push_str(t);
            }
            _ => parts.push((t.to_string(), clause)),
        }
    }
    let mut text = String::new();
    for (i, (part, clause)) in parts.iter().enumerate() {
        if i > 0 {
            text.push_str(if *clause && parts[i - 1].1 {
                "\n"
            } else {
                "\n\n"
            });
        }
        text.push_str(part);
    }
    Some(text)
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
