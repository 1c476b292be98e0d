//! A published table's columns, each declared once with what it holds and how a row fills it;
//! the CSV and JSON files, the table schemas and the `/data/` page are all made from them.

use std::borrow::Cow;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use crate::model::{Keyed, Number};

/// What a column holds, as its table schema and the `/data/` page state it.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Free text; in CSV files made safe to open in a spreadsheet ([`spreadsheet_safe`]).
    Text,
    /// One of the keys of a model enumeration, with their Swedish labels.
    Enum(fn() -> Vec<(&'static str, &'static str)>),
    /// A number with a decimal point and no thousands separator ([`plain_number`]).
    Number,
    Integer,
    /// `YYYY-MM-DD`.
    Date,
    /// A report period: `YYYY` or `YYYY-MM`.
    Period,
    Url,
}

/// The keys and labels of a model enumeration, for [`Kind::Enum`].
pub fn keyed<T: Keyed>() -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|v| (v.key(), v.label())).collect()
}

/// What a period looks like (XML Schema regular expression, as Table Schema patterns are).
const PERIOD_PATTERN: &str = "[0-9]{4}(-[0-9]{2})?";

/// The text cells of a CSV file: a plain number, or a text that does not start as a formula
/// (see [`spreadsheet_safe`]).
pub const SAFE_TEXT_PATTERN: &str = r"[+\-]?[0-9]+([.,][0-9]+)?|[^=+\-@\t\r][\s\S]*";

/// What the CSV files do to text a spreadsheet would run, as the `/data/` page and the data
/// package say it.
pub const SPREADSHEET_NOTE: &str = "Text som ett kalkylprogram skulle köra som formel (den börjar med =, +, -, @, tabb eller vagnretur) inleds i CSV-filerna med en apostrof ('), som kalkylprogram visar som text; tal som -3,5 lämnas som de är. JSON-filerna har texten som den är.";

impl Kind {
    /// The kind in Swedish, for the `/data/` page.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Enum(_) => "värde ur lista",
            Kind::Number => "tal",
            Kind::Integer => "heltal",
            Kind::Date => "datum (ÅÅÅÅ-MM-DD)",
            Kind::Period => "period (ÅÅÅÅ eller ÅÅÅÅ-MM)",
            Kind::Url => "URL",
        }
    }

    /// The Table Schema `type`, `format` and `constraints` of the kind.
    fn schema(
        self,
    ) -> (
        &'static str,
        Option<&'static str>,
        serde_json::Map<String, Value>,
    ) {
        let mut constraints = serde_json::Map::new();
        let (kind, format) = match self {
            Kind::Text => {
                constraints.insert("pattern".into(), SAFE_TEXT_PATTERN.into());
                ("string", None)
            }
            Kind::Enum(values) => {
                let keys: Vec<&str> = values().into_iter().map(|(key, _)| key).collect();
                constraints.insert("enum".into(), json!(keys));
                ("string", None)
            }
            Kind::Number => ("number", None),
            Kind::Integer => ("integer", None),
            Kind::Date => ("date", None),
            Kind::Period => {
                constraints.insert("pattern".into(), PERIOD_PATTERN.into());
                ("string", None)
            }
            Kind::Url => ("string", Some("uri")),
        };
        (kind, format, constraints)
    }
}

/// A column of a published table.
#[derive(Clone, Copy)]
pub struct Field {
    /// The CSV header and JSON key.
    pub name: &'static str,
    pub kind: Kind,
    /// Every row has a value.
    pub required: bool,
    /// The unit of a number, in Swedish.
    pub unit: Option<&'static str>,
    pub description: &'static str,
}

impl Field {
    /// The field's Table Schema descriptor (the unit in a property of its own, `unit`).
    pub fn schema(&self) -> Value {
        let (kind, format, mut constraints) = self.kind.schema();
        if self.required {
            constraints.insert("required".into(), true.into());
        }
        let mut field = json!({
            "name": self.name,
            "type": kind,
            "description": self.description,
        });
        if let Some(format) = format {
            field["format"] = format.into();
        }
        if let Some(unit) = self.unit {
            field["unit"] = unit.into();
        }
        if !constraints.is_empty() {
            field["constraints"] = constraints.into();
        }
        field
    }
}

/// One cell of a row.
pub enum Cell<'a> {
    /// A missing value: an empty CSV field, `null` in JSON.
    Empty,
    Text(Cow<'a, str>),
    Number(Number),
    Integer(u64),
}

impl<'a> Cell<'a> {
    /// A text; an empty text is a missing value.
    pub fn text(text: &'a str) -> Self {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(Cow::Borrowed(text))
        }
    }

    pub fn owned(text: String) -> Self {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(Cow::Owned(text))
        }
    }

    pub fn optional(text: Option<&'a str>) -> Self {
        text.map_or(Cell::Empty, Cell::text)
    }

    /// An enumeration's key.
    pub fn key(value: Option<impl Keyed>) -> Self {
        value.map_or(Cell::Empty, |v| Cell::text(v.key()))
    }

    pub fn number(value: Option<Number>) -> Self {
        value.map_or(Cell::Empty, Cell::Number)
    }

    pub fn count(n: usize) -> Self {
        Cell::Integer(n as u64)
    }
}

/// A column: its field and how a row fills it.
pub struct Column<R> {
    pub field: Field,
    pub value: fn(&R) -> Cell<'_>,
}

/// A row of a published table.
pub trait Row: Sized {
    /// The table's columns, in file order.
    fn columns() -> Vec<Column<Self>>;

