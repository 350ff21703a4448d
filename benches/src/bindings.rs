//! Workload 5: per-call overhead from Python and Node.
//!
//! The bindings carry their own measurement scripts
//! (`bindings-python/bench/overhead.py`, `bindings-node/bench/overhead.js`):
//! each times a few queries through the binding and the same queries in Rust
//! alone, on the same store in the same process (`Engine._bench_rust`,
//! `_benchRust`), so each already measures its baseline in the same run.
//! The harness does not reimplement them; it runs them as child processes
//! from the repository root, relays what they print, and adds each call's
//! ratio to its Rust baseline, which the scripts leave out.
//!
//! It never builds a binding: one that is not built (or does not load) is
//! skipped with the command that builds it, and a script that fails or runs
//! out of time is reported as not measured; the run goes on either way.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::report::Outcome;
use crate::stats::{dur, ratio};

/// The longest a script may run. Not the per-phase budget: a phase the
/// budget cuts keeps what it measured, a killed script leaves nothing, and
/// `overhead.py` alone takes about 80 s on a dev-profile build here.
const SCRIPT_LIMIT: Duration = Duration::from_secs(300);

/// The longest the check that a binding loads may take.
const PROBE_LIMIT: Duration = Duration::from_secs(30);

/// Lines of a failed child's stderr to show: the error, not the whole trace.
const STDERR_TAIL: usize = 15;

/// Present in a library built with Rust's overflow checks, which the dev
/// profile turns on and the release profile leaves off.
const OVERFLOW_CHECK: &[u8] = b"attempt to add with overflow";

