use std::fs;
use std::path::Path;

use super::status::{direction_of, goal_status};
use super::*;
use crate::import::followup::ImportedMeasure;
use crate::import::profile::Profile;
use crate::model::{Direction, Group, MeasureKind, ReportKind, Status, StatusSource};

const SEED: &str = "000_dd116de8632fe0a7.txt";

fn seed_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(SEED);
    fs::read_to_string(path).expect("the seed 000 beside the repository")
}

/// The committed import profile (Region Norrbotten's).
fn profile() -> Profile {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    Profile::read(&content)
        .unwrap()
        .unwrap()
        .with_site(&content, "2022-2024")
        .unwrap()
}

fn committed_overrides() -> Overrides {
    Overrides::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), SEED).unwrap()
}

fn parsed() -> FlatFollowUp {
    parse_flat(&seed_text(), SEED, &committed_overrides(), &profile()).unwrap()
}

fn measure(f: &FlatFollowUp, first_line: usize) -> &ImportedMeasure {
    f.followup
        .measures()
        .find(|m| m.first_line == first_line)
        .unwrap_or_else(|| panic!("no measure row starts on line {first_line}"))
}

#[test]
fn counts() {
    let f = parsed();
    let fu = &f.followup;
    assert_eq!(fu.perspectives.len(), 5);
    assert_eq!(fu.goals.len(), 6);
    let per_goal: Vec<usize> = fu.goals.iter().map(|g| g.factors.len()).collect();
    assert_eq!(per_goal, [6, 9, 6, 3, 4, 6]);
    assert_eq!(fu.factors().count(), 34);
    assert!(
        fu.factors()
            .all(|f| f.in_overview && f.heading_lines.len() == 1)
    );
    assert_eq!(fu.measures().count(), 107);
    let activities = fu
        .measures()
        .filter(|m| m.kind == MeasureKind::Aktivitet)
        .count();
    assert_eq!(activities, 17);
    let with_comment = fu.measures().filter(|m| !m.comments.is_empty()).count();
    let paragraphs: usize = fu.measures().map(|m| m.comments.len()).sum();
    let notes: usize = fu.factors().map(|f| f.comments.len()).sum();
    assert_eq!((with_comment, paragraphs, notes), (76, 173, 14));
    let by_sex = fu
        .measures()
        .filter(|m| m.rows.iter().any(|r| r.group != Group::Total))
        .count();
    assert_eq!(by_sex, 15);
}

#[test]
fn report_metadata() {
    let f = parsed();
    assert_eq!(f.kind, ReportKind::Delarsrapport);
    assert_eq!(f.period.as_deref(), Some("2022-04"));
    assert_eq!(f.document_id.as_deref(), Some("lgekpl-4-1041"));
    assert_eq!(f.version.as_deref(), Some("0.19"));
    assert_eq!(f.followup.year, Some(2022));
    assert_eq!(
        f.followup.title,
        "Delårsrapport per april 2022 – Mål och måluppfyllelse"
    );
}

#[test]
fn goals_with_organs_and_assessments() {
    let f = parsed();
    let goals: Vec<(&str, Vec<&str>, &str)> = f
        .followup
        .goals
        .iter()
        .map(|g| {
            (
                g.title.as_str(),
                g.organs.iter().map(String::as_str).collect(),
                g.perspective.as_str(),
            )
        })
        .collect();
    assert_eq!(
        goals,
        [
            ("Ett livskraftigt län", vec!["RS", "RUN"], "samhalle"),
            (
                "Trygg norrbottning med god livskvalitet",
                vec!["RS", "RUN", "PN"],
                "medborgare"
            ),
            (
                "God, nära och samordnad vård",
                vec!["RS", "PN"],
                "verksamhet"
            ),
            (
                "Behovsstyrd regional utveckling i samverkan",
                vec!["RUN"],
                "verksamhet"
            ),
            ("Hållbar kompetensförsörjning", vec!["RS"], "medarbetare"),
            (
                "Långsiktig hållbar ekonomi",
                vec!["RS", "RUN", "PN"],
                "ekonomi"
            ),
        ]
    );
    // "samtliga sex strategiska mål delvis kommer att uppnås" (lines 148-150); each goal's
    // own sentence says so, two of them as "inte … i sin helhet".
    for g in &f.followup.goals {
        let a = g.assessment.as_ref().expect("an assessment");
        assert_eq!(a.status, Some(Status::DelvisUppnatt), "{}", a.sentence);
    }
    let trygg = &f.followup.goals[1].assessment.as_ref().unwrap();
    assert_eq!((trygg.first_line, trygg.last_line), (1206, 1251));
    assert!(
        trygg
            .paragraph
            .starts_with("Den samlade bedömningen är att det strategiska målet")
    );
    assert!(
        trygg.paragraph.ends_with("har ett positivt utfall."),
        "{}",
        trygg.paragraph
    );
}

