//! Folders a build replaces whole (the site's output folder and the search index beside it):
//! which folders Insyn may replace, the staging folder a build writes into beside one, the
//! swap into place, and what interrupted builds left behind.
//!
//! Insyn replaces only a folder that is missing, empty, or made by Insyn: one holding the
//! [`MARKER`] file, or (made by an older Insyn, before the marker) every file of its kind's
//! signature. Never the site's own inputs, a file, a symbolic link or a folder above the site.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as made by Insyn, to be replaced by the next build.
pub const MARKER: &str = ".insyn-output";
const MARKER_TEXT: &str = "Insyn made this folder and replaces it whole on every build: \
                           keep nothing of your own here.\n";

/// A folder Insyn replaces whole on every build.
#[derive(Debug, Clone)]
pub struct Folder {
    /// As the user named it, for messages.
    shown: PathBuf,
    /// Absolute, with the symbolic links of its parent folders resolved (not its own).
    path: PathBuf,
    /// Files at the top of every such folder that only Insyn writes: an older Insyn's folder,
    /// made before the marker, holds them all.
    signature: &'static [&'static str],
}

impl std::fmt::Display for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.shown.display().fmt(f)
    }
}

impl Folder {
    pub fn new(path: &Path, signature: &'static [&'static str]) -> Folder {
        Folder {
            shown: path.to_path_buf(),
            path: resolved(path),
            signature,
        }
    }

    /// The folder, absolute.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why replacing the folder could destroy something Insyn did not make, if it could: a
    /// phrase to follow the folder's name. `inputs` are the site's own files and folders, each
    /// with what to call it ("the site's content folder").
    pub fn refusal(&self, site_root: &Path, inputs: &[(&Path, &str)]) -> Option<String> {
        if canonical(site_root).starts_with(&self.path) {
            return Some("holds the site itself".into());
        }
        for &(input, what) in inputs {
            for input in [resolved(input), canonical(input)] {
                if self.path == input {
                    return Some(format!("is {what}"));
                }
                if self.path.starts_with(&input) {
                    return Some(format!("is inside {what}"));
                }
            }
        }
        let metadata = match fs::symlink_metadata(&self.path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
            Err(e) => return Some(format!("cannot be read: {e}")),
            Ok(metadata) => metadata,
        };
        if metadata.is_symlink() {
            return Some(
                "is a symbolic link; Insyn would replace the link, not the folder it points to"
                    .into(),
            );
        }
        if !metadata.is_dir() {
            return Some("is a file, not a folder".into());
        }
        if self.made_by_insyn(&self.path) {
            return None;
        }
        match first_entry(&self.path) {
            Ok(None) => None,
            Ok(Some(name)) => Some(format!(
                "holds files Insyn did not make, such as `{}`",
                name.to_string_lossy()
            )),
            Err(e) => Some(format!("cannot be read: {e}")),
        }
    }

    /// Undoes what interrupted builds left beside the folder: puts back a previous folder that
    /// a swap moved aside but did not replace, removes one it did replace, and removes the
    /// staging folders no running build holds.
    pub fn recover(&self) -> io::Result<()> {
        let old = self.aside();
        if fs::symlink_metadata(&old).is_ok_and(|m| m.is_dir())
            && (self.made_by_insyn(&old) || first_entry(&old)?.is_none())
        {
            if exists(&self.path)? {
                // The swap was done; failing to remove it is no reason to fail this build.
                let _ = fs::remove_dir_all(&old);
            } else {
                fs::rename(&old, &self.path)?;
            }
        }
        let entries = match fs::read_dir(self.parent()) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            entries => entries?,
        };
        for entry in entries {
            let entry = entry?;
            if let Some(pid) = self.staging_pid(&entry.file_name())
                && entry.file_type()?.is_dir()
                && is_abandoned(&entry.path(), pid)
            {
                // Failing to remove one is no reason to fail the build; the next build tries again.
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        Ok(())
    }

    /// A new, empty staging folder beside this one, which this build holds until it is swapped
    /// in or discarded. [`Folder::recover`] comes first: it removes a folder of the same name
    /// that an earlier process with this build's id left.
    pub fn stage(&self) -> io::Result<Staged> {
        let path = self.sibling(&format!("staging-{}", std::process::id()));
        fs::create_dir_all(self.parent())?;
        fs::create_dir(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        // Locked before it is marked: a marked staging folder nobody holds is abandoned.
        let lock = File::open(&path)?;
        lock.lock()?;
        fs::write(path.join(MARKER), MARKER_TEXT)?;
        Ok(Staged {
            path,
            folder: self.clone(),
            _lock: lock,
        })
    }

    /// Whether `dir` was made by Insyn: it holds the marker, or every file of the signature.
    fn made_by_insyn(&self, dir: &Path) -> bool {
        dir.join(MARKER).is_file()
            || (!self.signature.is_empty() && self.signature.iter().all(|f| dir.join(f).exists()))
    }

    fn parent(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }

    fn name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    /// `.<name>.<suffix>` beside the folder.
    fn sibling(&self, suffix: &str) -> PathBuf {
        self.parent().join(format!(".{}.{suffix}", self.name()))
    }

    /// Where a swap without an atomic exchange moves the previous folder meanwhile.
    fn aside(&self) -> PathBuf {
        self.sibling("old")
    }

    /// The process id in the name of a staging folder beside this one
    /// (`.<name>.staging-<pid>`); `Some(None)` for `.<name>.staging`, which older versions used.
    fn staging_pid(&self, name: &OsStr) -> Option<Option<u32>> {
        let rest = name
            .to_str()?
            .strip_prefix(&format!(".{}.staging", self.name()))?;
        if rest.is_empty() {
            return Some(None);
        }
        let digits = rest.strip_prefix('-')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().map(Some)
    }
}

/// A staging folder beside a [`Folder`], written by this build and locked by it (which tells
/// other builds it is in use) until it is swapped in or discarded.
pub struct Staged {
    path: PathBuf,
    folder: Folder,
    _lock: File,
}

/// A swap that failed.
#[derive(Debug)]
pub struct SwapError {
    pub error: io::Error,
    /// Where the previous folder is when the failure left it beside its place instead of in it
    /// (the next build puts it back); `None` when the folder is as it was.
    pub aside: Option<PathBuf>,
}

impl SwapError {
    fn kept(error: io::Error) -> SwapError {
        SwapError { error, aside: None }
    }
}

impl Staged {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the staged folder in place of the folder. On Linux the two are exchanged in one
    /// step, so the folder's path always names a whole folder, the previous or the new one;
    /// elsewhere, or where the file system cannot exchange, the previous folder is first moved
    /// aside. On failure the staged folder is discarded.
    pub fn swap(self) -> Result<Swapped, SwapError> {
        let target = self.folder.path.clone();
        let replaced = match exists(&target) {
            Ok(replaced) => replaced,
            Err(e) => return Err(self.fail(SwapError::kept(e))),
        };
        if !replaced {
            return match fs::rename(&self.path, &target) {
                Ok(()) => Ok(Swapped {
                    staged: self,
                    previous: None,
                }),
                Err(e) => Err(self.fail(SwapError::kept(e))),
            };
        }
        match exchange(&self.path, &target) {
            Ok(true) => {
                let previous = Some(self.path.clone());
                Ok(Swapped {
                    staged: self,
                    previous,
                })
            }
            Ok(false) => self.swap_by_renames(),
            Err(e) => Err(self.fail(SwapError::kept(e))),
        }
    }

    /// The swap as two renames: the previous folder aside, the staged one in its place. A build
    /// killed between them leaves the previous folder aside, and the next build puts it back.
    fn swap_by_renames(self) -> Result<Swapped, SwapError> {
        let (target, aside) = (self.folder.path.clone(), self.folder.aside());
        if let Err(e) = fs::rename(&target, &aside) {
            return Err(self.fail(SwapError::kept(e)));
        }
        if let Err(error) = fs::rename(&self.path, &target) {
            let failure = match fs::rename(&aside, &target) {
                Ok(()) => SwapError::kept(error),
                Err(_) => SwapError {
                    error,
                    aside: Some(aside),
                },
            };
            return Err(self.fail(failure));
        }
        Ok(Swapped {
            staged: self,
            previous: Some(aside),
        })
    }

    fn fail(self, error: SwapError) -> SwapError {
        self.discard();
        error
    }

    /// Drops the staged folder; the folder stays as it was.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// A folder swapped into place; the previous folder is kept until [`Swapped::finish`], so that
/// a later failure of the same build can put it back.
pub struct Swapped {
    staged: Staged,
    /// Where the previous folder is now, if there was one.
    previous: Option<PathBuf>,
}

impl Swapped {
    /// Removes the previous folder.
    pub fn finish(self) {
        if let Some(previous) = &self.previous {
            // A leftover is removed by the next build's `recover`.
            let _ = fs::remove_dir_all(previous);
        }
    }

    /// Puts the previous folder back in place and drops the new one.
    pub fn undo(self) -> Result<(), SwapError> {
        let Swapped { staged, previous } = self;
        let target = staged.folder.path.clone();
        let result = match &previous {
            // Exchanged: exchanging again restores it in one step.
            Some(previous) if previous == &staged.path => match exchange(&target, previous) {
                Ok(true) => Ok(()),
                Ok(false) => Err(io::Error::from(io::ErrorKind::Unsupported)),
                Err(e) => Err(e),
            },
            _ => fs::rename(&target, &staged.path).and_then(|()| match &previous {
                Some(previous) => fs::rename(previous, &target),
                None => Ok(()),
            }),
        };
        match result {
            Ok(()) => {
                staged.discard();
                Ok(())
            }
            Err(error) => Err(SwapError {
                error,
                aside: previous,
            }),
        }
    }
}

/// Exchanges two existing paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`);
/// `Ok(false)` where the system or the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Whether no running build holds a staging folder. A build locks its staging folder for as
/// long as it runs, and marks it once locked, so a marked folder nobody holds is abandoned;
/// an unmarked one (older versions neither locked nor marked theirs) is abandoned once the
/// process named in it is gone.
fn is_abandoned(dir: &Path, pid: Option<u32>) -> bool {
    let Ok(handle) = File::open(dir) else {
        return false;
    };
    if handle.try_lock().is_err() {
        return false;
    }
    dir.join(MARKER).is_file() || !pid.is_some_and(another_process_runs)
}

/// Whether a process other than this one runs with this id.
fn another_process_runs(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    pid != std::process::id()
        && i32::try_from(pid)
            .ok()
            .and_then(Pid::from_raw)
            .is_some_and(|pid| test_kill_process(pid) != Err(rustix::io::Errno::SRCH))
}

fn exists(path: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// The first name in a folder, by name; `None` when it is empty.
fn first_entry(dir: &Path) -> io::Result<Option<std::ffi::OsString>> {
    let mut first = None;
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        if first.as_ref().is_none_or(|f| &name < f) {
            first = Some(name);
        }
    }
    Ok(first)
}

/// `path` made absolute, with the symbolic links of its parent folders resolved and its last
/// component kept as it is (a link there is refused, never followed).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => canonical(&absolute),
    }
}

