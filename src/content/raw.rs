//! Raw front matter records as written in content files, before ids are resolved.
//! Values that refer to other entities or name enumerated values keep their spans so that
//! `link` can point at them. The importers write the same records (`Serialize`), so each
//! entity's fields are declared once; field order is the order of the written front matter.

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
    pub name: String,
    pub abbreviation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub name: String,
    pub abbreviation: String,
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub title: String,
    pub start: Spanned<u16>,
    pub end: Spanned<u16>,
    pub vision: Option<String>,
    pub document: Option<Text>,
    pub source: Option<Text>,
    #[serde(default)]
    pub perspectives: Vec<RawPerspective>,
    #[serde(default)]
    pub assignments: Vec<RawAssignment>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerspective {
    pub id: Text,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssignment {
    pub text: String,
    #[serde(default)]
    pub organs: Vec<Text>,
    pub goal: Option<Text>,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    pub title: String,
    pub perspective: Text,
    pub order: Option<u32>,
    #[serde(default)]
    pub organs: Vec<Text>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub predecessor: Option<Text>,
    pub source: Option<Text>,
    #[serde(default)]
    pub assessments: Vec<RawAssessment>,
    #[serde(default)]
    pub factors: Vec<RawFactor>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub report: Text,
    pub status: Text,
    pub status_source: Text,
    #[serde(default)]
    pub text: String,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFactor {
    pub id: Text,
    pub title: String,
    #[serde(default)]
    pub organs: Vec<Text>,
    #[serde(default)]
    pub measures: Vec<Text>,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    pub name: String,
    pub kind: Text,
    #[serde(default)]
    pub organs: Vec<Text>,
    pub unit: Option<String>,
    pub direction: Option<Text>,
    #[serde(default)]
    pub by_sex: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub source: Option<Text>,
}

/// A figure written either as text (`"18 464"`) or as a TOML number.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawFigure {
    Text(String),
    Integer(i64),
    Float(f64),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: String,
    pub kind: Text,
    pub period: Text,
    pub date: Option<Spanned<toml::value::Datetime>>,
    pub document_id: Option<String>,
    pub version: Option<String>,
    pub organ: Option<Text>,
    pub source: Option<Text>,
    #[serde(default)]
    pub key_figures: Vec<RawKeyFigure>,
    #[serde(default)]
    pub tables: Vec<RawTable>,
}

/// A data table of a report; its cells are in `content/rapporter/<report>/<id>.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    pub id: Text,
    pub caption: String,
    /// How many CSV rows are column headers (default 1).
    pub header_rows: Option<Spanned<usize>>,
    /// A remark shown under the table, e.g. where the source contradicts itself.
    pub note: Option<String>,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyFigure {
    pub label: String,
    pub value: Spanned<RawFigure>,
    pub unit: Option<String>,
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
