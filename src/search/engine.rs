//! The tantivy index in `search-index/` (written at build time, read by `insyn search`): the
//! schema, our Swedish analyzer as tantivy tokenizers, and the query that mirrors the browser
//! client's matching (exact stem, compound parts, folded diacritics, one-edit typos, phrases).
//! Like the browser client, the query finds the words a query word matches without diacritics
//! or with a typo in the saved vocabulary, and searches for their stems: the index holds no
//! folded copy of the text. Phrases are matched on the index's positions, a function word
//! inside one ([`phrase_gaps`]) standing for any word; a document whose title holds every
//! phrase, or whose words stand close together, ranks higher by the same factors as in the
//! browser client ([`CloseWords`]). Every word must match in one document or across the
//! documents of its page (a report's sections); documents matching more words alone rank
//! first. Results are pages, each with its best-matching sections under it, as in the
//! browser client.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::postings::Postings;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, Token as TToken, TokenStream, Tokenizer};
use tantivy::{
    DocAddress, DocSet, Index, Searcher, SingleSegmentIndexWriter, TantivyDocument, Term,
};

use super::Corpus;
use super::analysis::{Analysis, Positions, Terms};
use super::analyzer::{TokenKind, folded_key, for_each_token, stem, within_one_edit};
use super::documents::{DocType, pages};
use super::lexicon::{BODY_TEXT, Lexicon};
use super::query::{
    ParsedQuery, QueryGroup, TITLE_PHRASE, Weights, holds_phrase, min_span, phrase_gaps,
    phrase_slots, proximity_factor,
};
use crate::output::folder::{Folder, Staged, SwapError, Swapped};

/// Name of the saved vocabulary inside the index folder (the query side splits compounds with
/// the same vocabulary as the index).
const LEXICON_FILE: &str = "insyn-lexicon.json";
const TOKENIZER: &str = "insyn_sv";
/// The body field's tokenizer: while the index is written it replays the build's analysis
/// (the field value is the document's number), when it is read it is the one above.
const BODY_TOKENIZER: &str = "insyn_sv_body";

/// Our analyzer as a tantivy tokenizer: stems and identifiers, plus compound parts of words
/// at the word's position.
#[derive(Clone)]
struct SwedishTokenizer {
    lexicon: Arc<Lexicon>,
    buffer: Vec<TToken>,
}

/// Tokens handed to tantivy; the buffer is the tokenizer's own and is reused from one text
/// to the next, strings included.
struct BufStream<'a> {
    tokens: &'a mut Vec<TToken>,
    len: usize,
    next: usize,
}

impl TokenStream for BufStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.len
    }
    fn token(&self) -> &TToken {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut TToken {
        &mut self.tokens[self.next - 1]
    }
}

/// Fills a token buffer, reusing its slots.
struct TokenWriter<'a> {
    tokens: &'a mut Vec<TToken>,
    len: usize,
    positions: Positions,
}

impl<'a> TokenWriter<'a> {
    fn new(tokens: &'a mut Vec<TToken>) -> Self {
        TokenWriter {
            tokens,
            len: 0,
            positions: Positions::default(),
        }
    }

    /// The position of a token of `kind` ([`Positions`]).
    fn position(&mut self, kind: TokenKind) -> usize {
        self.positions.place(kind) as usize
    }

    fn push(&mut self, text: &str, position: usize, from: usize, to: usize) {
        if self.len == self.tokens.len() {
            self.tokens.push(TToken::default());
        }
        let t = &mut self.tokens[self.len];
        t.text.clear();
        t.text.push_str(text);
        t.position = position;
        t.offset_from = from;
        t.offset_to = to;
        t.position_length = 1;
        self.len += 1;
    }

    fn stream(self) -> BufStream<'a> {
        BufStream {
            tokens: self.tokens,
            len: self.len,
            next: 0,
        }
    }
}

