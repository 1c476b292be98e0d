//! The comparable Hugo site of a synthetic archive: one plain-Markdown page for every page the
//! Insyn site has (same URLs, same texts, lists as sections), with a minimal layout, so that
//! `hugo` and `insyn build` can be timed on the same amount of work. No search, no taxonomies.

use std::collections::BTreeMap;

use serde::Serialize;

use super::archive::{Archive, ORGANS, PARTIES, Statement};
use super::generate::{Writer, organ_slug};

const CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "sv"
title = "Insyn Testregionen"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
</head>
<body>
<header><a href="/">{{ .Site.Title }}</a>
<nav><a href="/mal/">Mål</a> <a href="/matt/">Mått</a> <a href="/rapporter/">Rapporter</a> <a href="/protokoll/">Protokoll</a> <a href="/arenden/">Ärenden</a> <a href="/personer/">Politiker</a> <a href="/om/">Om</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><a href="/organ/">Politiska organ</a></footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#;

const NOT_FOUND: &str = r#"{{ define "main" }}<h1>Sidan finns inte</h1>{{ end }}
"#;

#[derive(Serialize)]
struct Fm<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

fn page(title: &str, body: &str) -> Result<String, String> {
    let toml = toml::to_string(&Fm { title, url: None }).map_err(|e| e.to_string())?;
    Ok(format!("+++\n{toml}+++\n{body}\n"))
}

