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

// ---------------------------------------------------------------------------------------------
// Other organisations' minutes: fixtures in the layouts of other Swedish bodies, written in
// their layouts with invented names and numbers (tests/fixtures/minutes-*/).

/// A fixture imported into a fresh content folder: the parties of
/// `tests/fixtures/minutes-parties/` plus the fixture's own `content/` (its organ file).
struct Import {
    dir: tempfile::TempDir,
    out: std::process::Output,
}

impl Import {
    fn run(fixture: &str, organ: &str, extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let fixtures = Path::new(REPO).join("tests/fixtures");
        copy_dir(&fixtures.join("minutes-parties"), &content.join("partier"));
        if fixtures.join(fixture).join("content").is_dir() {
            copy_dir(&fixtures.join(fixture).join("content"), &content);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
            .args(["import", "minutes"])
            .arg(fixtures.join(fixture).join("protokoll.txt"))
            .args(["--organ", organ, "--content"])
            .arg(&content)
            .args(extra)
            .output()
            .unwrap();
        Import { dir, out }
    }

    fn content(&self) -> std::path::PathBuf {
        self.dir.path().join("content")
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    fn ok(self) -> Self {
        assert!(
            self.out.status.success(),
            "import failed:\n{}{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// The § files of the meeting folder, by number.
    fn paragraphs(&self, meeting: &str) -> Vec<(RawParagraph, String)> {
        let dir = self.content().join("protokoll").join(meeting);
        let mut found: Vec<(RawParagraph, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap() != "_index.md")
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let (front, _, body) = split_front_matter(&text).unwrap();
                (toml::from_str(front).unwrap(), body.to_string())
            })
            .collect();
        found.sort_by_key(|(p, _)| *p.number.get_ref());
        found
    }

    fn file(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Every file below the content folder, for "nothing was written".
    fn files(&self) -> Vec<String> {
        tree(&self.content()).into_keys().collect()
    }
}

use insyn::content::{RawParagraph, RawStatement, split_front_matter};

fn numbers(ps: &[(RawParagraph, String)]) -> Vec<u32> {
    ps.iter().map(|(p, _)| *p.number.get_ref()).collect()
}

fn titles(ps: &[(RawParagraph, String)]) -> Vec<&str> {
    ps.iter().map(|(p, _)| p.title.as_str()).collect()
}

fn dnrs(ps: &[(RawParagraph, String)]) -> Vec<Vec<&str>> {
    ps.iter()
        .map(|(p, _)| p.dnr.iter().map(|d| d.get_ref().as_str()).collect())
        .collect()
}

fn decisions(ps: &[(RawParagraph, String)]) -> Vec<&str> {
    ps.iter()
        .map(|(p, _)| p.decision.as_ref().map_or("", |d| d.text.as_str()))
        .collect()
}

/// Each statement as `persons: text`.
fn statements(list: &[RawStatement]) -> Vec<String> {
    list.iter()
        .map(|s| {
            let who: Vec<&str> = s
                .persons
                .iter()
                .chain(&s.parties)
                .map(|p| p.get_ref().as_str())
                .collect();
            format!("{}: {}", who.join(","), s.text)
        })
        .collect()
}

fn party_of(import: &Import, person: &str) -> String {
    let text = import.file(&format!("personer/{person}.md"));
    text.lines()
        .find_map(|l| l.strip_prefix("party = "))
        .unwrap_or("none")
        .trim_matches('"')
        .to_string()
}

#[test]
fn kommunfullmaktige_with_cover_block_prefixed_paragraphs_and_att_clauses() {
    let import = Import::run("minutes-kf", "kf", &[]).ok();
    let ps = import.paragraphs("kf/2019-03-12");
    assert_eq!(numbers(&ps), [267, 268, 269]);
    assert_eq!(
        titles(&ps),
        [
            "Motion om cykelbana längs Åvägen",
            "Taxa för bygglov 2019",
            "Val av ersättare i kommunstyrelsen"
        ]
    );
    assert_eq!(
        dnrs(&ps),
        [
            vec!["KS 2018/124"],
            vec!["KS 02-820 107"],
            vec!["KS 2019/12"]
        ]
    );
    assert_eq!(
        decisions(&ps),
        [
            "Kommunfullmäktige beslutar:\n\natt bifalla motionen,\natt uppdra åt tekniska \
             nämnden att ta fram en kostnadsberäkning för cykelbanan till budgetberedningen 2020.",
            "Kommunfullmäktige beslutar:\n\natt anta taxa för bygglov enligt bilaga,\natt \
             taxan gäller från och med den 1 april 2019.",
            "Kommunfullmäktige beslutar:\n\natt välja Anna Dahl (c) till ersättare i \
             kommunstyrelsen.",
        ]
    );
    let (p267, body267) = &ps[0];
    assert_eq!(
        statements(&p267.proposals),
        [
            "olle-berg: Olle Berg (m) yrkar avslag på motionen.",
            "karin-holm: Karin Holm (s) yrkar bifall till motionen."
        ]
    );
    assert_eq!(
        statements(&p267.reservations),
        ["olle-berg,per-sund: Olle Berg (m) och Per Sund (fp) reserverar sig mot beslutet."]
    );
    assert_eq!(p267.steps.len(), 1);
    assert_eq!(p267.distribution, ["Tekniska nämnden", "Budgetberedningen"]);
    assert!(body267.contains("## Bakgrund"), "{body267}");
    assert!(p267.recusals.is_empty());
    assert!(ps[1].0.proposals.is_empty() && ps[1].0.reservations.is_empty());
    assert_eq!(
        statements(&ps[2].0.recusals),
        ["lars-ek: Lars Ek (c) anmäler jäv och deltar inte i handläggningen av ärendet."]
    );
    // Lower-case party tags name the parties of content/partier/; `fp` is a spelling of L.
    assert_eq!(party_of(&import, "olle-berg"), "m");
    assert_eq!(party_of(&import, "per-sund"), "l");
    assert_eq!(party_of(&import, "karin-holm"), "s");
    // The organ is new: its file is written from the cover, with the § lines' abbreviation.
    let organ = import.file("organ/kf.md");
    assert!(organ.contains("name = \"Kommunfullmäktige\""), "{organ}");
    assert!(organ.contains("abbreviation = \"KF\""), "{organ}");
    // The report names the meeting and counts what was found.
    let report = import.stdout();
    assert!(
        report.contains("Meeting: Kommunfullmäktige (kf) 2019-03-12"),
        "{report}"
    );
    assert!(report.contains("§§ 267–269 (3 found)"), "{report}");
    assert!(
        report.contains("Decisions: 3, diary numbers: 3, proposals: 2, reservations: 1, jäv: 1"),
        "{report}"
    );
}

#[test]
fn namnd_with_table_of_contents_year_numbered_paragraphs_and_jav_in_the_attendance_list() {
    let import = Import::run("minutes-namnd", "mbn", &[]).ok();
    let ps = import.paragraphs("mbn/2019-04-09");
    // The table of contents lists §§ 43 and 44, which the text does not have: none written.
    assert_eq!(numbers(&ps), [40, 41, 42]);
    assert_eq!(
        titles(&ps),
        [
            "Information",
            "Delegationsbeslut",
            "Bygglov för tillbyggnad av förråd, Ön 1:12"
        ]
    );
    assert_eq!(
        dnrs(&ps),
        [vec!["2019/0041"], vec!["2019/0007"], vec!["2019/0112"]]
    );
    assert_eq!(
        decisions(&ps),
        [
            "Nämnden lägger informationen till handlingarna.",
            "Nämnden lägger redovisningen av delegationsbeslut till handlingarna.",
            "Nämnden beviljar bygglov för tillbyggnad av förråd på fastigheten Ön 1:12.",
        ]
    );
    let p42 = &ps[2].0;
    assert_eq!(
        statements(&p42.proposals),
        [
            "sofia-ek: Sofia Ek (Sd) yrkar att ansökan avslås.",
            "maria-lindqvist: Maria Lindqvist (C) yrkar bifall till förvaltningens förslag."
        ]
    );
    assert_eq!(
        statements(&p42.reservations),
        ["sofia-ek: Sofia Ek (Sd) reserverar sig mot beslutet."]
    );
    // The jäv stated in the attendance list goes to § 42 only.
    assert_eq!(
        statements(&p42.recusals),
        ["anders-nyman: Anders Nyman (M) §§ 40–41, deltar inte i § 42 på grund av jäv"]
    );
    assert!(ps[0].0.recusals.is_empty() && ps[1].0.recusals.is_empty());
    assert_eq!(party_of(&import, "sofia-ek"), "sd");
    let out = import.stdout() + &import.stderr();
    assert!(
        out.contains("§ 43 appears only in the table of contents"),
        "{out}"
    );
    assert!(
        out.contains("§ 44 appears only in the table of contents"),
        "{out}"
    );
    assert!(
        !import
            .content()
            .join("protokoll/mbn/2019-04-09/43.md")
            .exists()
    );
}

#[test]
fn regional_board_with_title_on_the_paragraph_line_and_date_flag() {
    let import = Import::run("minutes-region", "rs", &["--date", "2019-02-05"]).ok();
    let ps = import.paragraphs("rs/2019-02-05");
    assert_eq!(numbers(&ps), [12, 13, 14]);
    assert_eq!(
        titles(&ps),
        [
            "Yttrande över remiss om länstransportplan 2018–2029",
            "Bidrag till föreningen Länets hembygdsgårdar",
            "Ändring av delegationsordning"
        ]
    );
    assert_eq!(
        dnrs(&ps),
        [
            vec!["RJL 2018/36"],
            vec!["RJL 2018/118"],
            vec!["RJL 2019/2"]
        ]
    );
    assert_eq!(
        decisions(&ps),
        [
            "Regionstyrelsen beslutar att lämna yttrande enligt förslag.",
            "Regionstyrelsen beslutar att bevilja bidrag med 150 000 kronor.",
            "Regionstyrelsen beslutar att anta ändrad delegationsordning.",
        ]
    );
    let p12 = &ps[0].0;
    assert_eq!(
        statements(&p12.notes),
        [
            "mats-holm: Mats Holm (V) lämnar en protokollsanteckning om att järnvägen bör prioriteras."
        ]
    );
    assert_eq!(p12.distribution, ["Trafikverket"]);
    let p13 = &ps[1].0;
    assert_eq!(
        statements(&p13.recusals),
        [
            "ulla-svensson: Ulla Svensson (KD) deltar inte i handläggningen av ärendet på grund av jäv."
        ]
    );
    assert_eq!(
        statements(&p13.proposals),
        [
            "rune-aberg: Rune Åberg (S) yrkar bifall till förslaget.",
            "malin-eklund: Malin Eklund (M) yrkar avslag."
        ]
    );
    assert_eq!(
        statements(&p13.reservations),
        [
            "malin-eklund: Malin Eklund (M) reserverar sig mot beslutet till förmån för eget yrkande."
        ]
    );
    let votes = p13.steps[0].votes.as_ref().expect("a vote");
    assert_eq!((votes.ja, votes.nej), (3, 1));
    assert!(ps[2].0.proposals.is_empty() && ps[2].0.reservations.is_empty());
}

#[test]
fn kommunstyrelse_with_lower_case_prefix_and_diary_number_on_the_next_line() {
    let import = Import::run("minutes-ks", "ks", &[]).ok();
    let ps = import.paragraphs("ks/2001-03-05");
    assert_eq!(numbers(&ps), [45, 46]);
    assert_eq!(
        titles(&ps),
        [
            "Försäljning av fastigheten Norr 2:14",
            "Budgetuppföljning februari 2001"
        ]
    );
    assert_eq!(dnrs(&ps), [vec!["Ks 00-1009 006"], vec!["Ks 01-0032 041"]]);
    assert_eq!(
        decisions(&ps),
        [
            "Fastigheten Norr 2:14 säljs till Norrbygg AB för 1 200 000 kronor.",
            "Redovisningen läggs till handlingarna."
        ]
    );
    let p45 = &ps[0].0;
    assert_eq!(
        statements(&p45.proposals),
        [
            "sven-nord: Sven Nord (s) yrkar bifall till arbetsutskottets förslag.",
            "bo-strom: Bo Ström (fp) yrkar att fastigheten säljs genom anbudsförfarande."
        ]
    );
    assert_eq!(
        statements(&p45.reservations),
        ["bo-strom,tor-lind: Bo Ström (fp) och Tor Lind (m) reserverar sig mot beslutet."]
    );
    assert_eq!(
        statements(&p45.notes),
        ["eva-alm: Eva Alm (kd) antecknar att priset bör prövas mot en ny värdering."]
    );
    let votes = p45.steps[0].votes.as_ref().expect("a vote");
    assert_eq!((votes.ja, votes.nej), (6, 3));
    assert!(p45.recusals.is_empty() && ps[1].0.recusals.is_empty());
    assert_eq!(party_of(&import, "bo-strom"), "l");
}

#[test]
fn an_unreadable_paragraph_structure_says_which_line_and_what_to_put_in_the_profile() {
    let import = Import::run("minutes-unreadable", "sn", &[]);
    assert!(!import.out.status.success());
    let err = import.stderr();
    assert!(err.contains("protokoll.txt:5: no § found"), "{err}");
    assert!(err.contains("paragraph_words = [\"Ärende\"]"), "{err}");
    assert_eq!(
        import
            .files()
            .iter()
            .filter(|f| !f.starts_with("partier/"))
            .count(),
        0,
        "{:?}",
        import.files()
    );

    // With the profile the message asks for, the same document imports.
    let profile = Path::new(REPO).join("tests/fixtures/minutes-unreadable/profile.toml");
    let import = Import::run(
        "minutes-unreadable",
        "sn",
        &["--profile", profile.to_str().unwrap()],
    )
    .ok();
    let ps = import.paragraphs("sn/2020-11-18");
    assert_eq!(numbers(&ps), [1, 2]);
    assert_eq!(dnrs(&ps), [vec!["SN 2020/88"], vec!["SN 2020/91"]]);
    assert_eq!(
        titles(&ps),
        ["Val av justerare", "Ekonomisk uppföljning oktober 2020"]
    );
}

#[test]
fn dry_run_prints_the_report_and_writes_nothing() {
    let before = Import::run("minutes-kf", "kf", &["--dry-run"]).ok();
    let report = before.stdout();
    assert!(
        report.contains("Meeting: Kommunfullmäktige (kf) 2019-03-12"),
        "{report}"
    );
    assert!(report.contains("Dry run: would write"), "{report}");
    let files = before.files();
    assert!(files.iter().all(|f| f.starts_with("partier/")), "{files:?}");
}

#[test]
fn a_paragraph_lost_in_the_text_blocks_the_import_unless_forced() {
    // § 268's line is damaged, so § 268 would be swallowed by § 267: a gap in the numbering.
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(Path::new(REPO).join("tests/fixtures/minutes-kf/protokoll.txt"))
            .unwrap()
            .replace("KF § 268\n", "KF 268\n");
    let source = dir.path().join("protokoll.txt");
    std::fs::write(&source, text).unwrap();
    let content = dir.path().join("content");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_insyn"))
            .args(["import", "minutes"])
            .arg(&source)
            .args(["--organ", "kf", "--content"])
            .arg(&content)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("§ 269 follows § 267"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert!(!content.exists());
    let out = run(&["--force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(content.join("protokoll/kf/2019-03-12/267.md").exists());
}

#[test]
fn a_party_spelling_that_names_another_party_fails_the_build() {
    let site = TempSite::fixture();
    site.write(
        "content/partier/fp.md",
        "+++\nname = \"Folkpartiet\"\nabbreviation = \"FP\"\nspellings = [\"fp\", \"S\"]\n+++\n",
    );
    let out = site.build(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("content/partier/fp.md"), "{err}");
    assert!(
        err.contains("the spelling `S` also names the party `s`"),
        "{err}"
    );
    // Its own abbreviation in another case is no clash.
    site.write(
        "content/partier/fp.md",
        "+++\nname = \"Folkpartiet\"\nabbreviation = \"FP\"\nspellings = [\"fp\"]\n+++\n",
    );
    site.build_ok();
}
