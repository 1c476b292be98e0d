//! Raw front matter records as written in content files, before ids are resolved.
//! Values that refer to other entities or name enumerated values keep their spans so that
//! `link` can point at them.
//!
//! Every record is also what the importers write (they
//! derive `Serialize`): their field order is the order content files list the keys in, and
//! optional keys that are absent stay unwritten, so each entity's fields are declared once.
//! `Spanned` values serialize as their inner value.

use serde::{Deserialize, Serialize};
use toml::Spanned;

pub type Text = Spanned<String>;

/// A value an importer writes: it has no place in a file yet, and a `Spanned` serializes as
/// its value alone.
pub fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

/// The columns a measure's results CSV may have.
pub const RESULT_COLUMNS: [&str; 11] = [
    "report",
    "group",
    "baseline",
    "target",
    "target_value",
    "outcome",
    "status",
    "status_source",
    "trend",
    "comment",
    "source",
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrgan {
    /// The organ's URL is made from its name.
    pub name: Text,
    pub abbreviation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub name: String,
    pub abbreviation: String,
    /// Other ways minutes write the abbreviation (`fp`), matched in any case by the minutes
    /// importer; none may be another party's abbreviation or spelling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spellings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub title: String,
    pub start: Spanned<u16>,
    pub end: Spanned<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub perspectives: Vec<RawPerspective>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<RawAssignment>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerspective {
    pub id: Text,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssignment {
    pub text: String,
    #[serde(default)]
    pub organs: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    pub title: String,
    pub perspective: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<u32>,
    #[serde(default)]
    pub organs: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predecessor: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<RawAssessment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<RawFactor>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub report: Text,
    pub status: Text,
    pub status_source: Text,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFactor {
    pub id: Text,
    pub title: String,
    #[serde(default)]
    pub organs: Vec<Text>,
    #[serde(default)]
    pub measures: Vec<Text>,
    /// Sections of reports that tell how the work on the factor went, as
    /// `<report>#<anchor of a heading in its text>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narratives: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    pub name: String,
    pub kind: Text,
    #[serde(default)]
    pub organs: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Text>,
    #[serde(default)]
    pub by_sex: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A figure written either as text (`"18 464"`) or as a TOML number.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum RawFigure {
    Text(String),
    Integer(i64),
    Float(f64),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: String,
    pub kind: Text,
    pub period: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Spanned<toml::value::Datetime>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organ: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_figures: Vec<RawKeyFigure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<RawTable>,
}

/// A data table of a report; its cells are in `content/rapporter/<report>/<id>.csv`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    pub id: Text,
    pub caption: String,
    /// How many CSV rows are column headers (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_rows: Option<Spanned<usize>>,
    /// A remark shown under the table, e.g. where the source contradicts itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyFigure {
    pub label: String,
    pub value: Spanned<RawFigure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A paragraph (§). The lists before `source` are written even when empty, as the README's
/// example shows them; tables (decision, statements, …) follow the plain values.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParagraph {
    pub number: Spanned<u32>,
    pub title: String,
    #[serde(default)]
    pub dnr: Vec<Text>,
    #[serde(default)]
    pub attachments: Vec<String>,
    #[serde(default)]
    pub distribution: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<RawDecision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<RawStatement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<RawStep>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reservations: Vec<RawStatement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<RawStatement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recusals: Vec<RawStatement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<RawReference>,
    /// That the § holds information under secrecy, as the minutes say it (e.g. "Sekretess
    /// enligt 25 kap. 1 § offentlighets- och sekretesslagen"); shown on the § page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<String>,
}

impl RawParagraph {
    /// A § with its number and title and nothing else yet, as an importer starts one.
    pub fn new(number: u32, title: String) -> Self {
        RawParagraph {
            number: unspanned(number),
            title,
            dnr: Vec::new(),
            attachments: Vec::new(),
            distribution: Vec::new(),
            source: None,
            decision: None,
            proposals: Vec::new(),
            steps: Vec::new(),
            reservations: Vec::new(),
            notes: Vec::new(),
            recusals: Vec::new(),
            references: Vec::new(),
            secrecy: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    pub kind: Text,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A proposal, reservation, protocol note or recusal: who, and what the minutes say.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatement {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persons: Vec<Text>,
    /// For statements made by a party group rather than named persons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Text>,
    /// A role instead of a person (`Ordföranden`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A decision step (beslutsgång), with its vote count when there was a vote.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub votes: Option<RawVotes>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawVotes {
    pub ja: u32,
    pub nej: u32,
    #[serde(default)]
    pub avstar: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    pub kind: Text,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    pub source: Option<Text>,
}
