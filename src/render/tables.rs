//! A report's data tables as accessible HTML (caption, column and row headers with `scope`),
//! placed where the report's Markdown says `{{ tabell: <id> }}`.

use crate::markdown::{escape_html, table_placeholder};
use crate::model::{DataTable, SourceRef};

/// A cell that holds a figure is right-aligned so that digits line up.
fn is_figure(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | '-' | '+' | '−' | '%'))
}

/// The paragraph comrak renders for a table's placeholder line.
fn placeholder(id: &str) -> String {
    format!("<p>{}</p>", table_placeholder(id))
}

/// Header cells of one header row: a cell followed by empty cells spans them (a group header
/// such as `Budget` over three years), so the empty cells are not rendered on their own.
fn header_row(cells: &[String], width: usize, out: &mut String) {
    out.push_str("<tr>");
    let mut i = 0;
    while i < width {
        let text = cells.get(i).map(String::as_str).unwrap_or("");
        let mut span = 1;
        if !text.is_empty() && i > 0 {
            while i + span < width && cells.get(i + span).is_none_or(|c| c.is_empty()) {
                span += 1;
            }
        }
        if span > 1 {
            out.push_str(&format!(
                "<th scope=\"colgroup\" colspan=\"{span}\">{}</th>",
                escape_html(text)
            ));
        } else if text.is_empty() {
            out.push_str("<td></td>");
        } else {
            out.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(text)));
        }
        i += span;
    }
    out.push_str("</tr>");
}

/// The table as HTML, in a scrollable region so that wide tables do not widen the page.
pub fn table_html(table: &DataTable, anchor_prefix: &str) -> String {
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let id = format!("{anchor_prefix}tabell-{}", table.id);
    // The caption is read out with the table; on screen it is shown above the scrolling
    // region, where a wide table cannot push it out of view.
    let mut out = format!(
        "<p class=\"table-caption\" aria-hidden=\"true\">{}</p>",
        escape_html(&table.caption)
    );
    out.push_str(&format!(
        "<div class=\"table-scroll data-table\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\"><table>"
    ));
    out.push_str(&format!(
        "<caption id=\"{id}\" class=\"visually-hidden\">{}</caption>",
        escape_html(&table.caption)
    ));
    let (head, body) = table.rows.split_at(table.header_rows.min(table.rows.len()));
    out.push_str("<thead>");
    for row in head {
        header_row(row, width, &mut out);
    }
    out.push_str("</thead><tbody>");
    for row in body {
        out.push_str("<tr>");
        for i in 0..width {
            let cell = row.get(i).map(String::as_str).unwrap_or("");
            if i == 0 {
                out.push_str(&format!("<th scope=\"row\">{}</th>", escape_html(cell)));
            } else if is_figure(cell) {
                out.push_str(&format!("<td class=\"num\">{}</td>", escape_html(cell)));
            } else {
                out.push_str(&format!("<td>{}</td>", escape_html(cell)));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    let mut notes = Vec::new();
    if let Some(note) = &table.note {
        notes.push(escape_html(note));
    }
    if let Some(source) = &table.source {
        notes.push(format!("Källa: {}", escape_html(&SourceRef::label(source))));
    }
    if !notes.is_empty() {
        out.push_str(&format!(
            "<p class=\"table-note muted\">{}</p>",
            notes.join(" · ")
        ));
    }
    out
}

/// Puts each table where the body has its placeholder; tables without one follow the body.
pub fn place_tables(body_html: &str, tables: &[DataTable], anchor_prefix: &str) -> String {
    let mut html = body_html.to_string();
    let mut rest = String::new();
    for table in tables {
        let marker = placeholder(&table.id);
        let rendered = table_html(table, anchor_prefix);
        if html.contains(&marker) {
            html = html.replacen(&marker, &rendered, 1);
        } else {
            rest.push_str(&rendered);
        }
    }
    html + &rest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> DataTable {
        DataTable {
            id: "resultatbudget".into(),
            caption: "Resultatbudget <mnkr>".into(),
            header_rows: 2,
            rows: vec![
                vec!["".into(), "Budget".into(), "".into(), "Kalkyl".into()],
                vec!["Mnkr".into(), "2023".into(), "2024".into(), "2026".into()],
                vec![
                    "Årets resultat".into(),
                    "329".into(),
                    "350".into(),
                    "370".into(),
                ],
                vec!["Avskrivningar".into(), "-263".into(), "".into()],
            ],
            note: None,
            source: None,
        }
    }

    #[test]
    fn headers_have_scopes_and_groups_span_their_columns() {
        let html = table_html(&table(), "");
        assert!(html.contains("<caption id=\"tabell-resultatbudget\" class=\"visually-hidden\">Resultatbudget &lt;mnkr&gt;</caption>"));
        assert!(html.contains("<th scope=\"colgroup\" colspan=\"2\">Budget</th>"));
        assert!(html.contains("<th scope=\"col\">Kalkyl</th>"));
        assert!(html.contains("<th scope=\"col\">2023</th>"));
        assert!(html.contains("<th scope=\"row\">Årets resultat</th><td class=\"num\">329</td>"));
        // A short row is padded, never shifted.
        assert!(html.contains("<td class=\"num\">-263</td><td></td><td></td></tr>"));
    }

    #[test]
    fn tables_go_to_their_placeholder_or_after_the_body() {
        let body = "<p>Text</p>\n<p>{{ tabell: resultatbudget }}</p>\n<p>Mer</p>";
        let html = place_tables(body, &[table()], "");
        assert!(!html.contains("{{ tabell"));
        assert!(html.find("<table>").unwrap() < html.find("Mer").unwrap());
        let appended = place_tables("<p>Text</p>", &[table()], "");
        assert!(appended.starts_with("<p>Text</p><p class=\"table-caption\""));
    }
}