    fn fields() -> Vec<Field> {
        Self::columns().into_iter().map(|c| c.field).collect()
    }
}

/// A number in machine form, `18464`, `12.3`, `-71`, `12345678901234568000000000`: decimal
/// point, no thousands separator, never an exponent, rounded to the source's decimals so
/// binary noise never shows.
pub fn plain_number(n: Number) -> String {
    let text = format!("{:.*}", usize::from(n.decimals), n.value);
    let rounded: f64 = text.parse().unwrap_or(n.value);
    // `-0` would say more than the source did.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    // `Display` of a float writes the shortest digits that read back as the same value,
    // without an exponent.
    format!("{rounded}")
}

/// A text as a CSV cell that a spreadsheet opens as text: a text that a spreadsheet would run
/// as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
/// `'`, as OWASP advises against CSV injection; a plain number such as `-3,5` cannot run and is
/// left as it is. Matches [`SAFE_TEXT_PATTERN`].
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `-3,5`, `+12`, `7.25`: a sign, digits and at most one decimal separator.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (int, frac) = match digits.split_once([',', '.']) {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

/// The rows as a CSV file: a header of the column names, then one record per row.
pub fn csv_bytes<R: Row>(rows: &[R]) -> Vec<u8> {
    let columns = R::columns();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written: csv::Result<()> = (|| {
        writer.write_record(columns.iter().map(|c| c.field.name))?;
        for row in rows {
            for column in &columns {
                match (column.value)(row) {
                    Cell::Empty => writer.write_field("")?,
                    Cell::Text(text) => match column.field.kind {
                        Kind::Text => writer.write_field(spreadsheet_safe(&text).as_bytes())?,
                        _ => writer.write_field(text.as_bytes())?,
                    },
                    Cell::Number(n) => writer.write_field(plain_number(n))?,
                    Cell::Integer(i) => writer.write_field(i.to_string())?,
                }
            }
            writer.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })();
    written.expect("writing to memory");
    writer.into_inner().expect("writing to memory")
}

/// The rows as a JSON list: one object per row with the columns as keys, in file order.
pub struct JsonRows<'r, R>(pub &'r [R]);

impl<R: Row> Serialize for JsonRows<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let columns = R::columns();
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for row in self.0 {
            seq.serialize_element(&JsonRow {
                columns: &columns,
                row,
            })?;
        }
        seq.end()
    }
}

struct JsonRow<'r, R> {
    columns: &'r [Column<R>],
    row: &'r R,
}

impl<R> Serialize for JsonRow<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for column in self.columns {
            let name = column.field.name;
            match (column.value)(self.row) {
                Cell::Empty => map.serialize_entry(name, &())?,
                Cell::Text(text) => map.serialize_entry(name, &text)?,
                Cell::Number(n) => {
                    // Written as its digits: a JSON number, in the same form as in CSV.
                    let raw = serde_json::value::RawValue::from_string(plain_number(n))
                        .map_err(S::Error::custom)?;
                    map.serialize_entry(name, &raw)?
                }
                Cell::Integer(i) => map.serialize_entry(name, &i)?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64, decimals: u8) -> String {
        plain_number(Number { value, decimals })
    }

    #[test]
    fn numbers_are_written_in_machine_form() {
        assert_eq!(number(18464.0, 0), "18464");
        assert_eq!(number(12.3, 1), "12.3");
        assert_eq!(number(-71.0, 0), "-71");
        assert_eq!(number(0.1 + 0.2, 1), "0.3");
        assert_eq!(number(-0.04, 1), "0");
    }

    #[test]
    fn very_large_and_small_numbers_have_no_exponent() {
        assert_eq!(
            number(12_345_678_901_234_567_890_123_456.0, 0),
            "12345678901234568000000000"
        );
        assert_eq!(number(0.000_000_1, 7), "0.0000001");
        let json = serde_json::to_string(&JsonRows(&[Big])).unwrap();
        assert_eq!(json, r#"[{"value":12345678901234568000000000}]"#);
    }

    struct Big;

    impl Row for Big {
        fn columns() -> Vec<Column<Self>> {
            vec![Column {
                field: Field {
                    name: "value",
                    kind: Kind::Number,
                    required: true,
                    unit: None,
                    description: "",
                },
                value: |_| {
                    Cell::Number(Number {
                        value: 1.2345678901234568e25,
                        decimals: 0,
                    })
                },
            }]
        }
    }

    #[test]
    fn text_a_spreadsheet_would_run_starts_with_an_apostrophe() {
        let safe = regex::Regex::new(&format!("^(?:{SAFE_TEXT_PATTERN})$")).unwrap();
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\",\"x\")",
                "'=HYPERLINK(\"http://x\",\"x\")",
            ),
            ("+410 tkr", "'+410 tkr"),
            ("- Arbetet fortsätter", "'- Arbetet fortsätter"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-", "'-"),
            ("-3,5", "-3,5"),
            ("+12", "+12"),
            ("-7.25", "-7.25"),
            ("-3,5,1", "'-3,5,1"),
            ("Öka", "Öka"),
            ("≥ 90 %", "≥ 90 %"),
            ("'citat'", "'citat'"),
            ("rad 1\nrad 2", "rad 1\nrad 2"),
        ] {
            let out = spreadsheet_safe(text);
            assert_eq!(out, written, "{text:?}");
            assert!(
                safe.is_match(&out),
                "{out:?} does not match the schema's pattern"
            );
        }
        for unsafe_text in ["=1+1", "+1+1", "-1+1", "@x", "\tx"] {
            assert!(!safe.is_match(unsafe_text), "{unsafe_text:?}");
        }
    }
}
