//! The searchable units of a site, built from the linked domain model (never from rendered
//! pages): each goal, measure, plan, report *section*, meeting, § (on its own), person and
//! free page becomes one [`SearchDoc`] with the URL of its page or section anchor. Case pages
//! (`/arenden/<dnr>/`) are not indexed: they only list §, which carry the diary numbers and are
//! indexed themselves.

use std::collections::HashMap;

use crate::config::{Terms, capitalise};
use crate::markdown;
use crate::model::*;
use crate::routes::Urls;

/// What kind of page a document is; the slug is the `typ` filter value in `/sok/?typ=…` and
/// the `--type` of `insyn search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocType {
    Goal,
    Measure,
    Plan,
    Report,
    Paragraph,
    Meeting,
    Person,
    Page,
}

impl DocType {
    pub const ALL: [DocType; 8] = [
        DocType::Goal,
        DocType::Measure,
        DocType::Plan,
        DocType::Report,
        DocType::Paragraph,
        DocType::Meeting,
        DocType::Person,
        DocType::Page,
    ];

    /// ASCII value for URLs and the command line.
    pub fn slug(self) -> &'static str {
        match self {
            DocType::Goal => "mal",
            DocType::Measure => "matt",
            DocType::Plan => "plan",
            DocType::Report => "rapport",
            DocType::Paragraph => "paragraf",
            DocType::Meeting => "sammantrade",
            DocType::Person => "person",
            DocType::Page => "sida",
        }
    }

    pub fn from_slug(slug: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// A meeting mostly lists its §, which are indexed themselves: it ranks below them when
    /// they match equally well. A person's page is indexed by name and party alone and is the
    /// answer to a name: it ranks above the § that mention the person.
    pub fn prior(self) -> f32 {
        match self {
            DocType::Meeting => 0.6,
            DocType::Person => 1.3,
            _ => 1.0,
        }
    }
}

/// Each document type's Swedish label, shown with a result and in the type filter: goals by
/// the organisation's word for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeLabels([String; DocType::ALL.len()]);

impl TypeLabels {
    pub fn new(terms: &Terms) -> Self {
        TypeLabels(DocType::ALL.map(|t| match t {
            DocType::Goal => capitalise(&terms.goal.singular),
            DocType::Measure => "Mått".into(),
            DocType::Plan => "Plan".into(),
            DocType::Report => "Rapport".into(),
            DocType::Paragraph => "§".into(),
            DocType::Meeting => "Sammanträde".into(),
            DocType::Person => "Person".into(),
            DocType::Page => "Sida".into(),
        }))
    }

    pub fn of(&self, kind: DocType) -> &str {
        let i = DocType::ALL.iter().position(|t| *t == kind);
        &self.0[i.expect("ALL holds every type")]
    }
}

/// One searchable unit.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub title: String,
    /// Plain text (Markdown rendered and stripped of markup).
    pub body: String,
    pub kind: DocType,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; empty when the unit has no date.
    pub date: String,
    /// Year for the year filter; 0 when none.
    pub year: u16,
    /// Organ names, joined with ", ".
    pub organ: String,
    /// The same organs one by one, for the organ filter.
    pub organs: Vec<String>,
    /// Plan title and perspective name, for goals.
    pub plan: String,
    pub perspective: String,
    pub dnr: Vec<String>,
    /// Names of the persons a § mentions (proposals, reservations, notes, recusals).
    pub persons: Vec<String>,
    /// Public URL with the base path, and the anchor of a section.
    pub url: String,
    /// The heading of a section of a page (empty for a whole page): a section is listed under
    /// its page among the search results.
    pub heading: String,
}

impl SearchDoc {
    fn new(kind: DocType, title: String, url: String) -> Self {
        SearchDoc {
            title,
            body: String::new(),
            kind,
            date: String::new(),
            year: 0,
            organ: String::new(),
            organs: Vec::new(),
            plan: String::new(),
            perspective: String::new(),
            dnr: Vec::new(),
            persons: Vec::new(),
            url,
            heading: String::new(),
        }
    }

