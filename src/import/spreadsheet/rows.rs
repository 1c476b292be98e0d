//! Interpreting a goal system's rows (one per measure, period and group) as perspectives →
//! goals (with their assessment per period) → success factors → measures → results. Every
//! cell that cannot be read is an error naming the sheet, the row, the column and the fix;
//! all of a sheet's errors are reported together.

use crate::content::RawOrgan;
use crate::import::legend::Legend;
use crate::import::measures::name_key;
use crate::import::profile::{PROFILE_FILE, Profile};
use crate::model::{
    Direction, Group, Keyed, MeasureKind, Period, Status, Trend, looks_numeric, parse_number,
};

use super::fills::Fill;
use super::mapping::{Columns, Field, Mapping};
use super::read::{Cell, Sheet};

/// What a sheet holds, in the order its rows first name each thing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub perspectives: Vec<SheetPerspective>,
    pub goals: Vec<SheetGoal>,
    /// The periods of the results, in order.
    pub periods: Vec<Period>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetPerspective {
    pub name: String,
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetGoal {
    pub title: String,
    /// Index in [`Imported::perspectives`].
    pub perspective: usize,
    pub assessments: Vec<SheetAssessment>,
    pub factors: Vec<SheetFactor>,
    pub first_row: usize,
    pub last_row: usize,
}

/// A goal's status in one period, with the comment that explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetAssessment {
    pub period: Period,
    pub status: Status,
    pub text: String,
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetFactor {
    pub title: String,
    pub measures: Vec<SheetMeasure>,
    pub first_row: usize,
    pub last_row: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetMeasure {
    pub name: String,
    pub kind: MeasureKind,
    /// Organ ids.
    pub organs: Vec<String>,
    pub unit: Option<String>,
    pub direction: Option<Direction>,
    pub results: Vec<SheetResult>,
    pub first_row: usize,
    pub last_row: usize,
}

/// One row's result: figures as text (a stored number with its exact value).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetResult {
    pub period: Period,
    pub group: Group,
    pub baseline: String,
    pub target: String,
    pub outcome: String,
    pub status: Option<Status>,
    pub trend: Option<Trend>,
    pub comment: String,
    pub row: usize,
}

impl Imported {
    pub fn factors(&self) -> impl Iterator<Item = &SheetFactor> {
        self.goals.iter().flat_map(|g| &g.factors)
    }

    pub fn measures(&self) -> impl Iterator<Item = &SheetMeasure> {
        self.factors().flat_map(|f| &f.measures)
    }
}

/// Reads the rows of `sheet` with the mapping's `columns`, the profile's legends and the
/// site's organs (id and record).
pub fn interpret(
    sheet: &Sheet,
    columns: &Columns,
    mapping: &Mapping,
    profile: &Profile,
    organs: &[(String, RawOrgan)],
) -> Result<Imported, Vec<String>> {
    let mut reader = RowReader {
        sheet,
        columns,
        mapping,
        profile,
        organs,
        out: Imported::default(),
        errors: Vec::new(),
    };
    for (row, cells) in &sheet.rows {
        reader.row(*row, cells);
    }
    let mut out = reader.out;
    out.periods.sort();
    if reader.errors.is_empty() {
        Ok(out)
    } else {
        Err(reader.errors)
    }
}

/// A row's cells read into values, before they are placed in the tree.
struct Values {
    perspective: String,
    goal: String,
    factor: String,
    measure: String,
    kind: MeasureKind,
    organs: Vec<String>,
    unit: Option<String>,
    direction: Option<Direction>,
    result: SheetResult,
    goal_status: Option<Status>,
    goal_comment: String,
}

struct RowReader<'a> {
    sheet: &'a Sheet,
    columns: &'a Columns,
    mapping: &'a Mapping,
    profile: &'a Profile,
    organs: &'a [(String, RawOrgan)],
    out: Imported,
    errors: Vec<String>,
}

