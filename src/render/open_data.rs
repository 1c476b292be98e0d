//! Open data under `/data/`: CSV and JSON of every measure result and of every meeting and §,
//! one CSV per measure, and the column lists (schemas) the `/data/` page documents. Rows come
//! in content order, so the files are byte-identical between builds.

use serde::{Serialize, Serializer};

use crate::config::Config;
use crate::model::*;

use crate::output::OutputFile;
use crate::routes::{self, Urls};

/// A column of an open-data file, for the documentation.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: &'static str,
    pub kind: &'static str,
    pub description: &'static str,
}

/// An open-data file and its columns (the JSON files hold the same fields per object).
#[derive(Debug, Clone, Serialize)]
pub struct DataFile {
    pub title: &'static str,
    pub csv: &'static str,
    pub json: &'static str,
    /// The key of the JSON array holding these rows.
    pub json_key: &'static str,
    pub description: &'static str,
    pub columns: &'static [Column],
}

const fn col(name: &'static str, kind: &'static str, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
    }
}

const TEXT: &str = "text";
const NUMBER: &str = "tal";
const INTEGER: &str = "heltal";
const DATE: &str = "datum (ÅÅÅÅ-MM-DD)";
const URL: &str = "URL";

/// The measure results file's columns, in file order.
pub const RESULT_COLUMNS: &[Column] = &[
    col(
        "measure",
        TEXT,
        "Måttets id (samma som i måttets webbadress).",
    ),
    col("measure_name", TEXT, "Måttets namn."),
    col("kind", TEXT, "styrmatt, kontrollmatt eller aktivitet."),
    col(
        "unit",
        TEXT,
        "Måttets enhet som källan anger den (t.ex. antal, procent); tomt om ingen anges.",
    ),
    col(
        "direction",
        TEXT,
        "hogre eller lagre: om ett högre eller lägre värde är bättre; tomt om okänt.",
    ),
    col("report", TEXT, "Id för rapporten som redovisar resultatet."),
    col("report_title", TEXT, "Rapportens titel."),
    col(
        "period",
        TEXT,
        "Perioden rapporten avser: ÅÅÅÅ eller ÅÅÅÅ-MM.",
    ),
    col("group", TEXT, "totalt, kvinnor eller man."),
    col(
        "baseline",
        NUMBER,
        "Ingångsvärde i måttets enhet; tomt om inget anges.",
    ),
    col(
        "target",
        TEXT,
        "Målet exakt som källan skriver det (t.ex. 43000, ≥ 90 %, Öka).",
    ),
    col(
        "target_value",
        NUMBER,
        "Målet som tal i måttets enhet, när det går att tolka; annars tomt.",
    ),
    col("outcome", TEXT, "Utfallet exakt som källan skriver det."),
    col(
        "outcome_value",
        NUMBER,
        "Utfallet som tal i måttets enhet, när det är ett tal; annars tomt.",
    ),
    col(
        "status",
        TEXT,
        "Måluppfyllelse: uppnatt, delvis-uppnatt, ej-uppnatt, bedoms-ej (mått) eller slutford, paborjad, ej-paborjad, bedoms-ej (aktiviteter); tomt om ingen bedömning finns.",
    ),
    col(
        "status_source",
        TEXT,
        "Var bedömningen kommer från: tabell (rapportens tabell), text (rapportens text) eller beraknad (Insyn har räknat fram den ur mål, utfall och ingångsvärde).",
    ),
    col(
        "trend",
        TEXT,
        "Utveckling jämfört med ingångsvärdet: forbattring, oforandrat eller forsamring; tomt om okänt.",
    ),
    col("comment", TEXT, "Rapportens kommentar till resultatet."),
    col(
        "source",
        TEXT,
        "Källdokument och rad(er) som siffrorna är hämtade från.",
    ),
    col("url", URL, "Måttets sida på webbplatsen."),
];