    /// The URL of the page the unit is on (its URL without a section's anchor).
    pub fn page_url(&self) -> &str {
        self.url.split_once('#').map_or(&self.url, |(page, _)| page)
    }

    fn push_text(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.body.is_empty() {
            self.body.push('\n');
        }
        self.body.push_str(text);
    }
}

/// All searchable units of the site, in a stable order (the order of the model).
pub fn build_documents(site: &Site, urls: &Urls, terms: &Terms) -> Vec<SearchDoc> {
    let related = Related::new(site);
    let mut docs = Vec::new();
    for plan in &site.plans {
        docs.push(plan_doc(plan, urls));
        for goal in &plan.goals {
            docs.push(goal_doc(site, plan, goal, urls));
        }
    }
    for m in site.measures.values() {
        docs.push(measure_doc(site, &related, m, urls, terms));
    }
    for r in site.reports.values() {
        push_report_docs(&mut docs, site, &related, r, urls);
    }
    for meeting in &site.meetings {
        let Some(organ) = site.organs.get(&meeting.organ) else {
            continue;
        };
        let facts = MeetingFacts {
            organ,
            date: &meeting.date,
            year: meeting.date[..4].parse().unwrap_or(0),
        };
        docs.push(meeting_doc(&facts, meeting, urls));
        for p in &meeting.paragraphs {
            docs.push(paragraph_doc(site, &facts, p, urls, terms));
        }
    }
    for person in site.persons.values() {
        docs.push(person_doc(site, person, urls));
    }
    for page in site.pages.values() {
        docs.push(page_doc(page, urls));
    }
    docs
}

/// What a page shows of other units, found once for the whole site: a measure's page lists
/// the goals it follows up; a report's page the goals it assesses and the measures it
/// reports.
struct Related<'a> {
    /// Goal titles by measure id.
    measure_goals: HashMap<&'a str, Vec<&'a str>>,
    /// Goal titles by report id.
    report_goals: HashMap<&'a str, Vec<&'a str>>,
    /// Measure names by report id.
    report_measures: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Related<'a> {
    fn new(site: &'a Site) -> Self {
        let mut related = Related {
            measure_goals: HashMap::new(),
            report_goals: HashMap::new(),
            report_measures: HashMap::new(),
        };
        for goal in site.plans.iter().flat_map(|p| &p.goals) {
            for m in goal.factors.iter().flat_map(|f| &f.measures) {
                let titles = related.measure_goals.entry(m.as_str()).or_default();
                if !titles.contains(&goal.title.as_str()) {
                    titles.push(&goal.title);
                }
            }
            for a in &goal.assessments {
                let titles = related.report_goals.entry(a.report.as_str()).or_default();
                if !titles.contains(&goal.title.as_str()) {
                    titles.push(&goal.title);
                }
            }
        }
        for m in site.measures.values() {
            for r in &m.results {
                let names = related
                    .report_measures
                    .entry(r.report.as_str())
                    .or_default();
                if !names.contains(&m.name.as_str()) {
                    names.push(&m.name);
                }
            }
        }
        related
    }

    /// The titles of the goals that follow measure `id` up.
    fn goals_of_measure(&self, id: &str) -> &[&'a str] {
        self.measure_goals.get(id).map_or(&[], Vec::as_slice)
    }

    /// The titles of the goals report `id` assesses.
    fn goals_of_report(&self, id: &str) -> &[&'a str] {
        self.report_goals.get(id).map_or(&[], Vec::as_slice)
    }

    /// The names of the measures report `id` reports.
    fn measures_of_report(&self, id: &str) -> &[&'a str] {
        self.report_measures.get(id).map_or(&[], Vec::as_slice)
    }
}

/// The page of each document: the number of the document of its whole page for a section
/// (a unit whose URL has an anchor) when the page has one, the document's own number
/// otherwise.
pub fn pages(docs: &[SearchDoc]) -> Vec<usize> {
    let whole: std::collections::HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.url.contains('#'))
        .map(|(i, d)| (d.url.as_str(), i))
        .collect();
    docs.iter()
        .enumerate()
        .map(|(i, d)| whole.get(d.page_url()).copied().unwrap_or(i))
        .collect()
}

