//! A search query as both search engines read it: one group per word or identifier (each to
//! be matched exactly, by its compound parts, without diacritics or with one typo), and the
//! quoted phrases. `search.js` parses queries the same way.

use super::analyzer::{TokenKind, normalize_query, stem};
use super::lexicon::Lexicon;

/// Function words the indexes keep no positions for: they stand in most documents, so their
/// positions would be most of the positions there are. Inside a quoted phrase each of them
/// stands for any one word (`"våld i nära relation"` asks for `våld`, one word, `nära`,
/// `relation`); the word itself must still be in the document, as every query word must.
/// Both search engines take this list: the static index lists its stems in `meta.json`. Only
/// words whose stem is no content word's are listed (`när` would take `nära` with it).
const PHRASE_GAP_WORDS: &[&str] = &[
    "att", "av", "de", "den", "det", "där", "en", "ett", "från", "för", "har", "i", "med", "och",
    "om", "på", "samt", "sig", "som", "till", "vid", "är",
];

/// The stems of [`PHRASE_GAP_WORDS`], sorted.
pub fn phrase_gaps() -> Vec<String> {
    let mut gaps: Vec<String> = PHRASE_GAP_WORDS.iter().map(|w| stem(w)).collect();
    gaps.sort();
    gaps.dedup();
    gaps
}

/// The terms of a phrase that positions must place, each with its offset from the first:
/// the phrase without its gap terms (`gaps`, sorted) at the places they leave. `None` when
/// fewer than two terms are left: the phrase then asks no more than its words do.
pub fn phrase_slots<'a>(phrase: &'a [String], gaps: &[String]) -> Option<Vec<(usize, &'a str)>> {
    let kept: Vec<(usize, &str)> = phrase
        .iter()
        .enumerate()
        .filter(|(_, t)| gaps.binary_search(t).is_err())
        .map(|(i, t)| (i, t.as_str()))
        .collect();
    let first = kept.first()?.0;
    (kept.len() > 1).then(|| kept.into_iter().map(|(i, t)| (i - first, t)).collect())
}

/// Score factor of a document whose title holds every quoted phrase: it is about the phrase,
/// where others may only mention it.
pub const TITLE_PHRASE: f32 = 2.0;

/// Whether the positions of one field (`positions_of` a term, sorted) hold the phrase `slots`
/// ([`phrase_slots`]).
pub fn holds_phrase<'a>(
    slots: &[(usize, &'a str)],
    positions_of: impl Fn(&'a str) -> &'a [u32],
) -> bool {
    let Some(&(_, first)) = slots.first() else {
        return false;
    };
    positions_of(first).iter().any(|&p| {
        slots[1..]
            .iter()
            .all(|&(offset, t)| positions_of(t).binary_search(&(p + offset as u32)).is_ok())
    })
}

/// The fewest consecutive positions of one field that hold a position of every group
/// (`groups`, each one's positions sorted); `None` when a group has none.
pub fn min_span(groups: &[Vec<u32>]) -> Option<u32> {
    if groups.iter().any(Vec::is_empty) {
        return None;
    }
    let mut events: Vec<(u32, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, list)| list.iter().map(move |&p| (p, g)))
        .collect();
    events.sort_unstable();
    let mut counts = vec![0usize; groups.len()];
    let mut covered = 0;
    let mut best = u32::MAX;
    let mut start = 0;
    for &(last, g) in &events {
        counts[g] += 1;
        if counts[g] == 1 {
            covered += 1;
        }
        while covered == groups.len() {
            best = best.min(last - events[start].0 + 1);
            let s = events[start].1;
            counts[s] -= 1;
            if counts[s] == 0 {
                covered -= 1;
            }
            start += 1;
        }
    }
    Some(best)
}

/// Score factor of a document whose `groups` query words (two or more) stand within `span`
/// consecutive positions: twice the score when they stand side by side, less the further
/// apart they are, towards no change.
pub fn proximity_factor(groups: usize, span: u32) -> f32 {
    1.0 + (groups as f32 / span.max(1) as f32).min(1.0)
}

/// How much the looser matches count against an exact match of the same word.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub ending: f32,
    pub compound: f32,
    pub folded: f32,
    pub typo: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            ending: 0.9,
            compound: 0.8,
            folded: 0.7,
            typo: 0.4,
        }
    }
}

