//! Emitted by `scripts/codegen/uniffi.py` from `schema/lotwise.v1.json`.

pub mod errors;
pub mod operations;
pub mod records;