#[test]
fn factors_take_their_organs_from_the_overview() {
    let f = parsed();
    let beslut = &f.followup.goals[0].factors[5];
    assert_eq!(
        beslut.title,
        "Beslut på nationell och EU nivå ska vara gynnsamma för länet och organisationen"
    );
    assert_eq!(beslut.organs, ["RS", "RUN"]);
    assert_eq!(beslut.first_line, 968);
    let vard = &f.followup.goals[2].factors[2];
    assert_eq!(
        vard.title,
        "Ett hälsofrämjande och personcentrerat förhållningssätt där patientens kraft tas tillvara"
    );
    assert_eq!(vard.measures.len(), 7);
}

#[test]
fn measure_rows_as_the_source_gives_them() {
    let f = parsed();
    let triage = measure(&f, 1276);
    assert_eq!(
        triage.name,
        "Antal slutförda triage totalt i länet på Digitalen"
    );
    assert_eq!(triage.organs, ["RS"]);
    assert_eq!(triage.rows.len(), 1);
    assert_eq!(
        (
            triage.rows[0].target.as_str(),
            triage.rows[0].outcome.as_str()
        ),
        ("43000", "18 464")
    );
    // A part-year count against an annual target gets no status.
    assert_eq!(triage.rows[0].status_source, None);

    // Name and organ on one line; row ends with the empty status cells' spaces.
    let visits = measure(&f, 559);
    assert_eq!(
        (visits.name.as_str(), visits.rows[0].target.as_str()),
        ("Antal företagsbesök", "150")
    );

    // Activity, target split over lines.
    let review = measure(&f, 4591);
    assert_eq!(review.kind, MeasureKind::Aktivitet);
    assert_eq!(review.name, "Översyn av regionens verksamhetsbidrag");
    assert_eq!(review.rows[0].target, "Översynen är genomförd");

    // Value split from its unit across lines, after a gap.
    let drugs = measure(&f, 4551);
    assert_eq!(drugs.rows[0].target, "Högst 300 kr/invånare");
    assert_eq!(drugs.rows[0].target_value.as_deref(), Some("300"));
    assert_eq!(drugs.rows[0].outcome, "79 kr/invånare");
    assert_eq!(drugs.rows[0].status, Some(Status::Uppnatt));
    assert_eq!(drugs.rows[0].status_source, Some(StatusSource::Text));

    // The header repeated after a page break (line 1361) is skipped.
    let op = measure(&f, 1375);
    let groups: Vec<(Group, &str)> = op
        .rows
        .iter()
        .map(|r| (r.group, r.outcome.as_str()))
        .collect();
    assert_eq!(groups, [(Group::Women, "43%"), (Group::Men, "49%")]);

    // A target per sex.
    let readmissions = measure(&f, 2845);
    let rows: Vec<(Group, Option<&str>, &str, Option<Status>)> = readmissions
        .rows
        .iter()
        .map(|r| {
            (
                r.group,
                r.target_value.as_deref(),
                r.outcome.as_str(),
                r.status,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Group::Women, Some("16,0%"), "17 %", None),
            (Group::Men, Some("17,2%"), "16 %", Some(Status::Uppnatt)),
        ]
    );

    // Totals, sexes and a group the source leaves unnamed.
    let falls = measure(&f, 3023);
    let rows: Vec<(Group, &str)> = falls
        .rows
        .iter()
        .map(|r| (r.group, r.outcome.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (Group::Total, "Framgår ej: 2 Totalt: 80"),
            (Group::Women, "38"),
            (Group::Men, "40")
        ]
    );
    assert_eq!(falls.rows[0].target, "Minska med 50% jämfört med 2020");

    // Age groups per sex keep their labels.
    let talks = measure(&f, 1629);
    assert_eq!(
        talks.rows[1].outcome,
        "Kvinnor 40 år: 5% Kvinnor 50 år: 4% Kvinnor 60 år: 7%"
    );
    assert_eq!(talks.rows[0].outcome, "Snitt: ca 5%");
    assert_eq!(talks.rows[0].target_value.as_deref(), Some("35"));

    // Same name in two factors: two measures.
    let budgets: Vec<usize> = f
        .followup
        .measures()
        .filter(|m| m.name == "Budget hålls")
        .map(|m| m.first_line)
        .collect();
    assert_eq!(budgets, [4291, 4321]);
}

