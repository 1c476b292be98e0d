//! The static search files under `sok/data/` that the browser client
//! (`themes/default/static/js/search.js`) fetches on demand. Everything ranking needs is
//! computed here, at build time; a query downloads only the shards its words fall in.
//!
//! # Format (version 3)
//!
//! * `meta.json` — `{"v":3,"docs":N,"shards":[prefix,…],"facets":[[type,year,organ],…],
//!   "types":[[slug,label],…],"organs":[name,…],"sections":[[page,first,count],…],
//!   "gaps":[term,…]}`. A facet is an index into `facets`: one combination of type index,
//!   year (0: none) and organ indices, so filters and their counts come from the postings
//!   alone. `sections` lists the documents that are sections of a page (a report's): documents
//!   `first` to `first + count - 1` are on the page of document `page`, so that the client
//!   lists each page once with its matching sections under it. `gaps` lists the gap terms
//!   (see `x/`).
//! * `t/<hex>.json` — a term shard: every term whose diacritics-folded form (`fold(term)`)
//!   starts with the shard's prefix and no longer listed prefix (`<hex>` is the prefix's UTF-8
//!   in hex; the empty prefix is `_`). Each entry is
//!   `[term, folded_key, [[word, count],…], parts|0, postings]`: the stem or identifier, the
//!   folded key of its most common word, the word forms (for the client's compound splitter),
//!   the stems of its compound parts, and either the postings inline or the name of a file in
//!   `p/`. Postings are a flat array `doc, score, facet, doc, score, facet, …` sorted by doc id,
//!   doc ids delta-encoded; scores are BM25F (k1 1.2; title, body and tag fields each
//!   length-normalised and weighted), times 100, rounded.
//! * `p/<name>.json` — postings of a frequent term, same encoding, at most [`MAX_POSTINGS`]
//!   (the best-scoring ones).
//! * `x/<hex>.json` — the positions of a term shard's terms, one element per term in the
//!   shard's order: `[]` for a gap term (`meta.json`'s `gaps`: stems of function words the
//!   indexes keep no positions for), the positions inline, or the name of a file in `x/`
//!   holding them (when the term's postings are in `p/`, or more than [`INLINE_POSITIONS`]
//!   numbers). Positions are a flat array: per document of the term's postings, in doc order,
//!   the doc id's difference from the previous one, the number of positions and the
//!   positions, each `2 × position + field` (field 0 the title, 1 the body; positions as the
//!   tantivy index counts them), the first as it is and the next as differences. Only phrase
//!   and multi-word queries fetch them: a phrase is verified on every candidate, and documents
//!   whose words stand close together rank first.
//! * `f/<doc>.json` — one document: `{"t":title,"u":url,"k":type,"d":date,"o":organ,
//!   "b":text}` and, for a section, `"h":heading,"p":page title`, for the result list and
//!   excerpts; only the results shown are fetched (a page whose sections alone match is shown
//!   from its sections' files).
//!
//! All JSON is written in a fixed order, so two builds give byte-identical files.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::{Value, json};

use super::analysis::{Analysis, Form, Positions, Terms, chunk_len};
use super::analyzer::fold;
use super::documents::{DocType, SearchDoc, TypeLabels, pages};
use super::lexicon::{BODY_TEXT, DocTerms, FIELDS, Lexicon, TITLE_TEXT, TermSlots, doc_terms};
use super::query::phrase_gaps;
use crate::output::OutputFile;

/// Folder of the search files below the site root.
pub const DATA_DIR: &str = crate::routes::SEARCH_DATA;
/// A shard is split by a longer prefix when it holds more terms than this.
pub const MAX_SHARD_TERMS: usize = 150;
/// Longest shard prefix, in characters. Long enough that a large site's shards stay small
/// (a typo within the prefix is then not found: the client only looks in the word's shard).
pub const MAX_PREFIX: usize = 5;
/// Postings longer than this go to a file of their own.
pub const INLINE_POSTINGS: usize = 128;
/// The best-scoring postings kept per term.
pub const MAX_POSTINGS: usize = 2000;
/// A term's positions go to a file of their own when its postings do, or when they take more
/// numbers than this: the client then fetches them with the postings, in the same step.
pub const INLINE_POSITIONS: usize = 1024;
/// Text kept per document for excerpts, in characters.
pub const MAX_BODY_CHARS: usize = 2_500;

