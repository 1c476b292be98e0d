//! Pages of their own: the free pages (`content/sidor/`), the 404 page, the open-data page
//! and the accessibility statement.

use serde::Serialize;

use super::{NoData, PageJob, Shared, job};
use crate::config::{Config, DataConfig};
use crate::markdown::TocEntry;
use crate::render::open_data::{Column, FILES};
use crate::render::statement::{self, Statement};
use crate::routes;
use crate::slug::slugify;

#[derive(Serialize)]
struct FreePage {
    body: String,
    toc: Vec<TocEntry>,
}

#[derive(Serialize)]
struct DataPage<'a> {
    files: Vec<DataFileView>,
    license: Option<&'a str>,
    license_url: Option<&'a str>,
    feed: String,
}

/// An open-data file as the open-data page describes it.
#[derive(Serialize)]
struct DataFileView {
    title: &'static str,
    anchor: String,
    csv: String,
    csv_name: &'static str,
    json: String,
    json_name: &'static str,
    json_key: &'static str,
    description: &'static str,
    columns: &'static [Column],
}

#[derive(Serialize)]
struct StatementPage {
    statement: Statement,
}

/// Every free page, with its table of contents.
pub(super) fn free_pages(s: &Shared) -> Vec<PageJob> {
    s.site
        .pages
        .values()
        .map(|p| {
            let body = s.md(&p.body);
            let path = routes::free_page(&p.id);
            let meta = s.meta(p.title.clone(), &path, "sidor", s.crumbs(None), None);
            let origin = format!(
                "{}/{}.md",
                routes::content::folder(routes::content::PAGES),
                p.id
            );
            let data = FreePage {
                body: body.html,
                toc: body.toc,
            };
            job(&path, "page.html", origin, &meta, &data)
        })
        .collect()
}

/// The page a static host serves for a missing URL.
pub(super) fn not_found(s: &Shared) -> PageJob {
    let meta = s.meta("Sidan finns inte", routes::NOT_FOUND, "", vec![], None);
    job(
        routes::NOT_FOUND,
        "404.html",
        "themes".into(),
        &meta,
        &NoData {},
    )
}

/// The accessibility statement, when the config has an `[accessibility]` section.
pub(super) fn statement(s: &Shared, config: &Config) -> Option<PageJob> {
    let data = StatementPage {
        statement: Statement::from_config(config)?,
    };
    let path = routes::STATEMENT;
    let meta = s.meta(
        statement::TITLE,
        path,
        "tillganglighet",
        s.crumbs(None),
        None,
    );
    Some(job(
        path,
        "accessibility.html",
        "insyn.toml".into(),
        &meta,
        &data,
    ))
}

/// `/data/`: the open-data files, their columns and the licence.
pub(super) fn open_data(s: &Shared, data: &DataConfig) -> PageJob {
    let urls = s.urls;
    let files = FILES
        .iter()
        .map(|f| DataFileView {
            title: f.title,
            anchor: slugify(f.title),
            csv: urls.abs(f.csv),
            csv_name: f.csv.trim_start_matches(routes::DATA),
            json: urls.abs(f.json),
            json_name: f.json.trim_start_matches(routes::DATA),
            json_key: f.json_key,
            description: f.description,
            columns: f.columns,
        })
        .collect();
    let page = DataPage {
        files,
        license: data.license.as_deref(),
        license_url: data.license_url.as_deref(),
        feed: urls.abs(routes::FEED_ALL),
    };
    let meta = s.meta("Öppna data", routes::DATA, "data", s.crumbs(None), None);
    job(routes::DATA, "data.html", "insyn.toml".into(), &meta, &page)
}
