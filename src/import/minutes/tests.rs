//! Unit tests of the minutes importer: the whole of seed 004, the layout profile, and small
//! snippets for mentions, votes and Markdown; kept apart so that the modules stay short.

use super::extract::{decision_kind, mentions, votes};
use super::markdown::escape_markdown;
use super::write::front_matter_file;
use super::*;
use crate::content::RawStatement;
use crate::model::{DecisionKind, ReferenceKind, Votes};

const SOURCE: &str = "004_8b838460e9bf283a.txt";

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seeds/004_8b838460e9bf283a.txt"
    ))
    .expect("seed 004")
}

/// The layout profile in the repository's `content/_import/`.
fn profile() -> Profile {
    Profile::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content"
    )))
    .expect("the minutes profile")
}

fn meeting() -> ImportedMeeting {
    parse_minutes(&seed(), SOURCE, &profile()).expect("004 parses")
}

fn paragraph(m: &ImportedMeeting, number: u32) -> &RawParagraph {
    m.paragraphs
        .iter()
        .map(|p| &p.front)
        .find(|p| *p.number.get_ref() == number)
        .unwrap_or_else(|| panic!("no § {number}"))
}

fn body(m: &ImportedMeeting, number: u32) -> &str {
    m.paragraphs
        .iter()
        .find(|p| *p.front.number.get_ref() == number)
        .map(|p| p.body.as_str())
        .unwrap_or_else(|| panic!("no § {number}"))
}

fn lines(source: &Option<Text>) -> (usize, usize) {
    let l = LineRange::of(source).expect("source lines");
    (l.first, l.last)
}

fn slugs(s: &RawStatement) -> Vec<&str> {
    s.persons.iter().map(|p| p.get_ref().as_str()).collect()
}

fn texts(list: &[Text]) -> Vec<&str> {
    list.iter().map(|t| t.get_ref().as_str()).collect()
}

fn references(p: &RawParagraph, kind: ReferenceKind) -> Vec<&str> {
    p.references
        .iter()
        .filter(|r| r.kind.get_ref() == kind.key())
        .map(|r| r.text.as_str())
        .collect()
}

fn decision_kind_of(p: &RawParagraph) -> DecisionKind {
    let kind = &p.decision.as_ref().expect("decision").kind;
    DecisionKind::parse(kind.get_ref()).expect("a decision kind")
}

/// Every piece of text the importer produces for a §.
fn all_texts(paragraph: &ImportedParagraph) -> Vec<&str> {
    let p = &paragraph.front;
    let statements = p
        .proposals
        .iter()
        .chain(&p.reservations)
        .chain(&p.notes)
        .chain(&p.recusals)
        .map(|s| s.text.as_str());
    let mut texts: Vec<&str> = vec![p.title.as_str(), paragraph.body.as_str()];
    texts.extend(p.decision.iter().map(|d| d.text.as_str()));
    texts.extend(statements);
    texts.extend(p.steps.iter().map(|s| s.text.as_str()));
    texts.extend(p.attachments.iter().map(String::as_str));
    texts.extend(p.distribution.iter().map(String::as_str));
    texts.extend(p.references.iter().map(|r| r.text.as_str()));
    texts
}

