use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::text::{sentences, split_organs, strip_footnote_markers, unique_id};
use super::write::group_target_value;
use super::*;
use crate::import::profile::Profile;

const SEED_002: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/002_82d993171a0ee6f8.txt"
));
const FILE: &str = "002_82d993171a0ee6f8.txt";

/// The committed import profile (Region Norrbotten's legends).
fn profile() -> Profile {
    Profile::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .unwrap()
        .unwrap()
}

fn parsed() -> FollowUp {
    parse_followup(SEED_002, FILE, &profile()).unwrap_or_else(|e| panic!("{}", e.join("\n")))
}

fn goal<'a>(f: &'a FollowUp, title: &str) -> &'a ImportedGoal {
    f.goals
        .iter()
        .find(|g| g.title == title)
        .unwrap_or_else(|| panic!("no goal {title}"))
}

/// The measure whose first row is on `line`.
fn measure_at(f: &FollowUp, line: usize) -> &ImportedMeasure {
    f.measures()
        .find(|m| m.first_line == line)
        .unwrap_or_else(|| panic!("no measure on line {line}"))
}

fn row_at(f: &FollowUp, line: usize) -> &ImportedRow {
    f.measures()
        .flat_map(|m| &m.rows)
        .find(|r| r.line == line)
        .unwrap_or_else(|| panic!("no row on line {line}"))
}

fn count<T>(items: impl Iterator<Item = T>, pred: impl Fn(&T) -> bool) -> usize {
    items.filter(|x| pred(x)).count()
}

#[test]
fn counts_of_002() {
    let f = parsed();
    assert_eq!(
        f.title,
        "Årsredovisning 2020 – Bilaga måluppfyllelse i perspektiv"
    );
    assert_eq!(f.year, Some(2020));
    let names: Vec<&str> = f.perspectives.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Samhälle",
            "Medborgare",
            "Verksamhet",
            "Medarbetare",
            "Ekonomi"
        ]
    );
    // Four goals in each perspective's overview table (lines 86–99, 579–587, 931–941,
    // 1260–1266, 1410–1418).
    assert_eq!(f.goals.len(), 20);
    for p in &f.perspectives {
        assert_eq!(
            count(f.goals.iter(), |g| g.perspective == p.id),
            4,
            "{}",
            p.id
        );
    }
    // Factors: the overview tables list 14 + 9 + 11 + 7 + 8 = 49. The detail part has 50
    // sections: 49 lines with `FRAMGÅNGSFAKTOR:` (`grep -c`), one of them on the goal's
    // line (1324), plus line 119 without the label. 49 of them match an overview factor;
    // `EFFEKTIVA PROCESSER` (line 1554) does not and becomes a factor of its own.
    assert_eq!(f.factors().count(), 50);
    assert_eq!(count(f.factors(), |x| x.in_overview), 49);
    assert!(f.factors().all(|x| x.heading_lines.len() == 1));
    // Measure tables: 49 header lines `Styrmått⇥…`; every section has one except line
    // 119's, which has only prose.
    assert_eq!(count(f.factors(), |x| !x.measures.is_empty()), 49);
    let without: Vec<&str> = f
        .factors()
        .filter(|x| x.measures.is_empty())
        .map(|x| x.title.as_str())
        .collect();
    assert_eq!(
        without,
        ["Miljö och hållbarhetskonsekvenser är inkluderade i alla beslutsprocesser"]
    );
    // Rows, counted with awk over the tables (a table runs from its header to the next
    // non-empty line without a TAB): 117 result rows = 99 rows naming a measure (17 of
    // them `Aktivitet:`) + 17 rows starting with two empty cells (the men's row of a
    // sex split) + line 902 (the men's row of line 900, whose name a page break cut).
    // Not rows: line 267 (rest of line 265's name) and the rule line 268.
    assert_eq!(f.measures().count(), 99);
    assert_eq!(
        count(f.measures(), |m| m.kind == MeasureKind::Aktivitet),
        17
    );
    let rows: Vec<&ImportedRow> = f.measures().flat_map(|m| &m.rows).collect();
    assert_eq!(rows.len(), 117);
    assert_eq!(count(rows.iter(), |r| r.group == Group::Total), 81);
    assert_eq!(count(rows.iter(), |r| r.group == Group::Women), 18);
    assert_eq!(count(rows.iter(), |r| r.group == Group::Men), 18);
    // Måluppfyllelse over all rows: ■ 3, ▲ 9, ● 1 (an activity), ◊ 1, `Q3` 2, empty 101.
    let statuses: Vec<Status> = rows
        .iter()
        .filter(|r| r.status_source != Some(StatusSource::Text))
        .filter_map(|r| r.status)
        .collect();
    assert_eq!(statuses.len(), 14);
    assert_eq!(count(statuses.iter(), |s| **s == Status::Uppnatt), 3);
    assert_eq!(count(statuses.iter(), |s| **s == Status::EjUppnatt), 9);
    assert_eq!(count(statuses.iter(), |s| **s == Status::Paborjad), 1);
    assert_eq!(count(statuses.iter(), |s| **s == Status::BedomsEj), 1);
    assert_eq!(count(rows.iter(), |r| r.status_cell == "Q3"), 2);
    // Utveckling: ↑ 29, ↓ 9 + ▼ 2, → 3 + ➔ 1, `-` 10, empty 63.
    let trends: Vec<Trend> = rows.iter().filter_map(|r| r.trend).collect();
    assert_eq!(count(trends.iter(), |t| **t == Trend::Forbattring), 29);
    assert_eq!(count(trends.iter(), |t| **t == Trend::Forsamring), 11);
    assert_eq!(count(trends.iter(), |t| **t == Trend::Oforandrat), 4);
    assert_eq!(count(rows.iter(), |r| r.trend_cell == "-"), 10);
}

