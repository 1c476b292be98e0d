//! Diary numbers (diarienummer) as the organisation writes them. A diary number is a legal
//! identifier, so it is kept exactly as written (`KS 2018/124`, `RJL 2018/36`, `2019/0041`,
//! `Ks 00-1009 006`, `1351-2020`) and never rejected for its form; only where it ends has to
//! be decided, by [`diary_numbers`].

/// The text after a diary-number label at the start of `line`: `Dnr`, `Dnr:`, `Dnr.`,
/// `Diarienr`, `Diarienr:`, `Diarienummer` or `Diarienummer:`, in any case.
pub(super) fn after_dnr_label(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let end = t
        .find(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or(t.len());
    let label = t[..end].trim_end_matches('.').to_lowercase();
    if !matches!(label.as_str(), "dnr" | "diarienr" | "diarienummer") {
        return None;
    }
    let rest = t[end..].trim_start();
    Some(rest.strip_prefix(':').unwrap_or(rest).trim())
}

fn has_digit(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

fn is_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// A series prefix: one short word of letters starting in upper case (`KS`, `Ks`, `RJL`).
fn is_series(word: &str) -> bool {
    let n = word.chars().count();
    (1..=5).contains(&n)
        && word.chars().all(char::is_alphabetic)
        && word.chars().next().is_some_and(char::is_uppercase)
}

/// Reads the diary numbers at the start of `text` (what follows a `Dnr` label) and returns
/// them, as written, with the rest of the text.
///
/// Where a number ends:
/// - it is an optional series prefix (one word of at most five letters starting in upper
///   case: `KS`, `Ks`, `RJL`) followed by a word holding a digit (`2018/124`, `02-820`);
/// - words made only of digits continue it (`Ks 00-1009 006`, `KS 02-820 107`); any other
///   word ends it, so `1355-2020 1356-2020` is two numbers and `2019/0041 NTN - 1` is
///   `2019/0041` followed by the rest `NTN - 1`;
/// - a comma, `;`, `och` or `samt` separates numbers.
///
/// Trailing punctuation (`.`, `)`, `,`) is not part of a number.
pub(super) fn diary_numbers(text: &str) -> (Vec<String>, &str) {
    let mut numbers: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut rest = text.trim();
    let finish = |current: &mut Vec<&str>, numbers: &mut Vec<String>| {
        if current.iter().any(|w| has_digit(w)) {
            numbers.push(current.join(" "));
        }
        current.clear();
    };
    loop {
        let trimmed = rest.trim_start();
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let raw = &trimmed[..end];
        if raw.is_empty() {
            rest = trimmed;
            break;
        }
        let word = raw.trim_end_matches([',', ';', '.', ')']);
        let separated = raw.len() != word.len() && raw[word.len()..].contains([',', ';']);
        let joins = if current.is_empty() {
            has_digit(word)
                || is_series(word)
                    && trimmed[end..]
                        .split_whitespace()
                        .next()
                        .is_some_and(has_digit)
        } else if current.iter().any(|w| has_digit(w)) {
            is_digits(word)
        } else {
            // After a series prefix comes the number itself.
            has_digit(word)
        };
        let started = !numbers.is_empty() || current.iter().any(|w| has_digit(w));
        if matches!(word, "och" | "samt") && started || word.is_empty() {
            finish(&mut current, &mut numbers);
            rest = &trimmed[end..];
            continue;
        }
        if !joins {
            if current.iter().any(|w| has_digit(w)) {
                finish(&mut current, &mut numbers);
                // The next number may start right away (`1355-2020 1356-2020`).
                if has_digit(word) || is_series(word) {
                    continue;
                }
            }
            rest = trimmed;
            break;
        }
        current.push(word);
        rest = &trimmed[end..];
        if separated {
            finish(&mut current, &mut numbers);
        }
    }
    finish(&mut current, &mut numbers);
    (numbers, rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<String>, &str) {
        diary_numbers(text)
    }

    #[test]
    fn keeps_every_common_form_as_written() {
        for form in [
            "1351-2020",
            "KS 2018/124",
            "RS 2016/203",
            "RJL 2018/36",
            "2019/0041",
            "Ks 00-1009 006",
            "KS 02-820 107",
        ] {
            assert_eq!(read(form), (vec![form.to_string()], ""), "{form}");
        }
    }

    #[test]
    fn ends_a_number_before_a_word_without_digits() {
        assert_eq!(
            read("2019/0041 NTN - 1"),
            (vec!["2019/0041".to_string()], "NTN - 1")
        );
        assert_eq!(
            read("KS 2018/124 Motion om cykelbanor"),
            (vec!["KS 2018/124".to_string()], "Motion om cykelbanor")
        );
    }

    #[test]
    fn separates_several_numbers() {
        let want = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            read("1355-2020, 1356-2020").0,
            want(&["1355-2020", "1356-2020"])
        );
        assert_eq!(
            read("1355-2020 och 1356-2020").0,
            want(&["1355-2020", "1356-2020"])
        );
        assert_eq!(
            read("1355-2020 1356-2020").0,
            want(&["1355-2020", "1356-2020"])
        );
        assert_eq!(
            read("KS 2018/124; KS 2018/125.").0,
            want(&["KS 2018/124", "KS 2018/125"])
        );
    }

    #[test]
    fn finds_the_label_in_its_spellings() {
        assert_eq!(after_dnr_label("Dnr 411-2020"), Some("411-2020"));
        assert_eq!(after_dnr_label("Dnr: KS 2018/124"), Some("KS 2018/124"));
        assert_eq!(
            after_dnr_label("Diarienr: RJL 2018/36"),
            Some("RJL 2018/36")
        );
        assert_eq!(after_dnr_label("DNR. 2019/0041"), Some("2019/0041"));
        assert_eq!(after_dnr_label("Dnrlista"), None);
        assert_eq!(after_dnr_label("Beslut"), None);
    }
}
