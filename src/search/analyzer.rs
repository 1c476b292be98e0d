//! The Swedish text analyzer shared by the search index (Rust) and the browser search client
//! (`themes/default/static/js/analyzer.js`, a hand-written twin that must give identical output;
//! `tests/analyzer_conformance.rs` proves it on the whole corpus vocabulary). The twin reports
//! offsets in UTF-16 code units instead of bytes, and token kinds as [`TokenKind::as_str`].
//!
//! # Tokens
//!
//! [`tokenize`] scans arbitrary text and returns [`Token`]s in text order. Every token carries
//! byte offsets (`start..end`) into the original text, for highlighting.
//!
//! * A **word** is a run of Unicode alphanumerics (`char::is_alphanumeric`, i.e. Alphabetic or
//!   Numeric) that may continue with combining marks (General_Category M), so text in NFD form
//!   still yields whole words. Everything else separates words.
//! * **Identifiers** are recognised at the start of a word and kept whole (kind
//!   [`TokenKind::Identifier`]), followed by their parts (kind [`TokenKind::IdentifierPart`]):
//!   * `§ 172`, `§172` → `§172`; parts `172`. Between `§` and the number any amount of
//!     horizontal space (space, tab, U+00A0, U+2009, U+202F) is allowed; the number is 1–4 ASCII
//!     digits forming a whole word.
//!   * diary numbers `1351-2020` (1–5 digits, a dash, a year `19xx`/`20xx`; the dash may be
//!     `-`, U+2010, U+2011 or U+2013 and is normalised to `-`) → `1351-2020`; parts `1351`,
//!     `2020`. Year ranges such as `2023–2025` take the same shape and are treated the same way.
//!   * SFS numbers `2010:659`, also inside `Lag (2010:1065)` → `2010:1065`; parts `2010`, `1065`
//!     (4 digits, `:`, 1–4 digits).
//!   * `SOU 2019:20`, `Ds 2019:3` (prefix in any case, then horizontal space, then an SFS-shaped
//!     number) → `sou2019:20`, `ds2019:3`; parts `sou`, `2019:20`, `2019`, `20`.
//!
//!   Identifiers and their parts are never stemmed.
//! * **Genitive after a colon**, as Swedish writes it after abbreviations (`EU:s`, `SKR:s`,
//!   `VD:n`, `24:e`): a colon followed by 1–3 lower-case letters ending the word is absorbed
//!   into the word's span and dropped from the term (`EU:s` → `eu`).
//! * **Hyphenated compounds** (`EU-programmet`, `covid-vård`; hyphen `-`, U+2010 or U+2011, no
//!   space around it): each part is an ordinary [`TokenKind::Word`] (`eu`, `programmet`), and when
//!   every part contains a letter the parts joined *without* the hyphen are also emitted first,
//!   as a secondary [`TokenKind::Joined`] token spanning the whole compound (`euprogrammet`),
//!   so that `EU-programmet`, `EU programmet` and `euprogrammet` can all meet.
//!   A hyphen followed by a space (`hälso- och sjukvård`) ends the word: `hälso` is kept as a
//!   word of its own; restoring the shared tail (`hälsovård`) needs a vocabulary and is left to
//!   compound splitting of the query side. Line-break hyphenation (`pati-` / `entnämnden`) is
//!   the importer's job, not the analyzer's.
//!
//! # Normalisation of a word
//!
//! 1. `word` = NFC, then `str::to_lowercase` (full Unicode lower-casing), then NFC again (some
//!    lower-case mappings, e.g. `İ`, produce combining marks).
//! 2. `text` (the term) = the Snowball Swedish stemmer (`rust-stemmers`, `Algorithm::Swedish`)
//!    applied to `word`.
//! 3. `folded` (the diacritics-tolerant key) = Snowball Swedish applied to `fold(word)`: folding
//!    comes **before** stemming. Folding after stemming would not make `arbetslös` and
//!    `arbetslos` meet, because Snowball's rules depend on the letters folding removes (`s` is
//!    only deleted after an `o`, never after an `ö`; `löst` → `lös`; `é`/`ü` are not vowels).
//!    Folding first means a word typed without diacritics reaches the stemmer as exactly the
//!    same string as the folded document word, so the keys are always equal.
//!
//! [`fold`]: canonical decomposition (NFD), all combining marks removed, then `ø`→`o`, `æ`→`ae`,
//! `œ`→`oe`, `ß`/`ẞ`→`ss`, `ł`→`l`, `đ`/`ð`→`d`, `þ`→`th`, `ı`→`i` (and the upper-case
//! counterparts to upper case). So `å`,`ä`→`a`, `ö`→`o`, `é`→`e`, `ü`→`u`.
//!
//! For identifiers `text` = `word` = the normalised identifier and `folded` = `fold(text)`.
//!
//! # Compound splitting
//!
//! [`CompoundSplitter`] splits a lower-cased word into 2 or 3 parts found in a vocabulary of
//! corpus words (with their counts): `hyrpersonal` → `hyr` + `personal`, `sjukvårdspersonal` →
//! `sjukvård` + `personal` (linking `s`), `undersköterskeyrket` → `undersköterska` + `yrket`
//! (linking `e` for a final `a`), `folktandvården` → `folk` + `tandvården`. The head must be a
//! vocabulary word as it stands (≥ 4 characters), a modifier a word, a word plus linking
//! letter, or a stem shared by two or more vocabulary words (≥ 3 characters); function words,
//! endings and fragments are refused by stop-lists; parts must be attested twice and must not
//! be much rarer than the whole word (so `regionen` stays whole); the fewest, then longest,
//! parts win. The exact rules are on [`CompoundSplitter`]. Parts are returned unstemmed; the
//! caller stems them ([`stem`]) to index or query them.
//!
//! # Typo tolerance
//!
//! [`within_one_edit`]: true when two strings are equal, or both have at least 6 characters
//! and differ by one substitution, insertion, deletion or transposition of two adjacent
//! characters (optimal-string-alignment Damerau–Levenshtein distance 1). Lengths and edits count
//! Unicode scalar values.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// What a token stands for. Secondary kinds ([`TokenKind::is_secondary`]) add recall next to
/// the primary tokens that cover the same text; an index may weigh them lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    /// An ordinary word, stemmed.
    Word,
    /// A whole identifier: `§172`, `1351-2020`, `2010:1065`, `sou2019:20`.
    Identifier,
    /// A part of an identifier, emitted right after it: `1351`, `2020`, `172`, `sou`.
    IdentifierPart,
    /// A hyphenated compound joined without hyphens: `EU-programmet` → `euprogrammet`.
    Joined,
}

