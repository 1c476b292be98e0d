//! The import profile, `content/_import/followup-profile.toml`: the words and layout patterns
//! of one organisation's goal follow-ups and plan documents that the importers cannot detect
//! by themselves (its perspectives, its organs' abbreviations, the phrases its layout starts
//! sections with). Keeping them in content rather than code lets another organisation import
//! its own documents with its own profile.
//!
//! Its legends say what the organisation's status and trend cells mean (symbols, colours,
//! words such as `Uppfyllt` or `Ja`); every importer that reads such cells decodes them here.
//!
//! The follow-up importers cannot work without the profile and refuse to run when it is
//! missing; the report importer only reads the document box with it, so it warns and goes on
//! without one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::RawPlan;
use crate::import::clean::{Furniture, SourceLine};
use crate::import::legend::Legend;
use crate::import::writer::{existing_organs, plan_dir, read_front};
use crate::model::{Status, Trend};

/// The profile's file name inside `content/_import/`.
pub const PROFILE_FILE: &str = "followup-profile.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Perspectives' names as the documents write them (`Samhälle`), beyond those the plan
    /// names (see [`Profile::with_site`]); a line holding only one of them, followed by a
    /// paragraph that starts with `perspective_intro`, starts that perspective's part.
    #[serde(default)]
    pub perspectives: Vec<String>,
    /// The word a perspective's introduction starts with (`Perspektivet`).
    pub perspective_intro: Option<String>,
    /// Organs' abbreviations as the measure tables write them (`RS`), beyond those of
    /// `content/organ/`; a flattened table row is found by the line holding one of them as a
    /// word.
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
    /// Whole lines the template prints on its pages, removed wherever they stand (the
    /// appendix's back page prints the web address alone on a line).
    #[serde(default)]
    pub running_headers: Vec<String>,
    /// Label lines of the box's second row (`PUBLICERINGSDATUM  ANSVARIG UPPRÄTTAD AV`),
    /// removed with their line of values.
    #[serde(default)]
    pub document_box_labels: Vec<String>,
    /// How a perspective's overview of its goals and success factors starts in a flattened
    /// follow-up (`Strategiskt mål`, the overview's first column heading).
    pub goal_overview: Option<String>,
    /// How a success factor's section starts (`FRAMGÅNGSFAKTOR`, before its name).
    pub factor_heading: Option<String>,
    /// How a measure table's header starts (`Styrmått`, its first column heading); a
    /// follow-up whose such header lines hold TABs is read as TAB-separated tables.
    pub measure_table_heading: Option<String>,
    /// The other columns of a TAB-separated measure table, by words of their headings.
    #[serde(default)]
    pub measure_columns: MeasureColumns,
    /// What the sentence of a plan document that lists the plan's perspectives writes just
    /// before the list (`perspektiv;` in `… inom fem olika perspektiv; Samhälle, …, och
    /// Ekonomi.`).
    #[serde(default)]
    pub perspective_list_after: Vec<String>,
    /// What a status cell of a key-figure measure or a goal says, per status
    /// (`uppnatt = ["■", "Uppfyllt", "Grön"]`).
    #[serde(default)]
    pub statuses: Legend<Status>,
    /// The same for activities (`slutford = ["■"]`), whose shapes mean something else.
    #[serde(default)]
    pub activity_statuses: Legend<Status>,
    /// What a trend (utveckling) cell says, per trend (`forbattring = ["↑", "▲"]`).
    #[serde(default)]
    pub trends: Legend<Trend>,
}

/// How a TAB-separated follow-up heads the columns of its measure tables after the measure's
/// name (`Styrelse/nämnd`, `K/M`, `Mål 2020`, `Måluppfyllelse`, `Utveckling`), and what its
/// sex column writes. A heading is compared in lower case without spaces and hyphens, so
/// `Styrrelse/ nämnd` and `Mål-uppfyllelse` are found by `nämnd` and `uppfyllelse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureColumns {
    /// Words of the responsible organ's heading (`nämnd`).
    #[serde(default)]
    pub organ: Vec<String>,
    /// Words of the sex column's heading (`k/`); the column is optional.
    #[serde(default)]
    pub sex: Vec<String>,
    /// Words of the status column's heading (`uppfyllelse`).
    #[serde(default)]
    pub status: Vec<String>,
    /// Words of the trend column's heading (`utveckling`).
    #[serde(default)]
    pub trend: Vec<String>,
    /// What the target column's heading starts with, before the year (`mål` in `Mål 2020`).
    pub target: Option<String>,
    /// What the sex column writes for women's and men's rows (`K`, `M`).
    #[serde(default)]
    pub women: Vec<String>,
    #[serde(default)]
    pub men: Vec<String>,
}

