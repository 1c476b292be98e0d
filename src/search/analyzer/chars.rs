//! The character classes the scanner and word normalisation ask about: what starts and what
//! continues a word, horizontal space, the dashes of a diary number and the hyphens of a
//! compound. Latin-1 characters are answered from a table ([`Latin1`]), which `tests.rs`
//! checks against the general rules.

use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;

/// What the scanner asks of a Latin-1 character (all of Swedish and most of the text), looked
/// up in a table made from the general rules instead of searching Unicode's tables.
pub(super) struct Latin1 {
    /// The lower case, when it is one character below U+0300 (then nothing needs composing).
    pub(super) lower: [Option<char>; 256],
    word_start: [bool; 256],
    word_char: [bool; 256],
}

pub(super) static LATIN1: LazyLock<Latin1> = LazyLock::new(|| {
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

pub(super) fn is_word_start(c: char) -> bool {
    match LATIN1.word_start.get(c as usize) {
        Some(&b) => b,
        None => is_word_start_general(c),
    }
}

pub(super) fn is_word_char(c: char) -> bool {
    match LATIN1.word_char.get(c as usize) {
        Some(&b) => b,
        None => is_word_char_general(c),
    }
}

pub(super) fn is_word_start_general(c: char) -> bool {
    c.is_alphanumeric()
}

pub(super) fn is_word_char_general(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

pub(super) fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// Dashes accepted inside a diary number; en dash because word processors turn `-` into it.
pub(super) fn is_dnr_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Hyphens that join a compound; an en dash between words means "to", not a compound.
pub(super) fn is_join_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}