impl Tokenizer for SwedishTokenizer {
    type TokenStream<'a> = BufStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufStream<'a> {
        let mut out = TokenWriter::new(&mut self.buffer);
        for_each_token(text, |t| {
            let position = out.position(t.kind);
            out.push(t.text, position, t.start, t.end);
            if t.kind == TokenKind::Word {
                for part in self.lexicon.expansions(t.word).iter() {
                    if part != t.text {
                        out.push(part, position, t.start, t.end);
                    }
                }
            }
        });
        out.stream()
    }
}

/// The body tokenizer while indexing: the field's value is the document's number, and the
/// tokens are the analysis's, exactly as [`SwedishTokenizer`] would give them (without
/// offsets, which nothing reads).
#[derive(Clone)]
struct ReplayTokenizer {
    analysis: Arc<Analysis>,
    terms: Arc<Terms>,
    buffer: Vec<TToken>,
}

impl Tokenizer for ReplayTokenizer {
    type TokenStream<'a> = BufStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufStream<'a> {
        let mut out = TokenWriter::new(&mut self.buffer);
        let doc = text
            .parse::<usize>()
            .ok()
            .and_then(|i| self.analysis.docs.get(i));
        for &t in doc.map_or(&[][..], |d| d.text(BODY_TEXT)) {
            let position = out.position(t.kind());
            let (own, added) = self.terms.of(t);
            for &term in std::iter::once(&own).chain(added) {
                out.push(&self.terms.names[term as usize], position, 0, 0);
            }
        }
        out.stream()
    }
}

struct Fields {
    title: Field,
    body: Field,
    dnr: Field,
    persons: Field,
    kind: Field,
    label: Field,
    date: Field,
    year: Field,
    organ: Field,
    plan: Field,
    perspective: Field,
    url: Field,
    page_title: Field,
    heading: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { o.set_stored() } else { o }
    };
    let fields = Fields {
        title: b.add_text_field("title", text(TOKENIZER, true)),
        body: b.add_text_field("body", text(BODY_TOKENIZER, false)),
        dnr: b.add_text_field("dnr", text(TOKENIZER, true)),
        persons: b.add_text_field("persons", text(TOKENIZER, true)),
        kind: b.add_text_field("type", STRING | STORED),
        label: b.add_text_field("type_label", STORED),
        date: b.add_text_field("date", STRING | STORED),
        year: b.add_u64_field("year", STORED),
        organ: b.add_text_field("organ", STRING | STORED),
        plan: b.add_text_field("plan", STRING | STORED),
        perspective: b.add_text_field("perspective", STRING | STORED),
        url: b.add_text_field("url", STORED),
        page_title: b.add_text_field("page_title", STORED),
        heading: b.add_text_field("heading", STORED),
    };
    (b.build(), fields)
}

/// Registers the tokenizers; with the build's analysis, the body field replays it.
fn register(index: &Index, lexicon: Arc<Lexicon>, analysed: Option<(Arc<Analysis>, Arc<Terms>)>) {
    let swedish = SwedishTokenizer {
        lexicon,
        buffer: Vec::new(),
    };
    let tokenizers = index.tokenizers();
    tokenizers.register(TOKENIZER, TextAnalyzer::from(swedish.clone()));
    match analysed {
        Some((analysis, terms)) => tokenizers.register(
            BODY_TOKENIZER,
            TextAnalyzer::from(ReplayTokenizer {
                analysis,
                terms,
                buffer: Vec::new(),
            }),
        ),
        None => tokenizers.register(BODY_TOKENIZER, TextAnalyzer::from(swedish)),
    }
}

