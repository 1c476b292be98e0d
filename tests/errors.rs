//! Bad input: each case must fail the build with a message naming the file, line and column
//! and a hint, exit non-zero, and leave the previously built site untouched.

mod common;

use common::*;

/// Builds the fixture once, applies `break_it`, builds again and returns the error output after
/// checking the exit code and that `public/` is byte for byte as before.
fn failing_build(break_it: impl FnOnce(&TempSite)) -> (TempSite, String) {
    let site = TempSite::fixture();
    site.build_ok();
    let before = checksum(&site.public());
    break_it(&site);
    let out = site.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the build should fail:\n{stderr}"
    );
    assert_eq!(
        checksum(&site.public()),
        before,
        "a failed build changed public/:\n{stderr}"
    );
    assert!(stderr.contains("hint: "), "no hint in:\n{stderr}");
    assert!(
        stderr.contains("the previous output was left as it was"),
        "{stderr}"
    );
    (site, stderr)
}

/// `path:line:column` of the first occurrence of `needle` in a site file (1-based, in characters).
fn position(site: &TempSite, rel: &str, needle: &str) -> String {
    let text = site.read_source(rel);
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {rel}"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{rel}:{line}:{column}")
}

#[test]
fn malformed_front_matter() {
    let rel = "content/organ/rf.md";
    let (_, err) = failing_build(|s| {
        s.edit(
            rel,
            "name = \"Regionfullmäktige\"",
            "name = \"Regionfullmäktige",
        )
    });
    assert!(err.contains(&format!("{rel}:2:")), "{err}");
    assert!(err.contains("error: invalid front matter"), "{err}");
}

#[test]
fn misspelt_key_is_named() {
    let rel = "content/rapporter/arsredovisning-2020.md";
    let (site, err) = failing_build(|s| s.edit(rel, "title = ", "titel = "));
    let at = position(&site, rel, "titel");
    assert!(
        err.contains(&format!(
            "{at}: error: invalid front matter: unknown field `titel`"
        )),
        "{err}"
    );
}

#[test]
fn missing_front_matter() {
    let rel = "content/sidor/om.md";
    let (_, err) = failing_build(|s| s.write(rel, "Om webbplatsen\n"));
    assert!(
        err.contains(&format!(
            "{rel}:1:1: error: the file does not start with front matter"
        )),
        "{err}"
    );
}

#[test]
fn unknown_goal_id() {
    let rel = "content/planer/2023-2025/god-nara-och-samordnad-vard.md";
    let (site, err) = failing_build(|s| {
        s.edit(
            rel,
            "2020-2022/en-god-och-nara-vard",
            "2020-2022/en-god-vard",
        )
    });
    let at = position(&site, rel, "\"2020-2022/en-god-vard\"");
    assert!(
        err.contains(&format!(
            "{at}: error: unknown goal `2020-2022/en-god-vard`"
        )),
        "{err}"
    );

    let plan = "content/planer/2023-2025/_index.md";
    let (site, err) = failing_build(|s| {
        s.edit(
            plan,
            "goal = \"god-nara-och-samordnad-vard\"",
            "goal = \"nara-vard\"",
        )
    });
    let at = position(&site, plan, "\"nara-vard\"");
    assert!(
        err.contains(&format!(
            "{at}: error: unknown goal `nara-vard` in this plan"
        )),
        "{err}"
    );
}

#[test]
fn unknown_organ_id() {
    let rel = "content/planer/2023-2025/god-nara-och-samordnad-vard.md";
    let (site, err) = failing_build(|s| {
        s.edit(
            rel,
            "organs = [\"rs\", \"rf\"]",
            "organs = [\"rs\", \"rfm\"]",
        )
    });
    let at = position(&site, rel, "\"rfm\"");
    assert!(
        err.contains(&format!("{at}: error: unknown organ `rfm`")),
        "{err}"
    );
    assert!(err.contains("known ids: rf, rs"), "{err}");
}

#[test]
fn duplicate_paragraph_number() {
    let rel = "content/protokoll/rs/2020-10-14/178.md";
    let (site, err) = failing_build(|s| s.edit(rel, "number = 178", "number = 172"));
    let at = position(&site, rel, "172");
    assert!(err.contains(&format!("{at}: error: § 172 appears twice in this meeting (also in content/protokoll/rs/2020-10-14/172.md)")), "{err}");
}

