//! Diary numbers (diarienummer): identifiers kept exactly as the organisation writes them
//! (`1351-2020`, `KS 2018/124`, `2019/0041`), the forms a site declares for them, and finding
//! them in running text.
//!
//! A form is a pattern in a small notation ([`DiaryForm::parse`]): `{number}-{year}`,
//! `{letters} {year}/{number}`. The forms find numbers in running text (after "dnr",
//! "diarienummer" or "diarienr", and bare where a whole text is a diary number) and let
//! `insyn check` point at numbers that look mistyped; they never reject a number the content
//! gives as a §'s own.

use std::ops::Range;

/// The longest diary number accepted, in characters: anything longer is a slip (a pasted
/// sentence), not an identifier.
pub const MAX_DNR_CHARS: usize = 40;

/// The forms a site uses when its config declares none: the common Swedish ones.
pub const DEFAULT_FORMS: [&str; 4] = [
    // 1351-2020
    "{number}-{year}",
    // KS 2018/124, RS 2016/203, RJL 2018/36
    "{letters} {year}/{number}",
    // 2019/0041
    "{year}/{number}",
    // Ks 00-1009 006
    "{letters} {yy}-{number} {number}",
];

/// The placeholders of the notation, with what each matches, for messages and the README.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    ("{number}", "1 to 6 digits"),
    ("{year}", "4 digits"),
    ("{yy}", "2 digits"),
    ("{letters}", "1 to 6 letters"),
];

/// The words after which running text writes diary numbers (compared ASCII case-insensitively).
const KEYWORDS: [&str; 3] = ["diarienummer", "diarienr", "dnr"];

/// Why `dnr` cannot be a diary number, or `None`. Any identifier is accepted as written; only
/// what no organisation writes is refused.
pub fn dnr_problem(dnr: &str) -> Option<String> {
    if dnr.trim().is_empty() {
        return Some("the diary number is empty".into());
    }
    if dnr.chars().any(char::is_control) {
        return Some(format!(
            "the diary number {dnr:?} contains a control character (a line break or tab)"
        ));
    }
    if dnr.trim() != dnr {
        return Some(format!(
            "the diary number `{dnr}` starts or ends with a space"
        ));
    }
    let chars = dnr.chars().count();
    if chars > MAX_DNR_CHARS {
        return Some(format!(
            "the diary number `{dnr}` is {chars} characters long (at most {MAX_DNR_CHARS})"
        ));
    }
    if !dnr.chars().any(char::is_alphanumeric) {
        return Some(format!("the diary number `{dnr}` has no letters or digits"));
    }
    None
}