/// Another organisation's words for the layout (`Mål`, `DELMÅL`, `Indikator`) read the same
/// document once its profile names them: the words are data, not code.
#[test]
fn layout_words_come_from_the_profile() {
    let text = SEED_002
        .replace("Strategiskt mål", "Övergripande mål")
        .replace("FRAMGÅNGSFAKTOR", "DELMÅL")
        .replace("Styrmått", "Indikator");
    let norrbotten = parse_followup(&text, FILE, &profile()).unwrap_err();
    assert!(
        norrbotten[0].contains("`Strategiskt mål` (the import profile's goal_overview)"),
        "{norrbotten:?}"
    );
    let mut other = profile();
    other.goal_overview = Some("Övergripande mål".into());
    other.factor_heading = Some("DELMÅL".into());
    other.measure_table_heading = Some("Indikator".into());
    let f = parse_followup(&text, FILE, &other).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    let expected = parsed();
    assert_eq!(f.goals.len(), expected.goals.len());
    let count = |f: &FollowUp| -> usize {
        f.goals
            .iter()
            .flat_map(|g| &g.factors)
            .map(|factor| factor.measures.len())
            .sum()
    };
    assert_eq!(count(&f), count(&expected));
    assert!(count(&f) > 50, "{}", count(&f));
}

#[test]
fn goal_assessments_match_the_summary_of_line_79() {
    // "två av de 20 strategiska målen helt har uppnåtts, 15 har delvis uppnåtts, två har
    // inte uppnåtts och ett mål har inte kunnat bedömas."
    let f = parsed();
    let statuses: Vec<Status> = f
        .goals
        .iter()
        .map(|g| {
            g.assessment
                .as_ref()
                .and_then(|a| a.status)
                .expect("assessed")
        })
        .collect();
    assert_eq!(count(statuses.iter(), |s| **s == Status::Uppnatt), 2);
    assert_eq!(count(statuses.iter(), |s| **s == Status::DelvisUppnatt), 15);
    assert_eq!(count(statuses.iter(), |s| **s == Status::EjUppnatt), 2);
    assert_eq!(count(statuses.iter(), |s| **s == Status::BedomsEj), 1);
    let g = goal(&f, "Delaktighet, ansvar, uppskattning och inflytande");
    let a = g.assessment.as_ref().unwrap();
    assert_eq!(a.first_line, 1280);
    assert!(
        a.sentence
            .starts_with("Det är inte möjligt att göra en bedömning")
    );
    let g = goal(&f, "Nära vård på nya sätt");
    assert_eq!(g.assessment.as_ref().unwrap().status, Some(Status::Uppnatt));
    assert_eq!(g.table_status, None);
    // Only Samhälle's and Medborgare's overview tables give the goal a glyph, all ●.
    assert_eq!(count(f.goals.iter(), |g| g.table_status.is_some()), 8);
    assert!(
        f.goals[..8]
            .iter()
            .all(|g| g.table_status == Some(Status::DelvisUppnatt))
    );
}

