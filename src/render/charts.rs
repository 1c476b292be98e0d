//! Charts as inline SVG, drawn at build time: a measure's result history over report periods
//! with its target, and a compact version for goal pages. No JavaScript. Colours come from the
//! stylesheet (classes), which takes them from `palette`, so dark mode works; women and men also
//! differ by marker shape and line style, so nothing depends on colour. A chart is only drawn
//! from numbers the sources give; with none there is no chart rather than a misleading one.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::number::format_swedish;
use crate::model::*;

/// A chart ready for a template: the SVG markup (escaped here) and its text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub svg: String,
    /// The chart's numbers in words, for screen readers and as a visible caption.
    pub summary: String,
    pub legend: Vec<LegendItem>,
    /// How to read a compact chart, shown beside it.
    pub note: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    /// CSS class of the series (`series--women` …), which sets colour and line style.
    pub class: &'static str,
    pub marker: &'static str,
    pub label: String,
}

/// One line of the chart: a group's outcomes, one per period (`None` where not reported as a
/// number).
#[derive(Debug, Clone, PartialEq)]
struct Series {
    group: Group,
    values: Vec<Option<Number>>,
}

/// What a chart shows, prepared from a measure's results.
#[derive(Debug, Clone, PartialEq)]
struct History {
    periods: Vec<Period>,
    series: Vec<Series>,
    /// The target per period when all groups share one (else it is only in the table).
    targets: Vec<Option<Number>>,
}

fn class(group: Group) -> &'static str {
    match group {
        Group::Total => "series--total",
        Group::Women => "series--women",
        Group::Men => "series--men",
    }
}

fn marker(group: Group) -> &'static str {
    match group {
        Group::Total => "diamond",
        Group::Women => "circle",
        Group::Men => "square",
    }
}

fn history(m: &Measure, results: &[&MeasureResult]) -> Option<History> {
    if m.kind == MeasureKind::Aktivitet {
        return None;
    }
    let mut periods: Vec<Period> = results.iter().map(|r| r.period).collect();
    periods.sort();
    periods.dedup();
    let mut groups: Vec<Group> = results.iter().map(|r| r.group).collect();
    groups.sort();
    groups.dedup();
    let series: Vec<Series> = groups
        .into_iter()
        .map(|group| Series {
            group,
            values: periods
                .iter()
                .map(|p| {
                    let r = results
                        .iter()
                        .find(|r| r.period == *p && r.group == group)?;
                    r.outcome.value
                })
                .collect(),
        })
        .filter(|s| s.values.iter().any(Option::is_some))
        .collect();
    if series.is_empty() {
        return None;
    }
    let targets = periods
        .iter()
        .map(|p| {
            let mut values = results
                .iter()
                .filter(|r| r.period == *p)
                .map(|r| r.target.value);
            let first = values.next()??;
            values.all(|v| v == Some(first)).then_some(first)
        })
        .collect();
    Some(History {
        periods,
        series,
        targets,
    })
}

/// A round axis maximum and step: 1, 2 or 5 times a power of ten, four or five steps.
fn nice_scale(max: f64) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 0.25);
    }
    let rough = max / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|f| f * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    ((max / step).ceil() * step, step)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn short_period(p: Period) -> String {
    match p.month {
        Some(m) => format!("{} {}", &MONTHS[m as usize - 1][..3], p.year),
        None => p.year.to_string(),
    }
}

/// A figure with its unit, with as many decimals as the source wrote.
fn with_unit(n: Number, unit: Option<&str>) -> String {
    let number = n.to_swedish();
    match unit {
        Some("%") => format!("{number} %"),
        // "antal" (a count) says nothing a bare number does not.
        Some(u) if !u.is_empty() && u != "antal" => format!("{number} {u}"),
        _ => number,
    }
}

/// The marker of a series at a point, in the SVG's user units.
/// A marker of half-size `r` centred on (`x`, `y`).
fn marker_svg(out: &mut String, kind: &str, x: f64, y: f64, r: f64) {
    let _ = match kind {
        "circle" => write!(out, r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r}"/>"#),
        "square" => write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{}" height="{}"/>"#,
            x - r,
            y - r,
            2.0 * r,
            2.0 * r
        ),
        _ => {
            let d = r + 1.0;
            write!(
                out,
                r#"<path d="M{x:.1} {:.1}l{d} {d}-{d} {d}-{d}-{d}z"/>"#,
                y - d
            )
        }
    };
}

