//! What the site publishes for journalists and re-users: person and case pages, cross-reference
//! links in texts, Atom feeds and open data, on the real content and on the fixture site.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn fixture() -> TempSite {
    let site = TempSite::fixture();
    site.build_ok();
    site
}

fn repo() -> TempSite {
    let site = TempSite::repo();
    site.build_ok();
    site
}

#[test]
fn person_page_lists_reservations_with_links_to_the_paragraph() {
    let site = repo();
    let html = site.page("personer/glenn-berggard/index.html");
    let reservations = select_html(&html, "section[aria-labelledby=reservationer] li");
    let on_162: Vec<&String> = reservations
        .iter()
        .filter(|li| li.contains("§ 162"))
        .collect();
    assert_eq!(on_162.len(), 1, "{reservations:?}");
    let links = select_attrs(on_162[0], "a", "href");
    assert_eq!(links, vec!["/protokoll/regionstyrelsen/2020-10-14/162/"]);
    assert!(
        site.public()
            .join("protokoll/regionstyrelsen/2020-10-14/162/index.html")
            .is_file()
    );
}

#[test]
fn case_page_lists_its_paragraphs() {
    let site = repo();
    let html = site.page("arenden/1351-2020/index.html");
    let items = select_texts(&html, "main li a");
    assert!(
        items
            .iter()
            .any(|t| t == "§ 172 Ny driftsorganisation i Region Norrbotten"),
        "{items:?}"
    );
    assert!(
        select_attrs(&html, "main li a", "href")
            .contains(&"/protokoll/regionstyrelsen/2020-10-14/172/".to_string())
    );
}

#[test]
fn cross_references_link_when_the_target_is_on_the_site() {
    let site = fixture();
    let html = site.page("protokoll/regionstyrelsen/2020-10-14/172/index.html");
    let prose = &select_html(&html, ".prose")[0];

    // A § on the site: a working link.
    let to_37 = "/protokoll/regionfullmaktige/2017-04-26/37/";
    let linked = select_texts(prose, &format!("a[href=\"{to_37}\"]"));
    assert_eq!(linked, vec!["Regionfullmäktige beslutade 2017-04-26 § 37"]);
    let target = site.page("protokoll/regionfullmaktige/2017-04-26/37/index.html");
    assert_eq!(
        select_texts(&target, "h1"),
        vec!["§ 37 Regional kollektivtrafikmyndighet"]
    );

    // A § that is not on the site stays plain text.
    assert!(text_of(prose).contains("Regionstyrelsens protokoll 2019-05-15 § 12"));
    assert!(
        select_texts(prose, "a")
            .iter()
            .all(|t| !t.contains("2019-05-15")),
        "{prose}"
    );

    // A law links to its official text.
    assert_eq!(
        select_attrs(prose, "a", "href")
            .into_iter()
            .filter(|h| h.contains("rkrattsbaser"))
            .collect::<Vec<_>>(),
        vec!["https://rkrattsbaser.gov.se/sfst?bet=2010:1065"]
    );
    assert_eq!(
        select_texts(prose, "a[href*=rkrattsbaser]"),
        vec!["Lag (2010:1065)"]
    );

    // Existing links and code are left alone.
    assert_eq!(
        select_attrs(prose, "a", "href")
            .iter()
            .filter(|h| h.as_str() == "https://example.org/x")
            .count(),
        1
    );
    assert_eq!(select_texts(prose, "code"), vec!["SFS 2017:725"]);

    // The references list links too.
    let refs = select_attrs(&html, "#referenser + ul a", "href");
    assert!(refs.contains(&to_37.to_string()), "{refs:?}");
}

#[test]
fn reports_link_goals_they_name_and_diary_numbers() {
    let site = fixture();
    let html = site.page("rapporter/delarsrapport-april-2023/index.html");
    let prose = &select_html(&html, ".prose")[0];
    assert_eq!(
        select_attrs(prose, "a", "href"),
        vec![
            "/mal/2023-2025/god-nara-och-samordnad-vard/",
            "/arenden/1351-2020/"
        ]
    );
}

