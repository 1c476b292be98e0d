//! The imported report: its items in source order (headings, paragraphs, list items,
//! captions, tables), the plan it may hold, and the Markdown the items become.

use super::overrides::{PlanSpec, ReportMeta};
use crate::import::clean::Footnote;

/// One item of the report body in source order.
#[derive(Debug, Clone)]
pub(super) enum Item {
    Heading {
        level: u8,
        text: String,
        first: usize,
        last: usize,
    },
    Paragraph {
        text: String,
        first: usize,
        last: usize,
    },
    Bullet {
        text: String,
        first: usize,
        last: usize,
    },
    Caption {
        text: String,
    },
    Table {
        id: String,
    },
    Preformatted {
        caption: String,
        lines: Vec<String>,
        first: usize,
        last: usize,
    },
}

/// A table rebuilt as data.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedTable {
    pub id: String,
    pub caption: String,
    /// Header rows first.
    pub rows: Vec<Vec<String>>,
    pub header_rows: usize,
    pub first_line: usize,
    pub last_line: usize,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
    pub unit: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedGoal {
    pub id: String,
    pub title: String,
    pub organs: Vec<String>,
    pub body: String,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAssignment {
    pub text: String,
    pub organs: Vec<String>,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone)]
pub struct ImportedPlan {
    pub spec: PlanSpec,
    pub vision: Option<String>,
    pub perspectives: Vec<String>,
    pub intro: String,
    pub goals: Vec<ImportedGoal>,
    pub assignments: Vec<ImportedAssignment>,
    pub first_line: usize,
    pub last_line: usize,
}

/// A report read from a source file.
#[derive(Debug, Clone)]
pub struct ImportedReport {
    pub source_file: String,
    pub meta: ReportMeta,
    pub document_id: Option<String>,
    pub version: Option<String>,
    pub(super) items: Vec<Item>,
    pub(super) footnotes: Vec<Footnote>,
    pub tables: Vec<ImportedTable>,
    pub key_figures: Vec<KeyFigure>,
    pub plan: Option<ImportedPlan>,
}

impl ImportedReport {
    /// The headings in order, as (level, text, first line).
    pub fn headings(&self) -> Vec<(u8, &str, usize)> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Heading {
                    level, text, first, ..
                } => Some((*level, text.as_str(), *first)),
                _ => None,
            })
            .collect()
    }

    /// The report body as Markdown, footnote definitions at the end.
    pub fn markdown(&self) -> String {
        items_markdown(&self.items, &self.footnotes)
    }

    pub(super) fn range(&self, first: usize, last: usize) -> String {
        if first == last {
            format!("{}:{first}", self.source_file)
        } else {
            format!("{}:{first}-{last}", self.source_file)
        }
    }
}

/// Private-use characters stand for a footnote marker until the text is escaped.
pub(super) const NOTE_OPEN: char = '\u{E000}';
pub(super) const NOTE_CLOSE: char = '\u{E001}';

/// Escapes what Markdown would read as markup in running text; footnote markers become
/// `[^N]`.
pub(super) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            NOTE_OPEN => out.push_str("[^"),
            NOTE_CLOSE => out.push(']'),
            _ => out.push(c),
        }
    }
    // A leading `#`, `+` or `-` would start a heading or a list.
    if out.starts_with('#') || out.starts_with("+ ") || out.starts_with("- ") {
        out.insert(0, '\\');
    }
    out
}

pub(super) fn item_markdown(item: &Item) -> String {
    match item {
        Item::Heading { level, text, .. } => {
            format!(
                "{} {}\n",
                "#".repeat(usize::from(*level)),
                escape_markdown(text)
            )
        }
        Item::Paragraph { text, .. } => format!("{}\n", escape_markdown(text)),
        Item::Bullet { text, .. } => format!("- {}\n", escape_markdown(text)),
        Item::Caption { text } => format!(
            "*Figur i källdokumentet (inte återgiven här): {}*\n",
            escape_markdown(text)
        ),
        Item::Table { id } => format!("{{{{ tabell: {id} }}}}\n"),
        Item::Preformatted { caption, lines, .. } => {
            let mut s = format!(
                "*{}* – tabellen visas som i källtexten, eftersom dess kolumner inte kunde återskapas säkert.\n\n```text\n",
                escape_markdown(caption)
            );
            for l in lines {
                s.push_str(l);
                s.push('\n');
            }
            s.push_str("```\n");
            s
        }
    }
}

/// `[^N]: text` for each footnote referenced in `markdown`.
pub(super) fn footnote_definitions(footnotes: &[Footnote], markdown: &str) -> String {
    let mut out = String::new();
    for f in footnotes {
        if markdown.contains(&format!("[^{}]", f.number)) {
            out.push_str(&format!(
                "\n[^{}]: {}\n",
                f.number,
                escape_markdown(&f.text)
            ));
        }
    }
    out
}

pub(super) fn items_markdown(items: &[Item], footnotes: &[Footnote]) -> String {
    let mut out = String::new();
    let mut previous_list = false;
    for item in items {
        let list = matches!(item, Item::Bullet { .. });
        if !(out.is_empty() || list && previous_list) {
            out.push('\n');
        }
        previous_list = list;
        out.push_str(&item_markdown(item));
    }
    out.push_str(&footnote_definitions(footnotes, &out));
    out
}
