//! Rendering: minijinja templates from `themes/<theme>/templates`, comrak Markdown, grass SCSS
//! compiled to one content-hashed CSS file, and the theme's static files. Pages render in
//! parallel, each handed to a [`PageSink`]: into memory, straight to a writer, or (for
//! `serve`) through its page cache in `incremental`.

pub mod charts;
pub mod feeds;
pub mod json_ld;
pub mod open_data;
pub mod pages;
pub mod record;
pub mod scorecard;
pub mod script;
pub mod statement;
pub mod tables;
pub mod terms;
pub mod views;

use std::collections::BTreeMap;
use std::hash::Hash;
use std::path::Path;

use minijinja::{Environment, Value, context};
use rayon::iter::Either;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use siphasher::sip128::{Hasher128, SipHasher13};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::indexes::Indexes;
use crate::model::{Assessed, Site, Status, StatusSource};
use crate::output::OutputFile;
use crate::palette;
use crate::routes::{self, Urls};
use crate::xref::Resolver;
use pages::PageJob;
use views::{Link, ser};

/// What becomes of each page: `build` streams it to its staging folder as soon as it is
/// rendered, `check` keeps it in memory, and `serve` first looks for it among the pages it
/// already has (`incremental`). Render itself keeps nothing from one build to the next.
pub trait PageSink: Sync {
    /// Renders (or finds) the page of `job` with `renderer`; returns the file to keep with
    /// the site's other files, or `None` when the sink has written it away.
    fn page(&self, renderer: &Renderer, job: PageJob) -> Result<Option<OutputFile>, Diagnostic>;
}

/// Pages rendered into memory, returned with the other files.
pub struct InMemory;

impl PageSink for InMemory {
    fn page(&self, renderer: &Renderer, job: PageJob) -> Result<Option<OutputFile>, Diagnostic> {
        renderer.render(job).map(Some)
    }
}

/// Pages handed to a writer as soon as each is rendered, and dropped: a large site's pages are
/// then never all in memory at once, and writing overlaps rendering.
pub struct Streamed<'a>(pub &'a PageWriter<'a>);

/// Writes one rendered page (`insyn build`: into its staging folder; it keeps its own errors).
pub type PageWriter<'a> = dyn Fn(&OutputFile) + Sync + 'a;

impl PageSink for Streamed<'_> {
    fn page(&self, renderer: &Renderer, job: PageJob) -> Result<Option<OutputFile>, Diagnostic> {
        (self.0)(&renderer.render(job)?);
        Ok(None)
    }
}

/// Pages of a build that has failed already: rendered for their errors, never kept.
struct Discarded;

impl PageSink for Discarded {
    fn page(&self, renderer: &Renderer, job: PageJob) -> Result<Option<OutputFile>, Diagnostic> {
        renderer.render(job).map(|_| None)
    }
}

/// Renders page jobs with the theme's templates and the site-wide context.
pub struct Renderer {
    env: Environment<'static>,
    site: Value,
    theme_display: String,
    /// Every template's name and source, and the site-wide context.
    fingerprint: SipHasher13,
}

impl Renderer {
    /// A 128-bit hash of everything a page's HTML depends on: its template and its context (the
    /// page family's typed context, as serialized), every template and the site-wide context.
    /// Derived from what the page is rendered from, so a field added to a page's context can
    /// never be missed by a cache keyed on it.
    pub fn key(&self, job: &PageJob) -> u128 {
        let mut h = self.fingerprint;
        job.template.hash(&mut h);
        job.context.hash(&mut h);
        h.finish128().as_u128()
    }

    pub fn render(&self, job: PageJob) -> Result<OutputFile, Diagnostic> {
        let template = self
            .env
            .get_template(job.template)
            .map_err(|e| template_error(&self.theme_display, &e))?;
        let ctx = context! { site => self.site.clone(), ..job.context };
        let html = template
            .render(ctx)
            .map_err(|e| template_error(&self.theme_display, &e))?;
        Ok(OutputFile {
            path: job.output,
            bytes: html.into_bytes().into(),
        })
    }
}

/// A page to render, or a group whose pages are made and rendered together.
enum Work<'a> {
    Page(PageJob),
    Group(pages::Group<'a>),
}

