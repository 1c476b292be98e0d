//! The running text of a TAB-table follow-up: the document's introduction, each goal's
//! summary and each success factor's subsections become the report's Markdown, one section
//! per perspective, goal and factor (so the goal pages can show and link a factor's part);
//! a subsection headed by a measure's name becomes that measure's commentary, and outcomes
//! the commentary states plainly per group (`17,2 procent för kvinnor och 17,7 procent för
//! män`) are recorded as taken from the text. Footnotes (`länet¹` … `¹ Styrmåtten …`) become
//! Markdown footnotes tied to their marker.

use super::text::{assessment_status, best_match, sentences};
use super::{FollowUp, ImportedComment, ImportedFactor};
use crate::import::clean::{Block, BlockKind};
use crate::markdown::sections;
use crate::model::{Group, StatusSource, parse_number};

/// The report's Markdown and where each factor's section is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportText {
    pub body: String,
    /// Per goal (in `FollowUp::goals` order) and factor: the anchor of the factor's section,
    /// `None` for a factor without text.
    pub anchors: Vec<Vec<Option<String>>>,
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// `¹ Styrmåtten kan …` → (`¹`, `Styrmåtten kan …`).
fn footnote_text(text: &str) -> Option<(&str, &str)> {
    let end = text
        .char_indices()
        .find(|(_, c)| !SUPERSCRIPTS.contains(c))
        .map_or(text.len(), |(i, _)| i);
    let rest = text[end..].strip_prefix(' ')?;
    (end > 0 && !rest.trim().is_empty()).then_some((&text[..end], rest.trim()))
}

/// A short line that is no sentence: a sub-heading in the single-spaced layout, or an item
/// when it follows a line ending in `:`.
fn is_short_line(block: &Block) -> bool {
    let t = block.text.trim();
    block.kind != BlockKind::ListItem
        && !t.contains('\t')
        && t.chars().count() <= 120
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && footnote_text(t).is_none()
}

/// Escapes what Markdown would read as markup that the source does not mean: raw HTML,
/// block markers at the start, and links to nowhere (`[20](#)`). Emphasis (`**Styrmått**`)
/// is the source's own and stays.
fn escape(text: &str) -> String {
    let mut s = text.trim().replace('<', "\\<");
    while let Some(start) = s.find("](#)") {
        match s[..start].rfind('[') {
            Some(open) => {
                let inner = s[open + 1..start].to_string();
                s.replace_range(open..start + 4, &inner);
            }
            None => break,
        }
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')'));
    let block_marker =
        s.starts_with(['#', '>', '=', '|']) || ["- ", "* ", "+ "].iter().any(|m| s.starts_with(m));
    if ordered {
        s.insert(digits, '\\');
    } else if block_marker {
        s.insert(0, '\\');
    }
    s
}

/// A GFM table of TAB-separated rows; the first row is the header.
fn table_markdown(rows: &[&str]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.split('\t')
                .map(|c| escape(c).replace('|', "\\|"))
                .collect()
        })
        .collect();
    let width = cells.iter().map(Vec::len).max().unwrap_or(1);
    let line = |row: &[String]| {
        let mut padded: Vec<&str> = row.iter().map(String::as_str).collect();
        padded.resize(width, "");
        format!("| {} |", padded.join(" | "))
    };
    let mut out = vec![line(&cells[0]), format!("|{}", " --- |".repeat(width))];
    out.extend(cells[1..].iter().map(|r| line(r)));
    out.join("\n")
}

