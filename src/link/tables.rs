//! A report's data tables: pairing its `[[tables]]` entries with their CSV files, and checking
//! the table placeholders in texts.

use std::collections::{BTreeMap, BTreeSet};

use super::Linker;
use crate::content::Doc;
use crate::diagnostics::{Diagnostic, nearest, nearest_list};
use crate::markdown::table_placeholder;
use crate::model::DataTable;

impl Linker<'_> {
    /// Checks the table placeholders in a document's text: each is written so that the page
    /// replaces it and names one of `tables` (a report's data tables) once. A text that is not
    /// a report's (`tables` is `None`) can place no table. A placeholder that would show on
    /// the page as written is an error.
    pub(super) fn table_placeholders<T>(&mut self, doc: &Doc<T>, tables: Option<&[&str]>) {
        let written = crate::markdown::table_placeholders(&doc.body);
        if written.is_empty() {
            return;
        }
        let source = &doc.loc.source;
        let (body_line, _) = source.position(source.text.len() - doc.body.len());
        let mut placed: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &written {
            let line = body_line + p.line - 1;
            let mut error = |message: String, hint: String| {
                self.diagnostics.push(Diagnostic {
                    path: source.path.clone(),
                    line,
                    column: p.column,
                    message,
                    hint: Some(hint),
                });
            };
            let Some(tables) = tables else {
                error(
                    format!(
                        "`{}` places a table, but only a report's text can",
                        p.written
                    ),
                    "remove it; a report's tables are placed in the report's own text".into(),
                );
                continue;
            };
            let known = tables.contains(&p.id.as_str());
            let closest = nearest(&p.id, tables.iter().copied());
            if !p.exact {
                let id = if known {
                    p.id.as_str()
                } else {
                    closest.first().copied().unwrap_or("<id>")
                };
                error(
                    format!(
                        "`{}` is not a table placeholder as Insyn reads it, and would show as written",
                        p.written
                    ),
                    format!(
                        "write `{}` on a line of its own, with an empty line before and after",
                        table_placeholder(id)
                    ),
                );
            } else if !known {
                let add = format!(
                    "add [[tables]] with id = \"{}\" and a caption to the front matter, and its cells to content/rapporter/{}/{}.csv",
                    p.id, doc.id, p.id
                );
                let hint = if tables.is_empty() {
                    format!("the report has no tables: {add}")
                } else {
                    format!(
                        "the report's tables are: {}; or {add}",
                        nearest_list(
                            &p.id,
                            tables.iter().copied(),
                            "[[tables]] in the front matter"
                        )
                    )
                };
                error(format!("unknown table `{}`", p.id), hint);
            } else if let Some(first) = placed.insert(&p.id, line) {
                error(
                    format!("table `{}` is placed twice (first on line {first})", p.id),
                    "place each table once; the second placeholder would show as written".into(),
                );
            }
        }
    }

    /// Pairs a report's `[[tables]]` with their CSV files; a table without its file, a file
    /// without its entry and a table whose rows are only headers are errors.
    pub(super) fn report_tables(
        &mut self,
        doc: &Doc<crate::content::RawReport>,
        csvs: &[crate::content::PlainTable],
    ) -> Vec<DataTable> {
        let loc = &doc.loc;
        let mut tables = Vec::new();
        let mut seen = BTreeSet::new();
        for t in &doc.data.tables {
            let id = t.id.get_ref();
            if !self.url_id(loc, &t.id, "table") {
                seen.insert(id.clone());
                continue;
            }
            if !seen.insert(id.clone()) {
                self.diagnostics.push(loc.error(
                    t.id.span(),
                    format!("a second table `{id}`"),
                    "give every table of the report its own id".to_string(),
                ));
                continue;
            }
            let Some(csv) = csvs.iter().find(|c| c.report == doc.id && c.id == *id) else {
                self.diagnostics.push(loc.error(
                    t.id.span(),
                    format!("table `{id}` has no cells"),
                    format!(
                        "write them to content/rapporter/{}/{id}.csv, one row per line, cells separated by `;`",
                        doc.id
                    ),
                ));
                continue;
            };
            let header_rows = t.header_rows.as_ref().map_or(1, |h| *h.get_ref());
            if csv.rows.len() <= header_rows {
                self.diagnostics.push(csv.source.error_at(
                    0,
                    format!("table `{id}` has no data rows below its {header_rows} header row(s)"),
                    Some("add rows, or lower header_rows in the report's [[tables]] entry".into()),
                ));
                continue;
            }
            tables.push(DataTable {
                id: id.clone(),
                caption: t.caption.clone(),
                header_rows,
                rows: csv.rows.iter().map(|(_, cells)| cells.clone()).collect(),
                note: t.note.clone(),
                source: self.source(loc, &t.source),
            });
        }
        for csv in csvs.iter().filter(|c| c.report == doc.id) {
            if !seen.contains(&csv.id) {
                self.diagnostics.push(csv.source.error_at(
                    0,
                    format!("a table file without an entry in content/rapporter/{}.md", doc.id),
                    Some(format!(
                        "add [[tables]] with id = \"{}\" and a caption to the report's front matter",
                        csv.id
                    )),
                ));
            }
        }
        tables
    }
}
