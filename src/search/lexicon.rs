//! The corpus vocabulary and what the index adds to each word beyond its stem: compound parts
//! (`sjukvårdspersonal` → `sjukvård`, `personal`) and the verb stem behind a particle prefix
//! (`inhyrd` → `hyr`), so that a simple query finds a compound and a compound query
//! (`hyrpersonal` → `hyr` + `personal`) finds the separate words.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::analysis::{Analysis, DocTokens, Terms};
use super::analyzer::{CompoundSplitter, TokenKind, normalize_word, stem};
use super::documents::SearchDoc;

/// Field weights: a word in the title (or a diary number, or a person named in a §) says more
/// about a unit than the same word in its body.
pub const TITLE_WEIGHT: f32 = 3.0;
pub const DNR_WEIGHT: f32 = 3.0;
pub const PERSON_WEIGHT: f32 = 2.0;
pub const META_WEIGHT: f32 = 0.5;
/// Secondary tokens (identifier parts, hyphen-joined words) and added parts count half.
pub const SECONDARY_WEIGHT: f32 = 0.5;

/// Two-letter verb particles that prefix participles (`inhyrd`, `utförd`, `avslutad`). The
/// compound splitter needs modifiers of three letters or more, so these are handled here.
const PARTICLES: &[&str] = &["in", "ut", "av", "på", "om", "an"];

/// Endings of past participles and supines after a verb stem (`hyr` + `d`, `hyr` + `da`).
const PARTICIPLE_ENDINGS: &[&str] = &["", "d", "da", "de", "t", "dd", "tt", "ts", "ds"];

/// The vocabulary of the indexed documents: word forms with their counts, and the splitter.
pub struct Lexicon {
    counts: BTreeMap<String, u64>,
    splitter: CompoundSplitter,
    /// [`Lexicon::expansions`] of the vocabulary words that have any, computed once.
    expanded: FxHashMap<String, Expansion>,
}

/// The terms a vocabulary word adds, and where they come from.
#[derive(Clone)]
struct Expansion {
    terms: Vec<String>,
    /// Compound parts ([`Lexicon::split_stems`]), not a particle verb's stem.
    compound: bool,
}

impl Lexicon {
    /// The vocabulary of an analysed corpus.
    pub fn from_analysis(analysis: &Analysis) -> Self {
        Self::from_counts(
            analysis
                .word_counts()
                .map(|(w, n)| (w.to_string(), n))
                .collect(),
        )
    }

    /// Rebuilds a lexicon from saved counts (the command line reads them from the index).
    pub fn from_counts(counts: BTreeMap<String, u64>) -> Self {
        let splitter = CompoundSplitter::from_counts(counts.iter().map(|(w, &n)| (w.as_str(), n)));
        let mut lexicon = Lexicon {
            counts,
            splitter,
            expanded: FxHashMap::default(),
        };
        lexicon.expanded = lexicon
            .counts
            .par_iter()
            .filter_map(|(w, _)| Some((w.clone(), lexicon.compute_expansion(w)?)))
            .collect();
        lexicon
    }

    /// Word forms and their counts.
    pub fn counts(&self) -> &BTreeMap<String, u64> {
        &self.counts
    }

    /// The stems of a word's compound parts, as the query side and the index both use them.
    pub fn split_stems(&self, word: &str) -> Option<Vec<String>> {
        self.expansion(word)
            .filter(|e| e.compound)
            .map(|e| e.into_owned().terms)
    }

    /// Extra terms indexed for a document word: its compound parts' stems, or the verb stem
    /// behind a particle (`inhyrd` → `hyr`).
    pub fn expansions(&self, word: &str) -> Cow<'_, [String]> {
        match self.expansion(word) {
            Some(Cow::Borrowed(e)) => Cow::Borrowed(&e.terms),
            Some(Cow::Owned(e)) => Cow::Owned(e.terms),
            None => Cow::Borrowed(&[]),
        }
    }

    /// A word's expansion: the one kept for a vocabulary word, worked out for any other word
    /// (a query's).
    fn expansion(&self, word: &str) -> Option<Cow<'_, Expansion>> {
        match self.expanded.get(word) {
            Some(e) => Some(Cow::Borrowed(e)),
            // A vocabulary word without one has none (words with other characters than
            // letters, which the splitter does not know, have none either).
            None if self.splitter.knows(word) => None,
            None => self.compute_expansion(word).map(Cow::Owned),
        }
    }

    fn compute_expansion(&self, word: &str) -> Option<Expansion> {
        match self.splitter.split(word) {
            Some(parts) => Some(Expansion {
                terms: parts.iter().map(|p| stem(p)).collect(),
                compound: true,
            }),
            None => self.particle_stem(word).map(|s| Expansion {
                terms: vec![s],
                compound: false,
            }),
        }
    }

    fn particle_stem(&self, word: &str) -> Option<String> {
        let particle = PARTICLES.iter().find(|p| word.starts_with(**p))?;
        let rest = &word[particle.len()..];
        if rest.chars().count() < 4 || !rest.chars().all(char::is_alphabetic) {
            return None;
        }
        // The longest verb stem the rest starts with, attested as a word family of its own.
        PARTICIPLE_ENDINGS.iter().find_map(|ending| {
            let base = rest.strip_suffix(ending)?;
            (base.chars().count() >= 3 && self.attested_stem(base)).then(|| stem(base))
        })
    }

    /// Whether some word of the vocabulary other than compounds of it has `base` as its stem.
    fn attested_stem(&self, base: &str) -> bool {
        self.counts
            .range(base.to_string()..)
            .take_while(|(w, _)| w.starts_with(base))
            .filter(|(w, _)| stem(w) == base)
            .count()
            >= 2
    }
}

