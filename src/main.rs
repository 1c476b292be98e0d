//! The `insyn` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use insyn::build::{BuildOptions, build};
use insyn::import;

#[derive(Parser)]
#[command(
    name = "insyn",
    version,
    about = "Static site generator for public transparency: goals, measures, reports and minutes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    },
    /// Turn PDF-extracted text of a source document into content files
    #[command(subcommand)]
    Import(ImportCommand),
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
        /// The organ's id (its file name in content/organ/), e.g. rs
        #[arg(long)]
        organ: String,
        /// The content folder to write into
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// A goal follow-up appendix with TAB-separated tables (perspectives, goals, measures)
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Import(command) => run_import(command),
        Command::Dev(command) => insyn::dev::run(command),
        Command::Build {
            config,
            output,
            base_url,
        } => match build(&BuildOptions {
            config,
            output,
            base_url,
        }) {
            Ok(summary) => {
                println!(
                    "Built {} pages ({} files) into {} in {} ms",
                    summary.pages,
                    summary.files,
                    summary.output.display(),
                    summary.millis
                );
                ExitCode::SUCCESS
            }
            Err(errors) => {
                for e in &errors {
                    eprintln!("{e}");
                }
                eprintln!(
                    "Build failed with {} error{}; the previous output was left as it was.",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                );
                ExitCode::FAILURE
            }
        },
    }
}

fn run_import(command: ImportCommand) -> ExitCode {
    let result = match &command {
        ImportCommand::Minutes {
            source,
            organ,
            content,
        } => import::import_minutes(source, content, organ),
        ImportCommand::Followup {
            source,
            plan,
            report,
            content,
        } => import::import_followup(source, content, plan, report),
    };
    match result {
        Ok(outcome) => {
            println!("Wrote {} files", outcome.written.len());
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