/// Writes the index of `docs` into the folder `dir`, which holds no index yet.
pub fn write_index(dir: &Path, corpus: &Corpus) -> io::Result<()> {
    let Corpus {
        docs,
        analysis,
        terms,
        lexicon,
        labels,
    } = corpus;
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema).map_err(index_error)?;
    register(
        &index,
        lexicon.clone(),
        Some((analysis.clone(), terms.clone())),
    );
    // One segment written on this thread: the staging folder is new and empty, so the
    // threads, merges and garbage collection of an `IndexWriter` have nothing to do. The
    // budget sizes the term table from the corpus instead of tantivy's 4 MB minimum table,
    // which a small site would mostly zero and never use (it grows when full).
    let mut writer = SingleSegmentIndexWriter::new(index, term_table_budget(terms.names.len()))
        .map_err(index_error)?;
    let pages = pages(docs);
    for (i, d) in docs.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.title, &d.title);
        doc.add_text(f.body, i.to_string());
        for x in &d.dnr {
            doc.add_text(f.dnr, x);
        }
        for x in &d.persons {
            doc.add_text(f.persons, x);
        }
        doc.add_text(f.kind, d.kind.slug());
        doc.add_text(f.label, labels.of(d.kind));
        doc.add_text(f.date, &d.date);
        doc.add_u64(f.year, u64::from(d.year));
        doc.add_text(f.organ, &d.organ);
        doc.add_text(f.plan, &d.plan);
        doc.add_text(f.perspective, &d.perspective);
        doc.add_text(f.url, &d.url);
        doc.add_text(f.page_title, &docs[pages[i]].title);
        doc.add_text(f.heading, &d.heading);
        writer.add_document(doc).map_err(index_error)?;
    }
    writer.finalize().map_err(index_error)?;
    fs::write(
        dir.join(LEXICON_FILE),
        serde_json::to_vec(lexicon.counts())?,
    )?;
    Ok(())
}

/// The memory budget that gives tantivy's term table room for every field's distinct terms.
/// Tantivy takes the largest power of two of 8-byte slots whose table is under a third of the
/// budget, so a third of the budget is twice the table wanted.
fn term_table_budget(distinct_terms: usize) -> usize {
    const SLOT_BYTES: usize = 8;
    // Body terms, plus as many again for the other fields' terms.
    let slots = (2 * distinct_terms).next_power_of_two().max(1 << 12);
    3 * (2 * slots * SLOT_BYTES)
}

/// One result of `insyn search`: a page, with the sections of it that match.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub type_label: String,
    pub date: String,
    pub year: u64,
    pub organ: String,
    pub plan: String,
    pub perspective: String,
    pub dnr: Vec<String>,
    pub persons: Vec<String>,
    pub url: String,
    /// The page's best-matching sections, best first (at most [`SUBRESULTS`]).
    pub sections: Vec<Section>,
    /// How many of the query's words the best document matches alone: more rank first.
    #[serde(skip)]
    words: usize,
}

/// A section of a page among the results.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    pub title: String,
    pub url: String,
    pub score: f32,
}

/// Sections listed under a page, as in the browser client.
pub const SUBRESULTS: usize = 3;

/// Searches the index in `dir`.
pub fn search(
    dir: &Path,
    query: &str,
    kind: Option<DocType>,
    limit: usize,
) -> Result<Vec<Hit>, String> {
    let opened = OpenIndex::open(dir)?;
    let parsed = ParsedQuery::parse(query, &opened.lexicon);
    if parsed.groups.is_empty() {
        return Ok(Vec::new());
    }
    let reader = opened.index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let f = &opened.fields;
    let weights = Weights::default();
    let groups: Vec<Box<dyn Query>> = parsed
        .groups
        .iter()
        .map(|g| group_query(g, f, &opened.vocabulary, &weights))
        .collect();
    let gaps = phrase_gaps();
    let phrases: Vec<Vec<(usize, &str)>> = parsed
        .phrases
        .iter()
        .filter_map(|p| phrase_slots(p, &gaps))
        .collect();
    let filters = filters(&phrases, kind, f);
    let close = CloseWords::new(&searcher, &parsed, &gaps, &opened.vocabulary, phrases, f)?;
    // Positions rank every candidate, not only the best by score.
    let wanted = if close.ranks() {
        searcher.num_docs() as usize
    } else {
        limit.max(1) * 10 + 50
    };
    if groups.len() < 2 {
        let hits = top_docs(&searcher, Occur::Must, &groups, &filters, wanted)?
            .into_iter()
            .map(|(score, addr, d)| {
                Ok(Hit::from_doc(
                    score * close.factor(&searcher, addr)?,
                    1,
                    &d,
                    f,
                ))
            })
            .collect::<Result<Vec<Hit>, String>>()?;
        return Ok(by_page(hits, limit));
    }
    // Every word must match, in one document or across the documents of its page (a
    // report's words in different sections); documents that match more words rank first.
    // When no page matches them all, the best partial matches.
    let words = words_matched(&searcher, &groups, &filters)?;
    let mut hits = Vec::new();
    for (score, addr, d) in top_docs(&searcher, Occur::Should, &groups, &filters, words.len())? {
        if let Some(matched) = words.get(&addr) {
            let score = score * close.factor(&searcher, addr)?;
            hits.push((Hit::from_doc(score, matched.len(), &d, f), matched));
        }
    }
    let mut by_url: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for (hit, matched) in &hits {
        by_url
            .entry(hit.url.as_str())
            .or_default()
            .extend(matched.iter().copied());
    }
    let complete: HashSet<String> = by_url
        .into_iter()
        .filter(|(_, m)| m.len() == groups.len())
        .map(|(url, _)| url.to_string())
        .collect();
    let hits = hits
        .into_iter()
        .map(|(hit, _)| hit)
        .filter(|h| complete.is_empty() || complete.contains(&h.url))
        .collect();
    Ok(by_page(hits, limit))
}

