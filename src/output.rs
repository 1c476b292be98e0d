//! Writing the site: everything goes into a staging folder beside the output folder, which is
//! swapped into place only when all files were written. A failed build never leaves a
//! half-written output, and Insyn replaces only an output folder it made ([`folder`]).

pub mod folder;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

pub use folder::{Folder, SwapError, Swapped};

/// A file of the finished site: path below the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Bytes,
}

/// A file's contents, shared: a page that `serve` keeps from one build to the next is held
/// once, by the render cache and the files being served alike, and never copied.
pub type Bytes = std::sync::Arc<Vec<u8>>;

/// Files at the top of every site Insyn builds that only Insyn writes: they recognise a site
/// that an older Insyn built, before the marker.
const SITE_SIGNATURE: &[&str] = &[
    crate::routes::SITEMAP,
    crate::routes::DATA_MEASURES_JSON,
    crate::routes::DATA_PARAGRAPHS_CSV,
];

/// The output folder at `path`, which a build replaces whole.
pub fn site_folder(path: &Path) -> Folder {
    Folder::new(path, SITE_SIGNATURE)
}

/// How to fix a failed write of the site or its search index, by what failed.
pub fn write_hint(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::StorageFull => {
            "the disk is full: free space on it (a build needs room for the files that changed \
             beside the previous ones), or build onto another disk with --output"
        }
        io::ErrorKind::QuotaExceeded => {
            "your disk quota is used up: free space in it, or build elsewhere with --output"
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "check that the output folder's parent is writable, or build elsewhere with --output"
        }
        _ => "check the output folder's parent folder and the disk it is on",
    }
}

/// A site being written into a staging folder beside its output folder; nothing visible
/// changes until [`Staging::swap`].
pub struct Staging {
    staged: folder::Staged,
    output: PathBuf,
    /// Whether a previous build is in the output folder (its unchanged files are linked).
    previous_site: bool,
}

impl Staging {
    /// Starts an empty staging folder beside `output` (after [`Folder::recover`]).
    pub fn begin(output: &Folder) -> io::Result<Staging> {
        Ok(Staging {
            staged: output.stage()?,
            output: output.path().to_path_buf(),
            // A first build has no previous files to compare with: one lookup, not one per file.
            previous_site: output.path().is_dir(),
        })
    }

    /// Writes `files`, in parallel, creating their folders first.
    pub fn write_all(&self, files: &[OutputFile]) -> io::Result<()> {
        create_dirs(self.staged.path(), files)?;
        files.par_iter().try_for_each(|file| self.write_file(file))
    }

    /// Writes one file whose folder may not exist yet; several threads may write at once.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        if let Some(dir) = Path::new(&file.path).parent()
            && !dir.as_os_str().is_empty()
        {
            // Usually the folder is new (a page's own) and its parent exists: one `mkdir`.
            let dir = self.staged.path().join(dir);
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
        fs::create_dir_all(self.staged.path().join(dir))
    }

    /// Writes a file into its existing folder, or links the previous build's identical file;
    /// several threads may write at once.
    pub fn write_file(&self, file: &OutputFile) -> io::Result<()> {
        let path = self.staged.path().join(&file.path);
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

    /// Swaps the staged site into place (see [`folder::Staged::swap`]).
    pub fn swap(self) -> Result<Swapped, SwapError> {
        self.staged.swap()
    }

    /// Drops the staged site; the output folder stays as it was.
    pub fn discard(self) {
        self.staged.discard();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` as the whole site in `output`, as a build does.
    fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
        let folder = site_folder(output);
        folder.recover()?;
        let staging = Staging::begin(&folder)?;
        staging.write_all(files)?;
        staging.swap().map_err(|e| e.error)?.finish();
        Ok(())
    }

    #[test]
    fn a_full_disk_is_reported_as_a_full_disk() {
        let full = io::Error::from_raw_os_error(libc::ENOSPC);
        assert!(write_hint(&full).starts_with("the disk is full"));
        assert!(!write_hint(&full).contains("writable"));
        let denied = io::Error::from_raw_os_error(libc::EACCES);
        assert!(write_hint(&denied).contains("writable"));
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
        assert!(out.join(folder::MARKER).is_file());
        let beside: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(beside.len(), 1, "{beside:?}");
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
        let staging = Staging::begin(&site_folder(&out)).unwrap();
        // The first write links the previous file; the second must not write through the link.
        staging.write(&file(b"one")).unwrap();
        staging.write(&file(b"two")).unwrap();
        staging.discard();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
    }
}
