//! The `insyn` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use insyn::build::{BuildOptions, build};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
