//! [`Engine`]: one lotwise store, opened from Swift or Kotlin, and the two
//! ways every call reaches the core's command layer — typed methods
//! (generated, in `generated/operations.rs`) and the by-name door
//! [`Engine::execute`].

use std::sync::{Arc, RwLock};

use lotwise::api::Command;
use lotwise::{Clock, FixedClock, Lotwise};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{guard, internal};
use crate::generated::operations::through_records;
use crate::{LotwiseError, Timestamp};

/// A lotwise store: in memory or a SQLite file on the device. Safe to share
/// between threads; each call is one transaction of the core.
#[derive(uniffi::Object)]
pub struct Engine {
    /// `None` once [`Engine::close_store`] ran.
    inner: RwLock<Option<Arc<Lotwise>>>,
}

impl Engine {
    fn from_core(lw: Lotwise) -> Arc<Engine> {
        Arc::new(Engine {
            inner: RwLock::new(Some(Arc::new(lw))),
        })
    }

    /// The open engine, or the `storage` error a closed one answers. A lock
    /// poisoned by a panic still holds a valid handle: use it.
    fn core(&self) -> Result<Arc<Lotwise>, LotwiseError> {
        let guard = self.inner.read().unwrap_or_else(|p| p.into_inner());
        guard.clone().ok_or_else(|| LotwiseError::Storage {
            detail: "the store is closed".into(),
            reason: "the store is closed".into(),
        })
    }

    /// Runs operation `name` with `input` serialized as its args and reads
    /// the answer into `O`: the body of every generated method.
    pub(crate) fn call<I: Serialize, O: DeserializeOwned>(
        &self,
        name: &str,
        input: &I,
    ) -> Result<O, LotwiseError> {
        guard(|| {
            let lw = self.core()?;
            let args = serde_json::to_value(input)
                .map_err(|e| internal(format!("{name}: args did not serialize: {e}")))?;
            let answer = lw.execute(Command::from_parts(name, args)?)?.to_json();
            serde_json::from_value(answer)
                .map_err(|e| internal(format!("{name}: the answer did not fit its record: {e}")))
        })
    }

    /// Runs operation `name` with JSON `args` through its input record `I`
    /// and output record `O`, and fails (`internal`) when either changes
    /// the JSON: what the by-name door answers is exactly what a typed
    /// method would have carried. Args the core refuses are refused with
    /// the core's own error before any record is involved.
    pub(crate) fn round_trip<I, O>(&self, name: &str, args: Value) -> Result<Value, LotwiseError>
    where
        I: Serialize + DeserializeOwned,
        O: Serialize + DeserializeOwned,
    {
        let args = if args.is_null() {
            Value::Object(Default::default())
        } else {
            args
        };
        let original = Command::from_parts(name, args.clone())?;
        let input: I = serde_json::from_value(args).map_err(|e| {
            internal(format!(
                "{name}: args the core takes do not fit the record: {e}"
            ))
        })?;
        let again = serde_json::to_value(&input)
            .map_err(|e| internal(format!("{name}: args did not serialize: {e}")))?;
        let command = Command::from_parts(name, again)?;
        if command != original {
            return Err(internal(format!(
                "{name}: the input record changed the command: {original:?} became {command:?}"
            )));
        }
        let answer = self.core()?.execute(command)?.to_json();
        let typed: O = serde_json::from_value(answer.clone())
            .map_err(|e| internal(format!("{name}: the answer did not fit its record: {e}")))?;
        let back = serde_json::to_value(&typed)
            .map_err(|e| internal(format!("{name}: the answer did not serialize: {e}")))?;
        if back != answer {
            return Err(internal(format!(
                "{name}: the output record changed the answer: {answer} became {back}"
            )));
        }
        Ok(back)
    }
}

#[uniffi::export]
impl Engine {
    /// Opens the store at `url` on the system clock: `":memory:"`, or a
    /// SQLite file (`"shop.db"`, `"sqlite:///data/shop.db?synchronous=full"`).
    #[uniffi::constructor]
    pub fn open(url: String) -> Result<Arc<Engine>, LotwiseError> {
        guard(|| Ok(Engine::from_core(Lotwise::open(&url)?)))
    }

