//! Importers that turn PDF-extracted text into content files.

pub mod clean;
pub mod followup;
pub mod minutes;
