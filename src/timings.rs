//! Phase timings for profiling: with `INSYN_TIMINGS=1` in the environment, each build phase
//! prints its wall time to stderr (see README, "Performance"). Costs nothing when off.

use std::time::Instant;

/// Measures the time between marks.
pub struct Timings {
    on: bool,
    last: Instant,
}

impl Timings {
    pub fn from_env() -> Self {
        Timings {
            on: std::env::var_os("INSYN_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"),
            last: Instant::now(),
        }
    }

    /// Ends the phase `name`: prints the time since the previous mark.
    pub fn mark(&mut self, name: &str) {
        if self.on {
            eprintln!(
                "timing {name:<12} {:>8.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}
