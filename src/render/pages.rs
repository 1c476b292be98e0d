//! The site's pages: which template renders which content at which URL, with its context.

use std::collections::BTreeMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use minijinja::{Value, context};
use rustc_hash::FxHashMap;
use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};

use super::scorecard::factor_counts;
use super::views::*;
use crate::markdown::{Links, Rendered, linked_text, render as markdown, render_linked};
use crate::model::*;
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

#[derive(Debug, Clone, Serialize)]
struct PageMeta {
    title: String,
    url: String,
    section: &'static str,
    breadcrumbs: Vec<Link>,
    /// Atom feeds announced in the page's head.
    feeds: Vec<Link>,
}

/// The path and content file of a meeting's page, or of its § `number`.
fn meeting_page(organ: &Organ, m: &Meeting, number: Option<u32>) -> (String, String) {
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

/// The path and content file of a case's page.
fn case_page(dnr: &str) -> (String, String) {
    (
        routes::case(dnr),
        routes::content::folder(routes::content::MEETINGS),
    )
}

/// The path and content file of a person's page.
fn person_page(id: &str) -> (String, String) {
    (routes::person(id), routes::content::person_file(id))
}

/// Pages that are made together, and that `serve` keeps together while what they show is
/// unchanged: a meeting's (its own and its §§'), a case's or a person's.
#[derive(Clone, Copy)]
pub enum Group<'a> {
    Meeting(&'a Meeting),
    Case(&'a Case<'a>),
    Person(&'a PersonActs<'a>),
}

/// A person with their party and their acts in the minutes: proposals, reservations, notes
/// and recusals, each in the order of the minutes.
#[derive(Hash)]
pub struct PersonActs<'a> {
    person: &'a Person,
    party: Option<&'a Party>,
    acts: [Vec<Act<'a>>; 4],
}

/// A statement of a person in a §.
struct Act<'a> {
    organ: &'a Organ,
    date: &'a str,
    number: u32,
    title: &'a str,
    text: &'a str,
}

impl Hash for Act<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // What the page shows: the § (organ name and slug, date, number, title) and the text.
        let organ = (&self.organ.name, &self.organ.slug);
        (organ, self.date, self.number, self.title, self.text).hash(h);
    }
}

/// A diary number with its page: the §§ that have it or mention it.
#[derive(Hash)]
pub struct Case<'a> {
    pub dnr: String,
    hits: Vec<CaseHit<'a>>,
}

/// A § on a case's page.
struct CaseHit<'a> {
    organ: &'a Organ,
    date: &'a str,
    number: u32,
    title: &'a str,
    /// Whether the § has the number (rather than mentions it).
    own: bool,
}

impl Hash for CaseHit<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // What the page shows of the §: its organ's name (and the slug in the §'s URL), the
        // meeting's date, the number and title, and whether the § has the number.
        let organ = (&self.organ.name, &self.organ.slug);
        (organ, self.date, self.number, self.title, self.own).hash(h);
    }
}

/// Everything the page list needs to know besides the content.
pub struct Builder<'a> {
    pub site: &'a Site,
    pub urls: &'a Urls,
    pub allow_raw_html: bool,
    /// The pages, except those of meetings and cases: most pages of an archive are theirs,
    /// and they are made one group at a time while pages are rendered ([`Builder::groups`]),
    /// so their contexts are never all in memory at once.
    pub jobs: Vec<PageJob>,
    /// The cases, in diary-number order (filled with the pages).
    cases: Vec<Case<'a>>,
    /// The persons with their acts, in id order (filled with the pages).
    persons: Vec<PersonActs<'a>>,
    /// Resolves cross-references in texts into links.
    pub xref: Resolver<'a>,
    /// Texts rendered by the previous build, and those rendered by this one.
    pub texts: TextMemo<'a>,
}

/// A text rendered to HTML: Markdown (with its headings) or linked plain text.
#[derive(Debug, Clone)]
pub enum RenderedText {
    Markdown(Rendered),
    Plain(String),
}

/// Rendered texts kept from one build to the next (`insyn serve`), by a 128-bit hash of the
/// text, how it is rendered and its scope. Valid only while everything else a text's HTML
/// depends on is unchanged: the caller drops the previous texts when
/// [`Resolver::fingerprint`], the base URL or the raw-HTML setting differ.
#[derive(Default)]
pub struct TextMemo<'a> {
    pub previous: Option<&'a FxHashMap<u128, Arc<RenderedText>>>,
    /// Filled only when there is somewhere to keep it (`previous` is `Some`); a text kept from
    /// the previous build is shared, not copied.
    pub current: Mutex<FxHashMap<u128, Arc<RenderedText>>>,
}