impl TokenKind {
    /// Whether the token only duplicates text already covered by a primary token.
    pub fn is_secondary(self) -> bool {
        matches!(self, TokenKind::IdentifierPart | TokenKind::Joined)
    }

    /// Stable lower-case name, shared with the JavaScript twin.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Identifier => "identifier",
            TokenKind::IdentifierPart => "identifier_part",
            TokenKind::Joined => "joined",
        }
    }
}

/// One token of analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised term: stem of a word, or the normalised identifier.
    pub text: String,
    /// The diacritics-folded key for tolerant matching (see the module documentation).
    pub folded: String,
    /// The lower-cased, unstemmed form: what [`CompoundSplitter::split`] and typo matching take.
    pub word: String,
    /// Byte offset of the first byte in the original text.
    pub start: usize,
    /// Byte offset just past the token in the original text.
    pub end: usize,
    /// Primary word or identifier, or a secondary form of them.
    pub kind: TokenKind,
}

/// A token borrowed from the analyzer's memory: what [`for_each_token`] hands out, so that
/// indexing a large corpus does not copy every word three times.
#[derive(Debug, Clone, Copy)]
pub struct TokenRef<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    pub word: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl TokenRef<'_> {
    pub fn to_token(&self) -> Token {
        Token {
            text: self.text.to_string(),
            folded: self.folded.to_string(),
            word: self.word.to_string(),
            start: self.start,
            end: self.end,
            kind: self.kind,
        }
    }
}

/// Splits `text` into tokens; see the module documentation for the rules.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |t| tokens.push(t.to_token()));
    tokens
}