/// Renders the whole site: returns the files that are not pages, and the pages `sink` keeps.
/// Returns no files if anything failed.
pub fn render_site(
    site: &Site,
    xref: &Resolver,
    indexes: &Indexes,
    config: &Config,
    site_root: &Path,
    diagnostics: &mut Diagnostics,
    sink: &dyn PageSink,
) -> Vec<OutputFile> {
    let theme_dir = site_root.join(routes::THEMES).join(&config.theme);
    let theme_display = format!("{}/{}", routes::THEMES, config.theme);
    if !theme_dir.is_dir() {
        diagnostics.push(Diagnostic {
            path: "insyn.toml".into(),
            line: 1,
            column: 1,
            message: format!(
                "the theme `{}` does not exist ({theme_display}/ is missing)",
                config.theme
            ),
            hint: Some("set theme = \"default\" or add the theme's folder".into()),
        });
        return Vec::new();
    }
    let mut timings = crate::timings::Timings::from_env();
    let urls = Urls::new(&config.base_path());
    let mut files = Vec::new();

    let css = compile_css(&theme_dir, &theme_display, config, diagnostics);
    let css_url = css.as_ref().map(|f| urls.abs(&f.path));
    files.extend(css);
    files.extend(static_files(&theme_dir, diagnostics));
    let logo = logo_file(config, site_root, diagnostics);
    let logo_url = logo.as_ref().map(|f| urls.abs(&f.path));
    files.extend(logo);

    let mut fingerprint = SipHasher13::new();
    let Some(mut env) = environment(&theme_dir, &theme_display, &mut fingerprint, diagnostics)
    else {
        return Vec::new();
    };
    // A global, so the macros imported from `macros.html` see the words too.
    let terms = ser(terms::TermsView::new(&config.terms));
    terms.hash(&mut fingerprint);
    env.add_global("terms", terms);
    // The theme's scripts as the site serves them, for a page that carries them inline (the
    // search page: its first query must not wait for another download).
    let inline_js = inline_scripts(&files, &theme_dir, &theme_display, diagnostics);
    inline_js.hash(&mut fingerprint);
    env.add_global("inline_js", ser(&inline_js));
    timings.mark("  theme");
    let site_ctx = site_context(site, config, &urls, css_url.unwrap_or_default(), logo_url);
    site_ctx.hash(&mut fingerprint);
    let renderer = Renderer {
        env,
        site: site_ctx,
        theme_display,
        fingerprint,
    };

    let mut builder = pages::Builder::new(site, indexes, &urls, config, xref);
    // The feeds and open-data files depend on the content alone: made on the other core
    // while the page list is (mostly one thread's work).
    let ((), (feeds, data)) = rayon::join(
        || builder.all(config),
        || {
            (
                feeds::feed_files(site, config, &urls),
                open_data::data_files(site, config, &urls),
            )
        },
    );
    timings.mark("  page list");
    let jobs = std::mem::take(&mut builder.jobs);
    let groups = builder.groups();
    // The pages of each group, without their contexts: these are made while rendering.
    let group_outputs: Vec<Vec<(String, String)>> = groups
        .par_iter()
        .map(|&group| builder.group_outputs(group))
        .collect();
    timings.mark("  group pages");
    let pages: Vec<(&str, &str)> = jobs
        .iter()
        .map(|j| (j.output.as_str(), j.origin.as_str()))
        .chain(
            group_outputs
                .iter()
                .flatten()
                .map(|(p, o)| (p.as_str(), o.as_str())),
        )
        .collect();
    files.extend(crawler_files(&pages, config, &urls));
    files.extend(feeds);
    match data {
        Ok(data) => files.extend(data),
        Err(d) => diagnostics.push(d),
    }
    check_collisions(&pages, &files, diagnostics);
    drop(pages);
    drop(group_outputs);

    // A build that has failed already keeps no pages (it still renders them, for errors).
    let sink = if diagnostics.is_empty() {
        sink
    } else {
        &Discarded
    };
    // Groups first (a meeting has dozens of pages), single pages after: the work ends with
    // small pieces that keep both cores busy to the end. Each job is dropped by the thread
    // that rendered it (a large site's contexts take as long to free as to build); a group's
    // jobs are also made by it, just before.
    let work: Vec<Work> = groups
        .into_iter()
        .map(Work::Group)
        .chain(jobs.into_iter().map(Work::Page))
        .collect();
    let rendered: Vec<Result<Option<OutputFile>, Diagnostic>> = work
        .into_par_iter()
        // A thread renders a piece of the list it has started without splitting it further:
        // one group or page per piece, so a long piece cannot leave the other core idle.
        .with_max_len(1)
        .flat_map_iter(|work| match work {
            Work::Page(job) => Either::Left(std::iter::once(job)),
            Work::Group(group) => Either::Right(builder.group_pages(group).into_iter()),
        })
        .map(|job| sink.page(&renderer, job))
        .collect();
    timings.mark("  templates");
    for result in rendered {
        match result {
            Ok(file) => files.extend(file),
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        return Vec::new();
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Every page's output path and the content file it comes from, without rendering: for
/// pointing a broken link at the file to fix (`check`).
pub fn page_origins(
    site: &Site,
    xref: &Resolver,
    indexes: &Indexes,
    config: &Config,
) -> BTreeMap<String, String> {
    let urls = Urls::new(&config.base_path());
    let mut builder = pages::Builder::new(site, indexes, &urls, config, xref);
    builder.all(config);
    let groups = builder.groups();
    builder
        .jobs
        .iter()
        .map(|job| (job.output.clone(), job.origin.clone()))
        .chain(groups.into_iter().flat_map(|g| builder.group_outputs(g)))
        .collect()
}

fn site_context(
    site: &Site,
    config: &Config,
    urls: &Urls,
    css: String,
    logo: Option<String>,
) -> Value {
    let mut nav = vec![
        ("Mål", routes::PLANS.to_string(), "mal"),
        ("Mått", routes::MEASURES.to_string(), "matt"),
        ("Rapporter", routes::REPORTS.to_string(), "rapporter"),
        ("Protokoll", routes::MEETINGS.to_string(), "protokoll"),
        ("Ärenden", routes::CASES.to_string(), "arenden"),
        ("Politiker", routes::PERSONS.to_string(), "personer"),
    ];
    if site.pages.contains_key(routes::ABOUT_PAGE_ID) {
        nav.push(("Om", routes::free_page(routes::ABOUT_PAGE_ID), "sidor"));
    }
    let nav: Vec<Value> = nav
        .into_iter()
        .map(|(label, path, section)| context! { label => label, url => urls.abs(&path), section => section })
        .collect();
    let footer: Vec<Link> = [
        ("Politiska organ", routes::ORGANS),
        ("Öppna data", routes::DATA),
        ("Flöde (Atom)", routes::FEED_ALL),
    ]
    .into_iter()
    .map(|(label, path)| Link {
        label: label.into(),
        url: urls.abs(path),
    })
    .chain(site.pages.values().map(|p| Link {
        label: p.title.clone(),
        url: urls.free_page(&p.id),
    }))
    .chain(config.accessibility.as_ref().map(|_| Link {
        label: statement::TITLE.into(),
        url: urls.abs(routes::STATEMENT),
    }))
    .collect();
    let legend: Vec<views::StatusView> = [
        (Status::Uppnatt, "Uppnått / slutförd", false),
        (Status::DelvisUppnatt, "Delvis uppnått / påbörjad", false),
        (Status::EjUppnatt, "Ej uppnått / ej påbörjad", false),
        (Status::BedomsEj, "Bedöms ej", false),
        (Status::DelvisUppnatt, "Delvis uppnått", true),
    ]
    .into_iter()
    .map(|(status, label, computed)| views::StatusView {
        label,
        ..views::StatusView::new(Assessed {
            status,
            source: if computed {
                StatusSource::Computed
            } else {
                StatusSource::Table
            },
        })
    })
    .collect();
    context! {
        title => config.title.clone(),
        legend => ser(&legend),
        about => site.pages.contains_key(routes::ABOUT_PAGE_ID).then(|| urls.free_page(routes::ABOUT_PAGE_ID)),
        lang => config.language.clone(),
        organisation => context! { name => config.organisation.name.clone(), url => config.organisation.url.clone(), logo => logo },
        home => urls.abs(routes::HOME),
        search => urls.abs(routes::SEARCH),
        css => css,
        nav => nav,
        footer => ser(&footer),
    }
}

/// The theme's templates; their names and sources are also fed to `fingerprint`.
fn environment(
    theme_dir: &Path,
    theme_display: &str,
    fingerprint: &mut SipHasher13,
    diagnostics: &mut Diagnostics,
) -> Option<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_formatter(html_formatter);
    let dir = theme_dir.join("templates");
    let mut ok = true;
    for (name, path) in files_below(&dir) {
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                diagnostics.push(Diagnostic {
                    path: format!("{theme_display}/templates/{name}"),
                    line: 1,
                    column: 1,
                    message: format!("cannot read template: {e}"),
                    hint: None,
                });
                ok = false;
                continue;
            }
        };
        (&name, &source).hash(fingerprint);
        if let Err(e) = env.add_template_owned(name, source) {
            diagnostics.push(template_error(theme_display, &e));
            ok = false;
        }
    }
    ok.then_some(env)
}

