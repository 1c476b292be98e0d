//! `insyn import minutes` on the RS protocol 2020-10-14 (`004_…txt`): the committed content is
//! exactly what the importer plus the reviewed overrides in `content/_import/` write, and the
//! built pages carry the protocol's facts.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const SOURCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/004_8b838460e9bf283a.txt"
);
const MEETING: &str = "protokoll/rs/2020-10-14";

fn import_into(content: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "minutes", SOURCE, "--organ", "rs", "--content"])
        .arg(content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "import failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn reimporting_the_protocol_reproduces_the_committed_content() {
    let site = TempSite::repo();
    let content = site.root().join("content");
    import_into(&content);
    let committed = Path::new(REPO).join("content");
    for dir in [MEETING, "personer", "partier"] {
        let want = tree(&committed.join(dir));
        let got = tree(&content.join(dir));
        let differing: Vec<&String> = want
            .keys()
            .chain(got.keys())
            .filter(|k| want.get(*k) != got.get(*k))
            .collect();
        assert!(
            differing.is_empty(),
            "re-import differs from content/{dir} in {differing:?}; record hand corrections \
             in content/_import/004_8b838460e9bf283a.toml"
        );
    }
}

#[test]
fn every_paragraph_of_the_meeting_has_its_page() {
    let site = TempSite::repo();
    site.build_ok();
    let meeting = site.page("protokoll/regionstyrelsen/2020-10-14/index.html");
    // The protocol covers § 160–184 (004 lines 3–5121): 25 paragraphs.
    let anchors = select_attrs(&meeting, "[id^=p]", "id");
    let numbers: Vec<u32> = anchors
        .iter()
        .filter_map(|id| id.strip_prefix('p')?.parse().ok())
        .collect();
    assert_eq!(numbers, (160..=184).collect::<Vec<_>>());
    for n in 160..=184 {
        let page = site.page(&format!(
            "protokoll/regionstyrelsen/2020-10-14/{n}/index.html"
        ));
        assert_eq!(select_texts(&page, "h1").len(), 1, "§ {n}");
    }
}

#[test]
fn protocol_facts_on_the_built_pages() {
    let site = TempSite::repo();
    site.build_ok();
    let page = |n: u32| {
        site.page(&format!(
            "protokoll/regionstyrelsen/2020-10-14/{n}/index.html"
        ))
    };
    let h1 = |n: u32| select_texts(&page(n), "h1").join("");

    // Titles and diary numbers (004 lines 1587–1589, 4269–4271, 4401–4403, 4000–4002).
    assert_eq!(h1(169), "§ 169 Strategisk plan 2021-2023");
    assert!(text_of(&page(169)).contains("dnr 411-2020"));
    assert!(h1(181).contains("Reglering av undersköterskeyrket"));
    assert!(text_of(&page(181)).contains("dnr 943-2020"));
    assert!(h1(180).starts_with("§ 180 Motion 2-2020"));
    assert!(text_of(&page(178)).contains("dnr 3602-2019"));

    // Reservations (§ 169, § 180).
    let r169 = select_texts(&page(169), "#reservationer + ul li").join(" ");
    for name in [
        "Anders Öberg (S)",
        "Glenn Berggård (V)",
        "Marianne Sandström (SD)",
    ] {
        assert!(r169.contains(name), "{r169}");
    }
    let r180 = select_texts(&page(180), "#reservationer + ul li").join(" ");
    assert!(
        r180.contains("Elisabeth Lindberg (S) och Carina Strömbäck (S)"),
        "{r180}"
    );

    // § 164: the table the PDF flattened, restored by a recorded override.
    let p164 = page(164);
    let rows = select_texts(&p164, "table tbody tr");
    assert_eq!(rows.len(), 7, "{rows:?}");
    assert!(rows[6].contains("JO Beslut avseende anmälan mot Psykiatrin länsgemensamt"));

    // § 163: delegation decisions grouped under the officer who took them.
    let p163 = page(163);
    let subheadings = select_texts(&p163, "h3");
    for officer in [
        "Regiondirektören",
        "Verksamhetsdirektören",
        "Divisionschefer närsjukvård",
        "Chefsläkaren",
        "Verksamhetschefen för upphandling",
    ] {
        assert!(subheadings.iter().any(|h| h == officer), "{subheadings:?}");
    }
}
