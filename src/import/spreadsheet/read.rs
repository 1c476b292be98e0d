//! Reading one sheet of a workbook (XLSX, and the other formats calamine reads) or a CSV file
//! into rows of cells, each row with the number a spreadsheet program shows for it.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::fills::{Fills, read_fills};

/// A cell as the file stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number stored as one (workbooks); a CSV file has only text.
    Number(f64),
    /// A date, a truth value or an error value (`#DIV/0!`): `what` says which.
    Other {
        shown: String,
        what: &'static str,
    },
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: a stored number with its exact value, Swedish style (`87,5`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(v) => number_text(*v),
            Cell::Other { shown, .. } => shown.clone(),
        }
    }
}

/// A stored number written with its exact value (the shortest text that reads back as the
/// same number) and a decimal comma; no thousands separator.
pub fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}").replace('.', ",")
    }
}

/// The header and data rows of one sheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file's name, as source references name it.
    pub file: String,
    /// The sheet's name in a workbook; a CSV file has none.
    pub sheet: Option<String>,
    pub header_row: usize,
    pub header: Vec<String>,
    /// Each data row's number (1-based, as spreadsheet programs count) and its cells.
    pub rows: Rows,
    /// The cells' fill colours by row number and index in the row's cells (XLSX only).
    pub fills: Fills,
}

impl Sheet {
    /// What source references name: `file#sheet` for a workbook, else the file.
    pub fn source(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}#{sheet}", self.file),
            None => self.file.clone(),
        }
    }

    /// `mal.xlsx, sheet "Mått", row 12`, where a message starts.
    pub fn place(&self, row: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet \"{sheet}\", row {row}", self.file),
            None => format!("{}, row {row}", self.file),
        }
    }
}

/// Reads `path`: a CSV file by its extension, else a workbook's `sheet` (the first when
/// `None`). `header_row` is the row holding the column headings; rows above it are skipped.
pub fn read_sheet(path: &Path, sheet: Option<&str>, header_row: usize) -> Result<Sheet, String> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if file.contains(char::is_whitespace) {
        return Err(format!(
            "{}: source references cannot name a file with spaces; rename it (e.g. `{}`)",
            path.display(),
            file.split_whitespace().collect::<Vec<_>>().join("-")
        ));
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (sheet, rows, fills) = match extension.as_str() {
        "csv" | "tsv" => (None, read_csv(path, header_row)?, Fills::new()),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            let (name, rows, first_column) = read_workbook(path, sheet)?;
            // Only XLSX keeps its styles as XML parts; the other formats' fills are not read.
            let fills = if matches!(extension.as_str(), "xlsx" | "xlsm") {
                read_fills(path, &name)?
                    .into_iter()
                    .filter_map(|((row, column), fill)| {
                        Some(((row, column.checked_sub(first_column)?), fill))
                    })
                    .collect()
            } else {
                Fills::new()
            };
            (Some(name), rows, fills)
        }
        _ => {
            return Err(format!(
                "{}: not a spreadsheet; give an .xlsx workbook or a .csv file",
                path.display()
            ));
        }
    };
    let mut sheet = Sheet {
        file,
        sheet,
        header_row,
        header: Vec::new(),
        rows: Vec::new(),
        fills,
    };
    let mut found_header = false;
    for (number, cells) in rows {
        if number == header_row {
            sheet.header = cells.iter().map(Cell::text).collect();
            found_header = true;
        } else if number > header_row && !cells.iter().all(Cell::is_empty) {
            sheet.rows.push((number, cells));
        }
    }
    if !found_header {
        return Err(format!(
            "{}: the header row {header_row} is empty or missing; set `header_row` in the mapping to the row that holds the column headings",
            sheet.place(header_row)
        ));
    }
    Ok(sheet)
}

/// Rows with their numbers.
type Rows = Vec<(usize, Vec<Cell>)>;

/// The rows of a workbook's `sheet` (the first when `None`), the sheet's name, and the column
/// its rows' first cells are in (A is 0).
fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<(String, Rows, usize), String> {
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| format!("{}: cannot read the workbook: {e}", path.display()))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).cloned().ok_or_else(|| {
            format!(
                "{}: no sheet \"{wanted}\"; the workbook has: {}. Set `sheet` in the mapping to one of them",
                path.display(),
                names.join(", ")
            )
        })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| format!("{}: the workbook has no sheets", path.display()))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("{}, sheet \"{name}\": cannot read it: {e}", path.display()))?;
    let (first_row, first_column) = range
        .start()
        .map_or((0, 0), |(row, column)| (row as usize, column as usize));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i + 1, cells.iter().map(cell).collect()))
        .collect();
    Ok((name, rows, first_column))
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(_) => Cell::Other {
            shown: data.to_string(),
            what: "a truth value",
        },
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Cell::Other {
            shown: data.to_string(),
            what: "a date or time",
        },
        Data::Error(_) => Cell::Other {
            shown: data.to_string(),
            what: "an error value",
        },
    }
}

/// A CSV file's records, with their row numbers. Exports from Swedish spreadsheet
/// programs separate cells with `;` (the comma is the decimal sign), others with `,` or a
/// TAB: the most frequent of the three on the header line decides.
fn read_csv(path: &Path, header_row: usize) -> Result<Rows, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "{}: not UTF-8 text; save it as \"CSV UTF-8\" in the spreadsheet program",
            path.display()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let header = text
        .lines()
        .nth(header_row.saturating_sub(1))
        .unwrap_or_default();
    let delimiter = [b'\t', b',', b';']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Rows are counted as a spreadsheet program shows the file: a cell with line breaks
    // inside quotes stays in its row.
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{}, row {}: {e}", path.display(), i + 1))?;
        let cells = record
            .iter()
            .map(|c| {
                if c.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_string())
                }
            })
            .collect();
        rows.push((i + 1, cells));
    }
    Ok(rows)
}
