//! The README's promises about running things: its one test command works on a fresh Debian
//! machine with only Rust (it installs what the tests need before running them), and CI runs
//! exactly that command.

use std::fs;
use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    fs::read_to_string(Path::new(REPO).join(rel)).unwrap()
}

/// The shell block that follows `heading_text` in the README.
fn command_after(readme: &str, heading_text: &str) -> String {
    let at = readme.find(heading_text).expect("the README says how");
    let block = &readme[at..];
    let start = block.find("```sh\n").expect("a shell block") + "```sh\n".len();
    let end = start + block[start..].find("```").unwrap();
    block[start..end].trim().to_string()
}

#[test]
fn the_test_command_installs_what_the_tests_need_and_ci_runs_it() {
    let readme = read("README.md");
    let command = command_after(&readme, "Run all the tests");
    let script = command
        .strip_prefix("bash ")
        .expect("the test command runs a script of the repository");
    let script_text = read(script);
    // Node.js, npm and Debian's Chromium come from apt when missing, the npm test packages
    // next, and only then the tests (the last mention of each is the command; earlier ones
    // are comments and messages).
    for package in ["nodejs", "npm", "chromium"] {
        assert!(
            script_text.contains(&format!("missing+=({package})")),
            "{script} does not install {package}"
        );
    }
    let install = script_text
        .rfind("apt-get install")
        .expect("installs with apt-get");
    let npm = script_text
        .rfind("npm ci --prefix tests/browser")
        .expect("installs the npm test packages");
    let tests = script_text
        .rfind("cargo test --all-targets")
        .expect("runs every test");
    assert!(
        install < npm && npm < tests,
        "{script} installs before it tests"
    );
    assert!(
        read(".ci/run").lines().any(|l| l.trim() == command),
        "CI runs the README's test command `{command}`"
    );
}
