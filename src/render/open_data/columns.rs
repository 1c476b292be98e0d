//! The published tables' rows and columns: measure results, meetings and paragraphs (§).

use super::table::{Cell, Column, Field, Kind, Row, keyed};
use crate::model::*;
use crate::render::views::citation;
use crate::routes::Urls;

/// What every row reads besides its own entities: the site and its absolute URLs.
pub struct Context<'a> {
    pub site: &'a Site,
    pub urls: &'a Urls,
    /// Scheme and host of the base URL.
    pub origin: String,
}

impl Context<'_> {
    fn url(&self, path: String) -> String {
        format!("{}{path}", self.origin)
    }
}

/// One result of a measure.
pub struct ResultRow<'a> {
    pub context: &'a Context<'a>,
    pub measure: &'a Measure,
    pub result: &'a MeasureResult,
}

/// One meeting of an organ.
pub struct MeetingRow<'a> {
    pub context: &'a Context<'a>,
    pub organ: &'a Organ,
    pub meeting: &'a Meeting,
}

/// One paragraph (§) of a meeting.
pub struct ParagraphRow<'a> {
    pub context: &'a Context<'a>,
    pub organ: &'a Organ,
    pub meeting: &'a Meeting,
    pub paragraph: &'a Paragraph,
}

const fn field(name: &'static str, kind: Kind, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        unit: None,
        description,
    }
}

/// A field every row fills.
const fn required(name: &'static str, kind: Kind, description: &'static str) -> Field {
    Field {
        required: true,
        ..field(name, kind, description)
    }
}

/// A number in the measure's unit.
const fn in_unit(name: &'static str, description: &'static str) -> Field {
    Field {
        unit: Some("måttets enhet (kolumnen unit)"),
        ..field(name, Kind::Number, description)
    }
}

/// A count.
const fn count(name: &'static str, description: &'static str) -> Field {
    Field {
        unit: Some("antal"),
        ..required(name, Kind::Integer, description)
    }
}