const K1: f32 = 1.2;

/// One term of the index with its postings (doc id, quantised score).
#[derive(Debug, Clone)]
pub struct TermEntry {
    pub term: String,
    pub folded: String,
    pub words: Vec<(String, u64)>,
    pub parts: Option<Vec<String>>,
    pub postings: Vec<(u32, u32)>,
    /// The term's positions in the documents of its postings, in doc order: (doc, sorted
    /// positions, each `2 × position + field`, field 0 the title and 1 the body). Empty for a
    /// gap term ([`phrase_gaps`]).
    pub positions: Vec<(u32, Vec<u32>)>,
}

/// The scored inverted index of a set of documents.
pub struct StaticIndex {
    pub terms: BTreeMap<String, TermEntry>,
}

impl StaticIndex {
    /// Scores each document's terms (BM25F), turns the scores into postings by term, and gives
    /// each term its word forms, folded key and compound parts.
    pub fn build(
        docs: &[SearchDoc],
        analysis: &Analysis,
        terms: &Terms,
        lexicon: &Lexicon,
    ) -> Self {
        let analysed = analyse_docs(docs, analysis, terms);
        let n = docs.len().max(1) as f32;
        let (avg, df) = field_lengths_and_df(&analysed, n, terms.names.len());
        let idf = inverse_document_frequencies(&df, n);
        let scored = score_docs(&analysed, docs, &avg, &idf);
        drop(analysed);
        let postings = invert(scored, &df);
        let positions = positions_by_term(analysis, terms);
        let forms = forms_by_term(analysis);
        let terms = postings
            .into_par_iter()
            .zip(positions)
            .zip(&terms.names)
            .filter(|((postings, _), _)| !postings.is_empty())
            .map(|((postings, positions), t)| {
                let words = forms.get(t.as_str()).map_or(&[][..], Vec::as_slice);
                let entry = term_entry(t, postings, positions, words, lexicon);
                (t.to_string(), entry)
            })
            .collect();
        StaticIndex { terms }
    }
}