/// Whether a diary number is written `NNNN-YYYY`: the form of Region Norrbotten's minutes,
/// which the minutes importer reads.
pub fn is_valid_dnr(dnr: &str) -> bool {
    match dnr.split_once('-') {
        Some((n, y)) => {
            (1..=5).contains(&n.len())
                && y.len() == 4
                && n.bytes().all(|b| b.is_ascii_digit())
                && y.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// One piece of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// `min..=max` ASCII digits.
    Digits(usize, usize),
    /// `min..=max` letters of any case.
    Letters(usize, usize),
    /// A space or a no-break space.
    Space,
    /// This character; letters match in any case.
    Char(char),
}

/// A diary-number form as the config writes it, e.g. `{letters} {year}/{number}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryForm {
    pub written: String,
    parts: Vec<Part>,
}

impl DiaryForm {
    /// Parses a form: `{number}`, `{year}`, `{yy}` and `{letters}` (see [`PLACEHOLDERS`]) stand
    /// for what they say; a space matches a space; any other character matches itself, letters
    /// in any case. The error says what is wrong, for the config's message.
    pub fn parse(written: &str) -> Result<DiaryForm, String> {
        if written.trim() != written || written.is_empty() {
            return Err(format!(
                "the diary-number form {written:?} is empty or starts or ends with a space"
            ));
        }
        let mut parts = Vec::new();
        let mut rest = written;
        while let Some(c) = rest.chars().next() {
            if c == '{' {
                let Some(end) = rest.find('}') else {
                    return Err(format!(
                        "the diary-number form `{written}` opens a `{{` it does not close"
                    ));
                };
                parts.push(match &rest[..=end] {
                    "{number}" => Part::Digits(1, 6),
                    "{year}" => Part::Digits(4, 4),
                    "{yy}" => Part::Digits(2, 2),
                    "{letters}" => Part::Letters(1, 6),
                    other => {
                        return Err(format!(
                            "the diary-number form `{written}` has an unknown placeholder `{other}`"
                        ));
                    }
                });
                rest = &rest[end + 1..];
                continue;
            }
            if c == '}' || c.is_control() {
                return Err(format!(
                    "the diary-number form `{written}` has a stray {c:?}"
                ));
            }
            parts.push(if c == ' ' { Part::Space } else { Part::Char(c) });
            rest = &rest[c.len_utf8()..];
        }
        if !parts.iter().any(|p| matches!(p, Part::Digits(..))) {
            return Err(format!(
                "the diary-number form `{written}` has no digits placeholder, so it would match words"
            ));
        }
        Ok(DiaryForm {
            written: written.to_string(),
            parts,
        })
    }

    /// The end of the longest match of the form at byte `i` of `text` that ends at a word's
    /// end, if any.
    fn match_at(&self, text: &str, i: usize) -> Option<usize> {
        match_parts(&self.parts, text, i)
    }
}

/// The longest match of `parts` from byte `i` that ends where a number can end.
fn match_parts(parts: &[Part], text: &str, i: usize) -> Option<usize> {
    let Some((part, rest)) = parts.split_first() else {
        return ends_number(text, i).then_some(i);
    };
    let tail = &text[i..];
    match *part {
        Part::Digits(min, max) | Part::Letters(min, max) => {
            let wanted = |c: char| match part {
                Part::Digits(..) => c.is_ascii_digit(),
                _ => c.is_alphabetic(),
            };
            // Ends of runs of 1, 2, … wanted characters, longest first.
            let ends: Vec<usize> = tail
                .char_indices()
                .take_while(|&(_, c)| wanted(c))
                .take(max)
                .map(|(at, c)| i + at + c.len_utf8())
                .collect();
            ends.iter()
                .enumerate()
                .rev()
                .filter(|&(n, _)| n + 1 >= min)
                .find_map(|(_, &end)| match_parts(rest, text, end))
        }
        Part::Space => {
            let c = tail.chars().next().filter(|&c| c == ' ' || c == '\u{a0}')?;
            match_parts(rest, text, i + c.len_utf8())
        }
        Part::Char(want) => {
            let c = tail.chars().next()?;
            let same = c == want || (c.is_alphabetic() && c.to_lowercase().eq(want.to_lowercase()));
            same.then(|| match_parts(rest, text, i + c.len_utf8()))?
        }
    }
}

/// Whether the text before byte `i` does not continue a word or number.
pub fn starts_number(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != ':')
}

/// Whether a number may end at byte `i`: no letter, digit or dash follows.
fn ends_number(text: &str, i: usize) -> bool {
    !text[i..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
}

/// What running text says after a diary-number keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mention {
    /// A number in one of the forms.
    Number(Range<usize>),
    /// Something with digits that matches none of the forms (`dnr 54001-392-2012`): a
    /// number of another organisation, or a typo.
    Unreadable(Range<usize>),
}

/// The diary-number forms of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryForms {
    forms: Vec<DiaryForm>,
}

impl Default for DiaryForms {
    fn default() -> Self {
        DiaryForms {
            forms: DEFAULT_FORMS
                .iter()
                .map(|f| DiaryForm::parse(f).expect("the default forms parse"))
                .collect(),
        }
    }
}

impl DiaryForms {
    pub fn new(forms: Vec<DiaryForm>) -> Self {
        DiaryForms { forms }
    }

    /// The forms as the config writes them, for messages.
    pub fn written(&self) -> Vec<&str> {
        self.forms.iter().map(|f| f.written.as_str()).collect()
    }

