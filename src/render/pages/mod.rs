//! The site's pages: which template renders which content at which URL, with its context.
//!
//! Each page family has its module, which builds its pages' contexts as typed, serializable
//! structs; this module holds what they share (page metadata, breadcrumbs, Markdown with
//! cross-reference links, turning a context into a [`PageJob`]) and the [`Builder`] that lists
//! every page. The pages of meetings, cases and persons (most pages of an archive) are made
//! one group at a time while pages are rendered, so their contexts are never all in memory at
//! once.

mod cases;
mod home;
mod measures;
mod meetings;
mod misc;
mod organs;
mod persons;
mod plans;
mod reports;
mod search;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::json_ld;
use super::views::{AssessmentView, Link, assessment_view};
use crate::config::Config;
use crate::indexes::{Case, Indexes, PersonActs};
use crate::markdown::{Links, Rendered, linked_text, render as markdown, render_linked};
use crate::model::{Goal, GoalAssessment, Meeting, Organ, Plan, Site};
use crate::routes::{self, Urls};
use crate::xref::{Resolver, Scope, Target};

/// One page to render.
pub struct PageJob {
    /// Path below the output folder, e.g. `mal/2023-2025/index.html`.
    pub output: String,
    pub template: &'static str,
    pub context: Value,
    /// The content file the page comes from, for error messages.
    pub origin: String,
}

/// What every page's template reads as `page`.
#[derive(Debug, Clone, Serialize)]
struct PageMeta {
    title: String,
    url: String,
    section: &'static str,
    breadcrumbs: Vec<Link>,
    /// Atom feeds announced in the page's head.
    feeds: Vec<Link>,
    /// schema.org structured data for the page's head, escaped for a `<script>` element.
    json_ld: Option<String>,
}

/// A page's whole context: `page` and the fields of its family's context beside it.
#[derive(Serialize)]
struct PageContext<'a, T> {
    page: &'a PageMeta,
    #[serde(flatten)]
    data: &'a T,
}

/// Pages that are made together while rendering: a meeting's (its own and its §§'), a case's
/// or a person's.
#[derive(Clone, Copy)]
pub enum Group<'a> {
    Meeting(&'a Meeting),
    Case(&'a Case<'a>),
    Person(&'a PersonActs<'a>),
}

/// Lists the site's pages: every page but the groups' in [`Builder::jobs`], the groups'
/// made on request.
pub struct Builder<'a> {
    shared: Shared<'a>,
    /// The pages, except those of the groups ([`Builder::groups`]).
    pub jobs: Vec<PageJob>,
}

impl<'a> Builder<'a> {
    /// A builder with no pages yet ([`Builder::all`] makes them).
    pub fn new(
        site: &'a Site,
        indexes: &'a Indexes<'a>,
        urls: &'a Urls,
        config: &'a Config,
        xref: &'a Resolver<'a>,
    ) -> Self {
        Builder {
            shared: Shared {
                site,
                indexes,
                urls,
                config,
                origin: config.origin(),
                allow_raw_html: config.allow_raw_html,
                xref,
            },
            jobs: Vec::new(),
        }
    }

    /// Adds every page of the site except the groups'.
    pub fn all(&mut self, config: &Config) {
        let s = &self.shared;
        self.jobs.push(home::job(s));
        self.jobs.extend(plans::jobs(s));
        self.jobs.extend(measures::jobs(s));
        self.jobs.extend(reports::jobs(s));
        self.jobs.push(meetings::list(s));
        self.jobs.extend(organs::jobs(s));
        self.jobs.push(persons::list(s));
        self.jobs.push(cases::list(s));
        self.jobs.extend(misc::free_pages(s));
        self.jobs.push(search::job(s));
        self.jobs.push(misc::not_found(s));
        self.jobs.extend(misc::statement(s, config));
        self.jobs.push(misc::open_data(s, config));
    }

    /// The groups of pages made while rendering: every meeting's, case's and person's.
    pub fn groups(&self) -> Vec<Group<'a>> {
        let meetings = self.shared.site.meetings.iter().map(Group::Meeting);
        let cases = self.shared.indexes.cases.iter().map(Group::Case);
        let persons = self.shared.indexes.persons.iter().map(Group::Person);
        meetings.chain(cases).chain(persons).collect()
    }

    /// The pages of a group as (output path, content file): what [`Builder::group_pages`]
    /// makes, without making it.
    pub fn group_outputs(&self, group: Group) -> Vec<(String, String)> {
        let (path, origin) = match group {
            Group::Meeting(m) => return meetings::outputs_of(&self.shared, m),
            Group::Case(case) => cases::page_of(case),
            Group::Person(p) => persons::page_of(p),
        };
        vec![(routes::output_file(&path), origin)]
    }

    /// The pages of a group.
    pub fn group_pages(&self, group: Group) -> Vec<PageJob> {
        match group {
            Group::Meeting(m) => meetings::jobs_of(&self.shared, m),
            Group::Case(case) => vec![cases::job_of(&self.shared, case)],
            Group::Person(p) => vec![persons::job_of(&self.shared, p)],
        }
    }
}

