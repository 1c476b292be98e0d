//! Cross-references inside texts: another protocol's § ("Regionfullmäktiges protokoll
//! 2017-04-26 § 37"), a diary number ("dnr 1351-2020"), a goal named in a report, and a law by
//! its SFS number ("Lag (2010:1065)"). This module finds them in plain text and resolves them
//! against the site; the renderer turns resolved ones into links, and
//! [`unresolved_references`] lists the rest (with file and line) for `insyn check`.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::markdown::text_runs;
use crate::model::dnr::starts_number;
use crate::model::*;
use crate::routes;
use crate::slug::case_slug;

/// What a reference refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum XrefKind {
    Protocol,
    Dnr,
    Law,
    Goal,
}

impl XrefKind {
    pub fn label(self) -> &'static str {
        match self {
            XrefKind::Protocol => "protokoll",
            XrefKind::Dnr => "diarienummer",
            XrefKind::Law => "lag",
            XrefKind::Goal => "mål",
        }
    }
}

/// Where a resolved reference points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page of the site, as a path below the site root (`arenden/1351-2020/`).
    Page(String),
    /// An official text elsewhere (laws at Regeringskansliets rättsdatabas).
    External(String),
}

/// A reference found in a text: its byte range, kind, and target if it is on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xref {
    pub range: Range<usize>,
    pub kind: XrefKind,
    pub target: Option<Target>,
}

/// What kind of text is scanned, which decides what counts as a reference in it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    /// Goals of this plan are linked where a text names them (reports, goal texts).
    pub plan: Option<&'a Plan>,
    /// A goal's own text never links to the goal itself.
    pub own_goal: Option<&'a str>,
    /// The whole text is a reference of this kind, so a bare `2010:659` or `1351-2020` counts.
    pub reference: Option<ReferenceKind>,
}

/// A cross-reference whose target is not on the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnresolvedRef {
    /// Content file, relative to the site root.
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
    pub kind: XrefKind,
    /// The reference as the text writes it.
    pub text: String,
}

/// The diary numbers of a §: its own (`true`) and those its decision or body mentions in one
/// of the site's forms. Each of them gets a case page (`/arenden/<slug>/`); a mention written
/// otherwise than one of the §'s own numbers but with its slug is that number.
fn paragraph_cases(p: &Paragraph, forms: &DiaryForms) -> Vec<(String, bool)> {
    let text = format!(
        "{} {}",
        p.decision.as_ref().map_or("", |d| d.text.as_str()),
        p.body
    );
    let own: Vec<String> = p.dnr.iter().map(|d| case_slug(d)).collect();
    let mut found: Vec<(String, bool)> = p.dnr.iter().map(|d| (d.clone(), true)).collect();
    found.extend(
        forms
            .mentioned_numbers(&text)
            .into_iter()
            .filter(|d| !own.contains(&case_slug(d)))
            .map(|d| (d, false)),
    );
    found
}

