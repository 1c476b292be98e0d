//! `insyn dev bench`: generates synthetic archives of the given sizes, builds each from scratch
//! with this binary in a child process and the comparable corpus with Hugo (in rounds over all
//! sizes), and prints a table of wall time, pages per second, time against the previous size,
//! peak memory (from `wait4`), output and search file sizes; then times the real content: a
//! build from scratch and a rebuild after a one-file edit.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::generate::copy_dir;

/// What to measure (also the arguments of `insyn dev bench`).
#[derive(Debug, Clone, clap::Args)]
pub struct BenchOptions {
    /// Sizes in pages, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    pub sizes: Vec<usize>,
    /// The generator's seed
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where the generated sites and builds go
    #[arg(long, default_value = "target/bench")]
    pub work: PathBuf,
    /// The Hugo executable
    #[arg(long, default_value = "hugo")]
    pub hugo: String,
    /// The content folder whose texts are sampled
    #[arg(long, default_value = "content")]
    pub corpus: PathBuf,
    /// The theme folder copied into the sites
    #[arg(long, default_value = "themes/default")]
    pub theme: PathBuf,
    /// The real site's config (its folder is copied and built)
    #[arg(long, default_value = "insyn.toml")]
    pub config: PathBuf,
    /// The folder below the output with the static search files
    #[arg(long, default_value = "sok/data")]
    pub search_dir: String,
    /// How often each build runs; the tables show the run with the median wall time (this
    /// machine's file system makes single runs vary a lot)
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
}

/// Runs the browser's search client in Node.js on the built site and reports, per query, the
/// bytes a fresh page load downloads (search page, CSS, scripts and the search files fetched).
const SEARCH_BYTES_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/js/search_bytes.js");

/// Queries for the cold-query column: words that occur in the sampled texts.
const QUERIES: [&str; 5] = [
    "kompetensförsörjning",
    "patientsäkerhet",
    "ekonomi i balans",
    "jämställdhet",
    "vårdplatser",
];

/// Folders moved out of the way instead of deleted while measuring: on this machine's ext4
/// (no journal) creating files right after deleting many is several times slower
/// (`recently_deleted` in inode allocation, seen with `perf`), which would charge our deletions
/// to the next build. The trash is emptied once all measurements are done.
struct Trash {
    dir: PathBuf,
    count: usize,
}

impl Trash {
    fn new(work: &Path) -> Result<Self, String> {
        let dir = work.join(".trash");
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Trash { dir, count: 0 })
    }

    /// Moves `path` into the trash if it exists.
    fn discard(&mut self, path: &Path) -> Result<(), String> {
        if !path.exists() {
            return Ok(());
        }
        self.count += 1;
        let target = self
            .dir
            .join(format!("{}-{}", std::process::id(), self.count));
        fs::rename(path, &target).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn empty(self) -> Result<(), String> {
        remove(&self.dir)
    }
}

/// A generated archive of one size, its Hugo twin, and the runs measured on them.
struct Sized {
    size: usize,
    site: PathBuf,
    public: PathBuf,
    hugo_site: PathBuf,
    hugo_public: PathBuf,
    bare: Vec<Run>,
    ours: Vec<Run>,
    hugo: Vec<Run>,
}

impl Sized {
    fn new(size: usize, site: PathBuf, hugo_site: PathBuf) -> Self {
        Sized {
            size,
            public: site.join("public"),
            hugo_public: hugo_site.join("public"),
            site,
            hugo_site,
            bare: Vec::new(),
            ours: Vec::new(),
            hugo: Vec::new(),
        }
    }
}

/// The figures of one measured child process.
struct Run {
    wall: Duration,
    /// User and system CPU time.
    cpu: Duration,
    /// Peak resident set size in bytes.
    peak_rss: u64,
    stdout: String,
    stderr: String,
    ok: bool,
}

/// Runs `insyn dev generate` in a child process; returns its report line.
fn run_generate(
    exe: &Path,
    size: usize,
    options: &BenchOptions,
    out: &Path,
    hugo: bool,
) -> Result<String, String> {
    let mut cmd = Command::new(exe);
    cmd.args(["dev", "generate", "--pages", &size.to_string()])
        .args(["--seed", &options.seed.to_string()])
        .arg("--out")
        .arg(out)
        .arg("--corpus")
        .arg(&options.corpus)
        .arg("--theme")
        .arg(&options.theme);
    if hugo {
        cmd.arg("--hugo");
    }
    let run = measure_ok(&mut cmd, || format!("generating {} failed", out.display()))?;
    Ok(run.stdout)
}

