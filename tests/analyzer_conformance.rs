//! Proves that the browser's analyzer (`themes/default/static/js/analyzer.js`) normalises text
//! exactly like `insyn::search::analyzer`, on the whole vocabulary of the source documents, on
//! every line of them and on a set of Swedish queries.
//!
//! The test writes its inputs to a temporary file as JSON lines, runs
//! `node tests/js/analyzer_driver.js <input>`, and compares the driver's output with the same
//! output computed here, line by line. Node.js is required: without it the test fails.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

use insyn::search::analyzer::{
    CompoundSplitter, Token, TokenKind, fold, folded_key, normalize_query, normalize_word, stem,
    tokenize, within_one_edit,
};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
const DRIVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/js/analyzer_driver.js");

/// What a journalist or citizen types: inflections, compounds, identifiers, names, typos,
/// missing diacritics.
const QUERIES: &[&str] = &[
    "hyrpersonal",
    "inhyrd sjukvårdpersonal",
    "inhyrd personal",
    "1351-2020",
    "dnr 1351–2020",
    "§ 172",
    "§172",
    "Lag (2010:1065)",
    "2010:659",
    "SOU 2019:20",
    "Ds 2020:15",
    "vardskador",
    "vårdskador",
    "akutmotagning",
    "akutmottagningen",
    "undersköterskeyrket",
    "undersköterska",
    "tandvård",
    "folktandvården",
    "Glenn Berggård",
    "Anders Öberg",
    "Linda Frohm jäv",
    "reservation",
    "reserverade sig",
    "ny driftsorganisation",
    "Ny driftsorganisation i Region Norrbotten",
    "måluppfyllelse",
    "delvis uppnått",
    "ej uppnått",
    "väntetider",
    "vantetider",
    "köer till operation",
    "hälso- och sjukvård",
    "hälsovård",
    "EU-programmet",
    "EU:s strukturfonder",
    "covid-19",
    "coronapandemin",
    "Digitalen triage",
    "palliativ diagnos behandlingsstrategi",
    "regionstyrelsens beslut",
    "Regionfullmäktige",
    "kollektivtrafik",
    "länstrafiken",
    "psykiatri barn och unga",
    "barn- och ungdomspsykiatri",
    "kompetensförsörjning",
    "sjukskoterskor",
    "läkemedelskostnader",
    "arbetsmiljö",
    "jämställdhet",
    "Ett hållbart och livskraftigt län",
    "Øresund Ærø straße café naïve",
    "ÉN MENING MED VERSALER",
];

/// Words that exercise every branch of the Snowball Swedish stemmer and of folding, beyond
/// what the corpus happens to contain.
const EXTRA_WORDS: &[&str] = &[
    "kärlekslöst",
    "upplöst",
    "hjälpfullt",
    "kraftfullt",
    "friskt",
    "stegvis",
    "lyckligt",
    "lycklig",
    "ensamhetens",
    "fåglarnas",
    "klockornas",
    "vänligheterna",
    "heterna",
    "arbetslös",
    "arbetslos",
    "idéerna",
    "müsli",
    "kaos",
    "kubbs",
    "ös",
    "a",
    "ab",
    "abs",
    "İstanbul",
    "ΣΊΣΥΦΟΣ",
    "straße",
];

fn json_string(out: &mut String, s: &str) {
    // The same escaping as JavaScript's JSON.stringify, so that both sides print equal bytes.
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_array(out: &mut String, items: &[&str]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(out, item);
    }
    out.push(']');
}

fn json_split(out: &mut String, split: Option<Vec<String>>) {
    match split {
        Some(parts) => json_array(out, &parts.iter().map(String::as_str).collect::<Vec<_>>()),
        None => out.push_str("null"),
    }
}

fn json_tokens(out: &mut String, tokens: &[Token]) {
    out.push('[');
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_array(out, &[t.kind.as_str(), &t.text, &t.folded, &t.word]);
        out.pop();
        let _ = write!(out, ",{},{}]", t.start, t.end);
    }
    out.push(']');
}

/// The five source documents, sorted by name.
fn seed_texts() -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SEEDS)
        .unwrap_or_else(|e| panic!("cannot read the seeds in {SEEDS}: {e}"))
        .map(|entry| entry.expect("seed directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert_eq!(
        paths.len(),
        5,
        "expected the five seed documents in {SEEDS}"
    );
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            (p.display().to_string(), text)
        })
        .collect()
}

