//! The domain model: organs, plans, goals, measures, reports, meetings and their paragraphs.
//!
//! Plain data, linked by ids and already validated; no I/O and no HTML. The loader builds it
//! from `content/`, the renderer reads it.

#[macro_use]
pub mod keyed;
pub mod dnr;
pub mod number;
pub mod status;

use std::collections::BTreeMap;

pub use dnr::{DiaryForm, DiaryForms, Mention, dnr_problem, is_valid_dnr};
pub use keyed::Keyed;
pub use number::{Number, NumberError, format_swedish, looks_numeric, parse_number};
pub use status::{Assessed, Direction, Level, Shape, Status, StatusSource, Trend, compute_status};

/// The whole validated site content.
#[derive(Debug, Default)]
pub struct Site {
    pub organs: BTreeMap<String, Organ>,
    pub parties: BTreeMap<String, Party>,
    pub persons: BTreeMap<String, Person>,
    /// Plans in chronological order (by start year).
    pub plans: Vec<Plan>,
    pub measures: BTreeMap<String, Measure>,
    pub reports: BTreeMap<String, Report>,
    /// Meetings in chronological order.
    pub meetings: Vec<Meeting>,
    pub pages: BTreeMap<String, Page>,
}

impl Site {
    /// "Glenn Berggård (V)" as the minutes write it.
    pub fn person_label(&self, id: &str) -> String {
        let Some(person) = self.persons.get(id) else {
            return id.to_string();
        };
        match person.party.as_ref().and_then(|p| self.parties.get(p)) {
            Some(party) => format!("{} ({})", person.name, party.abbreviation),
            None => person.name.clone(),
        }
    }

    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    pub fn goal(&self, goal: &GoalRef) -> Option<&Goal> {
        self.plan(&goal.plan)?
            .goals
            .iter()
            .find(|g| g.id == goal.goal)
    }

    /// The plan in force: the one that starts last.
    pub fn current_plan(&self) -> Option<&Plan> {
        self.plans.last()
    }
}

/// A line range in a source document, so every figure can be traced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub file: String,
    pub lines: Option<(usize, usize)>,
}

impl SourceRef {
    /// Parses `FILE`, `FILE:LINE` or `FILE:FIRST-LAST`. A workbook's FILE names its sheet
    /// after `#`, and its lines are the sheet's rows (`mal.xlsx#Mål och mått:12`); only the
    /// sheet's name may hold spaces.
    pub fn parse(text: &str) -> Option<SourceRef> {
        let text = text.trim();
        let (file, lines) = match text.rsplit_once(':') {
            Some((file, range)) => {
                let (first, last) = range.split_once('-').unwrap_or((range, range));
                let first: usize = first.trim().parse().ok()?;
                let last: usize = last.trim().parse().ok()?;
                if first == 0 || last < first {
                    return None;
                }
                (file, Some((first, last)))
            }
            None => (text, None),
        };
        let (name, sheet) = file.split_once('#').unwrap_or((file, "x"));
        if name.is_empty() || name.contains(char::is_whitespace) || sheet.trim().is_empty() {
            return None;
        }
        Some(SourceRef {
            file: file.to_string(),
            lines,
        })
    }

    /// Swedish description, e.g. `000_dd11.txt, rad 180–200` or `mal.xlsx, blad Mått, rad 12`.
    pub fn label(&self) -> String {
        let file = match self.file.split_once('#') {
            Some((file, sheet)) => format!("{file}, blad {sheet}"),
            None => self.file.clone(),
        };
        match self.lines {
            Some((a, b)) if a == b => format!("{file}, rad {a}"),
            Some((a, b)) => format!("{file}, rad {a}–{b}"),
            None => file,
        }
    }
}

/// Where a text of the content lives, so later checks can point at a file and line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The content file, relative to the site root (`content/rapporter/x.md`).
    pub file: String,
    /// The 1-based line on which the Markdown body starts.
    pub body_line: usize,
    /// The front matter's TOML, to find the line of a text written there.
    pub front_matter: String,
}

