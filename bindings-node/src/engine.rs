//! The engine handle. `Lotwise` is `Send + Sync`, so one handle serves the
//! JS thread and the libuv pool at once: sync calls borrow it, async calls
//! hold an `Arc` to it while they run off the JS thread.
//!
//! Args and answers cross as JSON text, read and written by V8's own JSON
//! on the JS side and serde on this one: for the small records most calls
//! answer, that is several times faster than building JS objects property
//! by property through napi (see `bench/overhead.js`).

use std::sync::{Arc, RwLock};

use lotwise::api::Command;
use lotwise::{Clock, FixedClock, Lotwise, SystemClock};
use napi::bindgen_prelude::{AsyncTask, Either};
use napi::{Env, Task};
use napi_derive::napi;

use crate::convert::reply_text;
use crate::failure::{guarded, Failure};

/// An answer: the operation's result as JSON text, or a [`Failure`].
type Answer = Either<String, Failure>;

/// `lotwise` native engine over one store. The facade wraps it.
#[napi]
pub struct Engine {
    /// `None` once closed; an `RwLock` so `close` waits for no sync call.
    inner: RwLock<Option<Arc<Lotwise>>>,
}

fn closed() -> lotwise::Error {
    lotwise::Error::Storage {
        reason: "the engine was closed".into(),
    }
}

/// Opens a store by URL, on a fixed clock at `clock` (RFC 3339) when given.
fn open_engine(url: &str, clock: Option<&str>) -> lotwise::Result<Lotwise> {
    let clock: Arc<dyn Clock> = match clock {
        None => Arc::new(SystemClock),
        Some(text) => {
            let at = text.parse().map_err(|e| lotwise::Error::InvalidInput {
                field: "clock".into(),
                value: text.into(),
                reason: format!("not an RFC 3339 instant: {e}"),
            })?;
            Arc::new(FixedClock::at(at))
        }
    };
    Lotwise::open_with_clock(url, clock)
}

fn answer(outcome: lotwise::Result<String>) -> Answer {
    match outcome {
        Ok(text) => Either::A(text),
        Err(e) => Either::B(e.into()),
    }
}

/// The command `name` with `args` read from JSON text.
fn text_command(name: &str, args: &str) -> lotwise::Result<Command> {
    let mut de = serde_json::Deserializer::from_str(args);
    Command::from_deserializer(name, &mut de, || args.to_string())
}

fn run(lw: &Lotwise, command: Command) -> lotwise::Result<String> {
    guarded(|| lw.execute(command).map(|reply| reply_text(&reply)))
}

#[napi]
impl Engine {
    /// Opens a store by URL (`":memory:"`, a SQLite file path,
    /// `postgres://…`), on a fixed clock at `clock` when given.
    #[napi]
    pub fn open(url: String, clock: Option<String>) -> Either<Engine, Failure> {
        match guarded(|| open_engine(&url, clock.as_deref())) {
            Ok(lw) => Either::A(Engine::new(lw)),
            Err(e) => Either::B(e.into()),
        }
    }

    /// `open` off the JS thread.
    #[napi(ts_return_type = "Promise<Engine | Failure>")]
    pub fn open_async(url: String, clock: Option<String>) -> AsyncTask<OpenTask> {
        AsyncTask::new(OpenTask { url, clock })
    }

    /// Runs one operation of the command layer by name, on the JS thread:
    /// `args` as JSON text in, the answer as JSON text out.
    #[napi(catch_unwind)]
    pub fn execute(&self, name: String, args: String) -> Answer {
        let outcome = text_command(&name, &args).and_then(|cmd| {
            let guard = self.inner.read().map_err(|_| closed())?;
            let lw = guard.as_ref().ok_or_else(closed)?;
            run(lw, cmd)
        });
        answer(outcome)
    }