fn has_page_footer(text: &str) -> bool {
    text.split("Sida ").skip(1).any(|rest| {
        let (page, total) = rest.split_once(' ').unwrap_or_default();
        !page.is_empty()
            && page.bytes().all(|b| b.is_ascii_digit())
            && total.starts_with('(')
            && total[1..]
                .split(')')
                .next()
                .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[test]
fn reads_the_meeting() {
    let m = meeting();
    assert_eq!(m.organ, "Regionstyrelsen");
    assert_eq!(m.date, "2020-10-14");
    assert_eq!(
        m.front.document_id.as_deref(),
        Some("ARBGRP757-2093665656-83")
    );
    let numbers: Vec<u32> = m
        .paragraphs
        .iter()
        .map(|p| *p.front.number.get_ref())
        .collect();
    assert_eq!(numbers, (160..=184).collect::<Vec<_>>());
}

#[test]
fn paragraphs_carry_their_source_lines() {
    let m = meeting();
    let range = |n| lines(&paragraph(&m, n).source);
    assert_eq!(range(160), (1, 8));
    assert_eq!(range(162), (20, 47));
    assert_eq!(range(172), (2170, 2741));
    assert_eq!(range(184), (5042, 5185));
    // Ranges tile the file: each § ends right before the next.
    for w in m.paragraphs.windows(2) {
        assert_eq!(lines(&w[0].front.source).1 + 1, lines(&w[1].front.source).0);
    }
    assert_eq!(
        paragraph(&m, 162)
            .source
            .as_ref()
            .map(|s| s.get_ref().as_str()),
        Some("004_8b838460e9bf283a.txt:20-47")
    );
}

#[test]
fn titles_and_diary_numbers() {
    let m = meeting();
    for n in 160..=162 {
        assert!(paragraph(&m, n).dnr.is_empty(), "§ {n}");
    }
    let p172 = paragraph(&m, 172);
    assert_eq!(p172.title, "Ny driftsorganisation i Region Norrbotten");
    assert_eq!(texts(&p172.dnr), ["1351-2020"]);
    assert_eq!(texts(&paragraph(&m, 163).dnr), ["1310-2020"]);
    assert_eq!(texts(&paragraph(&m, 166).dnr), ["119-2020"]);
    assert_eq!(texts(&paragraph(&m, 178).dnr), ["3602-2019"]);
    // `2020-` / `10-14` keeps its hyphens; a four-line title is whole.
    assert_eq!(
        paragraph(&m, 164).title,
        "Meddelanden till regionstyrelsen 2020-10-14"
    );
    assert_eq!(
        paragraph(&m, 180).title,
        "Motion 2-2020 om utredning av förändrad organisations- och verksamhetsform för den regionala kollektivtrafikmyndigheten"
    );
    for p in &m.paragraphs[3..] {
        assert_eq!(p.front.dnr.len(), 1, "§ {}", p.front.number.get_ref());
    }
}

#[test]
fn paragraph_162_closed_meeting_and_reservation() {
    let m = meeting();
    let p = paragraph(&m, 162);
    assert_eq!(decision_kind_of(p), DecisionKind::Final);
    let decision = p.decision.as_ref().expect("decision");
    assert!(decision.text.contains("Covid-19"), "{}", decision.text);
    assert!(decision.text.contains("stängt för allmänheten"));
    assert_eq!(p.reservations.len(), 1);
    assert_eq!(
        slugs(&p.reservations[0]),
        ["glenn-berggard", "anders-oberg"]
    );
    assert_eq!(
        p.reservations[0].text,
        "Glenn Berggård (V) och Anders Öberg (S) reserverar sig mot beslutet."
    );
    assert_eq!(p.proposals.len(), 2);
    assert_eq!(slugs(&p.proposals[0]), ["glenn-berggard", "anders-oberg"]);
    assert_eq!(p.proposals[1].role.as_deref(), Some("Ordföranden"));
    assert_eq!(p.steps.len(), 1);
    assert!(
        p.steps[0]
            .text
            .starts_with("Ordföranden ställer eget förslag")
    );
}

#[test]
fn recusals_are_found_wherever_they_are() {
    let m = meeting();
    let p178 = paragraph(&m, 178);
    assert_eq!(p178.recusals.len(), 1);
    assert_eq!(slugs(&p178.recusals[0]), ["linda-frohm"]);
    assert!(
        p178.notes.is_empty(),
        "the jäv note is a recusal, not a note"
    );
    assert_eq!(lines(&p178.recusals[0].source).0, 4049);
    // § 180: three members announce jäv under `Protokollsanteckning`.
    let p180 = paragraph(&m, 180);
    assert_eq!(p180.recusals.len(), 1);
    assert_eq!(
        slugs(&p180.recusals[0]),
        ["anders-oberg", "ann-sofie-isaksson", "johannes-sundelin"]
    );
    assert!(p180.notes.is_empty());
    assert_eq!(
        slugs(&p180.reservations[0]),
        ["elisabeth-lindberg", "carina-stromback"]
    );
    let recusing: Vec<u32> = m
        .paragraphs
        .iter()
        .filter(|p| !p.front.recusals.is_empty())
        .map(|p| *p.front.number.get_ref())
        .collect();
    assert_eq!(recusing, [178, 180]);
}

#[test]
fn decision_kinds() {
    let m = meeting();
    let kind = |n| decision_kind_of(paragraph(&m, n));
    use DecisionKind::*;
    assert_eq!(kind(163), Noted);
    assert_eq!(kind(166), Noted);
    assert_eq!(kind(165), Final);
    assert_eq!(kind(167), Proposal);
    // `föreslår fullmäktige` without `region-`.
    assert_eq!(kind(169), Proposal);
    assert_eq!(kind(172), Proposal);
    // Point 3 lays the report to the files, points 1–2 decide.
    assert_eq!(kind(174), Final);
    assert_eq!(kind(181), Consultation);
    assert!(m.paragraphs.iter().all(|p| p.front.decision.is_some()));
    let text = &paragraph(&m, 172).decision.as_ref().expect("decision").text;
    assert_eq!(
        text,
        "Regionstyrelsen föreslår regionfullmäktige besluta att:\n\n1. Fastställa ny driftsorganisation enligt bild 1.\n2. Den nya organisationen träder ikraft från och med 1 januari 2021."
    );
}

#[test]
fn proposals_steps_and_notes_of_172() {
    let m = meeting();
    let p = paragraph(&m, 172);
    let proposers: Vec<Vec<&str>> = p.proposals.iter().map(slugs).collect();
    assert_eq!(
        proposers,
        [
            vec!["glenn-berggard"],
            vec!["anders-oberg"],
            vec!["marianne-sandstrom", "elisabeth-lindberg"],
            vec!["nils-olov-lindfors"],
        ]
    );
    assert_eq!(p.steps.len(), 2);
    assert!(p.steps.iter().all(|s| s.votes.is_none()), "004 has no vote");
    assert_eq!(
        slugs(&p.reservations[0]),
        ["glenn-berggard", "anders-oberg", "marianne-sandstrom"]
    );
    assert_eq!(p.notes.len(), 1);
    assert_eq!(texts(&p.notes[0].parties), ["s"]);
    assert!(p.notes[0].persons.is_empty());
    assert!(
        p.notes[0]
            .text
            .contains("\n\nFörslaget till ny driftorganisation")
    );
    // § 170: a note by a person; § 174: by the Social Democrats' members.
    let p170 = paragraph(&m, 170);
    assert_eq!(slugs(&p170.notes[0]), ["anders-oberg"]);
    assert_eq!(texts(&paragraph(&m, 174).notes[0].parties), ["s"]);
    // § 169: three proposals by members and the chair's.
    let p169 = paragraph(&m, 169);
    assert_eq!(p169.proposals.len(), 4);
    assert_eq!(p169.proposals[3].role.as_deref(), Some("Ordföranden"));
}

#[test]
fn attachments_and_distribution() {
    let m = meeting();
    // The PDF's link annotation after the recipients (line 2741) is not a recipient.
    assert_eq!(
        paragraph(&m, 172).distribution,
        ["Regiondirektör", "Avdelningsdirektörer", "Divisionschefer"]
    );
    assert_eq!(
        paragraph(&m, 176).distribution.last().map(String::as_str),
        Some("Divisionschef Länsteknik")
    );
    assert_eq!(paragraph(&m, 170).distribution.len(), 6);
    assert_eq!(
        paragraph(&m, 164).attachments,
        [
            "Skrivelse från Länspensionärsrådet och Tillgänglighetsrådet om kvalitetsregistret SveDem",
            "Patientnämndens protokoll 2020-09-09",
            "Regionala utvecklingsnämndens protokoll 2020-09-08",
            "Internationella beredningens protokoll 2020-09-03",
            "JO-beslut avseende anmälan mot Psykiatrin länsgemensamt",
        ]
    );
    assert_eq!(
        paragraph(&m, 173).attachments,
        [
            "Överenskommelse avseende kostnadsansvar för avhjälpandeåtgärder vid Bodentvätten",
            "Presentation Pilen 6; FFV:s tvätteri",
        ]
    );
    assert_eq!(paragraph(&m, 166).attachments.len(), 9);
    assert_eq!(paragraph(&m, 184).attachments.len(), 5);
    // The decision basis of § 168 is body text, not attachments.
    let p168 = paragraph(&m, 168);
    assert!(p168.attachments.is_empty());
    assert!(body(&m, 168).contains(
        "## Beslutsunderlag\n\n- Regionala utvecklingsnämndens delårsrapport per augusti 2020\n"
    ));
}

#[test]
fn references_by_kind() {
    let m = meeting();
    assert_eq!(
        references(paragraph(&m, 163), ReferenceKind::Dnr),
        [
            "1355-2020",
            "1354-2020",
            "1370-2020",
            "1184-2020",
            "1296-2020",
            "1-2020",
            "981-2020"
        ]
    );
    assert_eq!(
        references(paragraph(&m, 176), ReferenceKind::Protocol),
        [
            "Regionfullmäktiges protokoll 2017-04-26 § 37",
            "Regionfullmäktiges protokoll 2020-02-12 § 18"
        ]
    );
    // Named by the decision basis, also mentioned in the text: once.
    assert_eq!(
        references(paragraph(&m, 180), ReferenceKind::Protocol),
        ["Regionala utvecklingsnämndens protokoll 2020-10-07 § 104"]
    );
    let p180 = paragraph(&m, 180);
    assert_eq!(references(p180, ReferenceKind::Law), ["Lag (2010:1065)"]);
    let law = p180
        .references
        .iter()
        .find(|r| r.kind.get_ref() == ReferenceKind::Law.key());
    assert_eq!(law.map(|r| lines(&r.source)), Some((4337, 4337)));
    let p181 = paragraph(&m, 181);
    assert_eq!(references(p181, ReferenceKind::Sou), ["SOU 2019:20"]);
    assert_eq!(references(p181, ReferenceKind::Ds), ["Ds 2020:15"]);
    assert_eq!(
        references(p181, ReferenceKind::Law),
        ["Patientsäkerhetslagen (2010:659)", "4 kap. 5 a §"]
    );
    assert_eq!(
        references(paragraph(&m, 169), ReferenceKind::Dnr),
        ["799-2020"]
    );
    // A § never refers to its own diary number; 172's references list is read whole.
    let p172 = paragraph(&m, 172);
    assert_eq!(references(p172, ReferenceKind::Dnr), ["03531-2019"]);
    assert_eq!(references(p172, ReferenceKind::Other).len(), 3);
}

#[test]
fn persons_and_parties() {
    let m = meeting();
    let persons: Vec<(&str, &str, &str)> = m
        .persons
        .iter()
        .map(|(slug, p)| {
            let party = p.party.as_ref().map_or("", |a| a.get_ref().as_str());
            (slug.as_str(), p.name.as_str(), party)
        })
        .collect();
    assert_eq!(
        persons,
        [
            ("anders-oberg", "Anders Öberg", "s"),
            ("ann-sofie-isaksson", "Ann-Sofie Isaksson", "s"),
            ("carina-stromback", "Carina Strömbäck", "s"),
            ("elisabeth-lindberg", "Elisabeth Lindberg", "s"),
            ("glenn-berggard", "Glenn Berggård", "v"),
            ("johannes-sundelin", "Johannes Sundelin", "s"),
            ("linda-frohm", "Linda Frohm", "m"),
            ("marianne-sandstrom", "Marianne Sandström", "sd"),
            ("nils-olov-lindfors", "Nils-Olov Lindfors", "c"),
        ]
    );
    assert_eq!(lines(&m.persons["glenn-berggard"].source), (32, 32));
    let parties: Vec<&str> = m.parties.keys().map(String::as_str).collect();
    assert_eq!(parties, ["c", "m", "s", "sd", "v"]);
    assert_eq!(m.parties["v"].name, "Vänsterpartiet");
}

#[test]
fn body_is_markdown_with_footnotes() {
    let m = meeting();
    let text = body(&m, 172);
    assert!(
        text.starts_with("## Yttrande till beslutsförslaget\n\n"),
        "{text}"
    );
    assert!(text.contains("\n## Sammanfattning\n"));
    assert!(text.contains("\n### Bakgrund\n"));
    assert!(text.contains("uppgick den sista februari 2020[^1] till 436."));
    assert!(text.contains("den sista februari 2020[^2] och presenteras"));
    assert!(text.contains("\n[^2]: Sista februari 2020 har valts"));
    assert!(text.contains("- VO primärvård – Piteå\n"));
    // A bullet at the top of a page (line 2524) stays in its list.
    assert!(text.contains("- VO internmedicin/geriatrik\n- VO neurocentrum inkl neurologi och strokevård\n- VO omvårdnad"));
    assert!(text.contains("omfattar drygt 1 200 medarbetare"));
    assert!(text.contains("- Region Norrbottens interna genomlysningsarbete hittas här: <http://insidan.nll.se/Ledning--styrning/omstallningen/>"));
    assert!(text.contains("\n  - Delrapport 1 - Prehospital akutsjukvård och transport\n"));
    // Decision, statements and lists are front matter, not body.
    assert!(!text.contains("Regionstyrelsens beslut"));
    assert!(!text.contains("reserverar sig"));
    assert!(!text.contains("Protokollsutdrag"));
    assert!(body(&m, 160).is_empty());
}

#[test]
fn no_page_furniture_in_any_output() {
    let m = meeting();
    for p in &m.paragraphs {
        let number = p.front.number.get_ref();
        for t in all_texts(p) {
            assert!(!has_page_footer(t), "§ {number}: {t}");
            for furniture in ["PROTOKOLL", "DOKUMENT-ID", "Rättelse bestyrks", "ARBGRP"] {
                assert!(!t.contains(furniture), "§ {number}: {furniture} in {t}");
            }
        }
    }
    // The signatories of the `Rättelse bestyrks` block (§ 174) are no reservation.
    assert!(!m.persons.contains_key("kenneth-backgard"));
}

#[test]
fn mentions_need_a_known_party() {
    let parties = profile();
    let found = mentions(
        "Glenn Berggård (V), Anders Öberg (S) och Marianne Sandström (SD) reser",
        &parties,
    );
    let names: Vec<(&str, &str)> = found
        .iter()
        .map(|m| (m.name.as_str(), m.party.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Glenn Berggård", "V"),
            ("Anders Öberg", "S"),
            ("Marianne Sandström", "SD")
        ]
    );
    assert!(
        mentions(
            "mellan Region Norrbotten och Sveriges Geologiska Undersökningar (SGU)",
            &parties
        )
        .is_empty()
    );
    assert!(mentions("Ordföranden (S) föreslår", &parties).is_empty());
    let three = mentions("Anna-Stina Nordmark Nilsson (M) föreslår", &parties);
    assert_eq!(three[0].name, "Anna-Stina Nordmark Nilsson");
}

#[test]
fn votes_are_read_when_counted() {
    let v = votes(
        "Omröstning genomförs. Regionstyrelsen beslutar med 8 ja-röster mot 6 nej-röster, 1 avstår, att bifalla förslaget.",
    );
    assert_eq!(
        v,
        Some(Votes {
            yes: 8,
            no: 6,
            abstain: 1
        })
    );
    let v = votes("Regionstyrelsen bifaller förslaget med 9 röster mot 6.");
    assert_eq!(
        v,
        Some(Votes {
            yes: 9,
            no: 6,
            abstain: 0
        })
    );
    assert_eq!(
        votes("Ordföranden ställer förslagen mot varandra och finner att 2 förslag återstår."),
        None
    );
}

#[test]
fn decision_kind_from_wording() {
    assert_eq!(
        decision_kind("Regionstyrelsen beslutar att lägga informationen till handlingarna."),
        DecisionKind::Noted
    );
    assert_eq!(
        decision_kind("Regionstyrelsen lämnar remissvar enligt bilaga."),
        DecisionKind::Consultation
    );
    assert_eq!(
        decision_kind("Regionstyrelsen föreslår regionfullmäktige besluta att godkänna."),
        DecisionKind::Proposal
    );
    assert_eq!(
        decision_kind(
            "Regionstyrelsen beslutar att:\n\n1. Godkänna.\n2. Lägga rapporten till handlingarna."
        ),
        DecisionKind::Final
    );
}

#[test]
fn markdown_is_escaped() {
    assert_eq!(escape_markdown("a *b* <c> [d]"), r"a \*b\* \<c\> \[d\]");
    assert_eq!(escape_markdown("# not a heading"), r"\# not a heading");
}

#[test]
fn bad_input_is_reported_with_lines() {
    let errors = parse_minutes("Inget protokoll här.\n", "x.txt", &profile()).expect_err("no §");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("meeting's date")));
    assert!(errors.iter().any(|e| e.contains("meeting's organ")));
    assert!(errors.iter().any(|e| e.contains("no § found")));
    let text = "Regionstyrelsen 14 oktober 2020  Sida 1 (2)\n § 5 \n\nTitel\nDnr 12-20x0 \n\nRegionstyrelsens beslut \nRegionstyrelsen beslutar. \n § 4 \n\n";
    let errors = parse_minutes(text, "x.txt", &profile()).expect_err("no title");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("§ 4 has no title"), "{errors:?}");
    // With a title, the § out of order is a warning that the content would be wrong, and
    // the diary number is kept as written.
    let text = text.replace(" § 4 \n\n", " § 4 \n\nAnnan titel\n");
    let m = parse_minutes(&text, "x.txt", &profile()).expect("parses");
    assert_eq!(texts(&paragraph(&m, 5).dnr), ["12-20x0"]);
    let warning = m
        .warnings
        .iter()
        .find(|w| w.text.contains("x.txt:9: § 4 follows § 5"))
        .unwrap_or_else(|| panic!("{:?}", m.warnings));
    assert!(warning.wrong);
}