/// The words (indexes of `groups`) each document matches under the filters; documents that
/// match none are left out.
fn words_matched(
    searcher: &Searcher,
    groups: &[Box<dyn Query>],
    filters: &[(Occur, Box<dyn Query>)],
) -> Result<HashMap<DocAddress, Vec<usize>>, String> {
    let mut words: HashMap<DocAddress, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        let mut clauses = vec![(Occur::Must, g.box_clone())];
        clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
        let docs = searcher
            .search(&BooleanQuery::new(clauses), &DocSetCollector)
            .map_err(|e| e.to_string())?;
        for addr in docs {
            words.entry(addr).or_default().push(i);
        }
    }
    Ok(words)
}

/// What positions add to a query's ranking, as in the browser client: a document whose title
/// holds every phrase counts [`TITLE_PHRASE`] times, and one whose words (two or more besides
/// gap terms, in title or body) stand close together counts up to twice
/// ([`proximity_factor`]).
struct CloseWords<'a> {
    /// The terms each word matches (exact, an ending, without diacritics, a typo; compound
    /// parts stand apart and do not count), for the words besides gap terms.
    groups: Vec<Vec<String>>,
    phrases: Vec<Vec<(usize, &'a str)>>,
    fields: [Field; 2],
}

impl<'a> CloseWords<'a> {
    fn new(
        searcher: &Searcher,
        parsed: &ParsedQuery,
        gaps: &[String],
        vocabulary: &FoldedVocabulary,
        phrases: Vec<Vec<(usize, &'a str)>>,
        f: &Fields,
    ) -> Result<Self, String> {
        let fields = [f.title, f.body];
        let mut groups = Vec::new();
        for g in &parsed.groups {
            if gaps.binary_search(&g.text).is_ok() {
                continue;
            }
            let mut terms = vec![g.text.clone()];
            if !g.identifier {
                terms.extend(vocabulary.stems_folded_as(&g.folded, false));
                if g.typo_tolerant() {
                    terms.extend(vocabulary.stems_folded_as(&g.folded, true));
                }
                terms.extend(ending_terms(searcher, g, &fields)?);
            }
            terms.sort();
            terms.dedup();
            groups.push(terms);
        }
        if groups.len() < 2 {
            groups.clear();
        }
        Ok(CloseWords {
            groups,
            phrases,
            fields,
        })
    }

    fn ranks(&self) -> bool {
        !self.groups.is_empty() || !self.phrases.is_empty()
    }

    /// The score factor of one document.
    fn factor(&self, searcher: &Searcher, addr: DocAddress) -> Result<f32, String> {
        if !self.ranks() {
            return Ok(1.0);
        }
        let segment = searcher.segment_reader(addr.segment_ord);
        let mut factor = 1.0;
        let mut span: Option<u32> = None;
        for (i, &field) in self.fields.iter().enumerate() {
            let index = segment.inverted_index(field).map_err(|e| e.to_string())?;
            let positions = |t: &str| -> Result<Vec<u32>, String> {
                let term = Term::from_field_text(field, t);
                let mut out = Vec::new();
                let postings = index
                    .read_postings(&term, IndexRecordOption::WithFreqsAndPositions)
                    .map_err(|e| e.to_string())?;
                if let Some(mut postings) = postings {
                    // `seek` may only move forward: a list that starts after the document
                    // does not hold it.
                    let at = if postings.doc() < addr.doc_id {
                        postings.seek(addr.doc_id)
                    } else {
                        postings.doc()
                    };
                    if at == addr.doc_id {
                        postings.positions(&mut out);
                    }
                }
                Ok(out)
            };
            if i == 0 && !self.phrases.is_empty() {
                let mut by_term: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
                for &(_, t) in self.phrases.iter().flatten() {
                    if !by_term.contains_key(t) {
                        by_term.insert(t, positions(t)?);
                    }
                }
                let of = |t: &str| by_term.get(t).map_or(&[][..], Vec::as_slice);
                if self.phrases.iter().all(|p| holds_phrase(p, of)) {
                    factor *= TITLE_PHRASE;
                }
            }
            if !self.groups.is_empty() {
                let mut lists = Vec::with_capacity(self.groups.len());
                for terms in &self.groups {
                    let mut list = Vec::new();
                    for t in terms {
                        list.extend(positions(t)?);
                    }
                    list.sort_unstable();
                    lists.push(list);
                }
                if let Some(s) = min_span(&lists) {
                    span = Some(span.map_or(s, |x| x.min(s)));
                }
            }
        }
        if let Some(s) = span {
            factor *= proximity_factor(self.groups.len(), s);
        }
        Ok(factor)
    }
}

/// The terms of the title and body that are a word's stem plus up to three letters, or its
/// stem shortened by up to three (at least five letters left), as [`ending_query`] matches.
fn ending_terms(
    searcher: &Searcher,
    g: &QueryGroup,
    fields: &[Field],
) -> Result<Vec<String>, String> {
    let chars: Vec<char> = g.text.chars().collect();
    if chars.len() < 5 || !chars.iter().all(|c| c.is_alphabetic()) {
        return Ok(Vec::new());
    }
    let mut out: Vec<String> = (1..=3)
        .filter(|cut| chars.len() - cut >= 5)
        .map(|cut| chars[..chars.len() - cut].iter().collect())
        .collect();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let index = segment.inverted_index(field).map_err(|e| e.to_string())?;
            let mut stream = index
                .terms()
                .range()
                .ge(g.text.as_bytes())
                .into_stream()
                .map_err(|e| e.to_string())?;
            while stream.advance() {
                let Ok(key) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let Some(rest) = key.strip_prefix(g.text.as_str()) else {
                    break;
                };
                if (1..=3).contains(&rest.chars().count()) {
                    out.push(key.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// An index opened for searching, with the vocabulary saved beside it.
struct OpenIndex {
    index: Index,
    fields: Fields,
    lexicon: Arc<Lexicon>,
    vocabulary: FoldedVocabulary,
}

impl OpenIndex {
    /// Opens the index in `dir`; refuses one written with another schema (another version of
    /// Insyn), whose terms would not meet the query's.
    fn open(dir: &Path) -> Result<Self, String> {
        let counts: BTreeMap<String, u64> = fs::read(dir.join(LEXICON_FILE))
            .map_err(|e| {
                format!(
                    "no search index in {} ({e}); run `insyn build` first",
                    dir.display()
                )
            })
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))?;
        let vocabulary = FoldedVocabulary::new(counts.keys());
        let lexicon = Arc::new(Lexicon::from_counts(counts));
        let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
        register(&index, lexicon.clone(), None);
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(format!(
                "the search index in {} was written by another version of Insyn; run `insyn build` again",
                dir.display()
            ));
        }
        Ok(OpenIndex {
            index,
            fields,
            lexicon,
            vocabulary,
        })
    }
}

impl Fields {
    /// `t` as it stands in the title, body, diary numbers or persons; a match in the title or
    /// the tags outweighs one in the body.
    fn exact(&self, t: &str) -> Box<dyn Query> {
        let term = |field: Field| {
            TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            )
        };
        Box::new(BooleanQuery::new(vec![
            boosted(Box::new(term(self.title)), 3.0),
            boosted(Box::new(term(self.body)), 1.0),
            boosted(Box::new(term(self.dnr)), 3.0),
            boosted(Box::new(term(self.persons)), 2.0),
        ]))
    }
}

/// One word or identifier of the query: an exact match, or any of the looser ones, each
/// weighed down against it.
fn group_query(
    g: &QueryGroup,
    f: &Fields,
    vocabulary: &FoldedVocabulary,
    w: &Weights,
) -> Box<dyn Query> {
    let mut alts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, f.exact(&g.text))];
    if !g.identifier {
        alts.push(boosted(folded_query(g, f, vocabulary), w.folded));
    }
    if let Some(variants) = ending_query(g, f) {
        alts.push(boosted(variants, w.ending));
    }
    if let Some(parts) = &g.parts {
        alts.push(boosted(compound_query(parts, f), w.compound));
    }
    if g.typo_tolerant() {
        alts.push(boosted(typo_query(g, f, vocabulary), w.typo));
    }
    Box::new(BooleanQuery::new(alts))
}

