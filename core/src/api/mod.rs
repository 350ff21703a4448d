//! The command layer: every public operation of lotwise in one table, and
//! one way in for every language.
//!
//! [`Command`] is an operation with its arguments, in JSON exactly a step of
//! the golden scenarios: `{"do": "confirm_order", "args": {"id": "SO-000001"}}`.
//! [`Lotwise::execute`] runs it and answers a typed [`Reply`];
//! [`Lotwise::execute_json`] does the same from JSON text to JSON text for
//! hosts that prefer text. [`OPERATIONS`] describes every operation (name,
//! kind, doc, input and output schema) and [`schema()`] writes all of it,
//! with the errors and events, as the JSON Schema checked in at
//! `schema/lotwise.v1.json`, from which the bindings' types are generated.
//!
//! ```
//! use lotwise::api::{Command, Reply};
//! use lotwise::Lotwise;
//!
//! let lw = Lotwise::open(":memory:")?;
//! let define: Command = serde_json::from_str(
//!     r#"{"do": "define_item", "args": {"sku": "WAX", "name": "Soy wax", "kind": "material", "uom": "kg"}}"#,
//! )?;
//! let Reply::DefineItem(item) = lw.execute(define)? else { unreachable!() };
//! assert_eq!(item.sku, "WAX");
//!
//! let answer = lw.execute_json(r#"{"do": "stock", "args": {"sku": "WAX"}}"#);
//! assert!(answer.starts_with(r#"{"ok":{"#));
//! let refused = lw.execute_json(r#"{"do": "stock", "args": {"sku": "NOPE"}}"#);
//! assert_eq!(
//!     serde_json::from_str::<serde_json::Value>(&refused)?["error"]["code"],
//!     "unknown_sku"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde_json::Value;

use crate::error::{Error, Result};
use crate::Lotwise;

pub mod args;
mod schema;
mod table;

pub use schema::{schema, SCHEMA_VERSION};
pub use table::{Command, Reply, OPERATIONS};

/// What an operation does to the store, which tells a binding how to run it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// A query: one read transaction, changes nothing.
    Read,
    /// A command: one write transaction (one per item for bulk operations);
    /// a failed command changes nothing.
    Write,
    /// Moves the engine's fixed clock; refused on the system clock.
    Clock,
    /// Needs no store (parsing).
    Pure,
}

/// One row of the operation table.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The snake_case name, as in `{"do": name}`.
    pub name: &'static str,
    /// What it does to the store.
    pub kind: OpKind,
    /// What it does, for people (every binding shows it as the method's doc).
    pub doc: &'static str,
    /// The schema of its `args`.
    pub input: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
    /// The schema of its answer.
    pub output: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
}

impl Operation {
    /// The row of the operation called `name`.
    pub fn named(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|op| op.name == name)
    }
}

impl Command {
    /// A command from its name and `args` (an object, or `null` for none),
    /// as a binding or scenario holds them. A name that is not an operation
    /// or args that do not fit it are `invalid_input`, naming the field.
    ///
    /// ```
    /// use lotwise::api::Command;
    /// let cmd = Command::from_parts("confirm_order", serde_json::json!({"id": "SO-000001"}))?;
    /// assert_eq!(cmd.name(), "confirm_order");
    /// let bad = Command::from_parts("confirm_order", serde_json::json!({"od": "SO-1"})).unwrap_err();
    /// assert_eq!(bad.code(), "invalid_input");
    /// assert!(bad.to_string().contains("unknown field `od`"));
    /// # Ok::<(), lotwise::Error>(())
    /// ```
    pub fn from_parts(name: &str, args: Value) -> Result<Command> {
        if args.is_null() {
            return Command::from_deserializer(name, Value::Object(Default::default()), || {
                "{}".into()
            });
        }
        Command::from_deserializer(name, &args, || args.to_string())
    }

    /// A command from its name and `args` read from any serde deserializer
    /// (a binding's own objects, without JSON text in between). `shown`
    /// gives the args as text for an error's `value`; it is called only on
    /// an error.
    pub fn from_deserializer<'de, D>(
        name: &str,
        args: D,
        shown: impl FnOnce() -> String,
    ) -> Result<Command>
    where
        D: serde::Deserializer<'de>,
    {
        crate::error::take_parse_error();
        match table::parse(name, args) {
            None => Err(Error::invalid_input(
                "do",
                name,
                "not an operation of lotwise (the schema lists them all)",
            )),
            Some(Ok(command)) => Ok(command),
            Some(Err(e)) => {
                // A quantity or amount that did not parse keeps its own
                // typed error (`unknown_unit`, `invalid_quantity`…), as it
                // would have parsed in Rust.
                let inner = e.inner().to_string();
                if let Some(typed) = crate::error::take_parse_error() {
                    if inner.contains(&typed.to_string()) {
                        return Err(typed);
                    }
                }
                let path = e.path().to_string();
                let field = if path == "." {
                    "args".to_string()
                } else {
                    format!("args.{path}")
                };
                let reason = format!("{name}: {}", e.into_inner());
                Err(Error::invalid_input(&field, clip(&shown()), &reason))
            }
        }
    }

    /// A command from JSON text `{"do": ..., "args": ...}` (`args` may be
    /// left out when the operation takes none).
    pub fn from_json(text: &str) -> Result<Command> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Error::invalid_input("command", clip(text), &format!("not JSON: {e}")))?;
        let Value::Object(mut map) = value else {
            return Err(Error::invalid_input(
                "command",
                clip(text),
                "expected an object {\"do\": ..., \"args\": ...}",
            ));
        };
        let name = match map.remove("do") {
            Some(Value::String(name)) => name,
            _ => {
                return Err(Error::invalid_input(
                    "do",
                    clip(text),
                    "every command names its operation in \"do\"",
                ))
            }
        };
        let args = map.remove("args").unwrap_or(Value::Null);
        if let Some(extra) = map.keys().next() {
            return Err(Error::invalid_input(
                extra,
                clip(text),
                "a command has only \"do\" and \"args\"",
            ));
        }
        Command::from_parts(&name, args)
    }
}

impl Reply {
    /// The answer as JSON, exactly the serde JSON of the output type.
    pub fn to_json(&self) -> Value {
        // Outputs are plain records of strings, decimals and dates: they
        // always serialize. Should one ever not, say so instead of panicking.
        serde_json::to_value(self).unwrap_or_else(|e| {
            Error::Internal {
                reason: format!("reply did not serialize: {e}"),
            }
            .to_json()
        })
    }
}

impl Lotwise {
    /// Runs one operation of the table: exactly the method it names, in its
    /// one transaction.
    pub fn execute(&self, command: Command) -> Result<Reply> {
        table::dispatch(self, command)
    }

    /// Runs one operation given as JSON text and answers JSON text:
    /// `{"ok": <answer>}` or `{"error": {"code", "message", ...fields}}`.
    /// Never panics on any input.
    pub fn execute_json(&self, command: &str) -> String {
        let outcome = Command::from_json(command).and_then(|c| self.execute(c));
        let envelope = match outcome {
            Ok(reply) => serde_json::json!({ "ok": reply.to_json() }),
            Err(e) => serde_json::json!({ "error": e.to_json() }),
        };
        envelope.to_string()
    }
}

/// The start of a long text, for an error's `value`.
fn clip(text: &str) -> String {
    const MAX: usize = 120;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
