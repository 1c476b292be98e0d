//! Importer for goal follow-up appendices whose tables are TAB separated, such as the
//! *Måluppfyllelse i perspektiv* appendix of Årsredovisning 2020 (seed 002).
//!
//! This module owns reading such a document into perspectives → strategic goals (with their
//! responsible organs and overall assessment) → success factors → measures with one result row
//! per group (totalt, kvinnor, män), and writing that as content files in the README's format.
//! Text cleaning is `import::clean`'s job; this module only interprets the cleaned blocks.
//!
//! The document has three parts per perspective, and the parser follows them in order:
//!
//! 1. the perspective heading, followed by a paragraph `Perspektivet <name> …` (the word is the
//!    import profile's `perspective_intro`);
//! 2. an overview table `Strategiskt mål ⇥ ⇥ Framgångsfaktor`: one row per goal with its
//!    organs `(RS, RUN)`, optionally its status glyph, and its first success factor; further
//!    factors on rows that start with two empty cells. This table is the canonical list of
//!    goals and factors;
//! 3. a heading per goal with the region's overall assessment (`Den samlade bedömningen …`),
//!    then one detail section per success factor: `Strategiskt mål: <goal>`, the factor
//!    heading in capitals (`FRAMGÅNGSFAKTOR: …`, once without the label, once on the same
//!    line as the goal) and a measure table `Styrmått ⇥ Styrelse/nämnd ⇥ K/M ⇥ Mål 2020 ⇥
//!    Måluppfyllelse ⇥ Utveckling`.
//!
//! Detail headings spell goals and factors differently from the overview ("God livskvalitet"
//! / "God livskvalité", "UTBILDNINGSPAKET" / "utbildningsutbud"), so they are matched to the
//! overview by word similarity; the variants become aliases. A detail section whose factor is
//! not in the overview becomes a factor of its own.
//!
//! Status and trend glyphs are decoded per column with the import profile's legends, because
//! ▲ means *ej uppnått* as a status but *förbättring* as a trend (legend at 002 lines 56–77).

mod narrative;
mod parse;
#[cfg(test)]
mod tests;
mod text;
mod write;

pub use parse::parse_followup;
pub use text::{MAX_ID_LEN, short_id};
pub(crate) use text::{
    assessment_status, best_match, sentences, similarity, split_organs, unique_id, words,
};
pub use write::write_followup;

use crate::import::clean::Block;
use crate::model::{Group, MeasureKind, Status, StatusSource, Trend};

/// A parsed follow-up appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub source_file: String,
    /// The document's title, e.g. "Årsredovisning 2020 – Bilaga måluppfyllelse i perspektiv".
    pub title: String,
    /// The year of the target column (`Mål 2020`), the period the results belong to.
    pub year: Option<u16>,
    pub perspectives: Vec<ImportedPerspective>,
    /// All goals in source order.
    pub goals: Vec<ImportedGoal>,
    /// The document's own text before the first perspective (introduction, summary of goal
    /// fulfilment), TAB-table rows left out.
    pub intro: Vec<Block>,
    /// Things the importer was unsure about and left out, as `FILE:LINE: message`.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedPerspective {
    pub id: String,
    pub name: String,
    pub description: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedGoal {
    /// The title as the overview table writes it.
    pub title: String,
    /// Other spellings used in headings of the same document.
    pub aliases: Vec<String>,
    /// Organ abbreviations as written, e.g. `["RS", "RUN"]`.
    pub organs: Vec<String>,
    /// Id of the perspective.
    pub perspective: String,
    /// The status glyph of the overview table, when it has one.
    pub table_status: Option<Status>,
    /// The overview table's row.
    pub table_line: usize,
    pub assessment: Option<ImportedAssessment>,
    /// Every text block under the goal's heading in the perspective's summary part, the
    /// assessment's paragraph among them.
    pub summary: Vec<Block>,
    pub factors: Vec<ImportedFactor>,
    pub first_line: usize,
    pub last_line: usize,
}

/// The region's overall assessment of a goal, in prose.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAssessment {
    /// The status the sentence states, if it states one.
    pub status: Option<Status>,
    /// The sentence that gives the assessment.
    pub sentence: String,
    /// The whole paragraph that holds it.
    pub paragraph: String,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFactor {
    pub title: String,
    pub organs: Vec<String>,
    /// Whether the overview table lists the factor; `false` for a factor that only has a
    /// detail section.
    pub in_overview: bool,
    pub measures: Vec<ImportedMeasure>,
    /// Lines of the detail headings (`FRAMGÅNGSFAKTOR: …`) of this factor.
    pub heading_lines: Vec<usize>,
    /// The region's comments under the factor that concern no single measure.
    pub comments: Vec<ImportedComment>,
    /// The text of the factor's detail sections in source order: sub-headings, paragraphs,
    /// list items, footnotes and rows of tables other than the measure table (with TABs).
    pub narrative: Vec<Block>,
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedMeasure {
    /// The name without `Aktivitet:` and without footnote markers such as `[1]`.
    pub name: String,
    pub kind: MeasureKind,
    pub organs: Vec<String>,
    /// One row per group, in source order.
    pub rows: Vec<ImportedRow>,
    /// The region's comments on this measure (flattened tables, 000 style).
    pub comments: Vec<ImportedComment>,
    pub first_line: usize,
    pub last_line: usize,
}

/// One row of a measure table: one group's target, status and trend.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRow {
    pub line: usize,
    /// The last source line of the row (tables whose cells wrap over several lines).
    pub last_line: usize,
    pub group: Group,
    /// The target exactly as written.
    pub target: String,
    /// The number to compare with when `target` is not a plain number.
    pub target_value: Option<String>,
    /// The outcome exactly as written (flattened tables have an outcome column).
    pub outcome: String,
    /// Where `status` comes from when the table gives none (prose) or Insyn may compute it.
    pub status_source: Option<StatusSource>,
    pub status: Option<Status>,
    /// The status cell as written (a glyph, empty, or something else such as `Q3`).
    pub status_cell: String,
    pub trend: Option<Trend>,
    pub trend_cell: String,
    /// The line of the prose that states `outcome` (and `status`, when `status_source` is
    /// `Text`), when the table has no outcome.
    pub text_line: Option<usize>,
}

impl Default for ImportedRow {
    fn default() -> Self {
        Self {
            line: 0,
            last_line: 0,
            group: Group::Total,
            target: String::new(),
            target_value: None,
            outcome: String::new(),
            status_source: None,
            status: None,
            status_cell: String::new(),
            trend: None,
            trend_cell: String::new(),
            text_line: None,
        }
    }
}

/// A comment subsection: an optional heading and its paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedComment {
    pub heading: Option<String>,
    /// Paragraphs separated by an empty line.
    pub text: String,
    pub first_line: usize,
    pub last_line: usize,
}

impl FollowUp {
    pub fn factors(&self) -> impl Iterator<Item = &ImportedFactor> {
        self.goals.iter().flat_map(|g| &g.factors)
    }

    pub fn measures(&self) -> impl Iterator<Item = &ImportedMeasure> {
        self.factors().flat_map(|f| &f.measures)
    }
}