/// One word or identifier of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryGroup {
    /// The stem or identifier.
    pub text: String,
    pub folded: String,
    pub word: String,
    /// Stems of its compound parts, when the vocabulary can split it.
    pub parts: Option<Vec<String>>,
    pub identifier: bool,
}

impl QueryGroup {
    /// Typos are tolerated in longer words only (as [`super::analyzer::within_one_edit`]).
    pub fn typo_tolerant(&self) -> bool {
        !self.identifier && self.folded.chars().count() >= 6
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedQuery {
    pub groups: Vec<QueryGroup>,
    /// Quoted phrases as sequences of terms.
    pub phrases: Vec<Vec<String>>,
}

impl ParsedQuery {
    pub fn parse(query: &str, lexicon: &Lexicon) -> Self {
        let mut parsed = ParsedQuery::default();
        for t in normalize_query(&query.replace('"', " ")) {
            if !matches!(t.kind, TokenKind::Word | TokenKind::Identifier) {
                continue;
            }
            if parsed.groups.iter().any(|g| g.text == t.text) {
                continue;
            }
            let parts = (t.kind == TokenKind::Word)
                .then(|| lexicon.split_stems(&t.word))
                .flatten();
            parsed.groups.push(QueryGroup {
                identifier: t.kind == TokenKind::Identifier,
                text: t.text,
                folded: t.folded,
                word: t.word,
                parts,
            });
        }
        let pieces: Vec<&str> = query.split('"').collect();
        // Odd pieces lie between quotes; an unclosed quote is no phrase.
        for (i, piece) in pieces.iter().enumerate() {
            if i % 2 == 1 && i + 1 < pieces.len() {
                let terms: Vec<String> = normalize_query(piece)
                    .into_iter()
                    .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Identifier))
                    .map(|t| t.text)
                    .collect();
                if terms.len() > 1 {
                    parsed.phrases.push(terms);
                }
            }
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn words_identifiers_and_phrases() {
        let lexicon = Lexicon::from_counts(BTreeMap::new());
        let q = ParsedQuery::parse("\"ny driftsorganisation\" 1351-2020 Ny", &lexicon);
        let texts: Vec<&str> = q.groups.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["ny", "driftsorganisation", "1351-2020"]);
        assert!(q.groups[2].identifier);
        assert_eq!(
            q.phrases,
            vec![vec!["ny".to_string(), "driftsorganisation".into()]]
        );
        assert!(ParsedQuery::parse("\"öppen", &lexicon).phrases.is_empty());
    }

    #[test]
    fn spans_and_phrases_on_positions() {
        assert_eq!(min_span(&[vec![1, 20], vec![5, 21]]), Some(2));
        assert_eq!(min_span(&[vec![1], vec![5], vec![3]]), Some(5));
        assert_eq!(min_span(&[vec![1], vec![]]), None);
        assert_eq!(proximity_factor(2, 2), 2.0);
        assert_eq!(proximity_factor(2, 8), 1.25);
        let positions = |t: &str| -> &[u32] {
            match t {
                "vald" => &[3, 10],
                "nar" => &[12],
                "relation" => &[13],
                _ => &[],
            }
        };
        assert!(holds_phrase(
            &[(0, "vald"), (2, "nar"), (3, "relation")],
            positions
        ));
        assert!(!holds_phrase(&[(0, "vald"), (1, "nar")], positions));
    }

    #[test]
    fn function_words_are_gaps_in_phrases() {
        let gaps = phrase_gaps();
        let terms = |s: &str| -> Vec<String> { s.split(' ').map(String::from).collect() };
        let phrase = terms("vald i nar relation");
        assert_eq!(
            phrase_slots(&phrase, &gaps),
            Some(vec![(0, "vald"), (2, "nar"), (3, "relation")])
        );
        // Leading gaps are dropped; one word left is no phrase to check.
        let phrase = terms("i nar relation");
        assert_eq!(
            phrase_slots(&phrase, &gaps),
            Some(vec![(0, "nar"), (1, "relation")])
        );
        assert_eq!(phrase_slots(&terms("i varden"), &gaps), None);
        assert_eq!(phrase_slots(&terms("och i"), &gaps), None);
    }
}