/// One binding and how to run its script.
struct Binding {
    /// `Python` or `Node`.
    name: &'static str,
    /// The interpreter: relative to the root, or a name looked up on `PATH`.
    program: &'static str,
    /// Whether `program` is a path under the root.
    in_root: bool,
    /// Arguments that load the binding and print the native library's path.
    probe: [&'static str; 2],
    /// What the probe does, in a line.
    loads: &'static str,
    /// The measurement script, relative to the root.
    script: &'static str,
    /// The command that builds the binding, for measurements.
    build: &'static str,
    /// Numbers at the end of each row of the script's per-call table.
    columns: usize,
    /// Which of them is the time through the binding, the Rust one, and
    /// their difference.
    binding_col: usize,
    rust_col: usize,
    overhead_col: usize,
    /// What the script prints that has no Rust baseline in this run.
    without_baseline: Option<&'static str>,
}

const PYTHON: Binding = Binding {
    name: "Python",
    program: ".venv/bin/python",
    in_root: true,
    probe: [
        "-c",
        "import lotwise, lotwise._native as n; print(n.__file__)",
    ],
    loads: "import lotwise",
    script: "bindings-python/bench/overhead.py",
    build: "LOTWISE_PY_RELEASE=1 scripts/python.sh",
    // Python, Rust, overhead, before (the JSON path).
    columns: 4,
    binding_col: 0,
    rust_col: 1,
    overhead_col: 2,
    without_baseline: Some(
        "The import rows (10,000 orders) have no Rust figure in this run: their Rust side is \
         `cargo run --release -p lotwise-python --example overhead`, which needs a build, so the \
         harness does not run it.",
    ),
};

const NODE: Binding = Binding {
    name: "Node",
    program: "node",
    in_root: false,
    // What overhead.js requires ('..' from bindings-node/bench); a native
    // addon loaded by `require` stays in `require.cache`.
    probe: [
        "-e",
        "require('./bindings-node'); \
         console.log(Object.keys(require.cache).find((k) => k.endsWith('.node')) || '')",
    ],
    loads: "require('./bindings-node')",
    script: "bindings-node/bench/overhead.js",
    build: "LOTWISE_NODE_RELEASE=1 scripts/node.sh",
    // Rust, Node, overhead.
    columns: 3,
    binding_col: 1,
    rust_col: 0,
    overhead_col: 2,
    without_baseline: None,
};

/// The checkout whose bindings are measured when `LOTWISE_BENCH_ROOT` is
/// set (a worktree has no `.venv` or addon of its own).
fn root_from_env() -> Option<PathBuf> {
    std::env::var_os("LOTWISE_BENCH_ROOT")
        .filter(|r| !r.is_empty())
        .map(PathBuf::from)
}

/// The repository this harness was built from.
fn source_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Workload 5 on the bindings of `LOTWISE_BENCH_ROOT`, else of the
/// harness's own repository.
pub fn workload(cfg: &Config) -> Outcome {
    match root_from_env() {
        Some(root) => measure(cfg, &root, true),
        None => measure(cfg, &source_root(), false),
    }
}

/// Workload 5 on the bindings under `root` (`from_env`: named by
/// `LOTWISE_BENCH_ROOT`).
fn measure(cfg: &Config, root: &Path, from_env: bool) -> Outcome {
    println!("\n## 5. Per-call overhead from Python and Node\n");
    let mut figures = 0;
    if cfg.short {
        // `cargo test -p lotwise-bench` runs the short mode before
        // scripts/test.sh builds the bindings, so a binding found then is
        // absent or left from an earlier build; and overhead.py has no size
        // knob to make it brief.
        println!(
            "*** SKIPPED in short mode: the bindings' scripts run at their own sizes \
             (overhead.py over a minute); run without `--short`, e.g. \
             `--only=python` ***"
        );
    } else {
        println!(
            "The bindings' own scripts, run from `{}`{} (limit {} each). Each times calls \
             through the binding and the same calls in Rust alone, on the same store in the same \
             process, best of 5 runs; the harness relays their output and adds binding / Rust per \
             call.",
            root.display(),
            if from_env {
                " (`LOTWISE_BENCH_ROOT`: the commit above is the harness's, not this checkout's)"
            } else {
                ""
            },
            dur(SCRIPT_LIMIT)
        );
        for binding in [PYTHON, NODE] {
            figures += binding.measure(root);
        }
    }
    Outcome {
        workload: "python",
        figures,
        targets: vec![],
    }
}

impl Binding {
    /// Loads the binding, runs its script and reports; the figures relayed.
    fn measure(&self, root: &Path) -> usize {
        println!("\n### {}\n", self.name);
        let library = match self.probe(root) {
            Ok(library) => library,
            Err(why) => {
                println!(
                    "*** SKIPPED: {why}; build it with `{}` (release, for figures) ***",
                    self.build
                );
                return 0;
            }
        };
        let command = format!("{} {}", self.program, self.script);
        println!("`{command}`, native library `{library}`");
        if dev_build(Path::new(&library)) == Some(true) {
            println!(
                "\nNOTE: that library has overflow checks compiled in, as a dev-profile build \
                 does: its figures (the Rust column too) are not comparable with a release \
                 build; rebuild with `{}`.",
                self.build
            );
        }
        println!();
        let mut cmd = self.command(root);
        // Python buffers a pipe in blocks: unbuffered, its lines show as
        // they come during a run of a minute or more.
        cmd.arg(self.script).env("PYTHONUNBUFFERED", "1");
        let ran = match run(cmd, root, SCRIPT_LIMIT, true) {
            Ok(ran) => ran,
            Err(e) => {
                println!("*** NOT MEASURED: `{command}` could not start: {e} ***");
                return 0;
            }
        };
        match ran.ended {
            Ended::Exited(status) if status.success() => {}
            ended => {
                let how = match ended {
                    Ended::Exited(status) => format!("ended with {status}"),
                    Ended::TimedOut => "did not finish in time and was killed".into(),
                };
                println!(
                    "\n*** NOT MEASURED: `{command}` {how} after {}; the end of its stderr: ***\n",
                    dur(ran.took)
                );
                let from = ran.stderr.len().saturating_sub(STDERR_TAIL);
                for line in &ran.stderr[from..] {
                    println!("    {line}");
                }
                return 0;
            }
        }
        println!("\n(done in {})", dur(ran.took));
        let rows = self.per_call_rows(&ran.stdout);
        if !rows.is_empty() {
            println!("\n| call | Rust | {0} | overhead | {0} / Rust |", self.name);
            println!("|---|---:|---:|---:|---:|");
            for r in &rows {
                println!(
                    "| `{}` | {} µs | {} µs | {} µs | {} |",
                    r.call,
                    r.rust,
                    r.binding,
                    r.overhead,
                    ratio(r.ratio)
                );
            }
        }
        if let Some(note) = self.without_baseline {
            println!("\n{note}");
        }
        let figures = rows.len() + timed_lines(&ran.stdout);
        if figures == 0 {
            println!("\n*** its output holds no figures the harness recognises ***");
        }
        if !ran.stderr.is_empty() {
            println!(
                "\n(its stderr, {} lines, ends with `{}`)",
                ran.stderr.len(),
                ran.stderr.last().map_or("", String::as_str)
            );
        }
        figures
    }

    /// The interpreter, to run from `root`.
    fn command(&self, root: &Path) -> Command {
        if self.in_root {
            Command::new(root.join(self.program))
        } else {
            Command::new(self.program)
        }
    }

