//! The native half of the `lotwise` npm package: the engine as a Node addon
//! (napi-rs). It is deliberately small: one class, [`Engine`], whose
//! `execute` runs any operation of the core's command layer by name with its
//! `args` as JSON text, and answers the result as JSON text, or a
//! [`Failure`] the JS facade (`index.js`) turns into the error subclass of
//! its code. Methods, types and error classes come from the schema
//! (`operations.js`, `errors.js`, `index.d.ts`); nothing here knows an
//! operation by name.

mod convert;
mod engine;
mod failure;

pub use engine::Engine;
pub use failure::Failure;
