//! `insyn search`: runs a query against `search-index/` and prints the results as a table or
//! as JSON.

use std::path::Path;
use std::process::ExitCode;

use super::documents::DocType;
use super::engine;

/// Runs the command; prints errors to stderr.
pub fn run(index: &Path, query: &str, kind: Option<&str>, json: bool, limit: usize) -> ExitCode {
    let kind = match kind.map(|k| (k, DocType::from_slug(k))) {
        None => None,
        Some((_, Some(t))) => Some(t),
        Some((k, None)) => {
            let known: Vec<&str> = DocType::ALL.iter().map(|t| t.slug()).collect();
            eprintln!(
                "error: unknown type `{k}`; use one of: {}",
                known.join(", ")
            );
            return ExitCode::FAILURE;
        }
    };
    let hits = match engine::search(index, query, kind, limit) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&hits).expect("hits serialise")
        );
        return ExitCode::SUCCESS;
    }
    if hits.is_empty() {
        println!("Inga träffar för \"{query}\".");
        return ExitCode::SUCCESS;
    }
    for h in &hits {
        println!("{:>2}. {}", h.rank, h.title);
        let mut facts = vec![h.type_label.clone()];
        facts.extend(
            [h.date.clone(), h.organ.clone()]
                .into_iter()
                .filter(|s| !s.is_empty()),
        );
        println!("    {}", facts.join(" · "));
        println!("    {}", h.url);
    }
    ExitCode::SUCCESS
}