/// The meetings file's columns.
pub const MEETING_COLUMNS: &[Column] = &[
    col("organ", TEXT, "Organets id (t.ex. rs)."),
    col("organ_name", TEXT, "Organets namn."),
    col("date", DATE, "Sammanträdets datum."),
    col("place", TEXT, "Plats; tomt om okänd."),
    col(
        "paragraphs",
        INTEGER,
        "Antal paragrafer (§) på webbplatsen från sammanträdet.",
    ),
    col(
        "document_id",
        TEXT,
        "Protokollets dokument-id; tomt om okänt.",
    ),
    col("source", TEXT, "Källdokument och rad(er)."),
    col("url", URL, "Sammanträdets sida på webbplatsen."),
];

/// The paragraphs (§) and decisions file's columns.
pub const PARAGRAPH_COLUMNS: &[Column] = &[
    col("organ", TEXT, "Organets id (t.ex. rs)."),
    col("organ_name", TEXT, "Organets namn."),
    col("date", DATE, "Sammanträdets datum."),
    col("number", INTEGER, "Paragrafens nummer (§)."),
    col("title", TEXT, "Paragrafens rubrik."),
    col(
        "dnr",
        TEXT,
        "Diarienummer (NNNN-ÅÅÅÅ), flera åtskilda med \"; \".",
    ),
    col(
        "decision_kind",
        TEXT,
        "Beslutets art: beslut, forslag (förslag till fullmäktige), anmalan (läggs till handlingarna) eller yttrande; tomt om inget beslut är registrerat.",
    ),
    col("decision", TEXT, "Beslutstexten."),
    col("reservations", INTEGER, "Antal reservationer."),
    col(
        "citation",
        TEXT,
        "Citeringsrad, t.ex. \"Regionstyrelsen 2020-10-14 § 172, dnr 1351-2020\".",
    ),
    col("source", TEXT, "Källdokument och rad(er)."),
    col("url", URL, "Paragrafens permanenta sida på webbplatsen."),
];

/// Every open-data file, as the `/data/` page lists them.
pub const FILES: &[DataFile] = &[
    DataFile {
        title: "Mått och resultat",
        csv: routes::DATA_MEASURES_CSV,
        json: routes::DATA_MEASURES_JSON,
        json_key: "results",
        description: "Alla mått med alla redovisade resultat: en rad per mått, rapport och grupp (totalt, kvinnor, män). Varje måtts sida länkar dessutom en egen CSV-fil med samma kolumner (data/matt/<id>.csv).",
        columns: RESULT_COLUMNS,
    },
    DataFile {
        title: "Sammanträden",
        csv: routes::DATA_MEETINGS_CSV,
        json: routes::DATA_MINUTES_JSON,
        json_key: "meetings",
        description: "Alla sammanträden med protokoll på webbplatsen: en rad per sammanträde.",
        columns: MEETING_COLUMNS,
    },
    DataFile {
        title: "Paragrafer och beslut",
        csv: routes::DATA_PARAGRAPHS_CSV,
        json: routes::DATA_MINUTES_JSON,
        json_key: "paragraphs",
        description: "Alla paragrafer (§) med diarienummer och beslut: en rad per paragraf.",
        columns: PARAGRAPH_COLUMNS,
    },
];

/// A number in machine form: `18464`, `12.3`, `-71` (decimal point, no thousands separator).
#[derive(Debug, Clone, Copy)]
struct Num(Number);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0.value;
        if self.0.decimals == 0 && v.fract() == 0.0 && v.abs() < 9e15 {
            s.serialize_i64(v as i64)
        } else {
            // Round to the source's decimals so binary noise never shows.
            let text = format!("{:.*}", usize::from(self.0.decimals), v);
            s.serialize_f64(text.parse().unwrap_or(v))
        }
    }
}

#[derive(Debug, Serialize)]
struct ResultRow<'a> {
    measure: &'a str,
    measure_name: &'a str,
    kind: &'static str,
    unit: Option<&'a str>,
    direction: Option<&'static str>,
    report: &'a str,
    report_title: &'a str,
    period: String,
    group: &'static str,
    baseline: Option<Num>,
    target: &'a str,
    target_value: Option<Num>,
    outcome: &'a str,
    outcome_value: Option<Num>,
    status: Option<&'static str>,
    status_source: Option<&'static str>,
    trend: Option<&'static str>,
    comment: &'a str,
    source: Option<String>,
    url: String,
}