/// Finds and resolves references against one site.
pub struct Resolver<'a> {
    site: &'a Site,
    /// Lower-case organ names and their genitives, with the organ.
    organ_names: Vec<(String, &'a Organ)>,
    /// (organ id, date, number) of every § on the site.
    paragraphs: BTreeSet<(&'a str, &'a str, u32)>,
    /// Every diary number with a case page: its slug, and the number as the §s write it (a
    /// §'s own number before a mention, the first in the site's order).
    cases: BTreeMap<String, String>,
    forms: &'a DiaryForms,
    /// The diary numbers of every § ([`paragraph_cases`]), in the site's order: meeting by
    /// meeting, § by §. The case pages are made from them.
    paragraph_cases: Vec<Vec<(String, bool)>>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `site`, whose diary numbers are written in `forms`.
    pub fn new(site: &'a Site, forms: &'a DiaryForms) -> Self {
        let mut organ_names = Vec::new();
        for organ in site.organs.values() {
            let name = organ.name.to_lowercase();
            // Genitives as the minutes write them: "Regionstyrelsens", "nämndens".
            organ_names.push((format!("{name}s"), organ));
            organ_names.push((name, organ));
        }
        let mut paragraphs = BTreeSet::new();
        for m in &site.meetings {
            for p in &m.paragraphs {
                paragraphs.insert((m.organ.as_str(), m.date.as_str(), p.number));
            }
        }
        // Finding the diary numbers a § mentions reads all its text: in parallel, once.
        let paragraph_cases: Vec<Vec<(String, bool)>> = site
            .meetings
            .par_iter()
            .flat_map_iter(|m| &m.paragraphs)
            .map(|p| paragraph_cases(p, forms))
            .collect();
        let mut cases = BTreeMap::new();
        for own in [true, false] {
            for (dnr, _) in paragraph_cases.iter().flatten().filter(|(_, o)| *o == own) {
                cases.entry(case_slug(dnr)).or_insert_with(|| dnr.clone());
            }
        }
        Resolver {
            site,
            organ_names,
            paragraphs,
            cases,
            forms,
            paragraph_cases,
        }
    }

    /// Each meeting of the site with the diary numbers of its §s, § by § (found once, when
    /// the resolver was made): a §'s own (`true`) and those it mentions.
    pub fn paragraph_cases(&self) -> impl Iterator<Item = (&'a Meeting, &[Vec<(String, bool)>])> {
        let mut rest = self.paragraph_cases.as_slice();
        self.site.meetings.iter().map(move |m| {
            let (mine, after) = rest.split_at(m.paragraphs.len());
            rest = after;
            (m, mine)
        })
    }

    /// The diary number of a case as the §s write it, by the case's slug.
    pub fn case_number(&self, slug: &str) -> Option<&str> {
        self.cases.get(slug).map(String::as_str)
    }

    /// The plan whose goals a report talks about: the plan the report is the document of,
    /// else the latest plan covering the report's period.
    pub fn report_plan(&self, report: &Report) -> Option<&'a Plan> {
        let site = self.site;
        site.plans
            .iter()
            .find(|p| p.document.as_deref() == Some(report.id.as_str()))
            .or_else(|| site.plans.iter().rev().find(|p| p.covers(report.period)))
    }

    /// Every reference in `text`, in order and without overlaps.
    pub fn find(&self, text: &str, scope: Scope) -> Vec<Xref> {
        let lower = lower_aligned(text);
        let mut found = Vec::new();
        self.protocols(text, &lower, &mut found);
        self.dnrs(text, scope, &mut found);
        laws(text, &lower, scope, &mut found);
        if let Some(plan) = scope.plan {
            goals(&lower, plan, scope.own_goal, &mut found);
        }
        found.sort_by_key(|x| (x.range.start, std::cmp::Reverse(x.range.end)));
        let mut kept: Vec<Xref> = Vec::new();
        for x in found {
            if kept.last().is_none_or(|k| k.range.end <= x.range.start) {
                kept.push(x);
            }
        }
        kept
    }

    fn protocols(&self, text: &str, lower: &str, out: &mut Vec<Xref>) {
        for (i, _) in text.match_indices('-') {
            // A date YYYY-MM-DD has its first dash at byte 4.
            let Some(start) = i.checked_sub(4) else {
                continue;
            };
            let Some(date) = text.get(start..start + 10) else {
                continue;
            };
            if !is_valid_date(date) || !starts_number(text, start) || digit_at(text, start + 10) {
                continue;
            }
            let mut end = start + 10;
            let mut number = None;
            let after = text[end..].trim_start_matches([',', ' ', '\u{a0}']);
            if let Some(rest) = after.strip_prefix('§') {
                let rest = rest.trim_start_matches([' ', '\u{a0}']);
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits > 0
                    && !text[text.len() - rest.len() + digits..].starts_with(char::is_alphanumeric)
                {
                    number = rest[..digits].parse::<u32>().ok();
                    end = text.len() - rest.len() + digits;
                }
            }
            // The organ is named earlier in the same sentence.
            let window_start = lower[..start]
                .rfind(['.', ';', '!', '?'])
                .map_or(0, |i| i + 1)
                .max(floor_char(lower, start.saturating_sub(120)));
            let before = &lower[window_start..start];
            let organ = self
                .organ_names
                .iter()
                .filter_map(|(name, organ)| {
                    let pos = rfind_word(before, name)?;
                    Some((window_start + pos, window_start + pos + name.len(), *organ))
                })
                .max_by_key(|&(s, e, _)| (e, std::cmp::Reverse(s)));
            let says_protocol = |from: usize| lower[from..start].contains("protokoll");
            let (range, target) = match organ {
                Some((s, e, organ)) if number.is_some() || says_protocol(e) => {
                    let target = match number {
                        Some(n) => self
                            .paragraphs
                            .contains(&(organ.id.as_str(), date, n))
                            .then(|| Target::Page(routes::paragraph(&organ.slug, date, n))),
                        None => self
                            .paragraphs
                            .range(
                                (organ.id.as_str(), date, 0)..=(organ.id.as_str(), date, u32::MAX),
                            )
                            .next()
                            .map(|_| Target::Page(routes::meeting(&organ.slug, date))),
                    };
                    (s..end, target)
                }
                // "Internationella beredningens protokoll 2020-09-03": an organ the site lacks;
                // the two words before "protokoll" name it.
                None if before.trim_end().ends_with("protokoll") => {
                    let words = before.trim_end();
                    let from = words
                        .char_indices()
                        .rev()
                        .filter(|&(_, c)| c == ' ')
                        .nth(2)
                        .map_or(0, |(i, _)| i + 1);
                    (window_start + from..end, None)
                }
                None if number.is_some() => (start..end, None),
                _ => continue,
            };
            out.push(Xref {
                range,
                kind: XrefKind::Protocol,
                target,
            });
        }
    }

    fn dnrs(&self, text: &str, scope: Scope, out: &mut Vec<Xref>) {
        let ranges = if scope.reference == Some(ReferenceKind::Dnr) {
            self.forms.bare_numbers(text)
        } else {
            self.forms
                .mentions(text)
                .into_iter()
                .filter_map(|m| match m {
                    Mention::Number(range) => Some(range),
                    Mention::Unreadable(_) => None,
                })
                .collect()
        };
        for range in ranges {
            let dnr = &text[range.clone()];
            out.push(Xref {
                target: self
                    .cases
                    .contains_key(&case_slug(dnr))
                    .then(|| Target::Page(routes::case(dnr))),
                kind: XrefKind::Dnr,
                range,
            });
        }
    }
}