    /// Runs one operation off the JS thread (the libuv pool); the Promise
    /// resolves to the answer or a [`Failure`].
    #[napi(catch_unwind, ts_return_type = "Promise<string | Failure>")]
    pub fn execute_async(&self, name: String, args: String) -> AsyncTask<ExecuteTask> {
        let job = text_command(&name, &args).and_then(|cmd| Ok((self.handle()?, cmd)));
        AsyncTask::new(ExecuteTask { job: Some(job) })
    }

    /// `{"do", "args"}` JSON text in, `{"ok"}` or `{"error"}` JSON text out.
    #[napi(catch_unwind)]
    pub fn execute_json(&self, command: String) -> String {
        match self.handle() {
            Ok(lw) => guarded(|| Ok(lw.execute_json(&command)))
                .unwrap_or_else(|e| serde_json::json!({ "error": e.to_json() }).to_string()),
            Err(e) => serde_json::json!({ "error": e.to_json() }).to_string(),
        }
    }

    /// Drops the engine: the store's connections close once no async call
    /// still runs on it. Later calls answer a `storage` error.
    #[napi]
    pub fn close(&self) {
        if let Ok(mut slot) = self.inner.write() {
            slot.take();
        }
    }

    /// Whether `close` was called.
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.inner.read().map(|s| s.is_none()).unwrap_or(true)
    }

    /// The same call timed in Rust alone, for `bench/overhead.js`: best of
    /// five runs of `n` calls of `Lotwise::execute` (the command parsed once
    /// and cloned per call), in microseconds per call.
    #[napi(js_name = "_benchRust")]
    pub fn bench_rust(&self, name: String, args: String, n: u32) -> Either<f64, Failure> {
        let timed = text_command(&name, &args).and_then(|cmd| {
            let lw = self.handle()?;
            let mut best = f64::INFINITY;
            for _ in 0..5 {
                let start = std::time::Instant::now();
                for _ in 0..n {
                    std::hint::black_box(lw.execute(cmd.clone())?);
                }
                best = best.min(start.elapsed().as_secs_f64() / f64::from(n.max(1)));
            }
            Ok(best * 1e6)
        });
        match timed {
            Ok(us) => Either::A(us),
            Err(e) => Either::B(e.into()),
        }
    }

    /// Panics inside the native code, for the tests that prove a panic
    /// becomes an `InternalError` and the process lives on.
    #[napi(js_name = "_panicForTests")]
    pub fn panic_for_tests(&self, message: String) -> Answer {
        answer(guarded(|| std::panic::panic_any(message)))
    }
}

impl Engine {
    fn new(lw: Lotwise) -> Engine {
        Engine {
            inner: RwLock::new(Some(Arc::new(lw))),
        }
    }

    fn handle(&self) -> lotwise::Result<Arc<Lotwise>> {
        let guard = self.inner.read().map_err(|_| closed())?;
        guard.as_ref().cloned().ok_or_else(closed)
    }
}

/// `Engine.openAsync`'s work.
pub struct OpenTask {
    url: String,
    clock: Option<String>,
}

impl Task for OpenTask {
    type Output = lotwise::Result<Lotwise>;
    type JsValue = Either<Engine, Failure>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guarded(|| open_engine(&self.url, self.clock.as_deref())))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(match output {
            Ok(lw) => Either::A(Engine::new(lw)),
            Err(e) => Either::B(e.into()),
        })
    }
}

/// `Engine.executeAsync`'s work: the command read on the JS thread, run on
/// the pool.
pub struct ExecuteTask {
    job: Option<lotwise::Result<(Arc<Lotwise>, Command)>>,
}

impl Task for ExecuteTask {
    type Output = lotwise::Result<String>;
    type JsValue = Answer;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(match self.job.take() {
            Some(Ok((lw, cmd))) => run(&lw, cmd),
            Some(Err(e)) => Err(e),
            None => Err(lotwise::Error::Internal {
                reason: "an async call ran twice".into(),
            }),
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(answer(output))
    }
}