#[test]
fn unresolved_references_are_listed_with_file_and_line() {
    let site = TempSite::fixture();
    let mut diagnostics = insyn::diagnostics::Diagnostics::default();
    let raw = insyn::content::load(site.root(), &mut diagnostics);
    let model = insyn::link::link(raw, &mut diagnostics);
    assert!(diagnostics.is_empty());
    let refs = insyn::xref::unresolved_references(&model, &insyn::model::DiaryForms::default());
    let file = "content/protokoll/rs/2020-10-14/172.md";
    let line = site
        .read_source(file)
        .lines()
        .position(|l| l.contains("Regionstyrelsens protokoll 2019-05-15"))
        .unwrap()
        + 1;
    assert!(
        refs.iter().any(|r| r.file == file
            && r.line == line
            && r.text == "Regionstyrelsens protokoll 2019-05-15 § 12"),
        "{refs:?}"
    );
    assert!(
        refs.iter().all(|r| !r.text.contains("2017-04-26")),
        "{refs:?}"
    );
}

/// The feed at `path`, parsed by feed-rs.
fn parse_feed(public: &Path, path: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(public.join(path)).unwrap();
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn feeds_are_atom_with_newest_entries_first() {
    let site = fixture();
    let public = site.public();
    let all = parse_feed(&public, "flode/atom.xml");
    assert_eq!(all.feed_type, feed_rs::model::FeedType::Atom);
    let ids: Vec<&str> = all.entries.iter().map(|e| e.id.as_str()).collect();
    // Three reports and two meetings in the fixture.
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert!(ids.contains(&"https://example.org/protokoll/regionstyrelsen/2020-10-14/"));
    assert!(ids.contains(&"https://example.org/rapporter/delarsrapport-april-2023/"));
    let dates: Vec<_> = all.entries.iter().map(|e| e.updated.unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(all.updated, Some(dates[0]));
    // Every entry links to a page of the site.
    for e in &all.entries {
        let href = &e.links[0].href;
        let rel = href.strip_prefix("https://example.org/").unwrap();
        assert!(public.join(rel).join("index.html").is_file(), "{href}");
    }
    let meeting = all
        .entries
        .iter()
        .find(|e| e.id.ends_with("/protokoll/regionstyrelsen/2020-10-14/"))
        .unwrap();
    assert_eq!(
        meeting.title.as_ref().unwrap().content,
        "Regionstyrelsen 14 oktober 2020"
    );
    assert_eq!(
        meeting.updated.unwrap().to_rfc3339(),
        "2020-10-14T00:00:00+00:00"
    );

    // The organ's feed holds only its own meetings and reports.
    let rf = parse_feed(&public, "flode/regionfullmaktige.xml");
    let rf_ids: Vec<&str> = rf.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        rf_ids,
        vec!["https://example.org/protokoll/regionfullmaktige/2017-04-26/"]
    );

    // Pages announce the feeds in their head.
    let meeting_page = site.page("protokoll/regionstyrelsen/2020-10-14/index.html");
    let feeds = select_attrs(
        &meeting_page,
        "link[rel=alternate][type=\"application/atom+xml\"]",
        "href",
    );
    assert_eq!(feeds, vec!["/flode/atom.xml", "/flode/regionstyrelsen.xml"]);
    let home = site.page("index.html");
    assert_eq!(
        select_attrs(
            &home,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "href"
        ),
        vec!["/flode/atom.xml"]
    );
}

type Row = BTreeMap<String, String>;

fn read_csv(path: &Path) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader.deserialize().map(|r| r.unwrap()).collect()
}

