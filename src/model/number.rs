//! Numbers as Swedish documents write them: `18 464`, `43000`, `12,3`, `−71`, `45 %`.

use std::fmt;

/// Why a text that looks like a number is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError(pub String);

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parsed figure, keeping the number of decimals the source used so it can be shown as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub decimals: u8,
}

impl Number {
    /// Formats the value the Swedish way: space as thousands separator, decimal comma.
    pub fn to_swedish(self) -> String {
        format_swedish(self.value, self.decimals)
    }
}

/// Formats a value with a fixed number of decimals, Swedish style (`18 464`, `12,3`, `−71`).
pub fn format_swedish(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", decimals as usize, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 && int.len() > 4 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && value.abs() >= 0.5 * 10f64.powi(-(decimals as i32)) {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Whether a text is meant as a number (digits with separators, sign, unit or percent),
/// so that a malformed one is reported instead of being taken as words.
pub fn looks_numeric(text: &str) -> bool {
    let core = strip_unit(text.trim());
    !core.is_empty()
        && core.chars().any(|c| c.is_ascii_digit())
        && core.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | ',' | '.' | '-' | '−' | '–' | '+')
        })
}

/// Parses a Swedish-formatted number, allowing a trailing `%` or unit word.
pub fn parse_number(text: &str) -> Result<Number, NumberError> {
    let trimmed = text.trim();
    let core = strip_unit(trimmed);
    if core.is_empty() {
        return Err(NumberError(format!("`{trimmed}` is not a number")));
    }
    let (negative, digits) = match core.chars().next() {
        Some('-' | '−' | '–') => (
            true,
            core[core.char_indices().nth(1).map_or(core.len(), |(i, _)| i)..].trim_start(),
        ),
        Some('+') => (false, core[1..].trim_start()),
        _ => (false, core),
    };
    let (int_part, frac_part) = match digits.split_once(',') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    if let Some(frac) = frac_part
        && (frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(NumberError(format!(
            "`{trimmed}` is not a number: after the decimal comma only digits may follow"
        )));
    }
    let groups: Vec<&str> = int_part.split([' ', '\u{a0}']).collect();
    let valid_groups = !groups.is_empty()
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && (groups.len() == 1
            || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
    if !valid_groups {
        return Err(NumberError(format!(
            "`{trimmed}` is not a number: write digits in groups of three separated by a space (18 464) and at most one decimal comma (12,3)"
        )));
    }
    let plain = format!(
        "{}{}{}",
        if negative { "-" } else { "" },
        groups.concat(),
        frac_part.map(|f| format!(".{f}")).unwrap_or_default()
    );
    let value: f64 = plain
        .parse()
        .map_err(|_| NumberError(format!("`{trimmed}` is not a number")))?;
    Ok(Number {
        value,
        decimals: frac_part.map_or(0, |f| f.len().min(6) as u8),
    })
}

/// Drops a trailing percent sign or unit word (`45 %`, `12 mnkr`, `3 dagar`).
fn strip_unit(text: &str) -> &str {
    let end = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_ascii_digit())
        .last()
        .map_or(text.len(), |(i, _)| i);
    let tail = &text[end..];
    if tail
        .trim()
        .chars()
        .all(|c| c.is_alphabetic() || c == '%' || c == '.')
    {
        text[..end].trim_end()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> f64 {
        parse_number(text).unwrap().value
    }

    #[test]
    fn parses_the_forms_the_sources_use() {
        assert_eq!(value("43000"), 43000.0);
        assert_eq!(value("18 464"), 18464.0);
        assert_eq!(value("2\u{a0}862"), 2862.0);
        assert_eq!(value("12,3"), 12.3);
        assert_eq!(value("−71"), -71.0);
        assert_eq!(value("-1 250,5"), -1250.5);
        assert_eq!(value("45 %"), 45.0);
        assert_eq!(value("87%"), 87.0);
        assert_eq!(value("12 mnkr"), 12.0);
        assert_eq!(parse_number("12,30").unwrap().decimals, 2);
        // Forms seen in the seed tables.
        assert_eq!(value("-8 905"), -8905.0);
        assert_eq!(value("−1,7"), -1.7);
        assert_eq!(value("– 241"), -241.0);
        assert_eq!(value("+67,7"), 67.7);
        assert_eq!(value("9,1%"), 9.1);
        assert_eq!(value("44 363,0"), 44363.0);
        assert_eq!(value(" 0 "), 0.0);
    }

    #[test]
    fn rejects_malformed_numbers() {
        assert!(parse_number("12,3,4").is_err());
        assert!(parse_number("1 2345").is_err());
        assert!(parse_number("12,").is_err());
        assert!(parse_number("").is_err());
        assert!(parse_number("Öka").is_err());
        assert!(parse_number("-").is_err());
        assert!(parse_number("12 34").is_err());
        assert!(parse_number("1234 567").is_err());
        assert!(parse_number("0.19").is_err());
        assert!(parse_number("2022-2024").is_err());
    }

    #[test]
    fn recognises_what_is_meant_as_a_number() {
        assert!(looks_numeric("12,3,4"));
        assert!(looks_numeric("18 464"));
        assert!(looks_numeric("45 %"));
        assert!(!looks_numeric("Öka"));
        assert!(!looks_numeric("Minst 90 % av patienterna"));
    }

    #[test]
    fn formats_swedish_style() {
        assert_eq!(format_swedish(18464.0, 0), "18\u{a0}464");
        assert_eq!(format_swedish(1234.0, 0), "1234");
        assert_eq!(format_swedish(12.3, 1), "12,3");
        assert_eq!(format_swedish(-71.0, 0), "−71");
    }
}
