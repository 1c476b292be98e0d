//! Swedish full-text search: analyzer, index and static search files.

pub mod analyzer;
