//! Meetings and their §§: `/protokoll/` lists the meetings newest first,
//! `/protokoll/<organ>/<date>/` shows a meeting with its §§, and each § has its permanent page
//! with the decision, statements, steps and references, its cross-references linked.

use minijinja::Value;
use serde::Serialize;

use super::{PageJob, Shared, job};
use crate::model::{Meeting, Organ, Paragraph, SourceRef, Statement, Step};
use crate::render::record::Record;
use crate::render::views::{
    Link, MeetingSummary, ParagraphSummary, StatementView, citation, meeting_summary,
    paragraph_summary, statements,
};
use crate::routes;
use crate::xref::Scope;

#[derive(Serialize)]
struct Meetings {
    meetings: Vec<MeetingSummary>,
}

/// A meeting as its own page and each of its §§' pages show it.
#[derive(Serialize)]
struct MeetingView<'a> {
    title: String,
    url: String,
    organ: Link,
    date: &'a str,
    long_date: String,
    place: Option<&'a str>,
    time: Option<&'a str>,
    document_id: Option<&'a str>,
    body: String,
    source: Option<String>,
}

#[derive(Serialize)]
struct MeetingPage<'a> {
    meeting: &'a MeetingView<'a>,
    paragraphs: &'a [ParagraphSummary],
}

#[derive(Serialize)]
struct ParagraphPage<'a> {
    meeting: &'a MeetingView<'a>,
    paragraph: ParagraphView<'a>,
    /// The § as its file writes it, for fields shown as written (see `model::Paragraph`),
    /// each made a template value only when the template reads it.
    front: Value,
    previous: Option<&'a ParagraphSummary>,
    next: Option<&'a ParagraphSummary>,
}

#[derive(Serialize)]
struct ParagraphView<'a> {
    number: u32,
    title: &'a str,
    citation: String,
    url: String,
    dnr: Vec<Link>,
    decision: Option<TextView>,
    proposals: Vec<StatementView>,
    steps: Vec<StepView>,
    reservations: Vec<StatementView>,
    notes: Vec<StatementView>,
    recusals: Vec<StatementView>,
    attachments: &'a [String],
    distribution: &'a [String],
    references: Vec<TextView>,
    body: String,
    source: Option<String>,
}

/// A text of a kind (a decision, a reference), as HTML with its cross-references linked.
#[derive(Serialize)]
struct TextView {
    kind: String,
    text: String,
}

#[derive(Serialize)]
struct StepView {
    text: String,
    votes: Option<VotesView>,
}

#[derive(Serialize)]
struct VotesView {
    yes: u32,
    no: u32,
    abstain: u32,
}

/// `/protokoll/`: every meeting, newest first.
pub(super) fn list(s: &Shared) -> PageJob {
    let meetings = s
        .site
        .meetings
        .iter()
        .rev()
        .filter_map(|m| {
            let organ = s.site.organs.get(&m.organ)?;
            Some(meeting_summary(s.urls, organ, m))
        })
        .collect();
    let meta = s.meta(
        "Protokoll",
        routes::MEETINGS,
        "protokoll",
        s.crumbs(None),
        None,
    );
    let origin = routes::content::folder(routes::content::MEETINGS);
    job(
        routes::MEETINGS,
        "meetings.html",
        origin,
        &meta,
        &Meetings { meetings },
    )
}

/// The path and content file of a meeting's page, or of its § `number`.
fn page_of(organ: &Organ, m: &Meeting, number: Option<u32>) -> (String, String) {
    match number {
        None => (
            routes::meeting(&organ.slug, &m.date),
            routes::content::meeting_file(&m.organ, &m.date),
        ),
        Some(n) => (
            routes::paragraph(&organ.slug, &m.date, n),
            routes::content::paragraph_file(&m.organ, &m.date, n),
        ),
    }
}

/// The pages of a meeting (its own, then its §§'), as (output path, content file): what
/// [`jobs_of`] makes, without making it.
pub(super) fn outputs_of(s: &Shared, m: &Meeting) -> Vec<(String, String)> {
    let Some(organ) = s.site.organs.get(&m.organ) else {
        return Vec::new();
    };
    std::iter::once(None)
        .chain(m.paragraphs.iter().map(|p| Some(p.number)))
        .map(|number| {
            let (path, origin) = page_of(organ, m, number);
            (routes::output_file(&path), origin)
        })
        .collect()
}