/// HTML escaping of `& < > " '` (minijinja's default also escapes `/`, which bloats every URL).
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if value.is_safe() || !matches!(state.auto_escape(), minijinja::AutoEscape::Html) {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    out.write_str(&escaped).map_err(minijinja::Error::from)
}

fn template_error(theme_display: &str, e: &minijinja::Error) -> Diagnostic {
    let name = e.name().unwrap_or("?");
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    Diagnostic {
        path: format!("{theme_display}/templates/{name}"),
        line: e.line().unwrap_or(1),
        column: 1,
        message: format!("template error: {message}"),
        hint: Some(
            "fix the template; the context each template gets is prepared in src/render/pages/"
                .into(),
        ),
    }
}

/// Compiles `sass/main.scss` with the config's accent colour into `assets/main.<hash>.css`.
fn compile_css(
    theme_dir: &Path,
    theme_display: &str,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<OutputFile> {
    let main = theme_dir.join("sass").join("main.scss");
    let source = match std::fs::read_to_string(&main) {
        Ok(s) => s,
        Err(e) => {
            diagnostics.push(Diagnostic {
                path: format!("{theme_display}/sass/main.scss"),
                line: 1,
                column: 1,
                message: format!("cannot read the stylesheet: {e}"),
                hint: None,
            });
            return None;
        }
    };
    // The accent colour was checked to be a hex colour, so it is safe to splice in.
    let input = format!(
        "$accent: {};\n{}{source}",
        config.organisation.accent_color,
        palette::scss_variables()
    );
    let options = grass::Options::default()
        .style(grass::OutputStyle::Compressed)
        .load_path(theme_dir.join("sass"));
    match grass::from_string(input, &options) {
        Ok(css) => {
            let hash = Sha256::digest(css.as_bytes());
            let short: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
            Some(OutputFile {
                path: format!("assets/main.{short}.css"),
                bytes: css.into_bytes().into(),
            })
        }
        Err(e) => {
            diagnostics.push(Diagnostic {
                path: format!("{theme_display}/sass/main.scss"),
                line: 1,
                column: 1,
                message: format!("stylesheet error: {}", e.to_string().replace('\n', " ")),
                hint: None,
            });
            None
        }
    }
}

/// The organisation's logo from the config, copied to `assets/logo.<ext>`.
fn logo_file(
    config: &Config,
    site_root: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<OutputFile> {
    let rel = config.organisation.logo.as_ref()?;
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| matches!(e.as_str(), "svg" | "png" | "jpg" | "jpeg" | "webp"));
    let problem = |message: String| {
        Diagnostic {
        path: "insyn.toml".into(),
        line: 1,
        column: 1,
        message,
        hint: Some("set [organisation] logo to an SVG, PNG, JPEG or WebP file relative to the site folder, or remove it".into()),
    }
    };
    let Some(ext) = ext else {
        diagnostics.push(problem(format!(
            "logo `{}` is not an image file",
            rel.display()
        )));
        return None;
    };
    match std::fs::read(site_root.join(rel)) {
        Ok(bytes) => Some(OutputFile {
            path: format!("assets/logo.{ext}"),
            bytes: bytes.into(),
        }),
        Err(e) => {
            diagnostics.push(problem(format!(
                "cannot read logo `{}`: {e}",
                rel.display()
            )));
            None
        }
    }
}

/// The files below a theme folder in a stable order, with their `/`-separated relative paths.
fn files_below(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("walked below dir");
            (
                rel.to_string_lossy().replace('\\', "/"),
                e.path().to_path_buf(),
            )
        })
        .collect()
}

