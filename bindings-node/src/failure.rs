//! Errors as values: a lotwise error (or a panic, or args Node could not
//! read) crosses into JS as a [`Failure`], never as a thrown napi error, so
//! the facade raises exactly one kind of thing: the generated subclass of
//! the error's code, with its fields.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use napi_derive::napi;
use serde_json::Value;

/// A refused call: the error as `{code, message, ...fields}`, as the core's
/// `Error::to_json` writes it. Only the facade sees it.
#[napi]
pub struct Failure {
    detail: Value,
}

#[napi]
impl Failure {
    /// `{code, message, ...fields}` of the error.
    #[napi(getter)]
    pub fn detail(&self) -> Value {
        crate::convert::safe_numbers(self.detail.clone())
    }
}

impl From<lotwise::Error> for Failure {
    fn from(e: lotwise::Error) -> Self {
        Failure {
            detail: e.to_json(),
        }
    }
}

/// Runs `f`, turning a panic into `Error::Internal`: no panic ever
/// unwinds into Node, and the process lives on.
pub(crate) fn guarded<T>(f: impl FnOnce() -> lotwise::Result<T>) -> lotwise::Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(lotwise::Error::Internal {
            reason: format!("panic: {}", panic_text(payload.as_ref())),
        })
    })
}

fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_string()
    }
}
