//! The one error type of lotwise. Every variant has a stable snake_case
//! [`Error::code`] that bindings expose unchanged, and carries the data a
//! caller needs to explain or fix the problem.

use rust_decimal::Decimal;

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a lotwise command or query.
///
/// ```
/// use lotwise::Error;
/// let e = Error::UnknownSku { sku: "WAX-9".into() };
/// assert_eq!(e.code(), "unknown_sku");
/// assert_eq!(e.to_string(), "unknown sku `WAX-9`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No item has this SKU.
    #[error("unknown sku `{sku}`")]
    UnknownSku {
        /// The SKU asked for.
        sku: String,
    },
    /// An item with this SKU already exists.
    #[error("sku `{sku}` is already defined")]
    DuplicateSku {
        /// The SKU that is already taken.
        sku: String,
    },
    /// No location has this code.
    #[error("unknown location `{location}`")]
    UnknownLocation {
        /// The location code asked for.
        location: String,
    },
    /// A location with this code already exists.
    #[error("location `{location}` is already defined")]
    DuplicateLocation {
        /// The location code that is already taken.
        location: String,
    },
    /// No lot has this code.
    #[error("unknown lot `{lot}`")]
    UnknownLot {
        /// The lot code asked for.
        lot: String,
    },
    /// The lot code is taken by another item.
    #[error("lot `{lot}` already exists for sku `{sku}`")]
    DuplicateLot {
        /// The lot code that is already taken.
        lot: String,
        /// The SKU of the item that already owns the lot code.
        sku: String,
    },
    /// No sales order has this id.
    #[error("unknown order `{order}`")]
    UnknownOrder {
        /// The sales order id asked for, e.g. `SO-000001`.
        order: String,
    },
    /// The order has no line with this number.
    #[error("order `{order}` has no line {line}")]
    UnknownOrderLine {
        /// The sales order id, e.g. `SO-000001`.
        order: String,
        /// The 1-based line number that the order does not have.
        line: u32,
    },
    /// No manufacturing order has this id.
    #[error("unknown manufacturing order `{mo}`")]
    UnknownMo {
        /// The manufacturing order id asked for, e.g. `MO-000001`.
        mo: String,
    },
    /// The product has no recipe.
    #[error("no recipe for `{sku}`")]
    NoRecipe {
        /// The SKU of the product that would have to be made.
        sku: String,
    },
    /// A quantity is zero, negative, fractional for pieces, or unparseable.
    #[error("invalid quantity for {field}: `{value}` ({reason})")]
    InvalidQuantity {
        /// The name of the input field that holds the quantity.
        field: String,
        /// The rejected value as the caller gave it.
        value: String,
        /// Why the value was rejected, in plain English.
        reason: String,
    },
    /// A unit of another dimension than the item's (e.g. litres of wax kept in grams).
    #[error("unit mismatch: expected a unit of {expected}, got `{got}`")]
    UnitMismatch {
        /// The dimension (and, for an item, its unit) that was expected, e.g. `mass (g)`.
        expected: String,
        /// The unit symbol that was given.
        got: String,
    },
    /// A unit symbol lotwise does not know.
    #[error("unknown unit `{unit}`")]
    UnknownUnit {
        /// The unit symbol as given.
        unit: String,
    },
    /// Amounts in two currencies were combined.
    #[error("currency mismatch: expected {expected}, got {got}")]
    CurrencyMismatch {
        /// The ISO 4217 code already in use (e.g. `USD`).
        expected: String,
        /// The ISO 4217 code of the other amount.
        got: String,
    },
    /// Any other field that fails validation.
    #[error("invalid {field}: `{value}` ({reason})")]
    InvalidInput {
        /// The name of the input field that failed validation.
        field: String,
        /// The rejected value as the caller gave it.
        value: String,
        /// Why the value was rejected, in plain English.
        reason: String,
    },
    /// A recipe would make a product out of itself.
    #[error("recipe cycle: {}", path.join(" -> "))]
    RecipeCycle {
        /// The SKUs along the cycle, starting and ending with the same SKU.
        path: Vec<String>,
    },
    /// Less stock is free than the command needs.
    #[error("insufficient stock of `{sku}`: requested {requested}, available {available}")]
    InsufficientStock {
        /// The SKU short of stock.
        sku: String,
        /// The quantity needed, in the item's base unit.
        requested: Decimal,
        /// The quantity free to use, in the item's base unit.
        available: Decimal,
    },
    /// More was asked to ship than is ready for the line.
    #[error("order `{order}` line {line}: requested {requested} to ship, {ready} ready")]
    NotReadyToShip {
        /// The sales order id.
        order: String,
        /// The 1-based order line number.
        line: u32,
        /// The quantity asked to ship, in the item's base unit.
        requested: Decimal,
        /// The quantity ready to ship for the line, in the item's base unit.
        ready: Decimal,
    },
    /// The action is not allowed in the entity's current state.
    #[error("cannot {action} {entity} `{id}` while it is {from}")]
    InvalidTransition {
        /// The kind of entity, e.g. `order` or `mo`.
        entity: String,
        /// The id of the entity, e.g. `SO-000001`.
        id: String,
        /// The state the entity is in now.
        from: String,
        /// The action that was refused, e.g. `ship`.
        action: String,
    },
    /// An order with this channel and external reference exists with other content.
    #[error("order `{external_ref}` from {channel} already exists with different content")]
    DuplicateExternalOrder {
        /// The sales channel the order came from.
        channel: String,
        /// The channel's own reference for the order.
        external_ref: String,
    },
    /// A lot past its expiry date was to be consumed or shipped.
    #[error("lot `{lot}` expired on {expiry}")]
    LotExpired {
        /// The code of the expired lot.
        lot: String,
        /// The lot's expiry date.
        expiry: chrono::NaiveDate,
    },
    /// A channel payload could not be turned into an order.
    #[error("invalid {channel} payload at `{field}`: {reason}")]
    InvalidPayload {
        /// The sales channel whose payload was rejected.
        channel: String,
        /// The path of the offending field within the payload.
        field: String,
        /// Why the field was rejected, in plain English.
        reason: String,
    },
    /// A supplier lead time below zero days.
    #[error("supplier `{supplier}`: lead time must not be negative, got {days} days")]
    NegativeLeadTime {
        /// The supplier code.
        supplier: String,
        /// The SKU of the item-specific lead time, or `None` for the supplier's default lead time.
        sku: Option<String>,
        /// The rejected lead time, in days.
        days: i64,
    },
    /// No supplier has this code.
    #[error("unknown supplier `{supplier}`")]
    UnknownSupplier {
        /// The supplier code asked for.
        supplier: String,
    },
    /// No purchase order has this id.
    #[error("unknown purchase order `{po}`")]
    UnknownPurchaseOrder {
        /// The purchase order id asked for.
        po: String,
    },
    /// No transfer has this id.
    #[error("unknown transfer `{transfer}`")]
    UnknownTransfer {
        /// The transfer id asked for.
        transfer: String,
    },
    /// The stock is there but held for orders or manufacturing orders.
    #[error("stock of `{sku}` at {location} is reserved: requested {requested}, unreserved {unreserved}")]
    StockReserved {
        /// The SKU of the stock.
        sku: String,
        /// The lot code, or `None` when the request was not for a specific lot.
        lot: Option<String>,
        /// The location code where the stock is.
        location: String,
        /// The quantity asked for, in the item's base unit.
        requested: Decimal,
        /// The quantity there that is not reserved, in the item's base unit.
        unreserved: Decimal,
    },
    /// No location (or combination, when splitting is allowed) can ship the order.
    #[error("no location can ship order `{order}`: {reason}")]
    NoShippingLocation {
        /// The sales order id.
        order: String,
        /// Why no location qualifies, in plain English.
        reason: String,
    },
    /// More of a lot was to come back than shipped on that order line.
    #[error("order `{order}` line {line}: return of {requested} of lot `{lot}` exceeds the {returnable} shipped and not yet returned")]
    ReturnExceedsShipped {
        /// The sales order id.
        order: String,
        /// The 1-based order line number.
        line: u32,
        /// The code of the lot being returned.
        lot: String,
        /// The quantity to be returned, in the item's base unit.
        requested: Decimal,
        /// The quantity of the lot shipped on the line and not yet returned, in the item's base unit.
        returnable: Decimal,
    },
    /// Another writer changed the same data; the command may be retried.
    #[error("conflict: {reason}")]
    Conflict {
        /// What was changed concurrently, in plain English.
        reason: String,
    },
    /// The storage backend failed.
    #[error("storage error: {reason}")]
    Storage {
        /// The backend's own error message.
        reason: String,
    },
    /// The database was written by a newer lotwise; upgrade lotwise to open it.
    #[error("database schema version {found} is newer than this lotwise supports ({supported})")]
    UnsupportedSchemaVersion {
        /// The schema version recorded in the database.
        found: i64,
        /// The newest schema version this lotwise can open.
        supported: i64,
    },
    /// The file or database is not a lotwise database (another application's, or not a database at all); it was left untouched.
    #[error("`{location}` is not a lotwise database: {reason}")]
    UnrecognizedDatabase {
        /// The path or connection string that was opened.
        location: String,
        /// Why it was not recognised, in plain English.
        reason: String,
    },
    /// A bug in lotwise; please report it.
    #[error("internal error: {reason}")]
    Internal {
        /// A description of the broken assumption, for the bug report.
        reason: String,
    },
}

