//! Diary numbers as organisations write them (`tests/fixtures/dnr-forms`): every common
//! Swedish form builds, gets a case page at its ASCII slug with the number as written, and
//! running-text references link to it; the config's forms are used and checked, and
//! `insyn check` warns about numbers that look mistyped.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{REPO, TempSite, select_attrs, select_texts};

fn fixture() -> TempSite {
    TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/dnr-forms"))
}

const MEETING: &str = "/protokoll/kommunfullmaktige/2021-03-29/";

fn check(site: &TempSite) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insyn"))
        .arg("check")
        .arg("--config")
        .arg(site.root().join("insyn.toml"))
        .output()
        .expect("run insyn check")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// (number as written, slug, its own §, whether § 46's decision or body mentions it: the others
/// are in its references of kind dnr, which link but do not add § 46 to the case).
const NUMBERS: [(&str, &str, u32, bool); 6] = [
    ("KS 2018/124", "ks-2018-124", 40, true),
    ("RS 2016/203", "rs-2016-203", 41, false),
    ("RJL 2018/36", "rjl-2018-36", 42, true),
    ("2019/0041", "2019-0041", 43, true),
    ("Ks 00-1009 006", "ks-00-1009-006", 44, true),
    ("1351-2020", "1351-2020", 45, false),
];

#[test]
fn every_form_gets_a_case_page_at_its_ascii_slug() {
    let site = fixture();
    site.build_ok();
    for (dnr, slug, own, mentioned) in NUMBERS {
        let html = site.page(&format!("arenden/{slug}/index.html"));
        assert_eq!(select_texts(&html, "h1"), vec![format!("Dnr {dnr}")]);
        let mut hits = vec![format!("{MEETING}{own}/")];
        if mentioned {
            hits.push(format!("{MEETING}46/"));
        }
        assert_eq!(select_attrs(&html, "main li a", "href"), hits, "{dnr}");
        let paragraph = site.page(&format!(
            "protokoll/kommunfullmaktige/2021-03-29/{own}/index.html"
        ));
        assert!(
            select_attrs(&paragraph, "a", "href").contains(&format!("/arenden/{slug}/")),
            "§ {own} links its number {dnr}"
        );
    }
    let index = site.page("arenden/index.html");
    assert_eq!(
        select_texts(&index, "main li a"),
        vec![
            "1351-2020",
            "2019/0041",
            "Ks 00-1009 006",
            "KS 2018/124",
            "RJL 2018/36",
            "RS 2016/203"
        ]
    );
    // The open data keeps the numbers as written.
    let csv = site.page("data/paragrafer.csv");
    for (dnr, ..) in NUMBERS {
        assert!(csv.contains(dnr), "{dnr} in paragrafer.csv:\n{csv}");
    }
}

#[test]
fn running_text_references_link_to_the_case_pages() {
    let site = fixture();
    site.build_ok();
    let html = site.page("protokoll/kommunfullmaktige/2021-03-29/46/index.html");
    let links: Vec<(String, String)> = select_texts(&html, "main a[href^='/arenden/']")
        .into_iter()
        .zip(select_attrs(&html, "main a[href^='/arenden/']", "href"))
        .collect();
    let expected = [
        // The decision: "dnr Ks 00-1009 006".
        ("Ks 00-1009 006", "/arenden/ks-00-1009-006/"),
        // The body: "dnr KS 2018/124", "Dnr RJL 2018/36", "diarienummer 2019/0041".
        ("KS 2018/124", "/arenden/ks-2018-124/"),
        ("RJL 2018/36", "/arenden/rjl-2018-36/"),
        ("2019/0041", "/arenden/2019-0041/"),
        // A reference of kind dnr: bare numbers.
        ("RS 2016/203", "/arenden/rs-2016-203/"),
        ("1351-2020", "/arenden/1351-2020/"),
    ];
    for (text, href) in expected {
        assert!(
            links.contains(&(text.to_string(), href.to_string())),
            "no link {text} → {href} in {links:?}"
        );
    }
    assert_eq!(links.len(), expected.len(), "{links:?}");
}