impl TextMemo<'_> {
    /// The rendering of `text` as `how` (in `scope`), from the previous build if it had it.
    fn get<T: Clone>(
        &self,
        how: u8,
        text: &str,
        scope: &Scope,
        render: impl FnOnce() -> T,
        wrap: fn(T) -> RenderedText,
        unwrap: fn(&RenderedText) -> Option<T>,
    ) -> T {
        let Some(previous) = self.previous else {
            return render();
        };
        let mut h = SipHasher13::new();
        (how, text).hash(&mut h);
        (scope.plan.map(|p| &p.id), scope.own_goal, scope.reference).hash(&mut h);
        let key = h.finish128().as_u128();
        let (rendered, kept) = match previous
            .get(&key)
            .and_then(|kept| Some((unwrap(kept)?, Arc::clone(kept))))
        {
            Some(hit) => hit,
            None => {
                let rendered = render();
                let kept = Arc::new(wrap(rendered.clone()));
                (rendered, kept)
            }
        };
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, kept);
        rendered
    }
}

impl RenderedText {
    fn markdown(&self) -> Option<Rendered> {
        match self {
            RenderedText::Markdown(r) => Some(r.clone()),
            RenderedText::Plain(_) => None,
        }
    }

    fn plain(&self) -> Option<String> {
        match self {
            RenderedText::Plain(html) => Some(html.clone()),
            RenderedText::Markdown(_) => None,
        }
    }
}

impl<'a> Builder<'a> {
    /// A builder with no pages yet ([`Builder::all`] makes them).
    pub fn new(
        site: &'a Site,
        urls: &'a Urls,
        allow_raw_html: bool,
        xref: Resolver<'a>,
        texts: TextMemo<'a>,
    ) -> Self {
        Builder {
            site,
            urls,
            allow_raw_html,
            jobs: Vec::new(),
            cases: Vec::new(),
            persons: Vec::new(),
            xref,
            texts,
        }
    }

    fn md(&self, text: &str) -> Rendered {
        self.texts.get(
            0,
            text,
            &Scope::default(),
            || markdown(text, self.allow_raw_html, ""),
            RenderedText::Markdown,
            RenderedText::markdown,
        )
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
        self.texts.get(
            1,
            text,
            &scope,
            || render_linked(text, self.allow_raw_html, "", &|t| self.links(t, scope)),
            RenderedText::Markdown,
            RenderedText::markdown,
        )
    }