/// Words matching without diacritics: they count like exact ones in their field (a title
/// match outweighs a body match), and the caller weighs them down as a whole.
fn folded_query(g: &QueryGroup, f: &Fields, vocabulary: &FoldedVocabulary) -> Box<dyn Query> {
    let any = vocabulary
        .stems_folded_as(&g.folded, false)
        .iter()
        .map(|s| (Occur::Should, f.exact(s)))
        .collect::<Vec<_>>();
    Box::new(BooleanQuery::new(any))
}

/// Endings the stemmer keeps (`hälsosamtalet`, `biblioteket`): the stem plus or minus up to
/// three letters, as the browser client matches them. `None` for identifiers and for words
/// too short or not all letters.
fn ending_query(g: &QueryGroup, f: &Fields) -> Option<Box<dyn Query>> {
    if g.identifier {
        return None;
    }
    let chars: Vec<char> = g.text.chars().collect();
    if chars.len() < 5 || !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let mut variants: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for cut in 1..=3 {
        if chars.len() - cut >= 5 {
            let shorter: String = chars[..chars.len() - cut].iter().collect();
            variants.push((Occur::Should, f.exact(&shorter)));
        }
    }
    for field in [f.title, f.body] {
        if let Ok(q) = RegexQuery::from_pattern(&format!("{}.{{1,3}}", g.text), field) {
            variants.push((Occur::Should, Box::new(q)));
        }
    }
    Some(Box::new(BooleanQuery::new(variants)))
}