/// `path` with every symbolic link resolved, as far as it exists.
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNATURE: &[&str] = &["sitemap.xml", "data"];

    /// A site root with content, themes and config, and the folder `public` beside them.
    fn site() -> (tempfile::TempDir, PathBuf, Folder) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content/organ")).unwrap();
        fs::create_dir_all(root.join("themes/default")).unwrap();
        fs::write(root.join("insyn.toml"), "title = \"x\"\n").unwrap();
        let public = Folder::new(&root.join("public"), SIGNATURE);
        (dir, root, public)
    }

    fn refusal(folder: &Path, root: &Path) -> Option<String> {
        let (config, content, themes) = (
            root.join("insyn.toml"),
            root.join("content"),
            root.join("themes"),
        );
        Folder::new(folder, SIGNATURE).refusal(
            root,
            &[
                (&config, "the config file"),
                (&content, "the content folder"),
                (&themes, "the themes folder"),
            ],
        )
    }

    fn staged_with(folder: &Folder, file: &str) -> Staged {
        let staged = folder.stage().unwrap();
        fs::write(staged.path().join(file), file).unwrap();
        staged
    }

    #[test]
    fn replaces_only_missing_empty_or_own_folders() {
        let (_dir, root, public) = site();
        let path = public.path().to_path_buf();
        assert_eq!(refusal(&path, &root), None, "missing");
        fs::create_dir(&path).unwrap();
        assert_eq!(refusal(&path, &root), None, "empty");
        fs::write(path.join("notes.txt"), "mine").unwrap();
        assert_eq!(
            refusal(&path, &root).as_deref(),
            Some("holds files Insyn did not make, such as `notes.txt`")
        );
        fs::write(path.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(refusal(&path, &root), None, "marked");
        fs::remove_file(path.join(MARKER)).unwrap();
        fs::write(path.join("sitemap.xml"), "").unwrap();
        assert!(refusal(&path, &root).is_some(), "half the signature");
        fs::create_dir(path.join("data")).unwrap();
        assert_eq!(refusal(&path, &root), None, "an older Insyn's site");
    }

    #[test]
    fn never_replaces_the_sites_inputs_a_file_a_link_or_the_site() {
        let (dir, root, _) = site();
        let says = |path: &Path, what: &str| {
            let why = refusal(path, &root).unwrap_or_default();
            assert!(why.contains(what), "{}: {why:?}", path.display());
        };
        says(&root.join("content"), "is the content folder");
        says(&root.join("content/organ"), "is inside the content folder");
        says(&root.join("content/new"), "is inside the content folder");
        says(&root.join("themes"), "is the themes folder");
        says(&root.join("insyn.toml"), "is the config file");
        says(&root, "holds the site itself");
        says(&root.join("content/.."), "holds the site itself");
        says(dir.path(), "holds the site itself");
        fs::write(dir.path().join("notes.txt"), "").unwrap();
        says(&dir.path().join("notes.txt"), "is a file");
        fs::create_dir(dir.path().join("www")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("www"), root.join("public")).unwrap();
        says(&root.join("public"), "is a symbolic link");
    }

    #[test]
    fn a_swap_replaces_the_folder_whole_and_can_be_undone() {
        let (_dir, _root, public) = site();
        public.recover().unwrap();
        staged_with(&public, "one").swap().unwrap().finish();
        assert!(public.path().join("one").is_file());
        assert!(public.path().join(MARKER).is_file());

        staged_with(&public, "two").swap().unwrap().finish();
        assert!(!public.path().join("one").exists());
        assert!(public.path().join("two").is_file());

        staged_with(&public, "three")
            .swap()
            .unwrap()
            .undo()
            .unwrap();
        assert!(public.path().join("two").is_file());
        assert!(!public.path().join("three").exists());
        let parent = public.path().parent().unwrap();
        let beside: Vec<_> = fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with(".public"))
            .collect();
        assert_eq!(beside, Vec::<std::ffi::OsString>::new());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_swap_exchanges_in_one_step_on_linux() {
        let (_dir, _root, public) = site();
        staged_with(&public, "one").swap().unwrap().finish();
        let swapped = staged_with(&public, "two").swap().unwrap();
        // The previous site waits in the staging folder, not moved aside: the output folder
        // was never missing.
        assert!(!public.aside().exists());
        assert!(swapped.staged.path().join("one").is_file());
        swapped.finish();
    }

    #[test]
    fn a_swap_by_renames_can_be_undone() {
        let (_dir, _root, public) = site();
        staged_with(&public, "one").swap().unwrap().finish();
        let swapped = staged_with(&public, "two").swap_by_renames().unwrap();
        assert!(public.aside().join("one").is_file());
        swapped.undo().unwrap();
        assert!(public.path().join("one").is_file());
        assert!(!public.aside().exists());
        staged_with(&public, "three")
            .swap_by_renames()
            .unwrap()
            .finish();
        assert!(public.path().join("three").is_file());
        assert!(!public.aside().exists());
    }

    #[test]
    fn a_folder_left_aside_is_put_back_or_removed() {
        let (_dir, _root, public) = site();
        staged_with(&public, "one").swap().unwrap().finish();
        // Killed between the two renames: the previous folder aside, none in place.
        fs::rename(public.path(), public.aside()).unwrap();
        public.recover().unwrap();
        assert!(public.path().join("one").is_file());
        assert!(!public.aside().exists());
        // Killed before removing the previous folder: the new one is in place.
        staged_with(&public, "two").swap().unwrap().finish();
        fs::create_dir(public.aside()).unwrap();
        fs::write(public.aside().join(MARKER), MARKER_TEXT).unwrap();
        public.recover().unwrap();
        assert!(public.path().join("two").is_file());
        assert!(!public.aside().exists());
        // A folder of that name Insyn did not make stays.
        fs::create_dir(public.aside()).unwrap();
        fs::write(public.aside().join("notes.txt"), "").unwrap();
        public.recover().unwrap();
        assert!(public.aside().join("notes.txt").is_file());
    }

    #[test]
    fn abandoned_staging_folders_are_removed_and_running_builds_kept() {
        let (_dir, _root, public) = site();
        let parent = public.path().parent().unwrap();
        let folder = |name: &str, marked: bool| {
            let path = parent.join(name);
            fs::create_dir(&path).unwrap();
            fs::write(path.join("segment"), "data").unwrap();
            if marked {
                fs::write(path.join(MARKER), MARKER_TEXT).unwrap();
            }
            path
        };
        // A process that has ended: its id names no running process.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let ended = child.id();
        child.wait().unwrap();
        let running = std::os::unix::process::parent_id();
        let removed = [
            // Marked and not held: abandoned, whether or not a process has its id.
            folder(".public.staging-1", true),
            // Older versions' folders, unmarked: abandoned once their process is gone.
            folder(&format!(".public.staging-{ended}"), false),
            folder(&format!(".public.staging-{}", std::process::id()), false),
            folder(".public.staging", false),
        ];
        let kept = [
            folder(&format!(".public.staging-{running}"), false),
            folder(".public.staging-notes", true),
            folder(".other.staging-1", true),
        ];
        let held = folder(".public.staging-999999999", true);
        let lock = File::open(&held).unwrap();
        lock.lock().unwrap();
        public.recover().unwrap();
        for path in removed {
            assert!(!path.exists(), "{} is left", path.display());
        }
        for path in kept {
            assert!(path.exists(), "{} is removed", path.display());
        }
        assert!(held.exists(), "a running build's folder is removed");
        drop(lock);
        public.recover().unwrap();
        assert!(!held.exists());
    }
}