/// Runs the benchmark and prints its tables to stdout.
pub fn bench(options: &BenchOptions) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    fs::create_dir_all(&options.work).map_err(|e| format!("{}: {e}", options.work.display()))?;
    let work = fs::canonicalize(&options.work).map_err(|e| e.to_string())?;
    let hugo_version = Command::new(&options.hugo)
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    println!(
        "insyn {} ({}), {} CPUs; {}",
        env!("CARGO_PKG_VERSION"),
        if cfg!(debug_assertions) {
            "DEBUG build: use --release for real figures"
        } else {
            "release build"
        },
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        hugo_version
            .as_deref()
            .unwrap_or("hugo not found (apt-get install hugo): Hugo columns stay empty")
    );
    let mut trash = Trash::new(&work)?;
    let with_hugo = hugo_version.is_some();
    let mut sites = Vec::new();
    for &size in &options.sizes {
        let site = work.join(format!("insyn-{size}"));
        let hugo_site = work.join(format!("hugo-{size}"));
        trash.discard(&site)?;
        trash.discard(&hugo_site)?;
        let started = Instant::now();
        // Generate in child processes: a child's peak RSS as wait4 reports it is at least this
        // process's peak (exec records the peak of the memory it replaces), so this process
        // must stay small.
        let generated = run_generate(&exe, size, options, &site, false)?;
        if with_hugo {
            run_generate(&exe, size, options, &hugo_site, true)?;
        }
        eprintln!(
            "generated {size}: {} in {:.1} s",
            generated.trim(),
            started.elapsed().as_secs_f64()
        );
        sites.push(Sized::new(size, site, hugo_site));
    }
    // Rounds go through every size and every build in turn, so that a slow spell of the
    // machine (which lasts minutes here) hits every size alike, and the figures of different
    // sizes compare (criterion: 10× the pages in under 10× the time).
    for round in 1..=options.runs {
        for s in &mut sites {
            s.bare.push(build_from_scratch(
                &exe, &s.site, &s.public, &mut trash, false,
            )?);
            // Last of a round: the with-search output stays for the size columns.
            s.ours.push(build_from_scratch(
                &exe, &s.site, &s.public, &mut trash, true,
            )?);
            if with_hugo {
                trash.discard(&s.hugo_public)?;
                trash.discard(&s.hugo_site.join("resources"))?;
                let mut cmd = Command::new(&options.hugo);
                cmd.arg("--source")
                    .arg(&s.hugo_site)
                    .arg("--destination")
                    .arg(&s.hugo_public);
                s.hugo.push(measure_ok(&mut cmd, || {
                    format!("hugo failed on {}", s.hugo_site.display())
                })?);
            }
            eprintln!(
                "round {round}/{}, {} pages: {} s",
                options.runs,
                s.size,
                secs(s.ours.last().map_or(Duration::ZERO, |r| r.wall))
            );
        }
    }
    let mut rows = Vec::new();
    let mut previous: Option<(usize, Duration)> = None;
    for s in sites {
        let (bare, ours) = (median(s.bare), median(s.ours));
        let pages = built_pages(&ours.stdout).unwrap_or(0);
        let mut row = vec![
            s.size.to_string(),
            pages.to_string(),
            secs(ours.wall),
            secs(ours.cpu),
            format!("{:.0}", pages as f64 / ours.wall.as_secs_f64()),
            previous.map_or("-".into(), |(size, wall)| {
                format!(
                    "{:.1}× for {:.0}×",
                    ours.wall.as_secs_f64() / wall.as_secs_f64(),
                    s.size as f64 / size as f64
                )
            }),
            secs(bare.wall),
            search_share(&ours, &bare),
            mb(ours.peak_rss),
            mb(dir_size(&s.public)),
            search_size(&s.public, &options.search_dir),
            cold_query(&s.public),
        ];
        previous = Some((s.size, ours.wall));
        if let Some(hugo) = (!s.hugo.is_empty()).then(|| median(s.hugo)) {
            row.extend([
                hugo_pages(&hugo.stdout).map_or("?".into(), |n| n.to_string()),
                secs(hugo.wall),
                mb(hugo.peak_rss),
                format!("{:.2}", ours.wall.as_secs_f64() / hugo.wall.as_secs_f64()),
            ]);
        } else {
            row.extend(["-".into(), "-".into(), "-".into(), "-".into()]);
        }
        eprintln!("measured {}: {}", s.size, row.join(" | "));
        rows.push(row);
    }
    println!();
    print_table(
        &[
            "size",
            "pages",
            "wall s",
            "cpu s",
            "pages/s",
            "time vs previous size",
            "no-search wall s",
            "search adds",
            "peak RSS MB",
            "output MB",
            "search MB",
            "cold query KB",
            "hugo pages",
            "hugo wall s",
            "hugo RSS MB",
            "ours/hugo",
        ],
        &rows,
    );
    println!(
        "(peak RSS of this benchmark process, a floor under every RSS figure: {} MB)",
        mb(own_peak_rss())
    );
    println!();
    real_content(&exe, &work, options, &mut trash)?;
    trash.empty()
}