    /// Plain text as escaped HTML with its cross-references linked.
    fn text_linked(&self, text: &str, scope: Scope) -> String {
        self.texts.get(
            2,
            text,
            &scope,
            || linked_text(text, &self.links(text, scope)),
            RenderedText::Plain,
            RenderedText::plain,
        )
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

    /// Statements with their texts as HTML with linked cross-references.
    fn statements_linked(&self, list: &[Statement]) -> Vec<StatementView> {
        let mut views = statements(self.site, self.urls, list);
        for (view, s) in views.iter_mut().zip(list) {
            view.text = self.text_linked(&s.text, Scope::default());
        }
        views
    }

    fn crumb(&self, label: &str, path: &str) -> Link {
        Link {
            label: label.to_string(),
            url: self.urls.abs(path),
        }
    }

    fn push(
        &mut self,
        path: &str,
        template: &'static str,
        origin: String,
        meta: PageMeta,
        data: Value,
    ) {
        let job = Self::job(path, template, origin, meta, data);
        self.jobs.push(job);
    }

    fn job(
        path: &str,
        template: &'static str,
        origin: String,
        meta: PageMeta,
        data: Value,
    ) -> PageJob {
        let context = context! { page => ser(&meta), ..data };
        PageJob {
            output: routes::output_file(path),
            template,
            context,
            origin,
        }
    }

    fn meta(
        &self,
        title: impl Into<String>,
        path: &str,
        section: &'static str,
        breadcrumbs: Vec<Link>,
    ) -> PageMeta {
        PageMeta {
            title: title.into(),
            url: self.urls.abs(path),
            section,
            breadcrumbs,
            feeds: super::feeds::head_links(self.site, self.urls, None),
        }
    }

    /// Adds every page of the site.
    pub fn all(&mut self) {
        self.home();
        self.plans();
        self.measures();
        self.reports();
        self.meetings();
        self.organs();
        self.persons();
        self.cases();
        self.free_pages();
        self.search_page();
        let meta = self.meta("Sidan finns inte", routes::NOT_FOUND, "", vec![]);
        self.push(
            routes::NOT_FOUND,
            "404.html",
            "themes".into(),
            meta,
            context! {},
        );
    }

    fn home(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let plan = site.current_plan();
        let reports: Vec<ReportSummary> = reports_newest_first(site)
            .into_iter()
            .take(5)
            .map(|r| report_summary(urls, r))
            .collect();
        let meetings: Vec<MeetingSummary> = site
            .meetings
            .iter()
            .rev()
            .take(5)
            .filter_map(|m| {
                site.organs
                    .get(&m.organ)
                    .map(|o| meeting_summary(urls, o, m))
            })
            .collect();
        let plan_view = |p: &Plan| {
            let list = perspectives(site, urls, p);
            context! {
                title => p.title.clone(),
                url => urls.plan(&p.id),
                vision => p.vision.clone(),
                totals => ser(super::scorecard::totals(&list)),
                perspectives => ser(list),
            }
        };
        // While the current plan has no follow-up yet, the latest followed-up plan answers
        // "how is it going?".
        let followed = site
            .plans
            .iter()
            .rev()
            .find(|p| p.goals.iter().any(|g| !g.assessments.is_empty()))
            .filter(|p| plan.is_none_or(|c| c.id != p.id));
        let data = context! {
            plan => plan.map(plan_view),
            followed => followed.map(plan_view),
            reports => ser(&reports),
            meetings => ser(&meetings),
        };
        let meta = self.meta("Start", routes::HOME, "start", vec![]);
        self.push(routes::HOME, "index.html", "content".into(), meta, data);
    }

    fn plans(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let list: Vec<Value> = site
            .plans
            .iter()
            .rev()
            .map(|p| context! { title => p.title.clone(), url => urls.plan(&p.id), goal_count => p.goals.len(), current => site.current_plan().is_some_and(|c| c.id == p.id) })
            .collect();
        let home = self.crumb("Start", routes::HOME);
        let meta = self.meta("Mål och planer", routes::PLANS, "mal", vec![home.clone()]);
        self.push(
            routes::PLANS,
            "plans.html",
            routes::content::folder(routes::content::PLANS),
            meta,
            context! { plans => list },
        );

        for plan in &site.plans {
            let assignments: Vec<Value> = plan
                .assignments
                .iter()
                .map(|a| context! {
                    text => a.text.clone(),
                    organs => ser(organ_links(site, urls, &a.organs)),
                    goal => a.goal.as_ref().and_then(|g| plan.goals.iter().find(|x| &x.id == g)).map(|g| ser(Link { label: g.title.clone(), url: urls.goal(&plan.id, &g.id) })),
                    source => a.source.as_ref().map(SourceRef::label),
                })
                .collect();
            let goal_lists = perspectives(site, urls, plan);
            let data = context! {
                plan => context! {
                    title => plan.title.clone(),
                    period => format!("{}–{}", plan.start, plan.end),
                    vision => plan.vision.clone(),
                    intro => self.md(&plan.intro).html,
                    document => plan.document.as_ref().and_then(|d| site.reports.get(d)).map(|r| ser(report_summary(urls, r))),
                    source => plan.source.as_ref().map(SourceRef::label),
                },
                totals => ser(super::scorecard::totals(&goal_lists)),
                perspectives => ser(goal_lists),
                assignments => assignments,
            };
            let meta = self.meta(
                plan.title.clone(),
                &routes::plan(&plan.id),
                "mal",
                vec![home.clone(), self.crumb("Mål och planer", routes::PLANS)],
            );
            self.push(
                &routes::plan(&plan.id),
                "plan.html",
                routes::content::plan_file(&plan.id),
                meta,
                data,
            );
            for goal in &plan.goals {
                self.goal(plan, goal);
            }
        }
    }

    fn goal(&mut self, plan: &Plan, goal: &Goal) {
        let site = self.site;
        let urls = self.urls;
        let factors: Vec<Value> = goal
            .factors
            .iter()
            .map(|f| context! {
                title => f.title.clone(),
                anchor => format!("ff-{}", f.id),
                counts => ser(factor_counts(site, plan, f)),
                organs => ser(organ_links(site, urls, &f.organs)),
                measures => ser(f.measures.iter().filter_map(|m| site.measures.get(m)).map(|m| measure_summary(site, urls, m, |r| plan.covers(r.period))).collect::<Vec<_>>()),
                source => f.source.as_ref().map(SourceRef::label),
            })
            .collect();
        let predecessor = goal.predecessor.as_ref().and_then(|p| {
            let g = site.goal(p)?;
            let pl = site.plan(&p.plan)?;
            Some(ser(Link {
                label: format!("{} ({})", g.title, pl.title),
                url: urls.goal(&pl.id, &g.id),
            }))
        });
        let successors: Vec<Link> = site
            .plans
            .iter()
            .flat_map(|pl| pl.goals.iter().map(move |g| (pl, g)))
            .filter(|(_, g)| g.predecessor.as_ref() == Some(&goal.goal_ref()))
            .map(|(pl, g)| Link {
                label: format!("{} ({})", g.title, pl.title),
                url: urls.goal(&pl.id, &g.id),
            })
            .collect();
        let assignments: Vec<String> = plan
            .assignments
            .iter()
            .filter(|a| a.goal.as_deref() == Some(goal.id.as_str()))
            .map(|a| a.text.clone())
            .collect();
        let perspective = plan
            .perspectives
            .iter()
            .find(|p| p.id == goal.perspective)
            .map(|p| p.name.clone());
        let mut assessments: Vec<&GoalAssessment> = goal.assessments.iter().collect();
        assessments.sort_by_key(|a| std::cmp::Reverse(a.period));
        let summary = goal_summary(site, urls, plan, goal);
        let data = context! {
            goal => context! {
                title => goal.title.clone(),
                plan => ser(Link { label: plan.title.clone(), url: urls.plan(&plan.id) }),
                perspective => perspective,
                organs => ser(organ_links(site, urls, &goal.organs)),
                aliases => goal.aliases.clone(),
                body => self.md_linked(&goal.body, Scope { plan: Some(plan), own_goal: Some(&goal.id), ..Scope::default() }).html,
                source => goal.source.as_ref().map(SourceRef::label),
                counts => ser(&summary.counts),
                measure_count => summary.measure_count,
            },
            assessments => ser(assessments.iter().map(|a| self.assessment(plan, goal, a)).collect::<Vec<_>>()),
            factors => factors,
            predecessor => predecessor,
            successors => ser(&successors),
            assignments => assignments,
        };
        let path = routes::goal(&plan.id, &goal.id);
        let meta = self.meta(
            goal.title.clone(),
            &path,
            "mal",
            vec![
                self.crumb("Start", routes::HOME),
                self.crumb("Mål och planer", routes::PLANS),
                Link {
                    label: plan.title.clone(),
                    url: urls.plan(&plan.id),
                },
            ],
        );
        self.push(
            &path,
            "goal.html",
            format!("{}/{}.md", routes::content::plan_folder(&plan.id), goal.id),
            meta,
            data,
        );
    }

    fn measures(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let mut list: Vec<&Measure> = site.measures.values().collect();
        list.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.id.cmp(&b.id))
        });
        let items: Vec<Value> = list
            .iter()
            .map(|m| context! { name => m.name.clone(), url => urls.measure(&m.id), kind => m.kind.label(), organs => ser(organ_links(site, urls, &m.organs)) })
            .collect();
        let meta = self.meta(
            "Mått",
            routes::MEASURES,
            "matt",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(
            routes::MEASURES,
            "measures.html",
            routes::content::folder(routes::content::MEASURES),
            meta,
            context! { measures => items },
        );

        for m in list {
            let goals: Vec<Link> = site
                .plans
                .iter()
                .flat_map(|p| p.goals.iter().map(move |g| (p, g)))
                .filter(|(_, g)| g.factors.iter().any(|f| f.measures.contains(&m.id)))
                .map(|(p, g)| Link {
                    label: format!("{} ({})", g.title, p.title),
                    url: urls.goal(&p.id, &g.id),
                })
                .collect();
            let data = context! {
                measure => context! {
                    name => m.name.clone(),
                    kind => m.kind.label(),
                    unit => m.unit.clone(),
                    direction => m.direction.map(Direction::label),
                    by_sex => m.by_sex,
                    aliases => m.aliases.clone(),
                    organs => ser(organ_links(site, urls, &m.organs)),
                    definition => self.md(&m.definition).html,
                    csv => urls.abs(&routes::measure_csv(&m.id)),
                    source => m.source.as_ref().map(SourceRef::label),
                },
                results => ser(m.results.iter().map(|r| result_row(site, urls, r)).collect::<Vec<_>>()),
                chart => super::charts::history_chart(m, &m.results.iter().collect::<Vec<_>>(), "diagram").map(ser),
                no_chart => super::charts::why_no_chart(m),
                goals => ser(&goals),
            };
            let path = routes::measure(&m.id);
            let meta = self.meta(
                m.name.clone(),
                &path,
                "matt",
                vec![
                    self.crumb("Start", routes::HOME),
                    self.crumb("Mått", routes::MEASURES),
                ],
            );
            self.push(
                &path,
                "measure.html",
                routes::content::measure_file(&m.id),
                meta,
                data,
            );
        }
    }

    fn reports(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let list: Vec<ReportSummary> = reports_newest_first(site)
            .into_iter()
            .map(|r| report_summary(urls, r))
            .collect();
        let meta = self.meta(
            "Rapporter",
            routes::REPORTS,
            "rapporter",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(
            routes::REPORTS,
            "reports.html",
            routes::content::folder(routes::content::REPORTS),
            meta,
            context! { reports => ser(&list) },
        );

        for r in site.reports.values() {
            let scope = Scope {
                plan: self.xref.report_plan(r),
                ..Scope::default()
            };
            let body = self.md_linked(&r.body, scope);
            let measures: Vec<MeasureSummary> = site
                .measures
                .values()
                .filter(|m| m.results.iter().any(|x| x.report == r.id))
                .map(|m| measure_summary(site, urls, m, |x| x.report == r.id))
                .collect();
            let goals: Vec<Value> = site
                .plans
                .iter()
                .flat_map(|p| p.goals.iter().map(move |g| (p, g)))
                .flat_map(|(p, g)| g.assessments.iter().filter(|a| a.report == r.id).map(move |a| (p, g, a)))
                .map(|(p, g, a)| context! { goal => ser(Link { label: g.title.clone(), url: urls.goal(&p.id, &g.id) }), assessment => ser(self.assessment(p, g, a)) })
                .collect();
            let data = context! {
                report => context! {
                    title => r.title.clone(),
                    kind => r.kind.label(),
                    period => r.period.label(),
                    date => r.date.clone(),
                    document_id => r.document_id.clone(),
                    version => r.version.clone(),
                    organ => r.organ.as_ref().and_then(|o| site.organs.get(o)).map(|o| ser(Link { label: o.name.clone(), url: urls.organ(&o.slug) })),
                    source => r.source.as_ref().map(SourceRef::label),
                    body => super::tables::place_tables(&body.html, &r.tables, ""),
                    toc => ser(&body.toc),
                    key_figures => r.key_figures.iter().map(|k| context! { label => k.label.clone(), value => figure_text(&k.value), unit => k.unit.clone(), source => k.source.as_ref().map(SourceRef::label) }).collect::<Vec<_>>(),
                },
                measures => ser(&measures),
                goals => goals,
            };
            let path = routes::report(&r.id);
            let meta = self.meta(
                r.title.clone(),
                &path,
                "rapporter",
                vec![
                    self.crumb("Start", routes::HOME),
                    self.crumb("Rapporter", routes::REPORTS),
                ],
            );
            self.push(
                &path,
                "report.html",
                format!(
                    "{}/{}.md",
                    routes::content::folder(routes::content::REPORTS),
                    r.id
                ),
                meta,
                data,
            );
        }
    }

    fn meetings(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let list: Vec<MeetingSummary> = site
            .meetings
            .iter()
            .rev()
            .filter_map(|m| {
                site.organs
                    .get(&m.organ)
                    .map(|o| meeting_summary(urls, o, m))
            })
            .collect();
        let meta = self.meta(
            "Protokoll",
            routes::MEETINGS,
            "protokoll",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(
            routes::MEETINGS,
            "meetings.html",
            routes::content::folder(routes::content::MEETINGS),
            meta,
            context! { meetings => ser(&list) },
        );
    }

    /// The pages of a meeting (its own, then its §§'), as (output path, content file): what
    /// [`Builder::meeting_pages`] makes, without making it.
    fn meeting_outputs(&self, m: &Meeting) -> Vec<(String, String)> {
        let Some(organ) = self.site.organs.get(&m.organ) else {
            return Vec::new();
        };
        std::iter::once(None)
            .chain(m.paragraphs.iter().map(|p| Some(p.number)))
            .map(|number| {
                let (path, origin) = meeting_page(organ, m, number);
                (routes::output_file(&path), origin)
            })
            .collect()
    }

    /// The page of a meeting and the pages of its §§.
    fn meeting_pages(&self, m: &Meeting) -> Vec<PageJob> {
        let site = self.site;
        let urls = self.urls;
        let Some(organ) = site.organs.get(&m.organ) else {
            return Vec::new();
        };
        let mut jobs = Vec::with_capacity(m.paragraphs.len() + 1);
        let summary = meeting_summary(urls, organ, m);
        let paragraphs: Vec<ParagraphSummary> = m
            .paragraphs
            .iter()
            .map(|p| paragraph_summary(urls, organ, &m.date, p))
            .collect();
        let meeting_ctx = context! {
            title => summary.title.clone(),
            url => summary.url.clone(),
            organ => ser(Link { label: organ.name.clone(), url: urls.organ(&organ.slug) }),
            date => m.date.clone(),
            long_date => summary.long_date.clone(),
            place => m.place.clone(),
            time => m.time.clone(),
            document_id => m.document_id.clone(),
            body => self.md(&m.body).html,
            source => m.source.as_ref().map(SourceRef::label),
        };
        let (path, origin) = meeting_page(organ, m, None);
        let crumbs = vec![
            self.crumb("Start", routes::HOME),
            self.crumb("Protokoll", routes::MEETINGS),
        ];
        let mut meta = self.meta(summary.title.clone(), &path, "protokoll", crumbs.clone());
        meta.feeds = super::feeds::head_links(site, urls, Some(organ));
        jobs.push(Self::job(
            &path,
            "meeting.html",
            origin,
            meta,
            context! { meeting => meeting_ctx.clone(), paragraphs => ser(&paragraphs) },
        ));

        for (i, p) in m.paragraphs.iter().enumerate() {
            let data = context! {
                meeting => meeting_ctx.clone(),
                paragraph => context! {
                    number => p.number,
                    title => p.title.clone(),
                    citation => citation(organ, &m.date, p),
                    url => urls.paragraph(&organ.slug, &m.date, p.number),
                    dnr => ser(p.dnr.iter().map(|d| Link { label: d.clone(), url: urls.case(d) }).collect::<Vec<_>>()),
                    decision => p.decision.as_ref().map(|d| context! { kind => d.kind.label(), text => self.text_linked(&d.text, Scope::default()) }),
                    proposals => ser(self.statements_linked(&p.proposals)),
                    steps => p.steps.iter().map(|s| context! { text => self.text_linked(&s.text, Scope::default()), votes => s.votes.map(|v| context! { yes => v.yes, no => v.no, abstain => v.abstain }) }).collect::<Vec<_>>(),
                    reservations => ser(self.statements_linked(&p.reservations)),
                    notes => ser(self.statements_linked(&p.notes)),
                    recusals => ser(self.statements_linked(&p.recusals)),
                    attachments => p.attachments.clone(),
                    distribution => p.distribution.clone(),
                    references => p.references.iter().map(|r| context! { kind => r.kind.label(), text => self.text_linked(&r.text, Scope { reference: Some(r.kind), ..Scope::default() }) }).collect::<Vec<_>>(),
                    body => self.md_linked(&p.body, Scope::default()).html,
                    source => p.source.as_ref().map(SourceRef::label),
                },
                previous => i.checked_sub(1).map(|j| ser(&paragraphs[j])),
                next => paragraphs.get(i + 1).map(ser),
            };
            let (path, origin) = meeting_page(organ, m, Some(p.number));
            let mut crumbs = crumbs.clone();
            crumbs.push(Link {
                label: summary.title.clone(),
                url: summary.url.clone(),
            });
            let mut meta = self.meta(
                format!("§ {} {}", p.number, p.title),
                &path,
                "protokoll",
                crumbs,
            );
            meta.feeds = super::feeds::head_links(site, urls, Some(organ));
            jobs.push(Self::job(&path, "paragraph.html", origin, meta, data));
        }
        jobs
    }

    fn organs(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let list: Vec<Value> = site
            .organs
            .values()
            .map(|o| context! { name => o.name.clone(), abbreviation => o.abbreviation.clone(), url => urls.organ(&o.slug) })
            .collect();
        let meta = self.meta(
            "Politiska organ",
            routes::ORGANS,
            "organ",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(
            routes::ORGANS,
            "organs.html",
            routes::content::folder(routes::content::ORGANS),
            meta,
            context! { organs => list },
        );

        for o in site.organs.values() {
            let goals: Vec<Value> = site
                .plans
                .iter()
                .rev()
                .map(|p| context! {
                    plan => p.title.clone(),
                    goals => ser(p.goals.iter().filter(|g| g.organs.contains(&o.id)).map(|g| goal_summary(site, urls, p, g)).collect::<Vec<_>>()),
                })
                .collect();
            let measures: Vec<Link> = site
                .measures
                .values()
                .filter(|m| m.organs.contains(&o.id))
                .map(|m| Link {
                    label: m.name.clone(),
                    url: urls.measure(&m.id),
                })
                .collect();
            let meetings: Vec<MeetingSummary> = site
                .meetings
                .iter()
                .rev()
                .filter(|m| m.organ == o.id)
                .map(|m| meeting_summary(urls, o, m))
                .collect();
            let data = context! {
                organ => context! { name => o.name.clone(), abbreviation => o.abbreviation.clone(), body => self.md(&o.body).html },
                plans => goals,
                measures => ser(&measures),
                meetings => ser(&meetings),
            };
            let path = routes::organ(&o.slug);
            let mut meta = self.meta(
                o.name.clone(),
                &path,
                "organ",
                vec![
                    self.crumb("Start", routes::HOME),
                    self.crumb("Politiska organ", routes::ORGANS),
                ],
            );
            meta.feeds = super::feeds::head_links(site, urls, Some(o));
            self.push(
                &path,
                "organ.html",
                format!(
                    "{}/{}.md",
                    routes::content::folder(routes::content::ORGANS),
                    o.id
                ),
                meta,
                data,
            );
        }
    }

    /// `/personer/`: politicians by party; `/personer/<id>/`: what each proposed, reserved
    /// against, noted, and where they stood aside for jäv.
    fn persons(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let mut parties: Vec<(String, Vec<Link>)> = Vec::new();
        let mut by_party: BTreeMap<Option<&str>, Vec<&Person>> = BTreeMap::new();
        for p in site.persons.values() {
            by_party.entry(p.party.as_deref()).or_default().push(p);
        }
        for (party, mut persons) in by_party {
            persons.sort_by(|a, b| a.name.cmp(&b.name));
            let label = party
                .and_then(|id| site.parties.get(id))
                .map_or("Utan parti".to_string(), |p| {
                    format!("{} ({})", p.name, p.abbreviation)
                });
            parties.push((
                label,
                persons
                    .iter()
                    .map(|p| Link {
                        label: p.name.clone(),
                        url: urls.person(&p.id),
                    })
                    .collect(),
            ));
        }
        // Parties by name, persons without a party last.
        parties.sort_by_key(|(label, _)| (label == "Utan parti", label.clone()));
        let groups: Vec<Value> = parties
            .into_iter()
            .map(|(party, persons)| context! { party => party, persons => ser(&persons) })
            .collect();
        let meta = self.meta(
            "Politiker",
            routes::PERSONS,
            "personer",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(
            routes::PERSONS,
            "persons.html",
            routes::content::folder(routes::content::PERSONS),
            meta,
            context! { parties => groups },
        );

        // Every person's acts in one pass over the minutes (a scan per person is quadratic
        // in a large archive), in the order of the minutes.
        let mut acts_of: BTreeMap<&str, [Vec<Act<'a>>; 4]> = BTreeMap::new();
        for m in &site.meetings {
            let Some(organ) = site.organs.get(&m.organ) else {
                continue;
            };
            for p in &m.paragraphs {
                let lists = [&p.proposals, &p.reservations, &p.notes, &p.recusals];
                for (kind, list) in lists.into_iter().enumerate() {
                    for s in list {
                        let mut persons: Vec<&str> = s.persons.iter().map(String::as_str).collect();
                        persons.sort_unstable();
                        persons.dedup();
                        for id in persons {
                            acts_of.entry(id).or_default()[kind].push(Act {
                                organ,
                                date: &m.date,
                                number: p.number,
                                title: &p.title,
                                text: &s.text,
                            });
                        }
                    }
                }
            }
        }
        self.persons = site
            .persons
            .values()
            .map(|person| PersonActs {
                person,
                party: person.party.as_ref().and_then(|p| site.parties.get(p)),
                acts: acts_of.remove(person.id.as_str()).unwrap_or_default(),
            })
            .collect();
    }

    /// The page of a person: what they proposed, reserved, noted and recused from.
    fn person_page(&self, p: &PersonActs) -> PageJob {
        let site = self.site;
        let urls = self.urls;
        let person = p.person;
        let acts = |kind: usize| -> Vec<Value> {
            p.acts[kind]
                .iter()
                .map(|a| {
                    context! {
                        paragraph => ser(Link { label: format!("§ {} {}", a.number, a.title), url: urls.paragraph(&a.organ.slug, a.date, a.number) }),
                        meeting => format!("{} {}", a.organ.name, a.date),
                        text => a.text.to_string(),
                    }
                })
                .collect()
        };
        let party = p.party.map(|p| format!("{} ({})", p.name, p.abbreviation));
        let data = context! {
            person => context! { name => person.name.clone(), party => party },
            proposals => acts(0),
            reservations => acts(1),
            notes => acts(2),
            recusals => acts(3),
        };
        let (path, origin) = person_page(&person.id);
        let meta = self.meta(
            site.person_label(&person.id),
            &path,
            "personer",
            vec![
                self.crumb("Start", routes::HOME),
                self.crumb("Politiker", routes::PERSONS),
            ],
        );
        Self::job(&path, "person.html", origin, meta, data)
    }

    /// `/arenden/`, and the cases whose pages `/arenden/<dnr>/` list every § that has the
    /// case number or mentions it, in date order.
    fn cases(&mut self) {
        let site = self.site;
        let urls = self.urls;
        let mut cases: BTreeMap<String, Vec<CaseHit<'a>>> = BTreeMap::new();
        for (m, paragraph_cases) in self.xref.paragraph_cases() {
            let Some(organ) = site.organs.get(&m.organ) else {
                continue;
            };
            for (p, found) in m.paragraphs.iter().zip(paragraph_cases) {
                for (dnr, own) in found {
                    cases.entry(dnr.clone()).or_default().push(CaseHit {
                        organ,
                        date: &m.date,
                        number: p.number,
                        title: &p.title,
                        own: *own,
                    });
                }
            }
        }
        let index: Vec<Link> = cases
            .keys()
            .map(|d| Link {
                label: d.clone(),
                url: urls.case(d),
            })
            .collect();
        let meta = self.meta(
            "Ärenden",
            routes::CASES,
            "arenden",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(
            routes::CASES,
            "cases.html",
            routes::content::folder(routes::content::MEETINGS),
            meta,
            context! { cases => ser(&index) },
        );
        self.cases = cases
            .into_iter()
            .map(|(dnr, hits)| Case { dnr, hits })
            .collect();
    }

    /// The page of a case.
    fn case_page(&self, case: &Case) -> PageJob {
        let urls = self.urls;
        let hits: Vec<Value> = case
            .hits
            .iter()
            .map(|h| {
                context! {
                    paragraph => ser(Link { label: format!("§ {} {}", h.number, h.title), url: urls.paragraph(&h.organ.slug, h.date, h.number) }),
                    meeting => format!("{} {}", h.organ.name, long_date(h.date)),
                    date => h.date.to_string(),
                    own => h.own,
                }
            })
            .collect();
        let (path, origin) = case_page(&case.dnr);
        let meta = self.meta(
            format!("Ärende {}", case.dnr),
            &path,
            "arenden",
            vec![
                self.crumb("Start", routes::HOME),
                self.crumb("Ärenden", routes::CASES),
            ],
        );
        Self::job(
            &path,
            "case.html",
            origin,
            meta,
            context! { dnr => case.dnr.clone(), hits => hits },
        )
    }

    /// The groups of pages made while rendering: every meeting's, case's and person's.
    pub fn groups(&self) -> Vec<Group<'_>> {
        let meetings = self.site.meetings.iter().map(Group::Meeting);
        let cases = self.cases.iter().map(Group::Case);
        let persons = self.persons.iter().map(Group::Person);
        meetings.chain(cases).chain(persons).collect()
    }

    /// The pages of a group as (output path, content file): what [`Builder::group_pages`]
    /// makes, without making it.
    pub fn group_outputs(&self, group: Group) -> Vec<(String, String)> {
        match group {
            Group::Meeting(m) => self.meeting_outputs(m),
            Group::Case(case) => {
                let (path, origin) = case_page(&case.dnr);
                vec![(routes::output_file(&path), origin)]
            }
            Group::Person(p) => {
                let (path, origin) = person_page(&p.person.id);
                vec![(routes::output_file(&path), origin)]
            }
        }
    }

    /// The pages of a group.
    pub fn group_pages(&self, group: Group) -> Vec<PageJob> {
        match group {
            Group::Meeting(m) => self.meeting_pages(m),
            Group::Case(case) => vec![self.case_page(case)],
            Group::Person(p) => vec![self.person_page(p)],
        }
    }

    /// `/data/`: the open-data files, their columns and the licence.
    pub fn open_data(&mut self, data: &crate::config::DataConfig) {
        let urls = self.urls;
        let files: Vec<Value> = super::open_data::FILES
            .iter()
            .map(|f| {
                context! {
                    title => f.title,
                    anchor => crate::slug::slugify(f.title),
                    csv => urls.abs(f.csv),
                    csv_name => f.csv.trim_start_matches(routes::DATA),
                    json => urls.abs(f.json),
                    json_name => f.json.trim_start_matches(routes::DATA),
                    json_key => f.json_key,
                    description => f.description,
                    columns => ser(f.columns),
                }
            })
            .collect();
        let meta = self.meta(
            "Öppna data",
            routes::DATA,
            "data",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(
            routes::DATA,
            "data.html",
            "insyn.toml".into(),
            meta,
            context! {
                files => files,
                license => data.license.clone(),
                license_url => data.license_url.clone(),
                feed => urls.abs(routes::FEED_ALL),
            },
        );
    }

    fn free_pages(&mut self) {
        for p in self.site.pages.values() {
            let body = self.md(&p.body);
            let path = routes::free_page(&p.id);
            let meta = self.meta(
                p.title.clone(),
                &path,
                "sidor",
                vec![self.crumb("Start", routes::HOME)],
            );
            self.push(
                &path,
                "page.html",
                format!(
                    "{}/{}.md",
                    routes::content::folder(routes::content::PAGES),
                    p.id
                ),
                meta,
                context! { body => body.html, toc => ser(&body.toc) },
            );
        }
    }

    /// `/sok/`: the search page. Without JavaScript it explains the search and links to the
    /// indexes; with it, `search.js` runs the query from the URL.
    fn search_page(&mut self) {
        let urls = self.urls;
        let indexes = [
            ("Mål och planer", routes::PLANS),
            ("Mått", routes::MEASURES),
            ("Rapporter", routes::REPORTS),
            ("Protokoll och sammanträden", routes::MEETINGS),
            ("Ärenden (diarienummer)", routes::CASES),
            ("Politiker", routes::PERSONS),
            ("Politiska organ", routes::ORGANS),
        ];
        let indexes: Vec<Link> = indexes
            .iter()
            .map(|(label, path)| self.crumb(label, path))
            .collect();
        let data = context! {
            search => context! {
                action => urls.abs(routes::SEARCH),
                data => urls.abs(routes::SEARCH_DATA) + "/",
                analyzer => urls.abs("js/analyzer.js"),
                script => urls.abs("js/search.js"),
                indexes => ser(&indexes),
            },
        };
        let meta = self.meta(
            "Sök",
            routes::SEARCH,
            "sok",
            vec![self.crumb("Start", routes::HOME)],
        );
        self.push(routes::SEARCH, "search.html", "themes".into(), meta, data);
    }
}
