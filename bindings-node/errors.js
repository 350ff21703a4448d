// One Error subclass per error code of lotwise.
//
// Generated from schema/lotwise.v1.json by scripts/generate.py: do not edit;
// run `scripts/generate.sh` after changing the core's command layer.

'use strict';

const { LotwiseError, register } = require('./error_base.js');

/** The storage backend failed. */
class StorageError extends LotwiseError {}
register(StorageError, "storage", "storage");

/** No item has this SKU. */
class UnknownSkuError extends LotwiseError {}
register(UnknownSkuError, "unknown_sku", "not_found");

/** An item with this SKU already exists. */
class DuplicateSkuError extends LotwiseError {}
register(DuplicateSkuError, "duplicate_sku", "refused");

/** No location has this code. */
class UnknownLocationError extends LotwiseError {}
register(UnknownLocationError, "unknown_location", "not_found");

/** A location with this code already exists. */
class DuplicateLocationError extends LotwiseError {}
register(DuplicateLocationError, "duplicate_location", "refused");

/** No lot has this code. */
class UnknownLotError extends LotwiseError {}
register(UnknownLotError, "unknown_lot", "not_found");

/** The lot code is taken by another item. */
class DuplicateLotError extends LotwiseError {}
register(DuplicateLotError, "duplicate_lot", "refused");

/** No sales order has this id. */
class UnknownOrderError extends LotwiseError {}
register(UnknownOrderError, "unknown_order", "not_found");

/** The order has no line with this number. */
class UnknownOrderLineError extends LotwiseError {}
register(UnknownOrderLineError, "unknown_order_line", "not_found");

/** No manufacturing order has this id. */
class UnknownMoError extends LotwiseError {}
register(UnknownMoError, "unknown_mo", "not_found");

/** The product has no recipe. */
class NoRecipeError extends LotwiseError {}
register(NoRecipeError, "no_recipe", "not_found");

/** A quantity is zero, negative, fractional for pieces, or unparseable. */
class InvalidQuantityError extends LotwiseError {}
register(InvalidQuantityError, "invalid_quantity", "invalid");

/** A unit of another dimension than the item's (e.g. litres of wax kept in grams). */
class UnitMismatchError extends LotwiseError {}
register(UnitMismatchError, "unit_mismatch", "invalid");

/**
 * A unit lotwise does not know: not a standard unit and, for an item,
 * not one of its pack units either.
 */
class UnknownUnitError extends LotwiseError {}
register(UnknownUnitError, "unknown_unit", "invalid");

/**
 * A pack unit defined for other items was used for one that does not
 * define it (`box` of BAR-LAV given for CANDLE-LAV).
 */
class PackUnitMismatchError extends LotwiseError {}
register(PackUnitMismatchError, "pack_unit_mismatch", "invalid");

/**
 * An amount of money with more decimal places than its use allows
 * (see `Money` for the rule: unit prices and costs keep up to four
 * places more than the currency's minor unit).
 */
class MoneyPrecisionError extends LotwiseError {}
register(MoneyPrecisionError, "money_precision", "invalid");

/** A cost below zero. */
class NegativeCostError extends LotwiseError {}
register(NegativeCostError, "negative_cost", "invalid");

/** Amounts in two currencies were combined. */
class CurrencyMismatchError extends LotwiseError {}
register(CurrencyMismatchError, "currency_mismatch", "invalid");

/** Any other field that fails validation. */
class InvalidInputError extends LotwiseError {}
register(InvalidInputError, "invalid_input", "invalid");

/** A recipe would make a product out of itself. */
class RecipeCycleError extends LotwiseError {}
register(RecipeCycleError, "recipe_cycle", "refused");

/** Less stock is free than the command needs. */
class InsufficientStockError extends LotwiseError {}
register(InsufficientStockError, "insufficient_stock", "refused");

/** More was asked to ship than is ready for the line. */
class NotReadyToShipError extends LotwiseError {}
register(NotReadyToShipError, "not_ready_to_ship", "refused");

/** The action is not allowed in the entity's current state. */
class InvalidTransitionError extends LotwiseError {}
register(InvalidTransitionError, "invalid_transition", "refused");

/** An order with this channel and external reference exists with other content. */
class DuplicateExternalOrderError extends LotwiseError {}
register(DuplicateExternalOrderError, "duplicate_external_order", "refused");

/** A lot past its expiry date was to be consumed or shipped. */
class LotExpiredError extends LotwiseError {}
register(LotExpiredError, "lot_expired", "refused");

/** A channel payload could not be turned into an order. */
class InvalidPayloadError extends LotwiseError {}
register(InvalidPayloadError, "invalid_payload", "invalid");