impl Origin {
    /// The line of the file on which `needle` first occurs in the front matter (line 1 if not found).
    pub fn front_matter_line(&self, needle: &str) -> usize {
        self.front_matter
            .find(needle)
            .map_or(1, |i| 2 + self.front_matter[..i].matches('\n').count())
    }
}

/// A reporting period: a year, or a year and the month a report runs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub year: u16,
    pub month: Option<u8>,
}

/// Swedish month names, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

impl Period {
    /// Parses `YYYY` or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Period> {
        let (year, month) = match text.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (text, None),
        };
        if year.len() != 4 {
            return None;
        }
        let year: u16 = year.parse().ok()?;
        let month = match month {
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
            None => None,
        };
        Some(Period { year, month })
    }

    /// `2020` or `april 2022`.
    pub fn label(&self) -> String {
        match self.month {
            Some(m) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            None => self.year.to_string(),
        }
    }

    pub fn key(&self) -> String {
        match self.month {
            Some(m) => format!("{}-{m:02}", self.year),
            None => self.year.to_string(),
        }
    }
}

/// Swedish long date: `14 oktober 2020`, from `YYYY-MM-DD`.
pub fn long_date(date: &str) -> String {
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_string();
    };
    match (m.parse::<usize>(), d.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => date.to_string(),
    }
}

/// Whether `date` is a real calendar date written `YYYY-MM-DD`.
pub fn is_valid_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        date[0..4].parse::<u32>(),
        date[5..7].parse::<u32>(),
        date[8..10].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A political body (organ), e.g. Regionstyrelsen.
#[derive(Debug, Clone)]
pub struct Organ {
    pub id: String,
    pub name: String,
    pub abbreviation: String,
    /// URL segment, derived from the name.
    pub slug: String,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub abbreviation: String,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub party: Option<String>,
}

/// A strategic plan for a period, with its perspectives, goals and political assignments.
#[derive(Debug, Clone)]
pub struct Plan {
    pub id: String,
    pub title: String,
    pub start: u16,
    pub end: u16,
    pub vision: Option<String>,
    pub document: Option<String>,
    pub perspectives: Vec<Perspective>,
    pub assignments: Vec<Assignment>,
    /// Goals in plan order.
    pub goals: Vec<Goal>,
    pub intro: String,
    pub source: Option<SourceRef>,
}

impl Plan {
    pub fn covers(&self, period: Period) -> bool {
        (self.start..=self.end).contains(&period.year)
    }
}

#[derive(Debug, Clone)]
pub struct Perspective {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A political assignment (uppdrag) of a plan.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub text: String,
    pub organs: Vec<String>,
    pub goal: Option<String>,
    pub source: Option<SourceRef>,
}

/// Identifies a goal across plans.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoalRef {
    pub plan: String,
    pub goal: String,
}

/// A strategic goal (strategiskt mål) of a plan.
#[derive(Debug, Clone)]
pub struct Goal {
    pub id: String,
    pub plan: String,
    pub title: String,
    pub perspective: String,
    pub order: u32,
    pub organs: Vec<String>,
    pub aliases: Vec<String>,
    pub predecessor: Option<GoalRef>,
    pub assessments: Vec<GoalAssessment>,
    pub factors: Vec<Factor>,
    pub body: String,
    pub source: Option<SourceRef>,
    pub origin: Origin,
}

impl Goal {
    pub fn goal_ref(&self) -> GoalRef {
        GoalRef {
            plan: self.plan.clone(),
            goal: self.id.clone(),
        }
    }
}

/// A goal's overall assessment in one report.
#[derive(Debug, Clone)]
pub struct GoalAssessment {
    pub report: String,
    pub period: Period,
    pub status: Assessed,
    pub text: String,
    pub source: Option<SourceRef>,
}

/// A success factor (framgångsfaktor) under a goal, followed up by measures.
#[derive(Debug, Clone)]
pub struct Factor {
    pub id: String,
    pub title: String,
    pub organs: Vec<String>,
    pub measures: Vec<String>,
    /// Sections of reports that tell how the work on the factor went.
    pub narratives: Vec<SectionRef>,
    pub source: Option<SourceRef>,
}

