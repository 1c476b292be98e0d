//! Builds the fixture site and checks what a reader sees on its pages, and that the output is
//! deterministic, free of broken links and correct under a sub-path.

mod common;

use common::*;

#[test]
fn goal_page_lists_factors_and_measures_with_results() {
    let site = TempSite::fixture();
    site.build_ok();
    let html = site.page("mal/2023-2025/god-nara-och-samordnad-vard/index.html");
    assert_eq!(
        select_texts(&html, "h1"),
        vec!["God nära och samordnad vård"]
    );
    let factors = select_texts(&html, ".factor > h3");
    assert_eq!(factors, vec!["Tillgänglig vård", "Digital utveckling"]);

    let measures = select_texts(&html, ".measure-card h4 a");
    assert_eq!(
        measures,
        vec![
            "Antal slutförda triage totalt i länet på Digitalen",
            "Andel patienter med palliativ diagnos som har en dokumenterad behandlingsstrategi (%)",
            "Utveckla Polarbibblo",
        ]
    );
    let links = select_attrs(&html, ".measure-card h4 a", "href");
    assert_eq!(links[0], "/matt/antal-slutforda-triage/");

    // Target, outcome, status text (computed, marked so) and trend text of the triage measure.
    let card = &select_html(&html, ".measure-card")[0];
    let rows = select_texts(card, "table.results tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("43000"), "{}", rows[0]);
    assert!(rows[0].contains("18 464"), "{}", rows[0]);
    assert!(rows[0].contains("Delvis uppnått (beräknad)"), "{}", rows[0]);
    assert!(rows[0].contains("Förbättring"), "{}", rows[0]);

    // The sex-split measure shows only the plan period's results, per group.
    let text = text_of(&html);
    assert!(
        text.contains("Kvinnor 40 42,5 % Uppnått ▲ Förbättring"),
        "{text}"
    );
    assert!(
        text.contains("Män 40 38,1 % Delvis uppnått ▶ Oförändrat"),
        "{text}"
    );
    assert!(
        !text.contains("2020 Kvinnor"),
        "results of the earlier plan leak into this plan's goal page"
    );

    // Activity status, overall assessment, lineage, related assignment, source.
    assert!(text.contains("Påbörjad"), "{text}");
    assert!(
        text.contains(
            "Delvis uppnått Samlad bedömning enligt Delårsrapport per april 2023 (april 2023)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Föregående mål: En god och nära vård (Strategisk plan 2020–2022)"),
        "{text}"
    );
    assert!(text.contains("Utveckla den digitala vården"), "{text}");
    assert!(
        text.contains("Källa: 000_dd116de8632fe0a7.txt, rad 1180–1190"),
        "{text}"
    );
    // Status is never colour alone: every status badge has a shape and a text.
    let badges = select_texts(&html, ".status");
    assert_eq!(
        select_html(&html, ".status > svg.shape").len(),
        badges.len()
    );
    assert!(
        badges.iter().all(|b| b.chars().any(char::is_alphabetic)),
        "{badges:?}"
    );

    let old = site.page("mal/2020-2022/en-god-och-nara-vard/index.html");
    assert!(
        text_of(&old)
            .contains("Efterföljande mål: God nära och samordnad vård (Strategisk plan 2023–2025)")
    );
}

#[test]
fn measure_page_shows_the_whole_history() {
    let site = TempSite::fixture();
    site.build_ok();
    let html = site.page("matt/palliativ-behandlingsstrategi/index.html");
    let rows = select_texts(&html, "table.results tbody tr");
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(
        rows[0].starts_with("2020 Årsredovisning 2020 Kvinnor 40"),
        "{}",
        rows[0]
    );
    assert!(
        rows[0].contains("Ej uppnått") && rows[0].contains("Förbättring"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("Män") && rows[1].contains("Försämring"),
        "{}",
        rows[1]
    );
    assert!(rows[3].starts_with("april 2023"), "{}", rows[3]);
    let text = text_of(&html);
    assert!(
        text.contains("Följer upp En god och nära vård (Strategisk plan 2020–2022)"),
        "{text}"
    );
    assert!(text.contains("002_82d993171a0ee6f8.txt, rad 300"), "{text}");
}

#[test]
fn paragraph_page_shows_all_its_parts() {
    let site = TempSite::fixture();
    site.build_ok();
    let html = site.page("protokoll/regionstyrelsen/2020-10-14/162/index.html");
    let text = text_of(&html);
    assert_eq!(
        select_texts(&html, "h1"),
        vec!["§ 162 Fastställande av närvarorätt på sammanträdet"]
    );
    assert!(text.contains("Beslut Regionstyrelsen beslutar att sammanträdet, mot bakgrund av risk för smittspridning av Covid-19, ska vara stängt för allmänheten."), "{text}");
    let reservations = select_texts(&html, "#reservationer + ul li");
    assert_eq!(reservations.len(), 1);
    assert!(
        reservations[0].starts_with("Glenn Berggård (V), Anders Öberg (S):"),
        "{reservations:?}"
    );
    assert!(
        reservations[0].ends_with("reserverar sig mot beslutet."),
        "{reservations:?}"
    );
    assert!(text.contains("Ordföranden: Ordföranden föreslår"), "{text}");
    assert!(
        text.contains("Citera: Regionstyrelsen 2020-10-14 § 162"),
        "{text}"
    );

    let html = site.page("protokoll/regionstyrelsen/2020-10-14/172/index.html");
    let text = text_of(&html);
    assert!(text.contains("Diarienummer: 1351-2020"), "{text}");
    assert!(text.contains("Förslag till regionfullmäktige"), "{text}");
    assert!(
        text.contains("Citera: Regionstyrelsen 2020-10-14 § 172, dnr 1351-2020"),
        "{text}"
    );
    assert!(
        text.contains("(Omröstning: 8 ja, 7 nej, 0 avstår)"),
        "{text}"
    );
    assert!(
        text.contains("Socialdemokraterna (S): Vi har inte haft tillgång"),
        "{text}"
    );
    assert!(text.contains("Lag: Lag (2010:1065)"), "{text}");
    assert!(
        text.contains("Bilaga 1: Förslag till driftsorganisation"),
        "{text}"
    );
    assert_eq!(select_attrs(&html, "h2#arendet", "id"), vec!["arendet"]);

    let html = site.page("protokoll/regionstyrelsen/2020-10-14/178/index.html");
    assert_eq!(
        select_texts(&html, "#jav + ul li"),
        vec!["Linda Frohm (M): Linda Frohm (M) deltar inte i handläggningen på grund av jäv."]
    );
    assert!(text_of(&html).contains("Diarienummer: 1123-2020, 1124-2020"));

    // The meeting page lists every § with a stable anchor.
    let meeting = site.page("protokoll/regionstyrelsen/2020-10-14/index.html");
    assert_eq!(
        select_attrs(&meeting, ".paragraph-item", "id"),
        vec!["p162", "p172", "p178"]
    );
}

#[test]
fn report_page_has_toc_sections_and_key_figures() {
    let site = TempSite::fixture();
    site.build_ok();
    let html = site.page("rapporter/delarsrapport-april-2023/index.html");
    assert_eq!(
        select_attrs(&html, ".toc a", "href"),
        vec!["#inledning", "#maluppfyllelse", "#samhalle", "#medborgare"]
    );
    let text = text_of(&html);
    assert!(
        text.contains("Slutförda triage på Digitalen 18 464 st 000_dd116de8632fe0a7.txt, rad 1201"),
        "{text}"
    );
    assert!(text.contains("Periodens resultat -71 mnkr"), "{text}");
    assert!(text.contains("Dokument-id lgekpl-4-1041"), "{text}");
}

#[test]
fn start_organ_and_index_pages_link_the_content() {
    let site = TempSite::fixture();
    site.build_ok();
    let home = site.page("index.html");
    assert_eq!(select_attrs(&home, "html", "lang"), vec!["sv"]);
    assert_eq!(
        select_attrs(&home, "a.skip-link", "href"),
        vec!["#innehall"]
    );
    let text = text_of(&home);
    assert!(text.contains("Strategisk plan 2023–2025"), "{text}");
    assert!(
        text.contains("God nära och samordnad vård Delvis uppnått"),
        "{text}"
    );
    let organ = site.page("organ/regionstyrelsen/index.html");
    let text = text_of(&organ);
    assert!(text.contains("God nära och samordnad vård"), "{text}");
    assert!(text.contains("14 oktober 2020"), "{text}");
    assert!(site.public().join("404.html").exists());
    let css: Vec<String> = select_attrs(&home, "link[rel=stylesheet]", "href");
    assert!(
        css[0].starts_with("/assets/main.") && css[0].ends_with(".css"),
        "{css:?}"
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    let site = TempSite::fixture();
    site.build_ok();
    let first = tree(&site.public());
    site.build_ok();
    let second = tree(&site.public());
    assert!(first.len() > 20);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn no_broken_internal_links_or_anchors() {
    let site = TempSite::fixture();
    site.build_ok();
    let broken = broken_links(&site.public(), "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_link_and_asset_works_under_a_sub_path() {
    let site = TempSite::fixture();
    let out = site.build(&["--base-url", "https://example.org/insyn/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let broken = broken_links(&site.public(), "/insyn/");
    assert!(
        broken.is_empty(),
        "broken links under /insyn/:\n{}",
        broken.join("\n")
    );
    let home = site.page("index.html");
    assert!(select_attrs(&home, "link[rel=stylesheet]", "href")[0].starts_with("/insyn/assets/"));
    assert_eq!(
        select_attrs(&home, "a.site-header__brand", "href"),
        vec!["/insyn/"]
    );
}

#[test]
fn raw_html_in_content_is_escaped_or_dropped() {
    let site = TempSite::fixture();
    site.edit(
        "content/sidor/om.md",
        "Uppnått betyder",
        "<script>alert('x')</script> Uppnått betyder",
    );
    site.edit(
        "content/organ/rf.md",
        "name = \"Regionfullmäktige\"",
        "name = \"Region<b>fullmäktige</b>\"",
    );
    site.build_ok();
    let om = site.page("om/index.html");
    assert!(
        !om.contains("<script>alert"),
        "raw HTML from Markdown reached the page"
    );
    let organs = site.page("organ/index.html");
    assert!(
        organs.contains("Region&lt;b&gt;fullmäktige&lt;&#x2f;b&gt;")
            || organs.contains("Region&lt;b&gt;fullmäktige&lt;/b&gt;"),
        "front matter text was not escaped"
    );
}

#[test]
fn person_pages_list_what_each_politician_did() {
    let site = TempSite::fixture();
    site.build_ok();
    let html = site.page("personer/glenn-berggard/index.html");
    assert_eq!(select_texts(&html, "h1"), vec!["Glenn Berggård"]);
    assert!(text_of(&html).contains("Vänsterpartiet (V)"));
    let reservations = select_attrs(&html, "#reservationer + ul a", "href");
    assert_eq!(
        reservations,
        vec!["/protokoll/regionstyrelsen/2020-10-14/162/"]
    );
    let proposals = select_texts(&html, "#yrkanden + ul li");
    assert!(
        proposals[0].contains("föreslår att sammanträdet ska vara öppet"),
        "{proposals:?}"
    );

    let frohm = site.page("personer/linda-frohm/index.html");
    assert_eq!(
        select_attrs(&frohm, "#jav + ul a", "href"),
        vec!["/protokoll/regionstyrelsen/2020-10-14/178/"]
    );

    let index = site.page("personer/index.html");
    assert_eq!(
        select_texts(&index, "h2"),
        vec![
            "Moderaterna (M)",
            "Socialdemokraterna (S)",
            "Vänsterpartiet (V)"
        ]
    );

    // The § links each person to their page.
    let p162 = site.page("protokoll/regionstyrelsen/2020-10-14/162/index.html");
    assert_eq!(
        select_attrs(&p162, "#reservationer + ul a", "href"),
        vec!["/personer/glenn-berggard/", "/personer/anders-oberg/"]
    );
}

#[test]
fn case_pages_collect_every_paragraph_of_a_diary_number() {
    let site = TempSite::fixture();
    site.build_ok();
    let html = site.page("arenden/1351-2020/index.html");
    assert_eq!(select_texts(&html, "h1"), vec!["Dnr 1351-2020"]);
    assert_eq!(
        select_attrs(&html, "main li a", "href"),
        vec!["/protokoll/regionstyrelsen/2020-10-14/172/"]
    );
    let p172 = site.page("protokoll/regionstyrelsen/2020-10-14/172/index.html");
    assert_eq!(
        select_attrs(&p172, "main p a[href^='/arenden/']", "href"),
        vec!["/arenden/1351-2020/"]
    );
    let index = site.page("arenden/index.html");
    assert_eq!(
        select_texts(&index, "main li a"),
        vec!["1123-2020", "1124-2020", "1351-2020"]
    );
}

#[test]
fn sitemap_lists_every_page_under_the_base_url() {
    let site = TempSite::fixture();
    let out = site.build(&["--base-url", "https://example.org/insyn/"]);
    assert!(out.status.success());
    let sitemap = site.page("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/insyn/mal/2023-2025/god-nara-och-samordnad-vard/</loc>"
        ),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.org/insyn/</loc>"));
    assert!(!sitemap.contains("404"));
    let pages: Vec<String> = tree(&site.public())
        .into_keys()
        .filter(|p| p.ends_with("index.html"))
        .collect();
    assert_eq!(sitemap.matches("<loc>").count(), pages.len());
    // Each page by its own URL (a meeting's and its §§' pages are listed before they are made).
    for page in pages {
        let url = page.trim_end_matches("index.html");
        let loc = format!("<loc>https://example.org/insyn/{url}</loc>");
        assert!(sitemap.contains(&loc), "{page} is not in the sitemap");
    }
    assert!(
        site.page("robots.txt")
            .contains("Sitemap: https://example.org/insyn/sitemap.xml")
    );
}
