//! Measures: `/matt/` lists them by name, `/matt/<id>/` shows a measure's definition, its
//! whole history as a chart and a table, and the goals it follows up.

use serde::Serialize;

use super::{PageJob, Shared, job};
use crate::markdown::text_runs;
use crate::model::{Direction, Measure, MeasureResult, SourceRef};
use crate::render::charts::{Chart, history_chart, why_no_chart};
use crate::render::json_ld;
use crate::render::views::{Link, ResultRow, organ_links, result_row};
use crate::routes;

#[derive(Serialize)]
struct Measures<'a> {
    measures: Vec<MeasureItem<'a>>,
}

#[derive(Serialize)]
struct MeasureItem<'a> {
    name: &'a str,
    url: String,
    kind: String,
    organs: Vec<Link>,
}

#[derive(Serialize)]
struct MeasurePage<'a> {
    measure: MeasureView<'a>,
    results: Vec<ResultRow>,
    chart: Option<Chart>,
    /// Why there is no chart, when there is none.
    no_chart: &'static str,
    /// The goals whose success factors follow the measure up.
    goals: Vec<Link>,
}

#[derive(Serialize)]
struct MeasureView<'a> {
    name: &'a str,
    kind: String,
    unit: Option<&'a str>,
    direction: Option<&'static str>,
    by_sex: bool,
    aliases: &'a [String],
    organs: Vec<Link>,
    definition: String,
    csv: String,
    source: Option<String>,
}

/// The list of measures, then each measure's page, by name.
pub(super) fn jobs(s: &Shared) -> Vec<PageJob> {
    let mut list: Vec<&Measure> = s.site.measures.values().collect();
    list.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    let measures = list
        .iter()
        .map(|m| MeasureItem {
            name: &m.name,
            url: s.urls.measure(&m.id),
            kind: s.config.terms.measure_kind(m.kind),
            organs: organ_links(s.site, s.urls, &m.organs),
        })
        .collect();
    let meta = s.meta("Mått", routes::MEASURES, "matt", s.crumbs(None), None);
    let origin = routes::content::folder(routes::content::MEASURES);
    let index = job(
        routes::MEASURES,
        "measures.html",
        origin,
        &meta,
        &Measures { measures },
    );
    std::iter::once(index)
        .chain(list.into_iter().map(|m| measure_job(s, m)))
        .collect()
}

fn measure_job(s: &Shared, m: &Measure) -> PageJob {
    let (site, urls) = (s.site, s.urls);
    let goals = site
        .plans
        .iter()
        .flat_map(|p| p.goals.iter().map(move |g| (p, g)))
        .filter(|(_, g)| g.factors.iter().any(|f| f.measures.contains(&m.id)))
        .map(|(p, g)| Link {
            label: format!("{} ({})", g.title, p.title),
            url: urls.goal(&p.id, &g.id),
        })
        .collect();
    let results: Vec<&MeasureResult> = m.results.iter().collect();
    let data = MeasurePage {
        measure: MeasureView {
            name: &m.name,
            kind: s.config.terms.measure_kind(m.kind),
            unit: m.unit.as_deref(),
            direction: m.direction.map(Direction::label),
            by_sex: m.by_sex,
            aliases: &m.aliases,
            organs: organ_links(site, urls, &m.organs),
            definition: s.md(&m.definition).html,
            csv: urls.abs(&routes::measure_csv(&m.id)),
            source: m.source.as_ref().map(SourceRef::label),
        },
        results: m
            .results
            .iter()
            .map(|r| result_row(site, urls, r))
            .collect(),
        chart: history_chart(m, &results, "diagram"),
        no_chart: why_no_chart(m),
        goals,
    };
    let path = routes::measure(&m.id);
    let crumbs = s.crumbs(Some(("Mått", routes::MEASURES)));
    let dataset = json_ld::measure_dataset(
        s.config,
        &json_ld::MeasureDataset {
            measure: m,
            url: format!("{}{}", s.origin, urls.abs(&path)),
            csv: format!("{}{}", s.origin, urls.abs(&routes::measure_csv(&m.id))),
            catalog: format!("{}{}", s.origin, urls.abs(routes::DATA)),
            definition: text_runs(&m.definition)
                .iter()
                .map(|run| run.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            keywords: std::iter::once(s.config.terms.measure_kind(m.kind))
                .chain(
                    m.organs
                        .iter()
                        .filter_map(|o| Some(site.organs.get(o)?.name.clone())),
                )
                .collect(),
        },
    );
    let meta = s.meta_with(m.name.clone(), &path, "matt", crumbs, None, vec![dataset]);
    let origin = routes::content::measure_file(&m.id);
    job(&path, "measure.html", origin, &meta, &data)
}
