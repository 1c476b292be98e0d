//! `[terms]` in the site config: a municipality that calls its perspectives *målområden*, its
//! goals *mål*, its success factors *delmål* and its key measures *indikatorer* sees its own
//! words on every page and in its search, and none of Region Norrbotten's. The site is the
//! spreadsheet fixture (four perspectives of its own) with a small goal-system export imported
//! as CSV and a kommunstyrelse § that proposes to kommunfullmäktige.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const TERMS: &str = r#"
[terms]
organisation = { definite = "kommunen", genitive = "kommunens" }
perspective = { singular = "målområde", definite = "målområdet", plural = "målområden" }
goal = { singular = "mål", definite = "målet", plural = "mål" }
factor = { singular = "delmål", definite = "delmålet", plural = "delmål" }
measure = { singular = "indikator", definite = "indikatorn", plural = "indikatorer" }
council = "kommunfullmäktige"
"#;

/// A § of the kommunstyrelse whose decision is a proposal to the council.
const PROPOSAL: &str = r#"+++
number = 12
title = "Riktlinjer för e-tjänster"
dnr = ["KS 2024/31"]

[decision]
kind = "forslag"
text = "Kommunstyrelsen föreslår att riktlinjerna antas."
+++
Riktlinjerna gäller kommunens e-tjänster.
"#;

/// The export as a Swedish spreadsheet program saves it: a title row, the header, one row per
/// measure, period and group.
const EXPORT: &str = "\
Måluppföljning Sjöbacka kommun
Perspektiv;Mål;Framgångsfaktor;Indikator;Typ;Ansvarig;Enhet;Riktning;Period;Kön;Ingångsvärde;Målvärde;Utfall;Status;Trend;Kommentar;Måluppfyllelse;Analys
Invånare;Nöjda invånare;Snabba svar;Andel svar inom en dag;Indikator;KS;%;Högre är bättre;2023;Alla;80;90;85;Gul;Förbättrad;;Delvis uppfyllt;
Invånare;Nöjda invånare;Snabba svar;Andel svar inom en dag;Indikator;KS;%;Högre är bättre;2024;Alla;80;90;92;Grön;Förbättrad;;Uppfyllt;Fler svar inom en dag.
Process;Digitala arbetssätt;Digitala tjänster;Antal e-tjänster;Indikator;KS;st;Högre är bättre;2024;Alla;12;40;41;Grön;;;Uppfyllt;
Medarbetare;Attraktiv arbetsgivare;Hållbart arbetsliv;Sjukfrånvaro;Indikator;SN;%;Lägre är bättre;2024;Alla;9;7;7,9;Gul;;;Delvis uppfyllt;
Ekonomi;God ekonomisk hushållning;Budget i balans;Resultat i förhållande till skatteintäkter;Indikator;KS;%;Högre är bättre;2024;Alla;1;2;2,3;Grön;;;Uppfyllt;
";

/// Region Norrbotten's words, none of which the municipality's pages may show.
const NORRBOTTEN: &[&str] = &[
    "perspektiv",
    "strategiskt mål",
    "strategiska mål",
    "framgångsfaktor",
    "styrmått",
    "regionen",
    "regionens",
    "regionfullmäktige",
];

/// The fixture with `config_extra` appended to its config and the export imported.
fn site_with(config_extra: &str) -> TempSite {
    let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/spreadsheet"));
    // A data catalog, whose keywords speak of the measures too.
    site.edit(
        "insyn.toml",
        "[data]\n",
        "[data]\npublisher_uri = \"https://www.example.se/\"\npublisher_type = \"LocalAuthority\"\ncontact_email = \"oppnadata@example.se\"\n",
    );
    let config = site.read_source("insyn.toml");
    site.write("insyn.toml", &format!("{config}{config_extra}"));
    site.write("export/uppfoljning.csv", EXPORT);
    site.write("content/protokoll/ks/2024-03-11/_index.md", "+++\n+++\n");
    site.write("content/protokoll/ks/2024-03-11/12.md", PROPOSAL);
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "spreadsheet"])
        .arg(site.root().join("export/uppfoljning.csv"))
        .args(["--plan", "2023-2026", "--report", "arsredovisning-{period}"])
        .arg("--content")
        .arg(site.root().join("content"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site.build_ok();
    site
}

/// Each of Norrbotten's words that `html`'s text shows.
fn norrbotten_words(html: &str) -> Vec<&'static str> {
    let text = text_of(html).to_lowercase();
    NORRBOTTEN
        .iter()
        .copied()
        .filter(|word| text.contains(word))
        .collect()
}