/// The real content: a build from scratch, then a one-file edit and a rebuild.
fn real_content(
    exe: &Path,
    work: &Path,
    options: &BenchOptions,
    trash: &mut Trash,
) -> Result<(), String> {
    let root = crate::build::site_root(&options.config);
    let site = work.join("real");
    trash.discard(&site)?;
    let mut files = 0;
    fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    fs::copy(&options.config, site.join("insyn.toml"))
        .map_err(|e| format!("{}: {e}", options.config.display()))?;
    copy_dir(&root.join("content"), &site.join("content"), &mut files)?;
    copy_dir(&root.join("themes"), &site.join("themes"), &mut files)?;
    let public = site.join("public");
    let (mut bare, mut scratch) = (Vec::new(), Vec::new());
    for _ in 0..options.runs {
        bare.push(build_from_scratch(exe, &site, &public, trash, false)?);
        scratch.push(build_from_scratch(exe, &site, &public, trash, true)?);
    }
    let (bare, scratch) = (median(bare), median(scratch));

    // Edit one § as a web editor would: a sentence more in its body.
    let edited = first_paragraph_file(&site.join("content/protokoll"))
        .ok_or("the real content has no § to edit")?;
    let mut text = fs::read_to_string(&edited).map_err(|e| e.to_string())?;
    text.push_str("\nTillägg för mätning av ombyggnad.\n");
    fs::write(&edited, text).map_err(|e| e.to_string())?;
    let rebuild = measure_ok(&mut build_command(exe, &site, &public, true), || {
        "the rebuild failed".into()
    })?;
    let edits = serve_edits(exe, &site)?;
    print_table(
        &[
            "real content",
            "pages",
            "wall s",
            "peak RSS MB",
            "search adds",
        ],
        &[
            vec![
                "build from scratch without search".into(),
                built_pages(&bare.stdout).unwrap_or(0).to_string(),
                secs(bare.wall),
                mb(bare.peak_rss),
                "-".into(),
            ],
            vec![
                "build from scratch".into(),
                built_pages(&scratch.stdout).unwrap_or(0).to_string(),
                secs(scratch.wall),
                mb(scratch.peak_rss),
                search_share(&scratch, &bare),
            ],
            vec![
                "one-file edit: `insyn build` again".into(),
                built_pages(&rebuild.stdout).unwrap_or(0).to_string(),
                secs(rebuild.wall),
                mb(rebuild.peak_rss),
                "-".into(),
            ],
        ],
    );
    let mut sorted = edits.clone();
    sorted.sort();
    println!(
        "one-file edit under `insyn serve`, from saving the file to the edited page served after \
         the reload event, {} edits: median {} ms, slowest {} ms",
        edits.len(),
        sorted[sorted.len() / 2].as_millis(),
        sorted[sorted.len() - 1].as_millis()
    );
    Ok(())
}

fn build_command(exe: &Path, site: &Path, public: &Path, search: bool) -> Command {
    let mut cmd = Command::new(exe);
    cmd.arg("build")
        .arg("--config")
        .arg(site.join("insyn.toml"))
        .arg("--output")
        .arg(public);
    if !search {
        cmd.arg("--no-search");
    }
    cmd
}

