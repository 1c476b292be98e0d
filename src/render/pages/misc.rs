//! Pages of their own: the free pages (`content/sidor/`), the 404 page, the open-data page
//! and the accessibility statement.

use serde::Serialize;

use super::{NoData, PageJob, Shared, job};
use crate::config::{Config, Terms};
use crate::markdown::TocEntry;
use crate::model::{DecisionKind, MeasureKind};
use crate::render::open_data::{FILES, Field, Kind, SPREADSHEET_NOTE};
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
    spreadsheet_note: &'static str,
    /// The Frictionless data package describing every CSV file.
    package: String,
    /// The DCAT-AP-SE catalog, when the config asks for one.
    catalog: Option<String>,
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
    schema: String,
    description: &'static str,
    /// The columns, in file order.
    columns: Vec<FieldView>,
}

/// A column as the open-data page describes it, from the same field as its table schema.
#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    kind: &'static str,
    required: bool,
    unit: Option<&'static str>,
    description: &'static str,
    /// The values of an enumeration.
    values: Vec<ValueView>,
}

/// A value of an enumeration: the key the files write, and its Swedish label.
#[derive(Serialize)]
struct ValueView {
    key: &'static str,
    label: String,
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

/// `/data/`: the open-data files, their columns and the licence, and where the descriptions for
/// machines are.
pub(super) fn open_data(s: &Shared, config: &Config) -> PageJob {
    let urls = s.urls;
    let data = &config.data;
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
            schema: urls.abs(&f.schema()),
            description: f.description,
            columns: (f.fields)()
                .into_iter()
                .map(|field| field_view(field, &s.config.terms))
                .collect(),
        })
        .collect();
    let page = DataPage {
        files,
        license: data.license.as_deref(),
        license_url: data.license_url.as_deref(),
        feed: urls.abs(routes::FEED_ALL),
        spreadsheet_note: SPREADSHEET_NOTE,
        package: urls.abs(routes::DATA_PACKAGE),
        catalog: config.catalog().map(|_| urls.abs(routes::DATA_CATALOG)),
    };
    let meta = s.meta("Öppna data", routes::DATA, "data", s.crumbs(None), None);
    job(routes::DATA, "data.html", "insyn.toml".into(), &meta, &page)
}

fn field_view(field: Field, terms: &Terms) -> FieldView {
    let values = match field.kind {
        Kind::Enum(values) => values()
            .into_iter()
            .map(|(key, label)| ValueView {
                key,
                // A key measure's kind and a proposal are named in the organisation's words.
                label: if key == MeasureKind::Styrmatt.key() {
                    terms.measure_kind(MeasureKind::Styrmatt)
                } else if key == DecisionKind::Proposal.key() {
                    terms.decision_kind(DecisionKind::Proposal)
                } else {
                    label.to_string()
                },
            })
            .collect(),
        _ => Vec::new(),
    };
    FieldView {
        name: field.name,
        kind: field.kind.label(),
        required: field.required,
        unit: field.unit,
        description: field.description,
        values,
    }
}