/// [`tokenize`] without copying: calls `f` with each token in order. `f` must not tokenize
/// itself (the word memory is borrowed meanwhile).
pub fn for_each_token(text: &str, mut f: impl FnMut(TokenRef<'_>)) {
    for_each_raw_token(text, |r| {
        with_word_terms(r.word, r.folded, |text, folded| {
            f(TokenRef {
                text,
                folded,
                word: r.word,
                start: r.start,
                end: r.end,
                kind: r.kind,
            })
        })
    });
}

/// A token before its word is stemmed: what [`for_each_raw_token`] hands out.
#[derive(Debug, Clone, Copy)]
pub struct RawTokenRef<'a> {
    pub word: &'a str,
    /// The folded form of an identifier; `None` for words, whose term and key come from
    /// [`with_word_terms`].
    pub folded: Option<&'a str>,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// Calls `f` with each token of `text` in order, before stemming: for a caller that keeps
/// its own table of words and needs the stems of new words only.
pub fn for_each_raw_token(text: &str, f: impl FnMut(RawTokenRef<'_>)) {
    // The character buffers go back to the thread for its next text (a corpus has many short
    // texts); a nested call while they are out simply starts with empty ones.
    let (chars, offsets) = SCANNER_BUFFERS.take();
    let (chars, offsets) = Scanner::new(text, f, chars, offsets).run();
    SCANNER_BUFFERS.set((chars, offsets));
}

/// Calls `f` with the term and folded key of a raw token: an identifier's own (`folded` is
/// `Some`), or a word's stem and folded key, remembered per thread. `f` must not tokenize.
pub fn with_word_terms<R>(word: &str, folded: Option<&str>, f: impl FnOnce(&str, &str) -> R) -> R {
    if let Some(folded) = folded {
        return f(word, folded);
    }
    WORD_MEMO.with_borrow_mut(|memo| {
        if let Some((text, folded)) = memo.get(word) {
            return f(text, folded);
        }
        if memo.len() >= WORD_MEMO_LIMIT {
            memo.clear();
        }
        let (text, folded) = memo
            .entry(word.to_string())
            .or_insert_with(|| (stem(word), folded_key(word)));
        f(text, folded)
    })
}

/// Analyses a search query. Queries and documents must meet, so this is [`tokenize`].
pub fn normalize_query(query: &str) -> Vec<Token> {
    tokenize(query)
}

/// NFC, full lower-casing, NFC again: the `word` form of a token.
pub fn normalize_word(s: &str) -> String {
    let mut out = String::new();
    normalize_word_into(s, &mut out);
    out
}

/// [`normalize_word`] into a buffer that is reused from word to word.
fn normalize_word_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    // Below U+0300 nothing needs composing, and lower-casing char by char is what
    // `str::to_lowercase` does (its one exception, final sigma, lies above); a character or
    // a lower case that reaches U+0300 or beyond (`İ`) takes the full way. Latin-1 letters
    // come from the table.
    let latin1 = &*LATIN1;
    let simple = s.chars().all(|c| {
        if let Some(&Some(lower)) = latin1.lower.get(c as usize) {
            out.push(lower);
            return true;
        }
        c < '\u{300}'
            && c.to_lowercase().all(|l| {
                out.push(l);
                l < '\u{300}'
            })
    });
    if !simple {
        out.clear();
        out.push_str(&normalize_word_nfc(s));
    }
}

/// The general case of [`normalize_word`].
fn normalize_word_nfc(s: &str) -> String {
    let lower = nfc(s).to_lowercase();
    match nfc(&lower) {
        Cow::Borrowed(_) => lower,
        Cow::Owned(normalized) => normalized,
    }
}

/// `s` in NFC; most text already is, and is then not copied.
fn nfc(s: &str) -> Cow<'_, str> {
    // Below U+0300 every character is NFC as it stands and combines with nothing (Swedish
    // letters among them), so the table lookups of the quick check are not needed.
    if s.chars().all(|c| c < '\u{300}') {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// Words whose stem and folded key each thread remembers before it starts over: a corpus
/// repeats its words many times, and stemming is the costly part of tokenizing.
const WORD_MEMO_LIMIT: usize = 1 << 18;

thread_local! {
    static SCANNER_BUFFERS: Cell<(Vec<char>, Vec<u32>)> = const { Cell::new((Vec::new(), Vec::new())) };
    static WORD_MEMO: RefCell<FxHashMap<String, (String, String)>> = RefCell::new(FxHashMap::default());
}

static SWEDISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Swedish));

/// The Snowball Swedish stem of a word that is already lower-case ([`normalize_word`]).
pub fn stem(word: &str) -> String {
    SWEDISH.stem(word).into_owned()
}

/// Removes diacritics: `vårdskador` → `vardskador`, `Öberg` → `Oberg`, `café` → `cafe`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'ß' => out.push_str("ss"),
            'ẞ' => out.push_str("SS"),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'đ' | 'ð' => out.push('d'),
            'Đ' | 'Ð' => out.push('D'),
            'þ' => out.push_str("th"),
            'Þ' => out.push_str("TH"),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

/// The folded key of a lower-case word: stem of the folded word (fold first, then stem).
pub fn folded_key(word: &str) -> String {
    stem(&fold(word))
}

/// What the scanner asks of a Latin-1 character (all of Swedish and most of the text), looked
/// up in a table made from the general rules instead of searching Unicode's tables.
struct Latin1 {
    /// The lower case, when it is one character below U+0300 (then nothing needs composing).
    lower: [Option<char>; 256],
    word_start: [bool; 256],
    word_char: [bool; 256],
}