fn legend(h: &History) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = h
        .series
        .iter()
        .map(|s| LegendItem {
            class: class(s.group),
            marker: marker(s.group),
            label: s.group.label().to_string(),
        })
        .collect();
    if h.targets.iter().any(Option::is_some) {
        items.push(LegendItem {
            class: "series--target",
            marker: "line",
            label: "Mål".into(),
        });
    }
    items
}

fn summary(h: &History, unit: Option<&str>) -> String {
    let mut parts = Vec::new();
    for (i, p) in h.periods.iter().enumerate() {
        let mut values: Vec<String> = h
            .series
            .iter()
            .filter_map(|s| {
                let v = s.values[i]?;
                let value = with_unit(v, unit);
                Some(if s.group == Group::Total {
                    value
                } else {
                    format!("{} {value}", s.group.label().to_lowercase())
                })
            })
            .collect();
        if values.is_empty() {
            values.push("inget utfall i siffror".into());
        }
        let target = h.targets[i]
            .map(|t| format!(" (mål {})", with_unit(t, unit)))
            .unwrap_or_default();
        parts.push(format!("{}: {}{target}", p.label(), values.join(", ")));
    }
    format!("Utfall {}.", parts.join("; "))
}

/// Why a measure has no chart, in words for the page (used when `history_chart` gives none).
pub fn why_no_chart(m: &Measure) -> &'static str {
    if m.kind == MeasureKind::Aktivitet {
        "Inget diagram: måttet är en aktivitet och följs upp med status, inte med siffror."
    } else {
        "Inget diagram: resultaten är inte redovisade som jämförbara siffror. Se tabellen."
    }
}

