//! Search: the search-quality query set (`tests/search/queries.json`) through the JavaScript
//! client against the built `public/` (node), `insyn search` on the tantivy index, the index's
//! staged write, deterministic static search files, and the `/sok/` page in headless Chromium.
//! Node.js and Debian's Chromium are required: without them these tests fail.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

use common::{REPO, TempSite};

/// The repository's site, built once for the tests of this file.
static REPO_SITE: LazyLock<TempSite> = LazyLock::new(|| {
    let site = TempSite::repo();
    site.build_ok();
    site
});

/// The search fixture (passages with compounds, particles, diacritics and typos), built once.
static FIXTURE: LazyLock<TempSite> = LazyLock::new(|| {
    let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/search"));
    site.build_ok();
    site
});

fn insyn_search(site: &TempSite, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insyn"))
        .arg("search")
        .args(args)
        .arg("--index")
        .arg(site.root().join("search-index"))
        .output()
        .expect("run insyn search")
}

fn json_hits(site: &TempSite, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.push("--json");
    let out = insyn_search(site, &all);
    assert!(
        out.status.success(),
        "insyn search failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    v.as_array().expect("a list of hits").clone()
}

/// The URLs of the hits in rank order, each page followed by its sections'.
fn listed(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .flat_map(|h| {
            let sections = h["sections"].as_array().expect("hits list their sections");
            std::iter::once(&h["url"]).chain(sections.iter().map(|s| &s["url"]))
        })
        .map(|u| u.as_str().unwrap().to_string())
        .collect()
}

fn node(args: &[&std::ffi::OsStr]) -> Output {
    Command::new("node")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not run node: {e}. Node.js 18 or later is required (apt-get install nodejs)"
            )
        })
}

/// Runs the query set of `site_name` through the JavaScript client on `public`.
fn quality(public: &Path, site_name: &str) -> Vec<serde_json::Value> {
    quality_of(
        public,
        &Path::new(REPO).join("tests/search/queries.json"),
        site_name,
    )
}