#[test]
fn the_organisations_terms_are_on_its_pages_and_norrbottens_are_not() {
    let site = site_with(TERMS);

    let plan = site.page("mal/2023-2026/index.html");
    assert_eq!(
        select_texts(&plan, "main h2")[0],
        "Mål per målområde",
        "{}",
        text_of(&plan)
    );
    assert_eq!(
        select_texts(&plan, ".scorecard th[scope=col]")[0],
        "Mål",
        "the scorecard's goal column"
    );
    assert!(
        text_of(&plan).contains("Samlad bedömning av 4 mål: 3 uppnått och 1 delvis uppnått."),
        "{}",
        text_of(&plan)
    );
    assert!(text_of(&plan).contains("Symbolerna är kommunens egna."));

    let plans = site.page("mal/index.html");
    assert!(
        text_of(&plans).contains("Kommunens strategiska planer med mål per målområde."),
        "{}",
        text_of(&plans)
    );

    let goal = site.page("mal/2023-2026/nojda-invanare/index.html");
    assert_eq!(
        select_texts(&goal, ".kicker")[0],
        format!("Mål · Invånare · {}", plan_title(&plan))
    );
    assert_eq!(
        select_texts(&goal, "main h2"),
        ["Delmål", "Bedömning per rapport", "Delmål och mått"]
    );

    let measure = site.page("matt/andel-svar-inom-en-dag/index.html");
    assert_eq!(select_texts(&measure, ".kicker"), ["Indikator"]);
    let measures = site.page("matt/index.html");
    assert!(
        text_of(&measures)
            .contains("Alla indikatorer, kontrollmått och aktiviteter som kommunen följer upp"),
        "{}",
        text_of(&measures)
    );
    assert!(text_of(&measures).contains("Andel svar inom en dag Indikator"));

    // The data catalog's keywords name the measures by the municipality's word.
    let catalog = site.page("data/katalog.rdf");
    assert!(catalog.contains(">indikatorer<"), "{catalog}");
    assert!(!catalog.contains("styrmått"), "{catalog}");

    // A proposal goes to the municipality's council, on the § page and the meeting's.
    let paragraph = site.page("protokoll/kommunstyrelsen/2024-03-11/12/index.html");
    assert!(
        text_of(&paragraph).contains("Förslag till kommunfullmäktige"),
        "{}",
        text_of(&paragraph)
    );
    let meeting = site.page("protokoll/kommunstyrelsen/2024-03-11/index.html");
    assert!(
        text_of(&meeting).contains("Förslag till kommunfullmäktige"),
        "{}",
        text_of(&meeting)
    );

    // Search: the type filter names goals by the municipality's word, and a search for the
    // word finds the indicators.
    assert_eq!(type_label(&site, "mal"), "Mål");
    let found: Vec<String> = search(&site, &["indikator", "--type", "matt"])
        .iter()
        .map(|h| h["url"].as_str().unwrap().to_string())
        .collect();
    assert!(
        found.len() == 4 && found.contains(&"/matt/andel-svar-inom-en-dag/".to_string()),
        "{found:?}"
    );

    // No page or search file of the site speaks Region Norrbotten's words.
    let pages: Vec<(String, Vec<&str>)> = tree(&site.public())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html") || path.starts_with("sok/data/"))
        .map(|(path, bytes)| {
            let words = norrbotten_words(&String::from_utf8_lossy(&bytes));
            (path, words)
        })
        .filter(|(_, words)| !words.is_empty())
        .collect();
    assert!(pages.is_empty(), "{pages:?}");
}

#[test]
fn without_terms_the_pages_keep_the_default_words() {
    let site = site_with("");
    let plan = site.page("mal/2023-2026/index.html");
    assert_eq!(
        select_texts(&plan, "main h2")[0],
        "Strategiska mål per perspektiv"
    );
    let goal = site.page("mal/2023-2026/nojda-invanare/index.html");
    assert!(select_texts(&goal, ".kicker")[0].starts_with("Strategiskt mål · Invånare"));
    let measure = site.page("matt/andel-svar-inom-en-dag/index.html");
    assert_eq!(select_texts(&measure, ".kicker"), ["Styrmått"]);
    let paragraph = site.page("protokoll/kommunstyrelsen/2024-03-11/12/index.html");
    assert!(
        text_of(&paragraph).contains("Förslag till fullmäktige"),
        "{}",
        text_of(&paragraph)
    );
    assert_eq!(type_label(&site, "mal"), "Strategiskt mål");
    let hits = search(&site, &["styrmått", "--type", "matt"]);
    assert_eq!(hits.len(), 4, "{hits:?}");
    assert!(hits.iter().all(|h| h["type_label"] == "Mått"), "{hits:?}");
}

#[test]
fn an_empty_or_missing_form_is_an_error_at_its_line() {
    let site = TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/spreadsheet"));
    let config = site.read_source("insyn.toml");
    let lines = config.lines().count();
    site.write(
        "insyn.toml",
        &format!(
            "{config}[terms]\ngoal = {{ singular = \"\", definite = \"målet\", plural = \"mål\" }}\n"
        ),
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("insyn.toml:{}", lines + 2))
            && stderr.contains("terms.goal.singular is empty"),
        "{stderr}"
    );

    site.write(
        "insyn.toml",
        &format!("{config}[terms]\nfactor = {{ singular = \"delmål\" }}\n"),
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing field `definite`"), "{stderr}");
}

/// The label `meta.json` of the search data gives the document type `slug`.
fn type_label(site: &TempSite, slug: &str) -> String {
    let meta: serde_json::Value =
        serde_json::from_str(&site.page("sok/data/meta.json")).expect("meta.json is JSON");
    let types = meta["types"].as_array().expect("meta.json lists the types");
    let label = types.iter().find(|t| t[0] == slug).map(|t| &t[1]);
    label
        .and_then(|l| l.as_str())
        .unwrap_or_else(|| panic!("no type {slug} in {types:?}"))
        .to_string()
}

/// The hits of `insyn search` with `args` on the site's index.
fn search(site: &TempSite, args: &[&str]) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .arg("search")
        .args(args)
        .arg("--json")
        .arg("--index")
        .arg(site.root().join("search-index"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON hits");
    hits.as_array().expect("a list of hits").clone()
}

/// The plan's title as its page heads it.
fn plan_title(plan: &str) -> String {
    select_texts(plan, "h1")[0].clone()
}
