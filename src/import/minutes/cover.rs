//! The cover of a protocol: what stands before its first §. The statutory attestation block
//! (`Organ`, `Sammanträdesdatum`, `Paragrafer`, `Justerare`, `Underskrifter` …) names the
//! organ, the date and the §§ covered; the attendance list may state a member's jäv for a §.

use crate::import::clean::SourceLine;
use crate::model::MONTHS;

use super::extract::{is_iso_date, leading_name, mentions, trim_punctuation};
use super::layout::paragraph_numbers;
use super::{LineRange, Profile};

/// What the cover says, each with its source line.
#[derive(Debug, Default, Clone)]
pub(super) struct Cover {
    pub(super) organ: Option<(String, usize)>,
    pub(super) date: Option<(String, usize)>,
    /// The §§ the attestation block lists (`Paragrafer 40–44`).
    pub(super) paragraphs: Option<(Vec<u32>, usize)>,
}

/// The value of a cover field `label`: the rest of the line (`Organ  Kommunfullmäktige`) or,
/// when the label stands alone, the next non-empty line.
fn field<'a>(lines: &'a [SourceLine], i: usize, label: &str) -> Option<(&'a str, usize)> {
    let t = lines[i].text.trim();
    let rest = t.strip_prefix(label)?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t', ':']) {
        return None;
    }
    let rest = rest.trim_start_matches(':').trim();
    if !rest.is_empty() {
        return Some((rest, lines[i].number));
    }
    lines[i + 1..]
        .iter()
        .find(|l| !l.text.trim().is_empty())
        .map(|l| (l.text.trim(), l.number))
}

/// Reads the cover fields from the lines before the first §.
pub(super) fn read_cover(lines: &[SourceLine]) -> Cover {
    let mut cover = Cover::default();
    for i in 0..lines.len() {
        if cover.organ.is_none()
            && let Some((value, line)) = field(lines, i, "Organ")
        {
            // The block may run on: `Kommunfullmäktige Sammanträdesdatum 2019-03-12`.
            let name: Vec<&str> = value
                .split_whitespace()
                .take_while(|w| !w.starts_with("Sammanträde") && parse_date(w).is_none())
                .collect();
            if !name.is_empty() {
                cover.organ = Some((name.join(" "), line));
            }
        }
        // Not `Datum` alone: `Datum för anslags uppsättande` is another date.
        for label in ["Sammanträdesdatum", "Sammanträdesdag", "Mötesdatum"] {
            if cover.date.is_none()
                && let Some((value, line)) = field(lines, i, label)
                && let Some(date) = parse_date(value)
            {
                cover.date = Some((date, line));
            }
        }
        if cover.paragraphs.is_none()
            && let Some((value, line)) = field(lines, i, "Paragrafer")
        {
            let numbers = paragraph_numbers(&format!("§ {}", value.trim_start_matches('§')));
            if !numbers.is_empty() {
                cover.paragraphs = Some((numbers, line));
            }
        }
    }
    cover
}

/// The first date in `text`: `2019-03-12`, or `12 mars 2019` (also after a weekday:
/// `tisdagen den 12 mars 2019`), as `YYYY-MM-DD`.
pub(super) fn parse_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().map(trim_punctuation).collect();
    for (i, w) in words.iter().enumerate() {
        if is_iso_date(w) {
            return Some(w.to_string());
        }
        let (Some(month), Some(year)) = (words.get(i + 1), words.get(i + 2)) else {
            continue;
        };
        let month = MONTHS.iter().position(|m| *m == month.to_lowercase());
        if let (Ok(day), Some(month), Ok(year)) = (w.parse::<u32>(), month, year.parse::<u32>())
            && (1..=31).contains(&day)
            && (1900..3000).contains(&year)
        {
            return Some(format!("{year}-{:02}-{day:02}", month + 1));
        }
    }
    None
}

/// A jäv stated in the attendance list (`Per Ek (S) deltar inte i § 42 på grund av jäv`):
/// the §§ it concerns, the person's name and party as written, the text and its line.
#[derive(Debug, Clone)]
pub(super) struct CoverRecusal {
    pub(super) paragraphs: Vec<u32>,
    pub(super) name: String,
    pub(super) text: String,
    pub(super) lines: LineRange,
}

/// The cover lines that state a member's jäv for one or more §§.
pub(super) fn cover_recusals(lines: &[SourceLine], profile: &Profile) -> Vec<CoverRecusal> {
    lines
        .iter()
        .filter_map(|l| {
            let t = l.text.trim();
            let has_jav = t
                .split_whitespace()
                .any(|w| trim_punctuation(w).to_lowercase().starts_with("jäv"));
            if !has_jav {
                return None;
            }
            // Only the §§ of the clause that states the jäv: `§§ 40–41, deltar inte i § 42 på
            // grund av jäv` concerns § 42.
            let paragraphs: Vec<u32> = t
                .split([',', ';'])
                .filter(|clause| clause.to_lowercase().contains("jäv"))
                .flat_map(paragraph_numbers)
                .collect();
            let name = mentions(t, profile)
                .into_iter()
                .next()
                .map(|m| m.name)
                .or_else(|| leading_name(t))?;
            (!paragraphs.is_empty()).then(|| CoverRecusal {
                paragraphs,
                name,
                text: t.to_string(),
                lines: LineRange::line(l.number),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::source_lines;

    #[test]
    fn reads_the_attestation_block_in_both_layouts() {
        let same_line = source_lines(
            "ANSLAG/BEVIS\nOrgan  Kommunfullmäktige\nSammanträdesdatum  2019-03-12\nParagrafer  267–271\n",
        );
        let cover = read_cover(&same_line);
        assert_eq!(cover.organ, Some(("Kommunfullmäktige".to_string(), 2)));
        assert_eq!(cover.date, Some(("2019-03-12".to_string(), 3)));
        assert_eq!(cover.paragraphs, Some(((267..=271).collect(), 4)));
        let next_line = source_lines("Organ\n\nTekniska nämnden\nSammanträdesdatum\n5 mars 2019\n");
        let cover = read_cover(&next_line);
        assert_eq!(cover.organ, Some(("Tekniska nämnden".to_string(), 3)));
        assert_eq!(cover.date, Some(("2019-03-05".to_string(), 5)));
    }

    #[test]
    fn reads_dates_as_written_in_minutes() {
        assert_eq!(
            parse_date("tisdagen den 12 mars 2019 kl 18.30"),
            Some("2019-03-12".into())
        );
        assert_eq!(parse_date("2019-03-12"), Some("2019-03-12".into()));
        assert_eq!(parse_date("Kommunhuset"), None);
    }
}