/// Undoes line-break hyphenation as the importer does (`pati-` / `entnämnden`), so that the
/// splitter's vocabulary is made of words rather than fragments.
fn dehyphenate(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let mut rev = line.chars().rev();
        if rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic) {
            let next = (i + 1..lines.len()).find(|&k| !lines[k].trim().is_empty());
            if let Some(k) = next {
                let continuation = lines[k].trim_start();
                if continuation.chars().next().is_some_and(char::is_lowercase) {
                    out.push_str(&line[..line.len() - 1]);
                    out.push_str(continuation);
                    out.push('\n');
                    i = k + 1;
                    continue;
                }
            }
        }
        out.push_str(lines[i]);
        out.push('\n');
        i += 1;
    }
    out
}

struct Case {
    /// One JSON line for the driver.
    input: String,
    /// The line the driver must print for it.
    expected: String,
}

fn word_case(word: &str, splitter: &CompoundSplitter) -> Case {
    let mut input = String::from("[\"word\",");
    json_string(&mut input, word);
    input.push(']');
    let normalized = normalize_word(word);
    let mut expected = String::from("{\"op\":\"word\",\"input\":");
    json_string(&mut expected, word);
    for (key, value) in [
        ("word", normalized.clone()),
        ("stem", stem(&normalized)),
        ("fold", fold(&normalized)),
        ("folded", folded_key(&normalized)),
    ] {
        let _ = write!(expected, ",\"{key}\":");
        json_string(&mut expected, &value);
    }
    expected.push_str(",\"split\":");
    json_split(&mut expected, splitter.split(&normalized));
    expected.push('}');
    Case { input, expected }
}

fn tokenize_case(text: &str) -> Case {
    let mut input = String::from("[\"tokenize\",");
    json_string(&mut input, text);
    input.push(']');
    let mut expected = String::from("{\"op\":\"tokenize\",\"input\":");
    json_string(&mut expected, text);
    expected.push_str(",\"tokens\":");
    json_tokens(&mut expected, &tokenize(text));
    expected.push('}');
    Case { input, expected }
}

fn query_case(query: &str, splitter: &CompoundSplitter, vocabulary: &[String]) -> Case {
    let mut input = String::from("[\"query\",");
    json_string(&mut input, query);
    input.push(']');
    let tokens = normalize_query(query);
    let mut expected = String::from("{\"op\":\"query\",\"input\":");
    json_string(&mut expected, query);
    expected.push_str(",\"tokens\":");
    json_tokens(&mut expected, &tokens);
    expected.push_str(",\"words\":[");
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    for (i, token) in words.enumerate() {
        if i > 0 {
            expected.push(',');
        }
        expected.push('[');
        json_string(&mut expected, &token.word);
        expected.push(',');
        json_split(&mut expected, splitter.split(&token.word));
        // Typo tolerance against the whole vocabulary, as a search would use it.
        let near: Vec<&str> = vocabulary
            .iter()
            .filter(|v| within_one_edit(&token.word, v))
            .map(String::as_str)
            .collect();
        expected.push(',');
        json_array(&mut expected, &near);
        expected.push(']');
    }
    expected.push_str("]}");
    Case { input, expected }
}

/// The texts of every search document of the repository's content (titles, bodies, names).
fn indexed_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diagnostics = insyn::diagnostics::Diagnostics::default();
    let raw = insyn::content::load(root, &mut diagnostics);
    let site = insyn::link::link(raw, &mut diagnostics);
    assert!(diagnostics.is_empty(), "content/ does not load");
    let urls = insyn::routes::Urls::new("/");
    let config = insyn::config::Config::load(&root.join("insyn.toml")).expect("insyn.toml loads");
    insyn::search::documents::build_documents(&site, &urls, &config.terms)
        .iter()
        .flat_map(|d| {
            insyn::search::lexicon::doc_texts(d)
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The search-quality query set (`tests/search/queries.json`).
fn query_set() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/queries.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read queries.json"))
            .expect("queries.json is JSON");
    json["queries"]
        .as_array()
        .expect("a list of queries")
        .iter()
        .map(|q| q["q"].as_str().expect("each query has q").to_owned())
        .collect()
}

fn run_driver(input: &std::path::Path) -> String {
    let output = Command::new("node")
        .arg(DRIVER)
        .arg(input)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not run `node {DRIVER}`: {e}. Node.js (18 or later) is required for the \
                 analyzer conformance test; install it (e.g. `apt-get install nodejs`)."
            )
        });
    assert!(
        output.status.success(),
        "the JavaScript driver failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the driver prints UTF-8")
}

