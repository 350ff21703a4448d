//! From the core's `lotwise::Error` to the binding's [`LotwiseError`], and
//! the few errors the binding itself raises (a closed engine, a panic).

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::LotwiseError;

impl From<lotwise::Error> for LotwiseError {
    /// The variant of the error's code, with its fields: the generated enum
    /// reads the same JSON (`Error::to_json`) every binding gets.
    fn from(e: lotwise::Error) -> Self {
        let json = e.to_json();
        serde_json::from_value(json.clone())
            .unwrap_or_else(|bad| internal(format!("error {json} did not fit LotwiseError: {bad}")))
    }
}

/// An `internal` error: a bug in lotwise, never the caller's fault.
pub(crate) fn internal(reason: String) -> LotwiseError {
    LotwiseError::Internal {
        detail: format!("internal error: {reason}"),
        reason,
    }
}

/// Runs `f`, turning a panic into an `internal` error so that the app lives
/// on (UniFFI would raise its own untyped panic error instead).
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T, LotwiseError>) -> Result<T, LotwiseError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".into());
        Err(internal(format!("panic: {what}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let err = guard::<()>(|| panic!("boom")).unwrap_err();
        assert_eq!(err.code_str(), "internal");
        assert!(err.to_string().contains("boom"), "{err}");
    }

    #[test]
    fn a_core_error_keeps_its_code_and_fields() {
        let core = lotwise::Error::InsufficientStock {
            sku: "WAX".into(),
            requested: "5".parse().unwrap(),
            available: "3".parse().unwrap(),
        };
        let text = core.to_string();
        match LotwiseError::from(core) {
            LotwiseError::InsufficientStock {
                detail,
                sku,
                requested,
                available,
            } => {
                assert_eq!(detail, text);
                assert_eq!(sku, "WAX");
                assert_eq!(requested.0, "5");
                assert_eq!(available.0, "3");
            }
            other => panic!("{other:?}"),
        }
    }
}