static LATIN1: LazyLock<Latin1> = LazyLock::new(|| {
    let mut t = Latin1 {
        lower: [None; 256],
        word_start: [false; 256],
        word_char: [false; 256],
    };
    for (i, c) in (0..=255u8).map(char::from).enumerate() {
        let mut lower = c.to_lowercase();
        t.lower[i] = match (lower.next(), lower.next()) {
            (Some(l), None) if l < '\u{300}' => Some(l),
            _ => None,
        };
        t.word_start[i] = is_word_start_general(c);
        t.word_char[i] = is_word_char_general(c);
    }
    t
});

fn is_word_start(c: char) -> bool {
    match LATIN1.word_start.get(c as usize) {
        Some(&b) => b,
        None => is_word_start_general(c),
    }
}

fn is_word_char(c: char) -> bool {
    match LATIN1.word_char.get(c as usize) {
        Some(&b) => b,
        None => is_word_char_general(c),
    }
}

fn is_word_start_general(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_word_char_general(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// Dashes accepted inside a diary number; en dash because word processors turn `-` into it.
fn is_dnr_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Hyphens that join a compound; an en dash between words means "to", not a compound.
fn is_join_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// A hand-written scanner over the characters of the text. It works on indices into a
/// character array so that the JavaScript twin can follow it step by step.
/// Tokens go to `emit` as they are found.
struct Scanner<'a, F> {
    text: &'a str,
    chars: Vec<char>,
    /// Byte offset of each character, plus the text length as a sentinel (texts are far
    /// below 4 GiB).
    offsets: Vec<u32>,
    emit: F,
    /// The current word, lower-cased; reused from word to word.
    scratch: String,
}

impl<'a, F: FnMut(RawTokenRef<'_>)> Scanner<'a, F> {
    /// A scanner over `text`, filling the (cleared) buffers `chars` and `offsets`.
    fn new(text: &'a str, emit: F, mut chars: Vec<char>, mut offsets: Vec<u32>) -> Self {
        chars.clear();
        offsets.clear();
        chars.reserve(text.len());
        offsets.reserve(text.len() + 1);
        for (i, c) in text.char_indices() {
            chars.push(c);
            offsets.push(i as u32);
        }
        offsets.push(text.len() as u32);
        Scanner {
            text,
            chars,
            offsets,
            emit,
            scratch: String::new(),
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// End (exclusive) of the word run starting at `i`.
    fn run_end(&self, i: usize) -> usize {
        let mut j = i;
        while self.at(j).is_some_and(is_word_char) {
            j += 1;
        }
        j
    }

    /// End of a run of ASCII digits starting at `i`.
    fn digits_end(&self, i: usize) -> usize {
        let mut j = i;
        while self.at(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        j
    }

    /// `i..j` is a whole word made of `min..=max` ASCII digits.
    fn whole_number(&self, i: usize, min: usize, max: usize) -> Option<usize> {
        let j = self.digits_end(i);
        let len = j - i;
        (len >= min && len <= max && self.run_end(i) == j).then_some(j)
    }

    fn slice(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.offsets[i] as usize..self.offsets[j] as usize]
    }

    fn push(&mut self, kind: TokenKind, word: &str, folded: Option<&str>, i: usize, j: usize) {
        (self.emit)(RawTokenRef {
            kind,
            word,
            folded,
            start: self.offsets[i] as usize,
            end: self.offsets[j] as usize,
        });
    }

    fn push_identifier(&mut self, kind: TokenKind, id: &str, i: usize, j: usize) {
        let folded = fold(id);
        self.push(kind, id, Some(&folded), i, j);
    }

    fn push_word(&mut self, kind: TokenKind, word: &str, i: usize, j: usize) {
        self.push(kind, word, None, i, j);
    }

    /// Scans the whole text and hands back the buffers.
    fn run(mut self) -> (Vec<char>, Vec<u32>) {
        let mut i = 0;
        while let Some(c) = self.at(i) {
            i = if c == '§' {
                self.section(i).unwrap_or(i + 1)
            } else if is_word_start(c) {
                self.prefixed_sfs(i)
                    .or_else(|| self.sfs(i, TokenKind::Identifier))
                    .or_else(|| self.diary_number(i))
                    .unwrap_or_else(|| self.word_group(i))
            } else {
                i + 1
            };
        }
        (self.chars, self.offsets)
    }

    /// `§ 172` at `i` (which holds `§`).
    fn section(&mut self, i: usize) -> Option<usize> {
        let mut k = i + 1;
        while self.at(k).is_some_and(is_hspace) {
            k += 1;
        }
        let j = self.whole_number(k, 1, 4)?;
        let number = self.slice(k, j);
        self.push_identifier(TokenKind::Identifier, &format!("§{number}"), i, j);
        self.push_identifier(TokenKind::IdentifierPart, number, k, j);
        Some(j)
    }

    /// `2010:1065` at `i`, emitted as a token of `kind` with its year and serial as parts.
    fn sfs(&mut self, i: usize, kind: TokenKind) -> Option<usize> {
        let (colon, j) = self.sfs_shape(i)?;
        let year = self.slice(i, colon);
        let serial = self.slice(colon + 1, j);
        self.push_identifier(kind, &format!("{year}:{serial}"), i, j);
        self.push_identifier(TokenKind::IdentifierPart, year, i, colon);
        self.push_identifier(TokenKind::IdentifierPart, serial, colon + 1, j);
        Some(j)
    }

    /// Where the colon and the end are if an SFS-shaped number (4 digits, `:`, 1–4 digits,
    /// each a whole word) starts at `i`.
    fn sfs_shape(&self, i: usize) -> Option<(usize, usize)> {
        let colon = self.digits_end(i);
        if colon - i != 4 || self.at(colon) != Some(':') {
            return None;
        }
        Some((colon, self.whole_number(colon + 1, 1, 4)?))
    }

    /// `SOU 2019:20` / `Ds 2019:3` at `i`; the number follows as a part, with its own parts.
    fn prefixed_sfs(&mut self, i: usize) -> Option<usize> {
        let e = self.run_end(i);
        if !(2..=3).contains(&(e - i)) {
            return None;
        }
        let prefix = self.slice(i, e);
        if !prefix.eq_ignore_ascii_case("sou") && !prefix.eq_ignore_ascii_case("ds") {
            return None;
        }
        let mut k = e;
        while self.at(k).is_some_and(is_hspace) {
            k += 1;
        }
        if k == e {
            return None;
        }
        let (_, j) = self.sfs_shape(k)?;
        let prefix = prefix.to_ascii_lowercase();
        let number = self.slice(k, j);
        self.push_identifier(TokenKind::Identifier, &format!("{prefix}{number}"), i, j);
        self.push_identifier(TokenKind::IdentifierPart, &prefix, i, e);
        self.sfs(k, TokenKind::IdentifierPart)
    }

    /// `1351-2020` at `i`.
    fn diary_number(&mut self, i: usize) -> Option<usize> {
        let dash = self.digits_end(i);
        let len = dash - i;
        if !(1..=5).contains(&len) || !self.at(dash).is_some_and(is_dnr_dash) {
            return None;
        }
        let j = self.whole_number(dash + 1, 4, 4)?;
        let year = self.slice(dash + 1, j);
        if !(year.starts_with("19") || year.starts_with("20")) {
            return None;
        }
        let number = self.slice(i, dash);
        self.push_identifier(TokenKind::Identifier, &format!("{number}-{year}"), i, j);
        self.push_identifier(TokenKind::IdentifierPart, number, i, dash);
        self.push_identifier(TokenKind::IdentifierPart, year, dash + 1, j);
        Some(j)
    }

    /// A word, or a hyphenated group of words, at `i`; returns the index after it.
    fn word_group(&mut self, i: usize) -> usize {
        let first = (i, self.run_end(i));
        // Filled only for a hyphenated group; most groups are one word.
        let mut runs = Vec::new();
        let mut j = first.1;
        while self.at(j).is_some_and(is_join_hyphen) && self.at(j + 1).is_some_and(is_word_start) {
            if runs.is_empty() {
                runs.push(first);
            }
            let e = self.run_end(j + 1);
            runs.push((j + 1, e));
            j = e;
        }
        // A genitive after a colon (`EU:s`) belongs to the last word's span but not its term.
        let mut end = j;
        if self.at(j) == Some(':') {
            let mut k = j + 1;
            while self
                .at(k)
                .is_some_and(|c| c.is_alphabetic() && c.is_lowercase())
            {
                k += 1;
            }
            if (1..=3).contains(&(k - j - 1)) && self.run_end(j + 1) == k {
                end = k;
            }
        }
        if runs.is_empty() {
            let mut word = std::mem::take(&mut self.scratch);
            normalize_word_into(self.slice(first.0, first.1), &mut word);
            self.push_word(TokenKind::Word, &word, i, end);
            self.scratch = word;
            return end;
        }
        let words: Vec<String> = runs
            .iter()
            .map(|&(s, e)| normalize_word(self.slice(s, e)))
            .collect();
        if words.len() > 1 && words.iter().all(|w| w.chars().any(char::is_alphabetic)) {
            self.push_word(TokenKind::Joined, &words.concat(), i, end);
        }
        let last = runs.len() - 1;
        for (n, ((s, e), word)) in runs.into_iter().zip(words).enumerate() {
            let e = if n == last { end } else { e };
            self.push_word(TokenKind::Word, &word, s, e);
        }
        end
    }
}

/// Whether `a` and `b` are equal or, both having at least 6 characters, one edit apart
/// (substitution, insertion, deletion, or transposition of adjacent characters).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().min(b.len()) < 6 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    // Strip the common prefix and suffix; what is left must be a single edit.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    match (a.len(), b.len()) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => a[0] == b[1] && a[1] == b[0],
        _ => false,
    }
}

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