/// The theme's `static/` folder, copied as it is, its scripts without their comments
/// ([`script::minify`]).
fn static_files(theme_dir: &Path, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    let dir = theme_dir.join("static");
    let mut files = Vec::new();
    for (rel, path) in files_below(&dir) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let bytes = match std::str::from_utf8(&bytes) {
                    Ok(js) if rel.ends_with(".js") => script::minify(js).into_bytes(),
                    _ => bytes,
                };
                files.push(OutputFile {
                    path: rel,
                    bytes: bytes.into(),
                })
            }
            Err(e) => diagnostics.push(Diagnostic {
                path: path.display().to_string(),
                line: 1,
                column: 1,
                message: format!("cannot read: {e}"),
                hint: None,
            }),
        }
    }
    files
}

/// The theme's scripts (`js/<name>.js` among `files`, as the site serves them) by file name,
/// for a template to place inline; a script that could end its `<script>` element early is
/// an error.
fn inline_scripts(
    files: &[OutputFile],
    theme_dir: &Path,
    theme_display: &str,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut scripts = BTreeMap::new();
    for file in files {
        let Some(name) = file.path.strip_prefix("js/").filter(|n| n.ends_with(".js")) else {
            continue;
        };
        let Ok(js) = std::str::from_utf8(&file.bytes) else {
            continue;
        };
        let lower = js.to_ascii_lowercase();
        if let Some(bad) = ["</script", "<!--"].into_iter().find(|b| lower.contains(b)) {
            diagnostics.push(Diagnostic {
                path: format!("{theme_display}/static/{}", file.path),
                // The line in the theme's file, which keeps the comments the site's copy drops.
                line: std::fs::read_to_string(theme_dir.join("static").join(&file.path))
                    .ok()
                    .and_then(|source| {
                        source
                            .lines()
                            .position(|l| l.to_ascii_lowercase().contains(bad))
                    })
                    .unwrap_or(0)
                    + 1,
                column: 1,
                message: format!("the script holds `{bad}`, which would end it inside a page"),
                hint: Some("write it as `<\\/script` or `<\\!--` in strings".into()),
            });
            continue;
        }
        scripts.insert(name.to_string(), js.to_string());
    }
    scripts
}

