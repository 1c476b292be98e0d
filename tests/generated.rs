//! A small synthetic archive from `insyn dev generate` builds without errors, has the planned
//! number of pages, and its pages carry the generated minutes.

mod common;

use std::path::Path;
use std::process::Command;

use common::{REPO, broken_links, select_texts, tree};

fn insyn(args: &[&str], dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run insyn");
    assert!(
        out.status.success(),
        "insyn {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The number after `word` in `text`, e.g. 212 in "… makes 212 pages".
fn number_before(text: &str, word: &str) -> usize {
    let words: Vec<&str> = text.split_whitespace().collect();
    let i = words.iter().position(|w| w.starts_with(word)).unwrap();
    words[i - 1].parse().unwrap()
}

#[test]
fn a_generated_archive_of_200_pages_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let site_arg = site.to_str().unwrap();
    let generated = insyn(
        &[
            "dev", "generate", "--pages", "200", "--seed", "5", "--out", site_arg,
        ],
        Path::new(REPO),
    );
    let planned = number_before(&generated, "pages");
    assert!((200..=203).contains(&planned), "{generated}");

    let config = site.join("insyn.toml");
    let built = insyn(&["build", "--config", config.to_str().unwrap()], dir.path());
    assert_eq!(number_before(&built, "pages"), planned, "{built}");

    let public = site.join("public");
    let files = tree(&public);
    let paragraphs: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("protokoll/") && p.matches('/').count() == 4)
        .collect();
    assert!(paragraphs.len() > 50, "{} § pages", paragraphs.len());
    let first = String::from_utf8_lossy(&files[paragraphs[0]]).into_owned();
    assert!(
        select_texts(&first, "h1")
            .iter()
            .any(|t| t.starts_with("§ ")),
        "a § page has its number in the heading"
    );
    assert!(
        files
            .keys()
            .any(|p| p.starts_with("arenden/") && p != "arenden/index.html")
    );
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
}
