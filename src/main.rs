//! The `insyn` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use insyn::build::{BuildOptions, build_with_progress};
use insyn::config::Config;
use insyn::import;
use insyn::progress::Progress;
use insyn::serve::{ServeOptions, serve};

/// A large build allocates and frees millions of small strings from two threads; mimalloc
/// does that with less time in the allocator and returns memory to the system sooner.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "insyn",
    version,
    about = "Static site generator for public transparency: goals, measures, reports and minutes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors (for scripts)
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into the output folder (public/ by default)
    Build {
        /// The site config; the site root is its folder
        #[arg(long, default_value = "insyn.toml")]
        config: PathBuf,
        /// Write the site here instead of the config's output_dir
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url, e.g. https://example.org/insyn/ to serve under a sub-path
        #[arg(long)]
        base_url: Option<String>,
        /// Leave out the search index and search files: the benchmark's baseline for what
        /// search adds to a build
        #[arg(long, hide = true)]
        no_search: bool,
    },
    /// Serve the site on 127.0.0.1, rebuilding and reloading the browser on every change
    Serve {
        /// The site config; the site root is its folder
        #[arg(long, default_value = "insyn.toml")]
        config: PathBuf,
        /// The port to listen on; 0 picks a free one
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Check the content and every internal link and anchor, writing nothing
    Check {
        /// The site config; the site root is its folder
        #[arg(long, default_value = "insyn.toml")]
        config: PathBuf,
        /// Also request every external http(s) link
        #[arg(long)]
        external: bool,
    },
    /// Write a new site skeleton (config, example content, default theme) into DIR
    Init {
        /// A new or empty folder
        dir: PathBuf,
    },
    /// Turn PDF-extracted text of a source document, or a goal system's spreadsheet, into
    /// content files
    #[command(subcommand)]
    Import(ImportCommand),
    /// Search the index that `insyn build` wrote (search-index/ beside the output)
    Search {
        /// What to look for; put a phrase in double quotes
        query: String,
        /// Only results of this type: mal, matt, plan, rapport, paragraf, sammantrade, person, sida
        #[arg(long = "type")]
        kind: Option<String>,
        /// Print the results as JSON
        #[arg(long)]
        json: bool,
        /// At most this many results
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// The index folder
        #[arg(long, default_value = "search-index")]
        index: PathBuf,
    },
    /// Developer tools: synthetic archives and the benchmark
    #[command(subcommand, hide = true)]
    Dev(insyn::dev::DevCommand),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Minutes (protokoll) of a political body: one meeting, one file per §
    Minutes {
        /// The PDF-extracted text of the protocol
        source: PathBuf,
        /// The organ's id (its file name in content/organ/, written when new), e.g. rs
        #[arg(long)]
        organ: String,
        /// The meeting date (YYYY-MM-DD), when the document does not give it
        #[arg(long)]
        date: Option<String>,
        /// The layout profile [default: <content>/_import/minutes-profile.toml]
        #[arg(long)]
        profile: Option<PathBuf>,
        /// Print the import report and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Write even when a warning says the content would be wrong
        #[arg(long)]
        force: bool,
        /// The content folder to write into
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// A goal follow-up appendix (perspectives, goals, measures): TAB-separated tables, or
    /// flattened tables with comments per measure; measures merge with existing ones
    Followup {
        /// The PDF-extracted text of the appendix
        source: PathBuf,
        /// The plan's id (folder in content/planer/), e.g. 2020 or 2020-2022
        #[arg(long)]
        plan: String,
        /// The report's id (file name in content/rapporter/), e.g. arsredovisning-2020
        #[arg(long)]
        report: String,
        /// The content folder to write into
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// A goal system's spreadsheet export (XLSX or CSV, one row per measure, period and
    /// group), read through a column mapping; merges with existing plans, goals and measures
    Spreadsheet {
        /// The export: an .xlsx workbook or a .csv file
        source: PathBuf,
        /// The plan's id (folder in content/planer/), e.g. 2024-2027
        #[arg(long)]
        plan: String,
        /// The report's id (file name in content/rapporter/); for a sheet with several
        /// periods a pattern such as arsredovisning-{period}
        #[arg(long)]
        report: String,
        /// The column mapping [default: <content>/_import/spreadsheet-profile.toml]
        #[arg(long)]
        map: Option<PathBuf>,
        /// Print what the sheet holds and write nothing
        #[arg(long)]
        dry_run: bool,
        /// The content folder to write into
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// A general report or plan document; corrections come from content/_import/<stem>.toml
    Report {
        /// The PDF-extracted text of the report
        source: PathBuf,
        /// The report's id (file name in content/rapporter/), e.g. strategisk-plan-2023-2025
        #[arg(long)]
        id: String,
        /// The content folder to write into (and to read _import/ overrides from)
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    match cli.command {
        Command::Import(command) => run_import(command, quiet),
        Command::Search {
            query,
            kind,
            json,
            limit,
            index,
        } => insyn::search::cli::run(&index, &query, kind.as_deref(), json, limit),
        Command::Dev(command) => insyn::dev::run(command),
        Command::Build {
            config,
            output,
            base_url,
            no_search,
        } => run_build(
            &BuildOptions {
                config,
                output,
                base_url,
                search: !no_search,
            },
            quiet,
        ),
        Command::Serve { config, port } => match serve(&ServeOptions {
            config,
            port,
            quiet,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::Check { config, external } => run_check(&config, external, quiet),
        Command::Init { dir } => match insyn::init::init(&dir) {
            Ok(written) => {
                if !quiet {
                    println!(
                        "Wrote a new site ({} files) into {}; build it with\n  cd {} && insyn build",
                        written.len(),
                        dir.display(),
                        dir.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`; the crate exports no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build is short-lived: memory it frees is kept for its own next allocations instead of
/// being returned to the system after 10 ms and faulted in (and zeroed) again. On 100 000
/// pages that is about a tenth of the build time; `serve` keeps the default.
fn keep_freed_memory() {
    // SAFETY: options may be set at any time; -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

fn run_build(options: &BuildOptions, quiet: bool) -> ExitCode {
    keep_freed_memory();
    let progress = Progress::start(quiet);
    let result = build_with_progress(options, &|stage| progress.stage(stage));
    progress.finish();
    match result {
        Ok(summary) => {
            if !quiet {
                println!(
                    "Built {} pages ({} files) into {} in {} ms (search index {} ms)",
                    summary.pages,
                    summary.files,
                    summary.output.display(),
                    summary.millis,
                    summary.search_millis
                );
                warn_about_config(&options.config);
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let errors = &failure.diagnostics;
            for e in errors {
                eprintln!("{e}");
            }
            eprintln!(
                "Build failed with {} error{}; {}.",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                if failure.output_kept {
                    "the previous output was left as it was"
                } else {
                    "the output is not as it was: the errors above say where the previous one is"
                }
            );
            ExitCode::FAILURE
        }
    }
}

/// Says once what the config lacks for something a site would want (the build went without).
fn warn_about_config(path: &Path) {
    if let Some(warning) = Config::load(path)
        .ok()
        .and_then(|config| config.catalog_warning())
    {
        eprintln!("{}: warning: {warning}", path.display());
    }
}

fn run_check(config: &Path, external: bool, quiet: bool) -> ExitCode {
    match insyn::check::check(config, external) {
        Ok(summary) => {
            for w in &summary.diary_numbers {
                eprintln!("{}:{}: warning: {}", w.file, w.line, w.message);
            }
            if !quiet {
                for r in &summary.unresolved {
                    println!(
                        "{}:{}: note: {} reference `{}` is not on the site; it stays plain text",
                        r.file,
                        r.line,
                        r.kind.label(),
                        r.text
                    );
                }
                print!(
                    "No problems: {} pages, {} internal links and anchors checked",
                    summary.pages, summary.links
                );
                if external {
                    print!(", {} external URLs requested", summary.external);
                }
                println!(
                    "; {} cross-reference{} not on the site",
                    summary.unresolved.len(),
                    if summary.unresolved.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                );
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "Check found {} problem{}.",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}

fn run_import(command: ImportCommand, quiet: bool) -> ExitCode {
    let result = match &command {
        ImportCommand::Minutes {
            source,
            organ,
            date,
            profile,
            dry_run,
            force,
            content,
        } => import::import_minutes(import::MinutesRequest {
            source,
            content_dir: content,
            organ_id: organ,
            date: date.as_deref(),
            profile: profile.as_deref(),
            dry_run: *dry_run,
            force: *force,
        }),
        ImportCommand::Followup {
            source,
            plan,
            report,
            content,
        } => import::import_followup(source, content, plan, report),
        ImportCommand::Spreadsheet {
            source,
            plan,
            report,
            map,
            dry_run,
            content,
        } => import::import_spreadsheet(import::SpreadsheetRequest {
            source,
            content_dir: content,
            plan_id: plan,
            report,
            map: map.as_deref(),
            dry_run: *dry_run,
        }),
        ImportCommand::Report {
            source,
            id,
            content,
        } => import::import_report(source, content, id),
    };
    match result {
        Ok(outcome) => {
            for w in &outcome.warnings {
                eprintln!("warning: {w}");
            }
            if !quiet {
                print!("{}", outcome.summary);
                if outcome.dry_run {
                    println!(
                        "Dry run: would write {} files; nothing was written.",
                        outcome.written.len()
                    );
                } else {
                    println!("Wrote {} files", outcome.written.len());
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            eprintln!(
                "Import failed with {} problem(s); nothing was written.",
                errors.len()
            );
            ExitCode::FAILURE
        }
    }
}
