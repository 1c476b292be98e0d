//! The text pool of the synthetic archive: Swedish sentences, § titles, decision texts, goal and
//! measure names and people's names, read from a real content folder (the repository's
//! `content/`) at generation time, so that synthetic pages read and weigh like real ones.

use std::collections::BTreeSet;
use std::path::Path;

use walkdir::WalkDir;

use crate::content::split_front_matter;

/// Texts to draw from. Every list is non-empty and in a stable order (files sorted by name).
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Prose sentences from Markdown bodies.
    pub sentences: Vec<String>,
    /// Titles of § (paragraphs of minutes).
    pub paragraph_titles: Vec<String>,
    /// Decision texts that begin with an organ's name (`Regionstyrelsen beslutar …`), with that
    /// name cut off, so any organ's name can be put in front.
    pub decision_tails: Vec<String>,
    /// Titles of strategic goals.
    pub goal_titles: Vec<String>,
    /// Names of measures.
    pub measure_names: Vec<String>,
    /// First names and family names of the people in the content.
    pub first_names: Vec<String>,
    pub last_names: Vec<String>,
}

/// Organ names a decision text may start with; the tail after the name is kept.
const ORGAN_NAMES: [&str; 6] = [
    "Regionfullmäktige",
    "Regionstyrelsen",
    "Regionala utvecklingsnämnden",
    "Hälso- och sjukvårdsnämnden",
    "Patientnämnden",
    "Fullmäktige",
];

/// Names added to those of the content so that large archives get enough distinct people.
const MORE_FIRST_NAMES: [&str; 24] = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Per", "Eva", "Johan", "Kristina", "Mikael", "Lena",
    "Nils", "Sara", "Olof", "Ingrid", "Jonas", "Malin", "Henrik", "Elin", "Peter", "Sofia",
    "Stefan", "Helena", "Mats",
];
const MORE_LAST_NAMES: [&str; 24] = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Lindqvist",
    "Lundström",
    "Nordmark",
    "Björk",
    "Sundberg",
    "Holmgren",
    "Wikström",
    "Nyström",
    "Lindberg",
    "Åström",
    "Marklund",
    "Granström",
    "Öhman",
    "Burman",
    "Lundgren",
    "Forsberg",
];

