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
            "\"\"",
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
        "the diary number is empty",
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

/// A report with two data tables, `resultat` and `investeringar`, and `body` as its text.
fn report_with_tables(site: &TempSite, body: &str) {
    let rel = "content/rapporter/arsredovisning-2020.md";
    site.edit(
        rel,
        "source = \"002_82d993171a0ee6f8.txt\"\n",
        "source = \"002_82d993171a0ee6f8.txt\"\n\n[[tables]]\nid = \"resultat\"\ncaption = \"Resultat\"\n\n[[tables]]\nid = \"investeringar\"\ncaption = \"Investeringar\"\n",
    );
    site.edit(rel, "Måluppfyllelse i perspektiv.\n", body);
    for table in ["resultat", "investeringar"] {
        site.write(
            &format!("content/rapporter/arsredovisning-2020/{table}.csv"),
            "Mnkr;2020\nResultat;329\n",
        );
    }
}

#[test]
fn a_misspelt_table_placeholder_names_the_tables_there_are() {
    let rel = "content/rapporter/arsredovisning-2020.md";
    let (site, err) = failing_build(|s| {
        report_with_tables(
            s,
            "Måluppfyllelse i perspektiv.\n\n{{ tabell: resultat }}\n\n{{ tabell: investeringr }}\n",
        )
    });
    let at = position(&site, rel, "{{ tabell: investeringr }}");
    assert!(
        err.contains(&format!("{at}: error: unknown table `investeringr`")),
        "{err}"
    );
    assert!(
        err.contains("hint: the report's tables are: investeringar, resultat;"),
        "{err}"
    );
    assert!(err.contains("Build failed with 1 error;"), "{err}");
}

#[test]
fn a_table_placeholder_that_would_show_as_written_is_an_error() {
    let rel = "content/rapporter/arsredovisning-2020.md";
    let (site, err) = failing_build(|s| {
        report_with_tables(
            s,
            "Måluppfyllelse, se tabellen:\n{{ tabell: resultat }}\n\n{{tabell:investeringar}}\n",
        );
        s.edit(
            "content/sidor/om.md",
            "## Måluppfyllelse",
            "{{ tabell: resultat }}\n\n## Måluppfyllelse",
        );
    });
    let at = position(&site, rel, "{{ tabell: resultat }}");
    assert!(
        err.contains(&format!(
            "{at}: error: `{{{{ tabell: resultat }}}}` is not a table placeholder as Insyn reads it"
        )),
        "{err}"
    );
    let at = position(&site, rel, "{{tabell:investeringar}}");
    assert!(
        err.contains(&format!(
            "{at}: error: `{{{{tabell:investeringar}}}}` is not a table placeholder"
        )),
        "{err}"
    );
    assert!(err.contains("hint: write `{{ tabell: investeringar }}` on a line of its own, with an empty line before and after"), "{err}");
    let at = position(&site, "content/sidor/om.md", "{{ tabell: resultat }}");
    assert!(
        err.contains(&format!(
            "{at}: error: `{{{{ tabell: resultat }}}}` places a table, but only a report's text can"
        )),
        "{err}"
    );
}

#[test]
fn a_name_or_id_that_makes_no_url_is_an_error() {
    let rel = "content/organ/rs.md";
    let (site, err) = failing_build(|s| {
        s.edit(rel, "name = \"Regionstyrelsen\"", "name = \"!!! ???\"");
    });
    let at = position(&site, rel, "\"!!! ???\"");
    assert!(err.contains(&format!("{at}: error: the organ's name `!!! ???` has no letters or digits, and its URL is made from them")), "{err}");
    // The organ's meetings, goals and measures are not reported again.
    assert!(err.contains("Build failed with 1 error;"), "{err}");

    let (site, err) =
        failing_build(|s| s.edit(rel, "name = \"Regionstyrelsen\"", "name = \"Atom\""));
    let at = position(&site, rel, "\"Atom\"");
    assert!(err.contains(&format!("{at}: error: the organ's name `Atom` would give its feed the address of the site's feed of everything, /flode/atom.xml")), "{err}");

    let rel = "content/planer/2023-2025/god-nara-och-samordnad-vard.md";
    let (site, err) = failing_build(|s| {
        s.edit(
            rel,
            "id = \"digital-utveckling\"",
            "id = \"Digital utveckling!\"",
        )
    });
    let at = position(&site, rel, "\"Digital utveckling!\"");
    assert!(
        err.contains(&format!(
            "{at}: error: the success factor id `Digital utveckling!` cannot be part of a URL"
        )),
        "{err}"
    );
    assert!(
        err.contains("hint: write it as \"digital-utveckling\""),
        "{err}"
    );
}

