//! lotwise for Swift and Kotlin, through UniFFI.
//!
//! One object, [`Engine`], opens a store (in memory or a SQLite file) and has
//! one typed method per operation of the core's command layer
//! (`lotwise::api`), generated from `schema/lotwise.v1.json` by
//! `scripts/generate.py` into `src/generated/`, as are the records, enums
//! and [`LotwiseError`] those methods take and answer. Every method goes
//! through `lotwise::api::Command`, so it runs exactly the operation the
//! table declares. The value types of the contract's text formats (decimals,
//! quantities, money, dates) are in [`values`]; `uniffi.toml` tells each
//! language which native type stands for them (`Foundation.Decimal`,
//! `java.math.BigDecimal`, `Date`, `java.time.*`).
//!
//! No panic crosses into Swift or Kotlin: every call runs under
//! `catch_unwind` and a panic becomes [`LotwiseError::Internal`].

// UniFFI hands errors to Swift and Kotlin by value: `LotwiseError` (one
// variant per code, with its fields) cannot be boxed in a signature.
#![allow(clippy::result_large_err)]

uniffi::setup_scaffolding!();

mod engine;
mod error;
pub mod values;

// Written by scripts/generate.py; formatted as emitted, checked by
// `python3 scripts/generate.py --check`. The docs are the schema's, which
// name the core's items (`Lotwise::place_orders`): links that resolve in the
// core, not here.
#[rustfmt::skip]
#[allow(missing_docs, rustdoc::broken_intra_doc_links)]
pub mod generated;

pub use engine::Engine;
pub use generated::errors::LotwiseError;
pub use generated::records::*;
pub use values::*;
