//! The corpus analysed once: every text of every searchable document is tokenized a single
//! time into ids of one table of distinct token forms. The lexicon, the static index's
//! scoring and the tantivy index all read these ids instead of tokenizing the texts again
//! (tokenizing was most of the cost of indexing a large archive).

use std::hash::Hash;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use siphasher::sip128::{Hasher128, SipHasher13};

use super::analyzer::{RawTokenRef, TokenKind, for_each_raw_token, with_word_terms};
use super::documents::SearchDoc;
use super::lexicon::{Lexicon, doc_texts};

/// One distinct token form of the corpus: a word (stemmed) or an identifier (kept whole).
#[derive(Debug, Clone)]
pub struct Form {
    /// Lower-cased, unstemmed ([`super::analyzer::TokenRef::word`]).
    pub word: String,
    /// The indexed term: stem or identifier ([`super::analyzer::TokenRef::text`]).
    pub term: String,
    /// Diacritics-folded key ([`super::analyzer::TokenRef::folded`]).
    pub folded: String,
    /// How often the form occurs as an ordinary word ([`TokenKind::Word`]).
    pub word_count: u64,
    /// An identifier or identifier part (not stemmed).
    pub identifier: bool,
}

/// A token as the analysis keeps it: form id and kind packed into 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok(u32);

const KINDS: [TokenKind; 4] = [
    TokenKind::Word,
    TokenKind::Identifier,
    TokenKind::IdentifierPart,
    TokenKind::Joined,
];

impl Tok {
    fn new(form: u32, kind: TokenKind) -> Tok {
        let k = KINDS.iter().position(|x| *x == kind).unwrap_or(0) as u32;
        Tok(form << 2 | k)
    }

    pub fn form(self) -> usize {
        (self.0 >> 2) as usize
    }

    pub fn kind(self) -> TokenKind {
        KINDS[(self.0 & 3) as usize]
    }

    fn with_form(self, form: u32) -> Tok {
        Tok(form << 2 | (self.0 & 3))
    }
}

/// The tokens of one document: all its texts ([`doc_texts`]) one after the other.
#[derive(Debug, Default, Clone)]
pub struct DocTokens {
    tokens: Vec<Tok>,
    /// End of each text in `tokens`.
    ends: Vec<u32>,
}

impl DocTokens {
    /// The tokens of the document's text number `i` (in [`doc_texts`] order).
    pub fn text(&self, i: usize) -> &[Tok] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.tokens[start..self.ends[i] as usize]
    }
}

/// Token positions in a text, for phrases and proximity: each primary token (word,
/// identifier) takes the next position; a hyphen-joined form stands at the position of the
/// first word it joins and an identifier's parts at the identifier's, so that phrases line up
/// across them. The tantivy index and the static index both place tokens by this rule.
#[derive(Debug, Default, Clone, Copy)]
pub struct Positions {
    next: u32,
}

impl Positions {
    /// The position of the next token, of kind `kind`.
    pub fn place(&mut self, kind: TokenKind) -> u32 {
        match kind {
            TokenKind::Word | TokenKind::Identifier => {
                self.next += 1;
                self.next - 1
            }
            TokenKind::Joined => self.next,
            TokenKind::IdentifierPart => self.next.saturating_sub(1),
        }
    }
}

/// How many documents one parallel task takes when each task needs scratch space of its own:
/// several tasks per thread to balance the load, but few enough to keep the scratch cheap.
pub(super) fn chunk_len(docs: usize) -> usize {
    (docs / (rayon::current_num_threads() * 8)).clamp(16, 4096)
}

/// Tokenizes documents in parallel runs, each with a table of its own forms.
fn tokenize_runs(docs: &[&SearchDoc]) -> Vec<(FormTable, Vec<DocTokens>)> {
    docs.par_chunks(chunk_len(docs.len()))
        .map(|chunk| {
            let mut table = FormTable::default();
            // Tokens are gathered in one buffer per run and copied out at their exact length:
            // growing each document's own vector by doubling moved and touched twice the memory.
            let mut scratch = DocTokens::default();
            let analysed = chunk
                .iter()
                .map(|doc| {
                    scratch.tokens.clear();
                    scratch.ends.clear();
                    for text in doc_texts(doc) {
                        for_each_raw_token(text, |t| {
                            let id = table.id(&t);
                            scratch.tokens.push(Tok::new(id, t.kind));
                        });
                        scratch.ends.push(scratch.tokens.len() as u32);
                    }
                    scratch.clone()
                })
                .collect();
            (table, analysed)
        })
        .collect()
}