impl Row for ResultRow<'_> {
    fn columns() -> Vec<Column<Self>> {
        vec![
            Column {
                field: required(
                    "measure",
                    Kind::Text,
                    "Måttets id (samma som i måttets webbadress).",
                ),
                value: |r| Cell::text(&r.measure.id),
            },
            Column {
                field: required("measure_name", Kind::Text, "Måttets namn."),
                value: |r| Cell::text(&r.measure.name),
            },
            Column {
                field: required("kind", Kind::Enum(keyed::<MeasureKind>), "Måttets art."),
                value: |r| Cell::key(Some(r.measure.kind)),
            },
            Column {
                field: field(
                    "unit",
                    Kind::Text,
                    "Måttets enhet som källan anger den (t.ex. antal, procent); tomt om ingen anges.",
                ),
                value: |r| Cell::optional(r.measure.unit.as_deref()),
            },
            Column {
                field: field(
                    "direction",
                    Kind::Enum(keyed::<Direction>),
                    "Om ett högre eller lägre värde är bättre; tomt om okänt.",
                ),
                value: |r| Cell::key(r.measure.direction),
            },
            Column {
                field: required(
                    "report",
                    Kind::Text,
                    "Id för rapporten som redovisar resultatet.",
                ),
                value: |r| Cell::text(&r.result.report),
            },
            Column {
                field: required("report_title", Kind::Text, "Rapportens titel."),
                value: |r| {
                    let reports = &r.context.site.reports;
                    Cell::text(
                        reports
                            .get(&r.result.report)
                            .map_or(r.result.report.as_str(), |x| x.title.as_str()),
                    )
                },
            },
            Column {
                field: required("period", Kind::Period, "Perioden rapporten avser."),
                value: |r| Cell::owned(r.result.period.key()),
            },
            Column {
                field: required(
                    "group",
                    Kind::Enum(keyed::<Group>),
                    "Gruppen resultatet gäller.",
                ),
                value: |r| Cell::key(Some(r.result.group)),
            },
            Column {
                field: in_unit("baseline", "Ingångsvärde; tomt om inget anges."),
                value: |r| Cell::number(r.result.baseline),
            },
            Column {
                field: field(
                    "target",
                    Kind::Text,
                    "Målet exakt som källan skriver det (t.ex. 43000, ≥ 90 %, Öka).",
                ),
                value: |r| Cell::text(&r.result.target.raw),
            },
            Column {
                field: in_unit(
                    "target_value",
                    "Målet som tal, när det går att tolka; annars tomt.",
                ),
                value: |r| Cell::number(r.result.target.value),
            },
            Column {
                field: field(
                    "outcome",
                    Kind::Text,
                    "Utfallet exakt som källan skriver det.",
                ),
                value: |r| Cell::text(&r.result.outcome.raw),
            },
            Column {
                field: in_unit(
                    "outcome_value",
                    "Utfallet som tal, när det är ett tal; annars tomt.",
                ),
                value: |r| Cell::number(r.result.outcome.value),
            },
            Column {
                field: field(
                    "status",
                    Kind::Enum(keyed::<Status>),
                    "Måluppfyllelse: uppnatt, delvis-uppnatt, ej-uppnatt, bedoms-ej för mått och slutford, paborjad, ej-paborjad, bedoms-ej för aktiviteter; tomt om ingen bedömning finns.",
                ),
                value: |r| Cell::key(r.result.status.map(|s| s.status)),
            },
            Column {
                field: field(
                    "status_source",
                    Kind::Enum(keyed::<StatusSource>),
                    "Var bedömningen kommer från: rapportens tabell, rapportens text, eller beräknad av Insyn ur mål, utfall och ingångsvärde.",
                ),
                value: |r| Cell::key(r.result.status.map(|s| s.source)),
            },
            Column {
                field: field(
                    "trend",
                    Kind::Enum(keyed::<Trend>),
                    "Utveckling jämfört med ingångsvärdet; tomt om okänt.",
                ),
                value: |r| Cell::key(r.result.trend),
            },
            Column {
                field: field(
                    "comment",
                    Kind::Text,
                    "Rapportens kommentar till resultatet.",
                ),
                value: |r| Cell::text(&r.result.comment),
            },
            Column {
                field: field(
                    "source",
                    Kind::Text,
                    "Källdokument och rad(er) som siffrorna är hämtade från.",
                ),
                value: |r| {
                    Cell::owned(
                        r.result
                            .source
                            .as_ref()
                            .map(SourceRef::label)
                            .unwrap_or_default(),
                    )
                },
            },
            Column {
                field: required("url", Kind::Url, "Måttets sida på webbplatsen."),
                value: |r| Cell::owned(r.context.url(r.context.urls.measure(&r.measure.id))),
            },
        ]
    }
}

impl Row for MeetingRow<'_> {
    fn columns() -> Vec<Column<Self>> {
        let rest: Vec<Column<Self>> = vec![
            Column {
                field: field("place", Kind::Text, "Plats; tomt om okänd."),
                value: |r| Cell::optional(r.meeting.place.as_deref()),
            },
            Column {
                field: count(
                    "paragraphs",
                    "Antal paragrafer (§) på webbplatsen från sammanträdet.",
                ),
                value: |r| Cell::count(r.meeting.paragraphs.len()),
            },
            Column {
                field: field(
                    "document_id",
                    Kind::Text,
                    "Protokollets dokument-id; tomt om okänt.",
                ),
                value: |r| Cell::optional(r.meeting.document_id.as_deref()),
            },
            Column {
                field: field("source", Kind::Text, "Källdokument och rad(er)."),
                value: |r| {
                    Cell::owned(
                        r.meeting
                            .source
                            .as_ref()
                            .map(SourceRef::label)
                            .unwrap_or_default(),
                    )
                },
            },
            Column {
                field: required("url", Kind::Url, "Sammanträdets sida på webbplatsen."),
                value: |r| {
                    let urls = r.context.urls;
                    Cell::owned(r.context.url(urls.meeting(&r.organ.slug, &r.meeting.date)))
                },
            },
        ];
        meeting_key().into_iter().chain(rest).collect()
    }
}