#[test]
fn readme_example_palliative_care() {
    let f = parsed();
    let m = measure_at(&f, 845);
    assert_eq!(
        m.name,
        "Andel patienter med palliativ diagnos som har en dokumenterad behandlingsstrategi (%) inkl privata hc"
    );
    assert_eq!(m.organs, ["RS"]);
    assert_eq!(m.kind, MeasureKind::Styrmatt);
    let got: Vec<(usize, Group, &str, Option<Trend>)> = m
        .rows
        .iter()
        .map(|r| (r.line, r.group, r.target.as_str(), r.trend))
        .collect();
    assert_eq!(
        got,
        [
            (845, Group::Women, "K40", Some(Trend::Forbattring)),
            (846, Group::Men, "M40", Some(Trend::Forsamring)),
        ]
    );
    assert_eq!(
        group_target_value("K40", Group::Women).as_deref(),
        Some("40")
    );
    assert_eq!(group_target_value("M40", Group::Men).as_deref(), Some("40"));
}

#[test]
fn facts_checked_against_the_source() {
    let f = parsed();
    // ■ and ↑, line 1211.
    let r = row_at(&f, 1211);
    assert_eq!(
        (r.status, r.trend),
        (Some(Status::Uppnatt), Some(Trend::Forbattring))
    );
    assert_eq!(r.target, "Bibehåller eller öka");
    assert_eq!(measure_at(&f, 1211).name, "Dialog med länets kommuner");
    // ● on an activity is påbörjad, line 1533.
    let m = measure_at(&f, 1533);
    assert_eq!(m.kind, MeasureKind::Aktivitet);
    assert!(m.name.starts_with("Översyn av externa uppdrag"));
    assert_eq!(m.organs, ["RUN"]);
    assert_eq!(m.rows[0].status, Some(Status::Paborjad));
    assert_eq!(m.rows[0].target, "Programmen är skrivna");
    // ▲ as status, ➔ as trend, under the header `Styrrelse/nämnd` (lines 741–742).
    let r = row_at(&f, 742);
    assert_eq!(
        (r.status, r.trend),
        (Some(Status::EjUppnatt), Some(Trend::Oforandrat))
    );
    assert_eq!(r.target, "Minskande");
    // ▲ and →, line 1210.
    let r = row_at(&f, 1210);
    assert_eq!(
        (r.status, r.trend),
        (Some(Status::EjUppnatt), Some(Trend::Oforandrat))
    );
    // ▲ and ▼, line 1338.
    let r = row_at(&f, 1338);
    assert_eq!(
        (r.status, r.trend),
        (Some(Status::EjUppnatt), Some(Trend::Forsamring))
    );
    // ◊ (the legend's ◆) is bedöms ej, line 1348; no ◆ occurs in a measure table.
    let r = row_at(&f, 1348);
    assert_eq!((r.status, r.trend), (Some(Status::BedomsEj), None));
    assert_eq!(r.status_cell, "◊");
    // `Q3` in the status column is kept as written, not read as a status (line 1548).
    let r = row_at(&f, 1548);
    assert_eq!((r.status, r.status_cell.as_str()), (None, "Q3"));
    assert_eq!(r.trend, Some(Trend::Oforandrat));
    // An activity with `-` as trend, line 149.
    let m = measure_at(&f, 149);
    assert_eq!(m.kind, MeasureKind::Aktivitet);
    assert_eq!(
        m.name,
        "Ta fram handlingsplan för genomförande av Norrbottens klimat- och energistrategi"
    );
    assert_eq!(
        (m.rows[0].trend, m.rows[0].trend_cell.as_str()),
        (None, "-")
    );
    // `Måltuppfyllelse` (line 1049): its table is read, K/M rows with ↑.
    let m = measure_at(&f, 1056);
    assert_eq!(m.rows.len(), 2);
    assert_eq!(m.rows[1].target, "K: 65 % M:65 %");
    assert_eq!(m.rows[1].trend, Some(Trend::Forbattring));
    assert_eq!(
        group_target_value(&m.rows[1].target, Group::Men).as_deref(),
        Some("65 %")
    );
    // `K/ M` (line 1366) and `Mål-uppfyllelse` (line 1380) headers.
    assert_eq!(measure_at(&f, 1368).name, "HME ledarskap, index (MAU)");
    assert_eq!(measure_at(&f, 1382).rows[0].target, "6");
    // Goal organs, `(RS,PN)` without a space (line 937), and an alias from line 1142.
    let g = goal(&f, "Nöjda och delaktiga patienter och invånare");
    assert_eq!(g.organs, ["RS", "PN"]);
    assert_eq!(g.aliases, ["Nöjda och delaktiga patienter och medborgare"]);
    assert_eq!(g.factors[0].measures.len(), 5);
    assert_eq!(
        goal(&f, "God livskvalité, jämlik och jämställd hälsa").aliases,
        ["God livskvalitet, jämlik och jämställd hälsa"]
    );
    // Names cut by page breaks: lines 900/902 and 265/267.
    let m = measure_at(&f, 900);
    assert_eq!(
        m.name,
        "Andel av patienter som står på väntelista, som väntat 90 dagar eller kortare på operation/åtgärd inom specialiserad vård"
    );
    let lines: Vec<(usize, Group)> = m.rows.iter().map(|r| (r.line, r.group)).collect();
    assert_eq!(lines, [(900, Group::Women), (902, Group::Men)]);
    let m = measure_at(&f, 265);
    assert_eq!(
        m.name,
        "Utveckla klusterprogram för Norrbottnens Smart Diversifieringsområden"
    );
    assert_eq!((m.rows.len(), m.last_line), (1, 267));
    // The footnote marker `[1]` is dropped from the name (line 146).
    assert_eq!(
        measure_at(&f, 146).name,
        "Genomsnittligt utsläpp av personbilsparken"
    );
    // Goal and factor on one line (1324); the factor heading without label (119).
    let g = goal(&f, "Hållbar kompetensförsörjning oavsett leverantör");
    assert_eq!(g.factors[1].title, "Rätt använd kompetens");
    assert_eq!(g.factors[1].heading_lines, [1324]);
    let g = goal(&f, "Hållbart nyttjande av resurser");
    assert_eq!(g.factors[0].heading_lines, [119]);
    assert_eq!(g.organs, ["RS", "RUN"]);
    // The section the overview does not list (line 1554).
    let g = goal(
        &f,
        "Effektiv verksamhet minst i paritet med riksnittet i våra verksamheter",
    );
    assert_eq!(g.factors.len(), 2);
    assert_eq!(g.factors[1].title, "Effektiva processer");
    assert!(!g.factors[1].in_overview);
    assert_eq!(g.factors[1].measures.len(), 3);
}