/// Runs the queries of `site_name` in the query file `queries` through the JavaScript client
/// on `public`; fails unless every one passes.
fn quality_of(public: &Path, queries: &Path, site_name: &str) -> Vec<serde_json::Value> {
    let driver = Path::new(REPO).join("tests/js/search_quality.js");
    let out = node(&[
        driver.as_os_str(),
        public.as_os_str(),
        queries.as_os_str(),
        site_name.as_ref(),
    ]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("driver prints JSON lines"))
        .collect();
    let failures: Vec<String> = lines
        .iter()
        .filter(|l| l["ok"] == false)
        .map(|l| l.to_string())
        .collect();
    assert!(
        out.status.success() && failures.is_empty(),
        "search-quality queries failed on {site_name} ({}):\n{}\n{}",
        out.status,
        failures.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    lines.into_iter().filter(|l| l.get("q").is_some()).collect()
}

#[test]
fn the_query_set_passes_through_the_javascript_client() {
    let repo = quality(&REPO_SITE.public(), "repo");
    let fixture = quality(&FIXTURE.public(), "fixture");
    assert!(
        repo.len() + fixture.len() >= 40,
        "the query set has {} queries; it needs at least 40",
        repo.len() + fixture.len()
    );
    for kind in [
        "identifier",
        "person",
        "inflection",
        "compound",
        "compound-reverse",
        "phrase",
        "diacritics",
        "typo",
        "multi-word",
    ] {
        assert!(
            repo.iter().chain(&fixture).any(|l| l["kind"] == kind),
            "no query of kind {kind}"
        );
    }
    // A cold query fetches only the shards it needs: far below the 150 KB budget here.
    for l in repo.iter().chain(&fixture) {
        let bytes = l["bytes"].as_u64().unwrap();
        assert!(bytes < 150_000, "{} fetched {bytes} bytes", l["q"]);
    }
    // Few round trips: most queries need meta.json, their shards (postings inline) and the
    // results' documents, one after the other; none needs more than five such steps.
    let mut steps: Vec<u64> = repo
        .iter()
        .chain(&fixture)
        .map(|l| l["steps"].as_u64().unwrap())
        .collect();
    steps.sort_unstable();
    assert!(steps[steps.len() / 2] <= 3, "median steps: {steps:?}");
    for l in repo.iter().chain(&fixture) {
        assert!(
            l["steps"].as_u64().unwrap() <= 5,
            "{} took {} steps",
            l["q"],
            l["steps"]
        );
    }
}

#[test]
fn cli_returns_paragraph_172_first_for_its_diary_number() {
    let out = insyn_search(&REPO_SITE, &["1351-2020"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first: Vec<&str> = text.lines().take(3).collect();
    assert!(
        first[0].starts_with(" 1. § 172 Ny driftsorganisation"),
        "{text}"
    );
    assert!(
        first[1].contains("§ · 2020-10-14 · Regionstyrelsen"),
        "{text}"
    );
    assert_eq!(
        first[2].trim(),
        "/protokoll/regionstyrelsen/2020-10-14/172/"
    );
}

#[test]
fn cli_json_has_the_fields_and_type_filters() {
    let hits = json_hits(&REPO_SITE, &["§ 172"]);
    assert_eq!(hits[0]["url"], "/protokoll/regionstyrelsen/2020-10-14/172/");
    assert_eq!(hits[0]["type"], "paragraf");
    assert_eq!(hits[0]["rank"], 1);
    assert_eq!(hits[0]["date"], "2020-10-14");
    assert_eq!(hits[0]["organ"], "Regionstyrelsen");
    assert_eq!(hits[0]["dnr"][0], "1351-2020");

    // Enough for every page with `vård` (measures also show the goals they follow up).
    let all = json_hits(&REPO_SITE, &["vård", "--limit", "1000"]);
    let measures = json_hits(&REPO_SITE, &["vård", "--type", "matt", "--limit", "1000"]);
    assert!(!measures.is_empty() && measures.len() < all.len());
    assert!(measures.iter().all(|h| h["type"] == "matt"));
    let limited = json_hits(&REPO_SITE, &["vård", "--limit", "3"]);
    assert_eq!(limited.len(), 3);

    let bad = insyn_search(&REPO_SITE, &["vård", "--type", "nyhet"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown type `nyhet`"));
}

/// A page is found by what it shows, not only by its own text: a report by the cells of its
/// data tables (in the section where the table stands) and by the measures it reports, a
/// measure by the goals it follows up. The words below are in none of these pages' own texts.
#[test]
fn pages_are_found_by_the_text_they_show() {
    for (args, want) in [
        (
            &["omsättningstillgångar"][..],
            "/rapporter/strategisk-plan-2023-2025/#balansbudget",
        ),
        (
            &["väntelistorna", "--type", "rapport"][..],
            "/rapporter/arsredovisning-2020/",
        ),
        (
            &[
                "hållbar kompetensförsörjning",
                "--type",
                "matt",
                "--limit",
                "50",
            ][..],
            "/matt/andel-kostnad-inhyrda-av-total-personalkostnad/",
        ),
    ] {
        let urls = listed(&json_hits(&REPO_SITE, args));
        assert!(
            urls.iter().any(|u| u == want),
            "{args:?}: {want} not in {urls:?}"
        );
    }
}

#[test]
fn cli_finds_inhyrd_personal_for_hyrpersonal() {
    let hits = json_hits(&FIXTURE, &["hyrpersonal"]);
    let urls = listed(&hits);
    for want in [
        "/rapporter/delarsrapport-april-2022/#inhyrd-personal",
        "/rapporter/manadsrapport-2023/#bemanning",
    ] {
        assert!(
            urls.iter().any(|u| u == want),
            "{want} missing from {urls:?}"
        );
    }
    let typo = json_hits(&FIXTURE, &["akutmotagning"]);
    assert_eq!(typo[0]["url"], "/rapporter/delarsrapport-april-2022/");
    assert_eq!(
        typo[0]["sections"][0]["url"],
        "/rapporter/delarsrapport-april-2022/#akutmottagningar"
    );
    let folded = json_hits(&FIXTURE, &["vardskador"]);
    assert_eq!(
        folded[0]["sections"][0]["url"],
        "/rapporter/delarsrapport-april-2022/#vardskador"
    );
}

#[test]
fn a_failed_build_keeps_the_previous_index() {
    let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/search"));
    site.build_ok();
    site.write(
        "content/rapporter/trasig.md",
        "+++\ntitle = \"Trasig\"\nkind = \"okand\"\nperiod = \"2023\"\n+++\n",
    );
    assert!(!site.build(&[]).status.success());
    let hits = json_hits(&site, &["vardskador"]);
    assert_eq!(
        hits[0]["sections"][0]["url"],
        "/rapporter/delarsrapport-april-2022/#vardskador"
    );
    let leftovers: Vec<PathBuf> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".search-index."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn static_search_files_are_identical_across_builds() {
    let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/search"));
    site.build_ok();
    let first = common::checksum(&site.public().join("sok/data"));
    site.build_ok();
    assert_eq!(first, common::checksum(&site.public().join("sok/data")));
}

#[test]
fn search_page_works_in_chromium_under_a_sub_path() {
    let site = TempSite::repo();
    let out = site.build(&["--base-url", "https://example.org/insyn/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = Path::new(REPO).join("tests/browser/search_page.mjs");
    let shots = site.root().join("shots");
    fs::create_dir_all(&shots).unwrap();
    let out = node(&[
        script.as_os_str(),
        site.public().as_os_str(),
        shots.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "the search page failed in Chromium (run `npm ci --prefix tests/browser` first):\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The query set's words of seven letters or more (the shortest a compound can be).
fn query_words() -> Vec<String> {
    let path = Path::new(REPO).join("tests/search/queries.json");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut words: Vec<String> = json["queries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| insyn::search::analyzer::tokenize(q["q"].as_str().unwrap()))
        .filter(|t| t.kind == insyn::search::analyzer::TokenKind::Word)
        .map(|t| t.word)
        .filter(|w| w.chars().count() >= 7)
        .collect();
    words.extend(
        [
            "hyrpersonal",
            "sjukvårdspersonal",
            "sjukvårdpersonal",
            "barnpsykiatri",
            "folktandvården",
            "vårdpersonalen",
            "kollektivtrafiken",
        ]
        .map(String::from),
    );
    words.sort();
    words.dedup();
    words
}

#[test]
fn the_client_splits_compounds_like_the_index() {
    for site in [&*REPO_SITE, &*FIXTURE] {
        let counts = fs::read(site.root().join("search-index/insyn-lexicon.json")).unwrap();
        let lexicon =
            insyn::search::lexicon::Lexicon::from_counts(serde_json::from_slice(&counts).unwrap());
        let words = query_words();
        let driver = Path::new(REPO).join("tests/js/search_splits.js");
        let mut args = vec![driver.into_os_string(), site.public().into_os_string()];
        args.extend(words.iter().map(Into::into));
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let out = node(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let js: Vec<Option<Vec<String>>> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(js.len(), words.len());
        let mut split = 0;
        for (w, got) in words.iter().zip(js) {
            assert_eq!(got, lexicon.split_stems(w), "split of {w}");
            split += usize::from(got.is_some());
        }
        assert!(split > 0, "no query word was split");
    }
}

#[test]
fn the_command_line_passes_the_query_set() {
    let path = Path::new(REPO).join("tests/search/queries.json");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    for q in json["queries"].as_array().unwrap() {
        let site = if q["site"] == "repo" {
            &*REPO_SITE
        } else {
            &*FIXTURE
        };
        let hits = json_hits(site, &[q["q"].as_str().unwrap()]);
        let urls = listed(&hits);
        let expect: Vec<&str> = q["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect();
        let missing = expect.iter().any(|u| !urls.iter().any(|x| x == u));
        let first = q["first"] == true
            && !hits.first().is_some_and(|h| {
                listed(std::slice::from_ref(h))
                    .iter()
                    .any(|u| u == expect[0])
            });
        let mut pages: Vec<&str> = hits.iter().map(|h| h["url"].as_str().unwrap()).collect();
        pages.sort_unstable();
        let twice = pages.windows(2).any(|w| w[0] == w[1]);
        if missing || first || twice {
            failures.push(format!("{}: {urls:?}", q["q"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The pages that hold `"våld i nära relation"`, some of them only beyond the text the
/// documents' files keep for excerpts: the phrase is verified on positions in the index, the
/// function word `i` standing for any one word.
const VIOLENCE_PAGES: [&str; 4] = [
    "/matt/antal-patienter-fraga-om-vald-i-nara-relation/",
    "/protokoll/regionstyrelsen/2020-10-14/177/",
    "/rapporter/arsredovisning-2020/#tillfragade-patienter-om-valdsutsatthet-i-nara-relation",
    "/mal/2022-2024/trygg-norrbottning-med-god-livskvalitet/",
];

/// Writes a query file for [`quality_of`] into `site`'s folder.
fn query_file(site: &TempSite, queries: serde_json::Value) -> PathBuf {
    let path = site.root().join("queries.json");
    fs::write(&path, serde_json::json!({ "queries": queries }).to_string()).unwrap();
    path
}

#[test]
fn phrases_are_verified_on_positions_in_both_engines() {
    let phrase = "\"våld i nära relation\"";
    let queries = query_file(
        &REPO_SITE,
        serde_json::json!([
            {"site": "t", "kind": "phrase", "q": phrase, "expect": VIOLENCE_PAGES, "first": true},
            // The same words apart (`våld … relation` with two words between) are no phrase.
            {"site": "t", "kind": "phrase", "q": "\"våld relation\"", "expect": []},
            {"site": "t", "kind": "plain", "q": "våld relation", "expect": [VIOLENCE_PAGES[1]]},
        ]),
    );
    let js = quality_of(&REPO_SITE.public(), &queries, "t");
    let cli = [phrase, "\"våld relation\"", "våld relation"]
        .map(|q| listed(&json_hits(&REPO_SITE, &[q, "--limit", "10"])));
    for (engine, phrase_hits, apart_hits) in [
        (
            "JavaScript client",
            js[0]["top"].as_array().unwrap().clone(),
            js[1]["top"].as_array().unwrap().clone(),
        ),
        (
            "insyn search",
            cli[0].iter().map(|u| u.as_str().into()).collect(),
            cli[1].iter().map(|u| u.as_str().into()).collect(),
        ),
    ] {
        for want in VIOLENCE_PAGES {
            assert!(
                phrase_hits.iter().any(|u| u == want),
                "{engine}: {want} missing from {phrase_hits:?}"
            );
        }
        assert!(
            !apart_hits.iter().any(|u| u == VIOLENCE_PAGES[1]),
            "{engine}: § 177 has `våld` and `relation` apart, not the phrase: {apart_hits:?}"
        );
    }
    assert!(
        cli[2].iter().any(|u| u == VIOLENCE_PAGES[1]),
        "{:?}",
        cli[2]
    );
}

#[test]
fn words_side_by_side_rank_above_words_apart_in_both_engines() {
    let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/search"));
    let filler =
        "Texten handlar om annat än det som söks här och fyller ut avståndet mellan orden.";
    // The page with the words apart says each twice and would rank first on their counts.
    site.write(
        "content/rapporter/kvarnar-isar.md",
        &format!(
            "+++\ntitle = \"Bygdens historia\"\nkind = \"manadsrapport\"\nperiod = \"2023-09\"\norgan = \"rs\"\nsource = \"003_3aa0ed4a4691eb71.txt\"\n+++\nKvarnhjulet stod still. {filler} {filler} {filler} Mjölnaren kom sent. {filler} {filler} Kvarnhjulet igen. {filler} Till sist mjölnaren.\n"
        ),
    );
    site.write(
        "content/rapporter/kvarnar-intill.md",
        &format!(
            "+++\ntitle = \"Bygdens arbete\"\nkind = \"manadsrapport\"\nperiod = \"2023-10\"\norgan = \"rs\"\nsource = \"003_3aa0ed4a4691eb71.txt\"\n+++\nDär stod kvarnhjulet mjölnaren vakade över. {filler} {filler} {filler} {filler} {filler}\n"
        ),
    );
    site.build_ok();
    let near = "/rapporter/kvarnar-intill/";
    let apart = "/rapporter/kvarnar-isar/";
    let queries = query_file(
        &site,
        serde_json::json!([
            {"site": "t", "kind": "multi-word", "q": "kvarnhjul mjölnare", "expect": [near, apart], "first": true},
        ]),
    );
    quality_of(&site.public(), &queries, "t");
    let hits = json_hits(&site, &["kvarnhjul mjölnare"]);
    let pages: Vec<&str> = hits.iter().map(|h| h["url"].as_str().unwrap()).collect();
    assert_eq!(pages[..2], [near, apart], "{pages:?}");
    // Each word alone ranks the page that says it twice first: only closeness reorders them.
    let alone = json_hits(&site, &["mjölnaren"]);
    assert_eq!(alone[0]["url"], apart, "{alone:?}");
}

#[test]
fn a_page_with_the_words_in_different_sections_is_found_in_both_engines() {
    let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/search"));
    // Each word in a section of its own: no document of the page holds both.
    site.write(
        "content/rapporter/kvarnar-sektioner.md",
        "+++\ntitle = \"Bygdens historia\"\nkind = \"manadsrapport\"\nperiod = \"2023-09\"\norgan = \"rs\"\nsource = \"003_3aa0ed4a4691eb71.txt\"\n+++\n## Hjulet\n\nKvarnhjulet stod still hela vintern.\n\n## Folket\n\nMjölnaren kom sent till byn.\n",
    );
    site.write(
        "content/rapporter/kvarnar-stycke.md",
        "+++\ntitle = \"Bygdens arbete\"\nkind = \"manadsrapport\"\nperiod = \"2023-10\"\norgan = \"rs\"\nsource = \"003_3aa0ed4a4691eb71.txt\"\n+++\n## Arbetet\n\nKvarnhjulet gick och mjölnaren malde.\n",
    );
    site.build_ok();
    let one = "/rapporter/kvarnar-stycke/";
    let spread = "/rapporter/kvarnar-sektioner/";
    // Both pages are listed; the one whose section holds both words first.
    let queries = query_file(
        &site,
        serde_json::json!([
            {"site": "t", "kind": "multi-word", "q": "kvarnhjul mjölnare", "expect": [one, spread], "first": true},
        ]),
    );
    let js = quality_of(&site.public(), &queries, "t");
    let js_pages: Vec<&str> = js[0]["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .filter(|u| !u.contains('#'))
        .collect();
    assert_eq!(js_pages[..2], [one, spread], "{js_pages:?}");
    let hits = json_hits(&site, &["kvarnhjul mjölnare"]);
    let pages: Vec<&str> = hits.iter().map(|h| h["url"].as_str().unwrap()).collect();
    assert_eq!(pages[..2], [one, spread], "{pages:?}");
    // The spread page lists both sections under it.
    let sections = hits[1]["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2, "{hits:?}");
}
