//! Writing an imported meeting as content files, through the content schema's records.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::ImportedMeeting;

/// A content file: the record as TOML front matter between `+++` lines, then the body.
pub(super) fn front_matter_file<T: Serialize>(front: &T, body: &str) -> io::Result<String> {
    let toml = toml::to_string(front).map_err(io::Error::other)?;
    Ok(format!("+++\n{toml}+++\n{body}"))
}

/// Writes the meeting to `content_dir/protokoll/<organ_id>/<date>/` (`_index.md` and one
/// `<number>.md` per §, replacing earlier imports), and a file in `personer/` and `partier/`
/// for each person and party that has none yet: those files are shared by all meetings and
/// may have been edited by hand, so they are never overwritten. Returns the files written.
pub fn write_minutes(
    m: &ImportedMeeting,
    content_dir: &Path,
    organ_id: &str,
) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let folder = content_dir.join("protokoll").join(organ_id).join(&m.date);
    std::fs::create_dir_all(&folder)?;
    let mut write = |path: PathBuf, text: String| -> io::Result<()> {
        std::fs::write(&path, text)?;
        written.push(path);
        Ok(())
    };
    write(folder.join("_index.md"), front_matter_file(&m.front, "")?)?;
    for p in &m.paragraphs {
        write(
            folder.join(format!("{}.md", p.front.number.get_ref())),
            front_matter_file(&p.front, &p.body)?,
        )?;
    }
    for (dir, files) in [
        (
            "personer",
            m.persons
                .iter()
                .map(|(slug, p)| Ok((slug.clone(), front_matter_file(p, "")?)))
                .collect::<io::Result<Vec<_>>>()?,
        ),
        (
            "partier",
            m.parties
                .iter()
                .map(|(id, p)| Ok((id.clone(), front_matter_file(p, "")?)))
                .collect::<io::Result<Vec<_>>>()?,
        ),
    ] {
        let dir = content_dir.join(dir);
        std::fs::create_dir_all(&dir)?;
        for (id, text) in files {
            let path = dir.join(format!("{id}.md"));
            if !path.exists() {
                write(path, text)?;
            }
        }
    }
    Ok(written)
}
