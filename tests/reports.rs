//! The report importer on the seed documents 001 (Strategisk plan 2023–2025) and 003
//! (Regiondirektörens rapport, March 2023): re-running it reproduces the committed content, and
//! the built pages carry the facts of the sources. Counts were established by reading the
//! sources; they are written down here.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use common::*;

const PLAN_SOURCE: &str = "001_848bf19960f96f65.txt";
const MONTHLY_SOURCE: &str = "003_3aa0ed4a4691eb71.txt";
const PLAN_REPORT: &str = "rapporter/strategisk-plan-2023-2025/index.html";
const MONTHLY_REPORT: &str = "rapporter/regiondirektorens-rapport-2023-03/index.html";

fn site() -> &'static TempSite {
    static SITE: OnceLock<TempSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TempSite::repo();
        site.build_ok();
        site
    })
}

fn page(rel: &str) -> String {
    site().page(rel)
}

/// Runs `insyn import report` on a seed into a fresh content folder holding only the
/// overrides, and returns what it wrote, by path below content/.
fn import(source: &str, id: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(
        &Path::new(REPO).join("content/_import"),
        &content.join("_import"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "report"])
        .arg(Path::new(REPO).join("../shared/seeds").join(source))
        .args(["--id", id, "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "import failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(content.join("_import")).unwrap();
    tree(&content)
}

fn assert_reproduced(source: &str, id: &str, expected_files: usize) {
    let written = import(source, id);
    assert_eq!(written.len(), expected_files, "{:?}", written.keys());
    for (path, bytes) in &written {
        let committed = std::fs::read(Path::new(REPO).join("content").join(path))
            .unwrap_or_else(|e| panic!("content/{path} is not committed: {e}"));
        assert!(
            committed == *bytes,
            "content/{path} differs from what the importer writes; re-run `insyn import report ../shared/seeds/{source} --id {id}` or record the correction in content/_import/"
        );
    }
}

#[test]
fn importer_reproduces_the_committed_plan() {
    // The report, 12 budget tables, the plan and its 6 goals.
    assert_reproduced(PLAN_SOURCE, "strategisk-plan-2023-2025", 1 + 12 + 1 + 6);
}

#[test]
fn importer_reproduces_the_committed_monthly_report() {
    assert_reproduced(MONTHLY_SOURCE, "regiondirektorens-rapport-2023-03", 1);
}

#[test]
fn plan_has_six_goals_with_their_organs_and_forty_assignments() {
    let plan = page("mal/2023-2025/index.html");
    let goals = select_texts(&plan, ".scorecard th[scope=row]");
    assert_eq!(
        goals,
        [
            "Ett hållbart och livskraftigt län",
            "Trygg norrbottning med god, jämlik och jämställd livskvalitet",
            "God, nära och samordnad vård som genomförs på ett hållbart sätt",
            "Behovsstyrd och hållbar regional utveckling i samverkan",
            "Hållbar kompetensförsörjning",
            "Långsiktigt hållbar ekonomi",
        ]
    );
    // Each goal page names its responsible organs.
    let goal_links = select_attrs(&plan, ".scorecard th[scope=row] a", "href");
    let organs: Vec<String> = goal_links
        .iter()
        .map(|url| {
            let goal = page(&format!("{}index.html", url.trim_start_matches('/')));
            select_texts(&goal, ".summary p")
                .into_iter()
                .find(|p| p.starts_with("Ansvariga:"))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        organs,
        [
            "Ansvariga: RS, RUN",
            "Ansvariga: RS, RUN, PN",
            "Ansvariga: RS, PN",
            "Ansvariga: RS, RUN",
            "Ansvariga: RS",
            "Ansvariga: RS, RUN, PN",
        ]
    );
    let assignments = select_texts(&plan, "ol.assignments > li");
    assert_eq!(assignments.len(), 40);
    // Tagged (RS, RUN): 4, (RUN) alone: 1, the rest (RS): 35. Text nodes are joined with
    // spaces, so compare without them.
    let tags: Vec<String> = assignments
        .iter()
        .map(|a| {
            a.replace(' ', "")
                .rsplit('(')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let count = |tag: &str| tags.iter().filter(|t| *t == tag).count();
    assert_eq!((count("RS,RUN)"), count("RUN)"), count("RS)")), (4, 1, 35));
    assert!(assignments[39].starts_with("Upprätta och anta en Idrottsplan."));
    assert!(
        text_of(&plan).contains("Vision: Tillsammans för Norrbotten – bästa livet, bästa hälsan")
    );
}

#[test]
fn first_goal_is_a_sustainable_county_for_rs_and_run_continuing_the_2022_goal() {
    let html = page("mal/2023-2025/ett-hallbart-och-livskraftigt-lan/index.html");
    assert_eq!(
        select_texts(&html, "h1"),
        ["Ett hållbart och livskraftigt län"]
    );
    let text = text_of(&html);
    assert!(text.contains("Ansvariga: RS, RUN"), "{text}");
    assert!(
        text.contains("Föregående mål: Ett livskraftigt län"),
        "{text}"
    );
    assert!(
        text.contains("fossilfritt och klimatneutralt 2045"),
        "{text}"
    );
    assert!(
        text.contains("001_848bf19960f96f65.txt, rad 887–954"),
        "{text}"
    );
}

#[test]
fn plan_report_has_its_budget_tables_as_accessible_tables() {
    let html = page(PLAN_REPORT);
    let captions = select_texts(&html, "table caption");
    assert_eq!(captions.len(), 12, "{captions:?}");
    assert_eq!(
        captions[0],
        "Resultatbudget 2023-2025 och kalkyl 2026-2028, mnkr"
    );
    // Rows per table, as the source has them.
    let rows =
        |id: &str| select_texts(&html, &format!("div[aria-labelledby=tabell-{id}] tbody tr"));
    let resultat = rows("resultatbudget");
    assert_eq!(resultat.len(), 15, "{resultat:?}");
    assert!(resultat.contains(&"Årets resultat 329 350 386 370 355 363".to_string()));
    assert_eq!(rows("balansbudget").len(), 14);
    assert!(
        rows("balansbudget").contains(&"Summa tillgångar 12 208 12 863 13 480 14 031".to_string())
    );
    assert_eq!(rows("finansieringsbudget").len(), 19);
    assert!(
        rows("finansieringsbudget")
            .contains(&"Likvida medel vid årets slut 916 1409 1 746 2040".to_string())
    );
    assert_eq!(rows("investeringsramar").len(), 4);
    assert!(rows("investeringsramar").contains(&"Total beslutsram 263 232 299".to_string()));
    assert!(
        rows("regionbidrag-per-namnd")
            .contains(&"Regionstyrelsen 9 279,8 9 610,0 9 854,5".to_string())
    );
    assert_eq!(rows("skatt-utjamning-statsbidrag").len(), 14);
    // Budget and calculation years are grouped under their header.
    let groups = select_texts(
        &html,
        "div[aria-labelledby=tabell-resultatbudget] th[scope=colgroup]",
    );
    assert_eq!(groups, ["Budget", "Kalkyl"]);
    let row_headers = select_texts(
        &html,
        "div[aria-labelledby=tabell-resultatbudget] th[scope=row]",
    );
    assert_eq!(row_headers.len(), 15);
    // The source contradicts itself on the 2023 state grants; both figures stay, with a note.
    let text = text_of(&html);
    assert!(
        text.contains("2622 mnkr här men 2 623 mnkr"),
        "note missing"
    );
}

#[test]
fn plan_report_keeps_bullets_footnotes_and_sections() {
    let html = page(PLAN_REPORT);
    let toc = select_texts(&html, ".toc li");
    let sections = select_texts(
        &html,
        ".prose h2, .prose h3, .prose h4, .prose h5, .prose h6",
    );
    assert_eq!(toc.len(), sections.len());
    assert_eq!(sections.len(), 103);
    let chapters = select_texts(&html, ".prose h2");
    assert_eq!(
        chapters,
        [
            "Norrbotten, en jämställd och klimatvänlig region",
            "Läsanvisning",
            "Vision och värdegrund",
            "Omvärldsförändringar",
            "Region Norrbottens uppdrag och styrning",
            "Regionens strategiska mål",
            "Politikens riktade uppdrag",
            "Ekonomi och verksamhetens ramar under planeringsperioden",
            "Bilaga 1 Verksamhetens ekonomiska ramar",
            "Bilaga 2. Övergripande strategi och riskhantering för Region Norrbottens medelsförvaltning",
            "Bilaga 3 Bolag, stiftelser och kommunalförbund",
            "Bilaga 4 Den politiska styrningen",
        ]
    );
    // The 40 assignments are a list in the report too, their organ tags kept.
    let uppdrag = select_texts(&html, "#politikens-riktade-uppdrag ~ ul li");
    assert!(uppdrag.iter().any(
        |u| u == "Säkerställa att regionen har en ökad beredskap för framtida kriser (RS, RUN)"
    ));
    // Footnote 5 of the source, at its marker `balanskravs5`.
    let text = text_of(&html);
    assert!(text.contains(
        "Balanskravsresultat = periodens resultat justerat för orealiserade vinster/förluster av pensionsmedelsförvaltningen."
    ));
    assert!(!select_html(&html, ".footnotes li").is_empty());
    // Key figures stated in prose, with their source line.
    assert!(text.contains("Årets resultat prognostiseras till 329 mnkr 2023"));
    let figures = select_texts(&html, "#nyckeltal ~ div tbody tr");
    assert!(
        figures
            .iter()
            .any(|f| f.contains("mnkr") && f.contains("001_848bf19960f96f65.txt, rad 2073")),
        "{figures:?}"
    );
}

#[test]
fn monthly_report_has_its_hundred_sections_and_key_figures() {
    let html = page(MONTHLY_REPORT);
    assert_eq!(
        select_texts(&html, "h1"),
        ["Regiondirektörens rapport mars 2023"]
    );
    let text = text_of(&html);
    assert!(text.contains("ARBGRP583-382524020-2135"));
    assert!(text.contains("2023-03-14"));
    let sections = select_texts(
        &html,
        ".prose h2, .prose h3, .prose h4, .prose h5, .prose h6",
    );
    assert_eq!(sections.len(), 99);
    assert_eq!(select_texts(&html, ".toc li").len(), 99);
    assert_eq!(
        select_texts(&html, ".prose h2"),
        [
            "Inledning",
            "Resultat februari 2023",
            "Aktuella händelser",
            "Avrapportering, pågående ärenden",
            "Information från verksamheten",
            "Regiongemensamt",
            "Hälso- och sjukvårdsnämnden",
            "Regionala utvecklingsnämnden",
            "Bilagor",
        ]
    );
    // Stable ASCII anchors, also for repeated titles.
    let ids = select_attrs(&html, ".prose h3", "id");
    assert!(ids.contains(&"division-lanssjukvard-1".to_string()));
    assert!(ids.contains(&"division-lanssjukvard-2-2".to_string()));
    // A heading the layout glued to its paragraph (line 198).
    assert!(
        select_texts(&html, ".prose h3")
            .contains(&"Tillgänglighet under jourtid i primärvården i Luleå och Boden".to_string())
    );
    // Line 70: the key figure with its sentence and line.
    let figures = select_texts(&html, "#nyckeltal ~ div tbody tr");
    assert!(
        figures.iter().any(|f| f.starts_with(
            "Kostnaderna för inhyrd sjukvårdpersonal ökar med 86 % jämfört med samma period föregående år. 86 % 003_3aa0ed4a4691eb71.txt, rad 70"
        )),
        "{figures:?}"
    );
    assert!(figures.iter().any(|f| f.contains("413 årsarbetare")));
    assert!(text.contains("Regionen har per den sista februari 6 807 anställda"));
}

#[test]
fn monthly_report_lists_lost_bullets() {
    let html = page(MONTHLY_REPORT);
    let items = select_texts(&html, ".prose li");
    assert!(items.contains(&"egen personal +249 årsarbetare".to_string()));
    assert!(items.contains(&"inhyrd personal +164 årsarbetare.".to_string()));
    // The seven intensive-care indicators (lines 639–653) are one list.
    let indicators = select_texts(&html, "#intensivvarden + p + ul li");
    assert_eq!(indicators.len(), 7, "{indicators:?}");
    assert_eq!(
        indicators[6],
        "Överflyttning till annan intensivvårdsavdelning på grund av resursbrist"
    );
}

#[test]
fn report_pages_carry_no_page_furniture() {
    for rel in [PLAN_REPORT, MONTHLY_REPORT, "mal/2023-2025/index.html"] {
        let text = text_of(&page(rel));
        for furniture in [
            "Sida 24 (32)",
            "Sida 48 (52)",
            "DOKUMENT-ID",
            "GÄLLER FÖR VERKSAMHET",
            "[Godkänt datum]",
            "PUBLICERINGSDATUM",
        ] {
            assert!(!text.contains(furniture), "{rel}: {furniture}");
        }
        // Hyphenation across lines was repaired.
        for split in ["medbor- garna", "Norr- botten", "regionsty- relsen"] {
            assert!(!text.contains(split), "{rel}: {split}");
        }
    }
}

#[test]
fn report_tables_and_their_files_must_match() {
    let site = TempSite::repo();
    std::fs::remove_file(
        site.root()
            .join("content/rapporter/strategisk-plan-2023-2025/balansbudget.csv"),
    )
    .unwrap();
    site.write(
        "content/rapporter/strategisk-plan-2023-2025/extra.csv",
        "Mnkr;2023\nA;1\n",
    );
    site.write("content/rapporter/saknas/tabell.csv", "Mnkr;2023\nA;1\n");
    let out = site.build(&[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "content/rapporter/strategisk-plan-2023-2025.md",
        "table `balansbudget` has no cells",
        "content/rapporter/strategisk-plan-2023-2025/balansbudget.csv",
        "content/rapporter/strategisk-plan-2023-2025/extra.csv:1:1: error: a table file without an entry",
        "content/rapporter/saknas/tabell.csv:1:1: error: a table of a report that does not exist",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}
