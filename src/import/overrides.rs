//! Reviewed corrections to an importer's output, kept as data so a re-import reproduces them.
//!
//! Where an importer cannot decide (a table the PDF flattened into words, a heading it cannot
//! tell from a list item), the web team corrects the written file by hand and records the
//! change in `content/_import/<source-stem>.toml`:
//!
//! ```toml
//! [[replace]]
//! file = "protokoll/rs/2020-10-14/164.md"   # below content/
//! reason = "the PDF flattened the two-column table"
//! find = "…text as the importer writes it…"
//! with = "…the reviewed text…"
//! ```
//!
//! Each `find` must occur exactly once in its file, so a correction never lands in the wrong
//! place silently and a correction the importer no longer needs is reported.

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// The written file, relative to the content folder.
    pub file: String,
    /// Why the importer's text is wrong, for the reviewer.
    pub reason: String,
    pub find: String,
    pub with: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverridesFile {
    #[serde(default)]
    replace: Vec<Replacement>,
}

/// The overrides file for a source document: `content/_import/<stem>.toml`.
pub fn path_for(content_dir: &Path, source_name: &str) -> PathBuf {
    let stem = source_name
        .rsplit_once('.')
        .map_or(source_name, |(stem, _)| stem);
    crate::import::overrides_file(content_dir, stem)
}

/// Reads the corrections for a source; none when the file does not exist.
pub fn load(content_dir: &Path, source_name: &str) -> Result<Vec<Replacement>, Vec<String>> {
    let path = path_for(content_dir, source_name);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(vec![format!("{}: cannot read: {e}", path.display())]),
    };
    toml::from_str::<OverridesFile>(&text)
        .map(|f| f.replace)
        .map_err(|e| vec![format!("{}: {e}", path.display())])
}

/// Applies the corrections to the written files. Every problem is reported together; files
/// with a problem are left as the importer wrote them.
pub fn apply(content_dir: &Path, replacements: &[Replacement]) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let mut files: Vec<(&str, Vec<&Replacement>)> = Vec::new();
    for r in replacements {
        match files.iter_mut().find(|(f, _)| *f == r.file) {
            Some((_, list)) => list.push(r),
            None => files.push((&r.file, vec![r])),
        }
    }
    for (file, list) in files {
        let path = content_dir.join(file);
        let Ok(mut text) = std::fs::read_to_string(&path) else {
            errors.push(format!(
                "{}: the override names a file the import did not write",
                path.display()
            ));
            continue;
        };
        let mut ok = true;
        for r in list {
            match text.matches(r.find.as_str()).count() {
                1 => text = text.replacen(r.find.as_str(), &r.with, 1),
                n => {
                    ok = false;
                    errors.push(format!(
                        "{}: an override's `find` text occurs {n} times (it must occur once); \
                         update or remove the override ({})",
                        path.display(),
                        r.reason
                    ));
                }
            }
        }
        if ok && let Err(e) = std::fs::write(&path, text) {
            errors.push(format!("{}: cannot write: {e}", path.display()));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replacement(find: &str, with: &str) -> Replacement {
        Replacement {
            file: "a.md".into(),
            reason: "test".into(),
            find: find.into(),
            with: with.into(),
        }
    }

    #[test]
    fn applies_a_correction_that_occurs_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "Avsändare Ämne\nJO Beslut\n").unwrap();
        apply(
            dir.path(),
            &[replacement("Avsändare Ämne\n", "| Avsändare | Ämne |\n")],
        )
        .unwrap();
        let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
        assert_eq!(text, "| Avsändare | Ämne |\nJO Beslut\n");
    }

    #[test]
    fn refuses_ambiguous_or_stale_corrections_and_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "x x").unwrap();
        let errors = apply(
            dir.path(),
            &[replacement("x", "y"), replacement("gone", "z")],
        )
        .unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("a.md") && errors[0].contains("2 times"));
        assert!(errors[1].contains("0 times"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "x x"
        );
    }

    #[test]
    fn the_overrides_file_is_named_after_the_source() {
        let p = path_for(Path::new("content"), "004_8b838460e9bf283a.txt");
        assert_eq!(p, Path::new("content/_import/004_8b838460e9bf283a.toml"));
    }
}