/// Indexes of the title and the body among a document's texts ([`doc_texts`]).
pub const TITLE_TEXT: usize = 0;
pub const BODY_TEXT: usize = 1;

/// The texts of a document that are tokenized into its terms.
pub fn doc_texts(doc: &SearchDoc) -> Vec<&str> {
    weighted_texts(doc).map(|(text, _, _)| text).collect()
}

/// The texts of a document in [`doc_texts`] order, each with the field of [`FIELDS`] it
/// belongs to and its weight there: diary numbers count like a title, persons twice, organ
/// and plan half.
fn weighted_texts(doc: &SearchDoc) -> impl Iterator<Item = (&str, usize, f32)> {
    [(doc.title.as_str(), 0, 1.0), (doc.body.as_str(), 1, 1.0)]
        .into_iter()
        .chain(doc.dnr.iter().map(|d| (d.as_str(), 2, DNR_WEIGHT)))
        .chain(doc.persons.iter().map(|p| (p.as_str(), 2, PERSON_WEIGHT)))
        .chain([&doc.organ, &doc.plan, &doc.perspective].map(|t| (t.as_str(), 2, META_WEIGHT)))
}

/// The fields of a document for BM25F: each has a weight and its own length normalisation.
pub const FIELDS: [(f32, f32); 3] = [
    // title: weight, b
    (TITLE_WEIGHT, 0.5),
    // body
    (1.0, 0.75),
    // diary numbers, persons, organ, plan and perspective: short tags, not normalised
    (1.0, 0.0),
];

/// A document's terms for BM25F: each term once, in order of first occurrence, with its
/// weighted frequency in each field of [`FIELDS`] (secondary tokens and compound parts count
/// half); and the length of each field.
#[derive(Debug, Default, Clone)]
pub struct DocTerms {
    /// Term ids ([`Terms`]) with their weighted frequencies per field.
    pub terms: Vec<(u32, [f32; 3])>,
    pub lengths: [f32; 3],
}

/// Where each term of the corpus sits in the [`DocTerms`] being built: one slot per term,
/// reused from document to document, so counting needs no hash map.
pub struct TermSlots(Vec<u32>);

impl TermSlots {
    const EMPTY: u32 = u32::MAX;

    pub fn new(terms: &Terms) -> Self {
        TermSlots(vec![Self::EMPTY; terms.names.len()])
    }
}

/// A document's terms, from its analysed tokens.
pub fn doc_terms(
    doc: &SearchDoc,
    tokens: &DocTokens,
    terms: &Terms,
    slots: &mut TermSlots,
) -> DocTerms {
    let mut out = DocTerms::default();
    let mut add = |term: u32, field: usize, w: f32| {
        let slot = &mut slots.0[term as usize];
        if *slot == TermSlots::EMPTY {
            *slot = out.terms.len() as u32;
            out.terms.push((term, [0.0; 3]));
        }
        out.terms[*slot as usize].1[field] += w;
    };
    for (i, (_, field, weight)) in weighted_texts(doc).enumerate() {
        for &t in tokens.text(i) {
            let w = token_weight(t.kind()) * weight;
            out.lengths[field] += w;
            let (own, added) = terms.of(t);
            add(own, field, w);
            for &part in added {
                add(part, field, w * SECONDARY_WEIGHT);
            }
        }
    }
    for &(term, _) in &out.terms {
        slots.0[term as usize] = TermSlots::EMPTY;
    }
    out
}

fn token_weight(kind: TokenKind) -> f32 {
    if kind.is_secondary() {
        SECONDARY_WEIGHT
    } else {
        1.0
    }
}

/// Lower-cased word form, as the vocabulary stores it.
pub fn word_form(s: &str) -> String {
    normalize_word(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(words: &[&str]) -> Lexicon {
        let mut counts = BTreeMap::new();
        for w in words {
            *counts.entry(w.to_string()).or_default() += 1;
        }
        Lexicon::from_counts(counts)
    }

    #[test]
    fn particle_participles_give_their_verb_stem() {
        let l = lexicon(&[
            "hyror", "hyrs", "hyror", "inhyrd", "inhyrda", "in", "personal",
        ]);
        assert_eq!(l.expansions("inhyrd").to_vec(), vec!["hyr"]);
        assert_eq!(l.expansions("inhyrda").to_vec(), vec!["hyr"]);
        // `intern` is not `in` + a verb the vocabulary knows.
        assert!(l.expansions("internet").is_empty());
    }
}
