//! Writing the site: everything goes into a staging folder beside the output folder, which is
//! swapped into place only when all files were written. A failed build never leaves a
//! half-written output.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

/// A file of the finished site: path below the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Bytes,
}

/// A file's contents, shared: a page that `serve` keeps from one build to the next is held
/// once, by the render cache and the files being served alike, and never copied.
pub type Bytes = std::sync::Arc<Vec<u8>>;

/// Refuses output folders whose replacement would destroy something else: the site itself, a
/// folder above it, or a folder holding a project (`insyn.toml`, `Cargo.toml`, `.git`).
pub fn check_output_dir(output: &Path, site_root: &Path) -> Result<(), String> {
    let absolute = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let out = absolute(output);
    if absolute(site_root).starts_with(&out) {
        return Err(format!(
            "the output folder {} contains the site itself",
            output.display()
        ));
    }
    for marker in ["insyn.toml", "Cargo.toml", ".git", "content"] {
        if out.join(marker).exists() {
            return Err(format!(
                "the output folder {} holds `{marker}`; it looks like a project, not a built site",
                output.display()
            ));
        }
    }
    Ok(())
}

/// Writes `files` to `output`, replacing its previous contents only on success.
pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::begin(output)?;
    match staging.write_all(files) {
        Ok(()) => staging.commit(),
        Err(e) => {
            staging.discard();
            Err(e)
        }
    }
}

/// A site being written into a staging folder beside its output folder; nothing visible
/// changes until [`Staging::commit`].
pub struct Staging {
    staging: PathBuf,
    old: PathBuf,
    output: PathBuf,
    /// Whether a previous build is in the output folder (its unchanged files are linked).
    previous_site: bool,
}

impl Staging {
    /// Starts an empty staging folder beside `output` (a leftover of an interrupted build is
    /// removed first).
    pub fn begin(output: &Path) -> io::Result<Staging> {
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = output
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let parent = if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent
        };
        fs::create_dir_all(&parent)?;
        let staging = parent.join(format!(".{name}.staging"));
        let old = parent.join(format!(".{name}.old"));
        remove_if_exists(&staging)?;
        remove_if_exists(&old)?;
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            staging,
            old,
            output: output.to_path_buf(),
            // A first build has no previous files to compare with: one lookup, not one per file.
            previous_site: output.is_dir(),
        })
    }

    /// Writes `files`, in parallel, creating their folders first.
    pub fn write_all(&self, files: &[OutputFile]) -> io::Result<()> {
        create_dirs(&self.staging, files)?;
        files.par_iter().try_for_each(|file| self.write_file(file))
    }

    /// Writes one file whose folder may not exist yet; several threads may write at once.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        if let Some(dir) = Path::new(&file.path).parent()
            && !dir.as_os_str().is_empty()
        {
            // Usually the folder is new (a page's own) and its parent exists: one `mkdir`.
            let dir = self.staging.join(dir);
            match fs::create_dir(&dir) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(&dir)?,
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
        }
        self.write_file(file)
    }

    /// Creates a folder (and its parents) below the staging folder.
    pub fn create_dir(&self, dir: &str) -> io::Result<()> {
        fs::create_dir_all(self.staging.join(dir))
    }

    /// Writes a file into its existing folder, or links the previous build's identical file;
    /// several threads may write at once.
    pub fn write_file(&self, file: &OutputFile) -> io::Result<()> {
        let path = self.staging.join(&file.path);
        if self.previous_site {
            let previous = self.output.join(&file.path);
            if unchanged(&previous, &file.bytes) && fs::hard_link(&previous, &path).is_ok() {
                return Ok(());
            }
        }
        // Never write into a file that is already there: it may be a link to the previous
        // build's file, which a path written twice must not change.
        let mut out = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                fs::remove_file(&path)?;
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)?
            }
            opened => opened?,
        };
        out.write_all(&file.bytes)
    }

    /// Swaps the staged site into place and removes the previous one.
    pub fn commit(self) -> io::Result<()> {
        if self.output.exists() {
            fs::rename(&self.output, &self.old)?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.output) {
            // Put the previous site back so nothing is lost.
            if self.old.exists() {
                let _ = fs::rename(&self.old, &self.output);
            }
            return Err(e);
        }
        remove_if_exists(&self.old)
    }

    /// Drops the staged site; the output folder stays as it was.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