impl Row for ParagraphRow<'_> {
    fn columns() -> Vec<Column<Self>> {
        let rest: Vec<Column<Self>> = vec![
            Column {
                field: required("number", Kind::Integer, "Paragrafens nummer (§)."),
                value: |r| Cell::Integer(u64::from(r.paragraph.number)),
            },
            Column {
                field: required("title", Kind::Text, "Paragrafens rubrik."),
                value: |r| Cell::text(&r.paragraph.title),
            },
            Column {
                field: field(
                    "dnr",
                    Kind::Text,
                    "Diarienummer så som protokollet skriver dem (t.ex. 1351-2020, KS 2018/124), flera åtskilda med \"; \".",
                ),
                value: |r| Cell::owned(r.paragraph.dnr.join("; ")),
            },
            Column {
                field: field(
                    "decision_kind",
                    Kind::Enum(keyed::<DecisionKind>),
                    "Beslutets art; tomt om inget beslut är registrerat.",
                ),
                value: |r| Cell::key(r.paragraph.decision.as_ref().map(|d| d.kind)),
            },
            Column {
                field: field("decision", Kind::Text, "Beslutstexten."),
                value: |r| Cell::optional(r.paragraph.decision.as_ref().map(|d| d.text.trim())),
            },
            Column {
                field: count("reservations", "Antal reservationer."),
                value: |r| Cell::count(r.paragraph.reservations.len()),
            },
            Column {
                field: required(
                    "citation",
                    Kind::Text,
                    "Citeringsrad, t.ex. \"Regionstyrelsen 2020-10-14 § 172, dnr 1351-2020\".",
                ),
                value: |r| Cell::owned(citation(r.organ, &r.meeting.date, r.paragraph)),
            },
            Column {
                field: field("source", Kind::Text, "Källdokument och rad(er)."),
                value: |r| {
                    Cell::owned(
                        r.paragraph
                            .source
                            .as_ref()
                            .map(SourceRef::label)
                            .unwrap_or_default(),
                    )
                },
            },
            Column {
                field: required(
                    "url",
                    Kind::Url,
                    "Paragrafens permanenta sida på webbplatsen.",
                ),
                value: |r| {
                    let (urls, m) = (r.context.urls, r.meeting);
                    Cell::owned(r.context.url(urls.paragraph(
                        &r.organ.slug,
                        &m.date,
                        r.paragraph.number,
                    )))
                },
            },
        ];
        meeting_key().into_iter().chain(rest).collect()
    }
}

/// A row of a meeting's table, which both the meetings' and the paragraphs' tables open with
/// the meeting's key.
trait OfMeeting {
    fn organ(&self) -> &Organ;
    fn meeting(&self) -> &Meeting;
}

impl OfMeeting for MeetingRow<'_> {
    fn organ(&self) -> &Organ {
        self.organ
    }
    fn meeting(&self) -> &Meeting {
        self.meeting
    }
}

impl OfMeeting for ParagraphRow<'_> {
    fn organ(&self) -> &Organ {
        self.organ
    }
    fn meeting(&self) -> &Meeting {
        self.meeting
    }
}

/// The meeting's key: organ id, organ name and date.
fn meeting_key<R: OfMeeting>() -> Vec<Column<R>> {
    vec![
        Column {
            field: required("organ", Kind::Text, "Organets id (t.ex. rs)."),
            value: |r| Cell::text(&r.organ().id),
        },
        Column {
            field: required("organ_name", Kind::Text, "Organets namn."),
            value: |r| Cell::text(&r.organ().name),
        },
        Column {
            field: required("date", Kind::Date, "Sammanträdets datum."),
            value: |r| Cell::text(&r.meeting().date),
        },
    ]
}
