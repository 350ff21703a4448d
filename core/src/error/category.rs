//! The family of every error code: [`ErrorCategory`] and the code-to-family
//! table on [`ErrorCode`].

#[cfg(doc)]
use super::Error;
use super::ErrorCode;

/// The family an [`Error`] belongs to (`Error::category`), the same in every
/// binding and listed per code in the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCategory {
    /// Something named by id, code or SKU does not exist.
    NotFound,
    /// An input value is malformed or out of range.
    Invalid,
    /// The input is well-formed but the current state refuses it
    /// (not enough stock, a transition not allowed, a duplicate).
    Refused,
    /// Another writer got there first; the same command may succeed if retried.
    Retryable,
    /// The storage backend failed or the database cannot be opened.
    Storage,
    /// A bug in lotwise.
    Internal,
}

impl ErrorCode {
    /// The stable snake_case code, e.g. `insufficient_stock`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The family this code belongs to.
    pub fn category(self) -> ErrorCategory {
        use ErrorCategory::*;
        match self {
            ErrorCode::UnknownSku
            | ErrorCode::UnknownLocation
            | ErrorCode::UnknownLot
            | ErrorCode::UnknownOrder
            | ErrorCode::UnknownOrderLine
            | ErrorCode::UnknownMo
            | ErrorCode::NoRecipe
            | ErrorCode::UnknownSupplier
            | ErrorCode::UnknownPurchaseOrder
            | ErrorCode::UnknownTransfer
            | ErrorCode::UnknownCustomer
            | ErrorCode::UnknownSegment => NotFound,
            ErrorCode::InvalidQuantity
            | ErrorCode::UnitMismatch
            | ErrorCode::UnknownUnit
            | ErrorCode::PackUnitMismatch
            | ErrorCode::MoneyPrecision
            | ErrorCode::NegativeCost
            | ErrorCode::CurrencyMismatch
            | ErrorCode::InvalidInput
            | ErrorCode::InvalidPayload
            | ErrorCode::InvalidSignature
            | ErrorCode::NegativeLeadTime => Invalid,
            ErrorCode::DuplicateSku
            | ErrorCode::DuplicateLocation
            | ErrorCode::DuplicateLot
            | ErrorCode::RecipeCycle
            | ErrorCode::InsufficientStock
            | ErrorCode::NotReadyToShip
            | ErrorCode::InvalidTransition
            | ErrorCode::DuplicateExternalOrder
            | ErrorCode::LotExpired
            | ErrorCode::StockReserved
            | ErrorCode::NoShippingLocation
            | ErrorCode::ReturnExceedsShipped
            | ErrorCode::OrderOnHold => Refused,
            ErrorCode::LotOnHold | ErrorCode::LotNotHeld | ErrorCode::BelowShipped => Refused,
            ErrorCode::Conflict => Retryable,
            ErrorCode::Storage
            | ErrorCode::UnsupportedSchemaVersion
            | ErrorCode::UnrecognizedDatabase => Storage,
            ErrorCode::Internal => Internal,
        }
    }
}
