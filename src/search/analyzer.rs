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
//!
//! # Code layout
//!
//! This file holds the token types and the entry points; the rules live in submodules:
//! `scanner` (finding tokens), `chars` (the character classes it asks about), `normalize`
//! (the forms of a word: lower case, stem, folded key), `compound` and `stop_lists` (compound
//! splitting), `typo` (one-edit matching).

mod chars;
mod compound;
mod normalize;
mod scanner;
mod stop_lists;
#[cfg(test)]
mod tests;
mod typo;

pub use compound::CompoundSplitter;
pub use normalize::{fold, folded_key, normalize_word, stem, with_word_terms};
pub use scanner::for_each_raw_token;
pub use typo::within_one_edit;

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

/// Analyses a search query. Queries and documents must meet, so this is [`tokenize`].
pub fn normalize_query(query: &str) -> Vec<Token> {
    tokenize(query)
}