/// The result history of a measure: a line per group over the report periods (points only
/// where a period stands alone), the target as a dashed line, axes with labels.
pub fn history_chart(m: &Measure, results: &[&MeasureResult], id: &str) -> Option<Chart> {
    let h = history(m, results)?;
    let unit = m.unit.as_deref();
    let (w, height) = (320.0, 200.0);
    let (left, right, top, bottom) = (50.0, 12.0, 26.0, 30.0);
    let plot_w = w - left - right;
    let plot_h = height - top - bottom;
    let max = h
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .chain(h.targets.iter().flatten())
        .fold(0.0f64, |a, b| a.max(b.value));
    let min = h
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .chain(h.targets.iter().flatten())
        .fold(0.0f64, |a, b| a.min(b.value));
    if min < 0.0 {
        // Negative results (e.g. a deficit) would need a different axis; the table shows them.
        return None;
    }
    let (top_value, step) = nice_scale(max);
    let n = h.periods.len();
    let x = |i: usize| left + plot_w * (i as f64 + 0.5) / n as f64;
    let y = |v: f64| top + plot_h * (1.0 - v / top_value);
    let summary = summary(&h, unit);
    let title = format!("{}: utfall per period", m.name);

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {w} {height}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(&title),
        escape(&summary)
    );
    // Y axis: grid lines and values; the unit above the axis.
    svg.push_str(r#"<g class="chart__grid">"#);
    let ticks = (top_value / step).round() as usize;
    for t in 0..=ticks {
        let v = step * t as f64;
        let _ = write!(
            svg,
            r#"<line x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
            w - right,
            y(v),
            y(v)
        );
    }
    svg.push_str("</g><g class=\"chart__labels\">");
    let tick_decimals = if step.fract() == 0.0 { 0 } else { 1 };
    for t in 0..=ticks {
        let v = step * t as f64;
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            left - 5.0,
            y(v) + 4.0,
            format_swedish(v, tick_decimals)
        );
    }
    if let Some(u) = unit {
        let _ = write!(svg, r#"<text x="4" y="14">{}</text>"#, escape(u));
    }
    let every = n.div_ceil(5).max(1);
    for (i, p) in h.periods.iter().enumerate() {
        if i % every == 0 || i == n - 1 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                x(i),
                height - 8.0,
                escape(&short_period(*p))
            );
        }
    }
    svg.push_str("</g>");
    let _ = write!(
        svg,
        r#"<line class="chart__axis" x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
        w - right,
        y(0.0),
        y(0.0)
    );
    // Target: a dashed segment across each period that has one, joined where they follow on.
    svg.push_str(r#"<g class="series--target">"#);
    for (i, t) in h.targets.iter().enumerate() {
        if let Some(t) = t {
            let half = plot_w / n as f64 / 2.0;
            let _ = write!(
                svg,
                r#"<line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
                x(i) - half,
                x(i) + half,
                y(t.value),
                y(t.value)
            );
        }
    }
    if let Some((i, t)) = h
        .targets
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, t)| t.map(|t| (i, t)))
    {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">Mål {}</text>"#,
            x(i) + plot_w / n as f64 / 2.0,
            y(t.value) - 5.0,
            escape(&with_unit(t, unit))
        );
    }
    svg.push_str("</g>");
    // One line per group, broken where a value is missing, with a marker at every value. The
    // groups are set a little apart sideways so that equal values do not hide each other.
    let groups = h.series.len() as f64;
    for (k, s) in h.series.iter().enumerate() {
        let x = |i: usize| x(i) + (k as f64 - (groups - 1.0) / 2.0) * 10.0;
        let _ = write!(svg, r#"<g class="{}">"#, class(s.group));
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, svg: &mut String| {
            if run.len() > 1 {
                let _ = write!(svg, r#"<polyline points="{}"/>"#, run.join(" "));
            }
            run.clear();
        };
        for (i, v) in s.values.iter().enumerate() {
            match v {
                Some(v) => run.push(format!("{:.1},{:.1}", x(i), y(v.value))),
                None => flush(&mut run, &mut svg),
            }
        }
        flush(&mut run, &mut svg);
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                marker_svg(&mut svg, marker(s.group), x(i), y(v.value), 4.0);
            }
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    Some(Chart {
        svg,
        summary,
        legend: legend(&h),
        note: "",
    })
}

/// A compact chart for a goal page: with several periods a sparkline of the first series, with
/// one period a bar of the outcome against a tick at the target. Its text alternative is the
/// summary. `None` without a numeric outcome (and for a single period without a target, where
/// a lone bar would say nothing).
pub fn sparkline(m: &Measure, results: &[&MeasureResult]) -> Option<Chart> {
    let h = history(m, results)?;
    let unit = m.unit.as_deref();
    let (w, height) = (120.0, 28.0);
    let max = h
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .chain(h.targets.iter().flatten())
        .fold(0.0f64, |a, b| a.max(b.value));
    if max <= 0.0
        || h.series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .any(|v| v.value < 0.0)
    {
        return None;
    }
    let summary = summary(&h, unit);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="sparkline" viewBox="0 0 {w} {height}" width="{w}" height="{height}" role="img" aria-label="{}">"#,
        escape(&summary)
    );
    let y = |v: f64| 2.0 + (height - 4.0) * (1.0 - v / max);
    let split = h.series.len() > 1;
    let note;
    if h.periods.len() == 1 {
        // Women's bar is filled and men's outlined, so they differ without colour too.
        note = if split {
            "Staplarna visar utfallet för kvinnor (fylld) och män (ofylld), det lodräta strecket målet."
        } else {
            "Stapeln visar utfallet, det lodräta strecket målet."
        };
        let target = h.targets[0]?;
        let rows = h.series.len() as f64;
        let bar = (height - 2.0) / rows - 2.0;
        for (k, s) in h.series.iter().enumerate() {
            if let Some(v) = s.values[0] {
                let _ = write!(
                    svg,
                    r#"<rect class="{}" x="1" y="{:.1}" width="{:.1}" height="{bar:.1}"/>"#,
                    class(s.group),
                    1.0 + k as f64 * (bar + 2.0),
                    ((w - 4.0) * v.value / max).max(1.0)
                );
            }
        }
        let tx = (w - 4.0) * target.value / max;
        let _ = write!(
            svg,
            r#"<line class="series--target" x1="{tx:.1}" x2="{tx:.1}" y1="0" y2="{height}"/>"#
        );
    } else {
        let lone = h
            .series
            .iter()
            .all(|s| s.values.iter().flatten().count() < 2);
        note = match (lone, split) {
            (false, true) => {
                "Linjerna visar utfallet över tid för kvinnor (hel linje) och män (streckad), den prickade linjen målet."
            }
            (false, false) => "Linjen visar utfallet över tid, den prickade linjen målet.",
            (true, true) => {
                "Bara en period har utfall: kvinnor (cirkel) och män (fyrkant), den prickade linjen målet."
            }
            (true, false) => "Bara en period har utfall (punkten), den prickade linjen målet.",
        };
        let n = h.periods.len();
        let x = |i: usize| 4.0 + (w - 8.0) * i as f64 / (n - 1) as f64;
        if let Some(t) = h.targets.iter().rev().flatten().next() {
            let _ = write!(
                svg,
                r#"<line class="series--target series--level" x1="0" x2="{w}" y1="{:.1}" y2="{:.1}"/>"#,
                y(t.value),
                y(t.value)
            );
        }
        let groups = h.series.len() as f64;
        for (k, s) in h.series.iter().enumerate() {
            // Lone markers of the groups are set apart sideways, towards the middle, so that
            // close values stay legible and no marker leaves the picture.
            let apart = |px: f64| {
                if px > w / 2.0 {
                    -(groups - 1.0 - k as f64) * 7.0
                } else {
                    k as f64 * 7.0
                }
            };
            let points: Vec<(f64, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (x(i), y(v.value))))
                .collect();
            match points.as_slice() {
                [] => {}
                // A line needs two points; a lone outcome is shown as its group's marker.
                [(px, py)] => {
                    let _ = write!(svg, r#"<g class="{}">"#, class(s.group));
                    marker_svg(&mut svg, marker(s.group), px + apart(*px), *py, 2.5);
                    svg.push_str("</g>");
                }
                _ => {
                    let points: Vec<String> = points
                        .iter()
                        .map(|(px, py)| format!("{px:.1},{py:.1}"))
                        .collect();
                    let _ = write!(
                        svg,
                        r#"<polyline class="{}" points="{}"/>"#,
                        class(s.group),
                        points.join(" ")
                    );
                }
            }
        }
    }
    svg.push_str("</svg>");
    Some(Chart {
        svg,
        summary,
        legend: legend(&h),
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::number::parse_number;

    fn measure(kind: MeasureKind) -> Measure {
        Measure {
            id: "m".into(),
            name: "Andel <test>".into(),
            kind,
            organs: vec![],
            unit: Some("%".into()),
            direction: Some(Direction::Higher),
            by_sex: true,
            aliases: vec![],
            definition: String::new(),
            results: vec![],
            source: None,
        }
    }

    fn figure(text: &str) -> Figure {
        Figure {
            raw: text.into(),
            value: parse_number(text).ok(),
        }
    }

    fn result(period: &str, group: Group, target: &str, outcome: &str) -> MeasureResult {
        MeasureResult {
            report: "r".into(),
            period: Period::parse(period).unwrap(),
            group,
            baseline: None,
            target: figure(target),
            outcome: figure(outcome),
            status: None,
            trend: None,
            comment: String::new(),
            source: None,
        }
    }

    #[test]
    fn draws_women_and_men_with_different_markers_and_the_target() {
        let m = measure(MeasureKind::Styrmatt);
        let rows = [
            result("2021", Group::Women, "90", "80"),
            result("2021", Group::Men, "90", "70"),
            result("2022-04", Group::Women, "90", "85"),
            result("2022-04", Group::Men, "90", "75,5"),
        ];
        let refs: Vec<&MeasureResult> = rows.iter().collect();
        let chart = history_chart(&m, &refs, "c").unwrap();
        assert!(chart.svg.contains(r#"<g class="series--women"><polyline"#));
        assert!(chart.svg.contains(r#"<g class="series--men"><polyline"#));
        assert_eq!(chart.svg.matches("<circle").count(), 2);
        assert_eq!(chart.svg.matches("<rect").count(), 2);
        assert!(chart.svg.contains("Mål 90 %"), "{}", chart.svg);
        assert!(chart.svg.contains(">apr 2022<"));
        // Content is escaped and the numbers are in the text alternative.
        assert!(chart.svg.contains("Andel &lt;test&gt;"));
        assert_eq!(
            chart.summary,
            "Utfall 2021: kvinnor 80 %, män 70 % (mål 90 %); april 2022: kvinnor 85 %, män 75,5 % (mål 90 %)."
        );
        let labels: Vec<&str> = chart.legend.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["Kvinnor", "Män", "Mål"]);
    }

    #[test]
    fn a_missing_value_breaks_the_line_instead_of_bridging_it() {
        let m = measure(MeasureKind::Styrmatt);
        let rows = [
            result("2020", Group::Total, "90", "80"),
            result("2021", Group::Total, "90", "uppgift saknas"),
            result("2022", Group::Total, "90", "85"),
        ];
        let refs: Vec<&MeasureResult> = rows.iter().collect();
        let chart = history_chart(&m, &refs, "c").unwrap();
        assert!(!chart.svg.contains("<polyline"));
        assert_eq!(chart.svg.matches("<path").count(), 2);
        assert!(chart.summary.contains("2021: inget utfall i siffror"));
    }

    #[test]
    fn no_chart_without_numbers_or_for_activities() {
        let rows = [result("2022-04", Group::Total, "Framtagen", "Pågår")];
        let refs: Vec<&MeasureResult> = rows.iter().collect();
        assert!(history_chart(&measure(MeasureKind::Styrmatt), &refs, "c").is_none());
        let rows = [result("2022-04", Group::Total, "100", "90")];
        let refs: Vec<&MeasureResult> = rows.iter().collect();
        assert!(history_chart(&measure(MeasureKind::Aktivitet), &refs, "c").is_none());
        assert!(sparkline(&measure(MeasureKind::Aktivitet), &refs).is_none());
    }

    #[test]
    fn one_period_gives_points_and_a_bar_against_the_target() {
        let mut m = measure(MeasureKind::Styrmatt);
        m.unit = Some("antal".into());
        let rows = [result("2022-04", Group::Total, "43000", "18 464")];
        let refs: Vec<&MeasureResult> = rows.iter().collect();
        let chart = history_chart(&m, &refs, "c").unwrap();
        assert!(!chart.svg.contains("<polyline"));
        assert_eq!(chart.svg.matches("<path").count(), 1);
        let spark = sparkline(&m, &refs).unwrap();
        assert!(spark.svg.contains(r#"<rect class="series--total""#));
        assert!(spark.svg.contains(r#"<line class="series--target""#));
        assert_eq!(
            spark.summary,
            "Utfall april 2022: 18\u{a0}464 (mål 43\u{a0}000)."
        );
        // Without a target a lone bar says nothing.
        let rows = [result("2022-04", Group::Total, "Öka", "18 464")];
        let refs: Vec<&MeasureResult> = rows.iter().collect();
        assert!(sparkline(&m, &refs).is_none());
    }

    #[test]
    fn a_sparkline_shows_an_outcome_of_only_one_period_as_a_marker() {
        let m = measure(MeasureKind::Styrmatt);
        // The earlier period has a target only, as a follow-up whose outcome was not reported.
        let rows = [
            result("2020", Group::Women, "40", "–"),
            result("2020", Group::Men, "40", "–"),
            result("2022-04", Group::Women, "70", "24"),
            result("2022-04", Group::Men, "70", "32"),
        ];
        let refs: Vec<&MeasureResult> = rows.iter().collect();
        let spark = sparkline(&m, &refs).unwrap();
        assert!(!spark.svg.contains("<polyline"), "{}", spark.svg);
        assert!(
            spark.svg.contains(r#"<g class="series--women"><circle"#),
            "{}",
            spark.svg
        );
        assert!(
            spark.svg.contains(r#"<g class="series--men"><rect"#),
            "{}",
            spark.svg
        );
        assert!(spark.note.starts_with("Bara en period har utfall"));
    }

    #[test]
    fn axis_scale_is_round() {
        assert_eq!(nice_scale(43000.0), (60000.0, 20000.0));
        assert_eq!(nice_scale(100.0), (100.0, 25.0));
        assert_eq!(nice_scale(93.0), (100.0, 25.0));
        assert_eq!(nice_scale(7.0), (8.0, 2.0));
    }
}
