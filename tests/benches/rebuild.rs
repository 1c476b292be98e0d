//! What `insyn serve` does after every edit: the whole real content rendered into memory,
//! once from nothing and once as `serve` rebuilds (pages unchanged since the previous build
//! taken from it). `cargo bench --bench rebuild` prints the times; the target is well under a
//! second. Under `cargo test --all-targets` it runs once, as a smoke test.

use std::path::Path;
use std::time::{Duration, Instant};

use insyn::incremental::Incremental;

fn main() {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("insyn.toml");
    let bench = std::env::args().any(|a| a == "--bench");
    let runs = if bench { 20 } else { 1 };
    let mut cache = Incremental::default();
    for cached in [false, true] {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                let base = Some("http://127.0.0.1:1111/");
                let rendered = if cached {
                    cache.rebuild(&config, base)
                } else {
                    insyn::build::build_in_memory(&config, base)
                }
                .unwrap_or_else(|errors| panic!("the real content fails to build: {errors:?}"));
                assert!(!rendered.files.is_empty());
                started.elapsed()
            })
            .collect();
        if !cached {
            // Fill the cache, as serve's first build does.
            cache
                .rebuild(&config, Some("http://127.0.0.1:1111/"))
                .expect("builds");
        }
        times.sort();
        println!(
            "rebuild of the real content in memory{}: median {} ms, fastest {} ms, slowest {} ms ({runs} runs)",
            if cached {
                ", unchanged files and pages from the previous build"
            } else {
                " from nothing"
            },
            times[runs / 2].as_millis(),
            times[0].as_millis(),
            times[runs - 1].as_millis()
        );
    }
    if !bench {
        // The smoke run's verdict, in the plain form test-output readers understand.
        println!("1 passed, 0 failed");
    }
}
