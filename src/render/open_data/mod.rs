//! Open data under `/data/`: CSV and JSON of every measure result and of every meeting and §,
//! one CSV per measure, a table schema per CSV in a Frictionless data package, and, when the
//! config names the publisher, a DCAT-AP-SE catalog for Sweden's data portal. Each column is
//! declared once (`columns`); the files, their schemas and the `/data/` page come from it.
//! Rows come in content order, so the files are byte-identical between builds.

mod catalog;
mod columns;
mod package;
mod table;

use serde::Serialize;

use crate::config::{Config, Terms};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;
use crate::routes::{self, Urls};
use columns::{Context, MeetingRow, ParagraphRow, ResultRow};
pub use table::{Field, Kind, SPREADSHEET_NOTE};
use table::{JsonRows, Row, csv_bytes};

/// A published table: its files, what it holds, and how the catalog describes it.
pub struct DataFile {
    pub title: &'static str,
    pub csv: &'static str,
    pub json: &'static str,
    /// The key of the JSON array holding these rows.
    pub json_key: &'static str,
    pub description: &'static str,
    /// Words for the catalog's keywords, some in the organisation's terms.
    pub keywords: fn(&Terms) -> Vec<String>,
    /// The columns, in file order.
    pub fields: fn() -> Vec<Field>,
}

impl DataFile {
    /// The CSV file's name without `.csv`: the table's name in the data package and catalog.
    pub fn name(&self) -> &'static str {
        let file = self.csv.strip_prefix(routes::DATA).unwrap_or(self.csv);
        file.strip_suffix(".csv").unwrap_or(file)
    }

    /// The path of the table schema of its CSV files.
    pub fn schema(&self) -> String {
        routes::data_schema(self.name())
    }

    /// Whether this is the measures' table, whose rows each measure's own CSV file also has.
    fn is_measures(&self) -> bool {
        self.csv == MEASURES.csv
    }
}

/// A path below `data/` as the files under it name each other.
fn relative(path: &str) -> &str {
    path.strip_prefix(routes::DATA).unwrap_or(path)
}

/// Every published table, as the `/data/` page lists them.
pub const FILES: &[DataFile] = &[
    DataFile {
        title: "Mått och resultat",
        csv: routes::DATA_MEASURES_CSV,
        json: routes::DATA_MEASURES_JSON,
        json_key: "results",
        description: "Alla mått med alla redovisade resultat: en rad per mått, rapport och grupp (totalt, kvinnor, män). Varje måtts sida länkar dessutom en egen CSV-fil med samma kolumner (data/matt/<id>.csv).",
        keywords: |terms| {
            vec![
                "mål".into(),
                terms.measure.plural.clone(),
                "måluppfyllelse".into(),
                "uppföljning".into(),
                "nyckeltal".into(),
            ]
        },
        fields: ResultRow::fields,
    },
    DataFile {
        title: "Sammanträden",
        csv: routes::DATA_MEETINGS_CSV,
        json: routes::DATA_MINUTES_JSON,
        json_key: "meetings",
        description: "Alla sammanträden med protokoll på webbplatsen: en rad per sammanträde.",
        keywords: |_| words(&["sammanträden", "protokoll", "politik", "nämnder"]),
        fields: MeetingRow::fields,
    },
    DataFile {
        title: "Paragrafer och beslut",
        csv: routes::DATA_PARAGRAPHS_CSV,
        json: routes::DATA_MINUTES_JSON,
        json_key: "paragraphs",
        description: "Alla paragrafer (§) med diarienummer och beslut: en rad per paragraf.",
        keywords: |_| {
            words(&[
                "beslut",
                "protokoll",
                "paragrafer",
                "diarienummer",
                "politik",
            ])
        },
        fields: ParagraphRow::fields,
    },
];

/// Fixed keywords.
fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

/// The measures' table ([`FILES`]), which each measure's own CSV shares.
const MEASURES: &DataFile = &FILES[0];

/// `data/matt.json` (its fields, like every object's in the files, in file order).
#[derive(Serialize)]
struct ResultsJson<'a> {
    license: &'a Option<String>,
    license_url: &'a Option<String>,
    results: JsonRows<'a, ResultRow<'a>>,
}

/// `data/protokoll.json`.
#[derive(Serialize)]
struct MinutesJson<'a> {
    license: &'a Option<String>,
    license_url: &'a Option<String>,
    meetings: JsonRows<'a, MeetingRow<'a>>,
    paragraphs: JsonRows<'a, ParagraphRow<'a>>,
}

fn json_bytes(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("JSON of plain data");
    bytes.push(b'\n');
    bytes
}

fn file(path: impl Into<String>, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: bytes.into(),
    }
}

/// Every open-data file of the site, with the catalog when the config asks for one; an error
/// when the catalog cannot be made of the config's URLs.
pub fn data_files(
    site: &Site,
    config: &Config,
    urls: &Urls,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let context = Context {
        site,
        urls,
        origin: config.origin(),
    };
    let data = &config.data;
    let mut files = Vec::new();

    let mut results = Vec::new();
    for measure in site.measures.values() {
        let start = results.len();
        results.extend(measure.results.iter().map(|result| ResultRow {
            context: &context,
            measure,
            result,
        }));
        files.push(file(
            routes::measure_csv(&measure.id),
            csv_bytes(&results[start..]),
        ));
    }
    files.push(file(MEASURES.csv, csv_bytes(&results)));
    let json = ResultsJson {
        license: &data.license,
        license_url: &data.license_url,
        results: JsonRows(&results),
    };
    files.push(file(MEASURES.json, json_bytes(&json)));

    let mut meetings = Vec::new();
    let mut paragraphs = Vec::new();
    for meeting in &site.meetings {
        let Some(organ) = site.organs.get(&meeting.organ) else {
            continue;
        };
        meetings.push(MeetingRow {
            context: &context,
            organ,
            meeting,
        });
        paragraphs.extend(meeting.paragraphs.iter().map(|paragraph| ParagraphRow {
            context: &context,
            organ,
            meeting,
            paragraph,
        }));
    }
    files.push(file(routes::DATA_MEETINGS_CSV, csv_bytes(&meetings)));
    files.push(file(routes::DATA_PARAGRAPHS_CSV, csv_bytes(&paragraphs)));
    let json = MinutesJson {
        license: &data.license,
        license_url: &data.license_url,
        meetings: JsonRows(&meetings),
        paragraphs: JsonRows(&paragraphs),
    };
    files.push(file(routes::DATA_MINUTES_JSON, json_bytes(&json)));

    for table in FILES {
        files.push(file(
            table.schema(),
            json_bytes(&package::table_schema(table)),
        ));
    }
    files.push(file(
        routes::DATA_PACKAGE,
        json_bytes(&package::data_package(site, config, urls)),
    ));
    if let Some(catalog) = config.catalog() {
        files.push(file(
            routes::DATA_CATALOG,
            catalog::catalog(site, config, &catalog, urls)?,
        ));
    }
    Ok(files)
}
