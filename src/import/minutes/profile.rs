//! The layout profile: what the minutes importer knows about one organisation's minutes
//! rather than about Swedish minutes in general — its parties, the page furniture of its
//! template and the template's own section headings. It is data, read from
//! `<content>/_import/minutes-profile.toml`, so the code holds only the common Swedish layout
//! (`§ N`, `Dnr`, month names, `Reservation`, `Protokollsanteckning`, `Beslutsgång`, …).

use std::path::Path;

use serde::Deserialize;

use crate::content::RawParty;
use crate::import::clean::Furniture;

/// Where the profile lives, below the content folder (the loader skips `_import/`).
pub const PROFILE_FILE: &str = "minutes-profile.toml";

/// One organisation's minutes layout; see the profile file's comments for each key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Whole lines repeated on every page (`PROTOKOLL`).
    #[serde(default)]
    pub running_headers: Vec<String>,
    /// The label line of the box whose next line holds the document id and version.
    pub document_box: Option<String>,
    /// The title of a block in which two members attest a correction.
    pub correction_block: Option<String>,
    /// Words that may stand before `§` on a § line besides the organ's abbreviation and
    /// upper-case abbreviations (`Kf` in `Kf § 275`).
    #[serde(default)]
    pub paragraph_prefixes: Vec<String>,
    /// Words that start a § line instead of `§` (`Paragraf` in `Paragraf 12`).
    #[serde(default)]
    pub paragraph_words: Vec<String>,
    /// Decision headings besides the common ones (`<Organ>s beslut`, `Beslut`,
    /// `<Organ> beslutar`).
    #[serde(default)]
    pub decision_headings: Vec<String>,
    /// Headings of a table of contents besides the common ones (`Innehållsförteckning`, …).
    #[serde(default)]
    pub toc_headings: Vec<String>,
    /// Headings of the section that records the proposals made at the meeting.
    #[serde(default)]
    pub proposal_headings: Vec<String>,
    /// Headings of prose sections that go to the § body under their own heading.
    #[serde(default)]
    pub body_headings: Vec<String>,
    /// The parties whose members the minutes name as `Förnamn Efternamn (ABBREVIATION)`;
    /// those in `content/partier/` are added by [`Profile::load`].
    #[serde(default)]
    pub parties: Vec<Party>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// As written after a member's name (`SJVP`); matched in any case.
    pub abbreviation: String,
    pub name: String,
    /// The stem of the lower-case words for the party's members, as in a group's protocol
    /// note (`socialdemokrat` in `Från socialdemokraternas ledamöter: …`).
    #[serde(default)]
    pub members: Option<String>,
    /// Other ways the minutes write the abbreviation (`fp` for the Liberals' former name).
    #[serde(default)]
    pub spellings: Vec<String>,
    /// The party's file name in `content/partier/`: the file that has the abbreviation, else
    /// the abbreviation in lower case.
    #[serde(skip)]
    pub id: String,
}

impl Party {
    /// Whether a member's name followed by `(written)` names this party.
    pub fn is_written(&self, written: &str) -> bool {
        std::iter::once(&self.abbreviation)
            .chain(&self.spellings)
            .any(|a| a.to_lowercase() == written.to_lowercase())
    }
}

impl Profile {
    /// Reads the profile of `content_dir` and adds the parties of `content_dir/partier/`. Without a profile file, the importer goes on with the common
    /// layout after a warning on stderr that names the path and what is then not recognised.
    pub fn load(content_dir: &Path) -> Result<Profile, Vec<String>> {
        Self::load_from(content_dir, None)
    }

    /// [`Profile::load`], reading the profile at `path` when given (`--profile FILE`).
    pub fn load_from(content_dir: &Path, path: Option<&Path>) -> Result<Profile, Vec<String>> {
        let default_path = crate::import::import_file(content_dir, PROFILE_FILE);
        let path = path.unwrap_or(&default_path);
        let mut profile = match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text).map_err(|e| vec![format!("{}: {e}", path.display())])?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && path == default_path => {
                eprintln!("{}", missing_warning(path));
                Profile::default()
            }
            Err(e) => return Err(vec![format!("{}: cannot read: {e}", path.display())]),
        };
        profile.add_content_parties(content_dir)?;
        Ok(profile)
    }

    /// Parses a profile; an error names the key that is unknown, missing or of the wrong type.
    pub fn parse(text: &str) -> Result<Profile, String> {
        let mut profile: Profile = toml::from_str(text).map_err(|e| e.to_string())?;
        // An empty stem is in every note's lead-in, an empty abbreviation in every `()`.
        let blank = profile.parties.iter().position(|p| {
            p.abbreviation.trim().is_empty()
                || p.members.as_ref().is_some_and(|m| m.trim().is_empty())
                || p.spellings.iter().any(|s| s.trim().is_empty())
        });
        if let Some(i) = blank {
            return Err(format!(
                "parties[{i}]: `abbreviation`, `members` and `spellings` must not be empty"
            ));
        }
        for p in &mut profile.parties {
            p.id = p.abbreviation.to_lowercase();
        }
        Ok(profile)
    }

    /// Adds the parties of `content_dir/partier/`: a profile party that has a file there takes
    /// the file's id and spellings; the others are added with their file's name.
    fn add_content_parties(&mut self, content_dir: &Path) -> Result<(), Vec<String>> {
        let dir = content_dir.join(crate::routes::content::PARTIES);
        let files = crate::import::writer::entity_files(&dir)
            .map_err(|e| vec![format!("{}: {e}", dir.display())])?;
        for (id, path) in files {
            let (party, _) = crate::import::writer::read_front::<RawParty>(&path)
                .map_err(|e| vec![e.to_string()])?;
            let known = self.parties.iter_mut().find(|p| {
                p.is_written(&party.abbreviation) || party.spellings.iter().any(|s| p.is_written(s))
            });
            match known {
                Some(p) => {
                    p.id = id;
                    for s in party.spellings {
                        if !p.is_written(&s) {
                            p.spellings.push(s);
                        }
                    }
                }
                None => self.parties.push(Party {
                    abbreviation: party.abbreviation,
                    name: party.name,
                    members: None,
                    spellings: party.spellings,
                    id,
                }),
            }
        }
        Ok(())
    }

    /// The template's page furniture, for `clean`.
    pub fn furniture(&self) -> Furniture<'_> {
        Furniture {
            running_headers: &self.running_headers,
            document_box: self.document_box.as_deref(),
            document_box_labels: &[],
            correction_block: self.correction_block.as_deref(),
        }
    }

    /// The party written `abbreviation` after a member's name, in any case.
    pub fn party(&self, abbreviation: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.is_written(abbreviation))
    }
}

fn missing_warning(path: &Path) -> String {
    format!(
        "warning: {} not found; importing with the common Swedish layout and the parties of \
         content/partier/ only: no party-group note is attributed, only running headers found \
         by their shape are removed, no document box or correction block is removed (so the \
         meeting has no document id), and no template-specific heading is recognised. See \
         README, \"Importing minutes\".",
        path.display()
    )
}
