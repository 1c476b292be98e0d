//! The output folder and the search index beside it: a build replaces only folders Insyn made,
//! never the site's inputs or a folder of the user's; the output always names a whole site;
//! what interrupted builds left is put back or removed by the next build; and a failed build
//! says the previous output was left as it was only when it was.

mod common;

use std::fs::{self, File};
use std::path::PathBuf;
use std::process::Command;

use common::*;

/// The marker file in every folder Insyn made.
const MARKER: &str = ".insyn-output";

/// Runs `insyn build` in the site's folder (relative `--output` paths are the site's, as for a
/// user who builds from there) and returns whether it succeeded, and its error output.
fn build_in(site: &TempSite, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .current_dir(site.root())
        .arg("build")
        .args(args)
        .output()
        .expect("run insyn");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts that building with `args` fails with `message` and the fix, names nothing as
/// written, and returns the error output.
fn refused(site: &TempSite, args: &[&str], message: &str) -> String {
    let (ok, err) = build_in(site, args);
    assert!(!ok, "the build should fail:\n{err}");
    assert!(err.contains(message), "no {message:?} in:\n{err}");
    assert!(err.contains(MARKER), "the hint names the marker:\n{err}");
    assert!(
        err.contains("the previous output was left as it was"),
        "{err}"
    );
    err
}

/// A process id that no running process has: a short process's, after it ended.
fn ended_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Names in the site's folder that start with `prefix`.
fn beside(site: &TempSite, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

#[test]
fn the_content_folder_is_never_the_output() {
    let site = TempSite::fixture();
    let content = checksum(&site.root().join("content"));
    let err = refused(
        &site,
        &["--output", "content"],
        "the output folder `content` is the site's content folder",
    );
    assert!(err.contains("choose an output folder of its own, e.g. --output public"));
    assert_eq!(checksum(&site.root().join("content")), content);
    assert_eq!(beside(&site, ".content"), Vec::<String>::new());
    let (ok, err) = build_in(&site, &["--output", "content/public"]);
    assert!(
        !ok && err.contains("is inside the site's content folder"),
        "{err}"
    );
    site.build_ok();
}

#[test]
fn output_dir_naming_the_themes_is_refused() {
    let site = TempSite::fixture();
    site.edit(
        "insyn.toml",
        "theme = \"default\"\n",
        "theme = \"default\"\noutput_dir = \"themes\"\n",
    );
    let themes = checksum(&site.root().join("themes"));
    let err = refused(&site, &[], "is the site's themes folder");
    assert!(
        err.contains("set output_dir in insyn.toml to a folder of its own"),
        "{err}"
    );
    assert_eq!(checksum(&site.root().join("themes")), themes);
}

#[test]
fn a_folder_of_the_users_own_is_never_replaced() {
    let site = TempSite::fixture();
    site.write("notes/todo.txt", "mine");
    refused(
        &site,
        &["--output", "notes"],
        "the output folder `notes` holds files Insyn did not make, such as `todo.txt`",
    );
    assert_eq!(site.read_source("notes/todo.txt"), "mine");
    // The folder above the site holds the site itself.
    let above = site.root().parent().unwrap().to_str().unwrap().to_owned();
    refused(&site, &["--output", &above], "holds the site itself");
    // An empty folder is the user's choice of an output folder.
    fs::create_dir(site.root().join("www")).unwrap();
    let (ok, err) = build_in(&site, &["--output", "www"]);
    assert!(ok, "{err}");
    assert!(site.root().join("www/index.html").is_file());
}

#[test]
fn a_search_index_folder_of_the_users_own_is_never_replaced() {
    let site = TempSite::fixture();
    site.write("search-index/notes.txt", "mine");
    let err = refused(
        &site,
        &[],
        "search-index` holds files Insyn did not make, such as `notes.txt`",
    );
    assert!(err.contains("beside the output folder"), "{err}");
    assert_eq!(site.read_source("search-index/notes.txt"), "mine");
    assert!(!site.public().exists(), "nothing is written");
    // Beside an output folder elsewhere, the same.
    site.write("out/search-index/notes.txt", "mine too");
    refused(
        &site,
        &["--output", "out/public"],
        "the search index folder `out/search-index` holds files Insyn did not make",
    );
    assert_eq!(site.read_source("out/search-index/notes.txt"), "mine too");
    assert!(!site.root().join("out/public").exists());
}

#[test]
fn the_config_file_is_never_the_output() {
    let site = TempSite::fixture();
    let config = site.read_source("insyn.toml");
    refused(
        &site,
        &["--output", "insyn.toml"],
        "the output folder `insyn.toml` is the site's config file",
    );
    assert!(site.root().join("insyn.toml").is_file());
    assert_eq!(site.read_source("insyn.toml"), config);
    assert_eq!(beside(&site, ".insyn.toml"), Vec::<String>::new());
    // Any other file is not a folder either.
    site.write("README.txt", "mine");
    refused(
        &site,
        &["--output", "README.txt"],
        "is a file, not a folder",
    );
    assert_eq!(site.read_source("README.txt"), "mine");
}

#[test]
fn a_site_left_aside_by_an_interrupted_swap_is_put_back() {
    let site = TempSite::fixture();
    site.build_ok();
    let built = checksum(&site.public());
    // A build killed between moving the previous site aside and moving the new one in.
    fs::rename(site.public(), site.root().join(".public.old")).unwrap();
    site.edit("content/organ/rf.md", "name = ", "namn = ");
    let (ok, err) = build_in(&site, &[]);
    assert!(!ok, "{err}");
    assert!(
        err.contains("the previous output was left as it was"),
        "{err}"
    );
    assert_eq!(checksum(&site.public()), built, "the previous site is back");
    assert_eq!(beside(&site, ".public"), Vec::<String>::new());
    site.edit("content/organ/rf.md", "namn = ", "name = ");
    site.build_ok();
    assert_eq!(checksum(&site.public()), built);
    assert_eq!(beside(&site, ".public"), Vec::<String>::new());
}

#[test]
fn staging_folders_of_interrupted_builds_are_removed() {
    let site = TempSite::fixture();
    site.build_ok();
    let folder = |name: &str, marked: bool| -> PathBuf {
        let path = site.root().join(name);
        fs::create_dir(&path).unwrap();
        fs::write(path.join("segment.idx"), vec![0u8; 4096]).unwrap();
        if marked {
            fs::write(path.join(MARKER), "").unwrap();
        }
        path
    };
    // Interrupted builds: this version's (marked) and an older version's (unmarked).
    let (first, second) = (ended_pid(), ended_pid());
    folder(&format!(".search-index.staging-{first}"), true);
    folder(&format!(".public.staging-{first}"), true);
    folder(&format!(".search-index.staging-{second}"), false);
    // A running build holds its staging folder locked.
    let running = folder(&format!(".public.staging-{second}"), true);
    let lock = File::open(&running).unwrap();
    lock.lock().unwrap();
    // Not a staging folder of Insyn's.
    folder(".search-index.staging-mine", true);

    site.build_ok();
    assert_eq!(
        beside(&site, ".search-index"),
        [".search-index.staging-mine"]
    );
    assert_eq!(
        beside(&site, ".public"),
        [format!(".public.staging-{second}")]
    );
    drop(lock);
    site.build_ok();
    assert_eq!(beside(&site, ".public"), Vec::<String>::new());
}

#[test]
fn a_site_an_older_insyn_built_is_replaced_and_marked() {
    let site = TempSite::fixture();
    site.build_ok();
    let index = site.root().join("search-index");
    for folder in [site.public(), index.clone()] {
        assert!(folder.join(MARKER).is_file(), "{}", folder.display());
        fs::remove_file(folder.join(MARKER)).unwrap();
    }
    site.edit(
        "content/organ/rf.md",
        "Regionfullmäktige",
        "Zebrafullmäktige",
    );
    site.build_ok();
    assert!(site.page("organ/index.html").contains("Zebrafullmäktige"));
    assert!(site.public().join(MARKER).is_file());
    assert!(index.join(MARKER).is_file());
    // A folder with an index page alone is not recognisably Insyn's.
    let other = site.root().join("other");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("index.html"), "<p>mine</p>").unwrap();
    refused(
        &site,
        &["--output", "other"],
        "holds files Insyn did not make, such as `index.html`",
    );
}

#[test]
fn the_output_folder_cannot_be_the_search_index() {
    let site = TempSite::fixture();
    refused(
        &site,
        &["--output", "search-index"],
        "is where the search index goes",
    );
    assert!(!site.root().join("search-index").exists());
}
