//! The native half of the `lotwise` npm package: the engine as a Node addon
//! (napi-rs). It is deliberately small: one class, [`Engine`], whose
//! `execute` runs any operation of the core's command layer by name with its
//! `args` as a plain JS object, and answers the result as plain JS values, or
//! a [`Failure`] the JS facade (`lotwise/index.js`, generated from the
//! schema) turns into the error subclass of its code. Methods, types and
//! error classes all live in the generated facade; nothing here knows an
//! operation by name.

mod convert;
mod engine;
mod failure;

pub use engine::Engine;
pub use failure::Failure;
