//! The real site in a real browser: builds a fresh copy of the repository's site and runs
//! `tests/browser/site.mjs` (headless Debian Chromium via playwright-core, axe-core) against it,
//! served by a local static server the script starts on 127.0.0.1.
//!
//! Needs `node`, `/usr/bin/chromium` and `npm ci --prefix tests/browser`; without them the tests
//! fail with a message saying what is missing. Screenshots land in
//! `target/browser-artifacts/<check>/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use common::{REPO, TempSite};

/// One Chromium at a time: the machine is small and the checks are timing-insensitive.
static BROWSER: Mutex<()> = Mutex::new(());

fn artifacts(check: &str) -> PathBuf {
    Path::new(REPO)
        .join("target")
        .join("browser-artifacts")
        .join(check)
}

/// Builds the repository's site and runs one check of `site.mjs` on it; panics with the
/// script's report if it finds problems.
fn run_check(check: &str) -> String {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let script = Path::new(REPO).join("tests/browser/site.mjs");
    let modules = Path::new(REPO).join("tests/browser/node_modules/playwright-core");
    assert!(
        modules.is_dir(),
        "playwright-core is not installed: run `npm ci --prefix tests/browser`"
    );
    let chromium =
        std::env::var("INSYN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium not found at {chromium}: install Debian's `chromium` package"
    );
    let site = TempSite::repo();
    site.build_ok();
    let out = Command::new("node")
        .arg(&script)
        .arg(check)
        .arg(site.public())
        .arg(artifacts(check))
        .output()
        .unwrap_or_else(|e| panic!("cannot run node (install Node.js): {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "browser check `{check}` failed:\n{stdout}\n{stderr}"
    );
    stdout
}

#[test]
fn every_page_passes_axe_wcag21_aa_in_light_and_dark_mode() {
    let report = run_check("axe");
    assert!(report.contains("axe: checked"), "{report}");
}

#[test]
fn keyboard_reaches_skip_link_navigation_and_every_goal_page_link_with_visible_focus() {
    let report = run_check("keyboard");
    assert!(report.contains("keyboard: "), "{report}");
}

#[test]
fn statuses_stay_distinguishable_in_greyscale_by_shape_and_text() {
    let report = run_check("greyscale");
    assert!(artifacts("greyscale").join("goal-greyscale.png").is_file());
    assert!(report.contains("greyscale: "), "{report}");
}

#[test]
fn goal_page_fits_the_budget_and_needs_no_javascript() {
    let report = run_check("budget");
    assert!(report.contains("budget: "), "{report}");
}

#[test]
fn every_page_reflows_at_320_css_pixels() {
    let report = run_check("reflow");
    assert!(report.contains("reflow: checked"), "{report}");
}
