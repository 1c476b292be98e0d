//! Data tables rebuilt from their source lines: each row a label and one figure per column,
//! where figures may use a space as thousands separator.

use super::document::ImportedTable;
use super::overrides::{TableSpec, parse_range};
use crate::import::clean::{SourceLine, Vocabulary, join_hyphenated};

pub(super) fn is_figure_token(t: &str) -> bool {
    let core = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    !core.is_empty()
        && core.chars().next().is_some_and(|c| c.is_ascii_digit())
        && core.chars().all(|c| c.is_ascii_digit() || c == ',')
        && core.matches(',').count() <= 1
        || t == "-"
}

/// A token that continues a number after a space thousands separator: three digits, maybe
/// with decimals (`279,8`).
pub(super) fn is_thousands_group(t: &str) -> bool {
    let digits = t.split(',').next().unwrap_or_default();
    digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()) && t.matches(',').count() <= 1
}

/// A token that can start a number written with space separators (`9`, `-10`, `+1`).
pub(super) fn can_start_grouped(t: &str) -> bool {
    let core = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    !core.contains(',') && (1..=3).contains(&core.len()) && core.chars().all(|c| c.is_ascii_digit())
}

/// All ways to read `tokens` as exactly `n` numbers, where a number is one token or a token of
/// up to three digits followed by groups of three (`9 279,8`). Stops counting at two.
pub(super) fn segmentations(tokens: &[&str], n: usize) -> Vec<Vec<String>> {
    fn go(tokens: &[&str], n: usize, acc: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        if out.len() >= 2 {
            return;
        }
        if tokens.is_empty() {
            if n == 0 {
                out.push(acc.clone());
            }
            return;
        }
        if n == 0 {
            return;
        }
        let mut len = 1;
        loop {
            acc.push(tokens[..len].join(" "));
            go(&tokens[len..], n - 1, acc, out);
            acc.pop();
            if !(can_start_grouped(tokens[0])
                && len < tokens.len()
                && is_thousands_group(tokens[len])
                && !tokens[len - 1].contains(','))
            {
                break;
            }
            len += 1;
        }
    }
    let mut out = Vec::new();
    go(tokens, n, &mut Vec::new(), &mut out);
    out
}

/// Splits a row into its label and its figures (`Skatteintäkter 6 957 7 327` → label and
/// `["6 957", "7 327"]` for two columns). Fewer figures than columns fill from the left.
pub fn split_row(text: &str, columns: usize) -> Result<(String, Vec<String>), String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let figures_from = tokens
        .iter()
        .rposition(|t| !is_figure_token(t))
        .map_or(0, |i| i + 1);
    if figures_from == tokens.len() {
        return Ok((tokens.join(" "), Vec::new()));
    }
    // A figure that ends the label (`under 2023  -12 2 2`): the longest tail that gives one
    // figure per column, read in exactly one way.
    for start in figures_from..tokens.len() {
        let found = segmentations(&tokens[start..], columns);
        if found.len() == 1 {
            let figures = found.into_iter().next().unwrap_or_default();
            return Ok((tokens[..start].join(" "), figures));
        }
        if found.len() > 1 {
            break;
        }
    }
    let (label, figures) = tokens.split_at(figures_from);
    let label = label.join(" ");
    for n in (1..=columns).rev() {
        let found = segmentations(figures, n);
        match found.len() {
            0 => continue,
            1 => return Ok((label, found.into_iter().next().unwrap_or_default())),
            _ => {
                return Err(format!(
                    "the figures `{}` split into {n} columns in more than one way",
                    figures.join(" ")
                ));
            }
        }
    }
    Err(format!(
        "the figures `{}` do not fit {columns} columns",
        figures.join(" ")
    ))
}

/// Rebuilds a table from its source lines: label lines without figures join the next line
/// when it continues them (starts in lower case) and are rows without figures otherwise;
/// a line of figures only belongs to the label above it.
pub(super) fn parse_table(
    spec: &TableSpec,
    lines: &[SourceLine],
    vocabulary: &Vocabulary,
) -> Result<ImportedTable, String> {
    let (first, last) = parse_range(&spec.lines)?;
    let own: Vec<SourceLine> = lines
        .iter()
        .filter(|l| (first..=last).contains(&l.number))
        .cloned()
        .collect();
    let repaired = join_hyphenated(&own, vocabulary);
    let columns = spec.columns.len();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut pending: Option<(String, usize)> = None;
    for line in repaired.iter().filter(|l| !l.text.trim().is_empty()) {
        let t = line.text.trim();
        let text = match pending.take() {
            Some((label, _)) if t.starts_with(char::is_lowercase) || starts_with_figure(t) => {
                format!("{label} {t}")
            }
            Some((label, n)) => {
                rows.push(vec![label]);
                let _ = n;
                t.to_string()
            }
            None => t.to_string(),
        };
        let (label, figures) =
            split_row(&text, columns).map_err(|e| format!("line {}: {e}", line.number))?;
        if figures.is_empty() {
            pending = Some((label, line.number));
            continue;
        }
        let mut row = vec![label];
        row.extend(figures);
        rows.push(row);
    }
    if let Some((label, _)) = pending {
        rows.push(vec![label]);
    }
    if rows.is_empty() {
        return Err(format!(
            "table `{}` has no rows in lines {first}-{last}",
            spec.id
        ));
    }
    let mut header = Vec::new();
    if !spec.groups.is_empty() {
        let mut g = vec![String::new()];
        let mut last_group = "";
        for group in &spec.groups {
            g.push(if group == last_group {
                String::new()
            } else {
                group.clone()
            });
            last_group = group;
        }
        header.push(g);
    }
    let mut h = vec![spec.label.clone()];
    h.extend(spec.columns.iter().cloned());
    header.push(h);
    let header_rows = header.len();
    let (header_first, _) = match &spec.header_lines {
        Some(r) => parse_range(r)?,
        None => (first, first),
    };
    Ok(ImportedTable {
        id: spec.id.clone(),
        caption: spec.caption.clone(),
        rows: header.into_iter().chain(rows).collect(),
        header_rows,
        first_line: header_first.min(first),
        last_line: last,
        note: spec.note.clone(),
    })
}

pub(super) fn starts_with_figure(t: &str) -> bool {
    t.split_whitespace().next().is_some_and(is_figure_token)
}
