//! Developer tools behind the hidden `insyn dev` command: a deterministic synthetic-archive
//! generator (`generate`, with its text pool `corpus`, model `archive` and the Hugo writer
//! `hugo`) and the scale benchmark against Hugo (`bench`).

pub mod archive;
pub mod bench;
pub mod corpus;
pub mod generate;
pub mod hugo;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

/// `insyn dev …`
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Write a synthetic archive (an Insyn site, or with --hugo the comparable Hugo site)
    Generate {
        /// About how many pages the built site should have
        #[arg(long, default_value_t = 1000)]
        pages: usize,
        /// The same seed gives byte-identical files
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write (replaced if an earlier `dev generate` made it)
        #[arg(long)]
        out: PathBuf,
        /// Write the plain-Markdown Hugo corpus instead of an Insyn site
        #[arg(long)]
        hugo: bool,
        /// The content folder whose texts are sampled
        #[arg(long, default_value = "content")]
        corpus: PathBuf,
        /// The theme copied into the site
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
    },
    /// Build synthetic archives and the real content and print a table (use --release)
    Bench {
        /// Sizes in pages, comma-separated
        #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
        sizes: Vec<usize>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where the generated sites and builds go
        #[arg(long, default_value = "target/bench")]
        work: PathBuf,
        /// The Hugo executable
        #[arg(long, default_value = "hugo")]
        hugo: String,
        #[arg(long, default_value = "content")]
        corpus: PathBuf,
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
        /// The real site's config (its folder is copied and built)
        #[arg(long, default_value = "insyn.toml")]
        config: PathBuf,
        /// The folder below the output with the static search files
        #[arg(long, default_value = "sok/data")]
        search_dir: String,
    },
}

/// Runs a `dev` command.
pub fn run(command: DevCommand) -> ExitCode {
    let result = match command {
        DevCommand::Generate {
            pages,
            seed,
            out,
            hugo,
            corpus,
            theme,
        } => generate::generate(&generate::GenerateOptions {
            pages,
            seed,
            out: out.clone(),
            corpus,
            theme,
            hugo,
        })
        .map(|g| {
            println!(
                "Wrote {} files into {}; an Insyn build makes {} pages",
                g.files,
                out.display(),
                g.pages
            );
        }),
        DevCommand::Bench {
            sizes,
            seed,
            work,
            hugo,
            corpus,
            theme,
            config,
            search_dir,
        } => bench::bench(&bench::BenchOptions {
            sizes,
            seed,
            work,
            hugo,
            corpus,
            theme,
            config,
            search_dir,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