#[test]
fn a_free_page_cannot_take_the_url_of_a_site_page() {
    let (_, err) =
        failing_build(|s| s.write("content/sidor/sok.md", "+++\ntitle = \"Sök\"\n+++\n"));
    assert!(
        err.contains("content/sidor/sok.md:1:1: error: two pages would get the same URL /sok/: this one and the site's own page there"),
        "{err}"
    );
    assert!(!err.contains("themes"), "{err}");
}

#[test]
fn config_addresses_are_web_addresses() {
    let (_, err) = failing_build(|s| {
        s.edit(
            "insyn.toml",
            "name = \"Region Norrbotten\"",
            "name = \"Region Norrbotten\"\nurl = \"javascript:alert(document.cookie)\"",
        );
        s.edit(
            "insyn.toml",
            "[data]",
            "[accessibility]\ncontact_email = \"javascript:alert(1)//@x.se\"\npublished = \"2024-01-01\"\nreviewed = \"2024-01-01\"\n\n[data]",
        );
    });
    assert!(err.contains("insyn.toml:9:7: error: organisation.url `javascript:alert(document.cookie)` is not an http(s) URL"), "{err}");
    assert!(
        err.contains("hint: write the organisation's web address"),
        "{err}"
    );
    assert!(err.contains("insyn.toml:13:17: error: contact_email `javascript:alert(1)//@x.se` is not an e-mail address"), "{err}");
    assert!(err.contains("Build failed with 2 errors;"), "{err}");
}

