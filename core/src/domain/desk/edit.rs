//! Tags, notes and the per-order results of bulk actions.

use serde::{Deserialize, Serialize};

use super::{MAX_NOTE, MAX_TAG};
use crate::domain::order::OrderStatus;
use crate::error::{Error, Result};

/// The outcome for one order of a bulk action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BulkResult {
    /// Order id as given.
    pub order: String,
    /// What happened to it.
    pub outcome: BulkOutcome,
}

impl BulkResult {
    /// Whether the action succeeded for this order.
    pub fn is_ok(&self) -> bool {
        matches!(self.outcome, BulkOutcome::Ok { .. })
    }
}

/// Success with the order's new status, or the error's stable code and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum BulkOutcome {
    /// Done.
    Ok {
        /// The order's status afterwards.
        status: OrderStatus,
    },
    /// Not done; nothing changed for this order.
    Error {
        /// `Error::code()`.
        code: String,
        /// `Error`'s message.
        message: String,
    },
}

impl BulkOutcome {
    /// The outcome of one order's command.
    pub fn of(result: &Result<OrderStatus>) -> BulkOutcome {
        match result {
            Ok(status) => BulkOutcome::Ok { status: *status },
            Err(e) => BulkOutcome::Error {
                code: e.code().to_string(),
                message: e.to_string(),
            },
        }
    }
}

/// A tag as stored: trimmed, 1 to [`MAX_TAG`] characters, no control
/// characters and no commas (channels join tags with commas).
pub fn normalize_tag(tag: &str) -> Result<String> {
    let t = tag.trim();
    let len = t.chars().count();
    if len == 0 || len > MAX_TAG {
        return Err(Error::invalid_input(
            "tag",
            tag,
            &format!("must be 1 to {MAX_TAG} characters"),
        ));
    }
    if t.chars().any(|c| c.is_control() || c == ',') {
        return Err(Error::invalid_input(
            "tag",
            tag,
            "must not contain commas or control characters",
        ));
    }
    Ok(t.to_string())
}

/// Whether `tags` holds `tag`, ignoring case.
pub fn has_tag(tags: &[String], tag: &str) -> bool {
    let lower = tag.to_lowercase();
    tags.iter().any(|t| t.to_lowercase() == lower)
}

/// A note as stored: `None` for an absent or blank note; at most [`MAX_NOTE`] characters.
pub fn normalize_note(note: Option<&str>) -> Result<Option<String>> {
    match note {
        None => Ok(None),
        Some(n) if n.trim().is_empty() => Ok(None),
        Some(n) if n.chars().count() > MAX_NOTE => Err(Error::invalid_input(
            "note",
            format!("{}…", n.chars().take(40).collect::<String>()),
            &format!("must be at most {MAX_NOTE} characters"),
        )),
        Some(n) => Ok(Some(n.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_notes_are_validated() {
        assert_eq!(normalize_tag("  rush ").unwrap(), "rush");
        assert!(normalize_tag("a,b").is_err());
        assert!(normalize_tag(" ").is_err());
        assert!(normalize_tag(&"x".repeat(65)).is_err());
        assert!(has_tag(&["Gift".into()], "gIFT"));
        assert_eq!(normalize_note(Some("  ")).unwrap(), None);
        assert!(normalize_note(Some(&"n".repeat(10_001))).is_err());
    }
}