/// Laws by SFS number: `SFS 2017:725`, `Lag (2010:1065)`, `Patientsäkerhetslagen (2010:659)`,
/// or any `YYYY:N` in a reference of kind `lag`. They link to the official text.
fn laws(text: &str, lower: &str, scope: Scope, out: &mut Vec<Xref>) {
    for (i, _) in text.match_indices(':') {
        let Some(start) = i.checked_sub(4) else {
            continue;
        };
        let year_ok = text
            .get(start..i)
            .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
        let digits = text[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if !year_ok || !(1..=4).contains(&digits) || !starts_number(text, start) {
            continue;
        }
        let end = i + 1 + digits;
        if text[end..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let number = &text[start..end];
        let before = &lower[..start];
        let range = if let Some(prefix) = ["sfs nr ", "sfs nr. ", "sfs "]
            .iter()
            .find(|p| before.ends_with(**p))
        {
            start - prefix.len()..end
        } else if before.ends_with('(') && text[end..].starts_with(')') {
            let words = before[..before.len() - 1].trim_end();
            let word_start = words
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let word = &words[word_start..];
            let is_law = [
                "lag",
                "lagen",
                "förordning",
                "förordningen",
                "balk",
                "balken",
            ]
            .iter()
            .any(|w| word.ends_with(w));
            if !is_law {
                continue;
            }
            word_start..end + 1
        } else if scope.reference == Some(ReferenceKind::Law) {
            start..end
        } else {
            continue;
        };
        out.push(Xref {
            range,
            kind: XrefKind::Law,
            target: Some(Target::External(format!(
                "https://rkrattsbaser.gov.se/sfst?bet={number}"
            ))),
        });
    }
}

/// A plan's goals where a text names them by title or alias (case-insensitively).
fn goals(lower: &str, plan: &Plan, own: Option<&str>, out: &mut Vec<Xref>) {
    for goal in plan.goals.iter().filter(|g| Some(g.id.as_str()) != own) {
        for name in std::iter::once(&goal.title).chain(&goal.aliases) {
            let needle = lower_aligned(name.trim());
            // Very short names ("Ekonomi") are ordinary words, not references.
            if needle.chars().count() < 12 {
                continue;
            }
            for (i, _) in lower.match_indices(needle.as_str()) {
                let end = i + needle.len();
                if starts_number(lower, i) && !lower[end..].starts_with(char::is_alphanumeric) {
                    out.push(Xref {
                        range: i..end,
                        kind: XrefKind::Goal,
                        target: Some(Target::Page(routes::goal(&plan.id, &goal.id))),
                    });
                }
            }
        }
    }
}

/// Lower-cases characters whose lower case has the same UTF-8 length, so byte offsets into
/// the result are offsets into the original. Runs of ASCII are lower-cased in bulk (this runs
/// over every text of the site).
fn lower_aligned(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            let mut lower = c.to_lowercase();
            out.push(match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            });
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn digit_at(text: &str, i: usize) -> bool {
    text.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// The last occurrence of `needle` in `hay` that starts and ends at word boundaries.
fn rfind_word(hay: &str, needle: &str) -> Option<usize> {
    hay.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            starts_number(hay, i) && !hay[i + needle.len()..].starts_with(char::is_alphanumeric)
        })
        .last()
}

/// The nearest char boundary at or below `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where a text of the content is: its file, and the line of a byte range of the text.
struct TextAt<'t> {
    origin: &'t Origin,
    /// For a Markdown body, the text run's first line and where its lines start; `None` for
    /// a text of the front matter.
    run: Option<&'t crate::markdown::TextRun>,
}