#[test]
fn written_files_load_and_link() {
    let m = meeting();
    let root = tempfile::tempdir().expect("tempdir");
    let content = root.path().join("content");
    std::fs::create_dir_all(content.join("organ")).expect("organ dir");
    std::fs::write(
        content.join("organ/rs.md"),
        "+++\nname = \"Regionstyrelsen\"\nabbreviation = \"RS\"\n+++\n",
    )
    .expect("organ");
    // A person file edited by hand is kept.
    std::fs::create_dir_all(content.join("personer")).expect("personer dir");
    let kept = "+++\nname = \"Linda Frohm\"\nparty = \"m\"\n+++\nOrdförande.\n";
    std::fs::write(content.join("personer/linda-frohm.md"), kept).expect("person");

    let written = write_minutes(&m, &content, "rs").expect("write");
    assert_eq!(written.len(), 1 + 25 + 8 + 5);
    assert_eq!(
        std::fs::read_to_string(content.join("personer/linda-frohm.md")).expect("read"),
        kept
    );
    for path in &written {
        let text = std::fs::read_to_string(path).expect("read back");
        let (front, _, _) = crate::content::split_front_matter(&text)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let value: toml::Table =
            toml::from_str(front).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if path.parent().is_some_and(|d| d.ends_with("2020-10-14")) && !path.ends_with("_index.md")
        {
            let p: crate::content::RawParagraph =
                toml::from_str(front).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                value["number"].as_integer(),
                Some(i64::from(*p.number.get_ref()))
            );
        }
    }
    let text =
        std::fs::read_to_string(content.join("protokoll/rs/2020-10-14/172.md")).expect("172");
    let (front, _, body) = crate::content::split_front_matter(&text).expect("front matter");
    let p: crate::content::RawParagraph = toml::from_str(front).expect("172 front matter");
    let decision = p.decision.expect("decision");
    assert!(decision.text.ends_with("från och med 1 januari 2021."));
    assert_eq!(p.notes[0].parties[0].get_ref(), "s");
    assert!(body.starts_with("## Yttrande till beslutsförslaget"));

    // The whole content folder passes the site's own loader and linker.
    let mut diagnostics = crate::diagnostics::Diagnostics::default();
    let raw = crate::content::load(root.path(), &mut diagnostics);
    let site = crate::link::link(raw, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{:?}", diagnostics.into_sorted());
    drop(site);
}

