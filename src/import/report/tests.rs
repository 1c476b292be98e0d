use std::path::Path;

use super::document::{NOTE_CLOSE, NOTE_OPEN, escape_markdown};
use super::parse::{organ_tag, split_organ_tag};
use super::*;
use crate::import::profile::Profile;

#[test]
fn rows_split_into_label_and_figures_with_space_thousands() {
    assert_eq!(
        split_row("Skatteintäkter 6 957 7 327 7 552 7 767", 4).unwrap(),
        (
            "Skatteintäkter".to_string(),
            vec![
                "6 957".into(),
                "7 327".into(),
                "7 552".into(),
                "7 767".into()
            ]
        )
    );
    assert_eq!(
        split_row("Regionstyrelsen 9 279,8 9 610,0 9 854,5", 3)
            .unwrap()
            .1,
        ["9 279,8", "9 610,0", "9 854,5"]
    );
    // Numbers without separators and with signs.
    assert_eq!(
        split_row(
            "Verksamhetens kostnader -10454 -10607 -10855 -11172 -11489 -11808",
            6
        )
        .unwrap()
        .1,
        ["-10454", "-10607", "-10855", "-11172", "-11489", "-11808"]
    );
    // A figure inside the label stays in the label.
    assert_eq!(
        split_row("Resultat krav 1 % 99 102 105 108 111 115", 6).unwrap(),
        (
            "Resultat krav 1 %".to_string(),
            vec![
                "99".into(),
                "102".into(),
                "105".into(),
                "108".into(),
                "111".into(),
                "115".into()
            ]
        )
    );
    // Mixed: 1409 has no separator, 1 746 has one.
    assert_eq!(
        split_row("Likvida medel vid årets slut 916 1409 1 746 2040", 4)
            .unwrap()
            .1,
        ["916", "1409", "1 746", "2040"]
    );
    // Fewer figures than columns: they fill from the left.
    assert_eq!(
        split_row("FVIS 11,9 -15,0", 3).unwrap().1,
        ["11,9", "-15,0"]
    );
    // `1 955 1 955` in three columns could be read two ways.
    assert!(split_row("Kortfristiga 1 955 1 955", 3).is_err());
    // A year at the end of the label.
    assert_eq!(
        split_row("FVIS – projektinförande under 2023  -12 2 2", 3).unwrap(),
        (
            "FVIS – projektinförande under 2023".to_string(),
            vec!["-12".into(), "2".into(), "2".into()]
        )
    );
}