/// Reads a JSON value as the CSV writes it (null → empty).
fn json_cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A CSV text cell as written in the content: the CSV files put `'` before a text that a
/// spreadsheet would run as a formula (the `/data/` page says so).
fn as_written(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[test]
fn open_data_gives_the_same_figures_as_the_measure_pages() {
    let site = repo();
    let public = site.public();
    let all = read_csv(&public.join("data/matt.csv"));
    assert!(!all.is_empty());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/matt.json")).unwrap()).unwrap();
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), all.len());
    for (row, obj) in all.iter().zip(results) {
        for (key, value) in row {
            assert_eq!(json_cell(&obj[key]), as_written(value), "{key} of {row:?}");
        }
    }
    assert!(json["license"].as_str().unwrap().contains("CC0"));

    let mut checked = 0;
    let measures: std::collections::BTreeSet<&String> = all.iter().map(|r| &r["measure"]).collect();
    for id in measures {
        let html = site.page(&format!("matt/{id}/index.html"));
        let csv_href = format!("/data/matt/{id}.csv");
        assert!(
            select_attrs(&html, "a", "href").contains(&csv_href),
            "the page of {id} does not link its CSV"
        );
        let own = read_csv(&public.join(format!("data/matt/{id}.csv")));
        let in_all: Vec<&Row> = all.iter().filter(|r| &r["measure"] == id).collect();
        assert_eq!(own.iter().collect::<Vec<_>>(), in_all);

        // The page's table has seven columns: Period, Rapport, Grupp, Mål, Utfall,
        // Måluppfyllelse, Utveckling.
        let cells = select_texts(&html, "table.results tbody td");
        let rows: Vec<&[String]> = cells.chunks(7).collect();
        assert_eq!(rows.len(), own.len(), "{id}");
        for (cells, row) in rows.iter().zip(&own) {
            let dash = |s: &str| {
                if s.is_empty() {
                    "–".to_string()
                } else {
                    s.to_string()
                }
            };
            assert_eq!(cells[3], dash(as_written(&row["target"])), "target of {id}");
            assert_eq!(
                cells[4],
                dash(as_written(&row["outcome"])),
                "outcome of {id}"
            );
            if !row["outcome_value"].is_empty() {
                let shown = insyn::model::parse_number(&cells[4]).unwrap().value;
                let data: f64 = row["outcome_value"].parse().unwrap();
                assert!((shown - data).abs() < 1e-9, "{id}: {shown} vs {data}");
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no numeric outcome was compared");

    // The triage measure from the source documents.
    let triage = read_csv(&public.join("data/matt/antal-slutforda-triage-digitalen.csv"));
    assert!(
        triage.iter().any(|r| r["target"] == "43000"
            && r["outcome"] == "18 464"
            && r["outcome_value"] == "18464"),
        "{triage:?}"
    );
}

#[test]
fn open_data_lists_meetings_paragraphs_and_decisions() {
    let site = repo();
    let public = site.public();
    let paragraphs = read_csv(&public.join("data/paragrafer.csv"));
    let p172 = paragraphs
        .iter()
        .find(|r| r["date"] == "2020-10-14" && r["number"] == "172")
        .unwrap();
    assert_eq!(p172["organ"], "rs");
    assert_eq!(p172["dnr"], "1351-2020");
    assert_eq!(p172["decision_kind"], "forslag");
    assert_eq!(
        p172["citation"],
        "Regionstyrelsen 2020-10-14 § 172, dnr 1351-2020"
    );
    assert_eq!(
        p172["url"],
        "https://example.org/protokoll/regionstyrelsen/2020-10-14/172/"
    );
    let page = site.page("protokoll/regionstyrelsen/2020-10-14/172/index.html");
    assert_eq!(
        select_texts(&page, "h1"),
        vec![format!("§ 172 {}", p172["title"])]
    );

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/protokoll.json")).unwrap())
            .unwrap();
    assert_eq!(
        json["paragraphs"].as_array().unwrap().len(),
        paragraphs.len()
    );
    let meetings = read_csv(&public.join("data/sammantraden.csv"));
    assert_eq!(json["meetings"].as_array().unwrap().len(), meetings.len());
    let rs = meetings.iter().find(|m| m["date"] == "2020-10-14").unwrap();
    assert_eq!(
        rs["paragraphs"],
        paragraphs
            .iter()
            .filter(|p| p["date"] == "2020-10-14" && p["organ"] == "rs")
            .count()
            .to_string()
    );

    // The /data/ page documents every file's columns and the licence.
    let data = site.page("data/index.html");
    let headers = select_texts(&data, "table caption");
    assert_eq!(
        headers,
        vec![
            "Kolumner i matt.csv",
            "Kolumner i sammantraden.csv",
            "Kolumner i paragrafer.csv"
        ]
    );
    let columns = select_texts(&data, "table tbody th[scope=row]");
    for column in [
        "outcome_value",
        "status_source",
        "decision_kind",
        "citation",
    ] {
        assert!(columns.iter().any(|c| c == column), "{columns:?}");
    }
    assert!(text_of(&data).contains("CC0 1.0"));
}

#[test]
fn new_pages_have_no_broken_links() {
    for site in [fixture(), repo()] {
        let broken = broken_links(&site.public(), "/");
        assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
        assert!(site.public().join("data/index.html").is_file());
    }
}
