//! Phase timings for profiling: with `INSYN_TIMINGS=1` in the environment, each build phase
//! prints its wall time to stderr, and the CPU time (user, system) the whole process used
//! meanwhile (a phase whose CPU time is below twice its wall time on two cores leaves a core
//! idle), and the resident memory at its end (see README, "Performance"). Costs nothing when
//! off.

use std::time::{Duration, Instant};

/// Measures the time between marks.
pub struct Timings {
    on: bool,
    last: Instant,
    cpu: (Duration, Duration),
}

impl Timings {
    pub fn from_env() -> Self {
        let on = std::env::var_os("INSYN_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
        Timings {
            on,
            last: Instant::now(),
            cpu: if on {
                process_cpu()
            } else {
                Default::default()
            },
        }
    }

    /// Ends the phase `name`: prints the time since the previous mark.
    pub fn mark(&mut self, name: &str) {
        if self.on {
            let (user, system) = process_cpu();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            eprintln!(
                "timing {name:<12} {:>8.1} ms   process cpu {:>7.1} user {:>7.1} sys   rss {:>6} MB",
                ms(self.last.elapsed()),
                ms(user.saturating_sub(self.cpu.0)),
                ms(system.saturating_sub(self.cpu.1)),
                resident_mb(),
            );
            self.cpu = (user, system);
        }
        self.last = Instant::now();
    }
}

/// Resident memory of the process now, in MB (Linux; 0 elsewhere).
fn resident_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(0) as u64;
    pages * page / 1_000_000
}

/// User and system CPU time of the process so far.
fn process_cpu() -> (Duration, Duration) {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    cpu_times(&usage)
}

/// User and system CPU time of a resource usage report (`getrusage`, `wait4`).
pub fn cpu_times(usage: &libc::rusage) -> (Duration, Duration) {
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (time(usage.ru_utime), time(usage.ru_stime))
}
