//! Importers that turn PDF-extracted text into content files. Each importer parses one style of
//! source document into plain data and writes it below `content/`; `clean` is the shared
//! text-cleaning step; `spreadsheet` reads goal systems' XLSX and CSV exports. This module
//! holds what the `insyn import` subcommands share.

pub mod clean;
pub mod flat;
pub mod followup;
pub mod goals;
pub mod legend;
pub mod measures;
pub mod minutes;
pub mod overrides;
pub mod profile;
pub mod report;
pub mod spreadsheet;
pub mod writer;

use std::path::{Path, PathBuf};

use profile::Key;
pub use spreadsheet::{Request as SpreadsheetRequest, import_spreadsheet};

/// What an import wrote (or, in a dry run, would write), for the command's summary.
#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub written: Vec<PathBuf>,
    /// What the import found, to print; empty for importers that print nothing.
    pub summary: String,
    /// Implausible things that did not stop the import.
    pub warnings: Vec<String>,
    /// Whether nothing was written.
    pub dry_run: bool,
}

/// A file of `content/_import/`, where the importers' corrections and layout profiles live
/// (the loader skips the folder).
pub fn import_file(content_dir: &Path, name: &str) -> PathBuf {
    content_dir.join(crate::routes::content::IMPORT).join(name)
}

/// The corrections file of a source document: `content/_import/<source stem>.toml`.
pub fn overrides_file(content_dir: &Path, source_stem: &str) -> PathBuf {
    import_file(content_dir, &format!("{source_stem}.toml"))
}

/// Reads a source document as text; the path as given is what every source reference in the
/// written content names (its file name, e.g. `004_8b838460e9bf283a.txt`).
pub fn read_source(path: &Path) -> Result<(String, String), Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![format!(
            "{}: cannot read the source text: {e}",
            path.display()
        )]
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((text, name))
}

/// What `insyn import minutes` is asked to do.
#[derive(Debug, Clone, Copy)]
pub struct MinutesRequest<'a> {
    pub source: &'a Path,
    pub content_dir: &'a Path,
    /// The organ's id: its file in `content/organ/` (written when new).
    pub organ_id: &'a str,
    /// The meeting date, when the document does not give it.
    pub date: Option<&'a str>,
    /// The layout profile [default: `<content>/_import/minutes-profile.toml`].
    pub profile: Option<&'a Path>,
    /// Print the report and write nothing.
    pub dry_run: bool,
    /// Write even when a warning says the content would be wrong.
    pub force: bool,
}

/// Imports a protocol (minutes) into `content_dir`, with its import report as the summary.
/// When a warning means the content would be wrong, nothing is written unless forced.
pub fn import_minutes(request: MinutesRequest) -> Result<ImportOutcome, Vec<String>> {
    let MinutesRequest {
        source,
        content_dir,
        organ_id,
        ..
    } = request;
    if !crate::slug::is_valid_id(organ_id) {
        return Err(vec![format!(
            "`{organ_id}` cannot be an organ id: use lower-case ASCII letters, digits and `-`"
        )]);
    }
    if let Some(date) = request.date
        && !minutes::is_date(date)
    {
        return Err(vec![format!("--date {date}: write the date as YYYY-MM-DD")]);
    }
    let (text, name) = read_source(source)?;
    let profile = minutes::Profile::load_from(content_dir, request.profile)?;
    let organ = writer::existing_organs(content_dir)
        .map_err(|e| vec![format!("{}: {e}", content_dir.display())])?
        .into_iter()
        .find(|(id, _)| id == organ_id)
        .map(|(_, organ)| organ);
    let meta = minutes::Meta {
        organ_names: organ.iter().map(|o| o.name.get_ref().clone()).collect(),
        organ_abbreviation: organ.as_ref().map(|o| o.abbreviation.clone()),
        date: request.date.map(str::to_string),
    };
    let meeting = minutes::parse_minutes_with(&text, &name, &profile, &meta)?;
    let corrections = overrides::load(content_dir, &name)?;
    let summary = minutes::report(&meeting, organ_id);
    let wrong: Vec<String> = meeting
        .warnings
        .iter()
        .filter(|w| w.wrong)
        .map(|w| w.text.clone())
        .collect();
    let warnings: Vec<String> = meeting.warnings.iter().map(|w| w.text.clone()).collect();
    if request.dry_run {
        let planned = minutes::planned_files(&meeting, content_dir, organ_id)
            .map_err(|e| vec![format!("{}: {e}", content_dir.display())])?;
        return Ok(ImportOutcome {
            written: planned.into_iter().map(|(path, _)| path).collect(),
            summary,
            warnings,
            dry_run: true,
        });
    }
    if !wrong.is_empty() && !request.force {
        let mut errors = wrong;
        errors.push(format!(
            "{name}: the content would be wrong where these warnings say; correct the source or \
             the layout profile, or import anyway with --force (--dry-run prints the whole report)"
        ));
        return Err(errors);
    }
    let written = minutes::write_minutes(&meeting, content_dir, organ_id)
        .map_err(|e| vec![format!("{}: cannot write: {e}", content_dir.display())])?;
    overrides::apply(content_dir, &corrections)?;
    Ok(ImportOutcome {
        written,
        summary,
        warnings,
        dry_run: false,
    })
}