impl MeasureColumns {
    /// Whether a normalised heading holds one of `words`.
    pub fn names(words: &[String], heading: &str) -> bool {
        words
            .iter()
            .any(|w| heading.contains(&w.to_lowercase().replace([' ', '-'], "")))
    }
}

/// The keys of the profile that an importer may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Perspectives,
    PerspectiveIntro,
    Organs,
    AssessmentOpenings,
    GoalOverview,
    FactorHeading,
    MeasureTableHeading,
    MeasureColumns,
    Statuses,
    ActivityStatuses,
    Trends,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Perspectives => "perspectives",
            Key::PerspectiveIntro => "perspective_intro",
            Key::Organs => "organs",
            Key::AssessmentOpenings => "assessment_openings",
            Key::GoalOverview => "goal_overview",
            Key::FactorHeading => "factor_heading",
            Key::MeasureTableHeading => "measure_table_heading",
            Key::MeasureColumns => "measure_columns",
            Key::Statuses => "statuses",
            Key::ActivityStatuses => "activity_statuses",
            Key::Trends => "trends",
        }
    }
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
            Ok(text) => toml::from_str::<Self>(&text)
                .map_err(|e| e.to_string())
                .and_then(|p| p.check_legends().map(|()| Some(p)))
                .map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The profile for an importer that cannot guess without it: a missing file, or an empty
    /// key among `needed`, is an error naming the file and the key.
    pub fn require(content_dir: &Path, importer: &str, needed: &[Key]) -> Result<Self, String> {
        let path = Self::path(content_dir);
        let names: Vec<&str> = needed.iter().map(|k| k.name()).collect();
        let profile = Self::read(content_dir)?.ok_or_else(|| {
            format!(
                "{}: not found; {importer} needs the organisation's import profile ({}; see the README)",
                path.display(),
                names.join(", ")
            )
        })?;
        for &key in needed {
            if profile.is_empty(key) {
                return Err(format!(
                    "{}: `{}` is missing or empty; {importer} cannot work without it",
                    path.display(),
                    key.name()
                ));
            }
        }
        Ok(profile)
    }

    /// The profile with the words the site's content already names: the perspectives of the
    /// plan `plan_id` (when it exists) and the abbreviations of the organs in
    /// `content/organ/`, after the profile's own.
    pub fn with_site(mut self, content_dir: &Path, plan_id: &str) -> Result<Self, String> {
        let plan = plan_dir(content_dir, plan_id).join("_index.md");
        if plan.exists() {
            let (plan, _) = read_front::<RawPlan>(&plan).map_err(|e| e.to_string())?;
            for p in plan.perspectives {
                if !self.perspectives.contains(&p.name) {
                    self.perspectives.push(p.name);
                }
            }
        }
        let organs =
            existing_organs(content_dir).map_err(|e| format!("{}: {e}", content_dir.display()))?;
        for (_, organ) in organs {
            if !self.organs.contains(&organ.abbreviation) {
                self.organs.push(organ.abbreviation);
            }
        }
        Ok(self)
    }

    fn is_empty(&self, key: Key) -> bool {
        match key {
            Key::Perspectives => self.perspectives.is_empty(),
            Key::PerspectiveIntro => self.perspective_intro.is_none(),
            Key::Organs => self.organs.is_empty(),
            Key::AssessmentOpenings => self.assessment_openings.is_empty(),
            Key::GoalOverview => blank(&self.goal_overview),
            Key::FactorHeading => blank(&self.factor_heading),
            Key::MeasureTableHeading => blank(&self.measure_table_heading),
            Key::MeasureColumns => {
                let c = &self.measure_columns;
                c.organ.is_empty() || c.status.is_empty() || c.trend.is_empty() || blank(&c.target)
            }
            Key::Statuses => self.statuses.is_empty(),
            Key::ActivityStatuses => self.activity_statuses.is_empty(),
            Key::Trends => self.trends.is_empty(),
        }
    }

    /// The layout word of `key`, one of the follow-ups' (checked by
    /// [`Profile::require`]; empty when not).
    pub fn word(&self, key: Key) -> &str {
        let word = match key {
            Key::GoalOverview => &self.goal_overview,
            Key::FactorHeading => &self.factor_heading,
            Key::MeasureTableHeading => &self.measure_table_heading,
            _ => &None,
        };
        word.as_deref().unwrap_or_default()
    }

    /// Activities have their own statuses: each legend may only name its own (and *bedöms
    /// ej*, which both share).
    fn check_legends(&self) -> Result<(), String> {
        let misplaced = |legend: &Legend<Status>, activity: bool| {
            legend
                .values()
                .find(|s| *s != Status::BedomsEj && s.is_activity_status() != activity)
        };
        if let Some(s) = misplaced(&self.statuses, false) {
            return Err(format!(
                "`{}` is an activity's status; move it to [activity_statuses]",
                s.key()
            ));
        }
        if let Some(s) = misplaced(&self.activity_statuses, true) {
            return Err(format!(
                "`{}` is not an activity's status; move it to [statuses]",
                s.key()
            ));
        }
        Ok(())
    }

    /// The status a measure's or goal's cell writes, with the legend for activities when
    /// `activity`.
    pub fn status(&self, cell: &str, activity: bool) -> Option<Status> {
        if activity {
            self.activity_statuses.decode(cell)
        } else {
            self.statuses.decode(cell)
        }
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

    /// The template's page furniture, for `clean`.
    pub fn furniture(&self) -> Furniture<'_> {
        Furniture {
            running_headers: &self.running_headers,
            document_box: self.document_box.as_deref(),
            document_box_labels: &self.document_box_labels,
            ..Furniture::default()
        }
    }

    /// The document id and version from the document box (`GÄLLER FÖR VERKSAMHET  DOKUMENT-ID
    /// VERSION` / `Region Norrbotten lgekpl-4-1041 0.19`): the last two words of the first line
    /// with text after the box's heading. Page-furniture removal drops the box, so `raw` are
    /// the lines before it.
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