/// Every compound part of the word, each matched exactly.
fn compound_query(parts: &[String], f: &Fields) -> Box<dyn Query> {
    let all: Vec<(Occur, Box<dyn Query>)> =
        parts.iter().map(|p| (Occur::Must, f.exact(p))).collect();
    Box::new(BooleanQuery::new(all))
}

/// Words one edit from the query word. A typo match says only that the word is there: a
/// constant score per field (title and tags, or body), so the page's type decides among
/// pages that all match.
fn typo_query(g: &QueryGroup, f: &Fields, vocabulary: &FoldedVocabulary) -> Box<dyn Query> {
    let stems = vocabulary.stems_folded_as(&g.folded, true);
    Box::new(BooleanQuery::new(vec![
        any_stem(&stems, &[f.title, f.dnr, f.persons], 3.0),
        any_stem(&stems, &[f.body], 1.0),
    ]))
}

/// Any of `stems` in any of `fields`, scored `score` whatever the count.
fn any_stem(stems: &[String], fields: &[Field], score: f32) -> (Occur, Box<dyn Query>) {
    let terms: Vec<(Occur, Box<dyn Query>)> = stems
        .iter()
        .flat_map(|s| fields.iter().map(move |&field| (field, s)))
        .map(|(field, s)| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, s),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    let q = ConstScoreQuery::new(Box::new(BooleanQuery::new(terms)), score);
    (Occur::Should, Box::new(q))
}

