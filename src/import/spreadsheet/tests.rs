use std::fs;
use std::path::PathBuf;

use super::mapping::Mapping;
use super::read::{Cell, Sheet, number_text, read_sheet};
use super::rows::interpret;
use crate::content::RawOrgan;
use crate::import::profile::Profile;
use crate::model::{Group, MeasureKind, Status, parse_number};

#[test]
fn stored_numbers_keep_their_exact_value() {
    assert_eq!(number_text(84.5), "84,5");
    assert_eq!(number_text(2023.0), "2023");
    assert_eq!(number_text(-0.8), "-0,8");
    assert_eq!(number_text(52340.0), "52340");
    assert_eq!(number_text(0.0000001), "0,0000001");
    // Binary noise a spreadsheet computed stays: the value is the spreadsheet's, not a
    // rounded one.
    assert_eq!(number_text(0.1 + 0.2), "0,30000000000000004");
    for value in [84.5, -0.8, 9.1, 1234567.891, 0.1 + 0.2, 1e-7] {
        assert_eq!(parse_number(&number_text(value)).unwrap().value, value);
    }
}

#[test]
fn csv_files_are_read_as_spreadsheet_programs_save_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    // A byte-order mark, CRLF line ends, a title row, a quoted cell with a line break and
    // a semicolon, `;` between cells.
    fs::write(
        &path,
        "\u{feff}Export\r\nMål;Kommentar\r\nA;\"Rad ett\r\nrad två; med semikolon\"\r\nB;\r\n;\r\n",
    )
    .unwrap();
    let sheet = read_sheet(&path, None, 2).unwrap();
    assert_eq!(sheet.header, ["Mål", "Kommentar"]);
    assert_eq!(sheet.sheet, None);
    let rows: Vec<(usize, Vec<String>)> = sheet
        .rows
        .iter()
        .map(|(n, cells)| (*n, cells.iter().map(Cell::text).collect()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                3,
                vec!["A".into(), "Rad ett\r\nrad två; med semikolon".into()]
            ),
            (4, vec!["B".into(), String::new()]),
        ]
    );
    assert_eq!(sheet.place(4), "export.csv, row 4");

    fs::write(&path, "Mål,Mått\nA,\"1,5\"\n").unwrap();
    let sheet = read_sheet(&path, None, 1).unwrap();
    assert_eq!(sheet.rows[0].1[1], Cell::Text("1,5".into()));
    let error = read_sheet(&path, None, 3).unwrap_err();
    assert!(
        error.contains("export.csv, row 3: the header row 3 is empty or missing; set `header_row`"),
        "{error}"
    );
    let error = read_sheet(&dir.path().join("export.pdf"), None, 1).unwrap_err();
    assert!(
        error.contains("not a spreadsheet; give an .xlsx workbook or a .csv file"),
        "{error}"
    );
}

fn mapping(columns: &str) -> Mapping {
    Mapping::parse(
        &format!("[columns]\n{columns}\n[groups]\ntotalt = [\"Alla\"]\n"),
        PathBuf::from("map.toml"),
    )
    .unwrap()
}

const COLUMNS: &str = "perspective = \"P\"\ngoal = \"G\"\nmeasure = \"M\"\nperiod = \"År\"\ngroup = \"Kön\"\nstatus = \"S\"\norgan = \"O\"\nkind = \"Typ\"\ngoal_status = \"GS\"";

fn sheet(rows: &[[&str; 9]]) -> Sheet {
    let cell = |t: &str| {
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t.into())
        }
    };
    Sheet {
        file: "x.xlsx".into(),
        sheet: Some("Blad 1".into()),
        header_row: 1,
        header: ["P", "G", "M", "År", "Kön", "S", "O", "Typ", "GS"]
            .map(String::from)
            .to_vec(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| (i + 2, r.iter().map(|t| cell(t)).collect()))
            .collect(),
        fills: Default::default(),
    }
}

fn profile() -> Profile {
    toml::from_str("[statuses]\nuppnatt = [\"Ja\"]\nej-uppnatt = [\"Nej\"]\n[activity_statuses]\nslutford = [\"Klar\"]\n").unwrap()
}

fn organs() -> Vec<(String, RawOrgan)> {
    vec![(
        "ks".into(),
        RawOrgan {
            name: crate::content::unspanned("Kommunstyrelsen".to_string()),
            abbreviation: "KS".into(),
            source: None,
        },
    )]
}

fn read(rows: &[[&str; 9]]) -> Result<super::rows::Imported, Vec<String>> {
    let sheet = sheet(rows);
    let mapping = mapping(COLUMNS);
    let columns = mapping.columns(&sheet).unwrap();
    interpret(&sheet, &columns, &mapping, &profile(), &organs())
}

