//! `insyn init`: a new site skeleton that builds out of the box, with the binary's own theme.

mod common;

use std::fs;
use std::process::{Command, Output};

use common::{REPO, broken_links, tree};

fn insyn(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run insyn")
}

#[test]
fn init_then_build_gives_a_working_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = insyn(&["init", "ny-webbplats"], tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = tmp.path().join("ny-webbplats");

    let out = insyn(&["build", "--quiet"], &site);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "--quiet prints nothing on success");
    let public = site.join("public");
    for page in [
        "index.html",
        "mal/2025-2027/index.html",
        "mal/2025-2027/tillganglig-vard/index.html",
        "matt/antal-digitala-vardmoten/index.html",
        "rapporter/delarsrapport-april-2025/index.html",
        "protokoll/regionstyrelsen/2025-03-12/index.html",
        "protokoll/regionstyrelsen/2025-03-12/1/index.html",
        "om/index.html",
        "404.html",
        "sitemap.xml",
    ] {
        assert!(public.join(page).is_file(), "{page} is missing");
    }
    let measure =
        fs::read_to_string(public.join("matt/antal-digitala-vardmoten/index.html")).unwrap();
    assert!(measure.contains("12 500"), "the measure shows its outcome");
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());

    // The theme comes from the binary, identical to the repository's.
    assert_eq!(
        tree(&site.join("themes/default")),
        tree(&std::path::Path::new(REPO).join("themes/default"))
    );
    // And the new site passes its own check.
    let out = insyn(&["check"], &site);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn init_refuses_a_folder_with_files() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("mina-anteckningar.txt"), "viktigt").unwrap();
    let out = insyn(&["init", "."], tmp.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}