#[test]
fn only_absurd_numbers_are_errors_with_file_line_and_fix() {
    let site = fixture();
    let file = "content/protokoll/kf/2021-03-29/42.md";
    site.edit(file, "dnr = [\"RJL 2018/36\"]", "dnr = [\n  \"\",\n  \"RJL\\t2018/36\",\n  \"RJL 2018/36 RJL 2018/37 RJL 2018/38 RJL 2018/39\",\n]");
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    for (line, what) in [
        (5, "is empty"),
        (6, "control character"),
        (7, "characters long"),
    ] {
        let found = err
            .lines()
            .position(|l| l.starts_with(&format!("{file}:{line}:")) && l.contains(what))
            .unwrap_or_else(|| panic!("no error on line {line} ({what}):\n{err}"));
        let hint = err.lines().nth(found + 1).unwrap();
        assert!(hint.contains("exactly as the minutes do"), "{hint}");
    }
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn two_numbers_with_one_slug_are_an_error_naming_both_files() {
    let site = fixture();
    site.edit(
        "content/protokoll/kf/2021-03-29/45.md",
        "\"1351-2020\"",
        "\"KS 2018-124\"",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("KS 2018-124"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.starts_with("content/protokoll/kf/2021-03-29/45.md:4:"),
        "{line}"
    );
    assert!(
        line.contains("`KS 2018/124` (content/protokoll/kf/2021-03-29/40.md)")
            && line.contains("/arenden/ks-2018-124/"),
        "{line}"
    );
}

#[test]
fn check_warns_about_numbers_that_look_mistyped() {
    let site = fixture();
    // An O for a zero, and a letter after a mention's digits.
    site.edit(
        "content/protokoll/kf/2021-03-29/43.md",
        "\"2019/0041\"",
        "\"KS 2O18/124\"",
    );
    site.edit(
        "content/protokoll/kf/2021-03-29/46.md",
        "motionen med diarienummer 2019/0041.",
        "motionen med diarienummer 2019/0041 och ärendet dnr RS 2016/2O3.",
    );
    let out = check(&site);
    let err = stderr(&out);
    assert!(
        out.status.success(),
        "warnings do not fail the check:\n{err}"
    );
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(
        warnings[0].starts_with("content/protokoll/kf/2021-03-29/43.md:4: warning: the diary number `KS 2O18/124` is in none of the site's diary-number forms")
            && warnings[0].ends_with("did you mean `KS 2018/124`?"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].starts_with("content/protokoll/kf/2021-03-29/46.md:14: warning: `RS 2016/2O3` after the word for a diary number"),
        "{}",
        warnings[1]
    );
    // The fixture as it is has none.
    let clean = check(&fixture());
    assert!(!stderr(&clean).contains("warning:"), "{}", stderr(&clean));
}

#[test]
fn the_config_declares_the_forms() {
    let site = fixture();
    let config = site.read_source("insyn.toml");
    std::fs::write(
        site.root().join("insyn.toml"),
        format!("{config}\n[diary_numbers]\nforms = [\"{{number}}-{{year}}\"]\n"),
    )
    .unwrap();
    site.build_ok();
    // Only the declared form is found in running text; every § still has its case page.
    let html = site.page("protokoll/kommunfullmaktige/2021-03-29/46/index.html");
    assert_eq!(
        select_attrs(&html, "main a[href^='/arenden/']", "href"),
        vec!["/arenden/1351-2020/"]
    );
    assert!(
        site.public()
            .join("arenden/ks-2018-124/index.html")
            .exists()
    );
    let out = check(&site);
    let err = stderr(&out);
    assert!(
        err.contains("40.md:4: warning: the diary number `KS 2018/124` is in none of the site's diary-number forms ({number}-{year})"),
        "{err}"
    );
}

#[test]
fn errors_in_the_forms_name_the_config_line() {
    let site = fixture();
    let config = site.read_source("insyn.toml");
    let lines = config.lines().count();
    std::fs::write(
        site.root().join("insyn.toml"),
        format!("{config}[diary_numbers]\nforms = [\n  \"{{number}}-{{year}}\",\n  \"{{nr}}/{{year}}\",\n  \"KS\",\n]\n"),
    )
    .unwrap();
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(&format!("insyn.toml:{}:", lines + 4))
            && err.contains("unknown placeholder `{nr}`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("insyn.toml:{}:", lines + 5)) && err.contains("`KS` has no digits"),
        "{err}"
    );
    assert!(err.contains("{number} (1 to 6 digits)"), "{err}");
}