#[test]
fn every_row_traces_to_its_source_line() {
    let f = parsed();
    let lines: Vec<&str> = SEED_002.lines().collect();
    for m in f.measures() {
        for r in &m.rows {
            let cells: Vec<&str> = lines[r.line - 1].split('\t').map(str::trim).collect();
            assert!(cells.contains(&r.target.as_str()), "line {}", r.line);
            assert!(cells.contains(&r.status_cell.as_str()), "line {}", r.line);
            assert!(cells.contains(&r.trend_cell.as_str()), "line {}", r.line);
            assert!(m.first_line <= r.line && r.line <= m.last_line);
        }
    }
}

#[test]
fn helpers() {
    assert_eq!(
        group_target_value("K 16,0", Group::Women).as_deref(),
        Some("16,0")
    );
    assert_eq!(group_target_value("2018 K: 55 % M: 57 %", Group::Men), None);
    assert_eq!(group_target_value("Öka", Group::Men), None);
    let id =
        short_id("Andel av patienter som står på väntelista, som väntat 90 dagar eller kortare");
    assert!(id.len() <= MAX_ID_LEN && !id.ends_with('-'), "{id}");
    assert_eq!(
        id,
        "andel-av-patienter-som-star-pa-vantelista-som-vantat-90"
    );
    let mut taken = HashSet::new();
    assert_eq!(unique_id("Extratid", &mut taken), "extratid");
    assert_eq!(unique_id("Extratid", &mut taken), "extratid-2");
    assert_eq!(
        split_organs("Ökade intäkter (RS, RUN)"),
        ("Ökade intäkter", vec!["RS".to_string(), "RUN".to_string()])
    );
    assert_eq!(
        split_organs("Nya vårdtjänster (digitala)").1,
        Vec::<String>::new()
    );
    assert_eq!(
        strip_footnote_markers("samma dag[2] och [x]"),
        "samma dag och [x]"
    );
    assert_eq!(
        sentences("Ett. Två är 1.5 st! tre"),
        ["Ett.", "Två är 1.5 st! tre"]
    );
}