impl TextAt<'_> {
    fn line(&self, text: &str, range: Range<usize>) -> usize {
        match self.run {
            Some(run) => self.origin.body_line + run.line_of(range.start) - 1,
            None => self.origin.front_matter_line(&text[range]),
        }
    }
}

/// Calls `f` with every text of the site that may hold cross-references, where it is, and
/// what kind of text it is.
fn each_text(site: &Site, resolver: &Resolver, mut f: impl FnMut(&TextAt, &str, Scope)) {
    let mut markdown = |origin: &Origin, body: &str, scope: Scope| {
        for run in text_runs(body) {
            let at = TextAt {
                origin,
                run: Some(&run),
            };
            f(&at, &run.text, scope);
        }
    };
    let mut plain_texts: Vec<(&Origin, &str, Scope)> = Vec::new();
    for m in &site.meetings {
        for p in &m.paragraphs {
            markdown(&p.origin, &p.body, Scope::default());
            let texts = p
                .decision
                .iter()
                .map(|d| &d.text)
                .chain(p.steps.iter().map(|s| &s.text))
                .chain(
                    [&p.proposals, &p.reservations, &p.notes, &p.recusals]
                        .into_iter()
                        .flatten()
                        .map(|s| &s.text),
                );
            for text in texts {
                plain_texts.push((&p.origin, text, Scope::default()));
            }
            for r in &p.references {
                let scope = Scope {
                    reference: Some(r.kind),
                    ..Scope::default()
                };
                plain_texts.push((&p.origin, &r.text, scope));
            }
        }
    }
    for r in site.reports.values() {
        let scope = Scope {
            plan: resolver.report_plan(r),
            ..Scope::default()
        };
        markdown(&r.origin, &r.body, scope);
    }
    for plan in &site.plans {
        for g in &plan.goals {
            let scope = Scope {
                plan: Some(plan),
                own_goal: Some(&g.id),
                ..Scope::default()
            };
            markdown(&g.origin, &g.body, scope);
            for a in &g.assessments {
                plain_texts.push((&g.origin, &a.text, scope));
            }
        }
    }
    for (origin, text, scope) in plain_texts {
        f(&TextAt { origin, run: None }, text, scope);
    }
}

/// Every cross-reference in the site's texts whose target is not on the site, with the file
/// and line it is written on. Laws always resolve (they link to the official text).
pub fn unresolved_references(site: &Site, forms: &DiaryForms) -> Vec<UnresolvedRef> {
    let resolver = Resolver::new(site, forms);
    let mut out = Vec::new();
    each_text(site, &resolver, |at, text, scope| {
        for x in resolver.find(text, scope) {
            if x.target.is_none() {
                out.push(UnresolvedRef {
                    file: at.origin.file.clone(),
                    line: at.line(text, x.range.clone()),
                    kind: x.kind,
                    text: text[x.range].to_string(),
                });
            }
        }
    });
    out.sort();
    out.dedup();
    out
}

/// A diary number that is probably mistyped, for `insyn check`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DnrWarning {
    /// Content file, relative to the site root.
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
    pub message: String,
}

