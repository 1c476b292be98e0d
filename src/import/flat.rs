//! Importer for goal follow-up appendices whose tables were flattened to space-separated
//! lines and whose measures are explained in comment subsections, such as the *Mål och
//! måluppfyllelse* appendix of Delårsrapport per april 2022 (seed 000).
//!
//! This module owns reading such a document into the follow-up data of `import::followup`
//! (perspectives → goals with organs and assessment → success factors → measures with target,
//! outcome per group and comments) and writing it into `content/`, merging measures through
//! `import::measures`. Text cleaning is `import::clean`'s job.
//!
//! Per perspective the document has: the perspective heading and its `Perspektivet …`
//! paragraph; an overview `Strategiskt mål  Framgångsfaktor` whose items end in their organs
//! `(RS, RUN)`; one assessment section per goal (the goal's title, then `Det strategiska målet
//! …`, `Den samlade bedömningen …` or `Vid årets slut …`); then per goal its title again and
//! one section per factor: `FRAMGÅNGSFAKTOR: …`, a table header `Styrmått Styrelse/ nämnd Mål
//! 2022 Periodens utfall Måluppfyllelse Utveckling` (wrapped differently each time, repeated
//! after page breaks), the rows, and the comment subsections.
//!
//! The organisation's own words come from the site and its import profile
//! ([`super::profile`]): its perspectives from the plan, its organs' abbreviations from
//! `content/organ/`, and from the profile the word a perspective's introduction starts with,
//! how an assessment starts and the target units.
//!
//! A table row is the measure's name (wrapped over lines), a line that starts with (or
//! contains) an organ of the profile (`RS`), and the target and outcome cells flattened into
//! the following lines. The layout gives two reliable hints that this module uses: a row whose
//! status and trend cells are empty ends with three or more spaces, and rows are separated by
//! two or more empty lines while cell lines are separated by one. Where target and outcome
//! run together, the target is the leading phrase the region uses for targets (`Öka`, `Minska
//! med 50% jämfört med 2020`, `Högst 300 kr/invånare`, a number with its unit); the rest is the
//! outcome. What the heuristics get wrong is corrected in an overrides file
//! (`content/_import/<source>.toml`, see [`Overrides`]), so the correction is reproducible.
//!
//! The document lost its colour markings. A status is taken from the prose where the
//! measure's comment states it ("når inte målet", "har inte uppnåtts"), else the row is marked
//! for computing (`beraknad`) when target and outcome are comparable shares (percentages) and
//! the target tells the direction; counts of a part year against an annual target are not
//! comparable and get no status.

mod cells;
mod comments;
mod layout;
mod overrides;
mod status;
mod table;
#[cfg(test)]
mod tests;
mod write;

pub use cells::{split_groups, split_target};
pub use layout::parse_flat;
pub use overrides::{CommentOverride, MeasureOverride, Overrides, RowOverride, StatusOverride};
pub use status::prose_status;
pub use write::write_flat;

use crate::import::clean::Block;
use crate::import::followup::FollowUp;
use crate::model::ReportKind;

/// A parsed flattened follow-up and what the report file needs.
#[derive(Debug, Clone)]
pub struct FlatFollowUp {
    pub followup: FollowUp,
    /// Delårsrapport or årsredovisning, from the introduction's wording.
    pub kind: ReportKind,
    /// `YYYY-MM` when the introduction says "per april 2022", else the year.
    pub period: Option<String>,
    pub document_id: Option<String>,
    pub version: Option<String>,
    /// The introduction before the first perspective.
    pub intro: Vec<Block>,
    /// The corrections applied; the writer needs the measures' directions.
    pub overrides: Overrides,
}