#[test]
fn toml_escapes_quotes_and_backslashes() {
    let front = RawStatement {
        persons: Vec::new(),
        parties: Vec::new(),
        role: None,
        text: "Citat: \"a\\b\" och \"\"\" mitt i\nny rad".to_string(),
        source: Some(unspanned("x.txt:1".to_string())),
    };
    let text = front_matter_file(&front, "").expect("serialize");
    let (toml_text, _, _) = crate::content::split_front_matter(&text).expect("front");
    let back: toml::Table = toml::from_str(toml_text).expect("parse back");
    assert_eq!(back["text"].as_str(), Some(front.text.as_str()));
}

#[test]
fn the_profile_holds_norrbottens_layout() {
    let profile = profile();
    let abbreviations: Vec<&str> = profile
        .parties
        .iter()
        .map(|p| p.abbreviation.as_str())
        .collect();
    assert_eq!(
        abbreviations,
        ["S", "M", "SD", "C", "V", "KD", "L", "MP", "SJVP"]
    );
    assert_eq!(profile.running_headers, ["PROTOKOLL"]);
    assert!(
        profile
            .furniture()
            .is_document_box(" DOKUMENT-ID ORDFÖRANDE  SIGN JUSTERARE SIGN ")
    );
}

#[test]
fn profile_errors_name_the_key() {
    let unknown = Profile::parse("running_headers = []\nparty = []\n").expect_err("unknown key");
    assert!(unknown.contains("unknown field `party`"), "{unknown}");
    let missing = Profile::parse("[[parties]]\nabbreviation = \"S\"\nmembers = \"s\"\n")
        .expect_err("no name");
    assert!(missing.contains("missing field `name`"), "{missing}");
    let blank =
        Profile::parse("[[parties]]\nabbreviation = \"S\"\nname = \"S\"\nmembers = \" \"\n")
            .expect_err("blank members");
    assert!(blank.starts_with("parties[0]:"), "{blank}");
}

