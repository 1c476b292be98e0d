//! The layout profile: what the minutes importer knows about one organisation's minutes
//! rather than about Swedish minutes in general — its parties, the page furniture of its
//! template and the template's own section headings. It is data, read from
//! `<content>/_import/minutes-profile.toml`, so the code holds only the common Swedish layout
//! (`§ N`, `Dnr`, month names, `Reservation`, `Protokollsanteckning`, `Beslutsgång`, …).

use std::path::Path;

use serde::Deserialize;

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
    /// Headings of the section that records the proposals made at the meeting.
    #[serde(default)]
    pub proposal_headings: Vec<String>,
    /// Headings of prose sections that go to the § body under their own heading.
    #[serde(default)]
    pub body_headings: Vec<String>,
    /// The parties whose members the minutes name as `Förnamn Efternamn (ABBREVIATION)`.
    #[serde(default)]
    pub parties: Vec<Party>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// As written after a member's name (`SJVP`).
    pub abbreviation: String,
    pub name: String,
    /// The stem of the lower-case words for the party's members, as in a group's protocol
    /// note (`socialdemokrat` in `Från socialdemokraternas ledamöter: …`).
    pub members: String,
}

impl Profile {
    /// Reads the profile of `content_dir`. Without the file, the importer goes on with an
    /// empty profile after a warning on stderr that names the path and what is then not
    /// recognised: the profile's values cannot be guessed.
    pub fn load(content_dir: &Path) -> Result<Profile, Vec<String>> {
        let path = crate::import::import_file(content_dir, PROFILE_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                eprintln!("{}", missing_warning(&path));
                return Ok(Profile::default());
            }
            Err(e) => return Err(vec![format!("{}: cannot read: {e}", path.display())]),
        };
        Self::parse(&text).map_err(|e| vec![format!("{}: {e}", path.display())])
    }

    /// Parses a profile; an error names the key that is unknown, missing or of the wrong type.
    pub fn parse(text: &str) -> Result<Profile, String> {
        let profile: Profile = toml::from_str(text).map_err(|e| e.to_string())?;
        // An empty stem is in every note's lead-in, an empty abbreviation in every `()`.
        let blank = profile
            .parties
            .iter()
            .position(|p| p.abbreviation.trim().is_empty() || p.members.trim().is_empty());
        match blank {
            Some(i) => Err(format!(
                "parties[{i}]: `abbreviation` and `members` must not be empty"
            )),
            None => Ok(profile),
        }
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

    /// The party written `abbreviation` after a member's name.
    pub fn party(&self, abbreviation: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.abbreviation == abbreviation)
    }
}

fn missing_warning(path: &Path) -> String {
    format!(
        "warning: {} not found; importing with the common Swedish layout only: no party is \
         known (so no person is read from `Name (PARTY)` mentions and no party-group note is \
         attributed), no running header, document box or correction block is removed (so the \
         meeting has no document id), and the template's proposal and body headings are not \
         recognised. See README, \"Importing minutes\".",
        path.display()
    )
}