/// `sitemap.xml` with every page's absolute URL, and a `robots.txt` pointing at it.
fn crawler_files(pages: &[(&str, &str)], config: &Config, urls: &Urls) -> Vec<OutputFile> {
    let origin = config.origin();
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = pages
        .iter()
        .map(|(path, _)| *path)
        .filter(|p| *p != routes::NOT_FOUND)
        .collect();
    paths.sort_unstable();
    for path in paths {
        let url = urls.abs(routes::page_of_output(path));
        // Paths are ASCII slugs, but escape anyway: the sitemap is XML.
        let url = url.replace('&', "&amp;").replace('<', "&lt;");
        sitemap.push_str(&format!("  <url><loc>{origin}{url}</loc></url>\n"));
    }
    sitemap.push_str("</urlset>\n");
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {origin}{}\n",
        urls.abs(routes::SITEMAP)
    );
    vec![
        OutputFile {
            path: routes::SITEMAP.into(),
            bytes: sitemap.into_bytes().into(),
        },
        OutputFile {
            path: routes::ROBOTS.into(),
            bytes: robots.into_bytes().into(),
        },
    ]
}

/// Two pages (or a page and an asset) that would be written to the same file; `pages` are
/// (output path, origin).
fn check_collisions(pages: &[(&str, &str)], files: &[OutputFile], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &str> = files
        .iter()
        .map(|f| (f.path.as_str(), "the theme's static files"))
        .collect();
    for &(output, origin) in pages {
        if let Some(first) = seen.insert(output, origin) {
            let url = routes::page_of_output(output);
            diagnostics.push(Diagnostic {
                path: origin.to_string(),
                line: 1,
                column: 1,
                message: format!("two pages would get the same URL /{url}: this one and {first}"),
                hint: Some("rename one of them (a file name is its id; an organ's URL comes from its name)".into()),
            });
            seen.insert(output, first);
        }
    }
}