#[test]
fn bad_input_is_reported_with_its_line() {
    let text = "Samhälle\nPerspektivet Samhälle beskriver.\nStrategiskt mål\t\tFramgångsfaktor\nA (RS)\t\tB (RS)\n\nStrategiskt mål: Något helt annat\nFRAMGÅNGSFAKTOR: B\nStyrmått\tStyrelse/nämnd\tK/M\tMål 2020\tMåluppfyllelse\tUtveckling\n";
    let errors = parse_followup(text, "x.txt", &profile()).unwrap_err();
    // The table under the unknown goal is reported too: its rows belong nowhere.
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("x.txt:6: `Strategiskt mål: Något helt annat`"));
    assert!(errors[1].starts_with("x.txt:8: a measure table outside"));
    assert!(parse_followup("Bara text.\n", "y.txt", &profile()).is_err());
}

/// Front matter and body of a content file.
fn split(text: &str) -> (toml::Table, &str) {
    let rest = text.strip_prefix("+++\n").expect("opening +++");
    let (front, body) = rest.split_once("\n+++\n").expect("closing +++");
    (toml::from_str(front).expect("TOML"), body)
}

#[test]
fn written_files_read_back_and_link() {
    let f = parsed();
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    let (written, _) = write_followup(&f, &content, "2020", "arsredovisning-2020").unwrap();
    // 99 measures × (.md + .csv), 20 goals, the plan, the report.
    assert_eq!(written.len(), 99 * 2 + 20 + 1 + 1);

    let mut csv_rows = 0;
    for path in &written {
        let text = fs::read_to_string(path).unwrap();
        if path.extension().is_some_and(|e| e == "csv") {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(b';')
                .from_reader(text.as_bytes());
            assert_eq!(
                reader.headers().unwrap().iter().collect::<Vec<_>>(),
                crate::content::RESULT_COLUMNS
            );
            for record in reader.records() {
                let record = record.unwrap();
                assert_eq!(&record[0], "arsredovisning-2020");
                csv_rows += 1;
            }
        } else {
            split(&text);
        }
    }
    assert_eq!(csv_rows, 117);

    let plan_dir = content.join("planer/2020");
    let (plan, _) = split(&fs::read_to_string(plan_dir.join("_index.md")).unwrap());
    assert_eq!(plan["start"].as_integer(), Some(2020));
    assert_eq!(plan["perspectives"].as_array().unwrap().len(), 5);
    let goal_text =
        fs::read_to_string(plan_dir.join("nojda-och-delaktiga-patienter-och-invanare.md")).unwrap();
    let (g, body) = split(&goal_text);
    assert_eq!(g["organs"], toml::Value::from(vec!["rs", "pn"]));
    assert_eq!(g["order"].as_integer(), Some(11));
    assert!(body.starts_with("Den samlade bedömningen är att det strategiska målet"));
    let assessment = &g["assessments"].as_array().unwrap()[0];
    assert_eq!(assessment["status"].as_str(), Some("delvis-uppnatt"));
    assert_eq!(assessment["status_source"].as_str(), Some("text"));
    let measures = g["factors"].as_array().unwrap()[0]["measures"]
        .as_array()
        .unwrap();
    assert_eq!(
        measures[0].as_str(),
        Some("andel-sip-dar-den-enskilde-deltagit-i-motet-vid")
    );

    let id = "andel-patienter-med-palliativ-diagnos-som-har-en";
    let csv = fs::read_to_string(content.join(format!("matt/{id}.csv"))).unwrap();
    assert_eq!(
        csv.lines().skip(1).collect::<Vec<_>>(),
        [
            "arsredovisning-2020;kvinnor;;K40;40;;;;forbattring;;002_82d993171a0ee6f8.txt:845",
            "arsredovisning-2020;man;;M40;40;;;;forsamring;;002_82d993171a0ee6f8.txt:846",
        ]
    );
    let (m, _) = split(&fs::read_to_string(content.join(format!("matt/{id}.md"))).unwrap());
    assert_eq!(m["by_sex"].as_bool(), Some(true));
    assert_eq!(
        m["source"].as_str(),
        Some("002_82d993171a0ee6f8.txt:845-846")
    );

    // The site's own loader and linker accept everything, given the organs.
    let organs = content.join("organ");
    fs::create_dir_all(&organs).unwrap();
    for organ in ["rs", "run", "pn"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/organ/{organ}.md"));
        fs::copy(from, organs.join(format!("{organ}.md"))).unwrap();
    }
    let mut diagnostics = crate::diagnostics::Diagnostics::default();
    let raw = crate::content::load(site.path(), &mut diagnostics);
    crate::link::link(raw, &mut diagnostics);
    let problems: Vec<String> = diagnostics
        .into_sorted()
        .iter()
        .map(|d| format!("{}:{}: {}", d.path, d.line, d.message))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // A second import into the same folder changes nothing: measures are merged by name,
    // this report's rows replaced, so re-importing is idempotent.
    let tree = |dir: &Path| -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
            .collect()
    };
    let before = tree(&content);
    write_followup(&f, &content, "2020", "arsredovisning-2020").unwrap();
    assert_eq!(tree(&content), before);
}