/// A section of a report's text, by the anchor of its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRef {
    pub report: String,
    pub anchor: String,
}

keyed_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum MeasureKind {
        Styrmatt = ("styrmatt", "Styrmått"),
        Kontrollmatt = ("kontrollmatt", "Kontrollmått"),
        Aktivitet = ("aktivitet", "Aktivitet"),
    }
}

/// A measure (mått) with its whole result history.
#[derive(Debug, Clone)]
pub struct Measure {
    pub id: String,
    pub name: String,
    pub kind: MeasureKind,
    pub organs: Vec<String>,
    pub unit: Option<String>,
    pub direction: Option<Direction>,
    pub by_sex: bool,
    pub aliases: Vec<String>,
    pub definition: String,
    /// Results ordered by period, then group (totalt, kvinnor, män).
    pub results: Vec<MeasureResult>,
    pub source: Option<SourceRef>,
}

keyed_enum! {
    /// A result's group; results CSVs may leave the column empty for the total.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Group {
        Total = ("totalt", "Totalt"),
        Women = ("kvinnor", "Kvinnor"),
        Men = ("man", "Män"),
    }
}

/// A figure as the source writes it, and its value when it is a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub raw: String,
    pub value: Option<Number>,
}

/// One result of a measure: a report period and a group (total, women or men).
#[derive(Debug, Clone)]
pub struct MeasureResult {
    pub report: String,
    pub period: Period,
    pub group: Group,
    pub baseline: Option<Number>,
    pub target: Figure,
    pub outcome: Figure,
    pub status: Option<Assessed>,
    pub trend: Option<Trend>,
    pub comment: String,
    pub source: Option<SourceRef>,
}

keyed_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ReportKind {
        Arsredovisning = ("arsredovisning", "Årsredovisning"),
        Delarsrapport = ("delarsrapport", "Delårsrapport"),
        Manadsrapport = ("manadsrapport", "Månadsrapport"),
        Plan = ("plan", "Plan"),
        Ovrigt = ("ovrigt", "Dokument"),
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub id: String,
    pub title: String,
    pub kind: ReportKind,
    pub period: Period,
    pub date: Option<String>,
    pub document_id: Option<String>,
    pub version: Option<String>,
    pub organ: Option<String>,
    pub key_figures: Vec<KeyFigure>,
    /// Data tables, shown where the body says `{{ tabell: <id> }}` or else after the body.
    pub tables: Vec<DataTable>,
    pub body: String,
    pub source: Option<SourceRef>,
    pub origin: Origin,
}

/// A table of a report as data: the first `header_rows` rows are column headers, the first
/// cell of every other row is its row header. Cells are text exactly as the source has them.
#[derive(Debug, Clone)]
pub struct DataTable {
    pub id: String,
    pub caption: String,
    pub header_rows: usize,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
    pub source: Option<SourceRef>,
}

#[derive(Debug, Clone)]
pub struct KeyFigure {
    pub label: String,
    pub value: Figure,
    pub unit: Option<String>,
    pub source: Option<SourceRef>,
}

/// A meeting (sammanträde) of an organ on a date.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub organ: String,
    pub date: String,
    pub place: Option<String>,
    pub time: Option<String>,
    pub document_id: Option<String>,
    pub body: String,
    /// Paragraphs in number order.
    pub paragraphs: Vec<Paragraph>,
    pub source: Option<SourceRef>,
}

keyed_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DecisionKind {
        Final = ("beslut", "Beslut"),
        Proposal = ("forslag", "Förslag till fullmäktige"),
        Noted = ("anmalan", "Anmälan, läggs till handlingarna"),
        Consultation = ("yttrande", "Yttrande"),
    }
}

#[derive(Debug, Clone)]
pub struct Decision {
    pub kind: DecisionKind,
    pub text: String,
}