/// What every page family reads: the site, its indexes and URLs, and how texts are rendered.
struct Shared<'a> {
    site: &'a Site,
    indexes: &'a Indexes<'a>,
    urls: &'a Urls,
    config: &'a Config,
    /// Scheme and host of the base URL, for absolute URLs.
    origin: String,
    allow_raw_html: bool,
    /// Resolves cross-references in texts into links.
    xref: &'a Resolver<'a>,
}

impl Shared<'_> {
    /// A link to a §'s page, labelled as the minutes head it (`§ 172 Ny driftsorganisation …`).
    fn paragraph_link(&self, organ: &Organ, date: &str, number: u32, title: &str) -> Link {
        Link {
            label: format!("§ {number} {title}"),
            url: self.urls.paragraph(&organ.slug, date, number),
        }
    }

    /// Markdown as HTML, with its headings.
    fn md(&self, text: &str) -> Rendered {
        markdown(text, self.allow_raw_html, "")
    }

    /// The cross-references of a text that are on the site (or are laws), as URLs.
    fn links(&self, text: &str, scope: Scope) -> Links {
        self.xref
            .find(text, scope)
            .into_iter()
            .filter_map(|x| {
                let url = match x.target? {
                    Target::Page(path) => self.urls.abs(&path),
                    Target::External(url) => url,
                };
                Some((x.range, url))
            })
            .collect()
    }

    /// Markdown with its cross-references linked.
    fn md_linked(&self, text: &str, scope: Scope) -> Rendered {
        render_linked(text, self.allow_raw_html, "", &|t| self.links(t, scope))
    }

    /// Plain text as escaped HTML with its cross-references linked.
    fn text_linked(&self, text: &str, scope: Scope) -> String {
        linked_text(text, &self.links(text, scope))
    }

    /// A goal's assessment, its text with links to the plan's other goals and to references.
    fn assessment(&self, plan: &Plan, goal: &Goal, a: &GoalAssessment) -> AssessmentView {
        let mut view = assessment_view(self.site, self.urls, a);
        let scope = Scope {
            plan: Some(plan),
            own_goal: Some(&goal.id),
            ..Scope::default()
        };
        view.text = self.md_linked(&a.text, scope).html;
        view
    }

    fn crumb(&self, label: &str, path: &str) -> Link {
        Link {
            label: label.to_string(),
            url: self.urls.abs(path),
        }
    }

    /// The breadcrumbs of a page below the start page and, when given, the index at `path`.
    fn crumbs(&self, index: Option<(&str, &str)>) -> Vec<Link> {
        let home = self.crumb("Start", routes::HOME);
        let index = index.map(|(label, path)| self.crumb(label, path));
        std::iter::once(home).chain(index).collect()
    }

    /// A page's metadata, announcing the site's feed (and, with `organ`, the organ's).
    fn meta(
        &self,
        title: impl Into<String>,
        path: &str,
        section: &'static str,
        breadcrumbs: Vec<Link>,
        organ: Option<&Organ>,
    ) -> PageMeta {
        self.meta_with(title, path, section, breadcrumbs, organ, Vec::new())
    }

    /// A page's metadata with structured data of its own (schema.org nodes) besides its
    /// breadcrumbs.
    fn meta_with(
        &self,
        title: impl Into<String>,
        path: &str,
        section: &'static str,
        breadcrumbs: Vec<Link>,
        organ: Option<&Organ>,
        mut structured: Vec<json_ld::Node>,
    ) -> PageMeta {
        let title = title.into();
        let url = self.urls.abs(path);
        if !breadcrumbs.is_empty() {
            structured.push(json_ld::breadcrumbs(
                &self.origin,
                &breadcrumbs,
                &title,
                &url,
            ));
        }
        PageMeta {
            title,
            url,
            section,
            breadcrumbs,
            feeds: super::feeds::head_links(self.site, self.urls, organ),
            json_ld: json_ld::script(structured),
        }
    }
}

/// The page at `path` made with `template` from `data` (with `meta` as its `page`).
fn job<T: Serialize>(
    path: &str,
    template: &'static str,
    origin: String,
    meta: &PageMeta,
    data: &T,
) -> PageJob {
    PageJob {
        output: routes::output_file(path),
        template,
        context: Value::from(Serde(PageContext { page: meta, data })),
        origin,
    }
}

/// A context without fields of its own (the page has only `page`).
#[derive(Serialize)]
struct NoData {}