/// What the tokens of a document depend on: its texts.
fn texts_key(doc: &SearchDoc) -> u128 {
    let mut h = SipHasher13::new();
    doc_texts(doc).hash(&mut h);
    h.finish128().as_u128()
}

/// The forms and each document's tokens (by [`texts_key`]) of the previous analysis, for
/// [`Analysis::new_cached`].
#[derive(Default)]
pub struct AnalysisCache {
    table: FormTable,
    docs: FxHashMap<u128, DocTokens>,
}

/// Every document's tokens and the forms they refer to.
pub struct Analysis {
    pub forms: Vec<Form>,
    pub docs: Vec<DocTokens>,
}

/// Forms found in one part of the corpus, with ids local to it.
#[derive(Default)]
struct FormTable {
    forms: Vec<Form>,
    /// Stemmed forms by word, identifiers by word: a word and an identifier part may be
    /// spelled alike (`sou`) and still differ in term.
    stemmed: FxHashMap<String, u32>,
    identifiers: FxHashMap<String, u32>,
}

impl FormTable {
    /// The id of a token's form; a new word is stemmed only here, the first time this table
    /// meets it.
    fn id(&mut self, t: &RawTokenRef<'_>) -> u32 {
        let identifier = matches!(t.kind, TokenKind::Identifier | TokenKind::IdentifierPart);
        let map = if identifier {
            &mut self.identifiers
        } else {
            &mut self.stemmed
        };
        let id = match map.get(t.word) {
            Some(&id) => id,
            None => {
                let id = self.forms.len() as u32;
                map.insert(t.word.to_string(), id);
                let form = with_word_terms(t.word, t.folded, |term, folded| Form {
                    word: t.word.to_string(),
                    term: term.to_string(),
                    folded: folded.to_string(),
                    word_count: 0,
                    identifier,
                });
                self.forms.push(form);
                id
            }
        };
        if t.kind == TokenKind::Word {
            self.forms[id as usize].word_count += 1;
        }
        id
    }

    /// Takes in the forms of runs tokenized on their own ([`tokenize_runs`]) and returns their
    /// documents' tokens, renumbered into this table.
    fn merge_runs(&mut self, runs: Vec<(FormTable, Vec<DocTokens>)>) -> Vec<DocTokens> {
        let mut analysed = Vec::new();
        for (table, part) in runs {
            let ids: Vec<u32> = table.forms.into_iter().map(|f| self.merge(f)).collect();
            for mut d in part {
                for t in &mut d.tokens {
                    *t = t.with_form(ids[t.form()]);
                }
                analysed.push(d);
            }
        }
        analysed
    }

    /// Adds a form found elsewhere (with its count) and returns its id here.
    fn merge(&mut self, form: Form) -> u32 {
        let map = if form.identifier {
            &mut self.identifiers
        } else {
            &mut self.stemmed
        };
        match map.get(form.word.as_str()) {
            Some(&id) => {
                self.forms[id as usize].word_count += form.word_count;
                id
            }
            None => {
                let id = self.forms.len() as u32;
                map.insert(form.word.clone(), id);
                self.forms.push(form);
                id
            }
        }
    }
}

impl Analysis {
    /// Tokenizes all texts of all documents, in parallel over runs of documents.
    pub fn new(docs: &[SearchDoc]) -> Analysis {
        let docs: Vec<&SearchDoc> = docs.iter().collect();
        let mut global = FormTable::default();
        let analysed = global.merge_runs(tokenize_runs(&docs));
        Analysis {
            forms: global.forms,
            docs: analysed,
        }
    }

    /// [`Analysis::new`] for an analysis that follows the one that filled `cache` (`serve`):
    /// a document whose texts are unchanged keeps its tokens, and only the others are
    /// tokenized. Forms no document uses any more stay in the table with no occurrences;
    /// nothing built from the analysis lists a form for itself, so the indexes are the same.
    pub fn new_cached(docs: &[SearchDoc], cache: &mut AnalysisCache) -> Analysis {
        let keys: Vec<u128> = docs.par_iter().map(texts_key).collect();
        let missing: Vec<&SearchDoc> = docs
            .iter()
            .zip(&keys)
            .filter(|(_, key)| !cache.docs.contains_key(*key))
            .map(|(doc, _)| doc)
            .collect();
        let mut fresh = cache.table.merge_runs(tokenize_runs(&missing)).into_iter();
        let analysed: Vec<DocTokens> = keys
            .iter()
            .map(|key| match cache.docs.get(key) {
                Some(kept) => kept.clone(),
                None => fresh.next().unwrap_or_default(),
            })
            .collect();
        let forms = &mut cache.table.forms;
        for form in forms.iter_mut() {
            form.word_count = 0;
        }
        for doc in &analysed {
            for t in &doc.tokens {
                if t.kind() == TokenKind::Word {
                    forms[t.form()].word_count += 1;
                }
            }
        }
        cache.docs = keys.into_iter().zip(analysed.iter().cloned()).collect();
        Analysis {
            forms: forms.clone(),
            docs: analysed,
        }
    }

