//! Developer tools behind the hidden `insyn dev` command: a deterministic synthetic-archive
//! generator (`generate`, with its text pool `corpus`, model `archive` and the Hugo writer
//! `hugo`) and the scale benchmark against Hugo (`bench`).

pub mod archive;
pub mod bench;
pub mod corpus;
pub mod generate;
pub mod hugo;

use std::process::ExitCode;

use clap::Subcommand;

/// `insyn dev …`
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Write a synthetic archive (an Insyn site, or with --hugo the comparable Hugo site)
    Generate(generate::GenerateOptions),
    /// Build synthetic archives and the real content and print a table (use --release)
    Bench(bench::BenchOptions),
}

/// Runs a `dev` command.
pub fn run(command: DevCommand) -> ExitCode {
    let result = match command {
        DevCommand::Generate(options) => generate::generate(&options).map(|g| {
            println!(
                "Wrote {} files into {}; an Insyn build makes {} pages",
                g.files,
                options.out.display(),
                g.pages
            );
        }),
        DevCommand::Bench(options) => bench::bench(&options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
