//! The import profile, `content/_import/followup-profile.toml`: the words and layout patterns
//! of one organisation's goal follow-ups and plan documents that the importers cannot detect
//! by themselves (its perspectives, its organs' abbreviations, the phrases its layout starts
//! sections with). Keeping them in content rather than code lets another organisation import
//! its own documents with its own profile.
//!
//! The flattened follow-up importer cannot work without the profile and refuses to run when
//! it is missing; the report importer only reads the document box with it, so it warns and
//! goes on without one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::import::clean::{Furniture, SourceLine};

/// The profile's file name inside `content/_import/`.
pub const PROFILE_FILE: &str = "followup-profile.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The perspectives' names as the documents write them (`Samhälle`); a line holding only
    /// one of them, followed by `Perspektivet …`, starts that perspective's part.
    #[serde(default)]
    pub perspectives: Vec<String>,
    /// The organs' abbreviations as the measure tables write them (`RS`); a flattened table
    /// row is found by the line holding one of them as a word.
    #[serde(default)]
    pub organs: Vec<String>,
    /// Unit words that belong to a target number before the outcome (`250 st`, `2 planer`).
    #[serde(default)]
    pub target_units: Vec<String>,
    /// How a goal's overall assessment starts (`Den samlade bedömningen`); the line before
    /// such a paragraph is the goal's heading.
    #[serde(default)]
    pub assessment_openings: Vec<String>,
    /// The label line of the document box whose next line ends in the document id and
    /// version; the box is removed from the text.
    pub document_box: Option<String>,
    /// Label lines of the box's second row (`PUBLICERINGSDATUM  ANSVARIG UPPRÄTTAD AV`),
    /// removed with their line of values.
    #[serde(default)]
    pub document_box_labels: Vec<String>,
}

impl Profile {
    /// `<content_dir>/_import/followup-profile.toml`.
    pub fn path(content_dir: &Path) -> PathBuf {
        crate::import::import_file(content_dir, PROFILE_FILE)
    }

    /// Reads the profile of `content_dir`; `None` when there is none.
    pub fn read(content_dir: &Path) -> Result<Option<Self>, String> {
        let path = Self::path(content_dir);
        match fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The profile for an importer that cannot guess without it: a missing file, or an empty
    /// list among `needed`, is an error naming the file and the key.
    pub fn require(content_dir: &Path, importer: &str) -> Result<Self, String> {
        let path = Self::path(content_dir);
        let profile = Self::read(content_dir)?.ok_or_else(|| {
            format!(
                "{}: not found; {importer} needs the organisation's import profile (perspectives, organs, assessment_openings; see the README)",
                path.display()
            )
        })?;
        let lists = [
            ("perspectives", &profile.perspectives),
            ("organs", &profile.organs),
            ("assessment_openings", &profile.assessment_openings),
        ];
        for (key, list) in lists {
            if list.is_empty() {
                return Err(format!(
                    "{}: `{key}` is missing or empty; {importer} cannot work without it",
                    path.display()
                ));
            }
        }
        Ok(profile)
    }

    /// The profile for an importer that can do without it: a missing file is a warning on
    /// stderr, and the importer goes on with an empty profile.
    pub fn or_warn(content_dir: &Path, without: &str) -> Result<Self, String> {
        Ok(Self::read(content_dir)?.unwrap_or_else(|| {
            eprintln!(
                "warning: {}: not found; importing {without}",
                Self::path(content_dir).display()
            );
            Self::default()
        }))
    }

    /// The document id and version from the document box (`GÄLLER FÖR VERKSAMHET  DOKUMENT-ID
    /// VERSION` / `Region Norrbotten lgekpl-4-1041 0.19`): the last two words of the first line
    /// with text after the box's heading. Page-furniture removal drops the box, so `raw` are
    /// the lines before it.
    /// The template's page furniture, for `clean`.
    pub fn furniture(&self) -> Furniture<'_> {
        Furniture {
            document_box: self.document_box.as_deref(),
            document_box_labels: &self.document_box_labels,
            ..Furniture::default()
        }
    }

    pub fn document_box(&self, raw: &[SourceLine]) -> (Option<String>, Option<String>) {
        let Some(heading) = self.document_box.as_deref() else {
            return (None, None);
        };
        for (i, line) in raw.iter().enumerate() {
            if line.text.trim().starts_with(heading)
                && let Some(next) = raw[i + 1..].iter().find(|l| !l.text.trim().is_empty())
            {
                let words: Vec<&str> = next.text.split_whitespace().collect();
                if let [.., id, version] = words.as_slice() {
                    return (Some(id.to_string()), Some(version.to_string()));
                }
            }
        }
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_profile_is_an_error_only_where_it_is_needed() {
        let dir = tempfile::tempdir().unwrap();
        let error = Profile::require(dir.path(), "the flattened importer").unwrap_err();
        assert!(
            error.contains("followup-profile.toml: not found"),
            "{error}"
        );
        let profile = Profile::or_warn(dir.path(), "without document ids").unwrap();
        assert!(profile.organs.is_empty() && profile.document_box.is_none());
    }

    #[test]
    fn errors_name_the_file_and_the_key() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("_import")).unwrap();
        let path = Profile::path(dir.path());
        fs::write(&path, "organz = [\"RS\"]\n").unwrap();
        let error = Profile::read(dir.path()).unwrap_err();
        assert!(error.contains("followup-profile.toml"), "{error}");
        assert!(error.contains("organz"), "{error}");
        fs::write(&path, "perspectives = [\"Samhälle\"]\norgans = [\"RS\"]\n").unwrap();
        let error = Profile::require(dir.path(), "x").unwrap_err();
        assert!(
            error.contains("`assessment_openings` is missing"),
            "{error}"
        );
    }

    #[test]
    fn the_committed_profile_reads() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let profile = Profile::require(&content, "x").unwrap();
        assert_eq!(profile.organs, ["RS", "RUN", "PN", "HSN", "RF"]);
        let raw = [
            SourceLine {
                number: 1,
                text: "GÄLLER FÖR VERKSAMHET  DOKUMENT-ID VERSION".into(),
            },
            SourceLine {
                number: 2,
                text: "Region Norrbotten lgekpl-4-1041 0.19".into(),
            },
        ];
        assert_eq!(
            profile.document_box(&raw),
            (Some("lgekpl-4-1041".into()), Some("0.19".into()))
        );
    }
}
