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

/// The sentences of a measure's comment long enough not to recur by chance.
fn long_sentences(comment: &str) -> Vec<&str> {
    comment
        .split_inclusive(". ")
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 8)
        .collect()
}

#[test]
fn a_goal_page_shows_each_measures_comment_once() {
    let site = built();
    let mut repeated = Vec::new();
    for (path, bytes) in tree(&site.public()) {
        if !(path.starts_with("mal/") && path.ends_with("index.html")) {
            continue;
        }
        for factor in select_html(&String::from_utf8_lossy(&bytes), ".factor") {
            for narrative in select_html(&factor, ".narrative") {
                // The report's own comments: `Kommentar 2020: …` under a narrative of a
                // report whose link names 2020.
                let link = select_texts(&narrative, "a").join(" ");
                let text = text_of(&narrative);
                for comment in select_texts(&factor, ".measure-card .comment") {
                    let Some((label, comment)) = comment.split_once(": ") else {
                        continue;
                    };
                    let year = label
                        .trim_start_matches("Kommentar ")
                        .get(..4)
                        .unwrap_or("");
                    if !link.contains(year) {
                        continue;
                    }
                    for sentence in long_sentences(comment) {
                        if text.contains(sentence) {
                            repeated.push(format!("{path}: {sentence}"));
                        }
                    }
                }
            }
        }
    }
    assert!(repeated.is_empty(), "{repeated:#?}");

    // The report's text about the measure is its comment on the card; the collapsed text keeps
    // the factor's other sections and says where the measure's text is.
    let goal = site.page(
        "mal/2020-2022/en-valkomnande-nytankande-hallbar-och-attraktiv-verksamhet/index.html",
    );
    let factor = select_texts(
        &goal,
        "#ff-verksamheten-utvecklas-for-att-svara-mot-behoven",
    )
    .join(" ");
    assert!(
        factor.contains(
            "Kommentar 2020: Regionen har under året utvecklat sina dialoger med kommunerna."
        ),
        "{factor}"
    );
    assert!(
        factor.contains("Konferensen Utveckla Norrbotten"),
        "{factor}"
    );
    assert!(
        factor.contains(
            "Rapportens text om måttet Dialog med länets kommuner står ovan som kommentar till måttet."
        ),
        "{factor}"
    );
}

#[test]
fn a_measure_card_names_each_source_line_once() {
    let site = built();
    let mut repeated = Vec::new();
    for (path, bytes) in tree(&site.public()) {
        if !(path.starts_with("mal/") && path.ends_with("index.html")) {
            continue;
        }
        for card in select_html(&String::from_utf8_lossy(&bytes), ".measure-card") {
            let sources = select_texts(&card, ".source");
            let mut seen = std::collections::BTreeSet::new();
            for source in sources {
                if !seen.insert(source.clone()) {
                    repeated.push(format!("{path}: {source}"));
                }
            }
        }
    }
    assert!(repeated.is_empty(), "{repeated:#?}");
}