/// What every result must have without it adding to the score: each quoted phrase (in the
/// title or the body; its gap terms stand for any word, [`phrase_slots`]), and the type
/// asked for.
fn filters(
    phrases: &[Vec<(usize, &str)>],
    kind: Option<DocType>,
    f: &Fields,
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for phrase in phrases {
        let in_field = |field: Field| -> (Occur, Box<dyn Query>) {
            let terms: Vec<(usize, Term)> = phrase
                .iter()
                .map(|&(offset, t)| (offset, Term::from_field_text(field, t)))
                .collect();
            (Occur::Should, Box::new(PhraseQuery::new_with_offset(terms)))
        };
        let q: Box<dyn Query> =
            Box::new(BooleanQuery::new(vec![in_field(f.title), in_field(f.body)]));
        filters.push((Occur::Must, Box::new(BoostQuery::new(q, 0.0))));
    }
    if let Some(k) = kind {
        filters.push((
            Occur::Must,
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, k.slug()),
                    IndexRecordOption::Basic,
                )),
                0.0,
            )),
        ));
    }
    filters
}

/// The best `wanted` documents for the word queries joined with `occur`, under the filters
/// (more than the results asked for, since the type priors and positions reorder them and
/// sections of one page make one result).
fn top_docs(
    searcher: &Searcher,
    occur: Occur,
    groups: &[Box<dyn Query>],
    filters: &[(Occur, Box<dyn Query>)],
    wanted: usize,
) -> Result<Vec<(f32, DocAddress, TantivyDocument)>, String> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        groups.iter().map(|g| (occur, g.box_clone())).collect();
    clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
    let q = BooleanQuery::new(clauses);
    let top = searcher
        .search(&q, &TopDocs::with_limit(wanted.max(1)))
        .map_err(|e| e.to_string())?;
    top.into_iter()
        .map(|(score, addr)| {
            searcher
                .doc::<TantivyDocument>(addr)
                .map(|d| (score, addr, d))
                .map_err(|e| e.to_string())
        })
        .collect()
}

impl Hit {
    /// A stored document as a result, its score weighed by its type's prior; it is ranked
    /// later ([`ranked`]).
    fn from_doc(score: f32, words: usize, d: &TantivyDocument, f: &Fields) -> Hit {
        let text = |field: Field| -> String {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let all = |field: Field| -> Vec<String> {
            d.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let kind = text(f.kind);
        let prior = DocType::from_slug(&kind).map_or(1.0, DocType::prior);
        let url = text(f.url);
        let heading = text(f.heading);
        let sections = if heading.is_empty() {
            Vec::new()
        } else {
            vec![Section {
                title: heading,
                url: url.clone(),
                score: score * prior,
            }]
        };
        Hit {
            rank: 0,
            score: score * prior,
            title: text(f.page_title),
            kind,
            type_label: text(f.label),
            date: text(f.date),
            year: d.get_first(f.year).and_then(|v| v.as_u64()).unwrap_or(0),
            organ: text(f.organ),
            plan: text(f.plan),
            perspective: text(f.perspective),
            dnr: all(f.dnr),
            persons: all(f.persons),
            url: url
                .split_once('#')
                .map_or(url.as_str(), |(page, _)| page)
                .to_string(),
            sections,
            words,
        }
    }
}

/// The hits of documents as pages: each page once, ranked by its best document (the most
/// query words matched alone, then the score), with its matching sections under it best
/// first; pages best first (equal ones by URL, so the order is stable), at most `limit`,
/// numbered from 1.
fn by_page(mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
    // A document's own URL: its section's, or its page's.
    let own = |h: &Hit| h.sections.first().map_or(&h.url, |s| &s.url).clone();
    hits.sort_by(|a, b| {
        b.words
            .cmp(&a.words)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| own(a).cmp(&own(b)))
    });
    let mut pages: Vec<Hit> = Vec::new();
    for hit in hits {
        match pages.iter_mut().find(|p| p.url == hit.url) {
            Some(page) => {
                if page.sections.len() < SUBRESULTS {
                    page.sections.extend(hit.sections);
                }
            }
            None => pages.push(hit),
        }
    }
    pages.truncate(limit);
    for (i, h) in pages.iter_mut().enumerate() {
        h.rank = i + 1;
    }
    pages
}

/// The vocabulary by folded key, for matching without diacritics and with typos.
struct FoldedVocabulary {
    /// (folded key, stem) of every word form, sorted.
    keys: Vec<(String, String)>,
}

impl FoldedVocabulary {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Self {
        let mut keys: Vec<(String, String)> = words.map(|w| (folded_key(w), stem(w))).collect();
        keys.sort();
        keys.dedup();
        FoldedVocabulary { keys }
    }

