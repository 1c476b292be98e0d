//! Importer for goal systems' spreadsheet exports (XLSX or CSV): one row per measure, period
//! and group (totalt, kvinnor, män), with the perspective, goal, success factor and measure
//! named on each row.
//!
//! A column mapping ([`mapping`]) says which column holds which field; statuses and trends are
//! read with the import profile's legends, so colours, `Ja`/`Nej` or `Uppfyllt` mean what the
//! organisation says. [`read`] turns a sheet into rows of cells, [`rows`] interprets them
//! (every unreadable cell is an error naming sheet, row, column and fix), and [`write`] writes
//! the plan, goals, factors, measures and reports with the same merge rules as the text
//! importers. Each period's results go to a report: `--report` names it, or holds `{period}`
//! when the sheet has several periods (`arsredovisning-{period}`).

mod fills;
mod mapping;
mod read;
mod rows;
#[cfg(test)]
mod tests;
mod write;

use mapping::Mapping;
use read::{Sheet, read_sheet};
use rows::{Imported, interpret};

use std::path::Path;

use super::ImportOutcome;
use super::profile::Profile;
use super::writer::{existing_organs, plan_years, read_front, report_path};
use crate::content::RawReport;
use crate::model::{Group, Period};
use crate::slug::is_valid_id;

/// What `insyn import spreadsheet` is asked to do.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub source: &'a Path,
    pub content_dir: &'a Path,
    pub plan_id: &'a str,
    /// A report id, or a pattern with `{period}`.
    pub report: &'a str,
    /// The mapping file; `content/_import/spreadsheet-profile.toml` when `None`.
    pub map: Option<&'a Path>,
    /// Print what was found and write nothing.
    pub dry_run: bool,
}

/// Imports a goal system's spreadsheet into `content_dir`. Nothing is written when any row
/// has a problem; all problems are returned together.
pub fn import_spreadsheet(request: Request) -> Result<ImportOutcome, Vec<String>> {
    let years = plan_years(request.plan_id).ok_or_else(|| {
        vec![format!(
            "`{}` cannot be a plan id: write its years, YYYY or YYYY-YYYY (e.g. 2024-2027)",
            request.plan_id
        )]
    })?;
    let mapping = Mapping::load(request.content_dir, request.map).map_err(|e| vec![e])?;
    let profile = Profile::read(request.content_dir)
        .map_err(|e| vec![e])?
        .unwrap_or_default();
    let sheet = read_sheet(request.source, mapping.sheet.as_deref(), mapping.header_row)
        .map_err(|e| vec![e])?;
    let columns = mapping.columns(&sheet)?;
    let organs = existing_organs(request.content_dir)
        .map_err(|e| vec![format!("{}: {e}", request.content_dir.display())])?;
    let mut imported = interpret(&sheet, &columns, &mapping, &profile, &organs)?;
    let reports = report_ids(&imported, &request)?;
    for p in &imported.periods {
        if !(years.0..=years.1).contains(&p.year) {
            imported.warnings.push(format!(
                "{}: results for {} lie outside the plan {}; the plan's pages show only its own years",
                sheet.source(),
                p.key(),
                request.plan_id
            ));
        }
    }
    let target = write::Target {
        content_dir: request.content_dir,
        plan_id: request.plan_id,
        years,
        reports: &reports,
    };
    let files = write::files(&imported, &sheet, &target)
        .map_err(|e| vec![format!("{}: {e}", request.content_dir.display())])?;
    let summary = summary(&imported, &sheet, &reports);
    let written = if request.dry_run {
        files.paths()
    } else {
        files.write().map_err(|e| {
            vec![format!(
                "{}: cannot write: {e}",
                request.content_dir.display()
            )]
        })?
    };
    Ok(ImportOutcome {
        written,
        summary,
        warnings: imported.warnings,
        dry_run: request.dry_run,
    })
}

/// The report of each period: `--report` itself for a sheet of one period, else the pattern
/// with `{period}` replaced. An existing report must be of that period.
fn report_ids(
    imported: &Imported,
    request: &Request,
) -> Result<Vec<(Period, String)>, Vec<String>> {
    let pattern = request.report;
    if !pattern.contains("{period}") && imported.periods.len() > 1 {
        let periods: Vec<String> = imported.periods.iter().map(Period::key).collect();
        return Err(vec![format!(
            "the sheet has results for {} periods ({}), but --report names one report; write a pattern such as --report {pattern}-{{period}}, which gives one report per period",
            periods.len(),
            periods.join(", ")
        )]);
    }
    let mut errors = Vec::new();
    let mut reports = Vec::new();
    for &period in &imported.periods {
        let id = pattern.replace("{period}", &period.key());
        if !is_valid_id(&id) {
            errors.push(format!(
                "`{id}` cannot be a report id: use lower-case ASCII letters, digits and `-` in --report"
            ));
            continue;
        }
        let path = report_path(request.content_dir, &id);
        if path.exists() {
            match read_front::<RawReport>(&path) {
                Ok((report, _)) if Period::parse(report.period.get_ref()) != Some(period) => {
                    errors.push(format!(
                        "{}: the report is for period {}, but the sheet's results are for {}; give --report another id (or a pattern with {{period}})",
                        path.display(),
                        report.period.get_ref(),
                        period.key()
                    ));
                }
                Ok(_) => {}
                Err(e) => errors.push(e.to_string()),
            }
        }
        reports.push((period, id));
    }
    if errors.is_empty() {
        Ok(reports)
    } else {
        Err(errors)
    }
}

/// What the sheet holds, as the import prints it.
fn summary(imported: &Imported, sheet: &Sheet, reports: &[(Period, String)]) -> String {
    let measures: Vec<_> = imported.measures().collect();
    let by_sex = measures
        .iter()
        .filter(|m| m.results.iter().any(|r| r.group != Group::Total))
        .count();
    let results: usize = measures.iter().map(|m| m.results.len()).sum();
    let names: Vec<&str> = imported
        .perspectives
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let periods: Vec<String> = reports
        .iter()
        .map(|(p, id)| format!("{} → {id}", p.key()))
        .collect();
    let place = match &sheet.sheet {
        Some(s) => format!("{}, sheet \"{s}\"", sheet.file),
        None => sheet.file.clone(),
    };
    let mut out = format!("Read {place}: {} rows\n", sheet.rows.len());
    out.push_str(&format!(
        "  perspectives: {} ({})\n",
        names.len(),
        names.join(", ")
    ));
    out.push_str(&format!("  goals: {}\n", imported.goals.len()));
    out.push_str(&format!(
        "  success factors: {}\n",
        imported.factors().count()
    ));
    out.push_str(&format!(
        "  measures: {} ({by_sex} split by sex)\n",
        measures.len()
    ));
    out.push_str(&format!("  result rows: {results}\n"));
    out.push_str(&format!("  periods: {}\n", periods.join(", ")));
    out.push_str(&format!("  warnings: {}\n", imported.warnings.len()));
    out
}
