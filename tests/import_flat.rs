//! The flattened-table follow-up (seed 000, Delårsrapport per april 2022): re-running the
//! importer reproduces the committed content, and facts from the source are on the built
//! pages.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const SEED: &str = "000_dd116de8632fe0a7.txt";

fn seed() -> std::path::PathBuf {
    Path::new(REPO).join("../shared/seeds").join(SEED)
}

/// The files the import of 000 owns: its plan's goals, the measures and its report.
fn owned(tree: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    tree.iter()
        .filter(|(p, _)| {
            p.starts_with("matt/")
                || p.starts_with("planer/2022-2024/")
                || p == &"rapporter/delarsrapport-april-2022.md"
        })
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

#[test]
fn reimporting_the_seed_reproduces_the_committed_content() {
    let site = TempSite::repo();
    let content = site.root().join("content");
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "followup"])
        .arg(seed())
        .args([
            "--plan",
            "2022-2024",
            "--report",
            "delarsrapport-april-2022",
            "--content",
        ])
        .arg(&content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = owned(&tree(&Path::new(REPO).join("content")));
    let again = owned(&tree(&content));
    let names =
        |files: &[(String, Vec<u8>)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&again),
        names(&committed),
        "the import created or lost files"
    );
    for ((path, a), (_, b)) in again.iter().zip(&committed) {
        assert!(
            a == b,
            "{path} differs after re-import:\n--- re-imported\n{}\n--- committed\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

#[test]
fn a_changed_override_that_no_longer_fits_the_source_is_an_error() {
    let site = TempSite::repo();
    site.edit(
        "content/_import/000_dd116de8632fe0a7.toml",
        "outcome = \"578 besök\"",
        "outcome = \"587 besök\"",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "followup"])
        .arg(seed())
        .args([
            "--plan",
            "2022-2024",
            "--report",
            "delarsrapport-april-2022",
            "--content",
        ])
        .arg(site.root().join("content"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("000_dd116de8632fe0a7.txt:2258: the override's target and outcome"),
        "{stderr}"
    );
}

/// The result rows of a measure page as text, one string per row.
fn rows(site: &TempSite, id: &str) -> Vec<String> {
    select_texts(
        &site.page(&format!("matt/{id}/index.html")),
        "table.results tbody tr",
    )
}

fn has_row(rows: &[String], parts: &[&str]) -> bool {
    rows.iter().any(|r| parts.iter().all(|p| r.contains(p)))
}

#[test]
fn facts_of_the_april_2022_report_on_the_built_pages() {
    let site = TempSite::repo();
    site.build_ok();

    // The plan page lists the six goals of the report in source order.
    let plan = site.page("mal/2022-2024/index.html");
    assert_eq!(
        select_texts(&plan, ".scorecard th[scope=row]"),
        [
            "Ett livskraftigt län",
            "Trygg norrbottning med god livskvalitet",
            "God, nära och samordnad vård",
            "Behovsstyrd regional utveckling i samverkan",
            "Hållbar kompetensförsörjning",
            "Långsiktig hållbar ekonomi"
        ]
    );

    // Factors per goal (34 in all) and the goal's organs and assessment.
    let factors: usize = [
        ("ett-livskraftigt-lan", 6),
        ("trygg-norrbottning-med-god-livskvalitet", 9),
        ("god-nara-och-samordnad-vard", 6),
        ("behovsstyrd-regional-utveckling-i-samverkan", 3),
        ("hallbar-kompetensforsorjning", 4),
        ("langsiktig-hallbar-ekonomi", 6),
    ]
    .iter()
    .map(|(goal, n)| {
        let html = site.page(&format!("mal/2022-2024/{goal}/index.html"));
        assert_eq!(
            select_texts(&html, "section.factor > h3").len(),
            *n,
            "{goal}"
        );
        assert!(text_of(&html).contains("Delvis uppnått"), "{goal}");
        n
    })
    .sum();
    assert_eq!(factors, 34);
    let economy = text_of(&site.page("mal/2022-2024/langsiktig-hallbar-ekonomi/index.html"));
    assert!(economy.contains("Ansvariga: RS, RUN, PN"), "{economy}");
    assert!(economy.contains("delvis kommer att uppnås på årsbasis"));

    // The goal page shows the example fact from seeds/README.md.
    let trygg = site.page("mal/2022-2024/trygg-norrbottning-med-god-livskvalitet/index.html");
    assert!(has_row(
        &select_texts(&trygg, "table tbody tr"),
        &["43000", "18 464"]
    ));

    // Line 1280: RS, 43000, 18 464.
    assert!(has_row(
        &rows(&site, "antal-slutforda-triage-digitalen"),
        &["Totalt", "43000", "18 464"]
    ));
    // Lines 3938-3952: sick leave per sex.
    let sick = rows(&site, "sjukfranvaro");
    assert!(has_row(&sick, &["Kvinnor", "Minska", "8,7%"]), "{sick:?}");
    assert!(has_row(&sick, &["Män", "5,4%"]), "{sick:?}");
    assert!(
        has_row(&sick, &["Totalt", "8,0% varav lång 45,9% och kort 54,1%"]),
        "{sick:?}"
    );
    // Lines 4565-4573 and 4628-4630: 79 kr against at most 300 kr, "221 kr bättre än målet".
    let drugs = rows(
        &site,
        "skillnad-i-regionens-lakemedelskostnad-per-invanare-gentemot",
    );
    assert!(
        has_row(
            &drugs,
            &["Högst 300 kr/invånare", "79 kr/invånare", "Uppnått"]
        ),
        "{drugs:?}"
    );
    // Lines 3027-3049: falls, 38 women, 40 men, 80 in all.
    let falls = rows(&site, "antal-vardrelaterade-fallskador-hos-aldre");
    assert!(
        has_row(
            &falls,
            &["Kvinnor", "Minska med 50% jämfört med 2020", "38"]
        ),
        "{falls:?}"
    );
    assert!(has_row(&falls, &["Män", "40"]), "{falls:?}");
    assert!(
        has_row(&falls, &["Totalt", "Framgår ej: 2 Totalt: 80"]),
        "{falls:?}"
    );
    // Line 2990 and 2993: 228 prescriptions "når målet".
    assert!(has_row(
        &rows(&site, "antibiotikarecept-per-tusen-invanare-och-ar"),
        &["250 st", "228 st", "Uppnått"]
    ));
    // Lines 2258-2266 and 2318-2322: the patient board's page, 578 visits, "har inte uppnåtts".
    assert!(has_row(
        &rows(&site, "besok-pa-patientnamndens-sida"),
        &["Öka 5%", "578 besök", "Ej uppnått"]
    ));
    // Lines 2873-2879 and 2938: 71 %, "Därmed nås inte målet".
    assert!(has_row(
        &rows(
            &site,
            "andel-av-patienter-med-sip-som-har-en-fast-vardkontakt"
        ),
        &["Öka", "71 %", "Ej uppnått"]
    ));
    // Lines 2855-2869 and 2924-2926: a target per sex; the men's is reached.
    let readmissions = rows(
        &site,
        "oplanerade-aterinskrivningar-inom-30-dagar-for-personer-65",
    );
    assert!(
        has_row(&readmissions, &["Män", "17,2%", "16 %", "Uppnått"]),
        "{readmissions:?}"
    );
    assert!(
        has_row(
            &readmissions,
            &["Kvinnor", "16,0%", "17 %", "Ingen bedömning"]
        ),
        "{readmissions:?}"
    );
    // Lines 4230-4232: balance requirement, 1 % target, forecast 9,3 %.
    assert!(has_row(
        &rows(
            &site,
            "regionens-balanskravsresultat-i-forhallande-till-skatt"
        ),
        &["1 %", "Årsprognos 9,3 %"]
    ));
    // Lines 4291-4297 and 4321-4327: two measures named "Budget hålls", one per factor.
    assert!(has_row(
        &rows(&site, "budget-halls"),
        &["Alla verksamheter"]
    ));
    assert!(has_row(&rows(&site, "budget-halls-2"), &["Budget hålls"]));
    // Line 2216-2220: the Polarbibblo activity (RUN).
    let polar = text_of(&site.page("matt/utveckla-polarbibblo/index.html"));
    assert!(
        polar.contains("Aktivitet") && polar.contains("RUN"),
        "{polar}"
    );

    // The report page carries the document's id and version (line 175).
    let report = text_of(&site.page("rapporter/delarsrapport-april-2022/index.html"));
    assert!(report.contains("lgekpl-4-1041"), "{report}");
}