    /// The length of the longest diary number in one of the forms starting at byte `i`, where
    /// no word or number goes on before it.
    pub fn number_at(&self, text: &str, i: usize) -> Option<usize> {
        if !text.is_char_boundary(i) || !starts_number(text, i) {
            return None;
        }
        self.form_at(text, i)
    }

    /// [`DiaryForms::number_at`] whatever comes before (`Dnr:1351-2020`).
    fn form_at(&self, text: &str, i: usize) -> Option<usize> {
        self.forms
            .iter()
            .filter_map(|f| f.match_at(text, i))
            .max()
            .map(|end| end - i)
    }

    /// Whether `dnr` as a whole is in one of the forms.
    pub fn matches(&self, dnr: &str) -> bool {
        self.number_at(dnr, 0) == Some(dnr.len())
    }

    /// Every diary number in one of the forms in a text that is wholly diary numbers (a
    /// reference of kind `dnr`), as byte ranges.
    pub fn bare_numbers(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < text.len() {
            match self.number_at(text, i) {
                Some(len) => {
                    found.push(i..i + len);
                    i += len;
                }
                None => i += text[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        found
    }

    /// What running text writes after "dnr", "diarienummer" or "diarienr" (`Dnr KS 2018/124,
    /// KS 2018/130 och KS 2018/131`), in order.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        // The keywords are ASCII and start with `d`: comparing ASCII case-insensitively finds
        // what a lower-cased copy would, without making one (this runs over every § of a site).
        let starts_with = |s: &str, word: &str| {
            s.as_bytes()
                .get(..word.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()))
        };
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = memchr::memchr2(b'd', b'D', &text.as_bytes()[from..]) {
            let i = from + at;
            from = i + 1;
            let Some(word) = KEYWORDS.iter().find(|w| starts_with(&text[i..], w)) else {
                continue;
            };
            let after = i + word.len();
            if !starts_number(text, i) || text[after..].starts_with(char::is_alphabetic) {
                continue;
            }
            let mut at = text.len()
                - text[after..]
                    .trim_start_matches([' ', '.', ':', '\u{a0}'])
                    .len();
            from = at;
            let mut first = true;
            loop {
                let Some(len) = self.form_at(text, at) else {
                    if first && let Some(range) = unreadable_at(text, at) {
                        from = range.end;
                        found.push(Mention::Unreadable(range));
                    }
                    break;
                };
                first = false;
                found.push(Mention::Number(at..at + len));
                at += len;
                from = at;
                match [", ", " och ", " samt "]
                    .iter()
                    .find(|sep| starts_with(&text[at..], sep))
                {
                    Some(sep) => at += sep.len(),
                    None => break,
                }
            }
        }
        found
    }

    /// The diary numbers running text writes after a keyword, each once, in order.
    pub fn mentioned_numbers(&self, text: &str) -> Vec<String> {
        let mut numbers: Vec<String> = Vec::new();
        for m in self.mentions(text) {
            if let Mention::Number(range) = m
                && !numbers.iter().any(|n| *n == text[range.clone()])
            {
                numbers.push(text[range].to_string());
            }
        }
        numbers
    }
}

/// The text after a keyword up to the end of its clause, when it has a digit: what the writer
/// meant as a diary number (at most [`MAX_DNR_CHARS`] characters).
fn unreadable_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = &text[at..];
    let mut end = rest
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ',' | ';' | '(' | ')' | '[' | ']' | '\n' | '"' | '`')
                || (c == '.' && !rest[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
                || (c == ' ' && (rest[i..].starts_with(" och ") || rest[i..].starts_with(" samt ")))
        })
        .map_or(rest.len(), |(i, _)| i);
    if let Some((i, _)) = rest.char_indices().nth(MAX_DNR_CHARS) {
        end = end.min(i);
    }
    let candidate = rest[..end].trim_end();
    candidate
        .bytes()
        .any(|b| b.is_ascii_digit())
        .then(|| at..at + candidate.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(written: &[&str]) -> DiaryForms {
        DiaryForms::new(
            written
                .iter()
                .map(|f| DiaryForm::parse(f).unwrap())
                .collect(),
        )
    }

    #[test]
    fn the_default_forms_read_the_common_swedish_numbers() {
        let forms = DiaryForms::default();
        for dnr in [
            "1351-2020",
            "KS 2018/124",
            "RS 2016/203",
            "RJL 2018/36",
            "2019/0041",
            "Ks 00-1009 006",
            "ks 2018/124",
        ] {
            assert!(forms.matches(dnr), "{dnr}");
        }
        for not in [
            "2018",
            "KS",
            "KS 2018/",
            "54001-392-2012",
            "1351-20201",
            "Regionstyrelsen 2018/1",
        ] {
            assert!(!forms.matches(not), "{not}");
        }
    }

    #[test]
    fn a_number_ends_at_the_end_of_a_word() {
        let forms = forms(&["{number}-{year}"]);
        assert_eq!(forms.number_at("1351-2020.", 0), Some(9));
        assert_eq!(forms.number_at("1351-2020-2", 0), None);
        assert_eq!(forms.number_at("x1351-2020", 1), None);
        assert!(!forms.matches("1351/2020"));
    }

    #[test]
    fn mentions_follow_the_keywords() {
        let forms = DiaryForms::default();
        assert_eq!(
            forms.mentioned_numbers(
                "Dnr KS 2018/124, KS 2018/130 och 2019/0041. Se diarienummer RJL 2018/36"
            ),
            ["KS 2018/124", "KS 2018/130", "2019/0041", "RJL 2018/36"]
        );
        assert_eq!(
            forms.mentioned_numbers("Ärendet (ÖVERKLAGAT, DNR: 7-2018 OCH 8-2018) och dnr. 9-2018"),
            ["7-2018", "8-2018", "9-2018"]
        );
        assert_eq!(
            forms.mentioned_numbers("diarienr Ks 00-1009 006 avser"),
            ["Ks 00-1009 006"]
        );
        assert_eq!(forms.mentioned_numbers("(Dnr:1351-2020)"), ["1351-2020"]);
        assert!(
            forms
                .mentioned_numbers("programperiod 2021-2027")
                .is_empty()
        );
        assert!(forms.mentions("dnr saknas; kundnr 1-2020").is_empty());
        let text = "enligt dnr 54001-392-2012) och";
        assert_eq!(
            forms.mentions(text),
            [Mention::Unreadable(11..25)],
            "{}",
            &text[11..25]
        );
    }

    #[test]
    fn bare_numbers_are_found_in_a_text_of_diary_numbers() {
        let forms = DiaryForms::default();
        let text = "KS 2018/124, 1351-2020";
        let found: Vec<&str> = forms
            .bare_numbers(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["KS 2018/124", "1351-2020"]);
    }

    #[test]
    fn forms_are_checked() {
        assert!(DiaryForm::parse("{number}-{year}").is_ok());
        for bad in ["", " {year}", "{nr}-{year}", "{number", "KS", "{year}}"] {
            assert!(DiaryForm::parse(bad).is_err(), "{bad}");
        }
        assert!(
            DiaryForm::parse("{nr}-{year}")
                .unwrap_err()
                .contains("unknown placeholder `{nr}`")
        );
    }

    #[test]
    fn the_minutes_importer_reads_nnnn_yyyy() {
        assert!(is_valid_dnr("1351-2020"));
        assert!(!is_valid_dnr("1351/2020"));
    }

    #[test]
    fn only_absurd_numbers_are_refused() {
        for ok in ["1351-2020", "KS 2018/124", "Ks 00-1009 006", "RJL 2018/36"] {
            assert_eq!(dnr_problem(ok), None, "{ok}");
        }
        for bad in ["", "  ", "KS\n2018", " 1-2020", "--", &"9".repeat(41)] {
            assert!(dnr_problem(bad).is_some(), "{bad:?}");
        }
    }
}