/// Each document's terms with their per-field frequencies and its field lengths, in runs of
/// documents on the worker threads (each run fills its own term slots).
fn analyse_docs(docs: &[SearchDoc], analysis: &Analysis, terms: &Terms) -> Vec<DocTerms> {
    let run = chunk_len(docs.len());
    docs.par_chunks(run)
        .zip(analysis.docs.par_chunks(run))
        .flat_map_iter(|(docs, tokens)| {
            let mut slots = TermSlots::new(terms);
            docs.iter()
                .zip(tokens)
                .map(|(d, t)| doc_terms(d, t, terms, &mut slots))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// In one pass over the documents: the average length of each field (`n` documents), and
/// the number of documents each term occurs in.
fn field_lengths_and_df(analysed: &[DocTerms], n: f32, term_count: usize) -> ([f32; 3], Vec<u32>) {
    let mut avg = [0.0_f32; 3];
    let mut df = vec![0u32; term_count];
    for doc in analysed {
        for (a, length) in avg.iter_mut().zip(doc.lengths) {
            *a += length / n;
        }
        for &(t, _) in &doc.terms {
            df[t as usize] += 1;
        }
    }
    (avg, df)
}

/// BM25's inverse document frequency of each term, from its document count among `n`.
fn inverse_document_frequencies(df: &[u32], n: f32) -> Vec<f32> {
    df.iter()
        .map(|&d| {
            let d = d as f32;
            (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
        })
        .collect()
}

/// BM25F per document: per-field normalised frequencies, weighted and summed, then
/// saturated, times the type's prior; quantised to integers. One list of (term, score) per
/// document.
fn score_docs(
    analysed: &[DocTerms],
    docs: &[SearchDoc],
    avg: &[f32; 3],
    idf: &[f32],
) -> Vec<Vec<(u32, u32)>> {
    analysed
        .par_iter()
        .zip(docs)
        .map(|(doc, d)| {
            let prior = d.kind.prior();
            let norms: [f32; 3] = std::array::from_fn(|f| {
                let b = FIELDS[f].1;
                if avg[f] > 0.0 {
                    1.0 - b + b * doc.lengths[f] / avg[f]
                } else {
                    1.0
                }
            });
            doc.terms
                .iter()
                .map(|&(t, x)| {
                    let mut tf = 0.0_f32;
                    for ((x, (weight, _)), norm) in x.into_iter().zip(FIELDS).zip(norms) {
                        // Only fields that hold the term, as a sum over them would.
                        if x > 0.0 {
                            tf += weight * x / norm;
                        }
                    }
                    let score = idf[t as usize] * tf * (K1 + 1.0) / (K1 + tf) * prior;
                    (t, ((score * 100.0).round() as u32).max(1))
                })
                .collect()
        })
        .collect()
}

/// The scores by term instead of by document: each term's postings (doc id, score) in doc
/// order, sized from its document count.
fn invert(scored: Vec<Vec<(u32, u32)>>, df: &[u32]) -> Vec<Vec<(u32, u32)>> {
    let mut postings: Vec<Vec<(u32, u32)>> =
        df.iter().map(|&d| Vec::with_capacity(d as usize)).collect();
    for (id, doc_terms) in scored.into_iter().enumerate() {
        for (t, q) in doc_terms {
            postings[t as usize].push((id as u32, q));
        }
    }
    postings
}

/// Every term's positions in the titles and bodies of the documents ([`TermEntry::positions`]),
/// placed as the tantivy index places them ([`Positions`]): a word's added terms (compound
/// parts) stand at the word's position. Gap terms ([`phrase_gaps`]) get none.
fn positions_by_term(analysis: &Analysis, terms: &Terms) -> Vec<Vec<(u32, Vec<u32>)>> {
    let gaps = phrase_gaps();
    let gap: Vec<bool> = terms
        .names
        .iter()
        .map(|n| gaps.binary_search(n).is_ok())
        .collect();
    // Per document, (term, encoded position) sorted; then by term in doc order.
    let per_doc: Vec<Vec<(u32, u32)>> = analysis
        .docs
        .par_iter()
        .map(|tokens| {
            let mut out = Vec::new();
            for field in [TITLE_TEXT, BODY_TEXT] {
                let mut positions = Positions::default();
                for &t in tokens.text(field) {
                    let p = positions.place(t.kind());
                    let (own, added) = terms.of(t);
                    for &term in std::iter::once(&own).chain(added) {
                        if !gap[term as usize] {
                            out.push((term, 2 * p + field as u32));
                        }
                    }
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect();
    let mut by_term: Vec<Vec<(u32, Vec<u32>)>> = vec![Vec::new(); terms.names.len()];
    for (doc, list) in per_doc.into_iter().enumerate() {
        for run in list.chunk_by(|a, b| a.0 == b.0) {
            let positions = run.iter().map(|&(_, p)| p).collect();
            by_term[run[0].0 as usize].push((doc as u32, positions));
        }
    }
    by_term
}

/// Word forms per stem (the analysis stemmed each once), in word order.
fn forms_by_term(analysis: &Analysis) -> FxHashMap<&str, Vec<&Form>> {
    let mut forms: FxHashMap<&str, Vec<&Form>> = FxHashMap::default();
    for f in analysis.forms.iter().filter(|f| f.word_count > 0) {
        forms.entry(f.term.as_str()).or_default().push(f);
    }
    for list in forms.values_mut() {
        list.sort_by(|a, b| a.word.cmp(&b.word));
    }
    forms
}

/// The index entry of term `t` with its word forms `words`: the most common form gives the
/// folded key and the compound parts, and the postings keep the best [`MAX_POSTINGS`].
fn term_entry(
    t: &str,
    mut postings: Vec<(u32, u32)>,
    mut positions: Vec<(u32, Vec<u32>)>,
    words: &[&Form],
    lexicon: &Lexicon,
) -> TermEntry {
    let common = words
        .iter()
        .max_by(|a, b| a.word_count.cmp(&b.word_count).then(b.word.cmp(&a.word)));
    let folded = common.map_or_else(|| fold(t), |f| f.folded.clone());
    let parts = common.and_then(|f| lexicon.split_stems(&f.word));
    if postings.len() > MAX_POSTINGS {
        // The best ones (ties: lower doc id), in doc order; only they are sorted.
        postings.select_nth_unstable_by(MAX_POSTINGS, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        postings.truncate(MAX_POSTINGS);
        postings.sort_unstable();
        positions.retain(|(doc, _)| postings.binary_search_by_key(doc, |p| p.0).is_ok());
    }
    TermEntry {
        term: t.to_string(),
        folded,
        words: words
            .iter()
            .filter(|f| f.word.chars().all(char::is_alphabetic))
            .map(|f| (f.word.clone(), f.word_count))
            .collect(),
        parts,
        postings,
        positions,
    }
}

/// The shard key of a term: its folded form.
pub fn shard_key(term: &str) -> String {
    fold(term)
}

/// Chooses shard prefixes: a prefix is split into longer ones while it holds too many terms.
pub fn shard_prefixes<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<Vec<char>> = keys.into_iter().map(|k| k.chars().collect()).collect();
    // Sorted, the keys under a prefix are one run, split by their next character.
    keys.sort_unstable();
    let mut out = Vec::new();
    split_prefix(&keys, 0, &mut out);
    out.sort();
    out
}

/// `keys` are sorted and share their first `depth` characters.
fn split_prefix(keys: &[Vec<char>], depth: usize, out: &mut Vec<String>) {
    let Some(first) = keys.first() else {
        return;
    };
    let prefix: String = first[..depth].iter().collect();
    if keys.len() <= MAX_SHARD_TERMS || depth >= MAX_PREFIX {
        out.push(prefix);
        return;
    }
    // Keys that are the prefix itself sort first and stay in its shard.
    let whole = keys.iter().take_while(|k| k.len() == depth).count();
    if whole > 0 {
        out.push(prefix);
    }
    let mut rest = &keys[whole..];
    while let Some(k) = rest.first() {
        let c = k[depth];
        let run = rest.partition_point(|k| k[depth] == c);
        split_prefix(&rest[..run], depth + 1, out);
        rest = &rest[run..];
    }
}

/// The shard (longest listed prefix) a key belongs to.
pub fn shard_of<'a>(key: &str, prefixes: &'a [String]) -> Option<&'a str> {
    // Prefixes are sorted, so each candidate prefix of the key is found by binary search,
    // longest first.
    let ends = key.char_indices().map(|(i, _)| i).chain([key.len()]);
    let candidates: Vec<usize> = ends.take(MAX_PREFIX + 1).collect();
    candidates.into_iter().rev().find_map(|end| {
        let p = &key[..end];
        prefixes
            .binary_search_by(|x| x.as_str().cmp(p))
            .ok()
            .map(|i| prefixes[i].as_str())
    })
}

/// File name of a shard prefix: its UTF-8 bytes in hex, `_` for the empty prefix.
pub fn shard_file(prefix: &str) -> String {
    if prefix.is_empty() {
        return "_".into();
    }
    prefix.bytes().map(|b| format!("{b:02x}")).collect()
}

/// A term's row in its shard file: term, folded key, word forms, compound parts, postings.
type ShardRow<'a> = (
    &'a String,
    &'a String,
    Vec<(&'a str, u64)>,
    Parts<'a>,
    Postings,
);

/// The stems of a term's compound parts, or `0` for none.
#[derive(Serialize)]
#[serde(untagged)]
enum Parts<'a> {
    None(u8),
    Stems(&'a [String]),
}

/// Postings inline, or the name of their file in `p/`.
#[derive(Serialize)]
#[serde(untagged)]
enum Postings {
    Inline(Vec<u32>),
    File(String),
}

/// A document's file in `f/`; fields in the order `json!` wrote them (sorted).
#[derive(Serialize)]
struct DocFile<'a> {
    b: &'a str,
    d: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    h: &'a str,
    k: &'a str,
    o: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    p: &'a str,
    t: &'a str,
    u: &'a str,
}

/// Path of the index's `meta.json` below the site root.
pub fn meta_path() -> String {
    format!("{DATA_DIR}/meta.json")
}

/// The search page with `meta` (the bytes of `meta.json`) in its empty
/// `<script type="application/json" data-search-meta …></script>`, so that the page starts a
/// query's shards without first waiting for `meta.json`; `<` is written `\u003c`, so no text
/// in it (an organ's name) can end the element. `None` when the page has no such empty element.
pub fn with_inline_meta(page: &[u8], meta: &[u8]) -> Option<Vec<u8>> {
    const OPEN: &[u8] = b"<script type=\"application/json\" data-search-meta";
    const CLOSE: &[u8] = b"></script>";
    let start = page.windows(OPEN.len()).position(|w| w == OPEN)?;
    let end = start
        + page[start..]
            .windows(CLOSE.len())
            .position(|w| w == CLOSE)?;
    let tag_end = end + 1;
    if page[start..end].contains(&b'>') {
        return None;
    }
    let mut out = Vec::with_capacity(page.len() + meta.len() + 64);
    out.extend_from_slice(&page[..tag_end]);
    for &b in meta {
        if b == b'<' {
            out.extend_from_slice(b"\\u003c");
        } else {
            out.push(b);
        }
    }
    out.extend_from_slice(&page[tag_end..]);
    Some(out)
}

/// The folders [`export`] writes into, below the site root: the term shards, the long
/// postings lists, the positions and the documents (see the format above).
pub fn folders() -> [String; 4] {
    ["t", "p", "x", "f"].map(|d| format!("{DATA_DIR}/{d}"))
}

/// Makes the static search files, handing each to `out` as soon as it is made (from several
/// threads, in no fixed order), so that a large site's files are not all held at once.
pub fn export(
    docs: &[SearchDoc],
    index: &StaticIndex,
    labels: &TypeLabels,
    out: &(dyn Fn(OutputFile) + Sync),
) {
    let facets = Facets::new(docs);
    let keys: Vec<String> = index.terms.keys().map(|t| shard_key(t)).collect();
    let prefixes = shard_prefixes(keys.iter().map(String::as_str));
    let shards = by_shard(index, &keys, &prefixes);
    // Each shard's file and its postings files are made on their own, in parallel, and handed
    // over as they are made; the JSON is written straight from the entries.
    shards.par_iter().for_each(|(&shard, entries)| {
        export_shard(shard, entries, &facets.of_doc, out);
    });
    let page_of = pages(docs);
    docs.par_iter().enumerate().for_each(|(i, d)| {
        let page_title = if page_of[i] == i {
            ""
        } else {
            &docs[page_of[i]].title
        };
        export_doc(i, d, page_title, out);
    });
    let types: Vec<Value> = DocType::ALL
        .iter()
        .map(|t| json!([t.slug(), labels.of(*t)]))
        .collect();
    let facet_list: Vec<Value> = facets
        .list
        .iter()
        .map(|(t, y, o)| json!([t, y, o]))
        .collect();
    let meta = json!({
        "v": 3,
        "docs": docs.len(),
        "shards": shards.keys().collect::<Vec<_>>(),
        "facets": facet_list,
        "types": types,
        "organs": facets.organs,
        "sections": section_runs(&page_of),
        "gaps": phrase_gaps(),
    });
    out(OutputFile {
        path: meta_path(),
        bytes: serde_json::to_vec(&meta).expect("meta serialises").into(),
    });
}

/// The documents that are sections of another document's page, as runs
/// `[page, first, count]` of consecutive documents on one page.
fn section_runs(pages: &[usize]) -> Vec<[usize; 3]> {
    let mut runs: Vec<[usize; 3]> = Vec::new();
    for (doc, &page) in pages.iter().enumerate().filter(|&(doc, &page)| doc != page) {
        match runs.last_mut() {
            Some(run) if run[0] == page && run[1] + run[2] == doc => run[2] += 1,
            _ => runs.push([page, doc, 1]),
        }
    }
    runs
}

/// The facets of the documents: each distinct combination of type, year and organs, numbered
/// in order of first use, so that a posting carries one number for all of them.
struct Facets {
    /// Every organ name, sorted; a facet names organs by their index here.
    organs: Vec<String>,
    /// (type index, year, organ indices) of each facet.
    list: Vec<(usize, u16, Vec<usize>)>,
    /// The facet of each document.
    of_doc: Vec<usize>,
}

impl Facets {
    fn new(docs: &[SearchDoc]) -> Self {
        let mut organs: Vec<String> = docs.iter().flat_map(|d| d.organs.clone()).collect();
        organs.sort();
        organs.dedup();
        let mut list: Vec<(usize, u16, Vec<usize>)> = Vec::new();
        let mut ids: FxHashMap<(usize, u16, Vec<usize>), usize> = FxHashMap::default();
        let mut of_doc: Vec<usize> = Vec::with_capacity(docs.len());
        for d in docs {
            let t = DocType::ALL.iter().position(|x| *x == d.kind).unwrap_or(0);
            let o: Vec<usize> = d
                .organs
                .iter()
                .filter_map(|name| organs.binary_search(name).ok())
                .collect();
            let key = (t, d.year, o);
            let i = *ids.entry(key.clone()).or_insert_with(|| {
                list.push(key);
                list.len() - 1
            });
            of_doc.push(i);
        }
        Facets {
            organs,
            list,
            of_doc,
        }
    }
}

/// The index's terms by the shard (one of `prefixes`) their shard key (`keys`, in term order)
/// falls in, shards sorted by prefix.
fn by_shard<'a>(
    index: &'a StaticIndex,
    keys: &[String],
    prefixes: &'a [String],
) -> BTreeMap<&'a str, Vec<&'a TermEntry>> {
    let mut shards: BTreeMap<&str, Vec<&TermEntry>> = BTreeMap::new();
    for (entry, key) in index.terms.values().zip(keys) {
        let shard = shard_of(key, prefixes).unwrap_or("");
        shards.entry(shard).or_default().push(entry);
    }
    shards
}

/// Hands over the file of one shard and the files of its long postings lists (numbered in
/// term order within the shard).
fn export_shard(
    shard: &str,
    entries: &[&TermEntry],
    facet_of: &[usize],
    out: &(dyn Fn(OutputFile) + Sync),
) {
    let mut spilled = 0usize;
    let rows: Vec<ShardRow> = entries
        .iter()
        .map(|entry| {
            let mut flat: Vec<u32> = Vec::with_capacity(entry.postings.len() * 3);
            let mut last = 0u32;
            for &(doc, score) in &entry.postings {
                flat.extend([doc - last, score, facet_of[doc as usize] as u32]);
                last = doc;
            }
            let postings = if entry.postings.len() > INLINE_POSTINGS {
                let name = format!("{}-{spilled}", shard_file(shard));
                spilled += 1;
                out(OutputFile {
                    path: format!("{DATA_DIR}/p/{name}.json"),
                    bytes: serde_json::to_vec(&flat)
                        .expect("postings serialise")
                        .into(),
                });
                Postings::File(name)
            } else {
                Postings::Inline(flat)
            };
            let words = entry.words.iter().map(|(w, c)| (w.as_str(), *c)).collect();
            let parts = entry.parts.as_deref().map_or(Parts::None(0), Parts::Stems);
            (&entry.term, &entry.folded, words, parts, postings)
        })
        .collect();
    out(OutputFile {
        path: format!("{DATA_DIR}/t/{}.json", shard_file(shard)),
        bytes: serde_json::to_vec(&rows).expect("shard serialises").into(),
    });
    export_positions(shard, entries, out);
}

/// Hands over the positions file of one shard (one element per term, in the shard's order)
/// and the files of the terms whose positions are too many to stand in it.
fn export_positions(shard: &str, entries: &[&TermEntry], out: &(dyn Fn(OutputFile) + Sync)) {
    let mut spilled = 0usize;
    let rows: Vec<Postings> = entries
        .iter()
        .map(|entry| {
            let flat = flat_positions(&entry.positions);
            if entry.postings.len() <= INLINE_POSTINGS && flat.len() <= INLINE_POSITIONS {
                return Postings::Inline(flat);
            }
            let name = format!("{}-{spilled}", shard_file(shard));
            spilled += 1;
            out(OutputFile {
                path: format!("{DATA_DIR}/x/{name}.json"),
                bytes: serde_json::to_vec(&flat)
                    .expect("positions serialise")
                    .into(),
            });
            Postings::File(name)
        })
        .collect();
    out(OutputFile {
        path: format!("{DATA_DIR}/x/{}.json", shard_file(shard)),
        bytes: serde_json::to_vec(&rows)
            .expect("positions serialise")
            .into(),
    });
}

/// A term's positions as a flat array: per document, the doc id's difference from the
/// previous one, the number of positions, the first position and the differences between
/// the next ones.
fn flat_positions(positions: &[(u32, Vec<u32>)]) -> Vec<u32> {
    let mut flat = Vec::new();
    let mut last_doc = 0;
    for (doc, list) in positions {
        flat.extend([doc - last_doc, list.len() as u32]);
        last_doc = *doc;
        let mut last = 0;
        for &p in list {
            flat.push(p - last);
            last = p;
        }
    }
    flat
}

/// Hands over the file of document `i`, its text cut at [`MAX_BODY_CHARS`]; `page_title` is
/// the title of the page a section is on (empty for a whole page).
fn export_doc(i: usize, d: &SearchDoc, page_title: &str, out: &(dyn Fn(OutputFile) + Sync)) {
    let cut = d
        .body
        .char_indices()
        .nth(MAX_BODY_CHARS)
        .map_or(d.body.len(), |(at, _)| at);
    let doc = DocFile {
        b: &d.body[..cut],
        d: &d.date,
        h: &d.heading,
        k: d.kind.slug(),
        o: &d.organ,
        p: page_title,
        t: &d.title,
        u: &d.url,
    };
    out(OutputFile {
        path: format!("{DATA_DIR}/f/{i}.json"),
        bytes: serde_json::to_vec(&doc).expect("doc serialises").into(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_by_longer_prefixes_when_full() {
        let many: Vec<String> = (0..MAX_SHARD_TERMS + 5)
            .map(|i| format!("ab{i:04}"))
            .chain(["b".to_string(), "a".to_string()])
            .collect();
        let p = shard_prefixes(many.iter().map(String::as_str));
        assert!(p.contains(&"b".to_string()));
        assert!(
            p.contains(&"a".to_string()),
            "leftover key `a` keeps shard a"
        );
        // MAX_SHARD_TERMS + 5 keys under `ab0` are still too many: they split by the next digit.
        assert!(!p.contains(&"ab0".to_string()));
        assert_eq!(shard_of("ab0001", &p), Some("ab00"));
        assert_eq!(shard_of("ab0104", &p), Some("ab01"));
        assert_eq!(shard_of("b", &p), Some("b"));
        assert_eq!(shard_file("ab"), "6162");
        assert_eq!(shard_file(""), "_");
    }

    #[test]
    fn the_meta_goes_into_the_search_pages_empty_element_escaped() {
        let page = br#"<head><script type="application/json" data-search-meta data-search-base="/sok/data/"></script><script>x</script>"#;
        let filled = with_inline_meta(page, br#"{"organs":["A</script>"]}"#).unwrap();
        assert_eq!(
            String::from_utf8(filled).unwrap(),
            r#"<head><script type="application/json" data-search-meta data-search-base="/sok/data/">{"organs":["A\u003c/script>"]}</script><script>x</script>"#
        );
        assert_eq!(with_inline_meta(b"<p>no search here</p>", b"{}"), None);
    }

    #[test]
    fn sections_are_listed_as_runs_under_their_page() {
        // Document 1 is a page with sections 2–4; 5 is a page of its own; 7 is a section of 1
        // listed after another page's.
        let pages = [0, 1, 1, 1, 1, 5, 6, 1];
        assert_eq!(section_runs(&pages), vec![[1, 2, 3], [1, 7, 1]]);
    }
}