/// What the search index and files add to a build: the wall time with search over the time
/// of the same build without, as a percentage.
fn search_share(with: &Run, without: &Run) -> String {
    let ratio = with.wall.as_secs_f64() / without.wall.as_secs_f64();
    format!("{:+.0} %", (ratio - 1.0) * 100.0)
}

/// Moves every earlier output (site, search index) away and builds, with or without search.
fn build_from_scratch(
    exe: &Path,
    site: &Path,
    public: &Path,
    trash: &mut Trash,
    search: bool,
) -> Result<Run, String> {
    trash.discard(public)?;
    trash.discard(&site.join("search-index"))?;
    measure_ok(&mut build_command(exe, site, public, search), || {
        format!("insyn build failed on {}", site.display())
    })
}

/// The run with the median wall time, with the highest peak RSS of all runs.
fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.wall);
    let peak_rss = runs.iter().map(|r| r.peak_rss).max().unwrap_or(0);
    let mut run = runs.swap_remove((runs.len() - 1) / 2);
    run.peak_rss = peak_rss;
    run
}

/// [`measure`], failing with `what` and the command's error output if it did not succeed.
fn measure_ok(cmd: &mut Command, what: impl FnOnce() -> String) -> Result<Run, String> {
    let run = measure(cmd)?;
    if !run.ok {
        return Err(format!("{}:\n{}", what(), run.stderr));
    }
    Ok(run)
}

/// Runs a command to its end, with its wall time and peak RSS (`wait4`'s `ru_maxrss`).
fn measure(cmd: &mut Command) -> Result<Run, String> {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let mut stdout = String::new();
    let mut stderr = String::new();
    let mut err_pipe = child.stderr.take().expect("piped");
    // Drain stderr on a thread so that neither pipe can fill up and stall the child.
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let _ = child
        .stdout
        .take()
        .expect("piped")
        .read_to_string(&mut stdout);
    if let Ok(s) = err_reader.join() {
        stderr = s;
    }
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if waited != pid {
        return Err(format!(
            "waiting for {cmd:?} failed: {}",
            std::io::Error::last_os_error()
        ));
    }
    let (user, system) = crate::timings::cpu_times(&usage);
    Ok(Run {
        wall,
        cpu: user + system,
        // Linux reports ru_maxrss in kilobytes.
        peak_rss: usage.ru_maxrss as u64 * 1024,
        stdout,
        stderr,
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    })
}

/// This process's peak RSS in bytes.
fn own_peak_rss() -> u64 {
    // SAFETY: getrusage fills in plain data.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as u64 * 1024
}