/// The page of a meeting and the pages of its §§.
pub(super) fn jobs_of(s: &Shared, m: &Meeting) -> Vec<PageJob> {
    let urls = s.urls;
    let Some(organ) = s.site.organs.get(&m.organ) else {
        return Vec::new();
    };
    let summary = meeting_summary(urls, organ, m);
    let paragraphs: Vec<ParagraphSummary> = m
        .paragraphs
        .iter()
        .map(|p| paragraph_summary(urls, &s.config.terms, organ, &m.date, p))
        .collect();
    let meeting = MeetingView {
        title: summary.title.clone(),
        url: summary.url.clone(),
        organ: Link {
            label: organ.name.clone(),
            url: urls.organ(&organ.slug),
        },
        date: &m.date,
        long_date: summary.long_date,
        place: m.place.as_deref(),
        time: m.time.as_deref(),
        document_id: m.document_id.as_deref(),
        body: s.md(&m.body).html,
        source: m.source.as_ref().map(SourceRef::label),
    };
    let mut crumbs = s.crumbs(Some(("Protokoll", routes::MEETINGS)));
    let (path, origin) = page_of(organ, m, None);
    let meta = s.meta(
        summary.title.as_str(),
        &path,
        "protokoll",
        crumbs.clone(),
        Some(organ),
    );
    let data = MeetingPage {
        meeting: &meeting,
        paragraphs: &paragraphs,
    };
    let mut jobs = Vec::with_capacity(m.paragraphs.len() + 1);
    jobs.push(job(&path, "meeting.html", origin, &meta, &data));

    crumbs.push(Link {
        label: summary.title,
        url: summary.url,
    });
    for (i, p) in m.paragraphs.iter().enumerate() {
        let data = ParagraphPage {
            meeting: &meeting,
            paragraph: paragraph(s, organ, m, p),
            front: Record::value(&p.front),
            previous: i.checked_sub(1).map(|j| &paragraphs[j]),
            next: paragraphs.get(i + 1),
        };
        let (path, origin) = page_of(organ, m, Some(p.number));
        let title = format!("§ {} {}", p.number, p.title);
        let meta = s.meta(title, &path, "protokoll", crumbs.clone(), Some(organ));
        jobs.push(job(&path, "paragraph.html", origin, &meta, &data));
    }
    jobs
}

/// A § with its texts as HTML, their cross-references linked.
fn paragraph<'a>(s: &Shared, organ: &Organ, m: &Meeting, p: &'a Paragraph) -> ParagraphView<'a> {
    let urls = s.urls;
    ParagraphView {
        number: p.number,
        title: &p.title,
        citation: citation(organ, &m.date, p),
        url: urls.paragraph(&organ.slug, &m.date, p.number),
        dnr: p
            .dnr
            .iter()
            .map(|d| Link {
                label: d.clone(),
                url: urls.case(d),
            })
            .collect(),
        decision: p.decision.as_ref().map(|d| TextView {
            kind: s.config.terms.decision_kind(d.kind),
            text: decision_html(s, &d.text),
        }),
        proposals: statements_linked(s, &p.proposals),
        steps: p.steps.iter().map(|step| step_view(s, step)).collect(),
        reservations: statements_linked(s, &p.reservations),
        notes: statements_linked(s, &p.notes),
        recusals: statements_linked(s, &p.recusals),
        attachments: &p.attachments,
        distribution: &p.distribution,
        references: p
            .references
            .iter()
            .map(|r| TextView {
                kind: r.kind.label().to_string(),
                text: s.text_linked(
                    &r.text,
                    Scope {
                        reference: Some(r.kind),
                        ..Scope::default()
                    },
                ),
            })
            .collect(),
        body: s.md_linked(&p.body, Scope::default()).html,
        source: p.source.as_ref().map(SourceRef::label),
    }
}

/// A decision's text as HTML blocks: its numbered points (`1. …`) an ordered list and every
/// other line a paragraph, cross-references linked. Readers cite a decision by its points, so
/// they stay points as the minutes number them.
fn decision_html(s: &Shared, text: &str) -> String {
    let mut html = String::new();
    // The number the next point of an open list gets without saying so.
    let mut next: Option<u32> = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match numbered_point(line) {
            Some((n, point)) => {
                match next {
                    None if n == 1 => html.push_str("<ol>"),
                    None => html.push_str(&format!("<ol start=\"{n}\">")),
                    Some(_) => {}
                }
                if next.is_some_and(|expected| expected != n) {
                    html.push_str(&format!("<li value=\"{n}\">"));
                } else {
                    html.push_str("<li>");
                }
                html.push_str(&s.text_linked(point, Scope::default()));
                html.push_str("</li>");
                next = Some(n + 1);
            }
            None => {
                if next.take().is_some() {
                    html.push_str("</ol>");
                }
                html.push_str("<p>");
                html.push_str(&s.text_linked(line, Scope::default()));
                html.push_str("</p>");
            }
        }
    }
    if next.is_some() {
        html.push_str("</ol>");
    }
    html
}

/// The number and text of a numbered point such as `2. Regionstyrelsen beslutar …` or `2) …`.
fn numbered_point(line: &str) -> Option<(u32, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let rest = line[digits..]
        .strip_prefix(". ")
        .or_else(|| line[digits..].strip_prefix(") "))?;
    Some((line[..digits].parse().ok()?, rest.trim_start()))
}

fn step_view(s: &Shared, step: &Step) -> StepView {
    StepView {
        text: s.text_linked(&step.text, Scope::default()),
        votes: step.votes.map(|v| VotesView {
            yes: v.yes,
            no: v.no,
            abstain: v.abstain,
        }),
    }
}

/// Statements with their texts as HTML with linked cross-references.
fn statements_linked(s: &Shared, list: &[Statement]) -> Vec<StatementView> {
    let mut views = statements(s.site, s.urls, list);
    for (view, statement) in views.iter_mut().zip(list) {
        view.text = s.text_linked(&statement.text, Scope::default());
    }
    views
}

#[cfg(test)]
mod tests {
    use super::numbered_point;

    #[test]
    fn numbered_points_are_told_from_other_lines() {
        assert_eq!(
            numbered_point("2. Regionstyrelsen beslutar"),
            Some((2, "Regionstyrelsen beslutar"))
        );
        assert_eq!(
            numbered_point("12) att anta planen"),
            Some((12, "att anta planen"))
        );
        assert_eq!(numbered_point("2020. Ett år"), None);
        assert_eq!(numbered_point("Regionstyrelsen beslutar att"), None);
        assert_eq!(numbered_point("3.5 procent"), None);
    }
}
