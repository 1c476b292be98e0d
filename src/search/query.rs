//! A search query as both search engines read it: one group per word or identifier (each to
//! be matched exactly, by its compound parts, without diacritics or with one typo), and the
//! quoted phrases. `search.js` parses queries the same way.

use super::analyzer::{TokenKind, normalize_query};
use super::lexicon::Lexicon;

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
}
