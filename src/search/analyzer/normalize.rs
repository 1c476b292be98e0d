//! The forms of a word (see "Normalisation of a word" in the analyzer's documentation): the
//! lower-cased `word`, its Snowball stem (the term) and its folded key. Most words take a fast
//! path (ASCII, or Latin-1 from the table in `chars`), and each thread remembers the stems and
//! keys of the words it has seen, because stemming is the costly part of tokenizing.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::chars::LATIN1;

/// NFC, full lower-casing, NFC again: the `word` form of a token.
pub fn normalize_word(s: &str) -> String {
    let mut out = String::new();
    normalize_word_into(s, &mut out);
    out
}

/// [`normalize_word`] into a buffer that is reused from word to word.
pub(super) fn normalize_word_into(s: &str, out: &mut String) {
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
pub(super) fn normalize_word_nfc(s: &str) -> String {
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

/// Words whose stem and folded key each thread remembers before it starts over: a corpus
/// repeats its words many times, and stemming is the costly part of tokenizing.
const WORD_MEMO_LIMIT: usize = 1 << 18;

thread_local! {
    static WORD_MEMO: RefCell<FxHashMap<String, (String, String)>> = RefCell::new(FxHashMap::default());
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