#[test]
fn rows_without_a_factor_column_make_the_goal_its_own_factor() {
    let imported = read(&[
        [
            "Ekonomi",
            "Budget i balans",
            "Resultat",
            "2024",
            "Alla",
            "Ja",
            "KS",
            "",
            "Ja",
        ],
        [
            "Ekonomi",
            "Budget i balans",
            "Kostnader",
            "2024",
            "Kvinnor",
            "",
            "kommunstyrelsen",
            "",
            "",
        ],
        [
            "Ekonomi",
            "Budget i balans",
            "Införa e-handel",
            "2024",
            "",
            "Klar",
            "KS",
            "Aktivitet",
            "",
        ],
    ])
    .unwrap();
    let goal = &imported.goals[0];
    assert_eq!(goal.factors.len(), 1);
    assert_eq!(goal.factors[0].title, "Budget i balans");
    assert_eq!(goal.assessments[0].status, Status::Uppnatt);
    let measures: Vec<_> = imported.measures().collect();
    assert_eq!(measures[0].results[0].group, Group::Total);
    assert_eq!(measures[1].organs, ["ks"]);
    assert_eq!(measures[2].kind, MeasureKind::Aktivitet);
    assert_eq!(measures[2].results[0].status, Some(Status::Slutford));
}

#[test]
fn rows_that_contradict_each_other_are_errors() {
    let errors = read(&[
        [
            "Ekonomi",
            "Budget i balans",
            "Resultat",
            "2024",
            "",
            "Ja",
            "KS",
            "",
            "Ja",
        ],
        [
            "Ekonomi",
            "Budget i balans",
            "Resultat",
            "2024",
            "Totalt",
            "Nej",
            "KS",
            "",
            "Nej",
        ],
        [
            "Ekonomi",
            "Budget i balans",
            "E-handel",
            "2024",
            "",
            "Ja",
            "KS",
            "Aktivitet",
            "",
        ],
        [
            "Ekonomi",
            "Budget i balans",
            "Kostnader",
            "2024",
            "",
            "",
            "RS",
            "",
            "",
        ],
    ])
    .unwrap_err();
    let place = "x.xlsx, sheet \"Blad 1\", row";
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors[0].starts_with(&format!("{place} 3, column \"GS\": the goal \"Budget i balans\" has another status for 2024 on row 2")), "{errors:#?}");
    assert!(errors[1].starts_with(&format!("{place} 3, column \"M\": a second row for \"Resultat\", period 2024 and group totalt (the first is row 2)")), "{errors:#?}");
    // An activity's status is one of the activities' words.
    assert!(
        errors[2].starts_with(&format!(
            "{place} 4, column \"S\": `Ja` is not in the status map; add it to [activity_statuses]"
        )),
        "{errors:#?}"
    );
    assert!(
        errors[2].contains(
            "e.g. slutford = [\"Ja\"] (the values are: slutford, paborjad, ej-paborjad, bedoms-ej)"
        ),
        "{errors:#?}"
    );
    assert!(errors[3].starts_with(&format!("{place} 5, column \"O\": no organ is called `RS`; write the name or abbreviation of an organ in content/organ/ (KS)")), "{errors:#?}");
}

#[test]
fn the_mapping_names_fields_it_knows_and_the_headings_the_sheet_has() {
    let error = Mapping::parse(
        "[columns]\nmalvarde = \"Målvärde\"\n",
        PathBuf::from("map.toml"),
    )
    .unwrap_err();
    assert!(
        error.starts_with(
            "map.toml: [columns] has `malvarde`, which is no field; use: perspective, goal"
        ),
        "{error}"
    );
    let error =
        Mapping::parse("[columns]\ngoal = \"Mål\"\n", PathBuf::from("map.toml")).unwrap_err();
    assert!(error.contains("[columns] lacks `perspective`"), "{error}");
    let error = Mapping::parse("colums = 1\n", PathBuf::from("map.toml")).unwrap_err();
    assert!(
        error.contains("map.toml") && error.contains("colums"),
        "{error}"
    );
    // Headings on another row than `header_row`: one error, not one per column.
    let mut s = sheet(&[]);
    s.header = vec!["Export 2024".into()];
    let errors = mapping(COLUMNS).columns(&s).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]
            .contains("row 1: none of the mapping's headings is on this row; set `header_row`"),
        "{errors:#?}"
    );
}

#[test]
fn rows_that_disagree_on_a_measure_are_warnings_and_the_first_wins() {
    let sheet_with_units = |units: [&str; 2]| {
        let mut s = sheet(&[
            [
                "Ekonomi",
                "Budget i balans",
                "Resultat",
                "2023",
                "",
                "",
                "KS",
                "",
                "",
            ],
            [
                "Ekonomi",
                "Budget i balans",
                "Resultat",
                "2024",
                "",
                "",
                "KS",
                "",
                "",
            ],
        ]);
        s.header.push("Enhet".into());
        for (row, unit) in s.rows.iter_mut().zip(units) {
            row.1.push(Cell::Text(unit.into()));
        }
        s
    };
    let mapping = mapping(&format!("{COLUMNS}\nunit = \"Enhet\""));
    let sheet = sheet_with_units(["%", "procent"]);
    let columns = mapping.columns(&sheet).unwrap();
    let imported = interpret(&sheet, &columns, &mapping, &profile(), &organs()).unwrap();
    assert_eq!(
        imported.measures().next().unwrap().unit.as_deref(),
        Some("%")
    );
    assert_eq!(
        imported.warnings,
        [
            "x.xlsx, sheet \"Blad 1\", row 3: the measure \"Resultat\" has unit \"procent\" here but \"%\" on row 2; the first is used"
        ]
    );
}