impl Error {
    /// The stable snake_case code of this error, identical in every binding.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownSku { .. } => "unknown_sku",
            Error::DuplicateSku { .. } => "duplicate_sku",
            Error::UnknownLocation { .. } => "unknown_location",
            Error::DuplicateLocation { .. } => "duplicate_location",
            Error::UnknownLot { .. } => "unknown_lot",
            Error::DuplicateLot { .. } => "duplicate_lot",
            Error::UnknownOrder { .. } => "unknown_order",
            Error::UnknownOrderLine { .. } => "unknown_order_line",
            Error::UnknownMo { .. } => "unknown_mo",
            Error::NoRecipe { .. } => "no_recipe",
            Error::InvalidQuantity { .. } => "invalid_quantity",
            Error::UnitMismatch { .. } => "unit_mismatch",
            Error::UnknownUnit { .. } => "unknown_unit",
            Error::CurrencyMismatch { .. } => "currency_mismatch",
            Error::InvalidInput { .. } => "invalid_input",
            Error::RecipeCycle { .. } => "recipe_cycle",
            Error::InsufficientStock { .. } => "insufficient_stock",
            Error::NotReadyToShip { .. } => "not_ready_to_ship",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::DuplicateExternalOrder { .. } => "duplicate_external_order",
            Error::LotExpired { .. } => "lot_expired",
            Error::InvalidPayload { .. } => "invalid_payload",
            Error::NegativeLeadTime { .. } => "negative_lead_time",
            Error::UnknownSupplier { .. } => "unknown_supplier",
            Error::UnknownPurchaseOrder { .. } => "unknown_purchase_order",
            Error::UnknownTransfer { .. } => "unknown_transfer",
            Error::StockReserved { .. } => "stock_reserved",
            Error::NoShippingLocation { .. } => "no_shipping_location",
            Error::ReturnExceedsShipped { .. } => "return_exceeds_shipped",
            Error::Conflict { .. } => "conflict",
            Error::Storage { .. } => "storage",
            Error::UnsupportedSchemaVersion { .. } => "unsupported_schema_version",
            Error::UnrecognizedDatabase { .. } => "unrecognized_database",
            Error::Internal { .. } => "internal",
        }
    }

    /// Whether the same command may succeed if simply retried.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Conflict { .. })
    }

    /// The error's fields as JSON, for bindings that attach them to exceptions.
    pub fn fields(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Error::UnknownSku { sku } | Error::DuplicateSku { sku } | Error::NoRecipe { sku } => {
                json!({ "sku": sku })
            }
            Error::UnknownLocation { location } | Error::DuplicateLocation { location } => {
                json!({ "location": location })
            }
            Error::UnknownLot { lot } => json!({ "lot": lot }),
            Error::DuplicateLot { lot, sku } => json!({ "lot": lot, "sku": sku }),
            Error::UnknownOrder { order } => json!({ "order": order }),
            Error::UnknownOrderLine { order, line } => json!({ "order": order, "line": line }),
            Error::UnknownMo { mo } => json!({ "mo": mo }),
            Error::InvalidQuantity {
                field,
                value,
                reason,
            }
            | Error::InvalidInput {
                field,
                value,
                reason,
            } => {
                json!({ "field": field, "value": value, "reason": reason })
            }
            Error::UnitMismatch { expected, got } | Error::CurrencyMismatch { expected, got } => {
                json!({ "expected": expected, "got": got })
            }
            Error::UnknownUnit { unit } => json!({ "unit": unit }),
            Error::RecipeCycle { path } => json!({ "path": path }),
            Error::InsufficientStock {
                sku,
                requested,
                available,
            } => {
                json!({ "sku": sku, "requested": requested.to_string(), "available": available.to_string() })
            }
            Error::NotReadyToShip {
                order,
                line,
                requested,
                ready,
            } => json!({
                "order": order, "line": line, "requested": requested.to_string(), "ready": ready.to_string()
            }),
            Error::InvalidTransition {
                entity,
                id,
                from,
                action,
            } => {
                json!({ "entity": entity, "id": id, "from": from, "action": action })
            }
            Error::DuplicateExternalOrder {
                channel,
                external_ref,
            } => {
                json!({ "channel": channel, "external_ref": external_ref })
            }
            Error::LotExpired { lot, expiry } => {
                json!({ "lot": lot, "expiry": expiry.to_string() })
            }
            Error::InvalidPayload {
                channel,
                field,
                reason,
            } => {
                json!({ "channel": channel, "field": field, "reason": reason })
            }
            Error::NegativeLeadTime {
                supplier,
                sku,
                days,
            } => json!({ "supplier": supplier, "sku": sku, "days": days }),
            Error::UnknownSupplier { supplier } => json!({ "supplier": supplier }),
            Error::UnknownPurchaseOrder { po } => json!({ "po": po }),
            Error::UnknownTransfer { transfer } => json!({ "transfer": transfer }),
            Error::StockReserved {
                sku,
                lot,
                location,
                requested,
                unreserved,
            } => json!({
                "sku": sku, "lot": lot, "location": location,
                "requested": requested.to_string(), "unreserved": unreserved.to_string()
            }),
            Error::NoShippingLocation { order, reason } => {
                json!({ "order": order, "reason": reason })
            }
            Error::ReturnExceedsShipped {
                order,
                line,
                lot,
                requested,
                returnable,
            } => json!({
                "order": order, "line": line, "lot": lot,
                "requested": requested.to_string(), "returnable": returnable.to_string()
            }),
            Error::UnsupportedSchemaVersion { found, supported } => {
                json!({ "found": found, "supported": supported })
            }
            Error::UnrecognizedDatabase { location, reason } => {
                json!({ "location": location, "reason": reason })
            }
            Error::Conflict { reason } | Error::Storage { reason } | Error::Internal { reason } => {
                json!({ "reason": reason })
            }
        }
    }

    pub(crate) fn invalid_input(field: &str, value: impl ToString, reason: &str) -> Error {
        Error::InvalidInput {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid_qty(field: &str, value: impl ToString, reason: &str) -> Error {
        Error::InvalidQuantity {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}