#[derive(Debug, Serialize)]
struct MeetingRow<'a> {
    organ: &'a str,
    organ_name: &'a str,
    date: &'a str,
    place: Option<&'a str>,
    paragraphs: usize,
    document_id: Option<&'a str>,
    source: Option<String>,
    url: String,
}

#[derive(Debug, Serialize)]
struct ParagraphRow<'a> {
    organ: &'a str,
    organ_name: &'a str,
    date: &'a str,
    number: u32,
    title: &'a str,
    dnr: String,
    decision_kind: Option<&'static str>,
    decision: Option<&'a str>,
    reservations: usize,
    citation: String,
    source: Option<String>,
    url: String,
}

fn result_rows<'a>(site: &'a Site, m: &'a Measure, url: &str) -> Vec<ResultRow<'a>> {
    m.results
        .iter()
        .map(|r| ResultRow {
            measure: &m.id,
            measure_name: &m.name,
            kind: m.kind.key(),
            unit: m.unit.as_deref(),
            direction: m.direction.map(Direction::key),
            report: &r.report,
            report_title: site
                .reports
                .get(&r.report)
                .map_or(r.report.as_str(), |x| x.title.as_str()),
            period: r.period.key(),
            group: r.group.key(),
            baseline: r.baseline.map(Num),
            target: &r.target.raw,
            target_value: r.target.value.map(Num),
            outcome: &r.outcome.raw,
            outcome_value: r.outcome.value.map(Num),
            status: r.status.map(|s| s.status.key()),
            status_source: r.status.map(|s| s.source.key()),
            trend: r.trend.map(Trend::key),
            comment: &r.comment,
            source: r.source.as_ref().map(SourceRef::label),
            url: url.to_string(),
        })
        .collect()
}

fn csv_bytes<T: Serialize>(rows: &[T], columns: &[Column]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // The header is written from the documented columns, so an empty file still has one.
    writer
        .write_record(columns.iter().map(|c| c.name))
        .expect("writing to memory");
    let mut body = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for row in rows {
        body.serialize(row).expect("rows are flat records");
    }
    let mut bytes = writer.into_inner().expect("writing to memory");
    bytes.extend(body.into_inner().expect("writing to memory"));
    bytes
}

/// A list of rows in JSON: each row an object with its keys in alphabetical order (as
/// `serde_json::Value` writes them), made one row at a time so a large archive's list is never
/// held as a tree.
struct JsonRows<'a, T>(&'a [T]);

impl<T: Serialize> Serialize for JsonRows<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for row in self.0 {
            seq.serialize_element(&serde_json::to_value(row).map_err(S::Error::custom)?)?;
        }
        seq.end()
    }
}

/// `data/matt.json` (fields in alphabetical order, like every object in the files).
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