/// The names of the organs `ids` names, joined with ", ".
fn organ_names(site: &Site, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| site.organs.get(id))
        .map(|o| o.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The names of the organs `ids` names, one by one.
fn organ_list(site: &Site, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| site.organs.get(id))
        .map(|o| o.name.clone())
        .collect()
}

/// A plan: its vision, introduction, perspectives, the titles of its goals (the page lists
/// them) and assignments.
fn plan_doc(plan: &Plan, urls: &Urls) -> SearchDoc {
    let mut doc = SearchDoc::new(DocType::Plan, plan.title.clone(), urls.plan(&plan.id));
    doc.year = plan.start;
    doc.date = plan.start.to_string();
    doc.plan = plan.title.clone();
    if let Some(v) = &plan.vision {
        doc.push_text(v);
    }
    doc.push_text(&plain_text(&plan.intro));
    for p in &plan.perspectives {
        doc.push_text(&format!("{}: {}", p.name, p.description));
    }
    for goal in &plan.goals {
        doc.push_text(&goal.title);
    }
    for a in &plan.assignments {
        doc.push_text(&a.text);
    }
    doc
}

/// A goal of `plan`, dated by the latest report that assesses it: its aliases, text,
/// assessments, success factors with their measures (names and the results' comments, as the
/// page shows them), and the plan's assignments for it.
fn goal_doc(site: &Site, plan: &Plan, goal: &Goal, urls: &Urls) -> SearchDoc {
    let mut doc = SearchDoc::new(
        DocType::Goal,
        goal.title.clone(),
        urls.goal(&plan.id, &goal.id),
    );
    doc.plan = plan.title.clone();
    doc.perspective = plan
        .perspectives
        .iter()
        .find(|p| p.id == goal.perspective)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    doc.organ = organ_names(site, &goal.organs);
    doc.organs = organ_list(site, &goal.organs);
    doc.year = goal
        .assessments
        .iter()
        .filter_map(|a| site.reports.get(&a.report).map(|r| r.period.year))
        .max()
        .unwrap_or(plan.start);
    doc.date = format!("{}–{}", plan.start, plan.end);
    for alias in &goal.aliases {
        doc.push_text(alias);
    }
    doc.push_text(&plain_text(&goal.body));
    for a in &goal.assessments {
        doc.push_text(&a.text);
    }
    for f in &goal.factors {
        doc.push_text(&f.title);
        for m in f.measures.iter().filter_map(|m| site.measures.get(m)) {
            doc.push_text(&m.name);
            for r in &m.results {
                doc.push_text(&r.comment);
            }
        }
    }
    for a in plan
        .assignments
        .iter()
        .filter(|a| a.goal.as_deref() == Some(goal.id.as_str()))
    {
        doc.push_text(&a.text);
    }
    doc
}

/// A measure, dated by its latest result: its kind, unit, aliases, definition, the results'
/// comments and the titles of the goals it follows up.
fn measure_doc(
    site: &Site,
    related: &Related,
    m: &Measure,
    urls: &Urls,
    terms: &Terms,
) -> SearchDoc {
    let mut doc = SearchDoc::new(DocType::Measure, m.name.clone(), urls.measure(&m.id));
    doc.organ = organ_names(site, &m.organs);
    doc.organs = organ_list(site, &m.organs);
    doc.year = m.results.iter().map(|r| r.period.year).max().unwrap_or(0);
    if let Some(last) = m.results.last() {
        doc.date = last.period.key();
    }
    doc.push_text(&terms.measure_kind(m.kind));
    if let Some(unit) = &m.unit {
        doc.push_text(unit);
    }
    for alias in &m.aliases {
        doc.push_text(alias);
    }
    // Before the long texts: the browser checks a phrase on the text its document file
    // keeps, which is cut after a few thousand characters.
    for goal in related.goals_of_measure(&m.id) {
        doc.push_text(goal);
    }
    doc.push_text(&plain_text(&m.definition));
    for r in &m.results {
        doc.push_text(&r.comment);
    }
    doc
}

