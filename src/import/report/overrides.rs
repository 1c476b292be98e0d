//! The overrides file of a report, `content/_import/<source stem>.toml`: the cover page's
//! facts and every correction the layout cannot tell, so that a re-import reproduces them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// Manual corrections and facts the text does not hold, for one source file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Title, kind, period, date and organ of the report: the cover page is not in the text.
    pub report: ReportMeta,
    /// Line ranges (`"198"`, `"2263-2265"`) that are a heading of their own, although the
    /// layout glued them to the text below.
    #[serde(default)]
    pub headings: Vec<String>,
    /// First lines of blocks that look like headings but are not (a signature).
    #[serde(default)]
    pub not_headings: Vec<usize>,
    /// Lines where a new paragraph starts although the layout does not show it.
    #[serde(default)]
    pub breaks: Vec<usize>,
    /// First lines of paragraphs that continue the paragraph above: a sentence that ended at
    /// the end of a line made the rules start a new one.
    #[serde(default)]
    pub joins: Vec<usize>,
    /// Heading levels (2 = chapter) by the heading's first line, where the rules are wrong.
    #[serde(default)]
    pub levels: BTreeMap<String, u8>,
    /// First lines of figure captions: the figure is not in the text, so the caption is shown
    /// as a remark instead of a heading.
    #[serde(default)]
    pub captions: Vec<usize>,
    /// Line ranges dropped from the text, with the reason (stray link texts of a footnote).
    #[serde(default)]
    pub skip: Vec<Skip>,
    /// Tables that are shown as in the source, because their columns cannot be rebuilt.
    #[serde(default)]
    pub preformatted: Vec<Preformatted>,
    /// Tables rebuilt as data.
    #[serde(default)]
    pub tables: Vec<TableSpec>,
    /// For a plan document: the plan and its goals.
    pub plan: Option<PlanSpec>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    pub title: String,
    pub kind: String,
    pub period: String,
    pub date: Option<toml::value::Datetime>,
    pub organ: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skip {
    pub lines: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preformatted {
    pub lines: String,
    pub caption: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub id: String,
    pub caption: String,
    /// The source lines of the rows (not the header).
    pub lines: String,
    /// Header of the first column (the row labels), e.g. `Mnkr`.
    #[serde(default)]
    pub label: String,
    /// Headers of the value columns as the source writes them.
    pub columns: Vec<String>,
    /// Group header per value column (`Budget`, `Kalkyl`), when the source has one.
    #[serde(default)]
    pub groups: Vec<String>,
    /// The source lines of the column headers; they are dropped from the text with the rows.
    pub header_lines: Option<String>,
    /// The source line where the table is shown (its caption's line), when the extraction put
    /// its rows somewhere else.
    pub at: Option<usize>,
    /// The rows interrupt a sentence (a page break inside a paragraph): the text around them
    /// is joined as if they were not there.
    #[serde(default)]
    pub joins_text: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub id: String,
    pub title: String,
    pub start: u16,
    pub end: u16,
    /// First line of the heading whose section holds the goals.
    pub goals_section: usize,
    /// First line of the heading whose section holds the political assignments.
    pub assignments_section: usize,
    /// First lines of the headings whose text (up to their first sub-heading) introduces the
    /// plan on its page: vision and values, the goals' introduction.
    pub intro_sections: Vec<usize>,
    /// Goal ids (slugs of their titles) to perspective and predecessor: the text shows the
    /// goal–perspective relation only in a figure.
    #[serde(default)]
    pub goals: BTreeMap<String, GoalSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    pub perspective: String,
    pub predecessor: Option<String>,
}

/// `"12"` or `"12-15"`.
pub(super) fn parse_range(text: &str) -> Result<(usize, usize), String> {
    let parse = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| format!("`{text}` is not a line range; write \"12\" or \"12-15\""))
    };
    match text.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (parse(a)?, parse(b)?);
            if a > b {
                return Err(format!("`{text}` runs backwards"));
            }
            Ok((a, b))
        }
        None => parse(text).map(|a| (a, a)),
    }
}

/// The stem the overrides file of `source_file` is named by.
fn source_stem(source_file: &str) -> &str {
    source_file.strip_suffix(".txt").unwrap_or(source_file)
}

/// The overrides file of `source_file` as the user finds it from the site's folder, for errors
/// about what it says.
pub fn overrides_name(source_file: &str) -> String {
    crate::import::overrides_file(Path::new("content"), source_stem(source_file))
        .display()
        .to_string()
}

/// Reads the overrides file for `source_file` from `content_dir/_import/`, if there is one.
pub fn read_overrides(content_dir: &Path, source_file: &str) -> Result<Overrides, Vec<String>> {
    let path = crate::import::overrides_file(content_dir, source_stem(source_file));
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![format!(
            "{}: cannot read the overrides file: {e}; a report import needs at least [report] with title, kind and period",
            path.display()
        )]
    })?;
    toml::from_str(&text).map_err(|e| vec![format!("{}: {e}", path.display())])
}
