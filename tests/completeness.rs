//! Nothing of the content is lost on the way to the pages: every goal page of every plan shows
//! each of its measures with their results and source references, every measure page shows
//! every result row with its source, and every § page shows every part its file has.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The TOML front matter of a content file.
fn front(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("+++\n").expect("front matter");
    let end = rest.find("\n+++").expect("end of front matter");
    rest[..end]
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `000_….txt:321-341` as the pages write it: `000_….txt, rad 321–341`.
fn shown_source(source: &str) -> String {
    match source.split_once(':') {
        Some((file, lines)) => format!("{file}, rad {}", lines.replace('-', "–")),
        None => source.to_string(),
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_goal_and_measure_page_shows_measures_results_and_sources() {
    let site = TempSite::repo();
    site.build_ok();
    let content = Path::new(REPO).join("content");
    let mut goals = 0;
    let mut measures_checked = 0;
    for plan in fs::read_dir(content.join("planer")).unwrap() {
        let plan = plan.unwrap().path();
        let plan_id = plan.file_name().unwrap().to_string_lossy().into_owned();
        for goal in fs::read_dir(&plan).unwrap() {
            let goal = goal.unwrap().path();
            let id = goal.file_stem().unwrap().to_string_lossy().into_owned();
            if id == "_index" {
                continue;
            }
            goals += 1;
            let page = site.page(&format!("mal/{plan_id}/{id}/index.html"));
            let links = select_attrs(&page, "a", "href");
            let fm = front(&goal);
            for factor in fm
                .get("factors")
                .and_then(|f| f.as_array())
                .into_iter()
                .flatten()
            {
                for m in strings(factor.get("measures")) {
                    assert!(
                        links.iter().any(|l| l == &format!("/matt/{m}/")),
                        "goal {plan_id}/{id} does not link its measure {m}"
                    );
                }
            }
            if let Some(source) = fm.get("source").and_then(|s| s.as_str()) {
                let text = text_of(&page);
                let file = source.split(':').next().unwrap();
                assert!(text.contains(file), "goal {plan_id}/{id} shows no source");
            }
        }
    }
    // 20 goals of the plan 2020–2022 (002), 6 of 2022–2024 (000), 6 of 2023–2025 (001).
    assert_eq!(goals, 32);

    for entry in fs::read_dir(content.join("matt")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let page = site.page(&format!("matt/{id}/index.html"));
        let rows = select_texts(&page, "table.results tbody tr");
        let csv = fs::read_to_string(&path).unwrap();
        let data: Vec<&str> = csv.lines().skip(1).filter(|l| !l.is_empty()).collect();
        assert_eq!(
            rows.len(),
            data.len(),
            "measure {id}: rows on the page vs CSV"
        );
        let text = text_of(&page);
        for line in data {
            let source = line.rsplit(';').next().unwrap();
            if !source.is_empty() {
                assert!(
                    text.contains(&shown_source(source)),
                    "measure {id} does not show the source {source}"
                );
            }
        }
        measures_checked += 1;
    }
    assert!(measures_checked >= 170, "only {measures_checked} measures");
}

#[test]
fn every_paragraph_page_shows_all_its_parts() {
    let site = TempSite::repo();
    site.build_ok();
    let content = Path::new(REPO).join("content");
    let mut checked = 0;
    for organ in fs::read_dir(content.join("protokoll")).unwrap() {
        let organ = organ.unwrap().path();
        for meeting in fs::read_dir(&organ).unwrap() {
            let meeting = meeting.unwrap().path();
            for file in fs::read_dir(&meeting).unwrap() {
                let file = file.unwrap().path();
                let name = file.file_stem().unwrap().to_string_lossy().into_owned();
                if name == "_index" {
                    continue;
                }
                let fm = front(&file);
                let number = fm["number"].as_integer().unwrap();
                // The page's folder is the organ's slug, not its id: look in each.
                let date = meeting.file_name().unwrap().to_string_lossy().into_owned();
                let organ_pages = fs::read_dir(site.public().join("protokoll")).unwrap();
                let page = organ_pages
                    .filter_map(|o| {
                        let p = o.unwrap().path().join(&date).join(number.to_string());
                        fs::read_to_string(p.join("index.html")).ok()
                    })
                    .next()
                    .unwrap_or_else(|| panic!("no page for § {number} of {date}"));
                let text = text_of(&page);
                let mut parts: Vec<String> = Vec::new();
                parts.push(fm["title"].as_str().unwrap().to_string());
                parts.extend(strings(fm.get("dnr")));
                parts.extend(strings(fm.get("attachments")));
                parts.extend(strings(fm.get("distribution")));
                if let Some(d) = fm.get("decision") {
                    parts.push(d["text"].as_str().unwrap().to_string());
                }
                for key in [
                    "proposals",
                    "steps",
                    "reservations",
                    "notes",
                    "recusals",
                    "references",
                ] {
                    for item in fm.get(key).and_then(|v| v.as_array()).into_iter().flatten() {
                        parts.push(item["text"].as_str().unwrap().to_string());
                    }
                }
                for part in parts {
                    // Markdown emphasis or list markers in a part do not reach the text.
                    let unnumbered: Vec<&str> = part.lines().map(without_point_number).collect();
                    let plain = squeeze(&unnumbered.join("\n").replace(['*', '_'], ""));
                    let first_line = plain.lines().next().unwrap_or("");
                    let probe: String = first_line.chars().take(80).collect();
                    assert!(
                        text.contains(probe.trim()),
                        "§ {number} of {date} does not show: {probe}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 25);
}

/// A line without the number of a numbered point (`2. …`): the page shows it as the list's
/// numbering, not as text.
fn without_point_number(line: &str) -> &str {
    let rest = line
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit());
    match rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
        Some(point) if rest.len() < line.trim_start().len() => point,
        _ => line,
    }
}