/// A report as one document for the text before its first heading (with the key figures) and
/// one per section, each linked with the section's anchor.
fn push_report_docs(
    docs: &mut Vec<SearchDoc>,
    site: &Site,
    related: &Related,
    r: &Report,
    urls: &Urls,
) {
    let organ = r
        .organ
        .as_ref()
        .and_then(|o| site.organs.get(o))
        .map(|o| o.name.clone())
        .unwrap_or_default();
    let date = r.date.clone().unwrap_or_else(|| r.period.key());
    let url = urls.report(&r.id);
    let mut intro = SearchDoc::new(DocType::Report, r.title.clone(), url.clone());
    if let Some(id) = &r.document_id {
        intro.push_text(id);
    }
    for k in &r.key_figures {
        let unit = k.unit.as_deref().unwrap_or_default();
        intro.push_text(&format!("{} {} {unit}", k.label, k.value.raw));
    }
    let mut sections = vec![intro];
    let mut placed = vec![false; r.tables.len()];
    for section in report_sections(&r.body) {
        // A table stands where its placeholder is, in the section's text.
        let mut text = section.text;
        for (table, placed) in r.tables.iter().zip(&mut placed) {
            let marker = markdown::table_placeholder(&table.id);
            if !*placed && text.contains(&marker) {
                text = text.replacen(&marker, &table_text(table), 1);
                *placed = true;
            }
        }
        match section.anchor {
            None => sections[0].push_text(&text),
            Some(anchor) => {
                let mut doc = SearchDoc::new(
                    DocType::Report,
                    format!("{} – {}", section.heading, r.title),
                    format!("{url}#{anchor}"),
                );
                doc.heading = section.heading.to_string();
                doc.push_text(&text);
                sections.push(doc);
            }
        }
    }
    // What the page shows after the text: the other tables, the goals the report assesses
    // and the measures it reports.
    let intro = &mut sections[0];
    for (table, _) in r.tables.iter().zip(&placed).filter(|(_, placed)| !**placed) {
        intro.push_text(&table_text(table));
    }
    for text in related
        .goals_of_report(&r.id)
        .iter()
        .chain(related.measures_of_report(&r.id))
    {
        intro.push_text(text);
    }
    for mut doc in sections {
        doc.organ = organ.clone();
        doc.organs = (!organ.is_empty())
            .then(|| organ.clone())
            .into_iter()
            .collect();
        doc.date = date.clone();
        doc.year = r.period.year;
        docs.push(doc);
    }
}

/// A data table as text: its caption, its cells row by row, and its note.
fn table_text(table: &DataTable) -> String {
    let mut text = table.caption.clone();
    for row in &table.rows {
        text.push('\n');
        text.push_str(&row.join(" "));
    }
    if let Some(note) = &table.note {
        text.push('\n');
        text.push_str(note);
    }
    text
}

/// What the documents of a meeting and of its § share.
struct MeetingFacts<'a> {
    organ: &'a Organ,
    date: &'a str,
    /// The year of `date`; 0 when it does not start with one.
    year: u16,
}

impl MeetingFacts<'_> {
    /// A document with the meeting's organ and date.
    fn doc(&self, kind: DocType, title: String, url: String) -> SearchDoc {
        let mut doc = SearchDoc::new(kind, title, url);
        doc.organ = self.organ.name.clone();
        doc.organs = vec![self.organ.name.clone()];
        doc.date = self.date.to_string();
        doc.year = self.year;
        doc
    }
}

/// A meeting: its place, text and the titles of its §.
fn meeting_doc(facts: &MeetingFacts, meeting: &Meeting, urls: &Urls) -> SearchDoc {
    let mut doc = facts.doc(
        DocType::Meeting,
        format!("{} {}", facts.organ.name, long_date(&meeting.date)),
        urls.meeting(&facts.organ.slug, &meeting.date),
    );
    if let Some(place) = &meeting.place {
        doc.push_text(place);
    }
    doc.push_text(&plain_text(&meeting.body));
    for p in &meeting.paragraphs {
        doc.push_text(&format!("§ {} {}", p.number, p.title));
    }
    doc
}