    /// A new, empty in-memory store on the system clock.
    #[uniffi::constructor]
    pub fn open_in_memory() -> Result<Arc<Engine>, LotwiseError> {
        Engine::open(":memory:".into())
    }

    /// Opens the SQLite file at `path`, creating it when it does not exist.
    #[uniffi::constructor]
    pub fn open_sqlite(path: String) -> Result<Arc<Engine>, LotwiseError> {
        Engine::open(format!("sqlite:{path}"))
    }

    /// Opens the store at `url` on a fixed clock showing `at`, which only
    /// `advance_days` and `set_clock` move: for tests, replays and demos.
    #[uniffi::constructor]
    pub fn open_with_fixed_clock(url: String, at: Timestamp) -> Result<Arc<Engine>, LotwiseError> {
        guard(|| {
            let now = at.0.parse().map_err(|e| LotwiseError::InvalidInput {
                detail: format!("invalid input: at `{}`: {e}", at.0),
                field: "at".into(),
                value: at.0.clone(),
                reason: format!("not an RFC 3339 instant: {e}"),
            })?;
            let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(now));
            Ok(Engine::from_core(Lotwise::open_with_clock(&url, clock)?))
        })
    }

    /// Closes the store now (a SQLite file is released once calls under
    /// way have finished); later calls fail with `storage`. Dropping the
    /// last reference closes it too.
    pub fn close_store(&self) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        *inner = None;
    }

    /// Whether [`Engine::close_store`] has not run yet.
    pub fn is_open(&self) -> bool {
        let guard = self.inner.read().unwrap_or_else(|p| p.into_inner());
        guard.is_some()
    }

    /// Runs the operation called `name` with `args_json`, the JSON object of
    /// its args (`""` or `"null"` for none), and answers its result as JSON
    /// text — the door for callers that hold commands as data (scenario
    /// replays, sync queues). The args and the answer go through the same
    /// generated records as the typed methods; errors are the same
    /// [`LotwiseError`].
    pub fn execute(&self, name: String, args_json: String) -> Result<String, LotwiseError> {
        guard(|| {
            let args: Value = if args_json.trim().is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&args_json).map_err(|e| LotwiseError::InvalidInput {
                    detail: format!("invalid input: args: not JSON: {e}"),
                    field: "args".into(),
                    value: args_json.chars().take(120).collect(),
                    reason: format!("not JSON: {e}"),
                })?
            };
            match through_records(self, &name, args) {
                Some(answer) => answer.map(|v| v.to_string()),
                // The core words the refusal of an unknown name.
                None => Err(Command::from_parts(&name, Value::Null)
                    .err()
                    .map(LotwiseError::from)
                    .unwrap_or_else(|| internal(format!("{name}: no generated record")))),
            }
        })
    }

    /// `{"do": ..., "args": ...}` JSON text in, `{"ok": ...}` or
    /// `{"error": {"code", "message", ...}}` JSON text out, exactly as the
    /// core's `Lotwise::execute_json`. Never throws.
    pub fn execute_json(&self, command: String) -> String {
        let run = || Ok(self.core()?.execute_json(&command));
        guard(run).unwrap_or_else(|e| {
            let code = e.code_str();
            serde_json::json!({"error": {"code": code, "message": e.to_string()}}).to_string()
        })
    }
}

/// Reads the text of a quantity, `"2.4 kg"`, as the core does (units
/// `mg g kg ml l pcs`); a bad one is refused with the core's typed error.
#[uniffi::export]
pub fn parse_qty(text: String) -> Result<crate::Qty, LotwiseError> {
    guard(|| {
        let q = lotwise::Qty::parse_standard(&text)?;
        serde_json::from_value(serde_json::to_value(q).map_err(|e| internal(e.to_string()))?)
            .map_err(|e| internal(format!("a quantity did not fit Qty: {e}")))
    })
}

/// Reads the text of an amount of money, `"18.00 USD"`, as the core does.
#[uniffi::export]
pub fn parse_money(text: String) -> Result<crate::Money, LotwiseError> {
    guard(|| {
        let m: lotwise::Money = text.parse()?;
        serde_json::from_value(serde_json::to_value(m).map_err(|e| internal(e.to_string()))?)
            .map_err(|e| internal(format!("an amount did not fit Money: {e}")))
    })
}
