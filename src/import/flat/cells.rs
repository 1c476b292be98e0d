//! The flattened Mål and Periodens utfall cells: where the target ends and the outcome
//! starts, the number a target compares with, and the split of a cell into women and men.

use super::layout::collapse;
use crate::model::{Group, parse_number};

/// Swedish verbs a target starts with; the target ends after them (`Öka`, `Bibehålla`).
pub(super) const TARGET_VERBS: [&str; 6] = [
    "Öka",
    "Minska",
    "Bibehålla",
    "Bibehåll",
    "Påbörja",
    "Ökning",
];

pub(super) fn is_number_token(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit()) && parse_number(t).is_ok()
}

/// Splits the flattened Mål and Periodens utfall cells. A double space in the first value
/// line is the column gap; otherwise the target is the leading phrase a target is written
/// as (a number with one of the profile's `units` after it), and the rest is the outcome.
pub fn split_target(first_values: &str, values: &str, units: &[String]) -> (String, String) {
    if let Some((target, _)) = first_values.split_once("  ") {
        let target = collapse(target);
        if !target.is_empty()
            && let Some(outcome) = values.strip_prefix(target.as_str())
        {
            return (target, outcome.trim().to_string());
        }
    }
    let tokens: Vec<&str> = values.split_whitespace().collect();
    let n = target_tokens(&tokens, units);
    (tokens[..n].join(" "), tokens[n..].join(" "))
}

/// How many leading tokens form the target.
pub(super) fn target_tokens(t: &[&str], units: &[String]) -> usize {
    let Some(&first) = t.first() else {
        return 0;
    };
    let unit_after = |i: usize| -> usize {
        let mut n = i;
        if t.get(n).is_some_and(|u| units.iter().any(|x| x == u)) {
            n += 1;
        }
        if t.get(n) == Some(&"(helår)") {
            n += 1;
        }
        n
    };
    // `Kvinnor: 16,0% Män: 17,2%`: a target per group.
    if first.starts_with("Kvinnor") && t.len() >= 4 && t[2].starts_with("Män") {
        return 4;
    }
    // `jämfört med 2021-12`, `jmf motsvarande kvartal året innan`: up to a labelled or
    // percent outcome.
    let comparison = |mut i: usize| -> usize {
        if t.get(i) == Some(&"jämfört") && t.get(i + 1) == Some(&"med") {
            i += 2;
        } else if t.get(i) == Some(&"jmf") {
            i += 1;
        } else {
            return i;
        }
        while let Some(w) = t.get(i) {
            if w.ends_with(':')
                || (is_number_token(w) && w.ends_with('%'))
                || w.starts_with(char::is_uppercase)
            {
                break;
            }
            i += 1;
        }
        i
    };
    if TARGET_VERBS.contains(&first) {
        let mut i = 1;
        if t.get(1) == Some(&"med") && t.get(2).is_some_and(|w| is_number_token(w)) {
            i = unit_after(3);
        }
        return comparison(i);
    }
    if first == "Inte" && t.get(1) == Some(&"minska") {
        return 2;
    }
    if ["Under", "Högst", "Minst", "Lägst", "Över"].contains(&first) {
        return if t.get(1).is_some_and(|w| is_number_token(w)) {
            unit_after(2)
        } else {
            t.len()
        };
    }
    if is_number_token(first) {
        return unit_after(1);
    }
    t.len()
}

/// The number to compare with when the target is not a plain number: `35 % (helår)` → 35,
/// `Under 6,5 %` → 6,5.
pub(super) fn target_value(target: &str) -> Option<String> {
    if parse_number(target).is_ok() {
        return None;
    }
    let tokens: Vec<&str> = target.split_whitespace().collect();
    let at = match tokens.first() {
        Some(w) if ["Under", "Högst", "Minst", "Lägst", "Över"].contains(w) => 1,
        Some(w) if is_number_token(w) => 0,
        _ => return None,
    };
    let value = tokens.get(at)?;
    is_number_token(value).then(|| value.trim_end_matches('%').to_string())
}

/// Splits a cell into groups when it names women and men: `Kvinnor: 93% Män: 92%`,
/// `Kvinnor 19 % Män 15 %`, `Totalt: 8,0% … Kvinnor: 8,7% Män: 5,4%`, `Kvinnor 40 år: 5% …`.
/// Segments start at a capitalised word that begins a label (`Snitt:`, `Framgår ej:`); a bare
/// label (`Kvinnor:`, `Män`, `Totalt:`) is dropped, a longer one kept. Without women and men
/// the whole cell is the total.
pub fn split_groups(cell: &str) -> Vec<(Group, String)> {
    let tokens: Vec<&str> = cell.split_whitespace().collect();
    if tokens.is_empty() {
        return Vec::new();
    }
    let is_sex = |w: &str| matches!(w.trim_end_matches(':'), "Kvinnor" | "Män");
    if !tokens.iter().any(|w| is_sex(w)) {
        return vec![(Group::Total, cell.trim().to_string())];
    }
    let starts_label = |i: usize| -> bool {
        let w = tokens[i];
        is_sex(w)
            || (w.starts_with(char::is_uppercase)
                && tokens[i..tokens.len().min(i + 2)]
                    .iter()
                    .any(|x| x.ends_with(':')))
    };
    let mut segments: Vec<Vec<&str>> = Vec::new();
    for (i, w) in tokens.iter().enumerate() {
        if i == 0 || starts_label(i) {
            segments.push(Vec::new());
        }
        segments.last_mut().expect("a segment").push(w);
    }
    let mut out: Vec<(Group, String)> = Vec::new();
    for seg in segments {
        let label = seg[0].trim_end_matches(':');
        let group = match label {
            "Kvinnor" => Group::Women,
            "Män" => Group::Men,
            _ => Group::Total,
        };
        // `Kvinnor: 93%`, `Män 15 %`: the label only names the group. `Kvinnor 40 år: 5%`
        // says more and is kept.
        let rest = seg[1..].join(" ");
        let bare = matches!(seg[0], "Kvinnor:" | "Män:" | "Totalt:")
            || (matches!(seg[0], "Kvinnor" | "Män") && parse_number(&rest).is_ok());
        let text = if bare { rest } else { seg.join(" ") };
        match out.iter_mut().find(|(g, _)| *g == group) {
            Some((_, t)) => {
                // Two total segments keep their labels: `Framgår ej: 2 Totalt: 80`.
                *t = if group == Group::Total && !t.is_empty() {
                    format!("{} {}", rebuild_label(t, cell), seg.join(" "))
                } else {
                    format!("{t} {text}")
                };
            }
            None => out.push((group, text)),
        }
    }
    out.sort_by_key(|(g, _)| *g);
    out
}

/// A total segment whose bare label was dropped gets it back when another total follows.
pub(super) fn rebuild_label(t: &str, cell: &str) -> String {
    if cell.contains(&format!("Totalt: {t}")) {
        format!("Totalt: {t}")
    } else {
        t.to_string()
    }
}