    /// Word forms and how often each occurs as an ordinary word: the lexicon's counts.
    pub fn word_counts(&self) -> impl Iterator<Item = (&str, u64)> {
        self.forms
            .iter()
            .filter(|f| f.word_count > 0)
            .map(|f| (f.word.as_str(), f.word_count))
    }
}

/// The terms the indexes hold for the forms: each form's own term and, for words, the terms
/// the lexicon adds (compound parts, a particle verb's stem), as ids into one term list.
pub struct Terms {
    pub names: Vec<String>,
    own: Vec<u32>,
    added: Vec<Vec<u32>>,
}

impl Terms {
    pub fn new(analysis: &Analysis, lexicon: &Lexicon) -> Terms {
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut names: Vec<String> = Vec::new();
        let mut id = |name: &str| -> u32 {
            match ids.get(name) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u32;
                    ids.insert(name.to_string(), id);
                    names.push(name.to_string());
                    id
                }
            }
        };
        let own: Vec<u32> = analysis.forms.iter().map(|f| id(&f.term)).collect();
        // Words that only ever occur inside identifiers or hyphen-joined forms have no
        // added terms: the index adds parts to ordinary words only.
        let expansions: Vec<Vec<String>> = analysis
            .forms
            .par_iter()
            .map(|f| {
                if f.word_count == 0 {
                    return Vec::new();
                }
                lexicon
                    .expansions(&f.word)
                    .iter()
                    .filter(|p| **p != f.term)
                    .cloned()
                    .collect()
            })
            .collect();
        let added = expansions
            .iter()
            .map(|parts| parts.iter().map(|p| id(p)).collect())
            .collect();
        Terms { names, own, added }
    }

    /// A token's own term and the terms added to it (only an ordinary word has any).
    pub fn of(&self, t: Tok) -> (u32, &[u32]) {
        let added: &[u32] = if t.kind() == TokenKind::Word {
            &self.added[t.form()]
        } else {
            &[]
        };
        (self.own[t.form()], added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzer::tokenize;
    use crate::search::documents::DocType;

    fn doc(title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            title: title.into(),
            body: body.into(),
            kind: DocType::Paragraph,
            date: String::new(),
            year: 0,
            organ: "Regionstyrelsen".into(),
            organs: vec![],
            plan: String::new(),
            perspective: String::new(),
            dnr: vec!["1351-2020".into()],
            persons: vec![],
            url: "/".into(),
            heading: String::new(),
        }
    }

    #[test]
    fn tokens_replay_the_analyzer_with_shared_forms() {
        let docs: Vec<SearchDoc> = (0..100)
            .map(|i| {
                doc(
                    &format!("Ärende {i}"),
                    "Inhyrd sjukvårdspersonal, SOU 2019:20 och sou.",
                )
            })
            .collect();
        let a = Analysis::new(&docs);
        for (d, tokens) in docs.iter().zip(&a.docs) {
            for (i, text) in doc_texts(d).into_iter().enumerate() {
                let expected: Vec<(String, String, String, TokenKind)> = tokenize(text)
                    .into_iter()
                    .map(|t| (t.word, t.text, t.folded, t.kind))
                    .collect();
                let replayed: Vec<(String, String, String, TokenKind)> = tokens
                    .text(i)
                    .iter()
                    .map(|t| {
                        let f = &a.forms[t.form()];
                        (f.word.clone(), f.term.clone(), f.folded.clone(), t.kind())
                    })
                    .collect();
                assert_eq!(replayed, expected, "{text}");
            }
        }
        // `sou` the word and `sou` the identifier part are different forms.
        let sou: Vec<&Form> = a.forms.iter().filter(|f| f.word == "sou").collect();
        assert_eq!(sou.len(), 2);
        // Forms are shared across documents, counted as words only.
        let personal = a
            .forms
            .iter()
            .find(|f| f.word == "sjukvårdspersonal")
            .unwrap();
        assert_eq!(personal.word_count, 100);
        assert_eq!(
            a.forms
                .iter()
                .find(|f| f.word == "1351-2020")
                .unwrap()
                .word_count,
            0
        );
    }
}