#[test]
fn hidden_content_is_reported_and_tool_files_are_not() {
    let (_, err) = failing_build(|s| {
        s.write("content/sidor/.utkast.md", "+++\ntitle = \"Utkast\"\n+++\n");
        s.write(
            "content/protokoll/rs/..2020-11-11/_index.md",
            "+++\nplace = \"Luleå\"\n+++\n",
        );
        s.write(
            "content/protokoll/rs/..2020-11-11/1.md",
            "+++\nnumber = 1\n+++\n",
        );
        // What editors, macOS and git leave beside content: skipped without a word.
        s.write("content/sidor/.DS_Store", "\0\0");
        s.write("content/sidor/._om.md", "\0\0");
        s.write("content/.git/README.md", "not content");
        s.write("content/.obsidian/app.json", "{}");
        #[cfg(unix)]
        std::os::unix::fs::symlink("root@host.1234", s.root().join("content/sidor/.#om.md"))
            .unwrap();
    });
    assert!(
        err.contains("content/sidor/.utkast.md:1:1: error: this file is hidden (its name starts with `.`) and would not be published\n  hint: rename it to `utkast.md` to publish it, or move it out of content/ to keep it unpublished"),
        "{err}"
    );
    assert!(
        err.contains("content/protokoll/rs/..2020-11-11:1:1: error: this folder is hidden (its name starts with `.`), so its 2 content files, such as content/protokoll/rs/..2020-11-11/1.md, would not be published\n  hint: rename it to `2020-11-11` to publish them"),
        "{err}"
    );
    assert!(err.contains("Build failed with 2 errors;"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlinked_content_inside_the_site_is_read() {
    let site = TempSite::fixture();
    site.write(
        "texter/lank.md",
        "+++\ntitle = \"Länkad sida\"\n+++\nText från en länkad fil.\n",
    );
    std::os::unix::fs::symlink(
        "../../texter/lank.md",
        site.root().join("content/sidor/lank.md"),
    )
    .unwrap();
    // A linked folder: the minutes of an organ kept elsewhere in the site's folder.
    std::fs::rename(
        site.root().join("content/protokoll/rf"),
        site.root().join("texter/rf"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../../texter/rf", site.root().join("content/protokoll/rf"))
        .unwrap();
    site.build_ok();
    assert!(
        site.page("lank/index.html")
            .contains("Text från en länkad fil.")
    );
    assert!(
        site.public()
            .join("protokoll/regionfullmaktige/2017-04-26/37/index.html")
            .is_file()
    );
}

#[cfg(unix)]
#[test]
fn symlinks_outside_the_site_or_nowhere_are_errors() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("hemlig.csv"), "a;b\n1;2\n").unwrap();
    let (_, err) = failing_build(|s| {
        std::fs::create_dir_all(s.root().join("content/rapporter/arsredovisning-2020")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("hemlig.csv"),
            s.root()
                .join("content/rapporter/arsredovisning-2020/hemlig.csv"),
        )
        .unwrap();
        std::os::unix::fs::symlink("finns-inte.md", s.root().join("content/sidor/borta.md"))
            .unwrap();
    });
    assert!(err.contains("content/rapporter/arsredovisning-2020/hemlig.csv:1:1: error: a symbolic link to a place outside the site's folder: it is not read"), "{err}");
    assert!(err.contains("content/sidor/borta.md:1:1: error: a broken symbolic link: `finns-inte.md` does not exist"), "{err}");
    assert!(err.contains("Build failed with 2 errors;"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    let (_, err) = failing_build(|s| {
        std::fs::write(
            s.root().join("content/sidor/om.md"),
            b"+++\ntitle = \"Om\"\n+++\nV\xe5r region\n",
        )
        .unwrap();
    });
    assert!(
        err.contains("content/sidor/om.md:4:2: error: the file is not UTF-8 text"),
        "{err}"
    );
    assert!(err.contains("hint: save the file as UTF-8"), "{err}");
}

#[test]
fn a_content_file_above_the_size_limit_is_refused() {
    let (_, err) = failing_build(|s| {
        let line = "Ett stycke text om regionens verksamhet och dess mål.\n\n";
        let body = line.repeat(6_000_000 / line.len());
        s.write(
            "content/sidor/stor.md",
            &format!("+++\ntitle = \"Stor\"\n+++\n{body}"),
        );
    });
    assert!(
        err.contains("content/sidor/stor.md:1:1: error: the file is 6.0 MB; a content file may be at most 5 MB"),
        "{err}"
    );
}

#[test]
fn a_measure_that_fails_to_load_is_one_error() {
    let rel = "content/matt/utveckla-polarbibblo.md";
    let (_, err) = failing_build(|s| s.edit(rel, "kind = \"aktivitet\"", "kind = aktivitet"));
    assert!(err.contains(&format!("{rel}:3:")), "{err}");
    assert!(
        !err.contains("results for a measure that does not exist"),
        "{err}"
    );
    assert!(err.contains("Build failed with 1 error;"), "{err}");
}

#[test]
fn a_results_table_without_rows_is_an_error() {
    let rel = "content/matt/utveckla-polarbibblo.csv";
    let (_, err) = failing_build(|s| {
        s.write(rel, "report;group;baseline;target;target_value;outcome;status;status_source;trend;comment;source\n")
    });
    assert!(
        err.contains(&format!(
            "{rel}:1:1: error: the results table has a header but no rows"
        )),
        "{err}"
    );
    let (_, err) = failing_build(|s| s.write(rel, ""));
    assert!(
        err.contains(&format!("{rel}:1:1: error: the results file is empty")),
        "{err}"
    );
}

#[test]
fn an_unknown_id_gets_the_nearest_few_not_all() {
    let rel = "content/planer/2023-2025/god-nara-och-samordnad-vard.md";
    let (site, err) = failing_build(|s| {
        for i in 1..=8 {
            s.write(
                &format!("content/matt/vantetid-{i}.md"),
                &format!("+++\nname = \"Väntetid {i}\"\nkind = \"styrmatt\"\n+++\n"),
            );
        }
        s.edit(rel, "\"utveckla-polarbibblo\"", "\"utveckla-polarbiblo\"");
    });
    let at = position(&site, rel, "\"utveckla-polarbiblo\"");
    assert!(
        err.contains(&format!(
            "{at}: error: unknown measure `utveckla-polarbiblo`"
        )),
        "{err}"
    );
    let hint = err.lines().find(|l| l.contains("known ids:")).unwrap();
    assert!(hint.contains("known ids: utveckla-polarbibblo, "), "{hint}");
    assert!(
        hint.contains("(the nearest 5 of 11; all: the files in content/matt/)"),
        "{hint}"
    );
    assert!(!hint.contains("vantetid-8"), "{hint}");
}

#[test]
fn a_link_the_page_would_drop_is_an_error() {
    let rel = "content/sidor/om.md";
    let (site, err) = failing_build(|s| {
        s.edit(
            rel,
            "## Måluppfyllelse",
            "Läs [mer](javascript:alert(1)) eller se ![kartan](file:///etc/passwd).\n\n## Måluppfyllelse",
        );
    });
    let at = position(&site, rel, "[mer]");
    assert!(
        err.contains(&format!(
            "{at}: error: the link to `javascript:alert(1)` would lead nowhere"
        )),
        "{err}"
    );
    let at = position(&site, rel, "![kartan]");
    assert!(
        err.contains(&format!("{at}: error: the link to `file:///etc/passwd`")),
        "{err}"
    );
    assert!(
        err.contains("hint: link to a web address (https://…)"),
        "{err}"
    );
    assert!(err.contains("Build failed with 2 errors;"), "{err}");
}
