//! `insyn check`: content problems and broken internal links and anchors make it fail, naming
//! the content file and the link; clean sites pass.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{REPO, TempSite};

fn check(config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insyn"))
        .arg("check")
        .arg("--config")
        .arg(config)
        .output()
        .expect("run insyn check")
}

#[test]
fn broken_links_and_anchors_fail_naming_file_and_link() {
    let site = TempSite::fixture();
    site.edit(
        "content/sidor/om.md",
        "## Måluppfyllelse",
        "Se [målen](/mal/finns-inte/) och [rubriken](/om/#saknas).\n\n## Måluppfyllelse",
    );
    let out = check(&site.root().join("insyn.toml"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("/mal/finns-inte/"))
        .unwrap_or_else(|| panic!("no line names the link:\n{stderr}"));
    assert!(line.starts_with("content/sidor/om.md:4:"), "{line}");
    assert!(line.contains("on the page /om/"), "{line}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("content/sidor/om.md:4:") && l.contains("/om/#saknas")),
        "{stderr}"
    );
    assert!(stderr.contains("Check found 2 problems."), "{stderr}");
    // check writes nothing.
    assert!(!site.public().exists());
}

#[test]
fn content_errors_fail_the_check() {
    let site = TempSite::fixture();
    site.edit(
        "content/organ/rs.md",
        "abbreviation = \"RS\"",
        "abbreviation = ",
    );
    let out = check(&site.root().join("insyn.toml"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("content/organ/rs.md:3:"));
}

#[test]
fn the_fixture_and_the_real_content_pass() {
    let fixture = TempSite::fixture();
    for config in [
        fixture.root().join("insyn.toml"),
        Path::new(REPO).join("insyn.toml"),
    ] {
        let out = check(&config);
        assert!(
            out.status.success(),
            "{}: {}",
            config.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("No problems"));
    }
}

#[test]
fn external_links_are_requested_only_with_the_flag() {
    // A local server stands in for the outside world: /finns answers 200, the rest 404.
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let status = if request.url() == "/finns" { 200 } else { 404 };
            let _ = request.respond(tiny_http::Response::empty(status));
        }
    });
    let site = TempSite::fixture();
    site.edit(
        "content/sidor/om.md",
        "## Måluppfyllelse",
        &format!(
            "Se [källan](http://127.0.0.1:{port}/finns) och [arkivet](http://127.0.0.1:{port}/saknas#del).\n\n## Måluppfyllelse"
        ),
    );
    let config = site.root().join("insyn.toml");
    assert!(check(&config).status.success(), "internal links are fine");

    let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["check", "--external", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    let saknas = format!("http://127.0.0.1:{port}/saknas#del");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("content/sidor/om.md:4:")
                && l.contains(&saknas)
                && l.contains("404")),
        "{stderr}"
    );
    assert!(!stderr.contains("/finns"), "{stderr}");
}

#[test]
fn a_misspelt_table_placeholder_fails_the_check() {
    let site = TempSite::fixture();
    site.edit(
        "content/rapporter/arsredovisning-2020.md",
        "Måluppfyllelse i perspektiv.",
        "Måluppfyllelse i perspektiv.\n\n{{ tabell: resultat }}",
    );
    let out = check(&site.root().join("insyn.toml"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("content/rapporter/arsredovisning-2020.md:12:1: error: unknown table `resultat`\n  hint: the report has no tables: add [[tables]] with id = \"resultat\""),
        "{stderr}"
    );
}