/// Creates every folder the files need, each once.
fn create_dirs(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    // Every folder and its ancestors, by depth: a large site has a folder per page, and
    // creating them one level at a time lets the folders of a level be created in parallel.
    // Output paths are `/`-separated strings; hashing them is much cheaper than ordering
    // `Path`s component by component (a large site has hundreds of thousands).
    let mut by_depth: Vec<FxHashSet<&str>> = Vec::new();
    for f in files {
        let mut dir = f.path.as_str();
        while let Some(cut) = dir.rfind('/') {
            dir = &dir[..cut];
            if dir.is_empty() {
                break;
            }
            let depth = dir.matches('/').count();
            if by_depth.len() <= depth {
                by_depth.resize_with(depth + 1, FxHashSet::default);
            }
            if !by_depth[depth].insert(dir) {
                // Its ancestors are in already.
                break;
            }
        }
    }
    for level in by_depth {
        let level: Vec<&str> = level.into_iter().collect();
        level
            .par_iter()
            .try_for_each(|dir| match fs::create_dir(root.join(dir)) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
                _ => Ok(()),
            })?;
    }
    Ok(())
}

/// Whether the previous build wrote exactly `bytes` to `path`. An unchanged file is hard-linked
/// into the new site instead of written: rebuilds then allocate and free inodes only for what
/// changed, which on ext4 without a journal is what makes writing many files slow
/// (`recently_deleted` in inode allocation).
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_a_project() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        assert!(check_output_dir(&site, &site).is_err());
        assert!(check_output_dir(dir.path(), &site).is_err());
        assert!(check_output_dir(&site.join("public"), &site).is_ok());
        fs::create_dir_all(dir.path().join("other/.git")).unwrap();
        assert!(check_output_dir(&dir.path().join("other"), &site).is_err());
    }

    #[test]
    fn replaces_the_previous_site_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[OutputFile {
                path: "a/index.html".into(),
                bytes: b"one".to_vec().into(),
            }],
        )
        .unwrap();
        write_site(
            &out,
            &[OutputFile {
                path: "b.html".into(),
                bytes: b"two".to_vec().into(),
            }],
        )
        .unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"two");
        assert!(!dir.path().join(".public.staging").exists());
        assert!(!dir.path().join(".public.old").exists());
    }

    #[test]
    fn a_rebuild_links_unchanged_files_and_writes_changed_ones() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let file = |path: &str, bytes: &[u8]| OutputFile {
            path: path.into(),
            bytes: bytes.to_vec().into(),
        };
        let inode = |path: &str| fs::metadata(out.join(path)).unwrap().ino();
        write_site(
            &out,
            &[file("same.html", b"one"), file("edit.html", b"two")],
        )
        .unwrap();
        let (same, edited) = (inode("same.html"), inode("edit.html"));
        write_site(
            &out,
            &[file("same.html", b"one"), file("edit.html", b"tre")],
        )
        .unwrap();
        assert_eq!(inode("same.html"), same);
        assert_ne!(inode("edit.html"), edited);
        assert_eq!(fs::read(out.join("edit.html")).unwrap(), b"tre");
    }

    #[test]
    fn a_path_written_twice_leaves_the_previous_site_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let file = |bytes: &[u8]| OutputFile {
            path: "a/index.html".into(),
            bytes: bytes.to_vec().into(),
        };
        write_site(&out, &[file(b"one")]).unwrap();
        let staging = Staging::begin(&out).unwrap();
        // The first write links the previous file; the second must not write through the link.
        staging.write(&file(b"one")).unwrap();
        staging.write(&file(b"two")).unwrap();
        staging.discard();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
    }
}