#[test]
fn comments_are_attached_to_their_measure() {
    let f = parsed();
    let hsn = measure(&f, 2664);
    assert_eq!(hsn.comments[0].heading.as_deref(), Some("Patientnämnden"));
    assert!(
        hsn.comments[0]
            .text
            .starts_with("Antalet ärenden till patientnämnden som handlade om kommunikation är 64")
    );
    assert_eq!(hsn.rows[0].status, Some(Status::EjUppnatt));
    // A heading wrapped over two lines is one heading.
    let broadband = measure(&f, 794);
    assert_eq!(
        broadband.comments[0].heading.as_deref(),
        Some("Andel invånare som tackat ja till bredbandserbjudande om 100 Mbit per sekund")
    );
    // A factor with one measure: its unheaded comment is the measure's.
    let culture_budget = measure(&f, 4291);
    assert!(
        culture_budget.comments[0]
            .text
            .starts_with("Samtliga kulturinstitutioner bedömer")
    );
    // A subsection about several measures stays with the factor.
    let first = &f.followup.goals[0].factors[0];
    assert_eq!(
        first.comments[0].heading.as_deref(),
        Some("Filialer och servicepunkter")
    );
}

#[test]
fn splits_flattened_target_and_outcome() {
    let cases = [
        ("43000  18 464", "43000  18 464", "43000", "18 464"),
        (
            "Öka Filialer:",
            "Öka Filialer: 5397 besök Servicepunkter: 336 besök",
            "Öka",
            "Filialer: 5397 besök Servicepunkter: 336 besök",
        ),
        (
            "40% Nybesök:",
            "40% Nybesök: 1% Återbesök: 26%",
            "40%",
            "Nybesök: 1% Återbesök: 26%",
        ),
        (
            "35 % (helår) Kvinnor 40",
            "35 % (helår) Kvinnor 40 år: 5%",
            "35 % (helår)",
            "Kvinnor 40 år: 5%",
        ),
        (
            "Minska",
            "Minska med 50% jämfört med 2020 Kvinnor: 38",
            "Minska med 50% jämfört med 2020",
            "Kvinnor: 38",
        ),
        (
            "Öka",
            "Öka jämfört med 2021-12 72%",
            "Öka jämfört med 2021-12",
            "72%",
        ),
        (
            "Öka jmf",
            "Öka jmf motsvarande kvartal året innan",
            "Öka jmf motsvarande kvartal året innan",
            "",
        ),
        ("Under", "Under 6,5 %", "Under 6,5 %", ""),
        (
            "Minst en",
            "Minst en satsning per kommun",
            "Minst en satsning per kommun",
            "",
        ),
        (
            "Kvinnor:",
            "Kvinnor: 16,0% Män: 17,2% Kvinnor: 17 % Män: 16 %",
            "Kvinnor: 16,0% Män: 17,2%",
            "Kvinnor: 17 % Män: 16 %",
        ),
        ("250 st 228 st", "250 st 228 st", "250 st", "228 st"),
        ("2 planer", "2 planer", "2 planer", ""),
        ("0,0 +410 tkr", "0,0 +410 tkr", "0,0", "+410 tkr"),
        (
            "Regionen",
            "Regionen deltar i mat 2.0",
            "Regionen deltar i mat 2.0",
            "",
        ),
        ("Inte minska", "Inte minska", "Inte minska", ""),
        (
            "Minska  Kvinnor 19 %",
            "Minska Kvinnor 19 % Män 15 %",
            "Minska",
            "Kvinnor 19 % Män 15 %",
        ),
    ];
    for (first, values, target, outcome) in cases {
        assert_eq!(
            split_target(first, values, &profile().target_units),
            (target.to_string(), outcome.to_string()),
            "{values}"
        );
    }
}