    /// The path of the native library the binding loads, or why it does not.
    fn probe(&self, root: &Path) -> Result<String, String> {
        if self.in_root && !root.join(self.program).exists() {
            return Err(format!(
                "the {} binding is not built (no `{}` in `{}`)",
                self.name,
                self.program,
                root.display()
            ));
        }
        let mut cmd = self.command(root);
        cmd.args(self.probe);
        let ran = match run(cmd, root, PROBE_LIMIT, false) {
            Ok(ran) => ran,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!("`{}` not found", self.program))
            }
            Err(e) => return Err(format!("`{}` could not start: {e}", self.program)),
        };
        match ran.ended {
            Ended::Exited(status) if status.success() => Ok(ran
                .stdout
                .last()
                .map_or_else(|| "(unknown)".into(), |l| l.trim().to_string())),
            Ended::Exited(_) => Err(format!(
                "the {} binding does not load (`{}` from the root: {})",
                self.name,
                self.loads,
                error_line(&ran.stderr)
            )),
            Ended::TimedOut => Err(format!(
                "the {} binding did not load within {}",
                self.name,
                dur(PROBE_LIMIT)
            )),
        }
    }

    /// The rows of the script's per-call table: the lines after its header
    /// (the first line starting with `call`) that end in `columns` numbers.
    fn per_call_rows(&self, out: &[String]) -> Vec<Row> {
        let Some(header) = out.iter().position(|l| l.starts_with("call")) else {
            return Vec::new();
        };
        out[header + 1..]
            .iter()
            .map_while(|line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                let label = words.len().checked_sub(self.columns).filter(|&n| n > 0)?;
                let numbers = &words[label..];
                let values = numbers
                    .iter()
                    .map(|w| w.parse::<f64>().ok())
                    .collect::<Option<Vec<f64>>>()?;
                // The times as the script printed them: its precision, not ours.
                let printed = |i: usize| numbers.get(i).map(|w| w.to_string());
                Some(Row {
                    call: words[..label].join(" "),
                    binding: printed(self.binding_col)?,
                    rust: printed(self.rust_col)?,
                    overhead: printed(self.overhead_col)?,
                    ratio: values.get(self.binding_col)? / values.get(self.rust_col)?,
                })
            })
            .collect()
    }
}

/// One call of a per-call table: µs per call through the binding, in Rust
/// alone, their difference, and the binding's time over Rust's.
#[derive(Debug, PartialEq)]
struct Row {
    call: String,
    binding: String,
    rust: String,
    overhead: String,
    ratio: f64,
}

/// Lines of the form `<label> <number> ms`: the Python script's import times.
fn timed_lines(out: &[String]) -> usize {
    out.iter()
        .filter(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            matches!(words.as_slice(), [_, .., n, "ms"] if n.parse::<f64>().is_ok())
        })
        .count()
}

/// The line of a failed probe's stderr that names the error: a Python
/// traceback ends with it, Node prints it above the stack.
fn error_line(stderr: &[String]) -> &str {
    stderr
        .iter()
        .rev()
        .find(|l| l.contains("Error"))
        .or_else(|| stderr.iter().rev().find(|l| !l.trim().is_empty()))
        .map_or("nothing on stderr", |l| l.trim())
}

/// Whether the library has overflow checks compiled in (`None`: unreadable).
fn dev_build(library: &Path) -> Option<bool> {
    let bytes = std::fs::read(library).ok()?;
    Some(
        bytes
            .windows(OVERFLOW_CHECK.len())
            .any(|w| w == OVERFLOW_CHECK),
    )
}

/// How a child process ended.
enum Ended {
    Exited(ExitStatus),
    /// Killed at its time limit.
    TimedOut,
}

/// A finished child: how it ended, its output lines, how long it ran.
struct Ran {
    ended: Ended,
    stdout: Vec<String>,
    stderr: Vec<String>,
    took: Duration,
}

/// Runs `cmd` in `dir` for at most `limit`, printing its stdout as an
/// indented block as it comes when `relay`.
fn run(mut cmd: Command, dir: &Path, limit: Duration, relay: bool) -> std::io::Result<Ran> {
    let started = Instant::now();
    let mut child = cmd
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Both pipes are read while the child runs: a child blocked writing to
    // a full pipe would never exit.
    let stdout = child
        .stdout
        .take()
        .map(|pipe| std::thread::spawn(move || lines(pipe, relay)));
    let stderr = child
        .stderr
        .take()
        .map(|pipe| std::thread::spawn(move || lines(pipe, false)));
    let ended = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ended::Exited(status),
            Ok(None) if started.elapsed() >= limit => {
                // It may have exited since: then there is nothing to kill.
                let _ = child.kill();
                child.wait()?;
                break Ended::TimedOut;
            }
            // Polled: the harness has nothing else to do meanwhile, and a
            // tenth of a second is nothing next to the scripts' run time.
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        }
    };
    let took = started.elapsed();
    let collect =
        |h: Option<JoinHandle<Vec<String>>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
    Ok(Ran {
        ended,
        stdout: collect(stdout),
        stderr: collect(stderr),
        took,
    })
}