/// Markdown of text blocks whose sub-headings are of `level`. Footnotes are labelled by
/// their source line and defined at the end; a footnote whose marker is not found stays a
/// paragraph where it is, with a warning.
fn blocks_markdown(
    blocks: &[Block],
    level: usize,
    file: &str,
    warnings: &mut Vec<String>,
) -> String {
    let mut texts: Vec<String> = blocks.iter().map(|b| b.text.trim().to_string()).collect();
    let mut notes = Vec::new();
    let mut is_note = vec![false; blocks.len()];
    for (k, b) in blocks.iter().enumerate() {
        let Some((marker, note)) = footnote_text(b.text.trim()) else {
            continue;
        };
        let label = format!("[^{}]", b.first_line);
        let found = (0..k)
            .rev()
            .find(|&j| !is_note[j] && texts[j].contains(marker));
        match found {
            Some(j) => {
                let at = texts[j].rfind(marker).unwrap_or_default();
                texts[j].replace_range(at..at + marker.len(), &label);
                notes.push(format!("{label}: {}", escape(note)));
                is_note[k] = true;
            }
            None => warnings.push(format!(
                "{file}:{}: footnote {marker} has no marker in the text above it; kept as a paragraph",
                b.first_line
            )),
        }
    }
    let mut out = String::new();
    let mut in_list = false;
    let mut i = 0;
    while i < blocks.len() {
        if is_note[i] {
            i += 1;
            continue;
        }
        let b = &blocks[i];
        if b.text.contains('\t') {
            let mut rows = Vec::new();
            while i < blocks.len() && blocks[i].text.contains('\t') {
                rows.push(blocks[i].text.trim_matches(' '));
                i += 1;
            }
            out.push_str(&table_markdown(&rows));
            out.push_str("\n\n");
            in_list = false;
            continue;
        }
        // Short lines after `…:` list what the sentence announces (`fem perspektiv:`).
        let item = b.kind == BlockKind::ListItem || (in_list && is_short_line(b));
        let text = escape(&texts[i]);
        if item {
            out.push_str(&format!("- {text}\n"));
        } else {
            if out.ends_with("\n") && !out.ends_with("\n\n") {
                out.push('\n');
            }
            if is_short_line(b) {
                out.push_str(&format!("{} {text}\n\n", "#".repeat(level)));
            } else {
                out.push_str(&format!("{text}\n\n"));
            }
        }
        in_list = item || b.text.trim().ends_with(':');
        i += 1;
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    for note in notes {
        out.push_str(&note);
        out.push_str("\n\n");
    }
    out
}

/// The blocks of the introduction from its first heading with text under it: the title
/// page and the PDF's table of contents are left out (the site has its own).
fn intro_blocks(blocks: &[Block]) -> &[Block] {
    let start = (0..blocks.len())
        .find(|&i| {
            is_short_line(&blocks[i])
                && blocks
                    .get(i + 1)
                    .is_some_and(|n| !is_short_line(n) && n.kind == BlockKind::Paragraph)
        })
        .unwrap_or(blocks.len());
    &blocks[start..]
}

/// The report's Markdown: the introduction, then per perspective its description, per goal
/// its summary and per factor its text.
pub fn report_text(f: &FollowUp) -> (ReportText, Vec<String>) {
    let mut warnings = Vec::new();
    let file = f.source_file.as_str();
    let mut body = blocks_markdown(intro_blocks(&f.intro), 2, file, &mut warnings);
    // (goal, factor) and the 1-based line of the factor's heading in `body`.
    let mut factor_lines = Vec::new();
    for p in &f.perspectives {
        body.push_str(&format!(
            "## {}\n\n{}\n\n",
            escape(&p.name),
            escape(&p.description)
        ));
        for (g, goal) in f
            .goals
            .iter()
            .enumerate()
            .filter(|(_, g)| g.perspective == p.id)
        {
            body.push_str(&format!("### {}\n\n", escape(&goal.title)));
            body.push_str(&blocks_markdown(&goal.summary, 4, file, &mut warnings));
            for (k, factor) in goal.factors.iter().enumerate() {
                if factor.narrative.is_empty() {
                    continue;
                }
                factor_lines.push((g, k, body.lines().count() + 1));
                body.push_str(&format!("#### {}\n\n", escape(&factor.title)));
                body.push_str(&blocks_markdown(&factor.narrative, 5, file, &mut warnings));
            }
        }
    }
    let body = body.trim_end().to_string() + "\n";
    let found = sections(&body);
    let mut anchors: Vec<Vec<Option<String>>> = f
        .goals
        .iter()
        .map(|g| vec![None; g.factors.len()])
        .collect();
    for (g, k, line) in factor_lines {
        anchors[g][k] = found
            .iter()
            .find(|s| s.lines.0 == line)
            .map(|s| s.id.clone());
    }
    (ReportText { body, anchors }, warnings)
}

/// The subsections of a factor's text: a heading and the blocks under it.
fn subsections(factor: &ImportedFactor) -> Vec<(&Block, &[Block])> {
    let n = &factor.narrative;
    let heads: Vec<usize> = (0..n.len()).filter(|&i| is_short_line(&n[i])).collect();
    heads
        .iter()
        .enumerate()
        .map(|(k, &h)| {
            let end = heads.get(k + 1).copied().unwrap_or(n.len());
            (&n[h], &n[h + 1..end])
        })
        .collect()
}

/// `17,2 procent för kvinnor och 17,7 procent för män` → the figure of each group, when the
/// sentence states exactly one for each.
fn figures_by_sex(sentence: &str) -> Option<(String, String)> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut women = Vec::new();
    let mut men = Vec::new();
    for i in 1..words.len().saturating_sub(2) {
        let group = words[i + 2].trim_end_matches([',', '.', ';']);
        if words[i] != "procent" || words[i + 1] != "för" || parse_number(words[i - 1]).is_err() {
            continue;
        }
        match group {
            "kvinnor" => women.push(words[i - 1]),
            "män" => men.push(words[i - 1]),
            _ => {}
        }
    }
    match (women.as_slice(), men.as_slice()) {
        ([w], [m]) => Some((format!("{w} %"), format!("{m} %"))),
        _ => None,
    }
}

