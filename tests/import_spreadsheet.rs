//! `insyn import spreadsheet`: a goal system's export of a made-up municipality (four
//! perspectives under its own names, two periods, rows split by sex, colours and words as
//! statuses) imported from XLSX and from CSV into `tests/fixtures/spreadsheet`, built into
//! pages; re-importing keeps hand edits; every unreadable cell is an error naming sheet, row
//! and fix. The workbook is written here with rust_xlsxwriter, so no binary file is committed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

const SHEET: &str = "Mål och indikatorer";
const PLAN: &str = "2023-2026";
const REPORTS: &str = "arsredovisning-{period}";

/// A cell of the export: text, a number (stored as a number in the workbook, and written as
/// the CSV's Swedish text), or empty.
#[derive(Clone, Copy)]
enum V {
    T(&'static str),
    N(f64, &'static str),
    E,
}
use V::{E, N, T};

const HEADER: [&str; 18] = [
    "Perspektiv",
    "Mål",
    "Framgångsfaktor",
    "Indikator",
    "Typ",
    "Ansvarig",
    "Enhet",
    "Riktning",
    "Period",
    "Kön",
    "Ingångsvärde",
    "Målvärde",
    "Utfall",
    "Status",
    "Trend",
    "Kommentar",
    "Måluppfyllelse",
    "Analys",
];

const VARD: &str = "Trygg och jämlik vård nära invånarna";
const DIGITAL: &str = "Effektiva och digitala arbetssätt";
const ARBETSGIVARE: &str = "Attraktiv arbetsgivare";
const EKONOMI: &str = "God ekonomisk hushållning";
const NOJDA: &str = "Andel invånare som är nöjda med kommunens information";
const BESOK: &str = "Antal besök i öppenvård per 1 000 invånare";

/// The export's rows below its title (row 1) and header (row 2): row 3 is the first.
#[rustfmt::skip]
fn rows() -> Vec<[V; 18]> {
    let y23 = N(2023.0, "2023");
    let y24 = N(2024.0, "2024");
    let hi = T("Högre är bättre");
    let lo = T("Lägre är bättre");
    vec![
        // 2023
        [T("Invånare"), T(VARD), T("Tillgänglig vård"), T("Andel invånare som fått vård inom 90 dagar"), T("Indikator"), T("SN"), T("%"), hi, y23, T("Alla"), N(78.0, "78"), N(90.0, "90"), N(84.5, "84,5"), T("Gul"), T("Förbättrad"), T("Väntetiderna minskade under hösten."), T("Delvis uppfyllt"), T("Tillgängligheten har förbättrats men målet nås inte.")],
        [T("Invånare"), T(VARD), T("Tillgänglig vård"), T(BESOK), T("Indikator"), T("SN"), T("besök"), hi, y23, T("Kvinnor"), N(410.0, "410"), N(450.0, "450"), N(432.0, "432"), T("Gul"), T("Förbättrad"), E, T("Delvis uppfyllt"), E],
        [T("Invånare"), T(VARD), T("Tillgänglig vård"), T(BESOK), T("Indikator"), T("SN"), T("besök"), hi, y23, T("Män"), N(380.0, "380"), N(450.0, "450"), N(371.0, "371"), T("Röd"), T("Försämrad"), T("Färre besök av män än året innan."), T("Delvis uppfyllt"), E],
        [T("Invånare"), T(VARD), T("Delaktiga invånare"), T(NOJDA), T("Indikator"), T("KS"), T("%"), hi, y23, T("Alla"), N(61.0, "61"), N(70.0, "70"), N(63.0, "63"), T("Gul"), T("Förbättrad"), E, T("Delvis uppfyllt"), E],
        [T("Process"), T(DIGITAL), T("Digitala tjänster"), T("Antal e-tjänster för invånare"), T("Indikator"), T("KS"), T("st"), hi, y23, T("Alla"), N(12.0, "12"), N(40.0, "40"), N(25.0, "25"), T("Gul"), T("Förbättrad"), E, T("Delvis uppfyllt"), T("Arbetet går enligt plan men målet för perioden nås inte.")],
        [T("Process"), T(DIGITAL), T("Digitala tjänster"), T("Införa digital signering i alla förvaltningar"), T("Aktivitet"), T("KS, UN"), E, E, y23, E, E, T("Signering i alla förvaltningar"), E, T("Pågår"), E, T("Tre av fem förvaltningar använder digital signering."), T("Delvis uppfyllt"), E],
        [T("Process"), T(DIGITAL), T("Kostnadseffektiv verksamhet"), T("Nettokostnad per invånare"), T("Indikator"), T("KS"), T("kr"), lo, y23, T("Alla"), T("52 340"), T("51 000"), T("52 910"), T("Röd"), T("Försämrad"), E, E, E],
        [T("Medarbetare"), T(ARBETSGIVARE), T("Hållbart arbetsliv"), T("Sjukfrånvaro"), T("Indikator"), T("Kommunstyrelsen"), T("%"), lo, y23, T("Kvinnor"), N(9.1, "9,1"), N(7.0, "7"), N(8.4, "8,4"), T("Gul"), T("Förbättrad"), E, T("Ej uppfyllt"), T("Sjukfrånvaron är fortsatt hög bland kvinnor.")],
        [T("Medarbetare"), T(ARBETSGIVARE), T("Hållbart arbetsliv"), T("Sjukfrånvaro"), T("Indikator"), T("Kommunstyrelsen"), T("%"), lo, y23, T("Män"), N(5.2, "5,2"), N(4.5, "4,5"), N(5.6, "5,6"), T("Röd"), T("Försämrad"), E, T("Ej uppfyllt"), E],
        [T("Ekonomi"), T(EKONOMI), T("Budget i balans"), T("Resultat i förhållande till skatteintäkter"), T("Indikator"), T("KS"), T("%"), hi, y23, T("Alla"), N(1.2, "1,2"), N(2.0, "2"), N(-0.8, "-0,8"), T("Röd"), T("Försämrad"), T("Högre kostnader för försörjningsstöd."), T("Ej uppfyllt"), T("Resultatet blev negativt.")],
        // 2024
        [T("Invånare"), T(VARD), T("Tillgänglig vård"), T("Andel invånare som fått vård inom 90 dagar"), T("Indikator"), T("SN"), T("%"), hi, y24, T("Alla"), N(78.0, "78"), N(90.0, "90"), N(91.2, "91,2"), T("Grön"), T("Förbättrad"), E, T("Uppfyllt"), T("Målet nås för första gången.")],
        [T("Invånare"), T(VARD), T("Tillgänglig vård"), T(BESOK), T("Indikator"), T("SN"), T("besök"), hi, y24, T("Kvinnor"), N(410.0, "410"), N(450.0, "450"), N(455.0, "455"), T("Grön"), T("Förbättrad"), E, T("Uppfyllt"), E],
        [T("Invånare"), T(VARD), T("Tillgänglig vård"), T(BESOK), T("Indikator"), T("SN"), T("besök"), hi, y24, T("Män"), N(380.0, "380"), N(450.0, "450"), N(402.0, "402"), T("Gul"), T("Förbättrad"), E, T("Uppfyllt"), E],
        [T("Invånare"), T(VARD), T("Delaktiga invånare"), T(NOJDA), T("Indikator"), T("KS"), T("%"), hi, y24, T("Alla"), N(61.0, "61"), N(70.0, "70"), E, T("Grå"), E, T("Undersökningen genomfördes inte 2024."), T("Uppfyllt"), E],
        [T("Process"), T(DIGITAL), T("Digitala tjänster"), T("Antal e-tjänster för invånare"), T("Indikator"), T("KS"), T("st"), hi, y24, T("Alla"), N(12.0, "12"), N(40.0, "40"), N(41.0, "41"), T("Grön"), T("Förbättrad"), E, T("Uppfyllt"), E],
        [T("Process"), T(DIGITAL), T("Digitala tjänster"), T("Införa digital signering i alla förvaltningar"), T("Aktivitet"), T("KS, UN"), E, E, y24, E, E, T("Signering i alla förvaltningar"), E, T("Klar"), E, E, T("Uppfyllt"), E],
        [T("Process"), T(DIGITAL), T("Kostnadseffektiv verksamhet"), T("Nettokostnad per invånare"), T("Indikator"), T("KS"), T("kr"), lo, y24, T("Alla"), T("52 340"), T("51 000"), T("50 870"), T("Grön"), T("Förbättrad"), E, E, E],
        [T("Medarbetare"), T(ARBETSGIVARE), T("Hållbart arbetsliv"), T("Sjukfrånvaro"), T("Indikator"), T("Kommunstyrelsen"), T("%"), lo, y24, T("Kvinnor"), N(9.1, "9,1"), N(7.0, "7"), N(7.9, "7,9"), T("Gul"), T("Förbättrad"), E, T("Delvis uppfyllt"), T("Sjukfrånvaron minskar.")],
        [T("Medarbetare"), T(ARBETSGIVARE), T("Hållbart arbetsliv"), T("Sjukfrånvaro"), T("Indikator"), T("Kommunstyrelsen"), T("%"), lo, y24, T("Män"), N(5.2, "5,2"), N(4.5, "4,5"), N(4.4, "4,4"), T("Grön"), T("Förbättrad"), E, T("Delvis uppfyllt"), E],
        [T("Ekonomi"), T(EKONOMI), T("Budget i balans"), T("Resultat i förhållande till skatteintäkter"), T("Indikator"), T("KS"), T("%"), hi, y24, T("Alla"), N(1.2, "1,2"), N(2.0, "2"), N(2.3, "2,3"), T("Grön"), T("Förbättrad"), E, T("Uppfyllt"), T("Resultatet överträffar målet.")],
    ]
}

/// Writes the export as a workbook: a title row, the header, then `rows`.
fn write_xlsx(path: &Path, rows: &[[V; 18]]) {
    write_workbook(path, rows, false);
}

/// The export as a goal system that marks statuses with colours writes it: each status cell
/// with a colour word is left empty and filled with that colour instead.
fn write_coloured_xlsx(path: &Path, rows: &[[V; 18]]) {
    write_workbook(path, rows, true);
}

fn write_workbook(path: &Path, rows: &[[V; 18]], fills: bool) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET).unwrap();
    sheet
        .write_string(0, 0, "Måluppföljning Sjöbacka kommun")
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            let fill = match v {
                T(t) if fills && usize::from(c) == STATUS => fill_of(t),
                _ => None,
            };
            match (v, fill) {
                (_, Some(colour)) => {
                    let format = rust_xlsxwriter::Format::new()
                        .set_background_color(rust_xlsxwriter::Color::RGB(colour));
                    sheet.write_blank(r, c, &format).unwrap();
                }
                (T(t), None) => {
                    sheet.write_string(r, c, *t).unwrap();
                }
                (N(n, _), None) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                (E, None) => {}
            }
        }
    }
    workbook.save(path).unwrap();
}