/// Modifiers (non-final parts) that are function words or particles. As prefixes they form
/// lexicalised words whose head alone means something else (`medarbetare` is not `arbetare`,
/// `uppföljning` not `följning`), so a split there would only add false matches.
const MODIFIER_STOP: &[&str] = &[
    "all", "alla", "allt", "andra", "annan", "annat", "ans", "att", "bakom", "bland", "bort",
    "bör", "den", "dess", "det", "där", "efter", "egen", "eget", "enligt", "ett", "fler", "fram",
    "från", "för", "före", "genom", "hela", "hem", "hos", "här", "icke", "inne", "inom", "inte",
    "inter", "kan", "kring", "kvar", "med", "mellan", "mer", "mot", "ned", "ner", "när", "och",
    "olika", "per", "sam", "samman", "samt", "ser", "sin", "ska", "som", "till", "under", "upp",
    "utan", "uti", "utom", "var", "vid", "vis", "åter", "över",
];

/// Heads (final parts) that are endings, function words or frequent fragments of words.
/// PDF text leaves pieces of words in a vocabulary, and a derivational ending after a verb
/// stem (`bedöm` + `ningen`, `utveckl` + `ingen`) is not a compound.
const HEAD_STOP: &[&str] = &[
    "anden", "andet", "arna", "aste", "bara", "else", "elser", "ende", "erna", "gare", "heten",
    "heter", "igen", "inga", "ingar", "ingen", "inget", "ionen", "liga", "lighet", "ligheten",
    "ligt", "ning", "ningar", "ningarna", "ningen", "ningens", "orna", "relse", "samhet",
    "samheten", "samma", "talet", "tion", "tionen", "tiva", "tivt",
];

