//! Builds the repository's own Region Norrbotten content and checks facts from the source
//! documents on the built pages (see ../shared/seeds/README.md, "Example facts").

mod common;

use common::*;

fn built() -> TempSite {
    let site = TempSite::repo();
    site.build_ok();
    site
}

#[test]
fn real_content_builds_without_broken_links() {
    let site = built();
    let broken = broken_links(&site.public(), "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn minutes_facts() {
    let site = built();
    let p162 = site.page("protokoll/regionstyrelsen/2020-10-14/162/index.html");
    let text = text_of(&p162);
    assert!(
        text.contains("Covid-19, ska vara stängt för allmänheten"),
        "{text}"
    );
    let reservations = select_texts(&p162, "#reservationer + ul li");
    assert_eq!(reservations.len(), 1, "{reservations:?}");
    assert!(
        reservations[0].starts_with("Glenn Berggård (V), Anders Öberg (S)"),
        "{reservations:?}"
    );

    let p172 = site.page("protokoll/regionstyrelsen/2020-10-14/172/index.html");
    assert_eq!(
        select_texts(&p172, "h1"),
        vec!["§ 172 Ny driftsorganisation i Region Norrbotten"]
    );
    assert!(text_of(&p172).contains("Regionstyrelsen 2020-10-14 § 172, dnr 1351-2020"));

    // A decision in numbered points reads as the minutes number them.
    let p177 = site.page("protokoll/regionstyrelsen/2020-10-14/177/index.html");
    let points = select_texts(&p177, ".decision ol > li");
    assert_eq!(points.len(), 3, "{points:?}");
    assert!(points[1].starts_with("Regionstyrelsen beslutar att flytta uppföljningen"));
    let p174 = site.page("protokoll/regionstyrelsen/2020-10-14/174/index.html");
    assert_eq!(
        select_texts(&p174, ".decision > p"),
        vec!["Regionstyrelsen beslutar att"]
    );
    assert!(!select_texts(&p174, ".decision ol > li").is_empty());

    let p178 = site.page("protokoll/regionstyrelsen/2020-10-14/178/index.html");
    let recusals = select_texts(&p178, "#jav + ul li");
    assert!(
        recusals.iter().any(|r| r.starts_with("Linda Frohm (M)")),
        "{recusals:?}"
    );
}

#[test]
fn measure_facts() {
    let site = built();
    let html = site.page("matt/antal-slutforda-triage-digitalen/index.html");
    assert_eq!(
        select_texts(&html, "h1"),
        vec!["Antal slutförda triage totalt i länet på Digitalen"]
    );
    let rows = select_texts(&html, "table.results tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains("43000") && r.contains("18 464")),
        "{rows:?}"
    );
    assert!(text_of(&html).contains("Ansvarig RS"));
}

#[test]
fn plan_facts() {
    let site = built();
    let plan = site.page("mal/2023-2025/index.html");
    let goals = select_texts(&plan, ".scorecard th[scope=row]");
    assert_eq!(goals.len(), 6, "{goals:?}");
    assert_eq!(goals[0], "Ett hållbart och livskraftigt län");
    assert_eq!(select_texts(&plan, ".assignments > li").len(), 40);
    let goal = site.page("mal/2023-2025/ett-hallbart-och-livskraftigt-lan/index.html");
    assert!(
        text_of(&goal).contains("Ansvariga: RS, RUN"),
        "{}",
        text_of(&goal)
    );
}
