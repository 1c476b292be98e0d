//! Entities in the text of a §: persons and parties from `Förnamn Efternamn (PARTI)`
//! mentions, diary numbers, laws, SOU/Ds and other minutes, vote counts, and the decision's
//! kind from its wording.

use std::collections::BTreeMap;

use crate::content::{RawParty, RawPerson, RawStatement, unspanned};
use crate::import::clean::Block;
use crate::model::{DecisionKind, ReferenceKind, Votes, is_valid_dnr};
use crate::slug::slugify;

use super::{ImportedParagraph, LineRange, Profile, first_line, source_ref};

/// A mention `Glenn Berggård (V)` found in a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mention {
    pub(super) name: String,
    /// Upper-case abbreviation as written.
    pub(super) party: String,
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
/// words right before a parenthesis holding the abbreviation of a party of the `profile`.
pub(super) fn mentions(text: &str, profile: &Profile) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find(" (") {
        let at = offset + open;
        let after = &text[at + 2..];
        let close = after.find(')');
        if let Some(close) = close {
            let abbreviation = &after[..close];
            if profile.party(abbreviation).is_some() {
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

/// The name a sentence starts with (`Anna Berg anmäler jäv …`): its first two or three
/// capitalised words, when at least two.
pub(super) fn leading_name(text: &str) -> Option<String> {
    let name: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .take(3)
        .take_while(|w| is_name_word(w))
        .collect();
    (name.len() >= 2).then(|| name.join(" "))
}

/// Splits prose into sentences at `.`, `!` or `?` followed by a space and a capital letter.
pub(super) fn sentences(text: &str) -> Vec<&str> {
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
pub(super) fn dnr_mentions(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[0].trim_start_matches('(').eq_ignore_ascii_case("dnr"))
        .map(|w| trim_punctuation(w[1]).to_string())
        .filter(|d| is_valid_dnr(d))
        .collect()
}

pub(super) fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':' | '”' | '"'))
}

pub(super) fn is_iso_date(word: &str) -> bool {
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
pub(super) fn statute_mentions(text: &str) -> Vec<(ReferenceKind, String)> {
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
pub(super) fn protocol_mentions(text: &str) -> Vec<(String, String)> {
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

/// `1. Fastställa …`: a numbered point of a decision.
pub(super) fn is_numbered(text: &str) -> bool {
    text.split_once(". ").is_some_and(|(n, _)| {
        !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Paragraphs separated by an empty line, consecutive numbered points by a line break.
pub(super) fn decision_text(blocks: &[Block]) -> String {
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
pub(super) fn decision_kind(text: &str) -> DecisionKind {
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

pub(super) fn person_slugs(text: &str, profile: &Profile) -> Vec<String> {
    let mut slugs: Vec<String> = Vec::new();
    for m in mentions(text, profile) {
        let slug = slugify(&m.name);
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    slugs
}

/// A vote count in a step: `med 8 ja-röster mot 7 nej-röster, 2 avstår`, or `8 röster mot 7`.
pub(super) fn votes(text: &str) -> Option<Votes> {
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
pub(super) fn list_entry_kind(text: &str) -> ReferenceKind {
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
pub(super) fn collect_persons(
    paragraphs: &[ImportedParagraph],
    source_file: &str,
    profile: &Profile,
) -> (BTreeMap<String, RawPerson>, BTreeMap<String, RawParty>) {
    let mut persons = BTreeMap::new();
    let mut parties = BTreeMap::new();
    let add_party = |parties: &mut BTreeMap<String, RawParty>, written: &str, line| {
        if let Some(party) = profile.party(written) {
            parties.entry(party.id.clone()).or_insert_with(|| RawParty {
                name: party.name.clone(),
                abbreviation: party.abbreviation.clone(),
                spellings: Vec::new(),
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
            for m in mentions(&s.text, profile) {
                add_party(&mut parties, &m.party, line);
                let party = profile.party(&m.party).map(|p| p.id.clone());
                persons
                    .entry(slugify(&m.name))
                    .or_insert_with(|| RawPerson {
                        name: m.name.clone(),
                        party: party.map(unspanned),
                        source: source_ref(source_file, LineRange::line(line)),
                    });
            }
            // A recusal may name a member without a party (`Anna Berg anmäler jäv …`).
            if s.persons.len() == 1
                && let Some(name) = leading_name(&s.text)
                && slugify(&name) == *s.persons[0].get_ref()
            {
                persons.entry(slugify(&name)).or_insert_with(|| RawPerson {
                    name,
                    party: None,
                    source: source_ref(source_file, LineRange::line(line)),
                });
            }
            for party in &s.parties {
                if let Some(p) = profile.parties.iter().find(|p| p.id == *party.get_ref()) {
                    add_party(&mut parties, &p.abbreviation, line);
                }
            }
        }
    }
    (persons, parties)
}