/// Every open-data file of the site.
pub fn data_files(site: &Site, config: &Config, urls: &Urls) -> Vec<OutputFile> {
    let origin = config.origin();
    let data = &config.data;
    let mut files = Vec::new();

    let mut all_results = Vec::new();
    for m in site.measures.values() {
        let rows = result_rows(site, m, &format!("{origin}{}", urls.measure(&m.id)));
        files.push(OutputFile {
            path: routes::measure_csv(&m.id),
            bytes: csv_bytes(&rows, RESULT_COLUMNS).into(),
        });
        all_results.extend(rows);
    }
    files.push(OutputFile {
        path: routes::DATA_MEASURES_CSV.into(),
        bytes: csv_bytes(&all_results, RESULT_COLUMNS).into(),
    });
    let json = ResultsJson {
        license: &data.license,
        license_url: &data.license_url,
        results: JsonRows(&all_results),
    };
    files.push(OutputFile {
        path: routes::DATA_MEASURES_JSON.into(),
        bytes: json_bytes(&json).into(),
    });

    let mut meetings = Vec::new();
    let mut paragraphs = Vec::new();
    for m in &site.meetings {
        let Some(organ) = site.organs.get(&m.organ) else {
            continue;
        };
        meetings.push(MeetingRow {
            organ: &organ.id,
            organ_name: &organ.name,
            date: &m.date,
            place: m.place.as_deref(),
            paragraphs: m.paragraphs.len(),
            document_id: m.document_id.as_deref(),
            source: m.source.as_ref().map(SourceRef::label),
            url: format!("{origin}{}", urls.meeting(&organ.slug, &m.date)),
        });
        for p in &m.paragraphs {
            paragraphs.push(ParagraphRow {
                organ: &organ.id,
                organ_name: &organ.name,
                date: &m.date,
                number: p.number,
                title: &p.title,
                dnr: p.dnr.join("; "),
                decision_kind: p.decision.as_ref().map(|d| d.kind.key()),
                decision: p.decision.as_ref().map(|d| d.text.trim()),
                reservations: p.reservations.len(),
                citation: super::views::citation(organ, &m.date, p),
                source: p.source.as_ref().map(SourceRef::label),
                url: format!("{origin}{}", urls.paragraph(&organ.slug, &m.date, p.number)),
            });
        }
    }
    files.push(OutputFile {
        path: routes::DATA_MEETINGS_CSV.into(),
        bytes: csv_bytes(&meetings, MEETING_COLUMNS).into(),
    });
    files.push(OutputFile {
        path: routes::DATA_PARAGRAPHS_CSV.into(),
        bytes: csv_bytes(&paragraphs, PARAGRAPH_COLUMNS).into(),
    });
    let json = MinutesJson {
        license: &data.license,
        license_url: &data.license_url,
        meetings: JsonRows(&meetings),
        paragraphs: JsonRows(&paragraphs),
    };
    files.push(OutputFile {
        path: routes::DATA_MINUTES_JSON.into(),
        bytes: json_bytes(&json).into(),
    });
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_of<T: Serialize>(row: T) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(row).unwrap();
        let bytes = w.into_inner().unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    }

    fn names(columns: &[Column]) -> String {
        columns.iter().map(|c| c.name).collect::<Vec<_>>().join(",")
    }

    #[test]
    fn documented_columns_match_the_rows() {
        let n = Number {
            value: 1.0,
            decimals: 0,
        };
        let result = ResultRow {
            measure: "",
            measure_name: "",
            kind: "",
            unit: None,
            direction: None,
            report: "",
            report_title: "",
            period: String::new(),
            group: "",
            baseline: Some(Num(n)),
            target: "",
            target_value: None,
            outcome: "",
            outcome_value: None,
            status: None,
            status_source: None,
            trend: None,
            comment: "",
            source: None,
            url: String::new(),
        };
        assert_eq!(header_of(result), names(RESULT_COLUMNS));
        let meeting = MeetingRow {
            organ: "",
            organ_name: "",
            date: "",
            place: None,
            paragraphs: 0,
            document_id: None,
            source: None,
            url: String::new(),
        };
        assert_eq!(header_of(meeting), names(MEETING_COLUMNS));
        let paragraph = ParagraphRow {
            organ: "",
            organ_name: "",
            date: "",
            number: 1,
            title: "",
            dnr: String::new(),
            decision_kind: None,
            decision: None,
            reservations: 0,
            citation: String::new(),
            source: None,
            url: String::new(),
        };
        assert_eq!(header_of(paragraph), names(PARAGRAPH_COLUMNS));
    }

    #[test]
    fn numbers_are_written_in_machine_form() {
        let json =
            |value, decimals| serde_json::to_string(&Num(Number { value, decimals })).unwrap();
        assert_eq!(json(18464.0, 0), "18464");
        assert_eq!(json(12.3, 1), "12.3");
        assert_eq!(json(-71.0, 0), "-71");
        assert_eq!(json(0.1 + 0.2, 1), "0.3");
    }
}