    /// The stems of the words whose folded key is `key` or, with `typo`, one edit from it.
    fn stems_folded_as(&self, key: &str, typo: bool) -> Vec<String> {
        let mut stems: Vec<String> = if typo {
            self.keys
                .iter()
                .filter(|(k, _)| within_one_edit(k, key))
                .map(|(_, s)| s.clone())
                .collect()
        } else {
            let from = self.keys.partition_point(|(k, _)| k.as_str() < key);
            self.keys[from..]
                .iter()
                .take_while(|(k, _)| k == key)
                .map(|(_, s)| s.clone())
                .collect()
        };
        stems.sort();
        stems.dedup();
        stems
    }
}

/// `q` as an optional clause, its score multiplied by `boost`.
fn boosted(q: Box<dyn Query>, boost: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(q, boost)))
}

/// Files at the top of every search index Insyn writes that only Insyn writes (tantivy's
/// `meta.json` and the lexicon): they recognise an index that an older Insyn wrote, before the
/// marker.
const INDEX_SIGNATURE: &[&str] = &["meta.json", LEXICON_FILE];

/// The search index folder at `path`, which a build replaces whole.
pub fn index_folder(path: &Path) -> Folder {
    Folder::new(path, INDEX_SIGNATURE)
}

/// The index written into a staging folder beside its folder; [`StagedIndex::swap`] puts it in
/// place, so a failed build leaves the previous index as it was.
pub struct StagedIndex(Staged);

impl StagedIndex {
    /// Writes the index of `corpus` into a new staging folder beside `folder` (after
    /// [`Folder::recover`]).
    pub fn write(folder: &Folder, corpus: &Corpus) -> io::Result<Self> {
        let staged = folder.stage()?;
        match write_index(staged.path(), corpus) {
            Ok(()) => Ok(StagedIndex(staged)),
            Err(e) => {
                staged.discard();
                Err(e)
            }
        }
    }

    /// Puts the staged index in place of the previous one.
    pub fn swap(self) -> Result<Swapped, SwapError> {
        self.0.swap()
    }

    /// Drops the staged index (the build failed after it was written).
    pub fn discard(self) {
        self.0.discard();
    }
}

/// A tantivy error as an I/O error of the same kind where it has one (a full disk stays a
/// full disk), saying what failed.
fn index_error(e: tantivy::TantivyError) -> io::Error {
    use tantivy::TantivyError;
    use tantivy::directory::error::{OpenDirectoryError, OpenWriteError};
    let kind = match &e {
        TantivyError::IoError(cause)
        | TantivyError::OpenWriteError(OpenWriteError::IoError {
            io_error: cause, ..
        })
        | TantivyError::OpenDirectoryError(OpenDirectoryError::IoError {
            io_error: cause, ..
        }) => cause.kind(),
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, format!("cannot write the search index: {e}"))
}