#[test]
fn without_a_profile_nothing_region_specific_is_recognised() {
    let root = tempfile::tempdir().expect("tempdir");
    let profile = Profile::load(root.path()).expect("a missing profile is no error");
    let m = parse_minutes(&seed(), SOURCE, &profile).expect("004 parses");
    // No party is known, so a person is read only where a sentence states a jäv.
    assert!(m.parties.is_empty());
    assert!(m.persons.values().all(|p| p.party.is_none()));
    assert!(
        m.paragraphs
            .iter()
            .all(|p| p.front.proposals.iter().all(|s| s.persons.is_empty()))
    );
    assert_eq!(m.front.document_id, None);
    assert!(paragraph(&m, 172).proposals.is_empty());
    // The common Swedish layout still gives every § and its decision.
    assert_eq!(m.paragraphs.len(), 25);
    assert!(m.paragraphs.iter().all(|p| p.front.decision.is_some()));
}

#[test]
fn the_readme_profile_example_parses() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let example = readme
        .split("```toml\nparagraph_words")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the profile example in the README");
    let profile = Profile::parse(&format!("paragraph_words{example}")).expect("it parses");
    assert_eq!(profile.paragraph_words, ["Ärende"]);
    assert_eq!(profile.decision_headings, ["Nämndens beslut"]);
}

#[test]
fn paragraph_lines_in_their_common_forms() {
    use super::layout::paragraph_mark;
    let mark = |line: &str| paragraph_mark(line, &["Kf".to_string()], &["Ärende".to_string()]);
    let number = |line: &str| mark(line).map(|m| m.number);
    assert_eq!(number(" § 172 "), Some(172));
    assert_eq!(number("KF § 267  Dnr KS 02-820 107"), Some(267));
    assert_eq!(
        mark("KF § 267  Dnr KS 02-820 107").unwrap().rest,
        "Dnr KS 02-820 107"
    );
    assert_eq!(number("kf § 275"), Some(275));
    assert_eq!(number("§ 40/2019 Dnr 2019/0041 NTN - 1"), Some(40));
    assert_eq!(number("Ärende 5"), Some(5));
    assert_eq!(
        mark("§ 12 Yttrande över remiss").unwrap().title.as_deref(),
        Some("Yttrande över remiss")
    );
    // A sentence that wrapped before `§`, and a reference inside a sentence, are no § lines.
    assert_eq!(number("§ 37 beslutade fullmäktige att"), None);
    assert_eq!(number("enligt § 37"), None);
    assert_eq!(number("Beslut § 5"), None);
}
