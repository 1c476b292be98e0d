//! Finding the tokens of a text (see "Tokens" in the analyzer's documentation): words,
//! hyphenated groups, genitives after a colon and identifiers, handed out before their words
//! are stemmed, and the character buffers each thread lends the scanner from text to text.

use std::cell::Cell;

use super::chars::{is_dnr_dash, is_hspace, is_join_hyphen, is_word_char, is_word_start};
use super::normalize::{fold, normalize_word, normalize_word_into};
use super::{RawTokenRef, TokenKind};

/// Calls `f` with each token of `text` in order, before stemming: for a caller that keeps
/// its own table of words and needs the stems of new words only.
pub fn for_each_raw_token(text: &str, f: impl FnMut(RawTokenRef<'_>)) {
    // The character buffers go back to the thread for its next text (a corpus has many short
    // texts); a nested call while they are out simply starts with empty ones.
    let (chars, offsets) = SCANNER_BUFFERS.take();
    let (chars, offsets) = Scanner::new(text, f, chars, offsets).run();
    SCANNER_BUFFERS.set((chars, offsets));
}

thread_local! {
    static SCANNER_BUFFERS: Cell<(Vec<char>, Vec<u32>)> = const { Cell::new((Vec::new(), Vec::new())) };
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