/// The diary numbers of the content that look mistyped: a §'s own number in none of the
/// site's forms (with the case one edit away, if there is one), a mention after "dnr" in none
/// of the forms, and a mention written otherwise than the case it belongs to (`ks 2018/124`
/// for `KS 2018/124`). They are warnings: the number may be right and the forms incomplete.
pub fn diary_number_warnings(site: &Site, forms: &DiaryForms) -> Vec<DnrWarning> {
    let resolver = Resolver::new(site, forms);
    let known: Vec<&str> = resolver
        .cases
        .values()
        .map(String::as_str)
        .filter(|d| forms.matches(d))
        .collect();
    let in_forms = format!(
        "in none of the site's diary-number forms ({})",
        forms.written().join(", ")
    );
    let mut out = Vec::new();
    for p in site.meetings.iter().flat_map(|m| &m.paragraphs) {
        for dnr in p.dnr.iter().filter(|d| !forms.matches(d)) {
            let near = known
                .iter()
                .find(|k| strsim::osa_distance(k, dnr) == 1)
                .map_or(String::new(), |k| format!("; did you mean `{k}`?"));
            out.push(DnrWarning {
                file: p.origin.file.clone(),
                line: p.origin.front_matter_line(dnr),
                message: format!("the diary number `{dnr}` is {in_forms}{near}"),
            });
        }
    }
    each_text(site, &resolver, |at, text, scope| {
        if scope.reference.is_some() {
            return;
        }
        for m in forms.mentions(text) {
            let (range, message) = match m {
                Mention::Unreadable(range) => {
                    let message = format!(
                        "`{}` after the word for a diary number is {in_forms}, so it is not linked",
                        &text[range.clone()]
                    );
                    (range, message)
                }
                Mention::Number(range) => {
                    let dnr = &text[range.clone()];
                    match resolver.case_number(&case_slug(dnr)) {
                        Some(case) if case != dnr => {
                            let message = format!(
                                "the diary number `{dnr}` is written otherwise than its case `{case}`"
                            );
                            (range, message)
                        }
                        _ => continue,
                    }
                }
            };
            out.push(DnrWarning {
                file: at.origin.file.clone(),
                line: at.line(text, range),
                message,
            });
        }
    });
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let mut site = Site::default();
        for (id, name, abbr) in [
            ("rf", "Regionfullmäktige", "RF"),
            ("rs", "Regionstyrelsen", "RS"),
            ("run", "Regionala utvecklingsnämnden", "RUN"),
        ] {
            site.organs.insert(
                id.into(),
                Organ {
                    id: id.into(),
                    name: name.into(),
                    abbreviation: abbr.into(),
                    slug: crate::slug::slugify(name),
                    body: String::new(),
                },
            );
        }
        let paragraph = |number, dnr: &[&str], body: &str| {
            let file = format!("content/protokoll/rf/2017-04-26/{number}.md");
            Paragraph {
                origin: Origin {
                    file: file.clone(),
                    body_line: 10,
                    front_matter: String::new(),
                },
                ..Paragraph::for_test(number, "T", dnr, body, file)
            }
        };
        site.meetings.push(Meeting {
            organ: "rf".into(),
            date: "2017-04-26".into(),
            place: None,
            time: None,
            document_id: None,
            body: String::new(),
            paragraphs: vec![
                paragraph(37, &["1351-2020"], ""),
                paragraph(
                    38,
                    &[],
                    "Text.\n\nSe Regionstyrelsens protokoll 2019-01-01 § 9 och `2017-04-26 § 37`.\n",
                ),
            ],
            source: None,
        });
        site
    }

    fn found(text: &str, scope: Scope) -> Vec<(String, Option<Target>)> {
        let site = site();
        let forms = DiaryForms::default();
        let r = Resolver::new(&site, &forms);
        r.find(text, scope)
            .into_iter()
            .map(|x| (text[x.range].to_string(), x.target))
            .collect()
    }

    fn page(p: &str) -> Option<Target> {
        Some(Target::Page(p.into()))
    }

    #[test]
    fn protocol_references_resolve_by_organ_name_date_and_number() {
        assert_eq!(
            found(
                "enligt Regionfullmäktiges protokoll 2017-04-26 § 37.",
                Scope::default()
            ),
            vec![(
                "Regionfullmäktiges protokoll 2017-04-26 § 37".into(),
                page("protokoll/regionfullmaktige/2017-04-26/37/")
            )]
        );
        assert_eq!(
            found(
                "Regionfullmäktige beslutade 2017-04-26 § 37 att",
                Scope::default()
            ),
            vec![(
                "Regionfullmäktige beslutade 2017-04-26 § 37".into(),
                page("protokoll/regionfullmaktige/2017-04-26/37/")
            )]
        );
        // A § that is not on the site, and an organ the site does not know.
        assert_eq!(
            found(
                "Regionala utvecklingsnämnden har 2020-10-07 § 97 föreslagit",
                Scope::default()
            ),
            vec![(
                "Regionala utvecklingsnämnden har 2020-10-07 § 97".into(),
                None
            )]
        );
        assert_eq!(
            found(
                "Internationella beredningens protokoll 2020-09-03",
                Scope::default()
            ),
            vec![(
                "Internationella beredningens protokoll 2020-09-03".into(),
                None
            )]
        );
        // A meeting on the site, without a §.
        assert_eq!(
            found("Regionfullmäktiges protokoll 2017-04-26", Scope::default()),
            vec![(
                "Regionfullmäktiges protokoll 2017-04-26".into(),
                page("protokoll/regionfullmaktige/2017-04-26/")
            )]
        );
        // A plain date is no reference.
        assert!(
            found(
                "Regionstyrelsen möttes 2017-04-26 i Luleå.",
                Scope::default()
            )
            .is_empty()
        );
    }

    #[test]
    fn diary_numbers_in_dnr_contexts() {
        assert_eq!(
            found(
                "Dnr 1351-2020, 1370-2020 och programperiod 2021-2027",
                Scope::default()
            ),
            vec![
                ("1351-2020".into(), page("arenden/1351-2020/")),
                ("1370-2020".into(), None)
            ]
        );
        assert!(found("programperiod 2021-2027", Scope::default()).is_empty());
        let dnr = Scope {
            reference: Some(ReferenceKind::Dnr),
            ..Scope::default()
        };
        assert_eq!(
            found("1351-2020", dnr),
            vec![("1351-2020".into(), page("arenden/1351-2020/"))]
        );
    }

    #[test]
    fn lower_casing_keeps_byte_offsets() {
        let text = "Beslut i REGIONSTYRELSEN, Ärende İ Å Dnr";
        let lower = lower_aligned(text);
        assert_eq!(lower.len(), text.len());
        // `İ` lower-cases to two characters and is kept as it is; the rest is lower case.
        assert_eq!(lower, "beslut i regionstyrelsen, ärende İ å dnr");
    }

    #[test]
    fn laws_link_to_the_official_text() {
        let url = |n: &str| {
            Some(Target::External(format!(
                "https://rkrattsbaser.gov.se/sfst?bet={n}"
            )))
        };
        assert_eq!(
            found(
                "enligt Lag (2010:1065) om kollektivtrafik",
                Scope::default()
            ),
            vec![("Lag (2010:1065)".into(), url("2010:1065"))]
        );
        assert_eq!(
            found(
                "ändring i Patientsäkerhetslagen (2010:659) med",
                Scope::default()
            ),
            vec![("Patientsäkerhetslagen (2010:659)".into(), url("2010:659"))]
        );
        assert_eq!(
            found("se SFS 2017:725.", Scope::default()),
            vec![("SFS 2017:725".into(), url("2017:725"))]
        );
        // SOU, Ds and directives are not laws.
        assert!(
            found(
                "(SOU 2019:20) och Ds 2020:15 och (Dir. 2022:27)",
                Scope::default()
            )
            .is_empty()
        );
        let law = Scope {
            reference: Some(ReferenceKind::Law),
            ..Scope::default()
        };
        assert_eq!(
            found("2010:659", law),
            vec![("2010:659".into(), url("2010:659"))]
        );
    }

    #[test]
    fn unresolved_references_name_file_and_line() {
        let site = site();
        let refs = unresolved_references(&site, &DiaryForms::default());
        assert_eq!(
            refs,
            vec![UnresolvedRef {
                file: "content/protokoll/rf/2017-04-26/38.md".into(),
                line: 12,
                kind: XrefKind::Protocol,
                text: "Regionstyrelsens protokoll 2019-01-01 § 9".into(),
            }]
        );
    }
}
