//! Importer for general reports (a strategic plan such as 001, a director's monthly report such
//! as 003): cleaned text becomes one Markdown report with a heading hierarchy, lists,
//! footnotes, data tables and key figures; for a plan also the plan, its goals and its
//! political assignments (uppdrag).
//!
//! The text rules are those of [`super::clean`]. What layout alone cannot tell (a heading
//! glued to its first paragraph, a heading's level, where a table is, which perspective a goal
//! belongs to) comes from an overrides file, `content/_import/<source stem>.toml`, so that
//! every manual correction is written down and the import stays reproducible. See
//! [`Overrides`] for its keys.
//!
//! # Rules
//!
//! - Heading levels: a level from the overrides wins; a heading right below another heading
//!   is its child; any other heading is a sibling of the heading before it; the first is a
//!   chapter (`##`).
//! - A paragraph that is only an organ tag (`(RS)`, `(RS, RUN)`) right below a list item
//!   belongs to that item (the tag wrapped onto its own line).
//! - Footnotes become Markdown footnotes `[^N]` at the place of their marker.
//! - Key figures: every amount in a paragraph or list item followed by a unit (`mnkr`, `mkr`,
//!   `mdkr`, `miljoner kronor`, `procent`, `procentenheter`, `%`, `årsarbetare`), labelled
//!   with the sentence that states it and traced to its source line.
//! - Tables: the overrides give each table's source lines and its column headers; each row is a
//!   label followed by one figure per column, where thousands may be separated by a space.
//!   A row whose figures cannot be split into the columns in exactly one way stops the
//!   import with an error naming the line; such a table is listed under `preformatted`
//!   instead, and shown as it is in the source with a remark saying so.

mod document;
mod figures;
mod overrides;
mod parse;
mod plan;
mod tables;
#[cfg(test)]
mod tests;
mod write;

pub use document::{
    ImportedAssignment, ImportedGoal, ImportedPlan, ImportedReport, ImportedTable, KeyFigure,
};
pub use overrides::{
    GoalSpec, Overrides, PlanSpec, Preformatted, ReportMeta, Skip, TableSpec, read_overrides,
};
pub use parse::parse_report;
pub use tables::split_row;
pub use write::write_report;
