//! The typed error of a text value that failed to parse inside serde, kept
//! per thread until the command layer reads it.

use super::Error;

thread_local! {
    /// The typed error of the last value that failed to parse while a
    /// command's args were read (see [`remember_parse_error`]).
    static PARSE_ERROR: std::cell::RefCell<Option<Error>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the typed error of a text value (a quantity, an amount) that did
/// not parse inside serde, where only its text could travel: the command
/// layer then answers `unknown_unit` or `invalid_quantity` for args given as
/// JSON, exactly as for a value parsed in Rust, not a generic `invalid_input`.
pub(crate) fn remember_parse_error(e: &Error) {
    PARSE_ERROR.with(|slot| *slot.borrow_mut() = Some(e.clone()));
}

/// Takes the error [`remember_parse_error`] kept, if any.
pub(crate) fn take_parse_error() -> Option<Error> {
    PARSE_ERROR.with(|slot| slot.borrow_mut().take())
}