fn seed(name: &str) -> String {
    let path = format!("{}/../shared/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn overrides(stem: &str) -> Overrides {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    read_overrides(&dir, &format!("{stem}.txt")).unwrap()
}

fn import(stem: &str) -> ImportedReport {
    parse_report(
        &seed(&format!("{stem}.txt")),
        &format!("{stem}.txt"),
        &overrides(stem),
        &Profile::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap()
            .unwrap(),
    )
    .unwrap_or_else(|e| panic!("{}", e.join("\n")))
}

const PLAN: &str = "001_848bf19960f96f65";
const MONTHLY: &str = "003_3aa0ed4a4691eb71";

#[test]
fn headings_of_the_monthly_report_nest_under_its_chapters() {
    let r = import(MONTHLY);
    let h = r.headings();
    let chapters: Vec<&str> = h.iter().filter(|x| x.0 == 2).map(|x| x.1).collect();
    assert_eq!(
        chapters,
        [
            "Inledning",
            "Resultat februari 2023",
            "Aktuella händelser",
            "Avrapportering, pågående ärenden",
            "Information från verksamheten",
            "Regiongemensamt",
            "Hälso- och sjukvårdsnämnden",
            "Regionala utvecklingsnämnden",
            "Bilagor",
        ]
    );
    // A heading right below another is its child; a heading the layout glued to its
    // paragraph (line 198) was split off by the overrides.
    assert!(h.contains(&(3, "Division Funktion", 568)));
    assert!(h.contains(&(4, "Vårdgarantienheten", 570)));
    assert!(h.contains(&(
        3,
        "Tillgänglighet under jourtid i primärvården i Luleå och Boden",
        198
    )));
    // The signature is not a heading.
    assert!(!h.iter().any(|x| x.1 == "Ulf Bergman"));
}

#[test]
fn lost_bullets_and_footnotes_become_markdown() {
    let md = import(MONTHLY).markdown();
    assert!(md.contains("- egen personal +249 årsarbetare\n- inhyrd personal +164 årsarbetare."));
    let plan = import(PLAN).markdown();
    // `¶ ` bullets, with the organ tag that wrapped onto its own line.
    assert!(plan.contains("- Säkerställa en kontinuerlig process för ekonomi i balans. En kontinuerlig process som innebär såväl kostnadsminskningar som intäktsökningar. (RS, RUN)\n"));
    // The marker glued to `Norrbotten.1` is a footnote reference again.
    assert!(plan.contains("verkar i Norrbotten.[^1] Regionens vision"));
    assert!(plan.contains("[^1]: Med alla människor avses"));
}

#[test]
fn key_figures_keep_their_sentence_and_line() {
    let r = import(MONTHLY);
    let k = r
        .key_figures
        .iter()
        .find(|k| k.value == "86")
        .expect("the 86 % figure");
    assert_eq!(k.unit, "%");
    assert_eq!(k.source, format!("{MONTHLY}.txt:70"));
    assert!(
        k.label
            .starts_with("Kostnaderna för inhyrd sjukvårdpersonal ökar med 86 %")
    );
    assert!(
        r.key_figures
            .iter()
            .any(|k| k.value == "-14" && k.unit == "mnkr")
    );
    assert!(
        r.key_figures
            .iter()
            .any(|k| k.value == "413" && k.unit == "årsarbetare")
    );
}

fn meta() -> Overrides {
    Overrides {
        report: ReportMeta {
            title: "T".into(),
            kind: "ovrigt".into(),
            period: "2023".into(),
            ..ReportMeta::default()
        },
        ..Overrides::default()
    }
}

#[test]
fn heading_levels_follow_chains_siblings_and_overrides() {
    // Double-spaced like the seeds: a heading right below a heading is its child.
    let text = "Kapitel ett \nAvsnitt \n\nText om avsnittet som är en hel mening och inget annat än text. \n\nNästa avsnitt \n\nMer text i en mening som också slutar med en punkt här. \n\nKapitel två \n\nSista meningen i dokumentet, som slutar med en punkt. \n";
    let mut o = meta();
    let r = parse_report(text, "x.txt", &o, &Profile::default()).unwrap();
    let levels: Vec<(u8, &str)> = r.headings().iter().map(|h| (h.0, h.1)).collect();
    assert_eq!(
        levels,
        [
            (2, "Kapitel ett"),
            (3, "Avsnitt"),
            (3, "Nästa avsnitt"),
            (3, "Kapitel två")
        ]
    );
    o.levels.insert("10".into(), 2);
    let r = parse_report(text, "x.txt", &o, &Profile::default()).unwrap();
    assert_eq!(r.headings()[3], (2, "Kapitel två", 10));
    // A level for a line where no heading starts is an error, not silently ignored.
    o.levels.insert("3".into(), 2);
    let errors = parse_report(text, "x.txt", &o, &Profile::default()).unwrap_err();
    assert!(errors[0].contains("line 3"), "{errors:?}");
}

#[test]
fn forced_headings_split_from_their_text_and_join_their_lines() {
    // 003 lines 2029–2033: a heading over two lines, glued to each other by the layout.
    let text = "Region Norrbotten besökte det ledande kulturpolitiska konventet \n\nFolk och kultur \n\nRegionens kulturenhet deltog under Folk och kultur i Eskilstuna 7-10 febru-\n\nari. \n";
    let mut o = meta();
    o.headings = vec!["1-3".into()];
    let r = parse_report(text, "x.txt", &o, &Profile::default()).unwrap();
    assert_eq!(
        r.headings(),
        [(
            2,
            "Region Norrbotten besökte det ledande kulturpolitiska konventet Folk och kultur",
            1
        )]
    );
    assert!(r.markdown().contains("Eskilstuna 7-10 februari."));
}

#[test]
fn markdown_escapes_what_would_be_markup() {
    assert_eq!(
        escape_markdown("a *b* [c] <d>"),
        "a \\*b\\* \\[c\\] \\<d\\>"
    );
    assert_eq!(escape_markdown("- Timlön 2,7"), "\\- Timlön 2,7");
    assert_eq!(
        escape_markdown(&format!("Norrbotten.{NOTE_OPEN}1{NOTE_CLOSE} Regionens")),
        "Norrbotten.[^1] Regionens"
    );
}

#[test]
fn organ_tags_are_read_and_split_off() {
    assert_eq!(
        organ_tag("(RS, RUN)"),
        Some(vec!["rs".into(), "run".into()])
    );
    assert_eq!(
        organ_tag("(RS,  RUN)"),
        Some(vec!["rs".into(), "run".into()])
    );
    assert_eq!(organ_tag("(2023)"), None);
    assert_eq!(
        split_organ_tag("Utveckla den palliativa vården. (RS)"),
        (
            "Utveckla den palliativa vården.".to_string(),
            vec!["rs".to_string()]
        )
    );
}
