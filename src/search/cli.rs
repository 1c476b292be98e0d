//! `insyn search`: runs a query against `search-index/` and prints the results as a table or
//! as JSON.

use std::fmt::Write as _;
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
    let mut out = String::new();
    if json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&hits).expect("hits serialise")
        );
        return print_all(&out);
    }
    if hits.is_empty() {
        let _ = writeln!(out, "Inga träffar för \"{query}\".");
        return print_all(&out);
    }
    for h in &hits {
        let _ = writeln!(out, "{:>2}. {}", h.rank, h.title);
        let mut facts = vec![h.type_label.clone()];
        facts.extend(
            [h.date.clone(), h.organ.clone()]
                .into_iter()
                .filter(|s| !s.is_empty()),
        );
        let _ = writeln!(out, "    {}", facts.join(" · "));
        let _ = writeln!(out, "    {}", h.url);
        for section in &h.sections {
            let _ = writeln!(out, "      – {}", section.title);
            let _ = writeln!(out, "        {}", section.url);
        }
    }
    print_all(&out)
}

/// Writes the output; a reader that stops early (`| head`) is not an error.
fn print_all(out: &str) -> ExitCode {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the results: {e}");
            ExitCode::FAILURE
        }
    }
}