impl RowReader<'_> {
    fn cell<'c>(&self, cells: &'c [Cell], field: Field) -> Option<&'c Cell> {
        let cell = cells.get(self.columns.index(field)?)?;
        (!cell.is_empty()).then_some(cell)
    }

    fn text(&self, cells: &[Cell], field: Field) -> String {
        self.cell(cells, field).map(Cell::text).unwrap_or_default()
    }

    /// `FILE, sheet "S", row N, column "C": message; fix`.
    fn error(&mut self, row: usize, field: Field, message: String, fix: String) {
        let place = self.sheet.place(row);
        let column = self.columns.heading(field);
        self.errors
            .push(format!("{place}, column \"{column}\": {message}; {fix}"));
    }

    fn warn(&mut self, row: usize, message: String) {
        let place = self.sheet.place(row);
        self.out.warnings.push(format!("{place}: {message}"));
    }

    fn row(&mut self, row: usize, cells: &[Cell]) {
        let before = self.errors.len();
        let values = self.values(row, cells);
        if let Some(values) = values
            && self.errors.len() == before
        {
            self.place(row, values);
        }
    }

    /// The row's values; every cell that cannot be read is an error (and `None` when the
    /// period is one of them).
    fn values(&mut self, row: usize, cells: &[Cell]) -> Option<Values> {
        for field in Field::REQUIRED {
            if self.cell(cells, field).is_none() {
                let what = field.key();
                self.error(
                    row,
                    field,
                    format!("a row without a {what}"),
                    format!(
                        "write the {what} on every row (fill merged cells down), or delete the row"
                    ),
                );
            }
        }
        let (mapping, profile) = (self.mapping, self.profile);
        let period = self.period(row, cells);
        let kind = self
            .decode(row, cells, Field::Kind, &mapping.kinds, "kinds")
            .unwrap_or(MeasureKind::Styrmatt);
        let group = self
            .decode(row, cells, Field::Group, &mapping.groups, "groups")
            .unwrap_or(Group::Total);
        let direction = self.decode(
            row,
            cells,
            Field::Direction,
            &mapping.directions,
            "directions",
        );
        // Bedöms ej, which both share, last: the hint's example is the first.
        let statuses = |activity: bool| -> Vec<&'static str> {
            let mut keys: Vec<Status> = Status::ALL
                .iter()
                .copied()
                .filter(|s| s.is_activity_status() == activity || *s == Status::BedomsEj)
                .collect();
            keys.sort_by_key(|s| *s == Status::BedomsEj);
            keys.into_iter().map(Status::key).collect()
        };
        let (activity_keys, status_keys) = (statuses(true), statuses(false));
        let measure_legend = if kind == MeasureKind::Aktivitet {
            (
                &profile.activity_statuses,
                "activity_statuses",
                &activity_keys[..],
            )
        } else {
            (&profile.statuses, "statuses", &status_keys[..])
        };
        let status = self.status(row, cells, Field::Status, measure_legend);
        let goal_legend = (&profile.statuses, "statuses", &status_keys[..]);
        let goal_status = self.status(row, cells, Field::GoalStatus, goal_legend);
        let trend_keys = Trend::keys();
        let trend_legend = (&profile.trends, "trends", &trend_keys[..]);
        let trend = self.status(row, cells, Field::Trend, trend_legend);
        let goal = self.text(cells, Field::Goal);
        // Without a factor column, a goal's measures are under one factor named as the goal.
        let factor = if self.columns.has(Field::Factor) {
            self.text(cells, Field::Factor)
        } else {
            goal.clone()
        };
        if factor.is_empty() && self.columns.has(Field::Factor) {
            self.error(
                row,
                Field::Factor,
                "a row without a success factor".into(),
                "write the success factor on every row (fill merged cells down), or delete the row"
                    .into(),
            );
        }
        let baseline = self.figure(row, cells, Field::Baseline, true);
        let target = self.figure(row, cells, Field::Target, false);
        let outcome = self.figure(row, cells, Field::Outcome, false);
        let organs = self.organs(row, cells);
        let result = SheetResult {
            period: period?,
            group,
            baseline,
            target,
            outcome,
            status,
            trend,
            comment: self.text(cells, Field::Comment),
            row,
        };
        Some(Values {
            perspective: self.text(cells, Field::Perspective),
            goal,
            factor,
            measure: self.text(cells, Field::Measure),
            kind,
            organs,
            unit: Some(self.text(cells, Field::Unit)).filter(|u| !u.is_empty()),
            direction,
            result,
            goal_status,
            goal_comment: self.text(cells, Field::GoalComment),
        })
    }

    /// A year (`2024`, also stored as a number) or a year and month (`2024-08`).
    fn period(&mut self, row: usize, cells: &[Cell]) -> Option<Period> {
        let cell = self.cell(cells, Field::Period)?;
        let period = match cell {
            Cell::Number(v) if v.fract() == 0.0 => Period::parse(&format!("{v}")),
            Cell::Text(t) => Period::parse(t.trim()),
            _ => None,
        };
        if period.is_none() {
            let what = match cell {
                Cell::Other { what, .. } => format!(" ({what})"),
                _ => String::new(),
            };
            self.error(
                row,
                Field::Period,
                format!("`{}`{what} is neither a year nor a year and month", cell.text()),
                "write the period as text, e.g. 2024 for a year or 2024-08 for a report per August 2024"
                    .into(),
            );
        }
        if let Some(p) = period
            && !self.out.periods.contains(&p)
        {
            self.out.periods.push(p);
        }
        period
    }

    /// A value of one of the site's enumerations, written with the mapping's words for it.
    fn decode<T: Keyed + PartialEq + std::fmt::Debug>(
        &mut self,
        row: usize,
        cells: &[Cell],
        field: Field,
        legend: &Legend<T>,
        table: &str,
    ) -> Option<T> {
        let cell = self.cell(cells, field)?.text();
        let value = legend.decode_or_own(&cell);
        if value.is_none() {
            let path = self.mapping.path.display().to_string();
            self.error(
                row,
                field,
                format!("`{cell}` is not in the mapping's [{table}]"),
                format!(
                    "add it in {path}, e.g. [{table}] {} = [\"{cell}\"]; the values are: {}",
                    T::ALL[0].key(),
                    T::keys().join(", ")
                ),
            );
        }
        value
    }

    /// A status or trend, written with the import profile's legend `table`, whose values are
    /// `keys`.
    fn status<T: Keyed + PartialEq + std::fmt::Debug>(
        &mut self,
        row: usize,
        cells: &[Cell],
        field: Field,
        (legend, table, keys): (&Legend<T>, &str, &[&str]),
    ) -> Option<T> {
        let Some(cell) = self.cell(cells, field) else {
            return self.fill_status(row, field, (legend, table, keys));
        };
        let cell = cell.text();
        // A label of the site's own, such as `Slutförd`, only for what it is the status of.
        let value = legend
            .decode_or_own(&cell)
            .filter(|v| keys.contains(&v.key()));
        if value.is_none() {
            self.error(
                row,
                field,
                format!("`{cell}` is not in the status map"),
                format!(
                    "add it to [{table}] in content/_import/{PROFILE_FILE} under the value it means, e.g. {} = [\"{cell}\"] (the values are: {})",
                    keys[0],
                    keys.join(", ")
                ),
            );
        }
        value
    }

    /// The status an empty cell gives by its fill colour (`#00B050` in the status map), as
    /// goal systems export red, yellow and green cells without text. White is no status.
    fn fill_status<T: Keyed + PartialEq + std::fmt::Debug>(
        &mut self,
        row: usize,
        field: Field,
        (legend, table, keys): (&Legend<T>, &str, &[&str]),
    ) -> Option<T> {
        if field == Field::Trend {
            return None;
        }
        let fill = self.sheet.fills.get(&(row, self.columns.index(field)?))?;
        let (problem, fix) = match fill {
            Fill::Rgb(hex) if hex == "#FFFFFF" => return None,
            Fill::Rgb(hex) => {
                let value = legend.decode(hex).filter(|v| keys.contains(&v.key()));
                if value.is_some() {
                    return value;
                }
                (
                    format!("the cell's fill colour {hex} is not in the status map"),
                    format!(
                        "add the colour to [{table}] in content/_import/{PROFILE_FILE} under the value it means, e.g. {} = [\"{hex}\"] (the values are: {})",
                        keys[0],
                        keys.join(", ")
                    ),
                )
            }
            Fill::Other(what) => (
                format!("the cell's fill is a {what}, which the status map cannot name"),
                "give the status cells colours of their own (RGB, e.g. #00B050) in the goal system's export, or write the status as text".into(),
            ),
        };
        self.error(row, field, problem, fix);
        None
    }

    /// A figure's text. A stored number keeps its exact value; text that is meant as a number
    /// must read as a Swedish one (`18 464`, `12,3`); a baseline (`number`) must be one.
    fn figure(&mut self, row: usize, cells: &[Cell], field: Field, number: bool) -> String {
        let Some(cell) = self.cell(cells, field) else {
            return String::new();
        };
        let text = cell.text();
        let problem = match cell {
            Cell::Number(_) => None,
            Cell::Other { what, .. } => Some(format!("`{text}` ({what}) is not a number")),
            _ if number || looks_numeric(&text) => parse_number(&text).err().map(|e| e.0),
            _ => None,
        };
        if let Some(problem) = problem {
            self.error(
                row,
                field,
                problem,
                "write the number as the spreadsheet's number, or as text with a decimal comma (12,3) and spaces between thousands (18 464)".into(),
            );
        }
        text
    }

    /// The organ ids of the organ cell: names or abbreviations of `content/organ/`, separated
    /// by `,` or `;`.
    fn organs(&mut self, row: usize, cells: &[Cell]) -> Vec<String> {
        let text = self.text(cells, Field::Organ);
        let mut ids = Vec::new();
        for part in text
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let key = name_key(part);
            let found = self.organs.iter().find(|(id, o)| {
                *id == part || name_key(o.name.get_ref()) == key || name_key(&o.abbreviation) == key
            });
            match found {
                Some((id, _)) if !ids.contains(id) => ids.push(id.clone()),
                Some(_) => {}
                None => {
                    let known: Vec<&str> = self
                        .organs
                        .iter()
                        .map(|(_, o)| o.abbreviation.as_str())
                        .collect();
                    self.error(
                        row,
                        Field::Organ,
                        format!("no organ is called `{part}`"),
                        format!(
                            "write the name or abbreviation of an organ in content/organ/ ({}), or add the organ there",
                            if known.is_empty() { "none yet".into() } else { known.join(", ") }
                        ),
                    );
                }
            }
        }
        ids
    }

    /// Places a row's values: the perspective, goal, factor and measure it names (new ones in
    /// order of appearance), the goal's assessment and the measure's result.
    fn place(&mut self, row: usize, v: Values) {
        let perspective = match self
            .out
            .perspectives
            .iter()
            .position(|p| name_key(&p.name) == name_key(&v.perspective))
        {
            Some(i) => i,
            None => {
                self.out.perspectives.push(SheetPerspective {
                    name: v.perspective.clone(),
                    row,
                });
                self.out.perspectives.len() - 1
            }
        };
        let g =
            match self.out.goals.iter().position(|g| {
                g.perspective == perspective && name_key(&g.title) == name_key(&v.goal)
            }) {
                Some(i) => i,
                None => {
                    self.out.goals.push(SheetGoal {
                        title: v.goal.clone(),
                        perspective,
                        assessments: Vec::new(),
                        factors: Vec::new(),
                        first_row: row,
                        last_row: row,
                    });
                    self.out.goals.len() - 1
                }
            };
        self.out.goals[g].last_row = row;
        self.assess(g, row, &v);
        let goal = &mut self.out.goals[g];
        let f = match goal
            .factors
            .iter()
            .position(|f| name_key(&f.title) == name_key(&v.factor))
        {
            Some(i) => i,
            None => {
                goal.factors.push(SheetFactor {
                    title: v.factor.clone(),
                    measures: Vec::new(),
                    first_row: row,
                    last_row: row,
                });
                goal.factors.len() - 1
            }
        };
        let factor = &mut goal.factors[f];
        factor.last_row = row;
        let m = match factor
            .measures
            .iter()
            .position(|m| name_key(&m.name) == name_key(&v.measure))
        {
            Some(i) => i,
            None => {
                factor.measures.push(SheetMeasure {
                    name: v.measure.clone(),
                    kind: v.kind,
                    organs: v.organs.clone(),
                    unit: v.unit.clone(),
                    direction: v.direction,
                    results: Vec::new(),
                    first_row: row,
                    last_row: row,
                });
                factor.measures.len() - 1
            }
        };
        let measure = &mut factor.measures[m];
        measure.last_row = row;
        let mut warnings = Vec::new();
        let first = measure.first_row;
        let mut differs = |what: &str, here: String, there: String| {
            if here != there {
                warnings.push(format!(
                    "the measure \"{}\" has {what} {here} here but {there} on row {first}; the first is used",
                    measure.name
                ));
            }
        };
        differs(
            "kind",
            format!("`{}`", v.kind.key()),
            format!("`{}`", measure.kind.key()),
        );
        let quoted = |t: Option<&str>| t.map_or("none".to_string(), |t| format!("\"{t}\""));
        if v.unit.is_some() {
            differs(
                "unit",
                quoted(v.unit.as_deref()),
                quoted(measure.unit.as_deref()),
            );
        }
        if v.direction.is_some() {
            differs(
                "direction",
                quoted(v.direction.map(Direction::key)),
                quoted(measure.direction.map(Direction::key)),
            );
        }
        if !v.organs.is_empty() {
            differs("organs", v.organs.join(", "), measure.organs.join(", "));
        }
        let duplicate = measure
            .results
            .iter()
            .find(|r| r.period == v.result.period && r.group == v.result.group)
            .map(|r| r.row);
        let result = v.result;
        if duplicate.is_none() {
            measure.results.push(result.clone());
        }
        for w in warnings {
            self.warn(row, w);
        }
        if let Some(first) = duplicate {
            self.error(
                row,
                Field::Measure,
                format!(
                    "a second row for \"{}\", period {} and group {} (the first is row {first})",
                    v.measure,
                    result.period.key(),
                    result.group.key()
                ),
                "keep one row per measure, period and group".into(),
            );
        }
    }

    /// The goal's status in the row's period, when the row gives one; rows of one goal and
    /// period must agree.
    fn assess(&mut self, g: usize, row: usize, v: &Values) {
        let period = v.result.period;
        let existing = self.out.goals[g]
            .assessments
            .iter()
            .position(|a| a.period == period);
        match (v.goal_status, existing) {
            (Some(status), None) => self.out.goals[g].assessments.push(SheetAssessment {
                period,
                status,
                text: v.goal_comment.clone(),
                row,
            }),
            (Some(status), Some(i)) if self.out.goals[g].assessments[i].status != status => {
                let first = self.out.goals[g].assessments[i].row;
                let title = self.out.goals[g].title.clone();
                self.error(
                    row,
                    Field::GoalStatus,
                    format!(
                        "the goal \"{title}\" has another status for {} on row {first}",
                        period.key()
                    ),
                    "give the goal one status per period on all its rows".into(),
                );
            }
            (Some(_), Some(i)) => {
                let a = &mut self.out.goals[g].assessments[i];
                if a.text.is_empty() {
                    a.text = v.goal_comment.clone();
                }
            }
            (None, _) if !v.goal_comment.is_empty() && existing.is_none() => {
                self.warn(
                    row,
                    "a goal comment without a goal status is not imported; give the goal a status"
                        .into(),
                );
            }
            (None, _) => {}
        }
    }
}