/// Writes the same export as CSV the way a Swedish spreadsheet program saves it: `;`
/// between cells, numbers with a decimal comma.
fn write_csv(path: &Path, rows: &[[V; 18]]) {
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_path(path)
        .unwrap();
    csv.write_record(["Måluppföljning Sjöbacka kommun"])
        .unwrap();
    csv.write_record(HEADER).unwrap();
    for row in rows {
        csv.write_record(row.iter().map(|v| match v {
            T(t) => *t,
            N(_, text) => *text,
            E => "",
        }))
        .unwrap();
    }
    csv.flush().unwrap();
}

fn site() -> TempSite {
    TempSite::copy_of(&Path::new(REPO).join("tests/fixtures/spreadsheet"))
}

/// `insyn import spreadsheet FILE --plan 2023-2026 --report arsredovisning-{period}` into the
/// site's content, with `extra` arguments.
fn import(site: &TempSite, file: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "spreadsheet"])
        .arg(file)
        .args(["--plan", PLAN, "--report", REPORTS, "--content"])
        .arg(site.root().join("content"))
        .args(extra)
        .output()
        .unwrap()
}

fn import_ok(site: &TempSite, file: &Path) -> String {
    let out = import(site, file, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Maps the grey of the row not assessed in 2024, which the committed status map lacks.
fn map_grey(site: &TempSite) {
    site.edit(
        "content/_import/followup-profile.toml",
        "ej-uppnatt = [\"Röd\", \"Ej uppfyllt\"]",
        "ej-uppnatt = [\"Röd\", \"Ej uppfyllt\"]\nbedoms-ej = [\"Grå\"]",
    );
}

/// The workbook of `rows` in its own folder (the import never writes beside it).
fn workbook(rows: &[[V; 18]]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("uppfoljning.xlsx");
    write_xlsx(&path, rows);
    (dir, path)
}

fn rows_of(site: &TempSite, measure: &str) -> Vec<String> {
    select_texts(
        &site.page(&format!("matt/{measure}/index.html")),
        "table.results tbody tr",
    )
}

fn has_row(rows: &[String], parts: &[&str]) -> bool {
    rows.iter().any(|r| parts.iter().all(|p| r.contains(p)))
}

#[test]
fn an_export_with_four_perspectives_of_its_own_builds_into_goal_and_measure_pages() {
    let site = site();
    let (_dir, xlsx) = workbook(&rows());

    // The grey of row 16 is in no legend yet: the import names sheet, row, column and fix,
    // and writes nothing.
    let before = tree(&site.root().join("content"));
    let out = import(&site, &xlsx, &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "uppfoljning.xlsx, sheet \"Mål och indikatorer\", row 16, column \"Status\": `Grå` is not in the status map; add it to [statuses] in content/_import/followup-profile.toml"
        ),
        "{stderr}"
    );
    assert_eq!(tree(&site.root().join("content")), before);

    map_grey(&site);
    let stdout = import_ok(&site, &xlsx);
    assert!(
        stdout.contains("perspectives: 4 (Invånare, Process, Medarbetare, Ekonomi)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("periods: 2023 → arsredovisning-2023, 2024 → arsredovisning-2024"),
        "{stdout}"
    );
    site.build_ok();

    // The plan's scorecard: the municipality's perspectives and goals, each goal with its
    // latest assessment ("Uppfyllt" → uppnått) and its measures' statuses.
    let plan = site.page(&format!("mal/{PLAN}/index.html"));
    assert_eq!(
        select_texts(&plan, ".scorecard caption"),
        ["Invånare", "Process", "Medarbetare", "Ekonomi"]
    );
    assert_eq!(
        select_texts(&plan, ".scorecard th[scope=row]"),
        [VARD, DIGITAL, ARBETSGIVARE, EKONOMI]
    );
    let scorecard = select_texts(&plan, ".scorecard tbody tr");
    assert!(
        has_row(&scorecard, &[VARD, "Uppnått", "2024"]),
        "{scorecard:?}"
    );
    assert!(
        has_row(&scorecard, &[ARBETSGIVARE, "Delvis uppnått", "2024"]),
        "{scorecard:?}"
    );

    // A goal page: its assessment per report with the region's own analysis, its factors,
    // and its measures with results and small charts.
    let goal = site.page(&format!(
        "mal/{PLAN}/trygg-och-jamlik-vard-nara-invanarna/index.html"
    ));
    let text = text_of(&goal);
    assert!(text.contains("Invånare"), "{text}");
    assert!(text.contains("Målet nås för första gången."), "{text}");
    assert!(
        text.contains("Tillgängligheten har förbättrats men målet nås inte."),
        "{text}"
    );
    assert_eq!(
        select_texts(&goal, "section.factor > h3"),
        ["Tillgänglig vård", "Delaktiga invånare"]
    );
    assert_eq!(
        select_texts(&goal, ".assessment h3"),
        ["2024: Uppnått", "2023: Delvis uppnått"]
    );
    assert!(!select_html(&goal, ".spark svg").is_empty());

    // Measure pages: statuses from colours, trends from words, exact numbers, the chart, and
    // file, sheet and row as each figure's source.
    let care = site.page("matt/andel-invanare-som-fatt-vard-inom-90-dagar/index.html");
    let rows = select_texts(&care, "table.results tbody tr");
    assert!(
        has_row(
            &rows,
            &["2023", "90", "84,5", "Delvis uppnått", "Förbättring"]
        ),
        "{rows:?}"
    );
    assert!(has_row(&rows, &["2024", "91,2", "Uppnått"]), "{rows:?}");
    assert!(!select_html(&care, "figure.chart-figure svg").is_empty());
    assert!(
        text_of(&care).contains("uppfoljning.xlsx, blad Mål och indikatorer, rad 3"),
        "{}",
        text_of(&care)
    );
    let sick = rows_of(&site, "sjukfranvaro");
    assert!(
        has_row(&sick, &["2023", "Kvinnor", "8,4", "Delvis uppnått"]),
        "{sick:?}"
    );
    assert!(
        has_row(&sick, &["2024", "Män", "4,4", "Uppnått", "Förbättring"]),
        "{sick:?}"
    );
    assert!(text_of(&site.page("matt/sjukfranvaro/index.html")).contains("Lägre värde är bättre"));
    let result = rows_of(&site, "resultat-i-forhallande-till-skatteintakter");
    assert!(
        has_row(&result, &["2023", "-0,8", "Ej uppnått", "Försämring"]),
        "{result:?}"
    );
    // Text numbers as Swedish exports write them.
    assert!(has_row(
        &rows_of(&site, "nettokostnad-per-invanare"),
        &["2024", "51 000", "50 870"]
    ));
    // Activities have their own statuses; the grey of 2024 is "bedöms ej".
    let activity = rows_of(&site, "infora-digital-signering-i-alla-forvaltningar");
    assert!(has_row(&activity, &["2023", "Påbörjad"]), "{activity:?}");
    assert!(has_row(&activity, &["2024", "Slutförd"]), "{activity:?}");
    assert!(has_row(
        &rows_of(
            &site,
            "andel-invanare-som-ar-nojda-med-kommunens-information"
        ),
        &["2024", "Bedöms ej"]
    ));
}

/// The content files, with the names of the source (`names`, longest first) made the same.
fn content_of(site: &TempSite, names: &[&str]) -> Vec<(String, String)> {
    tree(&site.root().join("content"))
        .into_iter()
        .map(|(path, bytes)| {
            let mut text = String::from_utf8(bytes).unwrap();
            for name in names {
                text = text.replace(name, "SOURCE");
            }
            (path, text)
        })
        .collect()
}

#[test]
fn the_same_data_as_csv_gives_the_same_content_files() {
    let (xlsx_site, csv_site) = (site(), site());
    map_grey(&xlsx_site);
    map_grey(&csv_site);
    let (dir, xlsx) = workbook(&rows());
    let csv = dir.path().join("uppfoljning.csv");
    write_csv(&csv, &rows());
    import_ok(&xlsx_site, &xlsx);
    import_ok(&csv_site, &csv);
    // Only the source references differ: they name the workbook and its sheet, or the CSV.
    let sheet = format!("uppfoljning.xlsx#{SHEET}");
    let from_xlsx = content_of(&xlsx_site, &[&sheet, "uppfoljning.xlsx"]);
    let from_csv = content_of(&csv_site, &["uppfoljning.csv"]);
    let paths =
        |files: &[(String, String)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&from_xlsx), paths(&from_csv));
    for ((path, a), (_, b)) in from_xlsx.iter().zip(&from_csv) {
        assert!(a == b, "{path} differs:\n--- xlsx\n{a}\n--- csv\n{b}");
    }
    // The sources are real: the workbook's sheet and row, the CSV's line.
    let sick = csv_site.read_source("content/matt/sjukfranvaro.csv");
    assert!(sick.contains("uppfoljning.csv:10"), "{sick}");
    let sick = xlsx_site.read_source("content/matt/sjukfranvaro.csv");
    assert!(
        sick.contains("uppfoljning.xlsx#Mål och indikatorer:10"),
        "{sick}"
    );
}

/// The status column (`Status`): its index in the export's columns.
const STATUS: usize = 13;

/// The fill a goal system gives a status cell instead of its word.
fn fill_of(word: &str) -> Option<u32> {
    match word {
        "Grön" => Some(0x00B050),
        "Gul" => Some(0xFFC000),
        "Röd" => Some(0xFF0000),
        "Grå" => Some(0xA6A6A6),
        _ => None,
    }
}

#[test]
fn statuses_given_only_by_fill_colours_read_like_their_words() {
    let (words_site, colours_site) = (site(), site());
    map_grey(&words_site);
    let (dir, words) = workbook(&rows());
    let colours = dir.path().join("farger.xlsx");
    write_coloured_xlsx(&colours, &rows());

    // The status map has words, not these colours: each unmapped colour is an error with its
    // sheet, row, column and fix, and nothing is written.
    let stderr = errors_of(&colours_site, &colours, &[]);
    assert!(
        stderr.contains(
            "farger.xlsx, sheet \"Mål och indikatorer\", row 3, column \"Status\": the cell's fill colour #FFC000 is not in the status map; add the colour to [statuses] in content/_import/followup-profile.toml under the value it means, e.g. uppnatt = [\"#FFC000\"]"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 16, column \"Status\": the cell's fill colour #A6A6A6"),
        "{stderr}"
    );

    // With the colours in the status map (written in any case), the content is the same as
    // from the words.
    colours_site.edit(
        "content/_import/followup-profile.toml",
        "uppnatt = [\"Grön\", \"Uppfyllt\"]",
        "uppnatt = [\"Grön\", \"Uppfyllt\", \"#00b050\"]\nbedoms-ej = [\"#A6A6A6\"]",
    );
    colours_site.edit(
        "content/_import/followup-profile.toml",
        "delvis-uppnatt = [\"Gul\", \"Delvis uppfyllt\"]",
        "delvis-uppnatt = [\"Gul\", \"Delvis uppfyllt\", \"#FFC000\"]",
    );
    colours_site.edit(
        "content/_import/followup-profile.toml",
        "ej-uppnatt = [\"Röd\", \"Ej uppfyllt\"]",
        "ej-uppnatt = [\"Röd\", \"Ej uppfyllt\", \"#FF0000\"]",
    );
    import_ok(&words_site, &words);
    import_ok(&colours_site, &colours);
    let sheet = |file: &str| format!("{file}#{SHEET}");
    let without_profile = |files: Vec<(String, String)>| -> Vec<(String, String)> {
        files
            .into_iter()
            .filter(|(path, _)| !path.starts_with("_import/"))
            .collect()
    };
    let from_words = without_profile(content_of(
        &words_site,
        &[&sheet("uppfoljning.xlsx"), "uppfoljning.xlsx"],
    ));
    let from_colours = without_profile(content_of(
        &colours_site,
        &[&sheet("farger.xlsx"), "farger.xlsx"],
    ));
    assert_eq!(from_words.len(), from_colours.len());
    for ((path, a), (_, b)) in from_words.iter().zip(&from_colours) {
        assert!(a == b, "{path} differs:\n--- words\n{a}\n--- colours\n{b}");
    }
    // Each status is sourced to the file, sheet and row of its cell.
    colours_site.build_ok();
    let care = colours_site.page("matt/andel-invanare-som-fatt-vard-inom-90-dagar/index.html");
    let rows = select_texts(&care, "table.results tbody tr");
    assert!(
        has_row(&rows, &["2023", "84,5", "Delvis uppnått"]),
        "{rows:?}"
    );
    assert!(has_row(&rows, &["2024", "91,2", "Uppnått"]), "{rows:?}");
    assert!(
        text_of(&care).contains("farger.xlsx, blad Mål och indikatorer, rad 3"),
        "{}",
        text_of(&care)
    );
}

#[test]
fn reimporting_keeps_hand_edits_and_changes_nothing_else() {
    let site = site();
    map_grey(&site);
    let (_dir, xlsx) = workbook(&rows());
    import_ok(&site, &xlsx);
    let goal = format!("content/planer/{PLAN}/attraktiv-arbetsgivare.md");
    let text = site.read_source(&goal);
    site.write(
        &goal,
        &format!("{text}Målet följs upp i medarbetarenkäten.\n"),
    );
    site.edit(
        "content/matt/sjukfranvaro.md",
        "unit = \"%\"",
        "unit = \"procent\"",
    );
    site.edit(
        "content/rapporter/arsredovisning-2024.md",
        "title = \"Måluppföljning 2024\"",
        "title = \"Årsredovisning 2024\"",
    );
    let edited = tree(&site.root().join("content"));
    import_ok(&site, &xlsx);
    assert_eq!(tree(&site.root().join("content")), edited);
    site.build_ok();
    let page = text_of(&site.page(&format!("mal/{PLAN}/attraktiv-arbetsgivare/index.html")));
    assert!(
        page.contains("Målet följs upp i medarbetarenkäten."),
        "{page}"
    );
}

#[test]
fn a_dry_run_prints_what_was_found_and_writes_nothing() {
    let site = site();
    map_grey(&site);
    let (dir, xlsx) = workbook(&rows());
    // The mapping may live anywhere when --map names it.
    let map = dir.path().join("karta.toml");
    std::fs::rename(
        site.root().join("content/_import/spreadsheet-profile.toml"),
        &map,
    )
    .unwrap();
    let stderr = errors_of(&site, &xlsx, &["--dry-run"]);
    assert!(
        stderr.contains("_import/spreadsheet-profile.toml: not found; write the column mapping there or name it with --map"),
        "{stderr}"
    );
    let before = tree(&site.root().join("content"));
    let out = import(&site, &xlsx, &["--dry-run", "--map", map.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in [
        "Read uppfoljning.xlsx, sheet \"Mål och indikatorer\": 20 rows",
        "perspectives: 4 (Invånare, Process, Medarbetare, Ekonomi)",
        "goals: 4",
        "success factors: 6",
        "measures: 8 (2 split by sex)",
        "result rows: 20",
        "periods: 2023 → arsredovisning-2023, 2024 → arsredovisning-2024",
        "warnings: 0",
        "Dry run: would write",
    ] {
        assert!(stdout.contains(line), "{line:?} not in:\n{stdout}");
    }
    assert_eq!(tree(&site.root().join("content")), before);
}

/// Imports `rows` and returns the errors, after checking that nothing was written.
fn errors_of(site: &TempSite, file: &Path, extra: &[&str]) -> String {
    let before = tree(&site.root().join("content"));
    let out = import(site, file, extra);
    assert!(!out.status.success());
    assert_eq!(tree(&site.root().join("content")), before);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn each_unreadable_cell_is_an_error_naming_sheet_row_and_fix() {
    let site = site();
    map_grey(&site);
    let mut bad = rows();
    bad[0][1] = E; // row 3: no goal
    bad[1][8] = T("2024 Q1"); // row 4: no period
    bad[2][10] = T("38.0"); // row 5: a dot as decimal sign
    bad[3][12] = T("1 2345"); // row 6: thousands wrongly grouped
    bad[4][13] = T("Blå"); // row 7: no such status
    bad[5][9] = T("Flickor"); // row 8: no such group
    let (dir, xlsx) = workbook(&bad);
    let stderr = errors_of(&site, &xlsx, &[]);
    let place = |row: usize, column: &str| {
        format!("uppfoljning.xlsx, sheet \"Mål och indikatorer\", row {row}, column \"{column}\": ")
    };
    for expected in [
        format!(
            "{}a row without a goal; write the goal on every row",
            place(3, "Mål")
        ),
        format!(
            "{}`2024 Q1` is neither a year nor a year and month; write the period as text, e.g. 2024",
            place(4, "Period")
        ),
        format!("{}`38.0` is not a number", place(5, "Ingångsvärde")),
        format!("{}`1 2345` is not a number", place(6, "Utfall")),
        format!(
            "{}`Blå` is not in the status map; add it to [statuses] in content/_import/followup-profile.toml under the value it means, e.g. uppnatt = [\"Blå\"]",
            place(7, "Status")
        ),
        format!(
            "{}`Flickor` is not in the mapping's [groups]; add it in",
            place(8, "Kön")
        ),
    ] {
        assert!(stderr.contains(&expected), "{expected:?} not in:\n{stderr}");
    }
    assert!(
        stderr.contains("with a decimal comma (12,3) and spaces between thousands (18 464)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Import failed with 6 problem(s); nothing was written."),
        "{stderr}"
    );

    // The same rows as CSV: the file and row, without a sheet.
    let csv = dir.path().join("uppfoljning.csv");
    write_csv(&csv, &bad);
    let stderr = errors_of(&site, &csv, &[]);
    assert!(
        stderr.contains("uppfoljning.csv, row 3, column \"Mål\": a row without a goal"),
        "{stderr}"
    );

    // A heading the mapping names that the sheet does not have.
    site.edit(
        "content/_import/spreadsheet-profile.toml",
        "target = \"Målvärde\"",
        "target = \"Målnivå\"",
    );
    let (_dir, xlsx) = workbook(&rows());
    let stderr = errors_of(&site, &xlsx, &[]);
    assert!(
        stderr.contains(
            "uppfoljning.xlsx, sheet \"Mål och indikatorer\", row 2: no column \"Målnivå\" (the mapping's `target`); the columns are: \"Perspektiv\""
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Correct the heading in"), "{stderr}");
}

#[test]
fn a_sheet_of_two_periods_needs_a_report_per_period() {
    let site = site();
    map_grey(&site);
    let (_dir, xlsx) = workbook(&rows());
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["import", "spreadsheet"])
        .arg(&xlsx)
        .args(["--plan", PLAN, "--report", "arsredovisning", "--content"])
        .arg(site.root().join("content"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the sheet has results for 2 periods (2023, 2024), but --report names one report; write a pattern such as --report arsredovisning-{period}"),
        "{stderr}"
    );
}