/// The page count from `Built N pages (…)`.
fn built_pages(stdout: &str) -> Option<usize> {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("Built "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

/// The page count from Hugo's summary table (`Pages            | 10012`).
fn hugo_pages(stdout: &str) -> Option<usize> {
    stdout
        .lines()
        .find(|l| l.trim_start().starts_with("Pages"))
        .and_then(|l| l.split('|').nth(1))
        .and_then(|n| n.trim().parse().ok())
}

/// Edits measured under `insyn serve`.
const SERVE_EDITS: usize = 7;

/// Kills the server when the measurement ends, however it ends.
struct ServerProcess(std::process::Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `insyn serve` on the site with a page open (its reload event stream connected), saves
/// a sentence more into a free page, and measures the time from the save until the reload
/// event has arrived and the page, fetched again, shows the sentence: what a web editor waits
/// for in the browser.
fn serve_edits(exe: &Path, site: &Path) -> Result<Vec<Duration>, String> {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpStream;

    let page = fs::read_dir(site.join("content/sidor"))
        .map_err(|e| format!("the real content has no free pages: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .min()
        .ok_or("the real content has no free page to edit")?;
    let url_path = format!(
        "/{}/",
        page.file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default()
    );
    let mut child = Command::new(exe)
        .args(["--quiet", "serve", "--port", "0", "--config"])
        .arg(site.join("insyn.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start insyn serve: {e}"))?;
    let stdout = child.stdout.take().expect("piped");
    let server = ServerProcess(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let address = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .map(|a| a.trim_end_matches('/').to_string())
        .ok_or_else(|| format!("insyn serve did not print its address: {line:?}"))?;
    let get = |path: &str| -> Result<String, String> {
        let mut stream = TcpStream::connect(&address).map_err(|e| e.to_string())?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let mut body = String::new();
        stream
            .read_to_string(&mut body)
            .map_err(|e| e.to_string())?;
        Ok(body)
    };
    let generation = |html: &str| -> u64 {
        html.split("?since=")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let mut times = Vec::new();
    for edit in 1..=SERVE_EDITS {
        let html = get(&url_path)?;
        // The open page's event stream, as its script connects it.
        let mut events = TcpStream::connect(&address).map_err(|e| e.to_string())?;
        write!(
            events,
            "GET {RELOAD}?since={} HTTP/1.1\r\nHost: {address}\r\n\r\n",
            generation(&html),
            RELOAD = crate::serve::RELOAD_PATH
        )
        .map_err(|e| e.to_string())?;
        let mut events = BufReader::new(events);
        // Wait for the response head, so the stream is live before the edit.
        loop {
            line.clear();
            events.read_line(&mut line).map_err(|e| e.to_string())?;
            if line.starts_with("retry:") {
                break;
            }
        }
        let marker = format!("Ändring nummer {edit} för mätning av förhandsvisningen.");
        let mut text = fs::read_to_string(&page).map_err(|e| e.to_string())?;
        text.push_str(&format!("\n{marker}\n"));
        let saved = Instant::now();
        fs::write(&page, text).map_err(|e| e.to_string())?;
        loop {
            line.clear();
            if events.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err("insyn serve closed the reload stream".into());
            }
            if line.starts_with("event: reload") {
                break;
            }
        }
        if !get(&url_path)?.contains(&marker) {
            return Err(format!(
                "{url_path} does not show the edit after the reload"
            ));
        }
        times.push(saved.elapsed());
    }
    drop(server);
    Ok(times)
}

fn first_paragraph_file(dir: &Path) -> Option<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .find(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
        })
}

fn search_size(public: &Path, search_dir: &str) -> String {
    let dir = public.join(search_dir);
    if dir.is_dir() {
        mb(dir_size(&dir))
    } else {
        "n/a".into()
    }
}

/// The median over `QUERIES` of the bytes a cold query downloads (raw, and gzip as static
/// hosts serve it), in KB, measured by the real client in Node.js; `n/a` without node.
fn cold_query(public: &Path) -> String {
    let out = std::process::Command::new("node")
        .arg(SEARCH_BYTES_SCRIPT)
        .arg(public)
        .args(QUERIES)
        .output();
    let Ok(out) = out else {
        return "n/a (no node)".into();
    };
    let summary = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v.get("median").is_some());
    match summary {
        Some(v) => {
            let kb = |k: &str| v["median"][k].as_f64().unwrap_or(0.0) / 1024.0;
            format!("{:.1} ({:.1} gz)", kb("raw"), kb("gzip"))
        }
        None => "n/a".into(),
    }
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(fs::Metadata::is_file)
        .map(|m| m.len())
        .sum()
}

fn remove(path: &Path) -> Result<(), String> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", path.display()))
        }
        _ => Ok(()),
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:>w$}", w = *w))
            .collect();
        println!("| {} |", padded.join(" | "));
    };
    line(header.to_vec());
    println!(
        "|{}|",
        widths
            .iter()
            .map(|w| format!("{}:", "-".repeat(w + 1)))
            .collect::<Vec<_>>()
            .join("|")
    );
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_page_counts_from_both_tools() {
        assert_eq!(
            built_pages("Built 1234 pages (1240 files) into public in 80 ms\n"),
            Some(1234)
        );
        let hugo = "                   | EN\n-------------------+------\n  Pages            | 10012\n  Paginator pages  |    0\n";
        assert_eq!(hugo_pages(hugo), Some(10012));
    }

    #[test]
    fn measures_a_child_process() {
        let run = measure(Command::new("sh").args(["-c", "echo hi; exit 3"])).unwrap();
        assert_eq!(run.stdout, "hi\n");
        assert!(!run.ok);
        assert!(run.peak_rss > 0);
    }
}