#[test]
fn re_admissions_outcomes_come_from_the_text_with_their_line() {
    let f = parsed();
    let m = measure_at(&f, 848);
    let outcomes: Vec<(&str, Option<usize>, Option<StatusSource>)> = m
        .rows
        .iter()
        .map(|r| (r.outcome.as_str(), r.text_line, r.status_source))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("17,2 %", Some(888), Some(StatusSource::Text)),
            ("17,7 %", Some(888), Some(StatusSource::Text)),
        ]
    );
    assert!(m.rows.iter().all(|r| r.status == Some(Status::EjUppnatt)));
    assert_eq!(m.comments.len(), 1);
    assert_eq!(m.comments[0].first_line, 886);
    // "Palliativ vård" names no measure: its figures are not taken.
    assert!(
        measure_at(&f, 845)
            .rows
            .iter()
            .all(|r| r.outcome.is_empty())
    );
}

#[test]
fn every_factor_keeps_its_text_and_the_report_has_it_as_sections() {
    let f = parsed();
    let goal = goal(&f, "Hållbart nyttjande av resurser");
    let first = &goal.factors[0];
    assert!(
        first.narrative[0]
            .text
            .starts_with("2015 antog FN:s generalförsamling")
    );
    let items = first
        .narrative
        .iter()
        .filter(|b| b.kind == crate::import::clean::BlockKind::ListItem)
        .count();
    assert_eq!(items, 8, "the eight sustainability goals are a list");
    let (report, warnings) = super::narrative::report_text(&f);
    assert!(report.body.starts_with("## Inledning\n\nI denna bilaga"));
    assert!(report.body.contains("\n- Samhälle\n- Medborgare\n"));
    assert!(
        report
            .body
            .contains("\n### Hållbart nyttjande av resurser\n")
    );
    assert!(
        report
            .body
            .contains("\n##### En elnätsanalys för att visa på framtida behov\n")
    );
    // The footnote of line 821 is tied to its marker on line 817.
    assert!(report.body.contains("förebygga ohälsa i länet[^821]."));
    assert!(
        report
            .body
            .contains("\n[^821]: Styrmåten kan inte följas upp")
    );
    assert!(
        report
            .body
            .contains("andningsorganens sjukdomar, skador.[^836] Det")
    );
    assert!(
        !warnings.iter().any(|w| w.contains("footnote")),
        "{warnings:?}"
    );
    let anchors = &report.anchors[0];
    assert_eq!(
        anchors[0].as_deref(),
        Some("miljo-och-hallbarhetskonsekvenser-ar-inkluderade-i-alla-beslutsprocesser")
    );
    let sections = crate::markdown::sections(&report.body);
    for anchor in report.anchors.iter().flatten().flatten() {
        assert!(sections.iter().any(|s| &s.id == anchor), "{anchor}");
    }
}

#[test]
fn measure_table_columns_are_the_profiles() {
    let mut other = profile();
    other.measure_columns.organ = vec!["ansvarig".into()];
    let errors = parse_followup(SEED_002, FILE, &other).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("unknown column `Styrelse/nämnd`")
                && e.contains("[measure_columns]")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("as the import profile's [measure_columns] names them")),
        "{errors:?}"
    );
    let mut other = profile();
    other.measure_columns.women = vec!["Kv".into()];
    let errors = parse_followup(SEED_002, FILE, &other).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("unknown sex value `K`") && e.contains("(Kv, M)")),
        "{errors:?}"
    );
}