#[test]
fn splits_groups() {
    let g = |cell: &str| -> Vec<(Group, String)> { split_groups(cell) };
    assert_eq!(
        g("Kvinnor: 93% Män: 92%"),
        [(Group::Women, "93%".into()), (Group::Men, "92%".into())]
    );
    assert_eq!(
        g("Kvinnor 19 % Män 15 %"),
        [(Group::Women, "19 %".into()), (Group::Men, "15 %".into())]
    );
    assert_eq!(
        g("Totalt: 8,0% varav lång 45,9% och kort 54,1% Kvinnor: 8,7% Män: 5,4%"),
        [
            (Group::Total, "8,0% varav lång 45,9% och kort 54,1%".into()),
            (Group::Women, "8,7%".into()),
            (Group::Men, "5,4%".into())
        ]
    );
    assert_eq!(
        g("Nybesök: 1% Återbesök: 26%"),
        [(Group::Total, "Nybesök: 1% Återbesök: 26%".into())]
    );
    assert_eq!(g(""), []);
}

#[test]
fn reads_statuses_from_the_prose() {
    assert_eq!(
        prose_status("Detta innebär att resandemålet inte är uppnått."),
        Some(Status::EjUppnatt)
    );
    assert_eq!(
        prose_status(
            "228 antibiotikarecept har förskrivits vilket når målet men är en försämring från föregående år."
        ),
        Some(Status::Uppnatt)
    );
    assert_eq!(
        prose_status(
            "Under första tertialen har 79 procent deltagit och det uppsatta målet är därmed nära att uppfyllas."
        ),
        None
    );
    assert_eq!(
        prose_status("Målet nås inte. Målet nås."),
        None,
        "contradicting sentences give none"
    );
    assert_eq!(
        goal_status(
            "Den samlade bedömningen är att det strategiska målet inte kommer att kunna uppnås i sin helhet under året."
        ),
        Some(Status::DelvisUppnatt)
    );
    assert_eq!(
        direction_of("Högst 300 kr/invånare"),
        Some(Direction::Lower)
    );
    assert_eq!(direction_of("100 %"), Some(Direction::Higher));
    assert_eq!(direction_of("70 %"), None);
}

#[test]
fn computes_only_comparable_shares() {
    let f = parsed();
    // 100 % against shares of the period: computable (only "uppnått" without a baseline).
    let bup = measure(&f, 1393);
    assert!(
        bup.rows
            .iter()
            .all(|r| r.status_source == Some(StatusSource::Computed))
    );
    // A target without a number is not.
    let visits = measure(&f, 2702);
    assert_eq!(visits.rows[0].status_source, None);
    // Activities get no computed status.
    assert!(
        f.followup
            .measures()
            .filter(|m| m.kind == MeasureKind::Aktivitet)
            .all(|m| m
                .rows
                .iter()
                .all(|r| r.status.is_none() && r.status_source.is_none()))
    );
}

#[test]
fn overrides_may_not_change_the_source_text() {
    let mut o = committed_overrides();
    o.row[0].outcome = "579 besök".into();
    let errors = parse_flat(&seed_text(), SEED, &o, &profile()).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains(":2258: the override's target and outcome")),
        "{errors:?}"
    );
    let mut o = committed_overrides();
    o.status[0].measure = 1;
    let errors = parse_flat(&seed_text(), SEED, &o, &profile()).unwrap_err();
    assert_eq!(
        errors,
        [format!(
            "{SEED}:1: the [[status]] override names no measure row starting on this line"
        )]
    );
}