/// The lines read from `pipe` until it closes, decoded leniently (a script
/// may print anything), each printed indented as it comes when `relay`.
fn lines(pipe: impl Read, relay: bool) -> Vec<String> {
    let mut reader = BufReader::new(pipe);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    while matches!(reader.read_until(b'\n', &mut buf), Ok(n) if n > 0) {
        let line = String::from_utf8_lossy(&buf)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        if relay {
            if line.is_empty() {
                println!();
            } else {
                println!("    {line}");
            }
        }
        out.push(line);
        buf.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    const PY_OUT: &str = "\
lotwise 0.1.0; in-memory store; best of 5 runs

call (µs/call)                               Python     Rust  overhead  before: JSON path
event_cursor(consumer) -> int                  1.09     0.31      0.78               0.93
events_after(0, 100) -> 13 Events            122.54     2.83    119.71             107.01

place_order x 10 000 (one call each)          968.2 ms
(building the 10 000 NewOrder objects)        109.8 ms
(the same import in Rust: `cargo run --release -p lotwise-python --example overhead`)
";

    #[test]
    fn python_rows_and_timed_lines() {
        let out = owned(PY_OUT);
        let rows = PYTHON.per_call_rows(&out);
        assert_eq!(
            rows,
            vec![
                Row {
                    call: "event_cursor(consumer) -> int".into(),
                    binding: "1.09".into(),
                    rust: "0.31".into(),
                    overhead: "0.78".into(),
                    ratio: 1.09 / 0.31,
                },
                Row {
                    call: "events_after(0, 100) -> 13 Events".into(),
                    binding: "122.54".into(),
                    rust: "2.83".into(),
                    overhead: "119.71".into(),
                    ratio: 122.54 / 2.83,
                },
            ]
        );
        assert_eq!(timed_lines(&out), 2);
    }

    #[test]
    fn node_rows() {
        let out = owned(
            "N = 20000 calls, best of 5; Node v20.20.2\n\
             call                         Rust µs   Node µs  overhead µs\n\
             now                             0.20      5.39         5.20\n\
             order (order + line)            0.80     29.52        28.72\n",
        );
        let rows = NODE.per_call_rows(&out);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].call, "order (order + line)");
        assert_eq!((&*rows[1].binding, &*rows[1].rust), ("29.52", "0.80"));
        assert_eq!(rows[1].ratio, 29.52 / 0.80);
        assert_eq!(timed_lines(&out), 0);
    }

    #[test]
    fn no_table_no_rows() {
        assert!(PYTHON.per_call_rows(&owned("Traceback\nboom")).is_empty());
    }

    /// A root with a stand-in `.venv/bin/python`: a shell script that
    /// answers the probe and then prints `output` and exits with `code`.
    #[cfg(unix)]
    fn fake_python(output: &str, code: i32) -> tempfile::TempDir {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("temp dir");
        let bin = root.path().join(".venv/bin");
        std::fs::create_dir_all(&bin).expect("bin dir");
        let python = bin.join("python");
        let script = format!(
            "#!/bin/sh\nif [ \"$1\" = -c ]; then echo /nowhere/_native.so; exit 0; fi\n\
             cat <<'EOF'\n{output}EOF\necho 'Traceback: the end' >&2\nexit {code}\n"
        );
        std::fs::write(&python, script).expect("write fake python");
        std::fs::set_permissions(&python, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        root
    }

    /// The figures of the fake Python binding (Node, absent from the temp
    /// root or from the machine, is skipped and adds none).
    #[cfg(unix)]
    fn figures_of(root: &tempfile::TempDir) -> usize {
        let cfg = Config::full();
        measure(&cfg, root.path(), false).figures
    }

    #[cfg(unix)]
    #[test]
    fn a_script_that_succeeds_counts_its_figures() {
        assert_eq!(figures_of(&fake_python(PY_OUT, 0)), 4);
    }

    #[cfg(unix)]
    #[test]
    fn a_script_that_fails_is_not_measured() {
        assert_eq!(figures_of(&fake_python(PY_OUT, 1)), 0);
    }

    #[test]
    fn bindings_not_built_are_skipped() {
        let root = tempfile::tempdir().expect("temp dir");
        assert_eq!(measure(&Config::full(), root.path(), false).figures, 0);
    }

    #[test]
    fn short_mode_runs_no_script() {
        assert_eq!(
            measure(&Config::short(), Path::new("/nowhere"), false).figures,
            0
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_child_past_its_limit_is_killed() {
        let mut cmd = Command::new("sh");
        // `exec`: a grandchild would keep the pipes open after the kill.
        cmd.args(["-c", "exec sleep 30"]);
        let ran = run(cmd, Path::new("/"), Duration::from_millis(200), false).expect("sh runs");
        assert!(matches!(ran.ended, Ended::TimedOut));
    }
}
