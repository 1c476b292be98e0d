//! The column mapping (`content/_import/spreadsheet-profile.toml`, or the file `--map`
//! names): which sheet and header row to read, which column holds which field, and the words
//! the export writes for groups, directions and kinds of measure. Statuses and trends are
//! decoded with the import profile's legends, which every importer shares.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::read::Sheet;
use crate::import::legend::Legend;
use crate::model::{Direction, Group, MeasureKind};

/// The mapping's file name inside `content/_import/`.
pub const MAPPING_FILE: &str = "spreadsheet-profile.toml";

/// A field of the content a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Perspective,
    Goal,
    Factor,
    Measure,
    Kind,
    Organ,
    Unit,
    Direction,
    Period,
    Group,
    Baseline,
    Target,
    Outcome,
    Status,
    Trend,
    Comment,
    GoalStatus,
    GoalComment,
}

impl Field {
    pub const ALL: [Field; 18] = [
        Field::Perspective,
        Field::Goal,
        Field::Factor,
        Field::Measure,
        Field::Kind,
        Field::Organ,
        Field::Unit,
        Field::Direction,
        Field::Period,
        Field::Group,
        Field::Baseline,
        Field::Target,
        Field::Outcome,
        Field::Status,
        Field::Trend,
        Field::Comment,
        Field::GoalStatus,
        Field::GoalComment,
    ];

    /// Every row must have these.
    pub const REQUIRED: [Field; 4] = [
        Field::Perspective,
        Field::Goal,
        Field::Measure,
        Field::Period,
    ];

    /// The field's key in `[columns]`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Perspective => "perspective",
            Field::Goal => "goal",
            Field::Factor => "factor",
            Field::Measure => "measure",
            Field::Kind => "kind",
            Field::Organ => "organ",
            Field::Unit => "unit",
            Field::Direction => "direction",
            Field::Period => "period",
            Field::Group => "group",
            Field::Baseline => "baseline",
            Field::Target => "target",
            Field::Outcome => "outcome",
            Field::Status => "status",
            Field::Trend => "trend",
            Field::Comment => "comment",
            Field::GoalStatus => "goal_status",
            Field::GoalComment => "goal_comment",
        }
    }

    fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// The mapping file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The workbook's sheet to read; the first when absent.
    pub sheet: Option<String>,
    /// The row holding the column headings.
    #[serde(default = "first_row")]
    pub header_row: usize,
    /// Field key → the column's heading.
    columns: BTreeMap<String, String>,
    /// What the group column writes for totalt, kvinnor and män, beyond the site's own words.
    #[serde(default)]
    pub groups: Legend<Group>,
    /// What the direction column writes for högre and lägre, beyond the site's own words.
    #[serde(default)]
    pub directions: Legend<Direction>,
    /// What the kind column writes for styrmått, kontrollmått and aktivitet.
    #[serde(default)]
    pub kinds: Legend<MeasureKind>,
    /// Where the mapping was read from, for messages.
    #[serde(skip)]
    pub path: PathBuf,
}

fn first_row() -> usize {
    1
}

/// The columns of a sheet that hold each field.
#[derive(Debug, Clone)]
pub struct Columns {
    index: BTreeMap<&'static str, (usize, String)>,
}

impl Columns {
    /// The column index of a field, when the mapping names one.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.index.get(field.key()).map(|(i, _)| *i)
    }

    /// The heading of a field's column, for messages.
    pub fn heading(&self, field: Field) -> &str {
        self.index.get(field.key()).map_or("", |(_, h)| h.as_str())
    }

    pub fn has(&self, field: Field) -> bool {
        self.index.contains_key(field.key())
    }
}

impl Mapping {
    /// The mapping at `path`, or the site's `content/_import/spreadsheet-profile.toml`.
    pub fn load(content_dir: &Path, path: Option<&Path>) -> Result<Self, String> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None => crate::import::import_file(content_dir, MAPPING_FILE),
        };
        let text = std::fs::read_to_string(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "{}: not found; write the column mapping there or name it with --map (see \"Publishing from your goal system\" in the README)",
                    path.display()
                )
            } else {
                format!("{}: {e}", path.display())
            }
        })?;
        Self::parse(&text, path)
    }

    /// Reads a mapping's text; messages name `path`.
    pub fn parse(text: &str, path: PathBuf) -> Result<Self, String> {
        let mut mapping: Mapping =
            toml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
        mapping.path = path;
        mapping.check()?;
        Ok(mapping)
    }

    /// Every key of `[columns]` is a field, and the required fields are there.
    fn check(&self) -> Result<(), String> {
        let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        for key in self.columns.keys() {
            if Field::parse(key).is_none() {
                return Err(format!(
                    "{}: [columns] has `{key}`, which is no field; use: {}",
                    self.path.display(),
                    keys.join(", ")
                ));
            }
        }
        for field in Field::REQUIRED {
            if !self.columns.contains_key(field.key()) {
                return Err(format!(
                    "{}: [columns] lacks `{}`; name the heading of the column that holds it",
                    self.path.display(),
                    field.key()
                ));
            }
        }
        Ok(())
    }

    /// Finds each mapped column in the sheet's header (ignoring case and surrounding spaces);
    /// a heading the header lacks is an error naming the sheet and the header row.
    pub fn columns(&self, sheet: &Sheet) -> Result<Columns, Vec<String>> {
        let key = |h: &str| h.trim().to_lowercase();
        let mut index = BTreeMap::new();
        let mut errors = Vec::new();
        for (field_key, heading) in &self.columns {
            let field = Field::parse(field_key).expect("checked on load");
            match sheet.header.iter().position(|h| key(h) == key(heading)) {
                Some(i) => {
                    index.insert(field.key(), (i, heading.clone()));
                }
                None => errors.push(format!(
                    "{}: no column \"{heading}\" (the mapping's `{field_key}`); the columns are: {}. Correct the heading in {}, or set `header_row` if the headings are on another row",
                    sheet.place(sheet.header_row),
                    sheet
                        .header
                        .iter()
                        .filter(|h| !h.is_empty())
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    self.path.display()
                )),
            }
        }
        if index.is_empty() {
            // Not one heading matches: the headings are on another row.
            return Err(vec![format!(
                "{}: none of the mapping's headings is on this row; set `header_row` in {} to the row that holds \"{}\" and the other headings",
                sheet.place(sheet.header_row),
                self.path.display(),
                self.columns
                    .get(Field::Goal.key())
                    .map_or("", String::as_str)
            )]);
        }
        if errors.is_empty() {
            Ok(Columns { index })
        } else {
            Err(errors)
        }
    }
}