#[test]
fn parses_a_small_document() {
    let text = "\
Samhälle \n\nPerspektivet Samhälle beskriver länet. \n\nStrategiskt mål  Framgångsfaktor \n\nEtt län \n\n(RS) \n\n Bra vägar (RS) \n\nEtt län \n\nDet strategiska målet bedöms vara delvis uppfyllt vid årets slut. \n\nEtt län \n\nFRAMGÅNGSFAKTOR: Bra vägar \nStyrmått Sty-\n\nrelse/ \n\nnämnd \n\nMål 2022 Periodens \n\nutfall \n\nMålupp-\n\nfyllelse  \n\nUtveckl-\n\ning  \n\nAntal nya vä-\n\ngar \n\nRS 12 3    \n\nAktivitet: Laga vägar RS Påbörja    \n\n\n\nAntal nya vägar \n\nTre vägar har byggts under perioden, vilket är färre än planerat men arbetet fortsätter. \n";
    let f = parse_flat(text, "x.txt", &Overrides::default(), &profile()).unwrap();
    let g = &f.followup.goals[0];
    assert_eq!(
        (g.title.as_str(), g.organs.as_slice()),
        ("Ett län", &["RS".to_string()][..])
    );
    let ms: Vec<(&str, &str, &str)> = g.factors[0]
        .measures
        .iter()
        .map(|m| {
            (
                m.name.as_str(),
                m.rows[0].target.as_str(),
                m.rows[0].outcome.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ms,
        [
            ("Antal nya vägar", "12", "3"),
            ("Laga vägar", "Påbörja", "")
        ]
    );
    assert!(
        g.factors[0].measures[0].comments[0]
            .text
            .starts_with("Tre vägar")
    );
}

#[test]
fn another_organisations_perspectives_and_organs_come_from_its_profile() {
    let text = "\
Invånare \n\nMålområdet Invånare beskriver kommunens service. \n\nÖvergripande mål  Delmål \n\nNöjda invånare \n\n(KS) \n\n Snabba svar (KS) \n\nNöjda invånare \n\nDen samlade bedömningen är att målet är uppnått. \n\nNöjda invånare \n\nDELMÅL: Snabba svar \nIndikator Styrelse/ nämnd Mål 2022 Periodens utfall Måluppfyllelse Utveckling \n\nAndel svar inom en dag \n\nKS 90 % 93 %    \n";
    let kommun: Profile = toml::from_str(
        "perspectives = [\"Invånare\"]\nperspective_intro = \"Målområdet\"\norgans = [\"KS\"]\nassessment_openings = [\"Den samlade bedömningen\"]\ngoal_overview = \"Övergripande mål\"\nfactor_heading = \"DELMÅL\"\nmeasure_table_heading = \"Indikator\"\n",
    )
    .unwrap();
    let f = parse_flat(text, "k.txt", &Overrides::default(), &kommun).unwrap();
    assert_eq!(f.followup.perspectives[0].name, "Invånare");
    let goal = &f.followup.goals[0];
    assert_eq!(
        (goal.title.as_str(), goal.perspective.as_str()),
        ("Nöjda invånare", "invanare")
    );
    let m = &goal.factors[0].measures[0];
    assert_eq!(
        (m.name.as_str(), m.organs.as_slice()),
        ("Andel svar inom en dag", &["KS".to_string()][..])
    );
    assert_eq!(goal.factors[0].title, "Snabba svar");
    // Without its layout words the document's sections are not found.
    let norrbotten_words = Profile {
        goal_overview: profile().goal_overview,
        ..kommun.clone()
    };
    let errors = parse_flat(text, "k.txt", &Overrides::default(), &norrbotten_words).unwrap_err();
    assert!(
        errors[0].contains("perspective Invånare has no overview of its goals (a line starting with `Strategiskt mål`, the profile's `goal_overview`)"),
        "{errors:?}"
    );
    // Region Norrbotten's words find nothing in it, and the error says where the words go.
    let errors = parse_flat(text, "k.txt", &Overrides::default(), &profile()).unwrap_err();
    assert!(
        errors[0].starts_with("k.txt:1: no perspective heading found: a line holding only a perspective's name (Samhälle, Medborgare, Verksamhet, Medarbetare, Ekonomi) followed by a paragraph that starts with `Perspektivet`; name the perspectives"),
        "{errors:?}"
    );
}