impl Corpus {
    /// Reads every `.md` file below `content_dir`.
    pub fn load(content_dir: &Path) -> Result<Corpus, String> {
        if !content_dir.is_dir() {
            return Err(format!(
                "{}: the corpus folder is missing; run from the repository root or pass --corpus <content folder>",
                content_dir.display()
            ));
        }
        let mut sentences = BTreeSet::new();
        let mut paragraph_titles = BTreeSet::new();
        let mut decision_tails = BTreeSet::new();
        let mut goal_titles = BTreeSet::new();
        let mut measure_names = BTreeSet::new();
        let mut first_names: BTreeSet<String> =
            MORE_FIRST_NAMES.iter().map(|s| s.to_string()).collect();
        let mut last_names: BTreeSet<String> =
            MORE_LAST_NAMES.iter().map(|s| s.to_string()).collect();
        let files = WalkDir::new(content_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"));
        for entry in files {
            let rel = entry
                .path()
                .strip_prefix(content_dir)
                .expect("walked below the corpus folder");
            let parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok((front, _, body)) = split_front_matter(&text) else {
                continue;
            };
            let Ok(table) = front.parse::<toml::Table>() else {
                continue;
            };
            let str_of = |t: &toml::Table, key: &str| {
                t.get(key).and_then(|v| v.as_str()).map(str::to_string)
            };
            match parts.first().map(String::as_str) {
                Some("protokoll") if parts.last().is_some_and(|f| f != "_index.md") => {
                    paragraph_titles.extend(str_of(&table, "title").filter(|t| usable(t)));
                    let decision = table
                        .get("decision")
                        .and_then(|d| d.as_table())
                        .and_then(|d| str_of(d, "text"));
                    if let Some(tail) = decision.and_then(|d| decision_tail(&d)) {
                        decision_tails.insert(tail);
                    }
                }
                Some("planer") if parts.last().is_some_and(|f| f != "_index.md") => {
                    goal_titles.extend(str_of(&table, "title").filter(|t| usable(t)));
                }
                Some("matt") => {
                    measure_names.extend(str_of(&table, "name").filter(|t| usable(t)));
                }
                Some("personer") => {
                    if let Some((first, last)) = str_of(&table, "name")
                        .as_deref()
                        .and_then(|n| n.split_once(' '))
                    {
                        first_names.insert(first.to_string());
                        last_names.insert(last.to_string());
                    }
                }
                _ => {}
            }
            for line in body.lines() {
                sentences.extend(prose_sentences(line));
            }
        }
        let corpus = Corpus {
            sentences: sentences.into_iter().collect(),
            paragraph_titles: paragraph_titles.into_iter().collect(),
            decision_tails: decision_tails.into_iter().collect(),
            goal_titles: goal_titles.into_iter().collect(),
            measure_names: measure_names.into_iter().collect(),
            first_names: first_names.into_iter().collect(),
            last_names: last_names.into_iter().collect(),
        };
        let lists = [
            ("prose sentences", corpus.sentences.len()),
            ("§ titles", corpus.paragraph_titles.len()),
            ("decision texts", corpus.decision_tails.len()),
            ("goal titles", corpus.goal_titles.len()),
            ("measure names", corpus.measure_names.len()),
        ];
        if let Some((what, _)) = lists.iter().find(|(_, n)| *n == 0) {
            return Err(format!(
                "{}: the corpus has no {what}; point --corpus at a content folder with minutes, plans and measures",
                content_dir.display()
            ));
        }
        Ok(corpus)
    }
}

/// Texts that would create extra pages (a `dnr` mention makes a case page) or carry markup are
/// left out, so that the page count of a generated site is exactly what the generator planned.
fn usable(text: &str) -> bool {
    !text.to_lowercase().contains("dnr") && !text.contains(['<', '>', '|', '[', ']', '*', '_'])
}

fn decision_tail(text: &str) -> Option<String> {
    let first = text.lines().next()?.trim();
    ORGAN_NAMES.iter().find_map(|name| {
        first
            .strip_prefix(name)
            .filter(|tail| tail.starts_with(" beslutar") && tail.ends_with('.') && usable(tail))
            .map(str::to_string)
    })
}

/// The sentences of one line of Markdown prose; headings, tables, lists and short lines are not
/// prose.
fn prose_sentences(line: &str) -> Vec<String> {
    let line = line.trim();
    if line.len() < 40 || line.starts_with(['#', '|', '-', '>', '+', '*']) || !usable(line) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        // A sentence ends at ". " followed by an upper-case letter.
        if c == '.' && bytes.get(i + 1) == Some(&b' ') {
            let next = line[i + 2..].chars().next();
            if next.is_some_and(char::is_uppercase) {
                out.push(line[start..=i].trim().to_string());
                start = i + 2;
            }
        }
    }
    out.push(line[start..].trim().to_string());
    out.retain(|s| s.chars().count() >= 25 && s.ends_with(['.', '?', '!', ':']));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_splits_into_sentences_and_skips_tables_and_dnr() {
        let s = prose_sentences(
            "Regionen har en god ekonomi i balans. Verksamheten kännetecknas av samverkan t.ex. med kommunerna.",
        );
        assert_eq!(
            s,
            vec![
                "Regionen har en god ekonomi i balans.",
                "Verksamheten kännetecknas av samverkan t.ex. med kommunerna."
            ]
        );
        assert!(prose_sentences("| a | b | c | d | e | f | g | h | i | j | k | l |").is_empty());
        assert!(
            prose_sentences("Ärendet gäller projektet med dnr 1355-2020 och mycket mer text.")
                .is_empty()
        );
    }

    #[test]
    fn decision_tails_drop_the_organ_name() {
        assert_eq!(
            decision_tail("Regionstyrelsen beslutar lägga informationen till handlingarna.")
                .as_deref(),
            Some(" beslutar lägga informationen till handlingarna.")
        );
        assert_eq!(decision_tail("Ordföranden beslutar."), None);
    }
}
