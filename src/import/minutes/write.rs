//! Writing an imported meeting as content files, through the content schema's records.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::{RawOrgan, unspanned};

use super::{ImportedMeeting, LineRange, source_ref};

/// A content file: the record as TOML front matter between `+++` lines, then the body.
pub(super) fn front_matter_file<T: Serialize>(front: &T, body: &str) -> io::Result<String> {
    let toml = toml::to_string(front).map_err(io::Error::other)?;
    Ok(format!("+++\n{toml}+++\n{body}"))
}

/// The files an import of `m` writes below `content_dir`: the meeting folder
/// `protokoll/<organ_id>/<date>/` (`_index.md` and one `<number>.md` per §, replacing earlier
/// imports), and a file in `personer/`, `partier/` and `organ/` for each person, party and
/// the organ that has none yet: those files are shared by all meetings and may have been
/// edited by hand, so they are never overwritten.
pub fn planned_files(
    m: &ImportedMeeting,
    content_dir: &Path,
    organ_id: &str,
) -> io::Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    let folder = content_dir.join("protokoll").join(organ_id).join(&m.date);
    files.push((folder.join("_index.md"), front_matter_file(&m.front, "")?));
    for p in &m.paragraphs {
        files.push((
            folder.join(format!("{}.md", p.front.number.get_ref())),
            front_matter_file(&p.front, &p.body)?,
        ));
    }
    let mut shared: Vec<(PathBuf, String)> = Vec::new();
    for (slug, p) in &m.persons {
        shared.push((
            content_dir.join("personer").join(format!("{slug}.md")),
            front_matter_file(p, "")?,
        ));
    }
    for (id, p) in &m.parties {
        shared.push((
            content_dir.join("partier").join(format!("{id}.md")),
            front_matter_file(p, "")?,
        ));
    }
    let organ = RawOrgan {
        name: unspanned(m.organ.clone()),
        abbreviation: m
            .paragraph_prefix
            .as_ref()
            .map_or_else(|| organ_id.to_uppercase(), |p| p.to_uppercase()),
        source: m
            .organ_line
            .and_then(|l| source_ref(source_name(m), LineRange::line(l))),
    };
    shared.push((
        content_dir.join("organ").join(format!("{organ_id}.md")),
        front_matter_file(&organ, "")?,
    ));
    files.extend(shared.into_iter().filter(|(path, _)| !path.exists()));
    Ok(files)
}

/// The source file's name, as the meeting records it.
fn source_name(m: &ImportedMeeting) -> &str {
    m.front.source.as_ref().map_or("", |s| s.get_ref().as_str())
}

/// Writes the [`planned_files`] and returns their paths.
pub fn write_minutes(
    m: &ImportedMeeting,
    content_dir: &Path,
    organ_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let files = planned_files(m, content_dir, organ_id)?;
    let mut written = Vec::new();
    for (path, text) in files {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}