/// A § of a meeting, on its own: the headings of its statements, its diary numbers,
/// decision, proposals, steps, statements, text, references, attachments and distribution,
/// and the persons it mentions.
fn paragraph_doc(
    site: &Site,
    facts: &MeetingFacts,
    p: &Paragraph,
    urls: &Urls,
    terms: &Terms,
) -> SearchDoc {
    let mut doc = facts.doc(
        DocType::Paragraph,
        format!("§ {} {}", p.number, p.title),
        urls.paragraph(&facts.organ.slug, facts.date, p.number),
    );
    doc.dnr = p.dnr.clone();
    for (heading, statements) in statement_groups(p) {
        if !statements.is_empty() {
            doc.push_text(heading);
        }
    }
    doc.persons = paragraph_persons(site, p);
    if !p.dnr.is_empty() {
        doc.push_text(&format!("Dnr {}", p.dnr.join(", ")));
    }
    if let Some(d) = &p.decision {
        doc.push_text(&terms.decision_kind(d.kind));
        doc.push_text(&d.text);
    }
    for s in &p.proposals {
        doc.push_text(&s.text);
    }
    for s in &p.steps {
        doc.push_text(&s.text);
    }
    for s in p.reservations.iter().chain(&p.notes).chain(&p.recusals) {
        doc.push_text(&s.text);
    }
    doc.push_text(&plain_text(&p.body));
    for r in &p.references {
        doc.push_text(&r.text);
    }
    for a in &p.attachments {
        doc.push_text(a);
    }
    for d in &p.distribution {
        doc.push_text(d);
    }
    doc
}

/// The names of the persons behind a §'s proposals, reservations, notes and recusals, each
/// once, in that order (an unknown person by id).
fn paragraph_persons(site: &Site, p: &Paragraph) -> Vec<String> {
    let mut persons: Vec<String> = Vec::new();
    for s in p
        .proposals
        .iter()
        .chain(&p.reservations)
        .chain(&p.notes)
        .chain(&p.recusals)
    {
        for id in &s.persons {
            let name = site.persons.get(id).map_or(id.clone(), |x| x.name.clone());
            if !persons.contains(&name) {
                persons.push(name);
            }
        }
    }
    persons
}

/// A person's page: the name with the party, found by both.
fn person_doc(site: &Site, person: &Person, urls: &Urls) -> SearchDoc {
    let mut doc = SearchDoc::new(
        DocType::Person,
        site.person_label(&person.id),
        urls.person(&person.id),
    );
    doc.persons = vec![person.name.clone()];
    if let Some(party) = person.party.as_ref().and_then(|p| site.parties.get(p)) {
        doc.push_text(&party.name);
    }
    doc
}

/// A free page and its text.
fn page_doc(page: &Page, urls: &Urls) -> SearchDoc {
    let mut doc = SearchDoc::new(DocType::Page, page.title.clone(), urls.free_page(&page.id));
    doc.push_text(&plain_text(&page.body));
    doc
}

/// A §'s statements by the heading its page shows them under, so that `reservation` or `jäv`
/// finds the § that has one. (A person's page is indexed by the name alone: for a name and a
/// topic, the § are the answer; for a name alone, the person's page.)
fn statement_groups(p: &Paragraph) -> [(&'static str, &[Statement]); 4] {
    [
        ("Reservationer", &p.reservations),
        ("Protokollsanteckningar", &p.notes),
        ("Jäv", &p.recusals),
        ("Yrkanden", &p.proposals),
    ]
}

/// A part of a Markdown text under one heading; `anchor` is `None` for text before the first
/// heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub anchor: Option<String>,
    pub heading: String,
    pub text: String,
}

/// Where the next heading with an anchor (`<h2 id="` … `<h6 id="`) starts; one pass over the
/// text, so a long report with many sections stays linear.
fn next_section_heading(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(bytes, b"<h").find(|&at| {
        matches!(bytes.get(at + 2), Some(b'2'..=b'6')) && bytes[at + 3..].starts_with(b" id=\"")
    })
}

