//! What `serve` watches: `content/`, `themes/` and the config. The site root is watched on its
//! own level (the config, and the two folders as entries) and each folder recursively; when a
//! folder is replaced (moved away and back, removed and copied anew) its watch is set up again,
//! since the old one went with the folder. Changes come in bursts (an editor's save, a copy of a
//! folder, a checkout): [`Inputs::next_change`] returns once a burst has settled.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use rustc_hash::FxHashSet;

/// How long after an in-place edit of a content file no further event must come: an editor's
/// save is over within milliseconds, and a rebuild soon after it keeps the preview quick.
const EDIT_SETTLES: Duration = Duration::from_millis(50);
/// How long after anything else (files added, removed or renamed, a folder replaced) no further
/// event must come: a copy or a checkout writes many files in a row.
const BURST_SETTLES: Duration = Duration::from_millis(200);
/// The longest a burst is waited for: events that never stop still get rebuilds.
const LONGEST_BURST: Duration = Duration::from_secs(2);

/// What a settled burst of events changed.
#[derive(Debug, PartialEq)]
pub enum Change {
    /// Only these content files (paths below `content/`), each edited in place.
    EditedInPlace(FxHashSet<PathBuf>),
    /// Anything else: a file added, removed or renamed, a theme or the config changed, a folder
    /// replaced, events lost. The next load looks at every file.
    Any,
}

impl Change {
    /// Takes one more event of the burst into account.
    fn add(&mut self, event: &notify::Result<Event>, content: &Path) {
        let Change::EditedInPlace(edited) = self else {
            return;
        };
        let in_place = match event {
            Ok(event) if !event.need_rescan() => match event.kind {
                // The build's own reads, and the close after a write (its write came before).
                EventKind::Access(_) => return,
                EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => event
                    .paths
                    .iter()
                    .map(|path| path.strip_prefix(content).ok().map(Path::to_path_buf))
                    .collect::<Option<Vec<_>>>(),
                _ => None,
            },
            _ => None,
        };
        match in_place {
            Some(files) => edited.extend(files),
            None => *self = Change::Any,
        }
    }
}

/// The watched inputs of a site.
pub struct Inputs {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// `content/` and `themes/`, each watched recursively while it exists.
    folders: [PathBuf; 2],
    config: PathBuf,
}

impl Inputs {
    /// Starts watching the site whose config is `config` (its root must be canonical, since
    /// events name the paths as watched).
    pub fn watch(root: &Path, config: &Path) -> Result<Inputs, String> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)
            .map_err(|e| format!("cannot watch the site's files: {e}"))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let config = root.join(config.file_name().unwrap_or_default());
        let mut inputs = Inputs {
            watcher,
            events,
            folders: [root.join("content"), root.join("themes")],
            config,
        };
        for folder in 0..inputs.folders.len() {
            inputs.arm(folder)?;
        }
        Ok(inputs)
    }

    /// The content folder, as events name it.
    pub fn content(&self) -> &Path {
        &self.folders[0]
    }

    /// Waits for a change to the inputs and until its burst has settled; `None` if the
    /// watcher stopped.
    pub fn next_change(&mut self) -> Option<Change> {
        let mut change = Change::EditedInPlace(FxHashSet::default());
        // When the burst counts as settled, and when it is taken as it is at the latest.
        let mut deadline: Option<(Instant, Instant)> = None;
        loop {
            let event = match deadline {
                None => self.events.recv().ok()?,
                Some((settled, latest)) => {
                    let until = settled.min(latest);
                    let now = Instant::now();
                    if now >= until {
                        return Some(change);
                    }
                    match self.events.recv_timeout(until - now) {
                        Ok(event) => event,
                        // Settled, or the watcher stopped: the burst is over either way.
                        Err(_) => return Some(change),
                    }
                }
            };
            if !self.relevant(&event) {
                continue;
            }
            change.add(&event, self.content());
            let now = Instant::now();
            let quiet = match change {
                Change::EditedInPlace(_) => EDIT_SETTLES,
                Change::Any => BURST_SETTLES,
            };
            let latest = deadline.map_or(now + LONGEST_BURST, |(_, latest)| latest);
            deadline = Some((now + quiet, latest));
        }
    }

    /// Whether an event concerns the inputs; watches a folder anew when the event is about the
    /// folder itself (created, removed, moved), and both when events were lost.
    fn relevant(&mut self, event: &notify::Result<Event>) -> bool {
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            _ => {
                for folder in 0..self.folders.len() {
                    self.rearm(folder);
                }
                return true;
            }
        };
        // Reading is an event too, the build's own reads among them.
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let mut relevant = false;
        for path in &event.paths {
            if let Some(folder) = self.folders.iter().position(|f| f == path) {
                self.rearm(folder);
            }
            relevant |= path == &self.config || self.folders.iter().any(|f| path.starts_with(f));
        }
        relevant
    }

    /// Watches a folder (again) if it exists. The watch of a folder that was moved away or
    /// removed is gone or follows the old folder, so it is dropped first.
    fn arm(&mut self, folder: usize) -> Result<(), String> {
        let path = &self.folders[folder];
        // Not being watched any more is what is wanted here.
        let _ = self.watcher.unwatch(path);
        if !path.is_dir() {
            return Ok(());
        }
        self.watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))
    }

    /// [`Self::arm`] while serving: a folder that went away in the meantime is watched again
    /// when it comes back (the root's watch reports it); other failures are told.
    fn rearm(&mut self, folder: usize) {
        if let Err(e) = self.arm(folder)
            && self.folders[folder].is_dir()
        {
            eprintln!("{e}; restart `insyn serve` to see further changes there");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change_of(events: &[notify::Result<Event>]) -> Change {
        let mut change = Change::EditedInPlace(FxHashSet::default());
        for event in events {
            change.add(event, Path::new("/site/content"));
        }
        change
    }

    #[test]
    fn only_in_place_edits_of_content_files_skip_the_full_look() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, RemoveKind};
        let event = |kind: EventKind, path: &str| Ok(Event::new(kind).add_path(path.into()));
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let read = EventKind::Access(AccessKind::Any);
        let edited = change_of(&[
            event(write, "/site/content/sidor/om.md"),
            event(read, "/site/content/organ/rs.md"),
            event(write, "/site/content/protokoll/rs/2020-10-14/172.md"),
        ]);
        let expected = [
            PathBuf::from("protokoll/rs/2020-10-14/172.md"),
            PathBuf::from("sidor/om.md"),
        ];
        assert_eq!(
            edited,
            Change::EditedInPlace(expected.into_iter().collect())
        );
        for other in [
            event(
                EventKind::Create(CreateKind::File),
                "/site/content/sidor/ny.md",
            ),
            event(
                EventKind::Remove(RemoveKind::File),
                "/site/content/sidor/om.md",
            ),
            event(
                EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::Both)),
                "/site/content/sidor/om.md",
            ),
            event(
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
                "/site/content/sidor/om.md",
            ),
            event(EventKind::Remove(RemoveKind::Folder), "/site/content"),
            event(write, "/site/themes/default/templates/base.html"),
            event(write, "/site/insyn.toml"),
            Err(notify::Error::generic("queue overflow")),
        ] {
            let change = change_of(&[
                event(write, "/site/content/sidor/om.md"),
                other,
                event(write, "/site/content/sidor/om.md"),
            ]);
            assert_eq!(change, Change::Any);
        }
    }
}
