//! Compound splitting (see "Compound splitting" in the analyzer's documentation):
//! [`CompoundSplitter`] and the thresholds of its rules; the word lists it consults are in
//! `stop_lists`.

use std::borrow::Cow;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::normalize::{normalize_word, stem};
use super::stop_lists::{HEAD_STOP, MODIFIER_STOP, NO_SPLIT, listed};

/// Shortest modifier (non-final part), in characters, with and without its linking letter.
const MIN_PART: usize = 3;

/// Shortest head (final part). Three-letter heads are mostly endings or verb forms (`ter`,
/// `tar`, `ska`, `bar`) once a corpus has them as words, so the few real ones (`mål`, `tid`)
/// are given up.
const MIN_HEAD: usize = 4;

/// Shortest part of a three-part split, where short pieces are most often accidental.
const MIN_PART_OF_THREE: usize = 4;

/// Least number of occurrences of a part's word family: one-off words are often fragments.
const MIN_FAMILY: u64 = 2;

/// A split is kept when the geometric mean of the parts' family counts, times this factor, is
/// at least the family count of the whole word (after Koehn & Knight's frequency criterion,
/// made lenient because a small corpus names a compound more often than its parts:
/// `folktandvården` 34 times, `folk` 5).
const FAMILY_RATIO: f64 = 8.0;

