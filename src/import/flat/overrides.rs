//! The manual corrections of one flattened follow-up, `content/_import/<source>.toml`: what
//! the layout heuristics cannot decide, written down so that a re-import reproduces it.

use std::fs;
use std::io;
use std::path::Path;

use serde::Deserialize;

/// Manual corrections for one source document, in `content/_import/<source>.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Where target and outcome are split differently from the heuristics.
    #[serde(default)]
    pub row: Vec<RowOverride>,
    /// Comment paragraphs attached to a measure by hand.
    #[serde(default)]
    pub comment: Vec<CommentOverride>,
    /// Statuses the prose states but the heuristics cannot attribute, or wrongly find.
    #[serde(default)]
    pub status: Vec<StatusOverride>,
    /// Measure properties the source implies but does not spell out.
    #[serde(default)]
    pub measure: Vec<MeasureOverride>,
}

/// `target` + `outcome` must give the row's value text exactly: an override may split the
/// source text differently, never change it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowOverride {
    /// First line of the measure's row (its name).
    pub line: usize,
    pub target: String,
    pub outcome: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentOverride {
    /// Comment paragraphs (or headings) that start within these lines …
    pub lines: [usize; 2],
    /// … belong to the measure whose row starts on this line.
    pub measure: usize,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusOverride {
    /// The measure whose row starts on this line.
    pub measure: usize,
    /// `totalt`, `kvinnor` or `man`; all groups when absent.
    pub group: Option<String>,
    /// A status key, or "" for none (the prose does not state one for this measure).
    pub status: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureOverride {
    /// The measure whose row starts on this line.
    pub line: usize,
    /// `hogre` or `lagre`.
    pub direction: Option<String>,
    pub why: String,
}

impl Overrides {
    /// Reads `content_dir/_import/<source stem>.toml`; no file means no corrections.
    pub fn load(content_dir: &Path, source_file: &str) -> Result<Self, String> {
        let stem = source_file.strip_suffix(".txt").unwrap_or(source_file);
        let path = crate::import::overrides_file(content_dir, stem);
        match fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }
}