/// Splits Markdown into sections at its headings, with the anchors the rendered page gives
/// them (the same renderer makes both, so the links always land).
pub fn report_sections(md: &str) -> Vec<Section> {
    let html = markdown::render(md, false, "").html;
    let mut sections = Vec::new();
    let mut current = Section {
        anchor: None,
        heading: String::new(),
        text: String::new(),
    };
    let mut rest = html.as_str();
    loop {
        let next = next_section_heading(rest);
        let Some(at) = next else {
            current.text.push_str(&html_to_text(rest));
            break;
        };
        current.text.push_str(&html_to_text(&rest[..at]));
        let tag = &rest[at..];
        let id_start = "<h2 id=\"".len();
        let id_end = tag[id_start..].find('"').map_or(id_start, |e| id_start + e);
        let anchor = tag[id_start..id_end].to_string();
        let level = &tag[2..3];
        let close = format!("</h{level}>");
        let head_end = tag.find(&close).unwrap_or(tag.len());
        let heading_html = &tag[tag.find('>').map_or(0, |i| i + 1)..head_end];
        let heading = html_to_text(heading_html).trim().to_string();
        current.text = current.text.trim().to_string();
        if current.anchor.is_some() || !current.text.is_empty() {
            sections.push(current);
        }
        current = Section {
            anchor: Some(anchor),
            heading,
            text: String::new(),
        };
        rest = &tag[(head_end + close.len()).min(tag.len())..];
    }
    current.text = current.text.trim().to_string();
    if current.anchor.is_some() || !current.text.is_empty() {
        sections.push(current);
    }
    sections
}

/// Markdown as plain text: rendered, then stripped of tags and entities.
pub fn plain_text(md: &str) -> String {
    prose_text(md).unwrap_or_else(|| rendered_text(md))
}

/// [`plain_text`] the long way, through comrak.
fn rendered_text(md: &str) -> String {
    html_to_text(&markdown::render(md, false, "").html)
        .trim()
        .to_string()
}

/// [`plain_text`] of Markdown that is prose with at most `#` headings, without rendering it
/// (most texts of a large archive are): its non-blank lines, trimmed, heading marks dropped.
/// `None` when the text may hold any other Markdown, which then goes the long way.
fn prose_text(md: &str) -> Option<String> {
    let markup = |c: char| {
        matches!(
            c,
            '*' | '_' | '[' | ']' | '<' | '>' | '&' | '\\' | '`' | '~' | '|' | '=' | '@' | '!'
        ) || (c.is_control() && c != '\n')
    };
    if md.contains(markup) || md.contains("://") || md.contains("www.") {
        return None;
    }
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.trim().is_empty() {
            continue;
        }
        // Indented code, and markers that only look like text after an odd space.
        if indent >= 4 || rest.starts_with(char::is_whitespace) {
            return None;
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if rest.starts_with(['-', '+']) || (digits > 0 && rest[digits..].starts_with(['.', ')'])) {
            return None;
        }
        let text = match rest.strip_prefix('#') {
            None => rest,
            Some(_) => {
                let hashes = rest.len() - rest.trim_start_matches('#').len();
                let heading = &rest[hashes..];
                let spaced = heading.is_empty() || heading.starts_with(' ');
                if hashes > 6 || !spaced || heading.contains('#') {
                    return None;
                }
                heading
            }
        };
        let text = text.trim();
        if !text.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(text);
        }
    }
    Some(out)
}

/// The entities comrak writes in text (after the `&`), decoded in one pass: comrak escapes
/// every `&` of the text, so a decoded `&` never starts another entity.
const ENTITIES: [(&str, char); 5] = [
    ("lt;", '<'),
    ("gt;", '>'),
    ("quot;", '"'),
    ("#39;", '\''),
    ("amp;", '&'),
];