/// Splits Swedish compounds into parts attested in a vocabulary (the corpus's words).
///
/// A split of a lower-case word is a modifier, optionally a second modifier, and a head:
///
/// * the **head** is a vocabulary word exactly as it stands (so it carries the inflection:
///   `tandvården`, `yrket`), at least 4 characters, not in a stop-list of
///   endings and fragments (`ningen`, `ingen`, `talet`, …);
/// * a **modifier** is at least 3 characters (also without its linking letter), not a function
///   word or particle (`för`, `med`, `upp`, `under`, …, also not with a linking `s`), and is
///   recognised, in this order, as: a vocabulary word or stem followed by the linking `s`
///   (`sjukvårds` → `sjukvård`); a vocabulary word (`folk`); a word ending in `a` whose `a` is
///   replaced by a linking `e`, `u` or `o` (`undersköterske` → `undersköterska`, `gatu` →
///   `gata`, `kvinno` → `kvinna`; a linking `a` is the word itself); a Snowball stem shared by
///   at least two vocabulary words (`hyr` ← `hyror`, `hyrs`), returned as the stem;
/// * three-part splits need every part to be at least 4 characters;
/// * every part's word family (vocabulary words with the same stem) occurs at least twice, and
///   the geometric mean of the parts' family counts times 8 is at least the whole word's
///   family count, so a frequent word is not cut into rare pieces (`regionen`, `norrbotten`);
/// * words shorter than 7 characters, words with non-letters, and a short list of lexicalised
///   words (`deltar`, `säkerställa`, …) are never split.
///
/// Among the valid splits the one with the fewest parts wins, then the one whose shortest
/// part is longest, then the one with the longest head, then the one with the shortest first
/// part.
///
/// The splitter matches exactly; for text typed without diacritics, build a second splitter
/// from the folded vocabulary ([`fold`](super::fold)) and split the folded word.
pub struct CompoundSplitter {
    /// Per vocabulary word: how often it occurs, and how often its family does.
    words: FxHashMap<String, Word>,
    /// Per stem: how often the word family (`personal`, `personalen`, …) occurs, and how many
    /// distinct word forms it has.
    families: FxHashMap<String, Family>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Word {
    count: u64,
    family: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct Family {
    occurrences: u64,
    forms: u64,
}

impl CompoundSplitter {
    /// Builds a splitter from the words of a corpus; repeated words count as occurrences.
    /// Words are normalised with [`normalize_word`]; words that are not all letters are ignored.
    pub fn new<'a>(vocabulary: impl IntoIterator<Item = &'a str>) -> Self {
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for w in vocabulary {
            *counts.entry(w).or_default() += 1;
        }
        Self::from_counts(counts)
    }

    /// [`CompoundSplitter::new`] from distinct words and how often each occurs.
    pub fn from_counts<'a>(counts: impl IntoIterator<Item = (&'a str, u64)>) -> Self {
        let mut words: FxHashMap<String, Word> = FxHashMap::default();
        for (w, n) in counts {
            let w = normalize_word(w);
            if !w.is_empty() && w.chars().all(char::is_alphabetic) {
                words.entry(w).or_default().count += n;
            }
        }
        let stems: Vec<(String, String)> = words.keys().map(|w| (w.clone(), stem(w))).collect();
        let mut families: FxHashMap<String, Family> = FxHashMap::default();
        for (w, s) in &stems {
            let family = families.entry(s.clone()).or_default();
            family.occurrences += words[w].count;
            family.forms += 1;
        }
        for (w, s) in &stems {
            if let Some(word) = words.get_mut(w) {
                word.family = families[s].occurrences;
            }
        }
        CompoundSplitter { words, families }
    }

    /// Whether `word` is a vocabulary word made of letters only (the only words that split).
    pub fn knows(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// How often `word` (lower-case) occurs in the vocabulary.
    pub fn count(&self, word: &str) -> u64 {
        self.words.get(word).map_or(0, |w| w.count)
    }

    /// How often the family of `word` (all vocabulary words with its stem) occurs.
    fn family(&self, word: &str) -> u64 {
        match self.words.get(word) {
            Some(w) => w.family,
            None => self.families.get(&stem(word)).map_or(0, |f| f.occurrences),
        }
    }

    /// Splits a lower-case word into 2 or 3 parts, or `None` when it is not a compound the
    /// vocabulary can explain. Modifier parts come back in their vocabulary form
    /// (`sjukvårds` → `sjukvård`, `undersköterske` → `undersköterska`, `hyr` stays a stem).
    pub fn split(&self, word: &str) -> Option<Vec<String>> {
        // Parts are slices of the word between character boundaries (every vocabulary word
        // is split, so no candidate allocates).
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let n = bounds.len() - 1;
        if n < MIN_PART + MIN_HEAD
            || !word.chars().all(char::is_alphabetic)
            || listed(NO_SPLIT, word)
        {
            return None;
        }
        let seg = |from: usize, to: usize| &word[bounds[from]..bounds[to]];
        let whole = self.family(word) as f64;
        // The head starting at each character, looked up once.
        let heads: Vec<Option<(Cow<'_, str>, u64)>> = (0..=n)
            .map(|c| {
                (c >= MIN_PART && n - c >= MIN_HEAD)
                    .then(|| self.head(seg(c, n)))
                    .flatten()
            })
            .collect();
        let mut scratch = String::new();
        // Best candidate so far: fewest parts, then longest shortest part, then longest head;
        // the first candidate in enumeration order wins ties.
        let mut best: Option<((usize, usize, usize), Vec<String>)> = None;
        let mut consider = |segments: &[usize], parts: &[&(Cow<'_, str>, u64)]| {
            // The parts must be attested more than once, and together about as common as the
            // whole word: a frequent word is not split into rare pieces (`regionen`).
            if parts.iter().any(|(_, f)| *f < MIN_FAMILY) {
                return;
            }
            let mut product = 1.0_f64;
            let mut power = 1.0_f64;
            for (_, f) in parts {
                product *= *f as f64 * FAMILY_RATIO;
                power *= whole;
            }
            if product < power {
                return;
            }
            let shortest = segments.iter().copied().min().unwrap_or(0);
            let head = segments.last().copied().unwrap_or(0);
            let key = (parts.len(), shortest, head);
            let better = match &best {
                None => true,
                Some((k, _)) => key.0 < k.0 || (key.0 == k.0 && (key.1, key.2) > (k.1, k.2)),
            };
            if better {
                best = Some((key, parts.iter().map(|(p, _)| p.to_string()).collect()));
            }
        };
        for c1 in MIN_PART..=n - MIN_HEAD {
            let Some(first) = self.modifier(seg(0, c1), c1, &mut scratch) else {
                continue;
            };
            if let Some(head) = &heads[c1] {
                consider(&[c1, n - c1], &[&first, head]);
            }
            if c1 < MIN_PART_OF_THREE {
                continue;
            }
            let last = n - MIN_HEAD;
            for (c2, head) in heads
                .iter()
                .enumerate()
                .take(last + 1)
                .skip(c1 + MIN_PART_OF_THREE)
            {
                let Some(head) = head else {
                    continue;
                };
                let Some(middle) = self.modifier(seg(c1, c2), c2 - c1, &mut scratch) else {
                    continue;
                };
                if [&first.0, &middle.0]
                    .iter()
                    .all(|p| p.chars().count() >= MIN_PART_OF_THREE)
                {
                    consider(&[c1, c2 - c1, n - c2], &[&first, &middle, head]);
                }
            }
        }
        best.map(|(_, parts)| parts)
    }

    fn is_word(&self, s: &str) -> bool {
        self.words.contains_key(s)
    }

    /// A stem that is not a word itself counts when at least two word forms share it, so a
    /// real lexeme (`hyr` ← `hyror`, `hyrs`) qualifies but a one-off fragment does not.
    fn inflected_stem(&self, s: &str) -> Option<u64> {
        self.families
            .get(s)
            .filter(|f| f.forms >= 2)
            .map(|f| f.occurrences)
    }

    /// The vocabulary form of a non-final part of `len` characters and its family count,
    /// trying in order: linking `s` after a word or stem (`sjukvårds`), the word itself
    /// (`folk`), a linking `e`/`u`/`o` that replaces the final `a` of a word
    /// (`undersköterske`, `gatu`, `kvinno`), a bare stem (`hyr`, from `hyror`, `hyrs`).
    /// `scratch` is room for the form with `a`, reused from call to call.
    fn modifier<'a>(
        &self,
        seg: &'a str,
        len: usize,
        scratch: &mut String,
    ) -> Option<(Cow<'a, str>, u64)> {
        if len < MIN_PART || listed(MODIFIER_STOP, seg) {
            return None;
        }
        let last = seg.chars().next_back()?;
        let base = &seg[..seg.len() - last.len_utf8()];
        let base_stop = listed(MODIFIER_STOP, base);
        if last == 's' && base_stop {
            return None;
        }
        let base_ok = len > MIN_PART && !base_stop;
        if last == 's' && base_ok {
            if self.is_word(base) {
                return Some((Cow::Borrowed(base), self.family(base)));
            }
            if let Some(f) = self.inflected_stem(base) {
                return Some((Cow::Borrowed(base), f));
            }
        }
        if self.is_word(seg) {
            return Some((Cow::Borrowed(seg), self.family(seg)));
        }
        if matches!(last, 'e' | 'u' | 'o') && base_ok {
            scratch.clear();
            scratch.push_str(base);
            scratch.push('a');
            if self.is_word(scratch) {
                return Some((Cow::Owned(scratch.clone()), self.family(scratch)));
            }
        }
        self.inflected_stem(seg).map(|f| (Cow::Borrowed(seg), f))
    }

    /// The final part: a vocabulary word as it stands, not an ending or function word.
    fn head<'a>(&self, seg: &'a str) -> Option<(Cow<'a, str>, u64)> {
        if listed(HEAD_STOP, seg) || !self.is_word(seg) {
            return None;
        }
        Some((Cow::Borrowed(seg), self.family(seg)))
    }
}
