//! An error as JSON: [`Error::fields`] and [`Error::to_json`], and
//! [`ErrorReport`], an error carried as data inside a result.

use super::Error;

impl Error {
    /// The error's fields as JSON (an object, without `code` and `message`),
    /// for bindings that attach them to exceptions.
    ///
    /// ```
    /// use lotwise::Error;
    /// let e = Error::UnknownOrder { order: "SO-000042".into() };
    /// assert_eq!(e.fields(), serde_json::json!({ "order": "SO-000042" }));
    /// ```
    pub fn fields(&self) -> serde_json::Value {
        let mut value = self.to_json();
        if let serde_json::Value::Object(map) = &mut value {
            map.remove("code");
            map.remove("message");
        }
        value
    }

    /// The error as every binding shows it: `{"code", "message", ...fields}`.
    ///
    /// ```
    /// use lotwise::Error;
    /// let e = Error::UnknownSku { sku: "WAX-9".into() };
    /// assert_eq!(
    ///     e.to_json(),
    ///     serde_json::json!({ "code": "unknown_sku", "message": "unknown sku `WAX-9`", "sku": "WAX-9" })
    /// );
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        // An error's fields are strings, numbers, decimals and dates: they
        // always serialize; the fallback keeps the code if one ever does not.
        let mut value = serde_json::to_value(self)
            .unwrap_or_else(|_| serde_json::json!({ "code": self.code() }));
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("message".into(), self.to_string().into());
        }
        value
    }
}

/// An [`Error`] as data inside a result, `{"code", "message", ...fields}`:
/// what one item of a bulk operation answers when it was refused, and what
/// [`Lotwise::execute_json`](crate::Lotwise::execute_json) answers under
/// `"error"`.
///
/// ```
/// use lotwise::error::{Error, ErrorReport};
/// let report = ErrorReport(Error::UnknownSku { sku: "WAX-9".into() });
/// assert_eq!(
///     serde_json::to_value(&report).unwrap(),
///     serde_json::json!({ "code": "unknown_sku", "sku": "WAX-9", "message": "unknown sku `WAX-9`" })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport(pub Error);

impl serde::Serialize for ErrorReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.to_json().serialize(s)
    }
}

impl schemars::JsonSchema for ErrorReport {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ErrorReport".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let error = generator.subschema_for::<Error>();
        schemars::json_schema!({
            "description": "An error as data: its `code`, its `message` (for people) and its fields, as the `Error` of that code has them.",
            "allOf": [error],
            "properties": { "message": { "type": "string" } },
            "required": ["message"]
        })
    }
}

impl From<Error> for ErrorReport {
    fn from(e: Error) -> Self {
        ErrorReport(e)
    }
}