/// Drops tags (a block end becomes a line break) and decodes the entities comrak writes.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut tag = String::new();
    let mut chars = html.char_indices();
    while let Some((at, c)) = chars.next() {
        if c == '&' && !in_tag {
            let entity = ENTITIES
                .iter()
                .find(|(name, _)| html[at + 1..].starts_with(name));
            if let Some((name, decoded)) = entity {
                out.push(*decoded);
                chars.nth(name.len() - 1);
                continue;
            }
        }
        if in_tag {
            if c == '>' {
                in_tag = false;
                let name = tag.trim_start_matches('/');
                let name = name.split([' ', '/']).next().unwrap_or("");
                if matches!(
                    name,
                    "p" | "li"
                        | "br"
                        | "tr"
                        | "td"
                        | "th"
                        | "div"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "blockquote"
                        | "pre"
                        | "table"
                ) {
                    out.push(if name == "td" || name == "th" {
                        ' '
                    } else {
                        '\n'
                    });
                }
                tag.clear();
            } else {
                tag.push(c);
            }
        } else if c == '<' {
            in_tag = true;
        } else {
            out.push(c);
        }
    }
    // Collapse runs of blank lines left by nested blocks.
    let mut collapsed = String::with_capacity(out.len());
    for line in out.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !collapsed.is_empty() {
            collapsed.push('\n');
        }
        collapsed.push_str(line);
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_carry_the_page_anchors() {
        let s = report_sections(
            "Inledning.\n\n## Ekonomi & **läget**\n\nText *här*.\n\n### Ekonomi & läget\n\nMer.\n",
        );
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].anchor, None);
        assert_eq!(s[0].text, "Inledning.");
        assert_eq!(s[1].anchor.as_deref(), Some("ekonomi-laget"));
        assert_eq!(s[1].heading, "Ekonomi & läget");
        assert_eq!(s[1].text, "Text här.");
        assert_eq!(s[2].anchor.as_deref(), Some("ekonomi-laget-2"));
    }

    /// The prose shortcut gives what rendering gives, or leaves the text to rendering.
    fn assert_prose_agrees(md: &str) -> bool {
        let rendered = rendered_text(md);
        match prose_text(md) {
            Some(fast) => {
                assert_eq!(fast, rendered, "{md:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn prose_shortcut_agrees_with_rendering() {
        for md in [
            "Regionstyrelsen beslutar.\n\nEn andra rad\nsom fortsätter.  \nHård radbrytning.",
            "## Sammanfattning\n\nText om § 172, dnr 1351-2020 (\"citat\") och 5,5 %.\n# Rubrik\n###\n",
            "  Indragen rad\n   tre mellanslag\nhårt\u{a0}mellanslag i raden\u{a0}",
            "Text 2020. Och 3) mitt i\nraden: 40 % – inte en lista.",
            "Sista raden utan radslut #",
            "",
        ] {
            assert!(assert_prose_agrees(md), "{md:?} should take the shortcut");
        }
        for md in [
            "- punkt",
            "1. punkt",
            "2020) punkt",
            "+ punkt",
            "Rubrik\n---",
            "Rubrik\n===",
            "    kod",
            "#Ingen rubrik",
            "####### sju",
            "## Rubrik ##",
            "\u{a0}## inte en rubrik",
            "\u{a0}hårt mellanslag först",
            "\t- flik",
            "Se www.norrbotten.se",
            "Se https://norrbotten.se",
            "a &amp; b",
            "*betonad*",
            "a\rb",
            "![bild](x.png)",
        ] {
            assert!(!assert_prose_agrees(md), "{md:?} should be rendered");
        }
    }

    #[test]
    fn prose_shortcut_agrees_on_the_sites_own_texts() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut shortcut = 0;
        for entry in walkdir::WalkDir::new(content) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                // The body after the front matter, and every paragraph on its own.
                let body = text.rsplit("+++").next().unwrap_or_default();
                for md in std::iter::once(body).chain(body.split("\n\n")) {
                    shortcut += usize::from(assert_prose_agrees(md));
                }
            }
        }
        assert!(shortcut > 100, "only {shortcut} texts took the shortcut");
    }

    #[test]
    fn plain_text_drops_markup_but_keeps_words() {
        assert_eq!(
            plain_text(
                "Se [protokollet](https://x.se) &amp; *tabellen*:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
            ),
            "Se protokollet & tabellen:\na\nb\n1\n2"
        );
        // Each entity is decoded once: `&amp;lt;` in the source is the text `&lt;`.
        assert_eq!(
            plain_text("a < b > \"c\" 'd' & e &amp;lt; f"),
            "a < b > \"c\" 'd' & e &lt; f"
        );
    }
}
