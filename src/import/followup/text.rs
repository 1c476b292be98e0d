//! Text helpers both follow-up layouts share (the report importer splits sentences with them
//! too): organ tags after a title, footnote markers, sentences and the status a sentence
//! states, title similarity (headings spell goals and factors differently from the overview)
//! and ids made from names.

use std::collections::HashSet;

use crate::model::Status;
use crate::slug::slugify;

/// Longest id the writer makes from a name; longer slugs are cut at a word boundary.
pub const MAX_ID_LEN: usize = 60;

/// `Hållbart nyttjande av resurser (RS, RUN)` → (`Hållbart nyttjande av resurser`, [RS, RUN]).
pub(crate) fn split_organs(cell: &str) -> (&str, Vec<String>) {
    let cell = cell.trim();
    if let Some(inner) = cell.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let organs: Vec<String> = inner[open + 1..]
            .split(',')
            .map(|o| o.trim().to_string())
            .collect();
        let all_abbreviations = organs
            .iter()
            .all(|o| (2..=4).contains(&o.len()) && o.chars().all(|c| c.is_ascii_uppercase()));
        if all_abbreviations {
            return (inner[..open].trim_end(), organs);
        }
    }
    (cell, Vec::new())
}

/// Footnote references such as `personbilsparken[1]` lost their footnotes in extraction.
pub(super) fn strip_footnote_markers(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if close > 0 && after[..close].chars().all(|c| c.is_ascii_digit()) => {
                out.push_str(&rest[..open]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// `MINSKNING AV KLIMATPÅVERKANDE UTSLÄPP` → `Minskning av klimatpåverkande utsläpp`.
pub(super) fn sentence_case(heading: &str) -> String {
    let lower = heading.trim().to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Splits a paragraph into sentences at `.`, `!` or `?` before a space and a capital.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(i, end), (_, space), (_, next)] = [w[0], w[1], w[2]];
        if matches!(end, '.' | '!' | '?') && space == ' ' && next.is_uppercase() {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// Reads the status out of the region's own wording: "målet är delvis uppnått", "inte är
/// uppfyllt", "Det är inte möjligt att göra en bedömning", "uppnås år 2020".
pub(crate) fn assessment_status(sentence: &str) -> Option<Status> {
    let s = sentence.to_lowercase();
    let status = if s.contains("inte möjligt") || s.contains("inte kunnat bedömas") {
        Status::BedomsEj
    } else if s.contains("delvis") {
        Status::DelvisUppnatt
    } else if s.contains("inte") || s.contains(" ej ") {
        Status::EjUppnatt
    } else if s.contains("uppnå") || s.contains("uppfyll") {
        Status::Uppnatt
    } else {
        return None;
    };
    Some(status)
}

/// Words of a title for matching: lower case, letters and digits only (`BESLUTS-PROCESSER`
/// and `beslutsprocesser` agree, as do `SAMHÄLLET'S` and `samhällets`).
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '/')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Two words agree when one is a prefix of the other (`egenavgift`/`egenavgifter`) or they
/// share a long stem (`livskvalitet`/`livskvalité`, `utbildningspaket`/`utbildningsutbud`).
fn words_agree(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    a == b || (common == shorter && shorter >= 5) || common >= 8
}

/// Share of agreeing words, relative to the longer title.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0.0;
    }
    let mut used = vec![false; b.len()];
    let mut agreeing = 0;
    for w in &a {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && words_agree(w, &b[j])) {
            used[j] = true;
            agreeing += 1;
        }
    }
    agreeing as f64 / longer as f64
}

/// The candidate most similar to `query`, if more than half of the words agree.
pub(crate) fn best_match(candidates: &[(usize, String)], query: &str) -> Option<usize> {
    const THRESHOLD: f64 = 0.5;
    candidates
        .iter()
        .map(|(i, title)| (*i, similarity(title, query)))
        .filter(|(_, score)| *score > THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// A slug of at most [`MAX_ID_LEN`] characters, cut after a whole word.
pub fn short_id(name: &str) -> String {
    let slug = slugify(name);
    if slug.len() <= MAX_ID_LEN {
        return slug;
    }
    let cut = slug[..=MAX_ID_LEN].rfind('-').unwrap_or(MAX_ID_LEN);
    slug[..cut].trim_end_matches('-').to_string()
}

/// `short_id(name)`, or with `-2`, `-3`, … when it is taken.
pub(crate) fn unique_id(name: &str, taken: &mut HashSet<String>) -> String {
    let base = short_id(name);
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
