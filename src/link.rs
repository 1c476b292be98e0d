//! Validation and linking: turns raw content into the domain model, resolving every reference
//! (organ, party, person, report, goal, perspective, measure) and checking every enumerated
//! value, number, date and diary number. All problems are collected, none stops the others.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::content::{CsvTable, Doc, Loc, RawContent, RawFigure, RawStatement, Text};
use crate::diagnostics::{Diagnostics, nearest_list};
use crate::model::*;
use crate::routes::{self, content as F};
use crate::slug::{is_valid_id, slugify};

mod tables;
mod text;

/// Links raw content into a `Site`. The site is complete only if no diagnostic was added.
pub fn link(raw: RawContent, diagnostics: &mut Diagnostics) -> Site {
    let mut site = Site::default();
    let mut cx = Linker {
        diagnostics,
        failed: Cow::Borrowed(&raw.failed),
    };

    for doc in &raw.organs {
        cx.source(&doc.loc, &doc.data.source);
        cx.text_checks(doc, None);
        let name = doc.data.name.get_ref();
        let slug = slugify(name);
        let problem = if slug.is_empty() {
            Some(format!(
                "the organ's name `{name}` has no letters or digits, and its URL is made from them"
            ))
        } else if routes::organ_feed(&slug) == routes::FEED_ALL {
            Some(format!(
                "the organ's name `{name}` would give its feed the address of the site's feed of everything, /{}",
                routes::FEED_ALL
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            cx.diagnostics.push(doc.loc.error(
                doc.data.name.span(),
                message,
                "write the organ's name in words, e.g. name = \"Regionstyrelsen\" (its page is then /organ/regionstyrelsen/)".to_string(),
            ));
            // References to the organ are not errors of their own.
            cx.failed
                .to_mut()
                .insert((F::ORGANS.into(), doc.id.clone()));
            continue;
        }
        let organ = Organ {
            id: doc.id.clone(),
            name: name.clone(),
            abbreviation: doc.data.abbreviation.clone(),
            slug,
            body: doc.body.clone(),
        };
        site.organs.insert(organ.id.clone(), organ);
    }
    for doc in &raw.parties {
        cx.source(&doc.loc, &doc.data.source);
        site.parties.insert(
            doc.id.clone(),
            Party {
                id: doc.id.clone(),
                name: doc.data.name.clone(),
                abbreviation: doc.data.abbreviation.clone(),
            },
        );
    }
    for doc in &raw.persons {
        cx.source(&doc.loc, &doc.data.source);
        let party = doc
            .data
            .party
            .as_ref()
            .and_then(|p| cx.resolve(&doc.loc, p, &site.parties, "party", F::PARTIES));
        site.persons.insert(
            doc.id.clone(),
            Person {
                id: doc.id.clone(),
                name: doc.data.name.clone(),
                party,
            },
        );
    }
    for doc in &raw.reports {
        match cx.report(doc, &raw.report_tables, &site) {
            Some(report) => {
                site.reports.insert(report.id.clone(), report);
            }
            None => {
                cx.failed
                    .to_mut()
                    .insert((F::REPORTS.into(), doc.id.clone()));
            }
        }
    }
    for csv in &raw.report_tables {
        if !raw.reports.iter().any(|r| r.id == csv.report) {
            cx.diagnostics.push(csv.source.error_at(
                0,
                format!("a table of a report that does not exist: there is no content/rapporter/{}.md", csv.report),
                Some("tables go in content/rapporter/<report id>/<table id>.csv beside the report".into()),
            ));
        }
    }
    for doc in &raw.pages {
        cx.source(&doc.loc, &doc.data.source);
        cx.text_checks(doc, None);
        let path = routes::free_page(&doc.id);
        if routes::SECTIONS.contains(&path.as_str()) {
            cx.diagnostics.push(doc.loc.file_error(
                format!("two pages would get the same URL /{path}: this one and the site's own page there"),
                format!(
                    "rename the file: /{} are the site's own pages",
                    routes::SECTIONS.join(", /")
                ),
            ));
            continue;
        }
        site.pages.insert(
            doc.id.clone(),
            Page {
                id: doc.id.clone(),
                title: doc.data.title.clone(),
                body: doc.body.clone(),
            },
        );
    }
    for (doc, table) in &raw.measures {
        let measure = cx.measure(doc, table.as_ref(), &site);
        site.measures.insert(measure.id.clone(), measure);
    }
    let mut plans: Vec<Plan> = raw
        .plans
        .iter()
        .filter_map(|docs| cx.plan(docs, &site))
        .collect();
    plans.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    site.plans = plans;
    cx.check_predecessors(&raw, &site);
    // Meetings are most of an archive and each stands alone: they are linked in parallel,
    // each thread with its own list of problems (all are sorted in the end), and their raw
    // documents are dropped there too.
    let failed = cx.failed;
    let linked: Vec<(Vec<Meeting>, Diagnostics)> = raw
        .meetings
        .into_par_iter()
        .fold(
            || (Vec::new(), Diagnostics::default()),
            |(mut meetings, mut diagnostics), docs| {
                let mut cx = Linker {
                    diagnostics: &mut diagnostics,
                    failed: Cow::Borrowed(&failed),
                };
                meetings.extend(cx.meeting(&docs, &site));
                (meetings, diagnostics)
            },
        )
        .collect();
    let mut meetings = Vec::with_capacity(linked.iter().map(|(m, _)| m.len()).sum());
    for (linked, problems) in linked {
        meetings.extend(linked);
        cx.diagnostics.append(problems);
    }
    meetings.sort_by(|a, b| (&a.date, &a.organ).cmp(&(&b.date, &b.organ)));
    site.meetings = meetings;
    case_slugs(&site, cx.diagnostics);
    site
}

/// Diary numbers written differently whose case pages would have one URL
/// (`KS 2018/124` and `KS 2018-124`): an error on the later, naming the earlier's file.
fn case_slugs(site: &Site, diagnostics: &mut Diagnostics) {
    let mut first: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for p in site.meetings.iter().flat_map(|m| &m.paragraphs) {
        let doc = &p.front;
        for n in &doc.data.dnr {
            let dnr = n.get_ref().as_str();
            if !p.dnr.iter().any(|d| d == dnr) {
                continue;
            }
            let (earlier, file) = *first
                .entry(crate::slug::case_slug(dnr))
                .or_insert((dnr, doc.loc.path()));
            if earlier != dnr {
                diagnostics.push(doc.loc.error(
                    n.span(),
                    format!(
                        "the diary number `{dnr}` would have the case page of `{earlier}` ({file}): both are /{}",
                        routes::case(dnr)
                    ),
                    format!("write the number as `{earlier}` if it is the same case; if not, correct the one that is mistyped"),
                ));
            }
        }
    }
}

struct Linker<'d> {
    diagnostics: &'d mut Diagnostics,
    failed: Cow<'d, BTreeSet<(String, String)>>,
}

impl Linker<'_> {
    /// Whether `folder/id` exists but failed to parse (its own error says why).
    fn failed(&self, folder: &str, id: &str) -> bool {
        self.failed.contains(&(folder.to_string(), id.to_string()))
    }

    /// Checks that an id written in front matter can be part of a URL (an anchor or a file
    /// name): `what` names it in the message, e.g. "success factor".
    fn url_id(&mut self, loc: &Loc, id: &Text, what: &str) -> bool {
        let value = id.get_ref();
        if is_valid_id(value) {
            return true;
        }
        let suggestion = slugify(value);
        let hint = if suggestion.is_empty() {
            "write the id with letters or digits: lower-case a–z, 0–9 and -".to_string()
        } else {
            format!("write it as \"{suggestion}\" (lower-case a–z, 0–9 and -; å/ä → a, ö → o)")
        };
        self.diagnostics.push(loc.error(
            id.span(),
            format!("the {what} id `{value}` cannot be part of a URL"),
            hint,
        ));
        false
    }

    /// Resolves an id against a map, reporting an unknown one with the place to define it.
    fn resolve<T>(
        &mut self,
        loc: &Loc,
        id: &Text,
        map: &BTreeMap<String, T>,
        what: &str,
        folder: &str,
    ) -> Option<String> {
        let value = id.get_ref();
        if map.contains_key(value) {
            return Some(value.clone());
        }
        if self.failed(folder, value) {
            return None;
        }
        let hint = if map.is_empty() {
            format!("create content/{folder}/{value}.md")
        } else {
            format!(
                "known ids: {}; or create content/{folder}/{value}.md",
                nearest_list(
                    value,
                    map.keys().map(String::as_str),
                    &format!("the files in content/{folder}/")
                )
            )
        };
        self.diagnostics
            .push(loc.error(id.span(), format!("unknown {what} `{value}`"), hint));
        None
    }

    fn organs(&mut self, loc: &Loc, ids: &[Text], site: &Site) -> Vec<String> {
        ids.iter()
            .filter_map(|id| self.resolve(loc, id, &site.organs, "organ", F::ORGANS))
            .collect()
    }

    fn persons(&mut self, loc: &Loc, ids: &[Text], site: &Site) -> Vec<String> {
        ids.iter()
            .filter_map(|id| self.resolve(loc, id, &site.persons, "person", F::PERSONS))
            .collect()
    }

    fn source(&mut self, loc: &Loc, source: &Option<Text>) -> Option<SourceRef> {
        let text = source.as_ref()?;
        let parsed = SourceRef::parse(text.get_ref());
        if parsed.is_none() {
            self.diagnostics.push(loc.error(
                text.span(),
                format!("`{}` is not a source reference", text.get_ref()),
                "write FILE, FILE:LINE or FILE:FIRST-LAST, e.g. \"004_8b838460e9bf283a.txt:20-47\"".to_string(),
            ));
        }
        parsed
    }

    /// Parses an enumerated value, listing the allowed ones on error.
    fn enumerated<T: Keyed + PartialEq>(
        &mut self,
        loc: &Loc,
        value: &Text,
        what: &str,
    ) -> Option<T> {
        self.enumerated_among(loc, value, what, T::ALL)
    }

    /// Parses an enumerated value that must be one of `allowed`.
    fn enumerated_among<T: Keyed + PartialEq>(
        &mut self,
        loc: &Loc,
        value: &Text,
        what: &str,
        allowed: &[T],
    ) -> Option<T> {
        let parsed = T::parse(value.get_ref()).filter(|v| allowed.contains(v));
        if parsed.is_none() {
            let keys: Vec<&str> = allowed.iter().map(|v| v.key()).collect();
            self.diagnostics.push(loc.error(
                value.span(),
                format!("unknown {what} `{}`", value.get_ref()),
                format!("use one of: {}", keys.join(", ")),
            ));
        }
        parsed
    }

    fn report_ref(&mut self, loc: &Loc, id: &Text, site: &Site) -> Option<String> {
        self.resolve(loc, id, &site.reports, "report", F::REPORTS)
    }

    /// `<report>#<anchor>`: a report and a heading of its text.
    fn section_ref(&mut self, loc: &Loc, value: &Text, site: &Site) -> Option<SectionRef> {
        let Some((report, anchor)) = value.get_ref().split_once('#') else {
            self.diagnostics.push(
                loc.error(
                    value.span(),
                    format!("`{}` does not name a report's section", value.get_ref()),
                    "write \"<report>#<anchor>\", e.g. \"arsredovisning-2020#palliativ-vard\""
                        .to_string(),
                ),
            );
            return None;
        };
        let id = Text::new(value.span(), report.to_string());
        let report = site.reports.get(&self.report_ref(loc, &id, site)?)?;
        let headings = crate::markdown::sections(&report.body);
        if !headings.iter().any(|h| h.id == anchor) {
            self.diagnostics.push(loc.error(
                value.span(),
                format!(
                    "report `{}` has no heading with the anchor `{anchor}`",
                    report.id
                ),
                format!(
                    "its headings' anchors: {}",
                    nearest_list(
                        anchor,
                        headings.iter().map(|h| h.id.as_str()),
                        "its headings"
                    )
                ),
            ));
            return None;
        }
        Some(SectionRef {
            report: report.id.clone(),
            anchor: anchor.to_string(),
        })
    }

    fn report(
        &mut self,
        doc: &Doc<crate::content::RawReport>,
        csvs: &[crate::content::PlainTable],
        site: &Site,
    ) -> Option<Report> {
        let d = &doc.data;
        let loc = &doc.loc;
        let kind = self.enumerated(loc, &d.kind, "report kind");
        let period = Period::parse(d.period.get_ref());
        if period.is_none() {
            self.diagnostics.push(
                loc.error(
                    d.period.span(),
                    format!("`{}` is not a period", d.period.get_ref()),
                    "write \"YYYY\" or \"YYYY-MM\", e.g. \"2022-04\" for a report per April 2022"
                        .to_string(),
                ),
            );
        }
        let date = d.date.as_ref().and_then(|date| {
            let text = date.get_ref().to_string();
            if is_valid_date(&text) {
                Some(text)
            } else {
                self.diagnostics.push(loc.error(
                    date.span(),
                    format!("`{text}` is not a date"),
                    "write a date without quotes: date = 2022-05-25".to_string(),
                ));
                None
            }
        });
        let organ = d
            .organ
            .as_ref()
            .and_then(|o| self.resolve(loc, o, &site.organs, "organ", F::ORGANS));
        let key_figures = d
            .key_figures
            .iter()
            .map(|k| KeyFigure {
                label: k.label.clone(),
                value: self.toml_figure(loc, &k.value),
                unit: k.unit.clone(),
                source: self.source(loc, &k.source),
            })
            .collect();
        let tables = self.report_tables(doc, csvs);
        let table_ids: Vec<&str> = d.tables.iter().map(|t| t.id.get_ref().as_str()).collect();
        self.text_checks(doc, Some(&table_ids));
        let source = self.source(loc, &d.source);
        Some(Report {
            id: doc.id.clone(),
            title: d.title.clone(),
            kind: kind?,
            period: period?,
            date,
            document_id: d.document_id.clone(),
            version: d.version.clone(),
            organ,
            key_figures,
            tables,
            body: doc.body.clone(),
            source,
            origin: origin(doc),
        })
    }

    fn toml_figure(&mut self, loc: &Loc, value: &toml::Spanned<RawFigure>) -> Figure {
        match value.get_ref() {
            RawFigure::Text(text) => match figure(text) {
                Ok(f) => f,
                Err(e) => {
                    self.diagnostics
                        .push(loc.error(value.span(), e.to_string(), number_hint()));
                    Figure {
                        raw: text.clone(),
                        value: None,
                    }
                }
            },
            RawFigure::Integer(i) => Figure {
                raw: i.to_string(),
                value: Some(Number {
                    value: *i as f64,
                    decimals: 0,
                }),
            },
            RawFigure::Float(f) => {
                let raw = f.to_string().replace('.', ",");
                let decimals = raw.split_once(',').map_or(0, |(_, d)| d.len() as u8);
                Figure {
                    raw,
                    value: Some(Number {
                        value: *f,
                        decimals,
                    }),
                }
            }
        }
    }

    fn measure(
        &mut self,
        doc: &Doc<crate::content::RawMeasure>,
        table: Option<&CsvTable>,
        site: &Site,
    ) -> Measure {
        let d = &doc.data;
        let loc = &doc.loc;
        self.text_checks(doc, None);
        let kind = self
            .enumerated(loc, &d.kind, "measure kind")
            .unwrap_or(MeasureKind::Styrmatt);
        let direction = d
            .direction
            .as_ref()
            .and_then(|v| self.enumerated(loc, v, "direction"));
        let organs = self.organs(loc, &d.organs, site);
        let source = self.source(loc, &d.source);
        let mut measure = Measure {
            id: doc.id.clone(),
            name: d.name.clone(),
            kind,
            organs,
            unit: d.unit.clone(),
            direction,
            by_sex: d.by_sex,
            aliases: d.aliases.clone(),
            definition: doc.body.clone(),
            results: Vec::new(),
            source,
        };
        if let Some(table) = table {
            measure.results = self.results(table, &measure, site);
        }
        measure
    }

    fn results(&mut self, table: &CsvTable, measure: &Measure, site: &Site) -> Vec<MeasureResult> {
        let mut results = Vec::new();
        let mut seen: BTreeMap<(String, Group), usize> = BTreeMap::new();
        for row in &table.rows {
            let cell = |name: &str| row.cells.get(name);
            let text = |name: &str| cell(name).map_or("", |c| c.text.as_str());
            let err = |cx: &mut Self, name: &str, message: String, hint: String| {
                let (line, column) = cell(name).map_or((row.line, 1), |c| (c.line, c.column));
                cx.diagnostics
                    .push(table.error(line, column, message, hint));
            };
            let errors_before = self.diagnostics.len();
            let report_id = text("report");
            let report = site.reports.get(report_id);
            if report.is_none() && !self.failed(F::REPORTS, report_id) {
                let known = nearest_list(
                    report_id,
                    site.reports.keys().map(String::as_str),
                    "the files in content/rapporter/",
                );
                err(
                    self,
                    "report",
                    format!("unknown report `{report_id}`"),
                    format!("known reports: {known}; or create content/rapporter/{report_id}.md"),
                );
            }
            // An empty group cell is the total.
            let group = match text("group") {
                "" => Some(Group::Total),
                key => Group::parse(key),
            };
            if group.is_none() {
                err(
                    self,
                    "group",
                    format!("unknown group `{}`", text("group")),
                    format!("use one of: {}", Group::keys().join(", ")),
                );
            }
            if !measure.by_sex && matches!(group, Some(Group::Women | Group::Men)) {
                err(
                    self,
                    "group",
                    format!(
                        "a result for `{}` but the measure is not split by sex",
                        text("group")
                    ),
                    "set by_sex = true in the measure's front matter".into(),
                );
            }
            let number = |cx: &mut Self, name: &str| -> Option<Number> {
                let t = text(name);
                if t.is_empty() {
                    return None;
                }
                match parse_number(t) {
                    Ok(n) => Some(n),
                    Err(e) => {
                        err(cx, name, format!("column `{name}`: {e}"), number_hint());
                        None
                    }
                }
            };
            let baseline = number(self, "baseline");
            let target_value = number(self, "target_value");
            let figure_cell = |cx: &mut Self, name: &str| -> Figure {
                match figure(text(name)) {
                    Ok(f) => f,
                    Err(e) => {
                        err(cx, name, format!("column `{name}`: {e}"), number_hint());
                        Figure {
                            raw: text(name).to_string(),
                            value: None,
                        }
                    }
                }
            };
            let mut target = figure_cell(self, "target");
            if target_value.is_some() {
                target.value = target_value;
            }
            let outcome = figure_cell(self, "outcome");
            let status = (!text("status").is_empty())
                .then(|| self.csv_enum(table, cell("status"), "status"))
                .flatten();
            let status_source = (!text("status_source").is_empty())
                .then(|| self.csv_enum(table, cell("status_source"), "status source"))
                .flatten();
            let trend = (!text("trend").is_empty())
                .then(|| self.csv_enum(table, cell("trend"), "trend"))
                .flatten();
            let assessed = match (status, status_source) {
                (Some(_), Some(StatusSource::Computed)) => {
                    err(self, "status", "a status is given but status_source is `beraknad`".into(), "leave status empty to let Insyn compute it, or set status_source to tabell or text".into());
                    None
                }
                (Some(status), Some(source)) => Some(Assessed { status, source }),
                (Some(_), None) => {
                    err(self, "status_source", "a status without its source".into(), "set status_source to tabell (the report's table) or text (the report's prose)".into());
                    None
                }
                // A broken figure was reported already; computing from it would only repeat that.
                (None, Some(StatusSource::Computed)) if self.diagnostics.len() > errors_before => {
                    None
                }
                (None, Some(StatusSource::Computed)) => {
                    self.computed_status(measure, &target, &outcome, baseline, |cx, m, h| {
                        err(cx, "status_source", m, h)
                    })
                }
                (None, _) => None,
            };
            let source = text("source");
            let source = if source.is_empty() {
                None
            } else {
                let parsed = SourceRef::parse(source);
                if parsed.is_none() {
                    err(
                        self,
                        "source",
                        format!("`{source}` is not a source reference"),
                        "write FILE:LINE or FILE:FIRST-LAST".into(),
                    );
                }
                parsed
            };
            let (Some(report), Some(group)) = (report, group) else {
                continue;
            };
            if let Some(first) = seen.insert((report.id.clone(), group), row.line) {
                err(
                    self,
                    "report",
                    format!(
                        "a second result for report `{}` and group `{}` (the first is on line {first})",
                        report.id,
                        group.label().to_lowercase()
                    ),
                    "keep one row per report and group".into(),
                );
                continue;
            }
            results.push(MeasureResult {
                report: report.id.clone(),
                period: report.period,
                group,
                baseline,
                target,
                outcome,
                status: assessed,
                trend,
                comment: text("comment").to_string(),
                source,
            });
        }
        results.sort_by(|a, b| (a.period, a.group, &a.report).cmp(&(b.period, b.group, &b.report)));
        results
    }

    fn computed_status(
        &mut self,
        measure: &Measure,
        target: &Figure,
        outcome: &Figure,
        baseline: Option<Number>,
        mut err: impl FnMut(&mut Self, String, String),
    ) -> Option<Assessed> {
        let Some(direction) = measure.direction else {
            err(
                self,
                "status_source is `beraknad` but the measure has no direction".into(),
                "set direction = \"hogre\" or \"lagre\" in the measure's front matter".into(),
            );
            return None;
        };
        let (Some(t), Some(o)) = (target.value, outcome.value) else {
            err(
                self,
                "status_source is `beraknad` but target or outcome is not a number".into(),
                "give target_value and a numeric outcome, or leave status_source empty".into(),
            );
            return None;
        };
        compute_status(direction, t.value, o.value, baseline.map(|b| b.value)).map(|status| {
            Assessed {
                status,
                source: StatusSource::Computed,
            }
        })
    }

    fn csv_enum<T: Keyed>(
        &mut self,
        table: &CsvTable,
        cell: Option<&crate::content::Cell>,
        what: &str,
    ) -> Option<T> {
        let cell = cell?;
        let parsed = T::parse(&cell.text);
        if parsed.is_none() {
            self.diagnostics.push(table.error(
                cell.line,
                cell.column,
                format!("unknown {what} `{}`", cell.text),
                format!("use one of: {}", T::keys().join(", ")),
            ));
        }
        parsed
    }

    fn plan(&mut self, docs: &crate::content::PlanDocs, site: &Site) -> Option<Plan> {
        let Some(doc) = &docs.plan else {
            if let Some(goal) = docs
                .goals
                .first()
                .filter(|_| !self.failed(F::PLANS, &docs.id))
            {
                self.diagnostics.push(goal.loc.file_error(
                    format!(
                        "the plan `{}` has goals but no {}/_index.md",
                        docs.id, docs.folder
                    ),
                    format!(
                        "create {}/_index.md with the plan's title, start and end",
                        docs.folder
                    ),
                ));
            }
            return None;
        };
        let d = &doc.data;
        let loc = &doc.loc;
        self.text_checks(doc, None);
        if d.end.get_ref() < d.start.get_ref() {
            self.diagnostics.push(loc.error(
                d.end.span(),
                "the plan ends before it starts",
                "check start and end".to_string(),
            ));
        }
        let mut perspective_ids = BTreeSet::new();
        let perspectives: Vec<Perspective> = d
            .perspectives
            .iter()
            .map(|p| {
                self.source(loc, &p.source);
                if !perspective_ids.insert(p.id.get_ref().clone()) {
                    self.diagnostics.push(loc.error(
                        p.id.span(),
                        format!("perspective `{}` is defined twice", p.id.get_ref()),
                        "give each perspective its own id".to_string(),
                    ));
                }
                Perspective {
                    id: p.id.get_ref().clone(),
                    name: p.name.clone(),
                    description: p.description.clone(),
                }
            })
            .collect();
        let goal_ids: BTreeSet<&str> = docs.goals.iter().map(|g| g.id.as_str()).collect();
        let assignments = d
            .assignments
            .iter()
            .map(|a| {
                let goal = a.goal.as_ref().and_then(|g| {
                    if goal_ids.contains(g.get_ref().as_str()) {
                        Some(g.get_ref().clone())
                    } else {
                        let hint = if goal_ids.is_empty() {
                            format!("the plan has no goals yet: a goal is a file in {}/", docs.folder)
                        } else {
                            format!(
                                "the plan's goals are: {} (a goal's id is its file name in {}/, without .md)",
                                nearest_list(
                                    g.get_ref(),
                                    goal_ids.iter().copied(),
                                    &format!("the files in {}/", docs.folder),
                                ),
                                docs.folder
                            )
                        };
                        self.diagnostics.push(loc.error(
                            g.span(),
                            format!("unknown goal `{}` in this plan", g.get_ref()),
                            hint,
                        ));
                        None
                    }
                });
                Assignment {
                    text: a.text.clone(),
                    organs: self.organs(loc, &a.organs, site),
                    goal,
                    source: self.source(loc, &a.source),
                }
            })
            .collect();
        let document = d
            .document
            .as_ref()
            .and_then(|r| self.report_ref(loc, r, site));
        let mut goals: Vec<Goal> = docs
            .goals
            .iter()
            .map(|g| self.goal(g, &docs.id, &perspective_ids, site))
            .collect();
        goals.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
        Some(Plan {
            id: docs.id.clone(),
            title: d.title.clone(),
            start: *d.start.get_ref(),
            end: *d.end.get_ref(),
            vision: d.vision.clone(),
            document,
            perspectives,
            assignments,
            goals,
            intro: doc.body.clone(),
            source: self.source(loc, &d.source),
        })
    }

    fn goal(
        &mut self,
        doc: &Doc<crate::content::RawGoal>,
        plan: &str,
        perspectives: &BTreeSet<String>,
        site: &Site,
    ) -> Goal {
        let d = &doc.data;
        let loc = &doc.loc;
        self.text_checks(doc, None);
        if !perspectives.contains(d.perspective.get_ref()) {
            let known = nearest_list(
                d.perspective.get_ref(),
                perspectives.iter().map(String::as_str),
                &format!("[[perspectives]] in {}", F::plan_file(plan)),
            );
            self.diagnostics.push(loc.error(
                d.perspective.span(),
                format!(
                    "unknown perspective `{}` in plan `{plan}`",
                    d.perspective.get_ref()
                ),
                format!("the plan's perspectives are: {known}"),
            ));
        }
        let predecessor = d
            .predecessor
            .as_ref()
            .and_then(|p| match p.get_ref().split_once('/') {
                Some((plan, goal)) => Some(GoalRef {
                    plan: plan.to_string(),
                    goal: goal.to_string(),
                }),
                None => {
                    self.diagnostics.push(
                        loc.error(
                            p.span(),
                            format!("`{}` does not name a goal of a plan", p.get_ref()),
                            "write \"<plan>/<goal>\", e.g. \"2020-2022/en-god-och-nara-vard\""
                                .to_string(),
                        ),
                    );
                    None
                }
            });
        let assessments = d
            .assessments
            .iter()
            .filter_map(|a| {
                let report = self.report_ref(loc, &a.report, site);
                let status = self.enumerated(loc, &a.status, "status");
                let source = self.enumerated_among(
                    loc,
                    &a.status_source,
                    "status source",
                    &[StatusSource::Table, StatusSource::Text],
                );
                let src = self.source(loc, &a.source);
                let report = site.reports.get(&report?)?;
                Some(GoalAssessment {
                    report: report.id.clone(),
                    period: report.period,
                    status: Assessed {
                        status: status?,
                        source: source?,
                    },
                    text: a.text.clone(),
                    source: src,
                })
            })
            .collect();
        let mut factor_ids = BTreeSet::new();
        let factors = d
            .factors
            .iter()
            .map(|f| {
                self.url_id(loc, &f.id, "success factor");
                if !factor_ids.insert(f.id.get_ref().clone()) {
                    self.diagnostics.push(loc.error(
                        f.id.span(),
                        format!(
                            "success factor `{}` is defined twice in this goal",
                            f.id.get_ref()
                        ),
                        "give each success factor its own id".to_string(),
                    ));
                }
                let measures = f
                    .measures
                    .iter()
                    .filter_map(|m| self.resolve(loc, m, &site.measures, "measure", F::MEASURES))
                    .collect();
                Factor {
                    id: f.id.get_ref().clone(),
                    title: f.title.clone(),
                    organs: self.organs(loc, &f.organs, site),
                    measures,
                    narratives: f
                        .narratives
                        .iter()
                        .filter_map(|n| self.section_ref(loc, n, site))
                        .collect(),
                    source: self.source(loc, &f.source),
                }
            })
            .collect();
        Goal {
            id: doc.id.clone(),
            plan: plan.to_string(),
            title: d.title.clone(),
            perspective: d.perspective.get_ref().clone(),
            order: d.order.unwrap_or(u32::MAX),
            organs: self.organs(loc, &d.organs, site),
            aliases: d.aliases.clone(),
            predecessor,
            assessments,
            factors,
            body: doc.body.clone(),
            source: self.source(loc, &d.source),
            origin: origin(doc),
        }
    }

    fn check_predecessors(&mut self, raw: &RawContent, site: &Site) {
        for docs in &raw.plans {
            for doc in &docs.goals {
                let Some(p) = &doc.data.predecessor else {
                    continue;
                };
                let Some((plan, goal)) = p.get_ref().split_once('/') else {
                    continue;
                };
                let goal_ref = GoalRef {
                    plan: plan.into(),
                    goal: goal.into(),
                };
                if site.goal(&goal_ref).is_none()
                    && !self.failed(F::PLANS, plan)
                    && !self.failed(F::PLANS, p.get_ref())
                {
                    let known = site.plans.iter().find(|p| p.id == plan).map(|p| {
                        nearest_list(
                            goal,
                            p.goals.iter().map(|g| g.id.as_str()),
                            &format!("the files in {}/", F::plan_folder(plan)),
                        )
                    });
                    let hint = match known {
                        Some(known) if !known.is_empty() => format!(
                            "the predecessor must be a goal file content/planer/{plan}/{goal}.md; the plan's goals are: {known}"
                        ),
                        _ => format!(
                            "the predecessor must be a goal file content/planer/{plan}/{goal}.md"
                        ),
                    };
                    self.diagnostics.push(doc.loc.error(
                        p.span(),
                        format!("unknown goal `{}`", p.get_ref()),
                        hint,
                    ));
                }
            }
        }
    }

    fn meeting(&mut self, docs: &crate::content::MeetingDocs, site: &Site) -> Option<Meeting> {
        let Some(doc) = &docs.meeting else {
            if let Some(p) = docs
                .paragraphs
                .first()
                .filter(|_| !self.failed(F::MEETINGS, &format!("{}/{}", docs.organ, docs.date)))
            {
                self.diagnostics.push(p.loc.file_error(
                    format!(
                        "paragraphs without a meeting: {}/_index.md is missing",
                        docs.folder
                    ),
                    format!(
                        "create {}/_index.md (it may hold just the two +++ lines)",
                        docs.folder
                    ),
                ));
            }
            return None;
        };
        let loc = &doc.loc;
        self.text_checks(doc, None);
        let mut ok = true;
        if !site.organs.contains_key(&docs.organ) {
            ok = false;
        }
        if !site.organs.contains_key(&docs.organ) && !self.failed(F::ORGANS, &docs.organ) {
            self.diagnostics.push(loc.file_error(format!("unknown organ `{}` (the meeting's folder name)", docs.organ), format!("the folder under protokoll/ is an organ id; create content/organ/{}.md or rename the folder", docs.organ)));
        }
        if !is_valid_date(&docs.date) {
            ok = false;
            self.diagnostics.push(loc.file_error(
                format!("`{}` is not a date (the meeting's folder name)", docs.date),
                "name the folder YYYY-MM-DD, e.g. 2020-10-14".to_string(),
            ));
        }
        let mut numbers: BTreeMap<u32, String> = BTreeMap::new();
        let mut paragraphs = Vec::new();
        for p in &docs.paragraphs {
            let number = *p.data.number.get_ref();
            if let Some(first) = numbers.insert(number, p.loc.path().to_string()) {
                self.diagnostics.push(p.loc.error(
                    p.data.number.span(),
                    format!("§ {number} appears twice in this meeting (also in {first})"),
                    "each § number occurs once per meeting; correct the number or remove the duplicate file".to_string(),
                ));
                numbers.insert(number, first);
                continue;
            }
            paragraphs.push(self.paragraph(p, site));
        }
        paragraphs.sort_by_key(|p| p.number);
        let source = self.source(loc, &doc.data.source);
        ok.then(|| Meeting {
            organ: docs.organ.clone(),
            date: docs.date.clone(),
            place: doc.data.place.clone(),
            time: doc.data.time.clone(),
            document_id: doc.data.document_id.clone(),
            body: doc.body.clone(),
            paragraphs,
            source,
        })
    }

    fn paragraph(
        &mut self,
        doc: &std::sync::Arc<Doc<crate::content::RawParagraph>>,
        site: &Site,
    ) -> Paragraph {
        let d = &doc.data;
        let loc = &doc.loc;
        self.text_checks(doc, None);
        let dnr = d
            .dnr
            .iter()
            .filter_map(|n| match dnr_problem(n.get_ref()) {
                None => Some(n.get_ref().clone()),
                Some(problem) => {
                    self.diagnostics.push(loc.error(
                        n.span(),
                        problem,
                        "write the diary number exactly as the minutes do, on one line, e.g. \"KS 2018/124\" or \"1351-2020\"".to_string(),
                    ));
                    None
                }
            })
            .collect();
        let decision = d.decision.as_ref().and_then(|dec| {
            let kind = self.enumerated(loc, &dec.kind, "decision kind")?;
            Some(Decision {
                kind,
                text: dec.text.clone(),
            })
        });
        let statements = |cx: &mut Self, list: &[RawStatement]| -> Vec<Statement> {
            list.iter()
                .map(|s| {
                    cx.source(loc, &s.source);
                    Statement {
                        persons: cx.persons(loc, &s.persons, site),
                        parties: s
                            .parties
                            .iter()
                            .filter_map(|p| cx.resolve(loc, p, &site.parties, "party", F::PARTIES))
                            .collect(),
                        role: s.role.clone(),
                        text: s.text.clone(),
                    }
                })
                .collect()
        };
        let proposals = statements(self, &d.proposals);
        let reservations = statements(self, &d.reservations);
        let notes = statements(self, &d.notes);
        let recusals = statements(self, &d.recusals);
        let references = d
            .references
            .iter()
            .filter_map(|r| {
                let kind = self.enumerated(loc, &r.kind, "reference kind")?;
                Some(Reference {
                    kind,
                    text: r.text.clone(),
                })
            })
            .collect();
        Paragraph {
            number: *d.number.get_ref(),
            title: d.title.clone(),
            dnr,
            decision,
            proposals,
            steps: d
                .steps
                .iter()
                .map(|s| Step {
                    text: s.text.clone(),
                    votes: s.votes.map(|v| Votes {
                        yes: v.ja,
                        no: v.nej,
                        abstain: v.avstar,
                    }),
                })
                .collect(),
            reservations,
            notes,
            recusals,
            attachments: d.attachments.clone(),
            distribution: d.distribution.clone(),
            references,
            body: doc.body.clone(),
            source: self.source(loc, &d.source),
            origin: origin(doc),
            front: doc.clone(),
        }
    }
}

/// Where a document's texts live: its file, the line its body starts on, and its front matter.
fn origin<T>(doc: &Doc<T>) -> Origin {
    let text = &doc.loc.source.text;
    let body_start = text.len() - doc.body.len();
    let front_matter = text
        .get(doc.loc.base..body_start)
        .unwrap_or_default()
        .to_string();
    Origin {
        file: doc.loc.path().to_string(),
        body_line: doc.loc.source.position(body_start).0,
        front_matter,
    }
}

fn number_hint() -> String {
    "write numbers as the source does: digits, a space between thousands (18 464) and one decimal comma (12,3)".into()
}

/// A figure as written: parsed when it is meant as a number, an error when it is a broken one.
fn figure(text: &str) -> Result<Figure, NumberError> {
    let value = if looks_numeric(text) {
        Some(parse_number(text)?)
    } else {
        None
    };
    Ok(Figure {
        raw: text.to_string(),
        value,
    })
}