#[test]
fn javascript_analyzer_matches_rust_on_the_corpus() {
    let seeds = seed_texts();

    // The splitter's vocabulary: every word occurrence of the dehyphenated documents.
    let occurrences: Vec<String> = seeds
        .iter()
        .flat_map(|(_, text)| tokenize(&dehyphenate(text)))
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.word)
        .collect();
    let splitter = CompoundSplitter::new(occurrences.iter().map(String::as_str));

    // The vocabulary to compare: every distinct word as written (case kept), raw and
    // dehyphenated, plus the extra words.
    let mut surface: BTreeSet<String> = BTreeSet::new();
    for (_, text) in &seeds {
        for text in [text.clone(), dehyphenate(text)] {
            for t in tokenize(&text) {
                if t.kind == TokenKind::Word {
                    surface.insert(text[t.start..t.end].split(':').next().unwrap().to_owned());
                }
            }
        }
    }
    surface.extend(EXTRA_WORDS.iter().map(|w| w.to_string()));
    // The whole indexed vocabulary: every word of the search documents built from content/.
    let indexed = indexed_texts();
    for text in &indexed {
        for t in tokenize(text) {
            if t.kind == TokenKind::Word {
                surface.insert(text[t.start..t.end].split(':').next().unwrap().to_owned());
            }
        }
    }
    let query_set = query_set();
    let distinct: Vec<String> = {
        let mut seen = HashSet::new();
        occurrences
            .iter()
            .filter(|w| seen.insert(w.as_str()))
            .cloned()
            .collect()
    };

    let mut cases: Vec<Case> = Vec::new();
    cases.extend(surface.iter().map(|w| word_case(w, &splitter)));
    for (_, text) in &seeds {
        cases.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(tokenize_case),
        );
    }
    for text in &indexed {
        cases.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(tokenize_case),
        );
    }
    cases.extend(QUERIES.iter().map(|q| tokenize_case(q)));
    cases.extend(QUERIES.iter().map(|q| query_case(q, &splitter, &distinct)));
    cases.extend(query_set.iter().map(|q| tokenize_case(q)));
    cases.extend(
        query_set
            .iter()
            .map(|q| query_case(q, &splitter, &distinct)),
    );

    let mut input = String::new();
    input.push_str("[\"vocabulary\",");
    json_array(
        &mut input,
        &occurrences.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    input.push_str("]\n");
    for case in &cases {
        input.push_str(&case.input);
        input.push('\n');
    }
    let mut file = tempfile::NamedTempFile::new().expect("temporary input file");
    file.write_all(input.as_bytes())
        .expect("write the driver input");
    file.flush().expect("flush the driver input");

    let actual = run_driver(file.path());
    let actual: Vec<&str> = actual.lines().collect();

    let mut differences = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let got = actual.get(n).copied().unwrap_or("<no line>");
        if got != case.expected {
            differences.push(format!(
                "case {n}:\n  rust: {}\n  js:   {got}",
                case.expected
            ));
        }
    }
    if actual.len() != cases.len() {
        differences.push(format!(
            "the driver printed {} lines for {} cases",
            actual.len(),
            cases.len()
        ));
    }
    assert!(
        differences.is_empty(),
        "{} of {} cases differ between Rust and JavaScript; the first ones:\n{}",
        differences.len(),
        cases.len(),
        differences
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "analyzer conformance: {} words, {} lines, {} queries identical in Rust and JavaScript",
        surface.len(),
        cases.len() - surface.len() - 2 * (QUERIES.len() + query_set.len()),
        QUERIES.len() + query_set.len()
    );
}

#[test]
fn splits_real_compounds_of_the_corpus() {
    let occurrences: Vec<String> = seed_texts()
        .iter()
        .flat_map(|(_, text)| tokenize(&dehyphenate(text)))
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.word)
        .collect();
    let splitter = CompoundSplitter::new(occurrences.iter().map(String::as_str));
    let split = |w: &str| splitter.split(w);
    for (word, parts) in [
        ("hyrpersonal", &["hyr", "personal"][..]),
        ("sjukvårdspersonal", &["sjukvård", "personal"]),
        ("sjukvårdpersonal", &["sjukvård", "personal"]),
        ("undersköterskeyrket", &["undersköterska", "yrket"]),
        ("folktandvården", &["folk", "tandvården"]),
        ("akutmottagningen", &["akut", "mottagningen"]),
        ("vårdskador", &["vård", "skador"]),
        ("regionstyrelsen", &["region", "styrelsen"]),
        ("kompetensförsörjning", &["kompetens", "försörjning"]),
        ("balanskravsresultat", &["balans", "krav", "resultat"]),
    ] {
        let got = split(word);
        let got: Option<Vec<&str>> = got.as_ref().map(|p| p.iter().map(String::as_str).collect());
        assert_eq!(got.as_deref(), Some(parts), "{word}");
    }
    for word in [
        "regionen",
        "regionens",
        "region",
        "norrbotten",
        "procent",
        "verksamhet",
        "personal",
        "medarbetare",
        "uppföljning",
        "samverkan",
        "patienter",
        "service",
        "deltar",
        "strategiska",
        "utvecklingen",
        "bedömningen",
    ] {
        assert_eq!(split(word), None, "{word} must not be split");
    }
}
