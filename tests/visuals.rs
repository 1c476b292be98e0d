//! The visual layer on built sites: charts, sparklines, scorecards, legends, the accessibility
//! statement and the organisation's logo and accent colour from the config.

mod common;

use common::{TempSite, select_attrs, select_html, select_texts, text_of};

const GOAL: &str = "mal/2022-2024/trygg-norrbottning-med-god-livskvalitet/index.html";

#[test]
fn measure_page_has_an_accessible_chart_with_the_numbers_as_a_table() {
    let site = TempSite::repo();
    site.build_ok();
    let page = site.page("matt/antal-patienter-fraga-om-vald-i-nara-relation/index.html");
    let charts = select_html(&page, "svg.chart");
    assert_eq!(charts.len(), 1);
    assert!(charts[0].contains(r#"role="img""#));
    assert_eq!(
        select_texts(&page, "svg.chart desc"),
        // 2020 (002) gives the target only; April 2022 (000) the outcomes.
        ["Utfall 2020: inget utfall i siffror; april 2022: kvinnor 2659, män 1280."]
    );
    // Women and men: different markers in the chart and named in the legend.
    assert!(charts[0].contains("series--women") && charts[0].contains("<circle"));
    assert!(charts[0].contains("series--men") && charts[0].contains("<rect"));
    assert_eq!(select_texts(&page, ".chart-legend li"), ["Kvinnor", "Män"]);
    // The same numbers in the results table.
    let table = select_texts(&page, "table.results td.figure").join(" ");
    assert!(table.contains("2659") && table.contains("1280"), "{table}");
}

#[test]
fn activities_and_measures_without_numbers_get_no_chart_but_say_why() {
    let site = TempSite::repo();
    site.build_ok();
    let page = site.page("matt/handlingsplan-regionala-kompetensforsorjningsradet/index.html");
    assert!(select_html(&page, "svg.chart").is_empty());
    assert!(
        text_of(&page).contains("Inget diagram"),
        "{}",
        text_of(&page)
    );
}

#[test]
fn goal_page_answers_how_it_is_going_first_with_legend_and_sparklines() {
    let site = TempSite::repo();
    site.build_ok();
    let page = site.page(GOAL);
    let summary = select_texts(&page, ".summary").join(" ");
    assert!(
        summary.starts_with("Delvis uppnått Samlad bedömning enligt Delårsrapport per april 2022"),
        "{summary}"
    );
    assert!(
        summary.contains("1 uppnått") && summary.contains("4 ej uppnått"),
        "{summary}"
    );
    let text = text_of(&page);
    let summary_at = text.find("31 mått följer upp målet").unwrap();
    let factors_at = text.find("Framgångsfaktorer och mått").unwrap();
    assert!(summary_at < factors_at);
    // Right after the summary: every success factor with its measures' statuses, linked to
    // its section further down.
    let overview = select_attrs(&page, ".factor-overview > ul > li > a", "href");
    let sections = select_attrs(&page, "section.factor", "id");
    assert_eq!(overview.len(), 9);
    assert_eq!(
        overview,
        sections
            .iter()
            .map(|id| format!("#{id}"))
            .collect::<Vec<_>>()
    );
    // The legend names every level, with the computed marking.
    let legend = select_texts(&page, ".legend__list li");
    assert_eq!(
        legend,
        [
            "Uppnått / slutförd",
            "Delvis uppnått / påbörjad",
            "Ej uppnått / ej påbörjad",
            "Bedöms ej",
            "Delvis uppnått (beräknad)"
        ]
    );
    let sparks = select_attrs(&page, "svg.sparkline", "aria-label");
    assert!(!sparks.is_empty());
    assert!(
        sparks.iter().all(|s| s.starts_with("Utfall ")),
        "{sparks:?}"
    );
}

#[test]
fn scorecard_is_computed_from_the_assessments() {
    let site = TempSite::repo();
    site.build_ok();
    let page = site.page("mal/2022-2024/index.html");
    assert_eq!(
        select_texts(&page, ".scorecard__total"),
        ["Samlad bedömning av 6 strategiska mål: 6 delvis uppnått."]
    );
    let rows = select_texts(&page, ".scorecard tbody tr");
    assert_eq!(rows.len(), 6);
    assert!(
        rows.iter().any(|r| r.starts_with("Trygg norrbottning med god livskvalitet Delvis uppnått (april 2022) 1 uppnått 4 ej uppnått")),
        "{rows:?}"
    );
    // Changing an assessment in the content changes the scorecard.
    site.edit(
        "content/planer/2022-2024/trygg-norrbottning-med-god-livskvalitet.md",
        "status = \"delvis-uppnatt\"",
        "status = \"uppnatt\"",
    );
    site.build_ok();
    let page = site.page("mal/2022-2024/index.html");
    assert_eq!(
        select_texts(&page, ".scorecard__total"),
        ["Samlad bedömning av 6 strategiska mål: 1 uppnått och 5 delvis uppnått."]
    );
}

#[test]
fn accessibility_statement_comes_from_the_config_and_is_linked_from_every_footer() {
    let site = TempSite::repo();
    site.build_ok();
    let page = site.page("tillganglighet/index.html");
    let text = text_of(&page);
    for needle in [
        "Region Norrbotten står bakom webbplatsen Insyn Norrbotten",
        "region@norrbotten.se",
        "delvis förenlig med lagen om tillgänglighet till digital offentlig service",
        "Myndigheten för digital förvaltning",
        "axe-core mot WCAG 2.1 nivå A och AA",
        "uppdaterades senast 23 november 2026",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in {text}");
    }
    for rel in ["index.html", GOAL] {
        let footer = select_attrs(&site.page(rel), ".site-footer a", "href");
        assert!(
            footer.contains(&"/tillganglighet/".to_string()),
            "{rel}: {footer:?}"
        );
    }
    // Without the config section there is no statement page.
    let fixture = TempSite::fixture();
    fixture.build_ok();
    assert!(!fixture.public().join("tillganglighet").exists());
}

#[test]
fn logo_from_the_config_is_copied_and_shown() {
    let site = TempSite::fixture();
    site.write("bild/logo.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>"#);
    site.edit(
        "insyn.toml",
        "accent_color = \"#005a8c\"",
        "accent_color = \"#005a8c\"\nlogo = \"bild/logo.svg\"",
    );
    site.build_ok();
    assert!(site.public().join("assets/logo.svg").is_file());
    let srcs = select_attrs(&site.page("index.html"), ".site-header__logo", "src");
    assert_eq!(srcs, ["/assets/logo.svg"]);
}

#[test]
fn missing_logo_and_unreadable_accent_colour_are_errors() {
    let site = TempSite::fixture();
    site.edit(
        "insyn.toml",
        "accent_color = \"#005a8c\"",
        "accent_color = \"#005a8c\"\nlogo = \"saknas.png\"",
    );
    let out = site.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("cannot read logo `saknas.png`"), "{stderr}");

    let site = TempSite::fixture();
    site.edit(
        "insyn.toml",
        "accent_color = \"#005a8c\"",
        "accent_color = \"#ffdd00\"",
    );
    let out = site.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("accent_color `#ffdd00` is too light"),
        "{stderr}"
    );
}

#[test]
fn every_page_that_shows_a_status_explains_the_symbols() {
    let site = TempSite::repo();
    site.build_ok();
    let mut pages_with_status = 0;
    for (path, bytes) in common::tree(&site.public()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        if html.contains(r#"class="status status--"#) {
            pages_with_status += 1;
            assert!(
                html.contains(r#"<div class="legend">"#),
                "{path} shows statuses without the legend"
            );
        }
    }
    assert!(
        pages_with_status > 10,
        "only {pages_with_status} pages with statuses"
    );
}