/// Attaches subsections headed by a measure's name to that measure as its commentary, and
/// records the outcomes (and the status) the commentary states plainly for the report's
/// year, per group, where the table has none.
pub fn attach_commentary(f: &mut FollowUp) {
    let year = f.year.map(|y| y.to_string());
    let file = f.source_file.clone();
    let mut warnings = Vec::new();
    for goal in &mut f.goals {
        for factor in &mut goal.factors {
            let names: Vec<(usize, String)> = factor
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| (i, m.name.clone()))
                .collect();
            let mut found = Vec::new();
            for (heading, blocks) in subsections(factor) {
                let Some(m) = best_match(&names, &heading.text) else {
                    continue;
                };
                let paragraphs: Vec<&Block> =
                    blocks.iter().filter(|b| !b.text.contains('\t')).collect();
                let Some(last) = paragraphs.last() else {
                    continue;
                };
                found.push((
                    m,
                    ImportedComment {
                        heading: Some(heading.text.clone()),
                        text: paragraphs
                            .iter()
                            .map(|b| b.text.trim())
                            .collect::<Vec<_>>()
                            .join("\n\n"),
                        first_line: heading.first_line,
                        last_line: last.last_line,
                    },
                    paragraphs
                        .iter()
                        .map(|b| (b.first_line, b.text.clone()))
                        .collect::<Vec<_>>(),
                ));
            }
            for (m, comment, paragraphs) in found {
                let measure = &mut factor.measures[m];
                measure.comments.push(comment);
                for (line, text) in paragraphs {
                    let all = sentences(&text);
                    let stated = all.iter().find_map(|s| {
                        let of_year = year.as_ref().is_some_and(|y| s.contains(y.as_str()));
                        figures_by_sex(s).filter(|_| of_year)
                    });
                    let Some((women, men)) = stated else {
                        if all.iter().any(|s| s.contains(" procent för ")) {
                            warnings.push(format!(
                                "{file}:{line}: the text gives figures for `{}` but not plainly per group for the year; no outcome recorded",
                                measure.name
                            ));
                        }
                        continue;
                    };
                    // Only a sentence about the targets themselves: `Målen för 2020 uppnås inte.`
                    let status = all
                        .iter()
                        .find(|s| {
                            let l = s.to_lowercase();
                            l.starts_with("målen ") || l.starts_with("målet ")
                        })
                        .and_then(|s| assessment_status(s));
                    for row in &mut measure.rows {
                        let value = match row.group {
                            Group::Women => &women,
                            Group::Men => &men,
                            Group::Total => continue,
                        };
                        if !row.outcome.is_empty() {
                            continue;
                        }
                        row.outcome = value.clone();
                        row.text_line = Some(line);
                        if row.status.is_none()
                            && let Some(status) = status
                        {
                            row.status = Some(status);
                            row.status_source = Some(StatusSource::Text);
                        }
                    }
                }
            }
        }
    }
    f.warnings.extend(warnings);
}
