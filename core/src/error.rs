//! The one error type of lotwise. Every variant has a stable snake_case
//! [`Error::code`] that bindings expose unchanged, and carries the data a
//! caller needs to explain or fix the problem.
//!
//! The enum is the one definition of every error: its variant name gives the
//! code (snake_case, through serde and strum alike), its fields are the data
//! every binding attaches, and its `Display` is the message. It serializes as
//! `{"code": "...", ...fields}` and [`Error::to_json`] adds `"message"`;
//! the schema (`schema/lotwise.v1.json`) is derived from the same enum.

use rust_decimal::Decimal;

mod category;
mod json;
mod parse_error;

pub use category::ErrorCategory;
pub use json::ErrorReport;
pub(crate) use parse_error::{remember_parse_error, take_parse_error};

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
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    thiserror::Error,
    serde::Serialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
    strum::EnumDiscriminants,
)]
#[strum_discriminants(
    name(ErrorCode),
    vis(pub),
    derive(Hash, strum::IntoStaticStr, strum::VariantArray),
    strum(serialize_all = "snake_case"),
    doc = "Every error code, without the data: `ErrorCode::VARIANTS` lists them all."
)]
#[serde(tag = "code", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    /// A unit lotwise does not know: not a standard unit and, for an item,
    /// not one of its pack units either.
    #[error("unknown unit `{unit}` in `{value}`{}", sku.as_ref().map(|s| format!(" (not a standard unit nor a pack unit of `{s}`)")).unwrap_or_default())]
    UnknownUnit {
        /// The unit as given.
        unit: String,
        /// The whole value as given, e.g. `3 furlongs`.
        value: String,
        /// The item the quantity was for, when there was one to ask for its pack units.
        sku: Option<String>,
    },
    /// A pack unit defined for other items was used for one that does not
    /// define it (`box` of BAR-LAV given for CANDLE-LAV).
    #[error("`{unit}` in `{value}` is a pack unit of {}, not of `{sku}`", pack_of.join(", "))]
    PackUnitMismatch {
        /// The pack unit as given.
        unit: String,
        /// The whole value as given, e.g. `2 box`.
        value: String,
        /// The item the quantity was for.
        sku: String,
        /// The items that define a pack of that name.
        pack_of: Vec<String>,
    },
    /// An amount of money with more decimal places than its use allows
    /// (see `Money` for the rule: unit prices and costs keep up to four
    /// places more than the currency's minor unit).
    #[error("{field}: `{value}` has more than {max_places} decimal places")]
    MoneyPrecision {
        /// The name of the input field that holds the amount.
        field: String,
        /// The amount as given.
        value: String,
        /// How many decimal places the field takes in that currency.
        max_places: u32,
    },
    /// A cost below zero.
    #[error("{field}: a cost must not be negative, got `{value}`")]
    NegativeCost {
        /// The name of the input field that holds the cost.
        field: String,
        /// The cost as given.
        value: String,
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
    /// A webhook delivery whose signature is missing or does not match its
    /// raw body; it was refused before its body was read.
    #[error("invalid {channel} webhook signature in `{header}`: {reason}")]
    InvalidSignature {
        /// The sales channel that signs its deliveries, e.g. `shopify`.
        channel: String,
        /// The header that carries the signature, e.g. `X-Shopify-Hmac-Sha256`.
        header: String,
        /// Why the delivery was refused, in plain English.
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
    /// The order is held for review (by hand or by a rule) and cannot be
    /// confirmed until it is released.
    #[error("order `{order}` is on hold: {reason}")]
    OrderOnHold {
        /// The sales order id.
        order: String,
        /// Why it is held.
        reason: String,
    },
    /// No customer has this id.
    #[error("unknown customer `{customer}`")]
    UnknownCustomer {
        /// The customer id asked for, e.g. `CU-000042`.
        customer: String,
    },
    /// No customer segment has this code.
    #[error("unknown customer segment `{segment}`")]
    UnknownSegment {
        /// The segment code asked for.
        segment: String,
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
    /// The lot is held (QA hold, recall, customer complaint): it may not be
    /// reserved, consumed, transferred or shipped until it is released.
    #[error("lot `{lot}` is on hold ({reason})")]
    LotOnHold {
        /// The held lot's code.
        lot: String,
        /// Why it is held: `qa_hold`, `recall`, `customer_complaint` or `other`.
        reason: String,
    },
    /// A lot was to be released that is not held.
    #[error("lot `{lot}` is not on hold")]
    LotNotHeld {
        /// The lot's code.
        lot: String,
    },
    /// An order line was to be set below what has already shipped.
    #[error("order `{order}` line {line}: {requested} is below the {shipped} already shipped")]
    BelowShipped {
        /// The sales order id.
        order: String,
        /// The 1-based order line number.
        line: u32,
        /// The quantity asked for, in the item's base unit.
        requested: Decimal,
        /// The quantity already shipped (and settled outside lotwise), in the item's base unit.
        shipped: Decimal,
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
        self.into()
    }

    /// What kind of failure this is, for hosts that map errors onto their
    /// own families (Python's `LookupError` and `ValueError`, say).
    ///
    /// ```
    /// use lotwise::error::{Error, ErrorCategory};
    /// assert_eq!(Error::UnknownSku { sku: "X".into() }.category(), ErrorCategory::NotFound);
    /// ```
    pub fn category(&self) -> ErrorCategory {
        ErrorCode::from(self).category()
    }

    /// Whether the same command may succeed if simply retried.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Conflict { .. })
    }

    /// Every error code lotwise has, in declaration order.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        use strum::VariantArray;
        ErrorCode::VARIANTS.iter().map(|c| c.as_str())
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