/// Something said or done by persons (or by a role such as the chair) in a paragraph:
/// a proposal, a reservation, a protocol note or a recusal.
#[derive(Debug, Clone)]
pub struct Statement {
    pub persons: Vec<String>,
    pub parties: Vec<String>,
    pub role: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Votes {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

/// A step of the decision procedure (beslutsgång), with the vote if there was one.
#[derive(Debug, Clone)]
pub struct Step {
    pub text: String,
    pub votes: Option<Votes>,
}

keyed_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ReferenceKind {
        Protocol = ("protokoll", "Protokoll"),
        Dnr = ("dnr", "Ärende"),
        Law = ("lag", "Lag"),
        Sou = ("sou", "SOU"),
        Ds = ("ds", "Ds"),
        Other = ("ovrigt", "Övrigt"),
    }
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub kind: ReferenceKind,
    pub text: String,
}

/// A paragraph (§) of the minutes.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub number: u32,
    pub title: String,
    pub dnr: Vec<String>,
    pub decision: Option<Decision>,
    pub proposals: Vec<Statement>,
    pub steps: Vec<Step>,
    pub reservations: Vec<Statement>,
    pub notes: Vec<Statement>,
    pub recusals: Vec<Statement>,
    pub attachments: Vec<String>,
    pub distribution: Vec<String>,
    pub references: Vec<Reference>,
    pub body: String,
    pub source: Option<SourceRef>,
    pub origin: Origin,
    /// The § as its content file writes it. Fields the site shows as written reach the §
    /// page's template from here (`front.<field>`), so such a field is declared only in
    /// the content schema.
    pub front: std::sync::Arc<crate::content::Doc<crate::content::RawParagraph>>,
}

#[cfg(test)]
impl Paragraph {
    /// A § of `file` with a number, title, diary numbers and body and nothing else, for tests.
    pub(crate) fn for_test(
        number: u32,
        title: &str,
        dnr: &[&str],
        body: &str,
        file: String,
    ) -> Self {
        use crate::content::{Doc, Loc, RawParagraph};
        let source = std::sync::Arc::new(crate::diagnostics::SourceText::new(file.clone(), ""));
        Paragraph {
            number,
            title: title.into(),
            dnr: dnr.iter().map(|d| d.to_string()).collect(),
            decision: None,
            proposals: vec![],
            steps: vec![],
            reservations: vec![],
            notes: vec![],
            recusals: vec![],
            attachments: vec![],
            distribution: vec![],
            references: vec![],
            body: body.into(),
            source: None,
            origin: Origin {
                file,
                body_line: 1,
                front_matter: String::new(),
            },
            front: std::sync::Arc::new(Doc {
                id: number.to_string(),
                loc: Loc { source, base: 0 },
                data: RawParagraph::new(number, title.into()),
                body: body.into(),
            }),
        }
    }
}

/// A free page such as "Om webbplatsen".
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub title: String,
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_order() {
        let a = Period::parse("2020").unwrap();
        let b = Period::parse("2022-04").unwrap();
        assert!(a < b);
        assert_eq!(b.label(), "april 2022");
        assert_eq!(a.label(), "2020");
        assert_eq!(Period::parse("2022-13"), None);
        assert_eq!(Period::parse("22"), None);
    }

    #[test]
    fn source_refs_parse() {
        let s = SourceRef::parse("004_8b.txt:20-47").unwrap();
        assert_eq!(s.lines, Some((20, 47)));
        assert_eq!(s.label(), "004_8b.txt, rad 20–47");
        assert_eq!(SourceRef::parse("a.txt:5").unwrap().label(), "a.txt, rad 5");
        assert!(SourceRef::parse("a.txt:9-3").is_none());
        assert!(SourceRef::parse("a b.txt:3").is_none());
        let sheet = SourceRef::parse("mal.xlsx#Mål och mått:12").unwrap();
        assert_eq!(sheet.lines, Some((12, 12)));
        assert_eq!(sheet.label(), "mal.xlsx, blad Mål och mått, rad 12");
        assert!(SourceRef::parse("mal.xlsx#:12").is_none());
        assert!(SourceRef::parse("mal .xlsx#Blad1:12").is_none());
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_valid_date("2020-10-14"));
        assert!(!is_valid_date("2020-02-30"));
        assert_eq!(long_date("2020-10-14"), "14 oktober 2020");
    }
}
