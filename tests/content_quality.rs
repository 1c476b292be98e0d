//! Scans all text of the built Region Norrbotten site for what PDF extraction leaves behind
//! (seeds/README.md): page furniture spliced into sentences and words still split by a
//! line-break hyphen although the site elsewhere spells them joined.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;

/// Every page's visible text, by path.
fn page_texts(site: &TempSite) -> BTreeMap<String, String> {
    tree(&site.public())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, text_of(&String::from_utf8(bytes).unwrap())))
        .collect()
}

/// Page furniture found on the pages, as `path: what`.
fn furniture(texts: &BTreeMap<String, String>) -> Vec<String> {
    let marks = [
        "DOKUMENT-ID",
        "GÄLLER FÖR VERKSAMHET",
        "Quickpart",
        "Rättelse bestyrks",
        "Justerandes signatur",
        "Utdragsbestyrkande",
    ];
    let mut found = Vec::new();
    for (path, text) in texts {
        for mark in marks {
            if text.contains(mark) {
                found.push(format!("{path}: {mark}"));
            }
        }
        // `Sida 24 (32)`: a page number followed by the page count in parentheses.
        for (at, _) in text.match_indices("Sida ") {
            let after = &text[at + 5..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && after[digits..].starts_with(" (") {
                let end = after.find(')').map_or(after.len(), |e| e + 1);
                found.push(format!("{path}: Sida {}", &after[..end]));
            }
        }
    }
    found
}

/// `reser- verar`: a word ending in a hyphen followed by a lower-case word, where the joined
/// form occurs on the site. Real hyphens (`hälso- och`, `EU-programmet`, `1354-2020`) do not
/// join into a word of the site's vocabulary.
fn split_words(texts: &BTreeMap<String, String>) -> Vec<String> {
    let vocabulary: BTreeSet<String> = texts
        .values()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut found = BTreeSet::new();
    for (path, text) in texts {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        for pair in tokens.windows(2) {
            let (head, tail) = (pair[0], pair[1]);
            let Some(stem) = head.strip_suffix('-') else {
                continue;
            };
            let stem = stem.trim_start_matches(|c: char| !c.is_alphabetic());
            let tail_word: String = tail.chars().take_while(|c| c.is_alphabetic()).collect();
            if stem.is_empty()
                || !stem.chars().all(char::is_alphabetic)
                || !tail_word.chars().next().is_some_and(char::is_lowercase)
            {
                continue;
            }
            if vocabulary.contains(&format!("{stem}{tail_word}").to_lowercase()) {
                found.insert(format!("{path}: {head} {tail}"));
            }
        }
    }
    found.into_iter().collect()
}

#[test]
fn the_site_has_no_page_furniture_and_no_split_words() {
    let site = TempSite::repo();
    site.build_ok();
    let texts = page_texts(&site);
    let found = furniture(&texts);
    assert!(found.is_empty(), "page furniture:\n{}", found.join("\n"));
    let found = split_words(&texts);
    assert!(found.is_empty(), "split words:\n{}", found.join("\n"));
}

#[test]
fn the_scan_finds_planted_artefacts() {
    let site = TempSite::repo();
    site.edit(
        "content/protokoll/rs/2020-10-14/162.md",
        "reserverar sig",
        "reser- verar sig Regionstyrelsen 14 oktober 2020 Sida 13 (80)",
    );
    site.build_ok();
    let texts = page_texts(&site);
    let found = furniture(&texts);
    assert!(
        found.iter().any(|f| f.ends_with("Sida 13 (80)")),
        "{found:?}"
    );
    let found = split_words(&texts);
    assert!(
        found.iter().any(|f| f.contains("reser- verar")),
        "{found:?}"
    );
}
