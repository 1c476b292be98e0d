//! Key figures: amounts with a unit stated in the running text, with their sentence and
//! source line.

use super::document::{ImportedReport, Item, KeyFigure, NOTE_CLOSE, NOTE_OPEN};
use super::tables::{can_start_grouped, is_thousands_group};
use crate::import::clean::SourceLine;
use crate::import::followup::sentences;
use crate::model::parse_number;

/// Unit words after an amount, longest first.
pub(super) const UNITS: [&str; 9] = [
    "miljoner kronor",
    "procentenheter",
    "årsarbetare",
    "procent",
    "mnkr",
    "mdkr",
    "mkr",
    "Mkr",
    "%",
];

/// The amounts with a unit in a sentence: (`"6 807"`, `"årsarbetare"`).
pub(super) fn amounts(sentence: &str) -> Vec<(String, String)> {
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        // `(+45%)`: the per cent sign glued to the number.
        let glued = token
            .trim_start_matches('(')
            .trim_end_matches([')', ',', '.', ';', ':'])
            .strip_suffix('%');
        if let Some(number) = glued
            && number.chars().any(|c| c.is_ascii_digit())
            && parse_number(number).is_ok()
        {
            out.push((number.to_string(), "%".to_string()));
        }
        if i == 0 {
            continue;
        }
        let rest = tokens[i..].join(" ");
        let Some(unit) = UNITS.iter().find(|u| {
            rest.starts_with(*u)
                && rest[u.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }) else {
            continue;
        };
        let number = tokens[i - 1].trim_start_matches('(');
        if !number
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '-')
            || parse_number(number).is_err()
        {
            continue;
        }
        let mut value = number.to_string();
        // Space thousands separators: `9 950 mnkr`.
        if is_thousands_group(number) && i >= 2 && can_start_grouped(tokens[i - 2]) {
            value = format!("{} {value}", tokens[i - 2]);
        } else if i >= 2 && matches!(tokens[i - 2], "-" | "(-" | "(+" | "+") {
            // `(- 241 mnkr)`: the sign is written apart from the number.
            value = format!("{}{value}", tokens[i - 2].trim_start_matches('('));
        }
        if parse_number(&value).is_ok() {
            out.push((value, unit.to_string()));
        }
    }
    out
}

/// `lines` are the running text's lines (without tables), to find each figure's line.
pub(super) fn key_figures(report: &ImportedReport, lines: &[SourceLine]) -> Vec<KeyFigure> {
    let mut out = Vec::new();
    for item in &report.items {
        let (text, first, last) = match item {
            Item::Paragraph { text, first, last } | Item::Bullet { text, first, last } => {
                (text, *first, *last)
            }
            _ => continue,
        };
        let text: String = text
            .chars()
            .filter(|c| *c != NOTE_OPEN && *c != NOTE_CLOSE)
            .collect();
        // Figures come in text order, so each is looked for from the line of the one before.
        let mut cursor = first;
        for sentence in sentences(&text) {
            for (value, unit) in amounts(sentence) {
                let last_group = value.split(' ').next_back().unwrap_or(&value);
                let line = lines
                    .iter()
                    .filter(|l| (cursor..=last).contains(&l.number))
                    .find(|l| {
                        l.text.split_whitespace().any(|t| {
                            t.trim_matches(|c: char| !c.is_ascii_digit())
                                == last_group.trim_matches(|c: char| !c.is_ascii_digit())
                        })
                    })
                    .map(|l| l.number);
                if let Some(n) = line {
                    cursor = n;
                }
                out.push(KeyFigure {
                    label: sentence.to_string(),
                    value,
                    unit,
                    source: match line {
                        Some(n) => report.range(n, n),
                        None => report.range(first, last),
                    },
                });
            }
        }
    }
    out
}
