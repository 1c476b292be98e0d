//! The TAB-table follow-up (seed 002, Årsredovisning 2020): re-running the importer reproduces
//! the committed content, its counts and facts are on the built pages, and its measures share
//! their files (and so their history) with the same measures of the April 2022 report.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::*;

const SEED: &str = "002_82d993171a0ee6f8.txt";
const REPORT: &str = "arsredovisning-2020";

fn import_into(content: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "followup"])
        .arg(Path::new(REPO).join("../shared/seeds").join(SEED))
        .args(["--plan", "2020-2022", "--report", REPORT, "--content"])
        .arg(content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The files the import of 002 writes into: its plan, the measures and its report.
fn owned(tree: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    tree.into_iter()
        .filter(|(p, _)| {
            p.starts_with("matt/")
                || p.starts_with("planer/2020-2022/")
                || p == &format!("rapporter/{REPORT}.md")
        })
        .collect()
}

#[test]
fn reimporting_the_seed_reproduces_the_committed_content() {
    let site = TempSite::repo();
    let content = site.root().join("content");
    import_into(&content);
    let committed = owned(tree(&Path::new(REPO).join("content")));
    let again = owned(tree(&content));
    let differing: Vec<&String> = committed
        .keys()
        .chain(again.keys())
        .filter(|k| committed.get(*k) != again.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "re-importing {SEED} changes {differing:?}"
    );
}

/// The counts, established by reading 002: 5 perspectives and 20 goals (the overview table,
/// lines 21–36); 50 success factors in the detail part (the overview lists 49; "EFFEKTIVA
/// PROCESSER", line 1554, has a table of its own); 99 measures in 117 rows (82 styrmått,
/// 17 activities; a measure split by sex has a row per sex).
#[test]
fn counts_of_the_2020_report() {
    let content = Path::new(REPO).join("content");
    let plan = tree(&content.join("planer/2020-2022"));
    let goals: Vec<&String> = plan.keys().filter(|p| *p != "_index.md").collect();
    assert_eq!(goals.len(), 20, "{goals:?}");
    let factors: usize = plan
        .values()
        .map(|b| String::from_utf8_lossy(b).matches("[[factors]]").count())
        .sum();
    assert_eq!(factors, 50);
    let measures = tree(&content.join("matt"));
    let rows: Vec<String> = measures
        .iter()
        .filter(|(p, _)| p.ends_with(".csv"))
        .flat_map(|(p, b)| {
            String::from_utf8_lossy(b)
                .lines()
                .filter(|l| l.starts_with(REPORT))
                .map(|_| p.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(rows.len(), 117);
    let mut ids = rows.clone();
    ids.dedup();
    assert_eq!(ids.len(), 99);

    let site = TempSite::repo();
    site.build_ok();
    for goal in goals {
        let id = goal.trim_end_matches(".md");
        let page = site.page(&format!("mal/2020-2022/{id}/index.html"));
        assert_eq!(select_texts(&page, "h1").len(), 1, "{id}");
    }
}

#[test]
fn facts_of_the_2020_report_on_the_built_pages() {
    let site = TempSite::repo();
    site.build_ok();
    // seeds/README.md: the palliative measure, RS, target K 40 / M 40, trend förbättring (K)
    // and försämring (M) (lines 845–846); the same measure of April 2022 (000 lines
    // 2803–2821, "inkl. privata hälsocentraler") is on the same page.
    let page = site.page("matt/andel-patienter-med-palliativ-diagnos-som-har-en/index.html");
    let rows = select_texts(&page, "table.results tbody tr");
    let row = |needle: &[&str]| {
        rows.iter()
            .find(|r| needle.iter().all(|n| r.contains(n)))
            .unwrap_or_else(|| panic!("no row with {needle:?} in {rows:?}"))
    };
    row(&["2020", "Kvinnor", "K40", "Förbättring"]);
    row(&["2020", "Män", "M40", "Försämring"]);
    row(&["april 2022", "Kvinnor", "70 %", "24 %"]);
    assert!(text_of(&page).contains("RS") || text_of(&page).contains("Regionstyrelsen"));

    // A goal assessed in the overview table: God ekonomisk hushållning is achieved (line 1423).
    let goal = text_of(&site.page("mal/2020-2022/god-ekonomisk-hushallning/index.html"));
    assert!(
        goal.contains("ur ett finansiellt perspektiv uppnås år 2020"),
        "{goal}"
    );

    // The goal that continues into the plan 2022–2024 shows its successor, and back.
    let old = text_of(
        &site.page("mal/2020-2022/hallbar-kompetensforsorjning-oavsett-leverantor/index.html"),
    );
    assert!(
        old.contains("Hållbar kompetensförsörjning (Strategisk plan 2022–2024)"),
        "{old}"
    );
    let new = text_of(&site.page("mal/2022-2024/hallbar-kompetensforsorjning/index.html"));
    assert!(
        new.contains("Hållbar kompetensförsörjning oavsett leverantör (Strategisk plan 2020–2022)"),
        "{new}"
    );

    // An activity keeps its target text (line 149) and its organ.
    let activity = text_of(
        &site.page("matt/ta-fram-handlingsplan-for-genomforande-av-norrbottens-klimat/index.html"),
    );
    assert!(activity.contains("Handlingsplan antagen"), "{activity}");
}

/// Issue #21: the appendix's narrative is on the report page as sections with a table of
/// contents, each success factor shows its part on the goal page and links the section, and
/// the re-admissions outcomes the text states (line 888) are in the table and the chart.
#[test]
fn the_narrative_and_the_outcomes_stated_in_prose_reach_the_pages() {
    let site = TempSite::repo();
    site.build_ok();
    let report = site.page(&format!("rapporter/{REPORT}/index.html"));
    let toc = select_texts(&report, "nav.toc li");
    for heading in [
        "Inledning",
        "Samhälle",
        "Goda kommunikationer",
        "En infrastruktur som möter dagens och morgondagens behov",
    ] {
        assert!(toc.iter().any(|t| t == heading), "no {heading} in {toc:?}");
    }
    let text = text_of(&report);
    assert!(text.contains("Region Norrbotten tillämpar balanserad styrning"));
    assert!(
        text.contains(
            "Almi Företagspartner Nord, Region Norrbotten och Energikontor Norrs miljöpris"
        )
    );

    let goal = site.page("mal/2020-2022/goda-kommunikationer/index.html");
    let links = select_attrs(&goal, ".factor .narrative a", "href");
    let infrastructure =
        "/rapporter/arsredovisning-2020/#en-infrastruktur-som-moter-dagens-och-morgondagens-behov";
    assert!(links.iter().any(|l| l == infrastructure), "{links:?}");
    let details = select_texts(&goal, ".factor .narrative details");
    assert!(
        details.iter().any(|d| d.contains("Botniska korridoren")),
        "{details:?}"
    );

    let measure =
        site.page("matt/oplanerade-aterinskrivningar-inom-30-dagar-for-personer-65/index.html");
    let rows = select_texts(&measure, "table.results tbody tr");
    for (group, outcome) in [("Kvinnor", "17,2 %"), ("Män", "17,7 %")] {
        assert!(
            rows.iter().any(|r| r.contains("2020")
                && r.contains(group)
                && r.contains(outcome)
                && r.contains("Ej uppnått")),
            "{rows:?}"
        );
    }
    let page = text_of(&measure);
    assert!(page.contains("Utfallet är hämtat ur rapportens text (rad 888)"));
    assert!(page.contains("002_82d993171a0ee6f8.txt, rad 848–888"));
    let chart = select_texts(&measure, "svg.chart desc").join(" ");
    assert!(
        chart.contains("Utfall 2020: kvinnor 17,2 %, män 17,7 %; april 2022"),
        "{chart}"
    );
}