/// Writes the Hugo site of `archive`.
pub fn write(archive: &Archive, out: &mut Writer) -> Result<(), String> {
    out.file("config.toml", CONFIG)?;
    out.file("layouts/_default/baseof.html", BASEOF)?;
    out.file("layouts/_default/single.html", SINGLE)?;
    out.file("layouts/_default/list.html", LIST)?;
    out.file("layouts/404.html", NOT_FOUND)?;

    let paragraph_url = |m: usize, number: u32| {
        let meeting = &archive.meetings[m];
        format!(
            "/protokoll/{}/{}/{number}/",
            organ_slug(meeting.organ),
            meeting.date
        )
    };
    let mut home = String::from("## Senaste rapporter\n\n");
    for r in archive.reports.iter().rev().take(5) {
        home.push_str(&format!("- [{}](/rapporter/{}/)\n", r.title, r.id));
    }
    home.push_str("\n## Senaste sammanträden\n\n");
    for m in archive.meetings.iter().rev().take(5) {
        home.push_str(&format!(
            "- [{} {}](/protokoll/{}/{}/)\n",
            ORGANS[m.organ].name,
            m.date,
            organ_slug(m.organ),
            m.date
        ));
    }
    out.file("content/_index.md", &page("Start", &home)?)?;
    for (section, title) in [
        ("mal", "Mål och planer"),
        ("matt", "Mått"),
        ("rapporter", "Rapporter"),
        ("protokoll", "Protokoll"),
        ("arenden", "Ärenden"),
        ("personer", "Politiker"),
        ("organ", "Politiska organ"),
    ] {
        out.file(&format!("content/{section}/_index.md"), &page(title, "")?)?;
    }
    out.file("content/om.md", &page("Om webbplatsen", &archive.about)?)?;

    for (o, organ) in ORGANS.iter().enumerate() {
        let mut body = format!("{}\n\n## Sammanträden\n\n", organ.description);
        for m in archive.meetings.iter().rev().filter(|m| m.organ == o) {
            body.push_str(&format!(
                "- [{} {}](/protokoll/{}/{}/)\n",
                organ.name,
                m.date,
                organ_slug(o),
                m.date
            ));
        }
        out.file(
            &format!("content/organ/{}.md", organ_slug(o)),
            &page(organ.name, &body)?,
        )?;
        // Hugo needs a section page for each level of protokoll/<organ>/<date>/.
        out.file(
            &format!("content/protokoll/{}/_index.md", organ_slug(o)),
            &page(organ.name, "")?,
        )?;
    }
    for r in &archive.reports {
        out.file(
            &format!("content/rapporter/{}.md", r.id),
            &page(&r.title, &r.body)?,
        )?;
    }
    for plan in &archive.plans {
        let mut body = format!(
            "*{}*\n\n{}\n\n## Politiska uppdrag\n\n",
            plan.vision, plan.intro
        );
        for (text, _) in &plan.assignments {
            body.push_str(&format!("- {text}\n"));
        }
        out.file(
            &format!("content/mal/{}/_index.md", plan.id),
            &page(&plan.title, &body)?,
        )?;
        for g in &plan.goals {
            let mut body = format!("{}\n\n## Bedömning\n\n", g.body);
            for (report, status, text) in &g.assessments {
                body.push_str(&format!(
                    "- [{report}](/rapporter/{report}/): {status}. {text}\n"
                ));
            }
            for f in &g.factors {
                body.push_str(&format!("\n### {}\n\n", f.title));
                for &m in &f.measures {
                    let m = &archive.measures[m];
                    body.push_str(&format!("- [{}](/matt/{}/)\n", m.name, m.id));
                }
            }
            out.file(
                &format!("content/mal/{}/{}.md", plan.id, g.id),
                &page(&g.title, &body)?,
            )?;
        }
    }
    for m in &archive.measures {
        let mut body = format!(
            "{}\n\n| Rapport | Grupp | Ingångsvärde | Mål | Utfall | Status | Trend |\n|---|---|---|---|---|---|---|\n",
            m.definition
        );
        for r in &m.rows {
            body.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                r.report, r.group, r.baseline, r.target, r.outcome, r.status, r.trend
            ));
        }
        out.file(&format!("content/matt/{}.md", m.id), &page(&m.name, &body)?)?;
    }

    // Cases and persons list the § that concern them, as the Insyn site does.
    let mut cases: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut acts: Vec<Vec<String>> = vec![Vec::new(); archive.persons.len()];
    for (mi, m) in archive.meetings.iter().enumerate() {
        let folder = format!("content/protokoll/{}/{}", organ_slug(m.organ), m.date);
        let title = format!("{} {}", ORGANS[m.organ].name, m.date);
        let mut body = format!("{}, {}\n", m.place, m.time);
        out.file(&format!("{folder}/_index.md"), &page(&title, &body)?)?;
        for p in &m.paragraphs {
            let link = format!(
                "[§ {} {}]({}) ({title})",
                p.number,
                p.title,
                paragraph_url(mi, p.number)
            );
            for d in p.dnr.iter().chain(&p.mentions) {
                cases.entry(d).or_default().push(link.clone());
            }
            body = String::new();
            if !p.dnr.is_empty() {
                body.push_str(&format!("Dnr {}\n\n", p.dnr.join(", ")));
            }
            body.push_str(&format!("## Beslut\n\n{}\n\n", p.decision));
            let lists: [(&str, &[Statement]); 4] = [
                ("Yrkanden", &p.proposals),
                ("Reservationer", &p.reservations),
                ("Protokollsanteckningar", &p.notes),
                ("Jäv", &p.recusals),
            ];
            for (heading, list) in lists {
                if list.is_empty() {
                    continue;
                }
                body.push_str(&format!("## {heading}\n\n"));
                for s in list {
                    body.push_str(&format!("- {}\n", s.text));
                    for &person in &s.persons {
                        acts[person].push(format!("- {heading}: {link}: {}\n", s.text));
                    }
                }
                body.push('\n');
            }
            for (text, _) in &p.steps {
                body.push_str(&format!("{text}\n\n"));
            }
            for (_, text) in &p.references {
                body.push_str(&format!("- {text}\n"));
            }
            body.push_str(&format!("\n{}\n", p.body));
            out.file(
                &format!("{folder}/{}.md", p.number),
                &page(&format!("§ {} {}", p.number, p.title), &body)?,
            )?;
        }
    }
    for (dnr, links) in cases {
        let body: String = links.iter().map(|l| format!("- {l}\n")).collect();
        out.file(
            &format!("content/arenden/{dnr}.md"),
            &page(&format!("Ärende {dnr}"), &body)?,
        )?;
    }
    for (person, acts) in archive.persons.iter().zip(acts) {
        let title = format!("{} ({})", person.name, PARTIES[person.party].2);
        out.file(
            &format!("content/personer/{}.md", person.id),
            &page(&title, &acts.concat())?,
        )?;
    }
    Ok(())
}