#[test]
fn malformed_number() {
    let rel = "content/matt/antal-slutforda-triage.csv";
    let (site, err) = failing_build(|s| s.edit(rel, ";18 464;", ";12,3,4;"));
    let at = position(&site, rel, "12,3,4");
    assert!(
        err.contains(&format!(
            "{at}: error: column `outcome`: `12,3,4` is not a number"
        )),
        "{err}"
    );

    let rel = "content/rapporter/delarsrapport-april-2023.md";
    let (site, err) = failing_build(|s| s.edit(rel, "value = \"18 464\"", "value = \"18 46\""));
    let at = position(&site, rel, "\"18 46\"");
    assert!(
        err.contains(&format!("{at}: error: `18 46` is not a number")),
        "{err}"
    );
}

#[test]
fn unknown_status_value() {
    let rel = "content/matt/palliativ-behandlingsstrategi.csv";
    let (site, err) = failing_build(|s| s.edit(rel, ";uppnatt;tabell;", ";klart;tabell;"));
    let at = position(&site, rel, "klart");
    assert!(
        err.contains(&format!("{at}: error: unknown status `klart`")),
        "{err}"
    );
    assert!(err.contains("use one of: uppnatt, delvis-uppnatt, ej-uppnatt, bedoms-ej, slutford, paborjad, ej-paborjad"), "{err}");

    let rel = "content/planer/2023-2025/god-nara-och-samordnad-vard.md";
    let (site, err) = failing_build(|s| {
        s.edit(
            rel,
            "status = \"delvis-uppnatt\"",
            "status = \"Delvis uppnått\"",
        )
    });
    let at = position(&site, rel, "\"Delvis uppnått\"");
    assert!(
        err.contains(&format!("{at}: error: unknown status `Delvis uppnått`")),
        "{err}"
    );
}

#[test]
fn two_pages_with_the_same_url() {
    let (_, err) = failing_build(|s| {
        s.write(
            "content/organ/rs2.md",
            "+++\nname = \"Regionstyrelsen\"\nabbreviation = \"RS2\"\n+++\n",
        )
    });
    assert!(err.contains("content/organ/rs2.md:1:1: error: two pages would get the same URL /organ/regionstyrelsen/: this one and content/organ/rs.md"), "{err}");

    let (_, err) =
        failing_build(|s| s.write("content/sidor/mal.md", "+++\ntitle = \"Mål\"\n+++\n"));
    assert!(
        err.contains("content/sidor/mal.md:1:1: error: two pages would get the same URL /mal/"),
        "{err}"
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let (_, err) = failing_build(|s| {
        s.edit(
            "content/matt/antal-slutforda-triage.csv",
            ";18 464;",
            ";12,3,4;",
        );
        s.edit(
            "content/protokoll/rs/2020-10-14/178.md",
            "linda-frohm",
            "linda-from",
        );
        s.edit(
            "content/protokoll/rs/2020-10-14/172.md",
            "\"1351-2020\"",
            "\"1351/2020\"",
        );
        s.edit(
            "content/rapporter/arsredovisning-2020.md",
            "kind = \"arsredovisning\"",
            "kind = \"årsredovisning\"",
        );
    });
    for expected in [
        "content/matt/antal-slutforda-triage.csv:2:",
        "unknown person `linda-from`",
        "`1351/2020` is not a diary number",
        "unknown report kind `årsredovisning`",
        "Build failed with 4 errors",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn bad_file_names_and_places() {
    let (_, err) = failing_build(|s| {
        s.write(
            "content/matt/Väntetid.md",
            "+++\nname = \"V\"\nkind = \"styrmatt\"\n+++\n",
        )
    });
    assert!(
        err.contains("content/matt/Väntetid.md:1:1: error: `Väntetid` cannot be used as an id"),
        "{err}"
    );
    assert!(err.contains("rename the file to `vantetid`"), "{err}");

    let (_, err) = failing_build(|s| s.write("content/nyheter/x.md", "+++\ntitle = \"x\"\n+++\n"));
    assert!(
        err.contains("content/nyheter/x.md:1:1: error: this file is not in a place Insyn knows"),
        "{err}"
    );
}