/// Lexicalised words with a split that passes the guards but means something else
/// (`deltar` is not `del` + `tar`).
const NO_SPLIT: &[&str] = &[
    "deltagare",
    "deltagit",
    "deltar",
    "fastställa",
    "fastställer",
    "fastställs",
    "godkänd",
    "godkänt",
    "ledamot",
    "ledamöter",
    "ledamöterna",
    "möjliggöra",
    "säkerställa",
    "tydliggöra",
];

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
/// from the folded vocabulary ([`fold`]) and split the folded word.
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

/// Whether `word` is in `list`, which is sorted by bytes (checked by a test).
fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_normalisation_fast_paths_agree_with_the_general_one() {
        for word in [
            "Region",
            "VÅRDSKADOR",
            "Öberg",
            "Straße",
            "İstanbul",
            "ΟΔΟΣ",
            "Ångström",
            "A\u{30a}ngstro\u{308}m",
            "ǅemal",
            "ÆØÅ",
            "42",
            "SFS",
        ] {
            assert_eq!(normalize_word(word), normalize_word_nfc(word), "{word}");
        }
        assert_eq!(normalize_word("A\u{30a}ngstro\u{308}m"), "ångström");
        assert_eq!(normalize_word("ΟΔΟΣ"), "οδος");
    }

    #[test]
    fn latin1_table_agrees_with_the_general_rules() {
        for c in (0..=255u8).map(char::from) {
            let word = format!("x{c}Y{c}");
            assert_eq!(normalize_word(&word), normalize_word_nfc(&word), "{c:?}");
            assert_eq!(is_word_start(c), is_word_start_general(c), "{c:?}");
            assert_eq!(is_word_char(c), is_word_char_general(c), "{c:?}");
        }
        assert!(is_word_char('å') && is_word_start('Ö') && !is_word_char('§'));
        assert!(is_word_char('\u{308}') && !is_word_start('\u{308}'));
    }

    /// (kind, term, byte range) of every token.
    fn terms(text: &str) -> Vec<(TokenKind, String, std::ops::Range<usize>)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, t.text, t.start..t.end))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    use TokenKind::{Identifier as Id, IdentifierPart as Part, Joined, Word};

    #[test]
    fn words_are_lower_cased_stemmed_and_keep_byte_offsets() {
        assert_eq!(
            terms("Vårdskador ökar!"),
            vec![
                (Word, "vårdskad".to_owned(), 0..11),
                (Word, "ökar".to_owned(), 12..17),
            ]
        );
        let token = &tokenize("Regionens")[0];
        assert_eq!(
            (token.word.as_str(), token.text.as_str()),
            ("regionens", "region")
        );
    }

    #[test]
    fn decomposed_input_gives_the_same_word_as_composed() {
        let nfd = tokenize("va\u{30a}rdskador");
        assert_eq!(nfd.len(), 1);
        assert_eq!(nfd[0].word, "vårdskador");
        assert_eq!(nfd[0].end, "va\u{30a}rdskador".len());
    }

    #[test]
    fn diary_numbers_are_whole_with_parts() {
        assert_eq!(
            terms("dnr 1351-2020."),
            vec![
                (Word, "dnr".to_owned(), 0..3),
                (Id, "1351-2020".to_owned(), 4..13),
                (Part, "1351".to_owned(), 4..8),
                (Part, "2020".to_owned(), 9..13),
            ]
        );
        assert_eq!(texts("03531-2019"), ["03531-2019", "03531", "2019"]);
        // An en dash is normalised; a number that is no year is no diary number.
        assert_eq!(texts("2023–2025"), ["2023-2025", "2023", "2025"]);
        assert_eq!(texts("lgekpl-4-1041"), ["lgekpl", "4", "1041"]);
        assert_eq!(texts("123456-2020"), ["123456", "2020"]);
    }

    #[test]
    fn paragraphs_become_one_token() {
        assert_eq!(
            terms("§ 172 Ny"),
            vec![
                (Id, "§172".to_owned(), 0..6),
                (Part, "172".to_owned(), 3..6),
                (Word, "ny".to_owned(), 7..9),
            ]
        );
        assert_eq!(texts("§172"), ["§172", "172"]);
        assert_eq!(texts("§§ 160"), ["§160", "160"]);
        assert_eq!(texts("§ a"), ["a"]);
    }

    #[test]
    fn sfs_sou_and_ds_numbers() {
        assert_eq!(
            texts("Lag (2010:1065) om"),
            ["lag", "2010:1065", "2010", "1065", "om"]
        );
        assert_eq!(
            terms("SOU 2019:20"),
            vec![
                (Id, "sou2019:20".to_owned(), 0..11),
                (Part, "sou".to_owned(), 0..3),
                (Part, "2019:20".to_owned(), 4..11),
                (Part, "2019".to_owned(), 4..8),
                (Part, "20".to_owned(), 9..11),
            ]
        );
        assert_eq!(
            texts("Ds 2019:3"),
            ["ds2019:3", "ds", "2019:3", "2019", "3"]
        );
        // A clock time is not an SFS number.
        assert_eq!(texts("kl 13:00"), ["kl", "13", "00"]);
    }

    #[test]
    fn identifier_parts_are_secondary() {
        let kinds: Vec<bool> = tokenize("§ 1 EU-stöd ord")
            .iter()
            .map(|t| t.kind.is_secondary())
            .collect();
        assert_eq!(kinds, [false, true, true, false, false, false]);
    }

    #[test]
    fn hyphenated_compounds_give_parts_and_a_joined_form() {
        assert_eq!(
            terms("EU-programmet"),
            vec![
                (Joined, "euprogrammet".to_owned(), 0..13),
                (Word, "eu".to_owned(), 0..2),
                (Word, "programmet".to_owned(), 3..13),
            ]
        );
        assert_eq!(texts("covid-19"), ["covid", "19"]);
        assert_eq!(texts("hälso- och sjukvård"), ["hälso", "och", "sjukvård"]);
    }

    #[test]
    fn genitive_after_colon_is_dropped_from_the_term() {
        assert_eq!(
            terms("EU:s mål"),
            vec![
                (Word, "eu".to_owned(), 0..4),
                (Word, "mål".to_owned(), 5..9),
            ]
        );
        assert_eq!(texts("VD:n"), ["vd"]);
        assert_eq!(texts("EU:sX"), ["eu", "sx"]);
    }

    #[test]
    fn folding_removes_diacritics() {
        assert_eq!(fold("Öberg på café"), "Oberg pa cafe");
        assert_eq!(fold("Ærø straße"), "AEro strasse");
        assert_eq!(fold("§172"), "§172");
    }

    #[test]
    fn folded_keys_meet_where_folding_after_stemming_would_not() {
        assert_eq!(folded_key("vårdskador"), folded_key("vardskador"));
        assert_eq!(folded_key("vardskador"), "vardskad");
        assert_eq!(folded_key("arbetslös"), folded_key("arbetslos"));
        // Snowball keeps the s after ö but drops it after o: fold(stem) differs.
        assert_ne!(fold(&stem("arbetslös")), stem("arbetslos"));
        assert_eq!(
            tokenize("Vårdskador")[0].folded,
            tokenize("vardskador")[0].folded
        );
    }

    #[test]
    fn snowball_swedish_examples() {
        for (word, expected) in [
            ("undersköterskor", "underskötersk"),
            ("undersköterska", "underskötersk"),
            ("akutmottagningen", "akutmottagning"),
            ("friskt", "frisk"),
            ("kärlekslöst", "kärlekslös"),
            ("hyror", "hyr"),
            ("hus", "hus"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn one_edit_apart_for_long_words_only() {
        assert!(within_one_edit("akutmotagning", "akutmottagning"));
        assert!(within_one_edit("akutmottagning", "akutmotagning"));
        assert!(within_one_edit("personal", "personla"));
        assert!(within_one_edit("personal", "persinal"));
        assert!(within_one_edit("vårdskador", "vårdskador"));
        assert!(within_one_edit("hus", "hus"));
        assert!(!within_one_edit("husen", "huset"));
        assert!(!within_one_edit("personal", "persoanl1"));
        assert!(!within_one_edit("personal", "prsonl"));
        assert!(!within_one_edit("akutmotagning", "akutmottagningen"));
        assert!(within_one_edit("vårdskador", "vardskador"));
    }

    /// A small vocabulary with corpus-like counts.
    fn splitter() -> CompoundSplitter {
        let counts = [
            ("personal", 40),
            ("personalen", 10),
            ("hyror", 1),
            ("hyrs", 1),
            ("sjukvård", 26),
            ("sjukvården", 39),
            ("undersköterska", 7),
            ("undersköterskor", 5),
            ("yrket", 4),
            ("folk", 5),
            ("folktandvården", 22),
            ("tandvården", 7),
            ("tandvård", 5),
            ("regi", 5),
            ("onen", 3),
            ("region", 350),
            ("regionen", 300),
            ("medarbetare", 75),
            ("arbetare", 2),
            ("del", 20),
            ("tar", 30),
            ("deltar", 12),
            ("vård", 60),
            ("skador", 4),
            ("kvinna", 2),
            ("kvinnor", 20),
            ("kliniken", 3),
        ];
        CompoundSplitter::new(
            counts
                .iter()
                .flat_map(|&(word, n)| std::iter::repeat_n(word, n)),
        )
    }

    fn split(s: &CompoundSplitter, word: &str) -> Option<Vec<String>> {
        s.split(word)
    }

    #[test]
    fn splits_compounds_with_linking_letters() {
        let s = splitter();
        assert_eq!(split(&s, "hyrpersonal").unwrap(), ["hyr", "personal"]);
        assert_eq!(
            split(&s, "sjukvårdspersonal").unwrap(),
            ["sjukvård", "personal"]
        );
        assert_eq!(
            split(&s, "undersköterskeyrket").unwrap(),
            ["undersköterska", "yrket"]
        );
        assert_eq!(split(&s, "folktandvården").unwrap(), ["folk", "tandvården"]);
        assert_eq!(split(&s, "kvinnokliniken").unwrap(), ["kvinna", "kliniken"]);
        assert_eq!(
            split(&s, "folksjukvårdspersonal").unwrap(),
            ["folk", "sjukvård", "personal"]
        );
        assert_eq!(s.count("regionen"), 300);
    }

    #[test]
    fn does_not_split_spuriously() {
        let s = splitter();
        // The parts exist, but are rare next to the word itself.
        assert_eq!(split(&s, "regionen"), None);
        // Function-word modifiers, lexicalised words, short heads, non-letters.
        assert_eq!(split(&s, "medarbetare"), None);
        assert_eq!(split(&s, "deltar"), None);
        assert_eq!(split(&s, "vårdtar"), None);
        assert_eq!(split(&s, "vård2personal"), None);
        assert_eq!(split(&s, "personal"), None);
        assert_eq!(split(&s, "okändpersonal"), None);
    }

    #[test]
    fn stop_lists_are_sorted_for_binary_search() {
        for list in [MODIFIER_STOP, HEAD_STOP, NO_SPLIT] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn normalize_query_is_tokenize() {
        let q = "Inhyrd sjukvårdspersonal § 172";
        assert_eq!(normalize_query(q), tokenize(q));
    }
}