/// Imports a goal follow-up appendix into `content_dir`. The layout decides the importer:
/// TAB-separated measure tables (002 style) or tables flattened to lines with comments per
/// measure (000 style, see [`import_flat_followup`]).
pub fn import_followup(
    source: &Path,
    content_dir: &Path,
    plan_id: &str,
    report_id: &str,
) -> Result<ImportOutcome, Vec<String>> {
    let (text, name) = read_source(source)?;
    let layout = profile::Profile::require(
        content_dir,
        "the follow-up importer",
        &[Key::MeasureTableHeading],
    )
    .map_err(|e| vec![e])?;
    if !has_tab_tables(&text, layout.word(Key::MeasureTableHeading)) {
        return import_flat_followup(&text, &name, content_dir, plan_id, report_id);
    }
    let profile = profile::Profile::require(
        content_dir,
        "the follow-up importer (TAB-separated tables)",
        &[
            Key::PerspectiveIntro,
            Key::GoalOverview,
            Key::FactorHeading,
            Key::MeasureTableHeading,
            Key::MeasureColumns,
            Key::Statuses,
            Key::ActivityStatuses,
            Key::Trends,
        ],
    )
    .map_err(|e| vec![e])?;
    let followup = followup::parse_followup(&text, &name, &profile)?;
    let (written, left_out) = followup::write_followup(&followup, content_dir, plan_id, report_id)
        .map_err(|e| vec![format!("{}: cannot write: {e}", content_dir.display())])?;
    let mut warnings = followup.warnings.clone();
    warnings.extend(left_out);
    Ok(ImportOutcome {
        written,
        warnings,
        ..ImportOutcome::default()
    })
}

/// Whether the measure tables, whose headers start with `heading`, are TAB separated
/// (`Styrmått⇥Styrelse/nämnd⇥…`).
fn has_tab_tables(text: &str, heading: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start().starts_with(heading) && l.contains('\t'))
}

/// Imports a follow-up with flattened tables (000 style), applying the manual corrections in
/// `content_dir/_import/<source>.toml`, and merges its measures with those that exist.
pub fn import_flat_followup(
    text: &str,
    name: &str,
    content_dir: &Path,
    plan_id: &str,
    report_id: &str,
) -> Result<ImportOutcome, Vec<String>> {
    let importer = "the flattened follow-up importer";
    let profile = profile::Profile::require(
        content_dir,
        importer,
        &[
            Key::PerspectiveIntro,
            Key::AssessmentOpenings,
            Key::GoalOverview,
            Key::FactorHeading,
            Key::MeasureTableHeading,
        ],
    )
    .and_then(|p| p.with_site(content_dir, plan_id))
    .map_err(|e| vec![e])?;
    if profile.perspectives.is_empty() || profile.organs.is_empty() {
        return Err(vec![format!(
            "{importer} finds perspectives by their names and table rows by organs' abbreviations: name the perspectives in content/planer/{plan_id}/_index.md ([[perspectives]]) and add the organs to content/organ/ (or list them as `perspectives` and `organs` in {})",
            profile::Profile::path(content_dir).display()
        )]);
    }
    let overrides = flat::Overrides::load(content_dir, name).map_err(|e| vec![e])?;
    let parsed = flat::parse_flat(text, name, &overrides, &profile)?;
    let written = flat::write_flat(&parsed, content_dir, plan_id, report_id)
        .map_err(|e| vec![format!("{}: cannot write: {e}", content_dir.display())])?;
    Ok(ImportOutcome {
        written,
        ..ImportOutcome::default()
    })
}

/// Imports a general report (a plan document or a monthly report) as `report_id` into
/// `content_dir`, applying the overrides in `content_dir/_import/<source stem>.toml`; a plan
/// document also writes the plan named there.
pub fn import_report(
    source: &Path,
    content_dir: &Path,
    report_id: &str,
) -> Result<ImportOutcome, Vec<String>> {
    if !crate::slug::is_valid_id(report_id) {
        return Err(vec![format!(
            "`{report_id}` cannot be a report id: use lower-case ASCII letters, digits and `-`"
        )]);
    }
    let (text, name) = read_source(source)?;
    let profile = profile::Profile::or_warn(
        content_dir,
        "without the document id and version, and with its document box left in the text",
    )
    .map_err(|e| vec![e])?;
    let overrides = report::read_overrides(content_dir, &name)?;
    let imported = report::parse_report(&text, &name, &overrides, &profile)?;
    let written = report::write_report(&imported, content_dir, report_id)
        .map_err(|e| vec![format!("{}: cannot write: {e}", content_dir.display())])?;
    Ok(ImportOutcome {
        written,
        ..ImportOutcome::default()
    })
}