/**
 * A webhook delivery whose signature is missing or does not match its
 * raw body; it was refused before its body was read.
 */
class InvalidSignatureError extends LotwiseError {}
register(InvalidSignatureError, "invalid_signature", "invalid");

/** A supplier lead time below zero days. */
class NegativeLeadTimeError extends LotwiseError {}
register(NegativeLeadTimeError, "negative_lead_time", "invalid");

/** No supplier has this code. */
class UnknownSupplierError extends LotwiseError {}
register(UnknownSupplierError, "unknown_supplier", "not_found");

/** No purchase order has this id. */
class UnknownPurchaseOrderError extends LotwiseError {}
register(UnknownPurchaseOrderError, "unknown_purchase_order", "not_found");

/** No transfer has this id. */
class UnknownTransferError extends LotwiseError {}
register(UnknownTransferError, "unknown_transfer", "not_found");

/**
 * The order is held for review (by hand or by a rule) and cannot be
 * confirmed until it is released.
 */
class OrderOnHoldError extends LotwiseError {}
register(OrderOnHoldError, "order_on_hold", "refused");

/** No customer has this id. */
class UnknownCustomerError extends LotwiseError {}
register(UnknownCustomerError, "unknown_customer", "not_found");

/** No customer segment has this code. */
class UnknownSegmentError extends LotwiseError {}
register(UnknownSegmentError, "unknown_segment", "not_found");

/** The stock is there but held for orders or manufacturing orders. */
class StockReservedError extends LotwiseError {}
register(StockReservedError, "stock_reserved", "refused");

/** No location (or combination, when splitting is allowed) can ship the order. */
class NoShippingLocationError extends LotwiseError {}
register(NoShippingLocationError, "no_shipping_location", "refused");

/** More of a lot was to come back than shipped on that order line. */
class ReturnExceedsShippedError extends LotwiseError {}
register(ReturnExceedsShippedError, "return_exceeds_shipped", "refused");

/**
 * The lot is held (QA hold, recall, customer complaint): it may not be
 * reserved, consumed, transferred or shipped until it is released.
 */
class LotOnHoldError extends LotwiseError {}
register(LotOnHoldError, "lot_on_hold", "refused");

/** A lot was to be released that is not held. */
class LotNotHeldError extends LotwiseError {}
register(LotNotHeldError, "lot_not_held", "refused");

/** An order line was to be set below what has already shipped. */
class BelowShippedError extends LotwiseError {}
register(BelowShippedError, "below_shipped", "refused");

/** Another writer changed the same data; the command may be retried. */
class ConflictError extends LotwiseError {}
register(ConflictError, "conflict", "retryable");

/** The database was written by a newer lotwise; upgrade lotwise to open it. */
class UnsupportedSchemaVersionError extends StorageError {}
register(UnsupportedSchemaVersionError, "unsupported_schema_version", "storage");

/** The file or database is not a lotwise database (another application's, or not a database at all); it was left untouched. */
class UnrecognizedDatabaseError extends StorageError {}
register(UnrecognizedDatabaseError, "unrecognized_database", "storage");

/** A bug in lotwise; please report it. */
class InternalError extends LotwiseError {}
register(InternalError, "internal", "internal");

module.exports = {
  LotwiseError,
  StorageError,
  UnknownSkuError,
  DuplicateSkuError,
  UnknownLocationError,
  DuplicateLocationError,
  UnknownLotError,
  DuplicateLotError,
  UnknownOrderError,
  UnknownOrderLineError,
  UnknownMoError,
  NoRecipeError,
  InvalidQuantityError,
  UnitMismatchError,
  UnknownUnitError,
  PackUnitMismatchError,
  MoneyPrecisionError,
  NegativeCostError,
  CurrencyMismatchError,
  InvalidInputError,
  RecipeCycleError,
  InsufficientStockError,
  NotReadyToShipError,
  InvalidTransitionError,
  DuplicateExternalOrderError,
  LotExpiredError,
  InvalidPayloadError,
  InvalidSignatureError,
  NegativeLeadTimeError,
  UnknownSupplierError,
  UnknownPurchaseOrderError,
  UnknownTransferError,
  OrderOnHoldError,
  UnknownCustomerError,
  UnknownSegmentError,
  StockReservedError,
  NoShippingLocationError,
  ReturnExceedsShippedError,
  LotOnHoldError,
  LotNotHeldError,
  BelowShippedError,
  ConflictError,
  UnsupportedSchemaVersionError,
  UnrecognizedDatabaseError,
  InternalError,
};