/// Whether an optional word is unset or empty.
fn blank(word: &Option<String>) -> bool {
    word.as_deref().is_none_or(|w| w.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_profile_is_an_error_only_where_it_is_needed() {
        let dir = tempfile::tempdir().unwrap();
        let error =
            Profile::require(dir.path(), "the flattened importer", &[Key::Organs]).unwrap_err();
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
        let needed = [Key::Perspectives, Key::AssessmentOpenings];
        let error = Profile::require(dir.path(), "x", &needed).unwrap_err();
        assert!(
            error.contains("`assessment_openings` is missing"),
            "{error}"
        );
        fs::write(&path, "[statuses]\nslutford = [\"■\"]\n").unwrap();
        let error = Profile::read(dir.path()).unwrap_err();
        assert!(error.contains("followup-profile.toml"), "{error}");
        assert!(error.contains("move it to [activity_statuses]"), "{error}");
        fs::write(&path, "[trends]\nupp = [\"↑\"]\n").unwrap();
        let error = Profile::read(dir.path()).unwrap_err();
        assert!(error.contains("`upp` is not a value here"), "{error}");
    }

    #[test]
    fn the_committed_profile_reads() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let profile =
            Profile::require(&content, "x", &[Key::PerspectiveIntro, Key::Statuses]).unwrap();
        // The perspectives and organs are the plan's and the site's.
        assert!(profile.organs.is_empty() && profile.perspectives.is_empty());
        let profile = profile.with_site(&content, "2022-2024").unwrap();
        assert_eq!(profile.organs, ["HSN", "PN", "RF", "RS", "RUN"]);
        assert_eq!(
            profile.perspectives,
            [
                "Samhälle",
                "Medborgare",
                "Verksamhet",
                "Medarbetare",
                "Ekonomi"
            ]
        );
        // ▲ is *ej uppnått* as a status, *ej påbörjad* for an activity, *förbättring* as a
        // trend (the legend of the 2020 annual report's appendix).
        assert_eq!(profile.status("▲", false), Some(Status::EjUppnatt));
        assert_eq!(profile.status("▲", true), Some(Status::EjPaborjad));
        assert_eq!(profile.status("■", true), Some(Status::Slutford));
        assert_eq!(profile.status("◊", true), Some(Status::BedomsEj));
        assert_eq!(profile.status("↑", false), None);
        assert_eq!(profile.trends.decode("▲"), Some(Trend::Forbattring));
        assert_eq!(profile.trends.decode("➔"), Some(Trend::Oforandrat));
        assert_eq!(profile.trends.decode("-"), None);
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
