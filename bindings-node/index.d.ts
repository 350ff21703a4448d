// The typed surface of the `lotwise` npm package.
//
// Generated from schema/lotwise.v1.json by scripts/generate.py: do not edit;
// run `scripts/generate.sh` after changing the core's command layer.

/** An exact decimal as text: `"4896"`, `"2.5"`. A JS number is refused. */
export type Decimal = string;
/** A day, `"2026-03-09"`. */
export type DateString = string;
/** An instant, RFC 3339 in UTC: `"2026-03-02T09:00:00Z"`. */
export type Instant = string;
/** A time of day, `"08:00:00"`. */
export type TimeOfDay = string;

/** Every operation's snake_case name. */
export type OperationName = "define_item" | "define_recipe" | "define_location" | "item" | "items" | "recipe" | "locations" | "define_pack" | "set_display_unit" | "convert_qty" | "set_cost_settings" | "cost_settings" | "set_work_center_rate" | "batch_cost" | "shipment_cost" | "order_margin" | "stock_valuation" | "cost_flows" | "cost_analytics" | "estimate_recipe_cost" | "receive" | "adjust_stock" | "stock" | "lot" | "hold_lot" | "release_lot" | "lots_of_item" | "stock_levels" | "movements" | "balances" | "reservations" | "snapshot" | "place_order" | "place_orders" | "confirm_order" | "place_and_confirm_order" | "replan_order" | "cancel_order" | "cancel_order_line" | "edit_order" | "apply_channel_update" | "dismiss_order_flag" | "close_short" | "order" | "order_by_external" | "orders" | "order_view" | "start_mo" | "complete_mo" | "cancel_mo" | "mo" | "mos" | "mo_summaries" | "mo_lines" | "ship" | "shipments_of_order" | "record_return" | "returns_of_order" | "returns" | "returned_of_lot" | "recall_returns" | "trace_backward" | "trace_forward" | "recall" | "recall_and_hold" | "trace_graph" | "trace_dot" | "trace_mermaid" | "events_after" | "pending_events" | "ack_events" | "event_cursor" | "define_supplier" | "supplier" | "suppliers" | "create_po" | "send_po" | "cancel_po" | "receive_po" | "purchase_order" | "purchase_orders" | "open_po_lines" | "purchase_suggestions" | "create_pos_from_suggestions" | "suggest_production" | "create_stock_mo" | "ship_transfer" | "receive_transfer" | "transfer" | "transfers" | "availability" | "available_to_sell" | "define_routing_rule" | "routing_rules" | "route_order" | "route_order_with" | "define_work_center" | "work_center" | "work_centers" | "set_planning_settings" | "planning_settings" | "define_shipping_method" | "promise" | "promise_lines" | "booking" | "schedule" | "schedule_svg" | "reschedule_mo" | "check_delays" | "desk" | "tag_order" | "untag_order" | "set_order_note" | "bulk_confirm" | "bulk_tag" | "bulk_cancel" | "analytics" | "orders_csv" | "stock_csv" | "import_order" | "import_payloads" | "receive_shopify_webhook" | "channel_order" | "resolve_order" | "define_customer" | "update_customer" | "customer" | "customers" | "find_customers" | "merge_customers" | "customer_summary" | "define_segment" | "segments" | "segment_customers" | "define_rule" | "rules" | "hold_order" | "release_order" | "check_alerts" | "check_invariants" | "now" | "backend" | "advance_days" | "set_clock" | "parse_qty" | "parse_money";

/** One row of the operation table. */
export interface OperationSpec {
  readonly name: OperationName;
  readonly method: string;
  readonly kind: "read" | "write" | "clock" | "pure";
  readonly takesArgs: boolean;
  readonly doc: string;
}
/** Every operation, in the core's table order. */
export declare const OPERATIONS: readonly OperationSpec[];

/** Options of `Lotwise.open`. */
export interface OpenOptions {
  /**
   * Run on a fixed clock starting at this instant (moved only by
   * `advanceDays` and `setClock`), for tests and replays; the system clock
   * when absent.
   */
  clock?: Instant | Date | null;
}

/**
 * The lotwise engine over one store. Every operation of the command layer
 * is a method: synchronous on the JS thread, and an `…Async` twin that runs
 * on the libuv thread pool and returns a Promise. Errors are thrown (or
 * rejected) as the `LotwiseError` subclass of their code.
 */
export declare class Lotwise {
  private constructor();
  /**
   * Opens a store by URL: `":memory:"` (the default), a SQLite file path,
   * or `postgres://…`.
   */
  static open(url?: string, options?: OpenOptions): Lotwise;
  /** `open` off the JS thread. */
  static openAsync(url?: string, options?: OpenOptions): globalThis.Promise<Lotwise>;
  /** Runs any operation by its snake_case name with its `args`. */
  execute(name: OperationName, args?: object | null): unknown;
  /** `execute` off the JS thread. */
  executeAsync(name: OperationName, args?: object | null): globalThis.Promise<unknown>;
  /**
   * `{"do": name, "args": {...}}` JSON text in, `{"ok": ...}` or
   * `{"error": {...}}` JSON text out; never throws for a refused command.
   */
  executeJson(command: string): string;
  /**
   * Closes the store once no async call still runs on it; later calls
   * throw a `StorageError`.
   */
  close(): void;
  /** Whether `close` was called. */
  readonly closed: boolean;

  /** Defines an item (material, product or packaging) with its base unit. */
  defineItem(args: NewItem): Item;
  /** `defineItem` off the JS thread. */
  defineItemAsync(args: NewItem): globalThis.Promise<Item>;

  /** Defines a product's recipe; a new definition is a new version. */
  defineRecipe(args: NewRecipe): Recipe;
  /** `defineRecipe` off the JS thread. */
  defineRecipeAsync(args: NewRecipe): globalThis.Promise<Recipe>;

  /** Defines a location (warehouse, shop, bin). */
  defineLocation(args: DefineLocation): Location;
  /** `defineLocation` off the JS thread. */
  defineLocationAsync(args: DefineLocation): globalThis.Promise<Location>;

  /** An item by SKU. */
  item(args: BySku): Item;
  /** `item` off the JS thread. */
  itemAsync(args: BySku): globalThis.Promise<Item>;

  /** Every item, by SKU. */
  items(): Item[];
  /** `items` off the JS thread. */
  itemsAsync(): globalThis.Promise<Item[]>;

  /** A product's current recipe. */
  recipe(args: BySku): Recipe;
  /** `recipe` off the JS thread. */
  recipeAsync(args: BySku): globalThis.Promise<Recipe>;

  /** Every location. */
  locations(): Location[];
  /** `locations` off the JS thread. */
  locationsAsync(): globalThis.Promise<Location[]>;

  /** Defines (or resizes) a pack unit of an item: `box` = `12 pcs`, usable as `"2 box"`. */
  definePack(args: DefinePack): Item;
  /** `definePack` off the JS thread. */
  definePackAsync(args: DefinePack): globalThis.Promise<Item>;

  /** Sets the unit an item's quantities are shown in (a unit of its dimension or a pack). */
  setDisplayUnit(args: SetDisplayUnit): Item;
  /** `setDisplayUnit` off the JS thread. */
  setDisplayUnitAsync(args: SetDisplayUnit): globalThis.Promise<Item>;

  /** A quantity of an item in another of its units, or in its display unit. */
  convertQty(args: ConvertQty): Qty;
  /** `convertQty` off the JS thread. */
  convertQtyAsync(args: ConvertQty): globalThis.Promise<Qty>;

  /** Sets the shop's cost currency and overhead rule (percent of materials and labour, fixed per batch). */
  setCostSettings(args: CostSettings): CostSettings;
  /** `setCostSettings` off the JS thread. */
  setCostSettingsAsync(args: CostSettings): globalThis.Promise<CostSettings>;

  /** The shop's cost currency and overhead rule. */
  costSettings(): CostSettings;
  /** `costSettings` off the JS thread. */
  costSettingsAsync(): globalThis.Promise<CostSettings>;

  /** Sets what an hour of a work center's booked time costs. */
  setWorkCenterRate(args: SetWorkCenterRate): WorkCenterRate;
  /** `setWorkCenterRate` off the JS thread. */
  setWorkCenterRateAsync(args: SetWorkCenterRate): globalThis.Promise<WorkCenterRate>;

  /** What a batch cost: consumed lots, operations × rates, overhead; its output unit cost. */
  batchCost(args: ById): BatchCost;
  /** `batchCost` off the JS thread. */
  batchCostAsync(args: ById): globalThis.Promise<BatchCost>;

  /** The cost of goods of a shipment, lot by lot. */
  shipmentCost(args: ByShipment): ShipmentCost;
  /** `shipmentCost` off the JS thread. */
  shipmentCostAsync(args: ByShipment): globalThis.Promise<ShipmentCost>;

  /** An order's margin on what shipped, per line and in total (never across currencies without a rate). */
  orderMargin(args: MarginQuery): OrderMargin;
  /** `orderMargin` off the JS thread. */
  orderMarginAsync(args: MarginQuery): globalThis.Promise<OrderMargin>;

  /** What stock was worth at an instant, per lot, item and location. */
  stockValuation(args: ValuationQuery): Valuation;
  /** `stockValuation` off the JS thread. */
  stockValuationAsync(args: ValuationQuery): globalThis.Promise<Valuation>;

  /** Where cost went up to an instant: received, added, shipped, scrapped, in progress, on hand. */
  costFlows(args: AtInstant): CostFlows;
  /** `costFlows` off the JS thread. */
  costFlowsAsync(args: AtInstant): globalThis.Promise<CostFlows>;

  /** Margin per product, channel and month, and stock value at the end of each day. */
  costAnalytics(args: CostAnalyticsQuery): CostAnalytics;
  /** `costAnalytics` off the JS thread. */
  costAnalyticsAsync(args: CostAnalyticsQuery): globalThis.Promise<CostAnalytics>;

  /** A product's estimated cost from current costs, for quoting before an order. */
  estimateRecipeCost(args: EstimateQuery): RecipeEstimate;
  /** `estimateRecipeCost` off the JS thread. */
  estimateRecipeCostAsync(args: EstimateQuery): globalThis.Promise<RecipeEstimate>;

  /** Receives stock into a lot (a new lot, or more of a named one). */
  receive(args: Receipt): Lot;
  /** `receive` off the JS thread. */
  receiveAsync(args: Receipt): globalThis.Promise<Lot>;

  /** Corrects stock after a count: a signed delta to one lot. */
  adjustStock(args: Adjustment): Movement;
  /** `adjustStock` off the JS thread. */
  adjustStockAsync(args: Adjustment): globalThis.Promise<Movement>;

  /** An item's stock: on hand, reserved, available, per lot and location. */
  stock(args: BySku): StockLevel;
  /** `stock` off the JS thread. */
  stockAsync(args: BySku): globalThis.Promise<StockLevel>;

  /** A lot by code. */
  lot(args: ByLot): Lot;
  /** `lot` off the JS thread. */
  lotAsync(args: ByLot): globalThis.Promise<Lot>;

  /** Puts a lot on hold (QA, recall, complaint): its reservations are released and re-planned. */
  holdLot(args: HoldLot): HoldReport;
  /** `holdLot` off the JS thread. */
  holdLotAsync(args: HoldLot): globalThis.Promise<HoldReport>;

  /** Releases a held lot; waiting demand is served from it. */
  releaseLot(args: ReleaseLot): Lot;
  /** `releaseLot` off the JS thread. */
  releaseLotAsync(args: ReleaseLot): globalThis.Promise<Lot>;

  /** Every lot of an item. */
  lotsOfItem(args: BySku): Lot[];
  /** `lotsOfItem` off the JS thread. */
  lotsOfItemAsync(args: BySku): globalThis.Promise<Lot[]>;

  /** Every item (or the named ones) with its stock level, in one read. */
  stockLevels(args: BySkus): ItemStock[];
  /** `stockLevels` off the JS thread. */
  stockLevelsAsync(args: BySkus): globalThis.Promise<ItemStock[]>;

  /** Every ledger movement, oldest first. */
  movements(): Movement[];
  /** `movements` off the JS thread. */
  movementsAsync(): globalThis.Promise<Movement[]>;

  /** Every non-zero balance per item, lot and location. */
  balances(): Balance[];
  /** `balances` off the JS thread. */
  balancesAsync(): globalThis.Promise<Balance[]>;

  /** Every open reservation. */
  reservations(): Reservation[];
  /** `reservations` off the JS thread. */
  reservationsAsync(): globalThis.Promise<Reservation[]>;

  /** Everything the engine holds, for backups and debugging. */
  snapshot(): Snapshot;
  /** `snapshot` off the JS thread. */
  snapshotAsync(): globalThis.Promise<Snapshot>;

  /** Places an order (idempotent by channel and external reference). */
  placeOrder(args: NewOrder): PlacedOrder;
  /** `placeOrder` off the JS thread. */
  placeOrderAsync(args: NewOrder): globalThis.Promise<PlacedOrder>;

  /** Places many orders, each in its own transaction, with one result per order. */
  placeOrders(args: PlaceOrders): PlaceResult[];
  /** `placeOrders` off the JS thread. */
  placeOrdersAsync(args: PlaceOrders): globalThis.Promise<PlaceResult[]>;

  /** Confirms an order: reserves stock, plans batches, books capacity. */
  confirmOrder(args: ById): ConfirmReport;
  /** `confirmOrder` off the JS thread. */
  confirmOrderAsync(args: ById): globalThis.Promise<ConfirmReport>;

  /** Places and confirms an order in one transaction (a storefront's webhook). */
  placeAndConfirmOrder(args: NewOrder): AcceptedOrder;
  /** `placeAndConfirmOrder` off the JS thread. */
  placeAndConfirmOrderAsync(args: NewOrder): globalThis.Promise<AcceptedOrder>;

  /** Reserves and plans again what a confirmed order still lacks. */
  replanOrder(args: ById): ConfirmReport;
  /** `replanOrder` off the JS thread. */
  replanOrderAsync(args: ById): globalThis.Promise<ConfirmReport>;

  /** Cancels an order: releases its reservations and detaches its batches. */
  cancelOrder(args: ById): SalesOrder;
  /** `cancelOrder` off the JS thread. */
  cancelOrderAsync(args: ById): globalThis.Promise<SalesOrder>;

  /** Cancels all or part of a line's unshipped quantity, releasing what covered it. */
  cancelOrderLine(args: CancelOrderLine): OrderView;
  /** `cancelOrderLine` off the JS thread. */
  cancelOrderLineAsync(args: CancelOrderLine): globalThis.Promise<OrderView>;

  /** Edits an order (quantities, lines, dates, ship-to) and re-plans the difference at once. */
  editOrder(args: EditOrder): EditReport;
  /** `editOrder` off the JS thread. */
  editOrderAsync(args: EditOrder): globalThis.Promise<EditReport>;

  /** Applies a flagged channel update to a confirmed order through the edit path. */
  applyChannelUpdate(args: ById): EditReport;
  /** `applyChannelUpdate` off the JS thread. */
  applyChannelUpdateAsync(args: ById): globalThis.Promise<EditReport>;

  /** Dismisses a confirmed order's flags with a reason; the order stays as it is. */
  dismissOrderFlag(args: DismissOrderFlag): SalesOrder;
  /** `dismissOrderFlag` off the JS thread. */
  dismissOrderFlagAsync(args: DismissOrderFlag): globalThis.Promise<SalesOrder>;

  /** Closes a partially shipped order short: the unshipped rest is cancelled. */
  closeShort(args: CloseShort): OrderView;
  /** `closeShort` off the JS thread. */
  closeShortAsync(args: CloseShort): globalThis.Promise<OrderView>;

  /** A sales order by id. */
  order(args: ById): SalesOrder;
  /** `order` off the JS thread. */
  orderAsync(args: ById): globalThis.Promise<SalesOrder>;

  /** A sales order by channel and external reference, or `null`. */
  orderByExternal(args: ByExternalRef): SalesOrder | null;
  /** `orderByExternal` off the JS thread. */
  orderByExternalAsync(args: ByExternalRef): globalThis.Promise<SalesOrder | null>;

  /** Every sales order, by id. */
  orders(): SalesOrder[];
  /** `orders` off the JS thread. */
  ordersAsync(): globalThis.Promise<SalesOrder[]>;

  /** An order line by line: what is ready, from which lots and batches. */
  orderView(args: ById): OrderView;
  /** `orderView` off the JS thread. */
  orderViewAsync(args: ById): globalThis.Promise<OrderView>;

  /** Starts a manufacturing order: consumes its reserved input lots. */
  startMo(args: ById): ManufacturingOrder;
  /** `startMo` off the JS thread. */
  startMoAsync(args: ById): globalThis.Promise<ManufacturingOrder>;

  /** Completes a manufacturing order: the output lot, allocated to its orders. */
  completeMo(args: CompleteMo): ManufacturingOrder;
  /** `completeMo` off the JS thread. */
  completeMoAsync(args: CompleteMo): globalThis.Promise<ManufacturingOrder>;

  /** Cancels a manufacturing order and releases its inputs. */
  cancelMo(args: ById): ManufacturingOrder;
  /** `cancelMo` off the JS thread. */
  cancelMoAsync(args: ById): globalThis.Promise<ManufacturingOrder>;

  /** A manufacturing order by id. */
  mo(args: ById): ManufacturingOrder;
  /** `mo` off the JS thread. */
  moAsync(args: ById): globalThis.Promise<ManufacturingOrder>;

  /** Every manufacturing order, by id. */
  mos(): ManufacturingOrder[];
  /** `mos` off the JS thread. */
  mosAsync(): globalThis.Promise<ManufacturingOrder[]>;

  /** Every manufacturing order (or the named ones) with its allocated and free output. */
  moSummaries(args: ByMoIds): MoSummary[];
  /** `moSummaries` off the JS thread. */
  moSummariesAsync(args: ByMoIds): globalThis.Promise<MoSummary[]>;

  /** The order lines a manufacturing order fills, with their customers. */
  moLines(args: ById): MoLine[];
  /** `moLines` off the JS thread. */
  moLinesAsync(args: ById): globalThis.Promise<MoLine[]>;

  /** Ships an order's ready lines with carrier and tracking. */
  ship(args: Ship): Shipment;
  /** `ship` off the JS thread. */
  shipAsync(args: Ship): globalThis.Promise<Shipment>;

  /** Every shipment of an order. */
  shipmentsOfOrder(args: ById): Shipment[];
  /** `shipmentsOfOrder` off the JS thread. */
  shipmentsOfOrderAsync(args: ById): globalThis.Promise<Shipment[]>;

  /** Records a customer return: restock, quarantine or scrap per line. */
  recordReturn(args: NewReturn): Return;
  /** `recordReturn` off the JS thread. */
  recordReturnAsync(args: NewReturn): globalThis.Promise<Return>;

  /** Every return of an order. */
  returnsOfOrder(args: ById): Return[];
  /** `returnsOfOrder` off the JS thread. */
  returnsOfOrderAsync(args: ById): globalThis.Promise<Return[]>;

  /** Every return. */
  returns(): Return[];
  /** `returns` off the JS thread. */
  returnsAsync(): globalThis.Promise<Return[]>;

  /** How much of a lot came back, in the item's base unit. */
  returnedOfLot(args: ByLot): Decimal;
  /** `returnedOfLot` off the JS thread. */
  returnedOfLotAsync(args: ByLot): globalThis.Promise<Decimal>;

  /** The returns of a lot and of every lot made from it. */
  recallReturns(args: ByLot): RecallReturn[];
  /** `recallReturns` off the JS thread. */
  recallReturnsAsync(args: ByLot): globalThis.Promise<RecallReturn[]>;

  /** What went into a lot, down to the received materials. */
  traceBackward(args: ByLot): Trace;
  /** `traceBackward` off the JS thread. */
  traceBackwardAsync(args: ByLot): globalThis.Promise<Trace>;

  /** What was made from a lot, up to the finished goods. */
  traceForward(args: ByLot): Trace;
  /** `traceForward` off the JS thread. */
  traceForwardAsync(args: ByLot): globalThis.Promise<Trace>;

  /** Which customers got a lot (or anything made from it), and what is still on hand. */
  recall(args: ByLot): RecallReport;
  /** `recall` off the JS thread. */
  recallAsync(args: ByLot): globalThis.Promise<RecallReport>;

  /** Recalls a lot and holds it and every lot made from it, re-planning what loses stock. */
  recallAndHold(args: RecallAndHold): RecallHoldReport;
  /** `recallAndHold` off the JS thread. */
  recallAndHoldAsync(args: RecallAndHold): globalThis.Promise<RecallHoldReport>;

  /** A lot's whole trace as a graph of lots, shipments, orders and customers. */
  traceGraph(args: ByLot): TraceGraph;
  /** `traceGraph` off the JS thread. */
  traceGraphAsync(args: ByLot): globalThis.Promise<TraceGraph>;

  /** A lot's trace graph as Graphviz DOT. */
  traceDot(args: ByLot): string;
  /** `traceDot` off the JS thread. */
  traceDotAsync(args: ByLot): globalThis.Promise<string>;

  /** A lot's trace graph as a Mermaid flowchart. */
  traceMermaid(args: ByLot): string;
  /** `traceMermaid` off the JS thread. */
  traceMermaidAsync(args: ByLot): globalThis.Promise<string>;

  /** Events after a sequence number, oldest first. */
  eventsAfter(args: EventsAfter): Event[];
  /** `eventsAfter` off the JS thread. */
  eventsAfterAsync(args: EventsAfter): globalThis.Promise<Event[]>;

  /** The next events a consumer has not acknowledged. */
  pendingEvents(args: PendingEvents): Event[];
  /** `pendingEvents` off the JS thread. */
  pendingEventsAsync(args: PendingEvents): globalThis.Promise<Event[]>;

  /** Acknowledges a consumer's events up to a sequence number. */
  ackEvents(args: AckEvents): null;
  /** `ackEvents` off the JS thread. */
  ackEventsAsync(args: AckEvents): globalThis.Promise<null>;

  /** The last sequence number a consumer acknowledged. */
  eventCursor(args: Consumer): number;
  /** `eventCursor` off the JS thread. */
  eventCursorAsync(args: Consumer): globalThis.Promise<number>;

  /** Defines a supplier with its lead times and minimum order quantities. */
  defineSupplier(args: NewSupplier): Supplier;
  /** `defineSupplier` off the JS thread. */
  defineSupplierAsync(args: NewSupplier): globalThis.Promise<Supplier>;

  /** A supplier by code. */
  supplier(args: ByCode): Supplier;
  /** `supplier` off the JS thread. */
  supplierAsync(args: ByCode): globalThis.Promise<Supplier>;

  /** Every supplier. */
  suppliers(): Supplier[];
  /** `suppliers` off the JS thread. */
  suppliersAsync(): globalThis.Promise<Supplier[]>;

  /** Creates a draft purchase order. */
  createPo(args: NewPurchaseOrder): PurchaseOrder;
  /** `createPo` off the JS thread. */
  createPoAsync(args: NewPurchaseOrder): globalThis.Promise<PurchaseOrder>;

  /** Marks a purchase order as sent to the supplier. */
  sendPo(args: ById): PurchaseOrder;
  /** `sendPo` off the JS thread. */
  sendPoAsync(args: ById): globalThis.Promise<PurchaseOrder>;

  /** Cancels a purchase order that has not been received. */
  cancelPo(args: ById): PurchaseOrder;
  /** `cancelPo` off the JS thread. */
  cancelPoAsync(args: ById): globalThis.Promise<PurchaseOrder>;

  /** Receives goods against a purchase order, creating lots. */
  receivePo(args: ReceivePo): PoReceived;
  /** `receivePo` off the JS thread. */
  receivePoAsync(args: ReceivePo): globalThis.Promise<PoReceived>;

  /** A purchase order by id. */
  purchaseOrder(args: ById): PurchaseOrder;
  /** `purchaseOrder` off the JS thread. */
  purchaseOrderAsync(args: ById): globalThis.Promise<PurchaseOrder>;

  /** Every purchase order. */
  purchaseOrders(): PurchaseOrder[];
  /** `purchaseOrders` off the JS thread. */
  purchaseOrdersAsync(): globalThis.Promise<PurchaseOrder[]>;

  /** Every open purchase order line with its expected date. */
  openPoLines(): OpenPoLine[];
  /** `openPoLines` off the JS thread. */
  openPoLinesAsync(): globalThis.Promise<OpenPoLine[]>;

  /** What to buy: needs net of stock and open purchase orders, per supplier. */
  purchaseSuggestions(): PurchasePlan;
  /** `purchaseSuggestions` off the JS thread. */
  purchaseSuggestionsAsync(): globalThis.Promise<PurchasePlan>;

  /** Turns purchase suggestions into draft purchase orders, one per supplier. */
  createPosFromSuggestions(args: CreatePosFromSuggestions): PurchaseOrder[];
  /** `createPosFromSuggestions` off the JS thread. */
  createPosFromSuggestionsAsync(args: CreatePosFromSuggestions): globalThis.Promise<PurchaseOrder[]>;

  /** Products below their reorder point, with a batch to make for stock. */
  suggestProduction(): ProductionSuggestion[];
  /** `suggestProduction` off the JS thread. */
  suggestProductionAsync(): globalThis.Promise<ProductionSuggestion[]>;

  /** Creates a manufacturing order for stock. */
  createStockMo(args: CreateStockMo): StockMo;
  /** `createStockMo` off the JS thread. */
  createStockMoAsync(args: CreateStockMo): globalThis.Promise<StockMo>;

  /** Ships a transfer between locations (through in-transit). */
  shipTransfer(args: NewTransfer): Transfer;
  /** `shipTransfer` off the JS thread. */
  shipTransferAsync(args: NewTransfer): globalThis.Promise<Transfer>;

  /** Receives a transfer at its destination. */
  receiveTransfer(args: ById): Transfer;
  /** `receiveTransfer` off the JS thread. */
  receiveTransferAsync(args: ById): globalThis.Promise<Transfer>;

  /** A transfer by id. */
  transfer(args: ById): Transfer;
  /** `transfer` off the JS thread. */
  transferAsync(args: ById): globalThis.Promise<Transfer>;

  /** Every transfer. */
  transfers(): Transfer[];
  /** `transfers` off the JS thread. */
  transfersAsync(): globalThis.Promise<Transfer[]>;

  /** An item's availability per location and in total. */
  availability(args: BySku): Availability;
  /** `availability` off the JS thread. */
  availabilityAsync(args: BySku): globalThis.Promise<Availability>;

  /** Available-to-sell of every product, for pushing stock to channels. */
  availableToSell(): Availability[];
  /** `availableToSell` off the JS thread. */
  availableToSellAsync(): globalThis.Promise<Availability[]>;

  /** Defines (or replaces) a routing rule. */
  defineRoutingRule(args: RoutingRule): RoutingRule;
  /** `defineRoutingRule` off the JS thread. */
  defineRoutingRuleAsync(args: RoutingRule): globalThis.Promise<RoutingRule>;

  /** Every routing rule. */
  routingRules(): RoutingRule[];
  /** `routingRules` off the JS thread. */
  routingRulesAsync(): globalThis.Promise<RoutingRule[]>;

  /** Which location(s) should ship an order, by the stored rules. */
  routeOrder(args: ById): Routing;
  /** `routeOrder` off the JS thread. */
  routeOrderAsync(args: ById): globalThis.Promise<Routing>;

  /** Which location(s) should ship an order by a given rule. */
  routeOrderWith(args: RouteOrderWith): Routing;
  /** `routeOrderWith` off the JS thread. */
  routeOrderWithAsync(args: RouteOrderWith): globalThis.Promise<Routing>;

  /** Defines a work center with its calendar. */
  defineWorkCenter(args: NewWorkCenter): WorkCenter;
  /** `defineWorkCenter` off the JS thread. */
  defineWorkCenterAsync(args: NewWorkCenter): globalThis.Promise<WorkCenter>;

  /** A work center by code. */
  workCenter(args: ByCode): WorkCenter;
  /** `workCenter` off the JS thread. */
  workCenterAsync(args: ByCode): globalThis.Promise<WorkCenter>;

  /** Every work center. */
  workCenters(): WorkCenter[];
  /** `workCenters` off the JS thread. */
  workCentersAsync(): globalThis.Promise<WorkCenter[]>;

  /** Sets handling days, the shipping calendar and the default shipping method. */
  setPlanningSettings(args: PlanningSettings): PlanningSettings;
  /** `setPlanningSettings` off the JS thread. */
  setPlanningSettingsAsync(args: PlanningSettings): globalThis.Promise<PlanningSettings>;

  /** The planning settings. */
  planningSettings(): PlanningSettings;
  /** `planningSettings` off the JS thread. */
  planningSettingsAsync(): globalThis.Promise<PlanningSettings>;

  /** Defines (or replaces) a shipping method and its transit days. */
  defineShippingMethod(args: ShippingMethod): ShippingMethod;
  /** `defineShippingMethod` off the JS thread. */
  defineShippingMethodAsync(args: ShippingMethod): globalThis.Promise<ShippingMethod>;

  /** A delivery promise for an order, with the reason for its date. Writes nothing. */
  promise(args: PromiseOrder): Promise;
  /** `promise` off the JS thread. */
  promiseAsync(args: PromiseOrder): globalThis.Promise<Promise>;

  /** A delivery promise for lines not yet ordered. Writes nothing. */
  promiseLines(args: PromiseLines): Promise;
  /** `promiseLines` off the JS thread. */
  promiseLinesAsync(args: PromiseLines): globalThis.Promise<Promise>;

  /** The capacity a manufacturing order holds on the calendars, or `null`. */
  booking(args: ByMo): Booking | null;
  /** `booking` off the JS thread. */
  bookingAsync(args: ByMo): globalThis.Promise<Booking | null>;

  /** The production schedule in a time window. */
  schedule(args: Window): ScheduleRow[];
  /** `schedule` off the JS thread. */
  scheduleAsync(args: Window): globalThis.Promise<ScheduleRow[]>;

  /** The production schedule in a time window as an SVG Gantt chart. */
  scheduleSvg(args: Window): string;
  /** `scheduleSvg` off the JS thread. */
  scheduleSvgAsync(args: Window): globalThis.Promise<string>;

  /** Moves a manufacturing order on the calendars to start no earlier than an instant. */
  rescheduleMo(args: RescheduleMo): Booking;
  /** `rescheduleMo` off the JS thread. */
  rescheduleMoAsync(args: RescheduleMo): globalThis.Promise<Booking>;

  /**
   * Projects every confirmed open order again and marks those now
   *  projected to arrive after their promised date as delayed, with why,
   *  before the date passes; `order_delayed` is emitted once per order.
   */
  checkDelays(): DelayCheck;
  /** `checkDelays` off the JS thread. */
  checkDelaysAsync(): globalThis.Promise<DelayCheck>;

  /** A page of orders by filter, text search and sort, with a cursor for the next. */
  desk(args: DeskQuery): DeskPage;
  /** `desk` off the JS thread. */
  deskAsync(args: DeskQuery): globalThis.Promise<DeskPage>;

  /** Adds a tag to an order. */
  tagOrder(args: TagOrder): SalesOrder;
  /** `tagOrder` off the JS thread. */
  tagOrderAsync(args: TagOrder): globalThis.Promise<SalesOrder>;

  /** Removes a tag from an order. */
  untagOrder(args: TagOrder): SalesOrder;
  /** `untagOrder` off the JS thread. */
  untagOrderAsync(args: TagOrder): globalThis.Promise<SalesOrder>;

  /** Sets or clears an order's note. */
  setOrderNote(args: SetOrderNote): SalesOrder;
  /** `setOrderNote` off the JS thread. */
  setOrderNoteAsync(args: SetOrderNote): globalThis.Promise<SalesOrder>;

  /** Confirms many orders, each in its own transaction. */
  bulkConfirm(args: Bulk): BulkResult[];
  /** `bulkConfirm` off the JS thread. */
  bulkConfirmAsync(args: Bulk): globalThis.Promise<BulkResult[]>;

  /** Tags many orders, each in its own transaction. */
  bulkTag(args: BulkTag): BulkResult[];
  /** `bulkTag` off the JS thread. */
  bulkTagAsync(args: BulkTag): globalThis.Promise<BulkResult[]>;

  /** Cancels many orders, each in its own transaction. */
  bulkCancel(args: Bulk): BulkResult[];
  /** `bulkCancel` off the JS thread. */
  bulkCancelAsync(args: Bulk): globalThis.Promise<BulkResult[]>;

  /** Sales, throughput, lead times and on-time delivery per channel, day and currency. */
  analytics(args: AnalyticsQuery): Analytics;
  /** `analytics` off the JS thread. */
  analyticsAsync(args: AnalyticsQuery): globalThis.Promise<Analytics>;

  /** Every order as CSV, one row per line. */
  ordersCsv(): string;
  /** `ordersCsv` off the JS thread. */
  ordersCsvAsync(): globalThis.Promise<string>;

  /** Stock of every item as CSV, one row per lot and location. */
  stockCsv(): string;
  /** `stockCsv` off the JS thread. */
  stockCsvAsync(): globalThis.Promise<string>;

  /** Imports one parsed channel order: places, replays, updates or cancels it. */
  importOrder(args: ChannelOrder): ImportResult;
  /** `importOrder` off the JS thread. */
  importOrderAsync(args: ChannelOrder): globalThis.Promise<ImportResult>;

  /** Parses and imports channel payloads, each order in its own transaction. */
  importPayloads(args: ImportPayloads): ImportResult[];
  /** `importPayloads` off the JS thread. */
  importPayloadsAsync(args: ImportPayloads): globalThis.Promise<ImportResult[]>;

  /** Receives a Shopify order webhook: verifies its signature, then imports the order once. */
  receiveShopifyWebhook(args: ShopifyWebhook): WebhookReceipt;
  /** `receiveShopifyWebhook` off the JS thread. */
  receiveShopifyWebhookAsync(args: ShopifyWebhook): globalThis.Promise<WebhookReceipt>;

  /** The channel order as last imported, for an order placed by import, or `null`. */
  channelOrder(args: ById): ChannelOrder | null;
  /** `channelOrder` off the JS thread. */
  channelOrderAsync(args: ById): globalThis.Promise<ChannelOrder | null>;

  /** Resolves an order that needs attention, with corrected lines. */
  resolveOrder(args: ResolveOrder): SalesOrder;
  /** `resolveOrder` off the JS thread. */
  resolveOrderAsync(args: ResolveOrder): globalThis.Promise<SalesOrder>;

  /** Creates a customer by hand. */
  defineCustomer(args: NewCustomer): CustomerRecord;
  /** `defineCustomer` off the JS thread. */
  defineCustomerAsync(args: NewCustomer): globalThis.Promise<CustomerRecord>;

  /** Adds names, e-mails, phones or tags to a customer, or changes its notes. */
  updateCustomer(args: UpdateCustomer): CustomerRecord;
  /** `updateCustomer` off the JS thread. */
  updateCustomerAsync(args: UpdateCustomer): globalThis.Promise<CustomerRecord>;

  /** A customer by id (a merged one answers as the customer it was merged into). */
  customer(args: ById): CustomerRecord;
  /** `customer` off the JS thread. */
  customerAsync(args: ById): globalThis.Promise<CustomerRecord>;

  /** Every customer record, by id. */
  customers(): CustomerRecord[];
  /** `customers` off the JS thread. */
  customersAsync(): globalThis.Promise<CustomerRecord[]>;

  /** Customers by e-mail, by channel customer id or by part of a name. */
  findCustomers(args: CustomerQuery): CustomerRecord[];
  /** `findCustomers` off the JS thread. */
  findCustomersAsync(args: CustomerQuery): globalThis.Promise<CustomerRecord[]>;

  /** Merges one customer into another: orders move, history is kept. */
  mergeCustomers(args: MergeCustomers): CustomerRecord;
  /** `mergeCustomers` off the JS thread. */
  mergeCustomersAsync(args: MergeCustomers): globalThis.Promise<CustomerRecord>;

  /** A customer's orders, counts, lifetime value per currency and order rhythm. */
  customerSummary(args: ById): CustomerSummary;
  /** `customerSummary` off the JS thread. */
  customerSummaryAsync(args: ById): globalThis.Promise<CustomerSummary>;

  /** Defines or replaces a customer segment (a declarative filter). */
  defineSegment(args: Segment): Segment;
  /** `defineSegment` off the JS thread. */
  defineSegmentAsync(args: Segment): globalThis.Promise<Segment>;

  /** Every customer segment, by code. */
  segments(): Segment[];
  /** `segments` off the JS thread. */
  segmentsAsync(): globalThis.Promise<Segment[]>;

  /** The customers a segment holds now, with their revenue per currency. */
  segmentCustomers(args: ByCode): SegmentReport;
  /** `segmentCustomers` off the JS thread. */
  segmentCustomersAsync(args: ByCode): globalThis.Promise<SegmentReport>;

  /** Defines or replaces an automation rule (trigger, conditions, actions). */
  defineRule(args: Rule): Rule;
  /** `defineRule` off the JS thread. */
  defineRuleAsync(args: Rule): globalThis.Promise<Rule>;

  /** Every automation rule, in the order they run. */
  rules(): Rule[];
  /** `rules` off the JS thread. */
  rulesAsync(): globalThis.Promise<Rule[]>;

  /** Holds an order not yet confirmed for review; nobody can confirm it until released. */
  holdOrder(args: HoldOrder): SalesOrder;
  /** `holdOrder` off the JS thread. */
  holdOrderAsync(args: HoldOrder): globalThis.Promise<SalesOrder>;

  /** Releases a held order. */
  releaseOrder(args: ById): SalesOrder;
  /** `releaseOrder` off the JS thread. */
  releaseOrderAsync(args: ById): globalThis.Promise<SalesOrder>;

  /** Checks the stock and lot-expiry rules now; the alerts that start to hold. */
  checkAlerts(): Alert[];
  /** `checkAlerts` off the JS thread. */
  checkAlertsAsync(): globalThis.Promise<Alert[]>;

  /** Every invariant that does not hold (empty when all hold). */
  checkInvariants(): string[];
  /** `checkInvariants` off the JS thread. */
  checkInvariantsAsync(): globalThis.Promise<string[]>;

  /** The engine's current time. */
  now(): Instant;
  /** `now` off the JS thread. */
  nowAsync(): globalThis.Promise<Instant>;

  /** The storage backend: `memory`, `sqlite` or `postgres`. */
  backend(): string;
  /** `backend` off the JS thread. */
  backendAsync(): globalThis.Promise<string>;

  /** Moves a fixed clock forward by whole days; refused on the system clock. */
  advanceDays(args: AdvanceDays): Instant;
  /** `advanceDays` off the JS thread. */
  advanceDaysAsync(args: AdvanceDays): globalThis.Promise<Instant>;

  /** Sets a fixed clock to an instant; refused on the system clock. */
  setClock(args: SetClock): Instant;
  /** `setClock` off the JS thread. */
  setClockAsync(args: SetClock): globalThis.Promise<Instant>;

  /** Parses a quantity in a standard unit such as `"2.5 kg"` or `"16 oz"` and gives it back normalised (a pack unit needs its item: `convert_qty`). */
  parseQty(args: Text): Qty;
  /** `parseQty` off the JS thread. */
  parseQtyAsync(args: Text): globalThis.Promise<Qty>;

  /** Parses an amount such as `"18.00 USD"` and gives it back normalised. */
  parseMoney(args: Text): Money;
  /** `parseMoney` off the JS thread. */
  parseMoneyAsync(args: Text): globalThis.Promise<Money>;
}

/** Every error code. */
export type ErrorCode = "unknown_sku" | "duplicate_sku" | "unknown_location" | "duplicate_location" | "unknown_lot" | "duplicate_lot" | "unknown_order" | "unknown_order_line" | "unknown_mo" | "no_recipe" | "invalid_quantity" | "unit_mismatch" | "unknown_unit" | "pack_unit_mismatch" | "money_precision" | "negative_cost" | "currency_mismatch" | "invalid_input" | "recipe_cycle" | "insufficient_stock" | "not_ready_to_ship" | "invalid_transition" | "duplicate_external_order" | "lot_expired" | "invalid_payload" | "invalid_signature" | "negative_lead_time" | "unknown_supplier" | "unknown_purchase_order" | "unknown_transfer" | "order_on_hold" | "unknown_customer" | "unknown_segment" | "stock_reserved" | "no_shipping_location" | "return_exceeds_shipped" | "lot_on_hold" | "lot_not_held" | "below_shipped" | "conflict" | "storage" | "unsupported_schema_version" | "unrecognized_database" | "internal";

/** The family an error code belongs to. */
export type ErrorCategory = "not_found" | "invalid" | "refused" | "retryable" | "storage" | "internal";

/** An error as data: its code, its message and its fields. */
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  [field: string]: unknown;
}

/**
 * Every error lotwise throws: `code` (stable, snake_case), `category`,
 * `message` (for people) and the error's fields, both as properties and
 * together in `fields`.
 */
export declare class LotwiseError extends Error {
  constructor(detail: ErrorDetail);
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Whether the same call may succeed if simply retried. */
  readonly retryable: boolean;
}

/** The error class of a code (`LotwiseError` for a code this version lacks). */
export declare function errorClass(code: string): typeof LotwiseError;

/** The storage backend failed. */
export declare class StorageError extends LotwiseError {
  readonly code: "storage" | "unsupported_schema_version" | "unrecognized_database";
  /** The backend's own error message. */
  readonly reason?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** No item has this SKU. */
export declare class UnknownSkuError extends LotwiseError {
  readonly code: "unknown_sku";
  /** The SKU asked for. */
  readonly sku: string;
  readonly fields: Readonly<{ sku: string }>;
}

/** An item with this SKU already exists. */
export declare class DuplicateSkuError extends LotwiseError {
  readonly code: "duplicate_sku";
  /** The SKU that is already taken. */
  readonly sku: string;
  readonly fields: Readonly<{ sku: string }>;
}

/** No location has this code. */
export declare class UnknownLocationError extends LotwiseError {
  readonly code: "unknown_location";
  /** The location code asked for. */
  readonly location: string;
  readonly fields: Readonly<{ location: string }>;
}

/** A location with this code already exists. */
export declare class DuplicateLocationError extends LotwiseError {
  readonly code: "duplicate_location";
  /** The location code that is already taken. */
  readonly location: string;
  readonly fields: Readonly<{ location: string }>;
}

/** No lot has this code. */
export declare class UnknownLotError extends LotwiseError {
  readonly code: "unknown_lot";
  /** The lot code asked for. */
  readonly lot: string;
  readonly fields: Readonly<{ lot: string }>;
}

/** The lot code is taken by another item. */
export declare class DuplicateLotError extends LotwiseError {
  readonly code: "duplicate_lot";
  /** The lot code that is already taken. */
  readonly lot: string;
  /** The SKU of the item that already owns the lot code. */
  readonly sku: string;
  readonly fields: Readonly<{ lot: string; sku: string }>;
}

/** No sales order has this id. */
export declare class UnknownOrderError extends LotwiseError {
  readonly code: "unknown_order";
  /** The sales order id asked for, e.g. `SO-000001`. */
  readonly order: string;
  readonly fields: Readonly<{ order: string }>;
}

/** The order has no line with this number. */
export declare class UnknownOrderLineError extends LotwiseError {
  readonly code: "unknown_order_line";
  /** The sales order id, e.g. `SO-000001`. */
  readonly order: string;
  /** The 1-based line number that the order does not have. */
  readonly line: number;
  readonly fields: Readonly<{ order: string; line: number }>;
}

/** No manufacturing order has this id. */
export declare class UnknownMoError extends LotwiseError {
  readonly code: "unknown_mo";
  /** The manufacturing order id asked for, e.g. `MO-000001`. */
  readonly mo: string;
  readonly fields: Readonly<{ mo: string }>;
}

/** The product has no recipe. */
export declare class NoRecipeError extends LotwiseError {
  readonly code: "no_recipe";
  /** The SKU of the product that would have to be made. */
  readonly sku: string;
  readonly fields: Readonly<{ sku: string }>;
}

/** A quantity is zero, negative, fractional for pieces, or unparseable. */
export declare class InvalidQuantityError extends LotwiseError {
  readonly code: "invalid_quantity";
  /** The name of the input field that holds the quantity. */
  readonly field: string;
  /** The rejected value as the caller gave it. */
  readonly value: string;
  /** Why the value was rejected, in plain English. */
  readonly reason: string;
  readonly fields: Readonly<{ field: string; value: string; reason: string }>;
}

/** A unit of another dimension than the item's (e.g. litres of wax kept in grams). */
export declare class UnitMismatchError extends LotwiseError {
  readonly code: "unit_mismatch";
  /** The dimension (and, for an item, its unit) that was expected, e.g. `mass (g)`. */
  readonly expected: string;
  /** The unit symbol that was given. */
  readonly got: string;
  readonly fields: Readonly<{ expected: string; got: string }>;
}

/**
 * A unit lotwise does not know: not a standard unit and, for an item,
 * not one of its pack units either.
 */
export declare class UnknownUnitError extends LotwiseError {
  readonly code: "unknown_unit";
  /** The unit as given. */
  readonly unit: string;
  /** The whole value as given, e.g. `3 furlongs`. */
  readonly value: string;
  /** The item the quantity was for, when there was one to ask for its pack units. */
  readonly sku: string | null;
  readonly fields: Readonly<{ unit: string; value: string; sku: string | null }>;
}

/**
 * A pack unit defined for other items was used for one that does not
 * define it (`box` of BAR-LAV given for CANDLE-LAV).
 */
export declare class PackUnitMismatchError extends LotwiseError {
  readonly code: "pack_unit_mismatch";
  /** The pack unit as given. */
  readonly unit: string;
  /** The whole value as given, e.g. `2 box`. */
  readonly value: string;
  /** The item the quantity was for. */
  readonly sku: string;
  /** The items that define a pack of that name. */
  readonly pack_of: string[];
  readonly fields: Readonly<{ unit: string; value: string; sku: string; pack_of: string[] }>;
}

/**
 * An amount of money with more decimal places than its use allows
 * (see `Money` for the rule: unit prices and costs keep up to four
 * places more than the currency's minor unit).
 */
export declare class MoneyPrecisionError extends LotwiseError {
  readonly code: "money_precision";
  /** The name of the input field that holds the amount. */
  readonly field: string;
  /** The amount as given. */
  readonly value: string;
  /** How many decimal places the field takes in that currency. */
  readonly max_places: number;
  readonly fields: Readonly<{ field: string; value: string; max_places: number }>;
}

/** A cost below zero. */
export declare class NegativeCostError extends LotwiseError {
  readonly code: "negative_cost";
  /** The name of the input field that holds the cost. */
  readonly field: string;
  /** The cost as given. */
  readonly value: string;
  readonly fields: Readonly<{ field: string; value: string }>;
}

/** Amounts in two currencies were combined. */
export declare class CurrencyMismatchError extends LotwiseError {
  readonly code: "currency_mismatch";
  /** The ISO 4217 code already in use (e.g. `USD`). */
  readonly expected: string;
  /** The ISO 4217 code of the other amount. */
  readonly got: string;
  readonly fields: Readonly<{ expected: string; got: string }>;
}

/** Any other field that fails validation. */
export declare class InvalidInputError extends LotwiseError {
  readonly code: "invalid_input";
  /** The name of the input field that failed validation. */
  readonly field: string;
  /** The rejected value as the caller gave it. */
  readonly value: string;
  /** Why the value was rejected, in plain English. */
  readonly reason: string;
  readonly fields: Readonly<{ field: string; value: string; reason: string }>;
}

/** A recipe would make a product out of itself. */
export declare class RecipeCycleError extends LotwiseError {
  readonly code: "recipe_cycle";
  /** The SKUs along the cycle, starting and ending with the same SKU. */
  readonly path: string[];
  readonly fields: Readonly<{ path: string[] }>;
}

/** Less stock is free than the command needs. */
export declare class InsufficientStockError extends LotwiseError {
  readonly code: "insufficient_stock";
  /** The SKU short of stock. */
  readonly sku: string;
  /** The quantity needed, in the item's base unit. */
  readonly requested: Decimal;
  /** The quantity free to use, in the item's base unit. */
  readonly available: Decimal;
  readonly fields: Readonly<{ sku: string; requested: Decimal; available: Decimal }>;
}

/** More was asked to ship than is ready for the line. */
export declare class NotReadyToShipError extends LotwiseError {
  readonly code: "not_ready_to_ship";
  /** The sales order id. */
  readonly order: string;
  /** The 1-based order line number. */
  readonly line: number;
  /** The quantity asked to ship, in the item's base unit. */
  readonly requested: Decimal;
  /** The quantity ready to ship for the line, in the item's base unit. */
  readonly ready: Decimal;
  readonly fields: Readonly<{ order: string; line: number; requested: Decimal; ready: Decimal }>;
}

/** The action is not allowed in the entity's current state. */
export declare class InvalidTransitionError extends LotwiseError {
  readonly code: "invalid_transition";
  /** The kind of entity, e.g. `order` or `mo`. */
  readonly entity: string;
  /** The id of the entity, e.g. `SO-000001`. */
  readonly id: string;
  /** The state the entity is in now. */
  readonly from: string;
  /** The action that was refused, e.g. `ship`. */
  readonly action: string;
  readonly fields: Readonly<{ entity: string; id: string; from: string; action: string }>;
}

/** An order with this channel and external reference exists with other content. */
export declare class DuplicateExternalOrderError extends LotwiseError {
  readonly code: "duplicate_external_order";
  /** The sales channel the order came from. */
  readonly channel: string;
  /** The channel's own reference for the order. */
  readonly external_ref: string;
  readonly fields: Readonly<{ channel: string; external_ref: string }>;
}

/** A lot past its expiry date was to be consumed or shipped. */
export declare class LotExpiredError extends LotwiseError {
  readonly code: "lot_expired";
  /** The code of the expired lot. */
  readonly lot: string;
  /** The lot's expiry date. */
  readonly expiry: DateString;
  readonly fields: Readonly<{ lot: string; expiry: DateString }>;
}

/** A channel payload could not be turned into an order. */
export declare class InvalidPayloadError extends LotwiseError {
  readonly code: "invalid_payload";
  /** The sales channel whose payload was rejected. */
  readonly channel: string;
  /** The path of the offending field within the payload. */
  readonly field: string;
  /** Why the field was rejected, in plain English. */
  readonly reason: string;
  readonly fields: Readonly<{ channel: string; field: string; reason: string }>;
}

/**
 * A webhook delivery whose signature is missing or does not match its
 * raw body; it was refused before its body was read.
 */
export declare class InvalidSignatureError extends LotwiseError {
  readonly code: "invalid_signature";
  /** The sales channel that signs its deliveries, e.g. `shopify`. */
  readonly channel: string;
  /** The header that carries the signature, e.g. `X-Shopify-Hmac-Sha256`. */
  readonly header: string;
  /** Why the delivery was refused, in plain English. */
  readonly reason: string;
  readonly fields: Readonly<{ channel: string; header: string; reason: string }>;
}

/** A supplier lead time below zero days. */
export declare class NegativeLeadTimeError extends LotwiseError {
  readonly code: "negative_lead_time";
  /** The supplier code. */
  readonly supplier: string;
  /** The SKU of the item-specific lead time, or `None` for the supplier's default lead time. */
  readonly sku: string | null;
  /** The rejected lead time, in days. */
  readonly days: number;
  readonly fields: Readonly<{ supplier: string; sku: string | null; days: number }>;
}

/** No supplier has this code. */
export declare class UnknownSupplierError extends LotwiseError {
  readonly code: "unknown_supplier";
  /** The supplier code asked for. */
  readonly supplier: string;
  readonly fields: Readonly<{ supplier: string }>;
}

/** No purchase order has this id. */
export declare class UnknownPurchaseOrderError extends LotwiseError {
  readonly code: "unknown_purchase_order";
  /** The purchase order id asked for. */
  readonly po: string;
  readonly fields: Readonly<{ po: string }>;
}

/** No transfer has this id. */
export declare class UnknownTransferError extends LotwiseError {
  readonly code: "unknown_transfer";
  /** The transfer id asked for. */
  readonly transfer: string;
  readonly fields: Readonly<{ transfer: string }>;
}

/**
 * The order is held for review (by hand or by a rule) and cannot be
 * confirmed until it is released.
 */
export declare class OrderOnHoldError extends LotwiseError {
  readonly code: "order_on_hold";
  /** The sales order id. */
  readonly order: string;
  /** Why it is held. */
  readonly reason: string;
  readonly fields: Readonly<{ order: string; reason: string }>;
}

/** No customer has this id. */
export declare class UnknownCustomerError extends LotwiseError {
  readonly code: "unknown_customer";
  /** The customer id asked for, e.g. `CU-000042`. */
  readonly customer: string;
  readonly fields: Readonly<{ customer: string }>;
}

/** No customer segment has this code. */
export declare class UnknownSegmentError extends LotwiseError {
  readonly code: "unknown_segment";
  /** The segment code asked for. */
  readonly segment: string;
  readonly fields: Readonly<{ segment: string }>;
}

/** The stock is there but held for orders or manufacturing orders. */
export declare class StockReservedError extends LotwiseError {
  readonly code: "stock_reserved";
  /** The SKU of the stock. */
  readonly sku: string;
  /** The lot code, or `None` when the request was not for a specific lot. */
  readonly lot: string | null;
  /** The location code where the stock is. */
  readonly location: string;
  /** The quantity asked for, in the item's base unit. */
  readonly requested: Decimal;
  /** The quantity there that is not reserved, in the item's base unit. */
  readonly unreserved: Decimal;
  readonly fields: Readonly<{ sku: string; lot: string | null; location: string; requested: Decimal; unreserved: Decimal }>;
}

/** No location (or combination, when splitting is allowed) can ship the order. */
export declare class NoShippingLocationError extends LotwiseError {
  readonly code: "no_shipping_location";
  /** The sales order id. */
  readonly order: string;
  /** Why no location qualifies, in plain English. */
  readonly reason: string;
  readonly fields: Readonly<{ order: string; reason: string }>;
}

/** More of a lot was to come back than shipped on that order line. */
export declare class ReturnExceedsShippedError extends LotwiseError {
  readonly code: "return_exceeds_shipped";
  /** The sales order id. */
  readonly order: string;
  /** The 1-based order line number. */
  readonly line: number;
  /** The code of the lot being returned. */
  readonly lot: string;
  /** The quantity to be returned, in the item's base unit. */
  readonly requested: Decimal;
  /** The quantity of the lot shipped on the line and not yet returned, in the item's base unit. */
  readonly returnable: Decimal;
  readonly fields: Readonly<{ order: string; line: number; lot: string; requested: Decimal; returnable: Decimal }>;
}

/**
 * The lot is held (QA hold, recall, customer complaint): it may not be
 * reserved, consumed, transferred or shipped until it is released.
 */
export declare class LotOnHoldError extends LotwiseError {
  readonly code: "lot_on_hold";
  /** The held lot's code. */
  readonly lot: string;
  /** Why it is held: `qa_hold`, `recall`, `customer_complaint` or `other`. */
  readonly reason: string;
  readonly fields: Readonly<{ lot: string; reason: string }>;
}

/** A lot was to be released that is not held. */
export declare class LotNotHeldError extends LotwiseError {
  readonly code: "lot_not_held";
  /** The lot's code. */
  readonly lot: string;
  readonly fields: Readonly<{ lot: string }>;
}

/** An order line was to be set below what has already shipped. */
export declare class BelowShippedError extends LotwiseError {
  readonly code: "below_shipped";
  /** The sales order id. */
  readonly order: string;
  /** The 1-based order line number. */
  readonly line: number;
  /** The quantity asked for, in the item's base unit. */
  readonly requested: Decimal;
  /** The quantity already shipped (and settled outside lotwise), in the item's base unit. */
  readonly shipped: Decimal;
  readonly fields: Readonly<{ order: string; line: number; requested: Decimal; shipped: Decimal }>;
}

/** Another writer changed the same data; the command may be retried. */
export declare class ConflictError extends LotwiseError {
  readonly code: "conflict";
  /** What was changed concurrently, in plain English. */
  readonly reason: string;
  readonly fields: Readonly<{ reason: string }>;
}

/** The database was written by a newer lotwise; upgrade lotwise to open it. */
export declare class UnsupportedSchemaVersionError extends StorageError {
  readonly code: "unsupported_schema_version";
  /** The schema version recorded in the database. */
  readonly found: number;
  /** The newest schema version this lotwise can open. */
  readonly supported: number;
  readonly fields: Readonly<{ found: number; supported: number }>;
}

/** The file or database is not a lotwise database (another application's, or not a database at all); it was left untouched. */
export declare class UnrecognizedDatabaseError extends StorageError {
  readonly code: "unrecognized_database";
  /** The path or connection string that was opened. */
  readonly location: string;
  /** Why it was not recognised, in plain English. */
  readonly reason: string;
  readonly fields: Readonly<{ location: string; reason: string }>;
}

/** A bug in lotwise; please report it. */
export declare class InternalError extends LotwiseError {
  readonly code: "internal";
  /** A description of the broken assumption, for the bug report. */
  readonly reason: string;
  readonly fields: Readonly<{ reason: string }>;
}

/**
 * Input to `define_item`. Only `sku`, `name`, `kind` and `uom` are required.
 *
 * ```
 * use lotwise::{NewItem, ItemKind, Uom};
 * let wax = NewItem::new("WAX-SOY", "Soy wax", ItemKind::Material, Uom::Kg);
 * assert_eq!(wax.uom, Uom::Kg);
 * ```
 */
export interface NewItem {
  /** Unique stock-keeping unit, e.g. `WAX-SOY`; used as the item's id everywhere. */
  sku: string;
  /** Human name shown in views and documents. */
  name: string;
  /** Whether the item is a material, a product or packaging. */
  kind: ItemKind;
  /** Any unit of the item's dimension; stock is kept in that dimension's base unit. */
  uom: Uom;
  /** How lots are identified; defaults to [`Tracking::Lot`]. */
  tracking?: Tracking;
  /** Days from receipt or production until a lot expires; `None` means lots never expire unless a receipt gives an expiry. */
  shelf_life_days?: number | null;
  /** A lot must have at least this many days left to be reserved; `None` means any unexpired lot qualifies. */
  min_remaining_shelf_life_days?: number | null;
  /** Supplier lead time in days, for bought items; `None` when unknown. */
  lead_time_days?: number | null;
  /** Stock position below which replenishment suggests buying or making more, in any unit of its dimension; `None` means it is only bought or made to order. */
  reorder_point?: Qty | null;
  /** Smallest quantity to buy or make once below the reorder point, in any unit of its dimension; `None` suggests just the shortfall. */
  reorder_qty?: Qty | null;
  /** Food, cosmetic or other goods; defaults to [`ItemCategory::Other`]. */
  category?: ItemCategory | null;
  /**
   * Whether a batch's output lot expires no later than the earliest
   * expiring lot it consumed (oats that expire in a week make bars that
   * expire in a week, whatever the bars' own shelf life); `None` means
   * yes for food and cosmetics, no for other goods.
   */
  expiry_capped_by_inputs?: boolean | null;
  /**
   * Pack units of the item (`[{"name": "box", "qty": "12 pcs"}]`), in
   * order: a pack may be given in one defined before it.
   */
  packs?: NewPack[];
  /**
   * The unit quantities of the item are shown in on request: a standard
   * unit of its dimension or one of its packs; `uom` when absent.
   */
  display_unit?: string | null;
}

/** What role an item plays. */
export type ItemKind = "material" | "product" | "packaging";

/**
 * A standard unit of measure.
 *
 * In JSON a `Uom` field is its snake_case code (`"kg"`, `"fl_oz"`); any
 * spelling [`Uom::from_str`] knows is accepted there too (`"fl oz"`,
 * `"pounds"`). In the text of a quantity it is its symbol (`"16 fl oz"`).
 *
 * ```
 * use lotwise::Uom;
 * assert_eq!("kg".parse::<Uom>().unwrap(), Uom::Kg);
 * assert_eq!(Uom::Kg.to_string(), "kg");
 * assert_eq!("fl oz".parse::<Uom>().unwrap(), Uom::FlOz);
 * assert_eq!(Uom::Lb.base_factor().to_string(), "453.59237");
 * ```
 */
export type Uom = "mg" | "g" | "kg" | "tonne" | "oz" | "lb" | "ml" | "cl" | "l" | "tsp" | "tbsp" | "fl_oz" | "cup" | "pt" | "qt" | "gal" | "pcs" | "dozen";

/** How stock of an item is identified. */
export type Tracking = "none" | "lot";

/** A decimal and its unit, e.g. "2.5 kg", "16 oz", "240 ml", "12 pcs", or a pack unit of the item, "2 box". */
export type Qty = string;

/**
 * What kind of goods an item is, where rules differ by trade: food and
 * cosmetics (soap, balms, lotions) expire with their ingredients.
 */
export type ItemCategory = "food" | "cosmetic" | "other";

/** A pack unit as the caller defines it: `{"name": "box", "qty": "12 pcs"}`. */
export interface NewPack {
  /** The pack's name: 1 to 16 letters, not a standard unit (`box`, `drum`, `case`). */
  name: string;
  /**
   * What one pack holds, in any unit of the item's dimension or in one of
   * its packs defined before (`"4 box"` for a case); above zero.
   */
  qty: Qty;
}

/** An item as it is defined. */
export interface Item {
  /** Unique stock-keeping unit. */
  sku: string;
  /** Human name. */
  name: string;
  /** Material, product or packaging. */
  kind: ItemKind;
  /** The base unit stock is kept in (g, ml or pcs). */
  uom: Uom;
  /** Lot tracking. */
  tracking: Tracking;
  /** Days from receipt or production until a lot expires. */
  shelf_life_days?: number | null;
  /** A lot must have at least this many days left to be reserved. */
  min_remaining_shelf_life_days?: number | null;
  /** Supplier lead time in days, for bought items. */
  lead_time_days?: number | null;
  /** Reorder point, in the base unit. */
  reorder_point?: Decimal | null;
  /** Reorder quantity, in the base unit. */
  reorder_qty?: Decimal | null;
  /**
   * Food, cosmetic or other goods (items stored before categories
   * existed read as other).
   */
  category?: ItemCategory;
  /**
   * Whether a batch's output lot expires no later than the earliest
   * expiring lot it consumed (items stored before this setting existed
   * read as no, as they behaved).
   */
  expiry_capped_by_inputs?: boolean;
  /**
   * The unit quantities of the item are shown in on request (`convert_qty`):
   * the unit it was defined in unless it says otherwise. Stock is always
   * kept and reported in `uom`. `None` for items stored before display
   * units existed: they show in `uom`.
   */
  display_unit?: string | null;
  /**
   * The item's pack units (`box` = 12 pcs), usable wherever a quantity
   * of this item is given (`"2 box"`).
   */
  packs?: Pack[];
}

/** A pack unit defined on an item: `name` is `qty` of the item's base unit. */
export interface Pack {
  /** The pack's name, e.g. `box`. */
  name: string;
  /** How much of the item one pack holds, in the item's base unit. */
  qty: Decimal;
}

/**
 * Input to `define_recipe`. Defining a recipe for a product that already has
 * one creates the next version; manufacturing orders keep the version they used.
 */
export interface NewRecipe {
  /** The product made. */
  product: string;
  /** Good output of one batch. */
  batch_size: Qty;
  /** What one batch consumes. */
  inputs: NewRecipeInput[];
  /** Expected good share of the output in percent; inputs are scaled up by it. */
  yield_pct?: Decimal | null;
  /** Steps, for capacity planning. */
  operations?: Operation[];
}

/** One input line of a recipe as given by the caller. */
export interface NewRecipeInput {
  /** Input item. */
  sku: string;
  /** Quantity per batch, in any unit of the item's dimension. */
  qty: Qty;
  /** Extra consumed as waste, in percent (e.g. `2` for 2 %). */
  scrap_pct?: Decimal;
}

/**
 * A step of making a batch, used for capacity planning: work on a work
 * center (setup and run minutes), or an elapsed step that takes calendar
 * time without occupying any (`elapsed`: a cure, drying, quarantine).
 */
export interface Operation {
  /**
   * Work center code (pouring line, curing rack, packing bench); empty
   * (or left out) for an elapsed step.
   */
  work_center?: string;
  /** Minutes to set up, once per manufacturing order. */
  setup_minutes?: Decimal;
  /** Minutes per `run_unit` of output ("1.5 min per kg"). */
  run_minutes_per_unit?: Decimal;
  /**
   * The unit `run_minutes_per_unit` counts: any unit of the product's
   * dimension. Defining a recipe fills it with the unit its batch size
   * was written in, so "1.5 minutes per unit" of a `"10 kg"` batch means
   * per kg. Recipes stored before it existed have `None`: per base unit
   * (g, ml, pcs), as they were planned.
   */
  run_unit?: Uom | null;
  /**
   * Set for an elapsed step: the calendar time the batch waits through
   * (a 28-day cure) while no work center is held, so batches made the
   * same day wait side by side. Such a step names no work center and no
   * setup or run minutes.
   */
  elapsed?: ElapsedStep | null;
}

/**
 * The calendar time a step takes without occupying a work center.
 *
 * ```
 * use lotwise::domain::elapsed::ElapsedStep;
 * use lotwise::Decimal;
 * let cure = ElapsedStep { name: "cure".into(), days: Decimal::from(28), calendar: None };
 * let poured = "2026-03-02T10:00:00Z".parse().unwrap();
 * let (end, minutes) = cure.end_after(poured).unwrap();
 * assert_eq!(minutes, 28 * 24 * 60);
 * assert_eq!(end.to_rfc3339(), "2026-03-30T10:00:00+00:00");
 * ```
 */
export interface ElapsedStep {
  /**
   * What happens, in words a person reads: `cure`, `dry`, `quarantine
   * until tested`.
   */
  name: string;
  /**
   * How long, in days of `calendar` (a fraction is fine: `"0.5"`). On
   * the default calendar a day is 24 hours; on another, one of its
   * working days. Never negative.
   */
  days: Decimal;
  /**
   * The calendar the time counts on; every day around the clock
   * (24/7) when absent.
   */
  calendar?: NewCalendar | null;
}

/**
 * A calendar as a person defines it.
 *
 * ```
 * use lotwise::domain::calendar::{NewCalendar, WorkCalendar};
 * use rust_decimal::Decimal;
 * let cal = WorkCalendar::new(NewCalendar::mon_to_fri(Decimal::from(8))).unwrap();
 * assert_eq!(cal.minutes_per_day(), 480);
 * ```
 */
export interface NewCalendar {
  /** Weekdays the center works, e.g. `["Mon", "Tue", "Wed", "Thu", "Fri"]`. */
  working_days: Array<"Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun">;
  /** Days off that would otherwise be working days. */
  holidays?: DateString[];
  /** When a working day starts (UTC); 08:00 when absent. */
  day_start?: TimeOfDay;
  /** Working hours per working day, in whole minutes (e.g. `7.5`). */
  hours_per_day: Decimal;
}

/** A versioned recipe. */
export interface Recipe {
  /** Product made. */
  product: string;
  /** Version, from 1. */
  version: number;
  /** Good output per batch in the product's base unit. */
  batch_size: Decimal;
  /** Inputs per batch. */
  inputs: RecipeLine[];
  /** Expected yield in percent (100 when not given). */
  yield_pct: Decimal;
  /** Operations. */
  operations: Operation[];
  /** When this version was defined. */
  created_at: Instant;
}

/** One input line of a stored recipe, in the input item's base unit. */
export interface RecipeLine {
  /** Input item. */
  sku: string;
  /** Quantity per batch in the item's base unit. */
  qty: Decimal;
  /** Scrap allowance in percent. */
  scrap_pct: Decimal;
}

/** A new location. */
export interface DefineLocation {
  /** Unique code, e.g. `SHOP`. */
  code: string;
  /** Display name. */
  name: string;
  /** What kind of place it is; `internal` (holds stock) when absent. */
  kind?: LocationKind;
}

/**
 * What a location stands for. Virtual locations are the other side of the
 * ledger's double entry and may run negative; internal ones may not.
 */
export type LocationKind = "internal" | "quarantine" | "transit" | "supplier" | "customer" | "production" | "scrap" | "adjustment";

/** A place in the ledger. */
export interface Location {
  /** Short unique code such as `MAIN`. */
  code: string;
  /** Human name. */
  name: string;
  /** Internal or one of the virtual kinds. */
  kind: LocationKind;
}

/** An item by SKU. */
export interface BySku {
  /** The item's SKU. */
  sku: string;
}

/** No arguments: `{}`. */
export type NoArgs = Record<string, never>;

/** A pack unit to define (or resize) on an item. */
export interface DefinePack {
  /** The item's SKU. */
  sku: string;
  /** The pack's name: 1 to 16 letters, not a standard unit (`box`, `drum`). */
  name: string;
  /** What one pack holds, in any unit of the item (`"12 pcs"`, `"25 kg"`). */
  qty: Qty;
}

/** The unit an item's quantities are shown in. */
export interface SetDisplayUnit {
  /** The item's SKU. */
  sku: string;
  /** A standard unit of the item's dimension or one of its packs. */
  unit: string;
}

/** A quantity of an item to express in another of its units. */
export interface ConvertQty {
  /** The item's SKU. */
  sku: string;
  /** The quantity, in any unit of the item (packs included). */
  qty: Qty;
  /** The unit to express it in; the item's display unit when absent. */
  to?: string | null;
}

/** How costs are kept: the shop's cost currency and its overhead rule. */
export interface CostSettings {
  /**
   * The currency every cost is kept in (ISO 4217). Until set, the first
   * cost recorded sets it.
   */
  currency?: string | null;
  /**
   * Overhead added to every batch, in percent of its materials and
   * labour (`"10"` for 10 %); zero when absent.
   */
  overhead_pct?: Decimal;
  /**
   * A fixed overhead added to every completed batch, in the cost
   * currency; none when absent.
   */
  overhead_per_batch?: Money | null;
}

/** A decimal amount and its ISO 4217 currency, e.g. "18.00 USD". */
export type Money = string;

/** A work center's cost per hour. */
export interface SetWorkCenterRate {
  /** The work center's code. */
  code: string;
  /** What an hour of its booked time costs, in the shop's cost currency. */
  rate_per_hour: Money;
}

/** A work center's cost per hour of booked time. */
export interface WorkCenterRate {
  /** The work center's code. */
  work_center: string;
  /** Cost per hour, in the cost currency. */
  rate_per_hour: Money;
}

/**
 * The id of the document the operation acts on: a sales order
 * (`SO-000001`), manufacturing order (`MO-000001`), purchase order or
 * transfer, as the operation's name says.
 */
export interface ById {
  /** The document id. */
  id: string;
}

/** What a completed (or cancelled) batch cost. Amounts in `currency`. */
export interface BatchCost {
  /** The manufacturing order. */
  mo: string;
  /** The product made. */
  product: string;
  /** The cost currency. */
  currency: string;
  /** The lots consumed, at their actual cost. */
  inputs: CostLine[];
  /** The operations, at their work centers' rates. */
  operations: OperationCost[];
  /** Σ inputs' cost. */
  materials: Decimal;
  /** Σ operations' cost. */
  labour: Decimal;
  /** overhead_pct × (materials + labour) + overhead per batch. */
  overhead: Decimal;
  /** materials + labour + overhead. */
  total: Decimal;
  /** Good output, in the product's base unit. */
  good: Decimal;
  /** Output scrapped, absorbed by the good units. */
  scrap: Decimal;
  /** The output lot; `None` for a cancelled batch. */
  output_lot?: string | null;
  /**
   * total ÷ good, rounded to 10 places: the output lot's cost per base
   * unit; `None` when nothing good came out.
   */
  unit_cost?: Decimal | null;
  /**
   * good × unit cost − total: what rounding the unit cost added (booked
   * with the batch so costs are conserved exactly).
   */
  rounding: Decimal;
  /**
   * The cost written off: the whole total when nothing good came out or
   * the batch was cancelled (its consumed inputs), else zero.
   */
  written_off: Decimal;
  /** Consumed lots that had no cost (counted as zero). */
  uncosted_lots: string[];
  /** When the cost was booked. */
  at: Instant;
}

/** One consumed lot in a batch's cost. */
export interface CostLine {
  /** Item. */
  sku: string;
  /** Lot. */
  lot: string;
  /** Quantity, in the item's base unit. */
  qty: Decimal;
  /** The lot's cost per base unit; `None` when the lot has no cost. */
  unit_cost?: Decimal | null;
  /** qty × unit cost (zero for a lot without cost). */
  cost: Decimal;
}

/** One operation in a batch's cost. */
export interface OperationCost {
  /** Work center. */
  work_center: string;
  /** Minutes booked (setup + run time for the batch's quantity, as planned). */
  minutes: number;
  /** The work center's rate per hour; `None` when it has none (costs zero). */
  rate_per_hour?: Decimal | null;
  /** minutes × rate ÷ 60. */
  cost: Decimal;
}

/** A shipment by id. */
export interface ByShipment {
  /** The shipment id, e.g. `SH-000001`. */
  id: string;
}

/** The cost of goods of one shipment, from the lots it shipped. */
export interface ShipmentCost {
  /** The shipment. */
  shipment: string;
  /** Its order. */
  order: string;
  /** The cost currency; `None` when no cost was ever recorded. */
  currency?: string | null;
  /** Per lot shipped. */
  lines: ShippedCost[];
  /** Σ lines' cost. */
  cost_of_goods: Decimal;
  /** When it shipped. */
  at: Instant;
}

/** One lot of one order line in a shipment's cost. */
export interface ShippedCost {
  /** Order line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Lot shipped. */
  lot: string;
  /** Quantity, base unit. */
  qty: Decimal;
  /** The lot's cost per base unit; `None` when it has none. */
  unit_cost?: Decimal | null;
  /** qty × unit cost. */
  cost: Decimal;
}

/** Input to `order_margin`. */
export interface MarginQuery {
  /** The sales order. */
  id: string;
  /**
   * Units of the cost currency per unit of the order's currency, when
   * they differ; without it such an order's margin is not comparable.
   */
  exchange_rate?: Decimal | null;
}

/** The margin of an order on what has shipped, in the cost currency. */
export interface OrderMargin {
  /** The order. */
  order: string;
  /** The order's currency (of its prices); `None` when unpriced. */
  currency?: string | null;
  /** The cost currency; `None` when no cost was ever recorded. */
  cost_currency?: string | null;
  /**
   * Whether revenue and cost are in one currency (the same, or converted
   * by the rate given). When not, margins are `None`: never mixed.
   */
  comparable: boolean;
  /** Per line. */
  lines: LineMargin[];
  /** Σ revenue, in the order's currency, rounded to its minor unit. */
  revenue?: Money | null;
  /** Σ cost of goods, rounded to the cost currency's minor unit. */
  cost_of_goods?: Money | null;
  /** revenue − cost of goods, in the cost currency, rounded. */
  margin?: Money | null;
  /** margin ÷ revenue × 100, to two places. */
  margin_pct?: Decimal | null;
}

/** The margin of one order line, on what has shipped. */
export interface LineMargin {
  /** Line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Shipped, base unit. */
  shipped: Decimal;
  /** shipped × unit price, in the order's currency; `None` when unpriced. */
  revenue?: Money | null;
  /** Cost of the goods shipped on the line, in the cost currency. */
  cost_of_goods?: Money | null;
  /** revenue (in the cost currency) − cost of goods; `None` when not comparable. */
  margin?: Money | null;
  /** margin ÷ revenue × 100, to two places; `None` when not comparable or no revenue. */
  margin_pct?: Decimal | null;
}

/** Input to `stock_valuation`. */
export interface ValuationQuery {
  /** The instant to value stock at (stock as the ledger stood then); now when absent. */
  at?: Instant | null;
  /** Only this item; every item when absent. */
  sku?: string | null;
  /** Only this location; every location that holds stock when absent. */
  location?: string | null;
}

/** What stock was worth at an instant. */
export interface Valuation {
  /** The instant. */
  at: Instant;
  /** The cost currency; `None` when no cost was ever recorded. */
  currency?: string | null;
  /** Per lot and location (internal, quarantine and in-transit stock). */
  lots: ValuedLot[];
  /** Per item and location. */
  items: ValuedStock[];
  /** Σ of every lot's value, exact. */
  value: Decimal;
  /** The value rounded to the currency's minor unit. */
  value_total?: Money | null;
  /** Lots on hand without a cost (valued at zero). */
  uncosted_lots: string[];
}

/** Stock of one lot at one location, valued. */
export interface ValuedLot {
  /** Item. */
  sku: string;
  /** Location. */
  location: string;
  /** Lot. */
  lot: string;
  /** On hand, base unit. */
  qty: Decimal;
  /** The lot's cost per base unit; `None` when it has none. */
  unit_cost?: Decimal | null;
  /** qty × unit cost (zero without a cost). */
  value: Decimal;
}

/** Stock of one item at one location, valued. */
export interface ValuedStock {
  /** Item. */
  sku: string;
  /** Location. */
  location: string;
  /** On hand, base unit. */
  qty: Decimal;
  /** Σ of its lots' values. */
  value: Decimal;
  /** The value rounded to the currency's minor unit. */
  value_total?: Money | null;
}

/** An instant to report at. */
export interface AtInstant {
  /** The instant (RFC 3339); now when absent. */
  at?: Instant | null;
}

/** Where cost went, from the ledger and the batches' costs, up to an instant. */
export interface CostFlows {
  /** The instant. */
  at: Instant;
  /** The cost currency; `None` when no cost was ever recorded. */
  currency?: string | null;
  /** Receipts, and stock found at counts, at their lots' cost. */
  received: Decimal;
  /** What batches added: labour, overhead and the rounding of output unit costs. */
  added_by_operations: Decimal;
  /** Cost of goods shipped, less what customers sent back. */
  shipped: Decimal;
  /**
   * Scrapped: inputs of cancelled batches, batches with no good output,
   * returns scrapped, stock lost at counts.
   */
  scrapped: Decimal;
  /** Inputs of batches started and not yet completed. */
  work_in_progress: Decimal;
  /** Stock valuation (internal, quarantine and in-transit stock). */
  on_hand: Decimal;
  /**
   * received + added − shipped − scrapped − work in progress − on hand:
   * zero, always (costs are conserved).
   */
  unaccounted: Decimal;
}

/** Input to `cost_analytics`: the days to report, both included. */
export interface CostAnalyticsQuery {
  /** First day (UTC). */
  from: DateString;
  /** Last day (UTC), at most 366 days after `from`. */
  to: DateString;
}

/** Margins and inventory value over a span of days. */
export interface CostAnalytics {
  /** The cost currency; `None` when no cost was ever recorded. */
  cost_currency?: string | null;
  /** Per month, channel, product and currency. */
  margins: MarginRow[];
  /** Per product and currency, over the span. */
  by_product: MarginRow[];
  /** Per channel and currency, over the span. */
  by_channel: MarginRow[];
  /** Per month and currency. */
  by_month: MarginRow[];
  /** Stock value at the end of each day. */
  inventory: InventoryValue[];
}

/** Margin of one group of shipped goods. */
export interface MarginRow {
  /** Month shipped, `YYYY-MM`; `None` in the per-product and per-channel sums. */
  month?: string | null;
  /** Sales channel; `None` in the per-product and per-month sums. */
  channel?: string | null;
  /** Product; `None` in the per-channel and per-month sums. */
  sku?: string | null;
  /** The orders' currency; `None` for unpriced lines. */
  currency?: string | null;
  /** Quantity shipped, base unit (summed only within one SKU, else zero). */
  qty: Decimal;
  /** Revenue in `currency`, rounded to its minor unit. */
  revenue: Decimal;
  /** Cost of goods in the cost currency, rounded to its minor unit. */
  cost_of_goods: Decimal;
  /** revenue − cost, rounded; `None` when `currency` is not the cost currency. */
  margin?: Decimal | null;
}

/** Stock value at the end of one day. */
export interface InventoryValue {
  /** The day. */
  day: DateString;
  /** On hand × lot costs at the end of the day, rounded to the cost currency's minor unit. */
  value: Decimal;
}

/** Input to `estimate_recipe_cost`. */
export interface EstimateQuery {
  /** The product. */
  sku: string;
  /** How much to quote; one recipe batch when absent. */
  qty?: Qty | null;
}

/** A recipe's estimated cost from current costs, for quoting. */
export interface RecipeEstimate {
  /** The product. */
  sku: string;
  /** The quantity estimated, base unit. */
  qty: Decimal;
  /** The cost currency; `None` when no cost was ever recorded. */
  currency?: string | null;
  /** Inputs (one level; made inputs are estimated from their recipes). */
  inputs: EstimateLine[];
  /** Σ inputs. */
  materials: Decimal;
  /** Operations at their work centers' rates. */
  labour: Decimal;
  /** The overhead rule. */
  overhead: Decimal;
  /** materials + labour + overhead. */
  total: Decimal;
  /** total ÷ qty, per base unit, to 10 places. */
  unit_cost?: Decimal | null;
  /** The total rounded to the currency's minor unit. */
  total_money?: Money | null;
  /** Inputs with no known cost (counted as zero). */
  uncosted: string[];
}

/** One input of a recipe estimate. */
export interface EstimateLine {
  /** Item. */
  sku: string;
  /** Quantity needed, base unit (with scrap and yield allowances). */
  qty: Decimal;
  /** The cost per base unit used; `None` when none is known. */
  unit_cost?: Decimal | null;
  /**
   * Where it came from: `stock` (on-hand lots, weighted), `last_lot`,
   * `supplier_price`, `recipe` (made, estimated from its own recipe) or `none`.
   */
  source: string;
  /** qty × unit cost. */
  cost: Decimal;
}

/** Input to `receive`: goods arriving from a supplier. */
export interface Receipt {
  /** Item received. */
  sku: string;
  /** Quantity, in any unit of the item's dimension. */
  qty: Qty;
  /** Lot code; generated when absent. Receiving into an existing lot of the same item adds to it. */
  lot?: string | null;
  /** Expiry; from the item's shelf life when absent. */
  expiry?: DateString | null;
  /** The supplier's lot number. */
  supplier_lot_ref?: string | null;
  /** Internal location; `MAIN` when absent. */
  location?: string | null;
  /**
   * What one unit of `qty`'s unit cost (`"2.50 USD"` for `"10 kg"` is
   * 2.50 a kilogram; for `"2 drum"`, a drum): the lot's cost. In the
   * shop's cost currency, or another with `exchange_rate`. Not negative;
   * up to four places more than the currency's minor unit. `None`: the
   * lot keeps no cost (or the cost it has, when receiving more of it).
   */
  unit_cost?: Money | null;
  /**
   * Units of the cost currency per unit of `unit_cost`'s currency, when
   * they differ (`"1.08"` for a EUR price in a USD shop).
   */
  exchange_rate?: Decimal | null;
}

/** A lot. */
export interface Lot {
  /** Unique lot code. */
  code: string;
  /** The item this lot is of. */
  sku: string;
  /** Last day the lot may be used or sold. */
  expiry?: DateString | null;
  /** Receipt, production or adjustment. */
  origin: LotOrigin;
  /** The supplier's own lot number, for recalls upstream. */
  supplier_lot_ref?: string | null;
  /** When the lot came into being. */
  created_at: Instant;
  /**
   * What one base unit (g, ml, pcs) of the lot cost, in the shop's cost
   * currency: from its receipt, or its batch's cost ÷ good output.
   * `None` when no cost was given (it counts as zero in valuations, and
   * reports list it as uncosted).
   */
  unit_cost?: Money | null;
  /**
   * Set while the lot is held (QA hold, recall, customer complaint): a
   * held lot is never reserved, consumed, transferred or shipped.
   * `null` when the lot is free to use.
   */
  hold?: LotHold | null;
}

/** Where a lot came from. */
export type LotOrigin =
  /** Received from a supplier. */
  | { type: "receipt" }
  /** Produced by a manufacturing order. */
  | { type: "production"; mo: string }
  /** Found during a count. */
  | { type: "adjustment" };

/** A hold on a lot. */
export interface LotHold {
  /** Why. */
  reason: HoldReason;
  /** Free text for the record (test number, complaint reference). */
  note?: string | null;
  /**
   * The recalled lot this hold comes from, for holds placed by a recall
   * (and for the output of a batch that consumed a held lot).
   */
  recall_of?: string | null;
  /** When the hold was placed. */
  since: Instant;
}

/** Why a lot is held. */
export type HoldReason = "qa_hold" | "recall" | "customer_complaint" | "other";

/** Input to `adjust_stock`: a counting correction of one lot at one location. */
export interface Adjustment {
  /** Item. */
  sku: string;
  /** Lot; a positive correction may name a new lot. */
  lot: string;
  /** Internal location; `MAIN` when absent. */
  location?: string | null;
  /** Signed change, e.g. `"-2 pcs"` for two broken jars. */
  delta: Qty;
  /** Why, for the record. */
  reason: string;
}

/** One immutable ledger entry. */
export interface Movement {
  /** Position in the ledger, from 1. */
  seq: number;
  /** When it was booked. */
  at: Instant;
  /** Item. */
  sku: string;
  /** Lot. */
  lot: string;
  /** Always positive, in the item's base unit. */
  qty: Decimal;
  /** Source location. */
  from: string;
  /** Destination location. */
  to: string;
  /** Why. */
  reason: MovementReason;
  /** The document behind it (order, MO, shipment id), if any. */
  doc?: string | null;
}

/** Why stock moved. */
export type MovementReason = "receipt" | "adjustment" | "consumption" | "production" | "scrap" | "shipment" | "transfer" | "return";

/** Stock of an item at internal (sellable) locations, in its base unit. */
export interface StockLevel {
  /** Item. */
  sku: string;
  /** On hand. */
  on_hand: Decimal;
  /** Held for orders and manufacturing orders. */
  reserved: Decimal;
  /** Free to promise: on hand − reserved − expired − held. */
  available: Decimal;
  /** On hand in lots on hold (QA hold, recall, complaint). */
  held?: Decimal;
  /** Per lot and location, earliest expiry first. */
  lots: StockLot[];
}

/** Stock of one lot at one internal location. */
export interface StockLot {
  /** Lot. */
  lot: string;
  /** Location. */
  location: string;
  /** Expiry. */
  expiry?: DateString | null;
  /** On hand. */
  on_hand: Decimal;
  /** Reserved. */
  reserved: Decimal;
}

/** A lot by code. */
export interface ByLot {
  /** The lot code. */
  lot: string;
}

/** Input to `hold_lot`. */
export interface HoldLot {
  /** The lot to hold. */
  lot: string;
  /** Why: `qa_hold`, `recall`, `customer_complaint` or `other`. */
  reason: HoldReason;
  /** Free text for the record (test number, complaint reference). */
  note?: string | null;
}

/** What placing holds did. */
export interface HoldReport {
  /** The lots put on hold now, in the order held. */
  held: HeldLot[];
  /** Lots that were already on hold and were left as they were. */
  already_held: string[];
  /** Orders whose lines lost reserved stock and were re-planned. */
  replanned_orders: string[];
  /** Manufacturing orders whose inputs lost reserved stock and were re-planned. */
  replanned_mos: string[];
  /**
   * Orders affected (directly or through their batches) that are now
   * short: some line has neither stock nor materials behind it.
   */
  short_orders: string[];
  /** What is missing after re-planning. */
  shortages: Shortage[];
}

/** One lot put on hold. */
export interface HeldLot {
  /** Lot. */
  lot: string;
  /** Item. */
  sku: string;
  /** On hand at stock locations (internal, quarantine, transit), base unit. */
  on_hand: Decimal;
  /** Reserved quantity released, base unit. */
  released: Decimal;
}

/** Something missing for an order line or a manufacturing order. */
export interface Shortage {
  /** Item short. */
  sku: string;
  /** How much more is needed, in its base unit. */
  missing: Decimal;
  /** Who needs it: an order line (`SO-000001/1`) or a manufacturing order id. */
  needed_for: string;
}

/** Input to `release_lot`. */
export interface ReleaseLot {
  /** The held lot to release. */
  lot: string;
  /** Free text for the record (the test result, say). */
  note?: string | null;
}

/** Items by SKU, or every item. */
export interface BySkus {
  /**
   * The items' SKUs, in the order the answer keeps; every item, by
   * SKU, when absent.
   */
  skus?: string[] | null;
}

/** An item with its stock level: one row of a stock table. */
export interface ItemStock {
  /** The item as defined (name, kind, base unit the level is kept in, ...). */
  item: Item;
  /**
   * Its stock at internal locations, in the item's base unit, exactly as
   * `stock` gives it.
   */
  level: StockLevel;
}

/** Stock of one lot at one location. */
export interface Balance {
  /** Item. */
  sku: string;
  /** Lot. */
  lot: string;
  /** Location. */
  location: string;
  /** On hand, in the item's base unit; negative only at virtual locations. */
  qty: Decimal;
}

/** Stock held for a demand. */
export interface Reservation {
  /** Unique id. */
  id: number;
  /** Item. */
  sku: string;
  /** Lot. */
  lot: string;
  /** Location the stock sits at. */
  location: string;
  /** Quantity held, in the item's base unit. */
  qty: Decimal;
  /** Who it is held for. */
  demand: Demand;
  /** When it was made. */
  at: Instant;
}

/** What stock is held for. */
export type Demand =
  /** A sales order line. */
  | { type: "order_line"; order: string; line: number }
  /** The inputs of a manufacturing order. */
  | { type: "mo_input"; mo: string };

/**
 * Everything in the store, in a stable order. Two equal snapshots mean
 * equal states; tests use it to prove a failed command changed nothing.
 */
export interface Snapshot {
  /** Every item definition. */
  items: Item[];
  /** Every version of every recipe. */
  recipes: Recipe[];
  /** Every location, the default ones included. */
  locations: Location[];
  /** Every lot of every item, empty ones included. */
  lots: Lot[];
  /** The whole stock ledger, in booking order. */
  movements: Movement[];
  /** Every non-zero on-hand balance per SKU, lot and location, in base units. */
  balances: Balance[];
  /** Every open reservation of stock. */
  reservations: Reservation[];
  /** Every sales order, whatever its status. */
  orders: SalesOrder[];
  /** Every manufacturing order, whatever its status. */
  mos: ManufacturingOrder[];
  /** Every shipment made. */
  shipments: Shipment[];
  /** Every lot genealogy edge (input lot consumed into output lot by an MO). */
  trace_edges: TraceEdge[];
  /** The whole event outbox, acknowledged or not, by sequence. */
  events: Event[];
  /** Generic records as (kind, key, value). */
  docs: [string, string, unknown][];
}

/** A sales order. */
export interface SalesOrder {
  /** lotwise id, e.g. `SO-000001`. */
  id: string;
  /** Channel. */
  channel: string;
  /** Channel's order id. */
  external_ref?: string | null;
  /** Who ordered. */
  customer: Customer;
  /** Ship-to. */
  ship_to?: Address | null;
  /** Lines. */
  lines: OrderLine[];
  /** Tags. */
  tags: string[];
  /** Note. */
  notes?: string | null;
  /**
   * Problems a person must resolve before the order can be confirmed
   * (e.g. "line 2: sku `X-9` is not mapped"). Empty for a normal order.
   */
  attention?: string[];
  /** Derived status, kept current by every command that touches the order. */
  status: OrderStatus;
  /** When placed. */
  placed_at: Instant;
  /** When confirmed. */
  confirmed_at?: Instant | null;
  /** When cancelled. */
  cancelled_at?: Instant | null;
  /**
   * A hold for review (by hand or by a rule): while set, nobody can
   * confirm the order.
   */
  hold?: OrderHold | null;
  /**
   * The location the order is to ship from, when a rule or a person
   * routed it (`route_order` then plans from there only).
   */
  ship_from?: string | null;
  /**
   * Set while the order is projected to arrive after its promised date
   * (`check_delays`), with the late lines and why; `None` otherwise.
   */
  delay?: OrderDelay | null;
}

/** Who ordered. */
export interface Customer {
  /** Name as the channel gave it. */
  name: string;
  /** E-mail, if known. */
  email?: string | null;
  /**
   * The lotwise customer (`CU-000001`). Give it when placing an order for
   * a known customer; otherwise lotwise finds the customer by
   * `external_id`, then by e-mail, or creates one, and stores the id
   * here. `None` on an order that names no one (a walk-in sale).
   */
  id?: string | null;
  /**
   * The channel's own id for the customer (Shopify customer id, Etsy
   * buyer id), if it gave one.
   */
  external_id?: string | null;
  /** Phone, if known. */
  phone?: string | null;
}

/** Where an order ships to. */
export interface Address {
  /** Recipient name (person or company). */
  name: string;
  /** First street line; empty when the channel gave none. */
  line1?: string;
  /** Second street line (apartment, unit), if any. */
  line2?: string | null;
  /** City or town; empty when the channel gave none. */
  city?: string;
  /** State, province or county, if the country uses one. */
  region?: string | null;
  /** Postal or ZIP code; empty when the channel gave none. */
  postal_code?: string;
  /** ISO 3166 alpha-2 country code. */
  country?: string;
}

/** A stored order line. Quantities are in the item's base unit. */
export interface OrderLine {
  /** Line number from 1. */
  line: number;
  /** Item. */
  sku: string;
  /** Ordered quantity. */
  qty: Qty;
  /** Price per base unit. */
  unit_price?: Money | null;
  /** Requested delivery day. */
  requested_date?: DateString | null;
  /** Promised delivery day, once a promise was made. */
  promised_date?: DateString | null;
  /** Named lot. */
  lot?: string | null;
  /** Minimum remaining shelf life in days. */
  min_remaining_shelf_life_days?: number | null;
  /** Quantity shipped so far. */
  shipped: Decimal;
  /**
   * Quantity the sales channel settled itself, outside lotwise: shipped
   * there, refunded or removed there, or goods that need no shipping
   * (a digital download). Kept for the record; it is no demand.
   */
  fulfilled_outside?: Decimal;
  /**
   * Quantity cancelled after confirmation (`cancel_order_line`,
   * `close_short`): no longer to ship.
   */
  cancelled?: Decimal;
}

/** The status a person sees, for an order or a line. Ordered by progress. */
export type OrderStatus = "needs_attention" | "placed" | "awaiting_materials" | "materials_reserved" | "in_production" | "ready_to_ship" | "partially_shipped" | "shipped" | "cancelled";

/** A hold on an order: nobody confirms it until it is released. */
export interface OrderHold {
  /** Why. */
  reason: string;
  /** The rule that placed it, if a rule did. */
  rule?: string | null;
  /** When. */
  at: Instant;
}

/** Why an order is late, kept on the order while it is. */
export interface OrderDelay {
  /** When lotwise first saw the order would be late. */
  since: Instant;
  /** The late lines. */
  lines: DelayedLine[];
}

/** One line whose projected delivery is after its promised date. */
export interface DelayedLine {
  /** Order line number. */
  line: number;
  /** Item. */
  sku: string;
  /** The day promised to the customer. */
  promised_date: DateString;
  /** The day it can arrive now, as projected. */
  projected_date: DateString;
  /** The batch that decides, if one does. */
  mo?: string | null;
  /** What decides the projected date (a material, a work center, a cure). */
  basis: Basis;
  /** The same in words a person reads. */
  reason: string;
}

/** What decided a date. */
export type Basis =
  /** Everything is in stock. */
  | { type: "stock" }
  /**
   * Production on a work center: it was busy until `start` (`waited`),
   * or, when nothing waited, the longest operation.
   */
  | { type: "production"; work_center?: string | null; start: Instant; end: Instant; waited: boolean }
  /**
   * An elapsed step (a cure, drying, quarantine) that holds no work
   * center: the batch is ready when it is over.
   */
  | { type: "elapsed"; step: string; start: Instant; end: Instant }
  /** Waiting for a material from its supplier. */
  | { type: "supplier"; sku: string; until: DateString; source: Source };

/** Where one part of a line or input comes from. */
export type Source =
  /** Free or reserved stock. */
  | { type: "stock" }
  /** An open purchase order. */
  | { type: "purchase_order"; reference?: string | null }
  /** Ordered now from the supplier. */
  | { type: "lead_time"; days: number }
  /** A batch this promise plans. */
  | { type: "new_batch"; job: string }
  /** An existing manufacturing order. */
  | { type: "mo"; mo: string };

/** A manufacturing order. */
export interface ManufacturingOrder {
  /** lotwise id, e.g. `MO-000001`. */
  id: string;
  /** Product made. */
  product: string;
  /** Planned output in the product's base unit. */
  qty: Decimal;
  /** Recipe version used. */
  recipe_version: number;
  /** Status. */
  status: MoStatus;
  /**
   * For an intermediate batch, the manufacturing order it was first
   * planned for. Which batches it feeds is [`Self::feeds`].
   */
  parent_mo?: string | null;
  /** Inputs needed for the planned output. */
  requirements: Requirement[];
  /** Output promised to order lines. */
  allocations: Allocation[];
  /** Output promised to batches that consume it (intermediates). */
  feeds?: Feed[];
  /** The intermediate batches planned to feed this one, oldest first. */
  fed_by?: string[];
  /** Input lots consumed at start. */
  consumed: Consumption[];
  /** Output at completion. */
  output?: Output | null;
  /** Created. */
  created_at: Instant;
  /** Started. */
  started_at?: Instant | null;
  /** Completed or cancelled. */
  finished_at?: Instant | null;
}

/** Where a manufacturing order stands. */
export type MoStatus = "awaiting_materials" | "materials_reserved" | "in_production" | "completed" | "cancelled";

/** One line of a requirement: how much of an item an order of output needs. */
export interface Requirement {
  /** Input item. */
  sku: string;
  /** Quantity in the item's base unit. */
  qty: Decimal;
}

/** Part of a manufacturing order's output promised to one order line. */
export interface Allocation {
  /** Sales order id. */
  order: string;
  /** Line number. */
  line: number;
  /** Quantity allocated, in the product's base unit. */
  qty: Decimal;
  /** Quantity actually handed over at completion. */
  delivered: Decimal;
}

/**
 * Part of an intermediate batch's output promised to a batch that consumes
 * it (a soap-base batch feeding bar batches). One base batch may feed many
 * bar batches, and a bar batch may be fed by several base batches
 * ([`ManufacturingOrder::fed_by`]).
 */
export interface Feed {
  /** The consuming manufacturing order. */
  mo: string;
  /**
   * Quantity promised to it, in the product's base unit. Lowered to what
   * was delivered when the consumer no longer needs the rest (it was
   * cancelled, started, or covered from stock) or this batch completed.
   */
  qty: Decimal;
  /** Quantity reserved for it at this batch's completion. */
  delivered: Decimal;
}

/** An input lot consumed when production started. */
export interface Consumption {
  /** Input item. */
  sku: string;
  /** Lot consumed. */
  lot: string;
  /** Quantity consumed. */
  qty: Decimal;
}

/** What a batch produced. */
export interface Output {
  /** Output lot. */
  lot: string;
  /** Good quantity put to stock. */
  good: Decimal;
  /** Quantity scrapped. */
  scrap: Decimal;
  /** Output lot expiry. */
  expiry?: DateString | null;
}

/** A shipment. */
export interface Shipment {
  /** lotwise id, e.g. `SH-000001`. */
  id: string;
  /** Sales order. */
  order: string;
  /** Lines with lots. */
  lines: ShipmentLine[];
  /** Carrier. */
  carrier: string;
  /** Tracking number. */
  tracking: string;
  /** Label data as the carrier integration gave it (opaque). */
  label?: string | null;
  /** When it left. */
  shipped_at: Instant;
  /**
   * Cost of the goods shipped, from the lots' unit costs, in the shop's
   * cost currency (per lot: `shipment_cost`); `None` when no cost was
   * ever recorded. Shipments stored before costs read as `None`.
   */
  cost_of_goods?: Money | null;
}

/** One lot of one order line in a shipment. */
export interface ShipmentLine {
  /** Order line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Lot shipped. */
  lot: string;
  /** Location it left from. */
  location: string;
  /** Quantity, in the item's base unit. */
  qty: Decimal;
}

/** Input lot `from` went into output lot `to` through manufacturing order `mo`. */
export interface TraceEdge {
  /** Input lot. */
  from_lot: string;
  /** Output lot. */
  to_lot: string;
  /** Manufacturing order. */
  mo: string;
  /** Quantity of the input lot consumed, in its item's base unit. */
  qty: Decimal;
}

/**
 * An event in the outbox.
 *
 * It serializes as `{"seq", "at", "kind", "subject", "data"}`: the kind
 * and payload of [`EventData`] sit beside the other fields.
 */
export type Event = { seq: number; at: Instant; subject: string } & (
  | { kind: "item_defined"; data: { name: string; kind: ItemKind; uom: Uom } }
  | { kind: "recipe_defined"; data: { version: number } }
  | { kind: "location_defined"; data: { name: string; kind: LocationKind } }
  | { kind: "stock_received"; data: { lot: string; qty: Qty; location: string; expiry?: DateString | null; po?: string | null } }
  | { kind: "stock_adjusted"; data: { lot: string; location: string; delta: Qty; reason: string } }
  | { kind: "order_placed"; data: { channel: string; external_ref?: string | null; customer: string; lines: number } }
  | { kind: "order_confirmed"; data: unknown }
  | { kind: "order_status_changed"; data: { from: OrderStatus; to: OrderStatus } }
  | { kind: "order_shipped"; data: { shipment: string; carrier: string; tracking: string; customer: string; email?: string | null; lines: ShipmentLine[] } }
  | { kind: "order_cancelled"; data: { detached_mos: string[] } }
  | { kind: "order_updated"; data: { channel: string; lines_changed: boolean; flagged: boolean } }
  | { kind: "order_flagged"; data: { reason: string } }
  | { kind: "order_resolved"; data: { lines: number } }
  | { kind: "order_replanned"; data: { reserved: Record<string, Decimal>; mos: string[]; shortages: Shortfall[] } }
  | { kind: "mo_created"; data: { product: string; qty: Decimal; parent_mo?: string | null } }
  | { kind: "mo_status_changed"; data: { from: MoStatus; to: MoStatus } }
  | { kind: "mo_completed"; data: { lot: string; good: Qty; scrap: Qty } }
  | { kind: "work_center_defined"; data: { name: string; calendar: WorkCalendar; replaced: boolean } }
  | { kind: "mo_scheduled"; data: { operations: ScheduledOperation[]; ready_at: Instant; basis: Basis } }
  | { kind: "order_promised"; data: { lines: PromisedLine[] } }
  | { kind: "order_delayed"; data: { lines: DelayedLine[] } }
  | { kind: "supplier_defined"; data: { name: string; lead_time_days: number; items: string[]; replaced: boolean } }
  | { kind: "po_created"; data: { supplier: string; expected_date: DateString; lines: PoLineOrdered[] } }
  | { kind: "po_status_changed"; data: { from: PoStatus; to: PoStatus } }
  | { kind: "po_received"; data: { line: number; sku: string; lot: string; qty: Qty; supplier_lot_ref?: string | null } }
  | { kind: "order_tagged"; data: { tag: string } }
  | { kind: "order_untagged"; data: { tag: string } }
  | { kind: "order_note_set"; data: { note?: string | null } }
  | { kind: "return_recorded"; data: { return: string; customer: string; lines: ReturnLine[]; note?: string | null } }
  | { kind: "transfer_shipped"; data: { from: string; to: string; lines: TransferLine[] } }
  | { kind: "transfer_received"; data: { to: string; lines: TransferLine[] } }
  | { kind: "routing_rule_defined"; data: { locations: string[]; allow_split: boolean } }
  | { kind: "customer_created"; data: { name: string } }
  | { kind: "rule_defined"; data: { name: string; trigger: string; enabled: boolean } }
  | { kind: "rule_fired"; data: { rule: string; trigger: string; why: string[]; actions: string[] } }
  | { kind: "alert_raised"; data: { rule: string; message: string } }
  | { kind: "order_held"; data: { reason: string; rule?: string | null } }
  | { kind: "order_released"; data: unknown }
  | { kind: "rule_chain_stopped"; data: { rule: string; depth: number } }
  | { kind: "customer_merged"; data: { from: string; orders: string[] } }
  | { kind: "lot_held"; data: { sku: string; reason: HoldReason; note?: string | null; recall_of?: string | null; on_hand: Decimal; released: Decimal; orders: string[]; mos: string[] } }
  | { kind: "lot_released"; data: { sku: string; reason: HoldReason; note?: string | null } }
  | { kind: "order_line_cancelled"; data: { line: number; qty: Decimal; released: Decimal; detached_mos: string[]; reason?: string | null } }
  | { kind: "order_closed_short"; data: { cancelled: Record<string, Decimal>; reason?: string | null } }
  | { kind: "order_edited"; data: { changes: string[]; released: Decimal; reserved: Record<string, Decimal>; detached_mos: string[]; mos: string[]; shortages: Shortfall[] } }
  | { kind: "order_flag_cleared"; data: { reason: string; applied: boolean; note?: string | null } }
);

/** Something still missing after re-planning an order (`order_replanned`). */
export interface Shortfall {
  /** Item short. */
  sku: string;
  /** How much more is needed, in its base unit. */
  missing: Decimal;
  /** Who needs it: an order line (`SO-000001/1`) or a manufacturing order id. */
  needed_for: string;
}

/**
 * A validated calendar. Serializes as its [`NewCalendar`] definition and
 * validates again when read back.
 */
export interface WorkCalendar {
  /** Weekdays the center works, e.g. `["Mon", "Tue", "Wed", "Thu", "Fri"]`. */
  working_days: Array<"Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun">;
  /** Days off that would otherwise be working days. */
  holidays?: DateString[];
  /** When a working day starts (UTC); 08:00 when absent. */
  day_start?: TimeOfDay;
  /** Working hours per working day, in whole minutes (e.g. `7.5`). */
  hours_per_day: Decimal;
}

/** One booked operation of a manufacturing order (`mo_scheduled`). */
export interface ScheduledOperation {
  /** Work center (empty for an elapsed step). */
  work_center: string;
  /**
   * The elapsed step's name (`cure`) when the operation is one: it
   * held no work center. Events stored before it existed read as `null`.
   */
  elapsed?: string | null;
  /** Start. */
  start: Instant;
  /** End. */
  end: Instant;
  /** Working minutes. */
  minutes: number;
}

/** A line's promised date (`order_promised`). */
export interface PromisedLine {
  /** Order line number. */
  line: number;
  /** The promised delivery day. */
  promised_date: DateString;
  /** What decided it. */
  basis: Basis;
}

/** What a new purchase order line orders (`po_created`). */
export interface PoLineOrdered {
  /** Item. */
  sku: string;
  /** Quantity, in the item's base unit. */
  qty: Decimal;
}

/** Where a purchase order stands. */
export type PoStatus = "draft" | "sent" | "partially_received" | "received" | "cancelled";

/** One booked return line. */
export interface ReturnLine {
  /** Order line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Lot. */
  lot: string;
  /** Quantity, base unit. */
  qty: Decimal;
  /** Why. */
  reason: string;
  /** Restock, quarantine or scrap (`restock` …). */
  disposition: string;
  /** The location the goods went to. */
  location: string;
}

/** One lot moved by a transfer. */
export interface TransferLine {
  /** Item. */
  sku: string;
  /** Lot. */
  lot: string;
  /** Quantity, base unit. */
  qty: Decimal;
}

/**
 * Input to `place_order`.
 *
 * ```
 * use lotwise::{NewOrder, NewOrderLine, Customer};
 * let order = NewOrder {
 *     channel: "shopify".into(),
 *     external_ref: Some("1001".into()),
 *     customer: Customer { name: "Ada Lovelace".into(), email: Some("ada@example.com".into()), ..Default::default() },
 *     ship_to: None,
 *     lines: vec![NewOrderLine {
 *         sku: "CANDLE-LAV".into(), qty: "2 pcs".parse().unwrap(), unit_price: None,
 *         requested_date: None, lot: None, min_remaining_shelf_life_days: None,
 *     }],
 *     tags: vec![], notes: None,
 * };
 * assert_eq!(order.lines.len(), 1);
 * ```
 */
export interface NewOrder {
  /** Sales channel: `shopify`, `etsy`, `wholesale`, `manual`, … */
  channel: string;
  /** The channel's own order id; with the channel, the idempotency key. */
  external_ref?: string | null;
  /** Who ordered. */
  customer: Customer;
  /** Ship-to address. */
  ship_to?: Address | null;
  /** Lines, at least one. */
  lines: NewOrderLine[];
  /** Free tags. */
  tags?: string[];
  /** Free-text note. */
  notes?: string | null;
}

/** One line of a new order. */
export interface NewOrderLine {
  /** Item ordered. */
  sku: string;
  /** Quantity, in any unit of the item's dimension. */
  qty: Qty;
  /** Price per unit of `qty`. */
  unit_price?: Money | null;
  /** The day the customer asked to receive it. */
  requested_date?: DateString | null;
  /** Reserve only this lot. */
  lot?: string | null;
  /** Lots must have at least this many days left at reservation. */
  min_remaining_shelf_life_days?: number | null;
}

/** What `place_order` did. */
export interface PlacedOrder {
  /** The order. */
  order: SalesOrder;
  /**
   * True when the same (channel, external ref) was placed before with the
   * same content: nothing changed.
   */
  replayed: boolean;
}

/** Many orders placed in one call; each is its own transaction. */
export interface PlaceOrders {
  /** The orders, in the order they are placed. */
  orders: NewOrder[];
}

/**
 * What became of one order of [`Lotwise::place_orders`]: placed (or found
 * again, for a replayed channel reference), or refused with its error.
 */
export interface PlaceResult {
  /** The order's position in the request, from 0. */
  index: number;
  /** The order as placed, when it was. */
  placed?: PlacedOrder | null;
  /** Why it was refused (`{code, message, ...fields}`), when it was. */
  error?: ErrorReport | null;
}

/** An error as data: its `code`, its `message` (for people) and its fields, as the `Error` of that code has them. */
export interface ErrorReport {
  message: string;
}

/** What confirming (or re-planning) an order did. */
export interface ConfirmReport {
  /** The order's status after the command. */
  status: OrderStatus;
  /** Finished stock reserved, per line. */
  reserved: Record<string, Decimal>;
  /** Manufacturing orders created or joined for the lines. */
  mos: string[];
  /** What is still missing. */
  shortages: Shortage[];
  /**
   * Every open batch behind the order, at every level: the line's
   * batches and the intermediate batches feeding them, created or joined.
   */
  batches?: PlannedBatch[];
  /** Per line not yet ready, what it waits for, as data and in words. */
  waits?: LineWait[];
}

/** A batch an order's plan uses. */
export interface PlannedBatch {
  /** Manufacturing order. */
  mo: string;
  /** What it makes. */
  product: string;
  /** Its whole planned output, in the product's base unit. */
  qty: Decimal;
  /** Its status after the command. */
  status: MoStatus;
  /**
   * Created by this command; `false` when the plan joined a batch that
   * already existed (its output was shared).
   */
  created: boolean;
  /** What it serves: an order line (`SO-000001/1`) or the batch it feeds. */
  serves: string;
  /** How much of its output goes there. */
  share: Decimal;
}

/** What a line still waits for, as data and in one sentence. */
export interface LineWait {
  /** Line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Batches at every level and uncovered materials, outermost first. */
  waits_for: Wait[];
  /** The same in words. */
  summary: string;
}

/** One thing a line waits for. */
export type Wait =
  /** A material nothing covers yet: it must be bought or received. */
  | { kind: "material"; sku: string; missing: Decimal; needed_for: string }
  /** A batch still to be made. */
  | { kind: "batch"; mo: string; product: string; status: MoStatus; ready_at?: Instant | null; reason?: string | null };

/**
 * An order placed and confirmed by one command
 * ([`Lotwise::place_and_confirm_order`]).
 */
export interface AcceptedOrder {
  /** The order as placed, or as found again (`replayed`). */
  placed: PlacedOrder;
  /**
   * What confirming it did; `None` when this call did not confirm it: it
   * was found again no longer `placed` (confirmed before, cancelled…).
   */
  confirmed?: ConfirmReport | null;
}

/** Input to `cancel_order_line`. */
export interface CancelOrderLine {
  /** The sales order id. */
  id: string;
  /** The line number. */
  line: number;
  /** How much of the line's unshipped quantity to cancel; all of it when absent. */
  qty?: Qty | null;
  /** Why, for the record. */
  reason?: string | null;
}

/** An order with its derived status and per-line coverage. */
export interface OrderView {
  /** The order. */
  order: SalesOrder;
  /** Derived status. */
  status: OrderStatus;
  /** Promised or requested date passed with goods unshipped. */
  delayed: boolean;
  /** Lines. */
  lines: LineView[];
}

/** One line as a person sees it: how it is covered and where it stands. */
export interface LineView {
  /** Line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Ordered (base unit). */
  ordered: Decimal;
  /** Shipped. */
  shipped: Decimal;
  /**
   * Settled by the sales channel outside lotwise (fulfilled, refunded or
   * needing no shipping): kept for the record, no demand.
   */
  fulfilled_outside: Decimal;
  /** Cancelled after confirmation (a cancelled line, an order closed short). */
  cancelled: Decimal;
  /** Reserved from finished stock, ready to ship. */
  ready: Decimal;
  /** Neither in stock nor planned. */
  uncovered: Decimal;
  /** Line status. */
  status: OrderStatus;
  /** Reserved lots. */
  from_stock: LinePart[];
  /** Manufacturing orders behind it (including completed ones). */
  from_mos: MoPart[];
}

/** Finished stock of one lot held for a line. */
export interface LinePart {
  /** Lot. */
  lot: string;
  /** Location. */
  location: string;
  /** Quantity. */
  qty: Decimal;
}

/** A manufacturing order's share in a line. */
export interface MoPart {
  /** Manufacturing order. */
  mo: string;
  /** Its status. */
  status: MoStatus;
  /** Allocated. */
  qty: Decimal;
  /** Handed over at completion. */
  delivered: Decimal;
}

/**
 * Input to `edit_order`. Every part is optional; at least one must change
 * something.
 */
export interface EditOrder {
  /** The sales order id. */
  id: string;
  /** Changes to existing lines. */
  lines?: LineChange[];
  /** New lines, numbered after the last one. */
  add?: NewOrderLine[];
  /**
   * Lines to remove: their unshipped quantity is cancelled (a line that
   * shipped anything cannot be removed; lower its quantity instead).
   */
  remove?: number[];
  /** A new requested delivery day for every line still open. */
  requested_date?: DateString | null;
  /** A new ship-to address. */
  ship_to?: Address | null;
  /** Why, for the record. */
  reason?: string | null;
}

/** A change to one existing line. */
export interface LineChange {
  /** The line number. */
  line: number;
  /**
   * The new ordered quantity (never below what has shipped, was settled
   * outside lotwise or was cancelled).
   */
  qty?: Qty | null;
  /** The new requested delivery day. */
  requested_date?: DateString | null;
}

/** What an edit did. */
export interface EditReport {
  /** The order after the edit, line by line. */
  order: OrderView;
  /** What changed, one entry per change (`line 1 qty 10 -> 30`, …). */
  changes: string[];
  /** Reserved stock released, base units. */
  released: Decimal;
  /** Finished stock newly reserved, per line number. */
  reserved: Record<string, Decimal>;
  /** Manufacturing orders whose allocations were reduced or removed. */
  detached_mos: string[];
  /** Manufacturing orders created or joined. */
  mos: string[];
  /** What is still missing. */
  shortages: Shortage[];
}

/** Input to `dismiss_order_flag`. */
export interface DismissOrderFlag {
  /** The sales order id. */
  id: string;
  /** Why the flag needs no change to the order. */
  reason: string;
}

/** Input to `close_short`. */
export interface CloseShort {
  /** The sales order id. */
  id: string;
  /** Why, for the record. */
  reason?: string | null;
}

/** An order found by the channel it came from and the channel's reference. */
export interface ByExternalRef {
  /** The sales channel, e.g. `shopify`. */
  channel: string;
  /** The channel's own order reference. */
  external_ref: string;
}

/** A manufacturing order to complete. */
export interface CompleteMo {
  /** The manufacturing order id. */
  id: string;
  /** Output lot, good and scrap quantities; all defaults when absent. */
  completion?: Completion | null;
}

/** Input to `complete_mo`: what came out of the batch. */
export interface Completion {
  /** Output lot code; generated from the MO id when absent. */
  lot?: string | null;
  /** Good output; the planned quantity when absent. */
  good_qty?: Qty | null;
  /** Output scrapped. */
  scrap_qty?: Qty | null;
  /** Expiry; from the product's shelf life when absent. */
  expiry?: DateString | null;
}

/** Manufacturing orders by id, or every one. */
export interface ByMoIds {
  /**
   * The manufacturing order ids, in the order the answer keeps; every
   * manufacturing order, by id, when absent.
   */
  ids?: string[] | null;
}

/** A manufacturing order with the totals a list of batches shows. */
export interface MoSummary {
  /** The manufacturing order as stored. */
  mo: ManufacturingOrder;
  /**
   * Planned output promised to order lines: the sum of its allocations,
   * in the product's base unit.
   */
  allocated: Decimal;
  /**
   * Planned output still free for more order lines (it goes to stock
   * otherwise), in the product's base unit.
   */
  unallocated: Decimal;
}

/** One order line a manufacturing order covers. */
export interface MoLine {
  /** Sales order. */
  order: string;
  /** Line number. */
  line: number;
  /** Customer. */
  customer: string;
  /** Allocated. */
  qty: Decimal;
  /** Handed over at completion. */
  delivered: Decimal;
}

/** An order to ship. */
export interface Ship {
  /** The sales order id. */
  id: string;
  /** Carrier, tracking and the lines (every ready line when empty). */
  request: ShipRequest;
}

/** Input to `ship`. */
export interface ShipRequest {
  /** Lines; every line's ready quantity when empty. */
  lines?: ShipLine[];
  /** Carrier name. */
  carrier: string;
  /** Tracking number. */
  tracking: string;
  /** Opaque label data. */
  label?: string | null;
}

/** A line to ship: all that is ready when `qty` is absent. */
export interface ShipLine {
  /** Order line number. */
  line: number;
  /** How much. */
  qty?: Qty | null;
}

/** Input to `record_return`. */
export interface NewReturn {
  /** Sales order. */
  order: string;
  /** Lines, at least one. */
  lines: NewReturnLine[];
  /** Free-text note (an RMA number, say). */
  note?: string | null;
}

/** One returned lot as the caller gives it. */
export interface NewReturnLine {
  /** Order line number. */
  line: number;
  /** Lot that came back; it must have shipped on that line. */
  lot: string;
  /** Quantity, any unit of the item's dimension. */
  qty: Qty;
  /** Why the customer sent it back. */
  reason: string;
  /** What to do with it. */
  disposition: Disposition;
}

/** What happens to returned goods. */
export type Disposition =
  /** Back to sellable stock at an internal location (`MAIN` when absent). */
  | { type: "restock"; location?: string | null }
  /** Held for inspection at a quarantine location (`QUARANTINE` when absent). */
  | { type: "quarantine"; location?: string | null }
  /** Written off. */
  | { type: "scrap" };

/** A booked return. */
export interface Return {
  /** lotwise id, e.g. `RT-000001`. */
  id: string;
  /** Sales order. */
  order: string;
  /** Customer name, for recall reports. */
  customer: string;
  /** Lines. */
  lines: ReturnLine[];
  /** Note. */
  note?: string | null;
  /** When it was booked. */
  returned_at: Instant;
}

/** A return of an affected lot, for a recall report. */
export interface RecallReturn {
  /** Return id. */
  return_id: string;
  /** Sales order. */
  order: string;
  /** Customer. */
  customer: string;
  /** Order line. */
  line: number;
  /** Item. */
  sku: string;
  /** Lot. */
  lot: string;
  /** Quantity back, base unit. */
  qty: Decimal;
  /** Restock, quarantine or scrap. */
  disposition: string;
  /** Where it went. */
  location: string;
  /** When. */
  returned_at: Instant;
}

/** Lots reachable from a lot, and the edges between them. */
export interface Trace {
  /** The lot asked about. */
  lot: string;
  /** Every lot reached, the starting one first. */
  lots: TraceLot[];
  /** Every edge followed. */
  edges: TraceEdge[];
}

/** A lot in a trace, with how far it is from the lot asked about. */
export interface TraceLot {
  /** Lot code. */
  lot: string;
  /** Item. */
  sku: string;
  /** Steps from the starting lot (0 for itself). */
  depth: number;
}

/** Everything a recall of a lot must reach. */
export interface RecallReport {
  /** The recalled lot. */
  lot: string;
  /** It and every lot made from it. */
  lots: RecallLot[];
  /** Every shipment of an affected lot. */
  deliveries: RecallDelivery[];
  /**
   * Distinct customer names reached, sorted (two people of one name
   * appear once here: `contacts` tells them apart).
   */
  customers: string[];
  /** Distinct orders reached, sorted. */
  orders: string[];
  /**
   * Every person reached, by customer id, with how to contact them and
   * what each received: the list a recall notice goes to.
   */
  contacts?: RecallContact[];
}

/** One affected lot in a recall. */
export interface RecallLot {
  /** Lot. */
  lot: string;
  /** Item. */
  sku: string;
  /** Still on hand in internal locations (to pull from shelves). */
  on_hand: Decimal;
  /** Shipped to customers (everything that left, returns not netted). */
  shipped: Decimal;
  /** Sent back by customers. */
  returned: Decimal;
  /** Consumed into other lots. */
  consumed: Decimal;
}

/** One delivery of an affected lot to a customer. */
export interface RecallDelivery {
  /** Sales order. */
  order: string;
  /** Channel and external ref, for finding it in the shop. */
  channel: string;
  /** Channel's order id. */
  external_ref?: string | null;
  /** Customer name. */
  customer: string;
  /** Customer e-mail. */
  email?: string | null;
  /** The lotwise customer id, when the order is attached to one. */
  customer_id?: string | null;
  /** Shipment. */
  shipment: string;
  /** Lot shipped. */
  lot: string;
  /** Item. */
  sku: string;
  /** Quantity. */
  qty: Decimal;
  /** When it shipped. */
  shipped_at: Instant;
}

/** One person a recall reaches. */
export interface RecallContact {
  /**
   * Customer id; `None` for orders attached to no customer (walk-in
   * sales, orders stored before customers existed), grouped by name and
   * e-mail.
   */
  customer?: string | null;
  /** Name. */
  name: string;
  /** Every e-mail known for them. */
  emails: string[];
  /** Every phone known for them. */
  phones: string[];
  /** What they received of the affected lots. */
  received: RecallReceived[];
}

/** Part of an affected lot a customer received. */
export interface RecallReceived {
  /** Order. */
  order: string;
  /** Shipment. */
  shipment: string;
  /** Lot. */
  lot: string;
  /** Item. */
  sku: string;
  /** Quantity, in the item's base unit. */
  qty: Decimal;
}

/** Input to `recall_and_hold`. */
export interface RecallAndHold {
  /** The recalled lot. */
  lot: string;
  /** Free text for the record (the supplier's notice, say). */
  note?: string | null;
}

/** What `recall_and_hold` did: the recall report and the holds. */
export interface RecallHoldReport {
  /** The recall report, as `recall` answers it after the holds. */
  recall: RecallReport;
  /** The holds placed and what they re-planned. */
  hold: HoldReport;
}

/**
 * A lot's trace as a graph: lots, the consumption edges between them with
 * quantities, and lot → shipment → order → customer. Nodes and edges are
 * sorted, so renderings are deterministic.
 */
export interface TraceGraph {
  /** The lot the graph was drawn for. */
  lot: string;
  /** Nodes, by kind then id. */
  nodes: TraceNode[];
  /** Edges, by source, target and label. */
  edges: TraceGraphEdge[];
}

/** A node of the trace graph. */
export interface TraceNode {
  /** Unique within the graph: `lot:<code>`, `shipment:<id>`, `order:<id>`, `customer:<name>`. */
  id: string;
  /** What it is. */
  kind: NodeKind;
  /** Lines of its label: the code or name first, then details. */
  label: string[];
  /** The lot the graph was drawn for. */
  root: boolean;
}

/** What a node of the trace graph stands for. */
export type NodeKind = "lot" | "shipment" | "order" | "customer";

/** An edge of the trace graph. */
export interface TraceGraphEdge {
  /** Node id it leaves. */
  from: string;
  /** Node id it reaches. */
  to: string;
  /** Lines of its label (quantity, manufacturing order), possibly none. */
  label: string[];
}

/** A page of the event outbox after a sequence number. */
export interface EventsAfter {
  /**
   * Events with a sequence number above this one; 0 (from the start)
   * when absent.
   */
  after?: number;
  /** At most this many; 100 when absent. */
  limit?: number;
}

/** The next events a consumer has not acknowledged. */
export interface PendingEvents {
  /** The consumer's name. */
  consumer: string;
  /** At most this many; 100 when absent. */
  limit?: number;
}

/** A consumer's acknowledgement of every event up to a sequence number. */
export interface AckEvents {
  /** The consumer's name. */
  consumer: string;
  /** The last sequence number handled. */
  seq: number;
}

/** A consumer of the event outbox. */
export interface Consumer {
  /** The consumer's name, e.g. `mailer`. */
  consumer: string;
}

/**
 * Input to `define_supplier`.
 *
 * ```
 * use lotwise::{NewSupplier, NewSupplierItem};
 * let s = NewSupplier::new("CANDLESCIENCE", "CandleScience", 5)
 *     .supplying(NewSupplierItem::new("WAX"));
 * assert_eq!(s.items.len(), 1);
 * ```
 */
export interface NewSupplier {
  /** Short unique code. */
  code: string;
  /** Name. */
  name: string;
  /** Contact e-mail. */
  email?: string | null;
  /** Lead time in days (≥ 0). */
  lead_time_days: number;
  /** Items supplied. */
  items?: NewSupplierItem[];
}

/** One supplied item as the caller gives it. */
export interface NewSupplierItem {
  /** Our SKU. */
  sku: string;
  /** The supplier's article number. */
  supplier_sku?: string | null;
  /** Minimum order quantity, in any unit of the item's dimension. */
  min_order_qty?: Qty | null;
  /**
   * The pack the supplier sells (`"25 kg"`, `"100 pcs"`): orders are
   * whole packs. Above zero; `None` means any quantity can be ordered.
   */
  pack_size?: Qty | null;
  /** Item-specific lead time in days; signed so a negative one is reported, not wrapped. */
  lead_time_days?: number | null;
  /**
   * The supplier's price (its price list), per `price_per`; not
   * negative, up to four places more than the currency's minor unit. The
   * default unit cost of purchase-order lines for this item.
   */
  price?: Money | null;
  /** What `price` buys (`"1 kg"`, `"1 drum"`); one base unit when absent. */
  price_per?: Qty | null;
}

/** A supplier. */
export interface Supplier {
  /** Short unique code. */
  code: string;
  /** Name. */
  name: string;
  /** Contact e-mail. */
  email?: string | null;
  /** Days from sending an order to having the goods. */
  lead_time_days: number;
  /** Items supplied. */
  items: SupplierItem[];
}

/** One item a supplier sells, with its own terms. */
export interface SupplierItem {
  /** Our SKU. */
  sku: string;
  /** The supplier's article number, for the purchase order. */
  supplier_sku?: string | null;
  /** Smallest quantity the supplier sells, in the item's base unit (0: none). */
  min_order_qty: Decimal;
  /**
   * The supplier sells whole packs of this quantity (a 25 kg drum, a box
   * of 100 wicks), in the item's base unit: what can be ordered is a
   * multiple of it. `None`: any quantity. Stored suppliers from before
   * pack sizes read as `None`.
   */
  pack_size?: Decimal | null;
  /** Lead time for this item when it differs from the supplier's. */
  lead_time_days?: number | null;
  /**
   * The supplier's price list entry: its price as given, per `price_per`
   * of the item. Items stored before prices read as `None`.
   */
  price?: Money | null;
  /** What `price` is for, in the item's base unit (1000 for a price per kg). */
  price_per?: Decimal | null;
}

/** A work center or supplier by code. */
export interface ByCode {
  /** The code. */
  code: string;
}

/** Input to `create_po`. */
export interface NewPurchaseOrder {
  /** Supplier code. */
  supplier: string;
  /** Lines, at least one. */
  lines: NewPoLine[];
  /** Expected arrival; today plus the longest lead time of its lines when absent. */
  expected_date?: DateString | null;
  /** Free-text note. */
  notes?: string | null;
}

/** A line of a new purchase order. */
export interface NewPoLine {
  /** Item. */
  sku: string;
  /** Quantity, any unit of the item's dimension. */
  qty: Qty;
  /**
   * What one unit of `qty`'s unit costs (per kg for `"50 kg"`, per drum
   * for `"2 drum"`), in the shop's cost currency; the supplier's price
   * when absent.
   */
  unit_cost?: Money | null;
}

/** A purchase order. */
export interface PurchaseOrder {
  /** lotwise id, e.g. `PO-000001`. */
  id: string;
  /** Supplier code. */
  supplier: string;
  /** Status. */
  status: PoStatus;
  /** Lines. */
  lines: PoLine[];
  /** When the goods are expected. */
  expected_date: DateString;
  /** Free-text note. */
  notes?: string | null;
  /** Created. */
  created_at: Instant;
  /** Sent to the supplier. */
  sent_at?: Instant | null;
  /** Fully received or cancelled. */
  closed_at?: Instant | null;
}

/** A purchase order line. */
export interface PoLine {
  /** Line number from 1. */
  line: number;
  /** Item. */
  sku: string;
  /** Ordered, base unit. */
  qty: Decimal;
  /** Received so far. */
  received: Decimal;
  /** Every receipt against the line. */
  receipts: PoReceiptRecord[];
  /**
   * Cost per base unit in the shop's cost currency, from the line's
   * `unit_cost` or the supplier's price: the cost of the lots received
   * against it. `None` when neither was given (and for lines stored
   * before costs).
   */
  unit_cost?: Money | null;
}

/** One received quantity of a purchase order line. */
export interface PoReceiptRecord {
  /** Lot created or added to. */
  lot: string;
  /** Quantity, base unit. */
  qty: Decimal;
  /** Location it went to. */
  location: string;
  /** When. */
  at: Instant;
}

/** Goods received against a purchase order. */
export interface ReceivePo {
  /** The purchase order id. */
  id: string;
  /** What arrived, per purchase order line. */
  lines: PoReceiptLine[];
}

/** One line of a receipt against a purchase order. */
export interface PoReceiptLine {
  /** Purchase order line number. */
  line: number;
  /** Quantity arrived, at most what is still open. */
  qty: Qty;
  /** Lot code; generated when absent. */
  lot?: string | null;
  /** Expiry; from the item's shelf life when absent. */
  expiry?: DateString | null;
  /** The supplier's lot number. */
  supplier_lot_ref?: string | null;
  /** Internal or quarantine location; `MAIN` when absent. */
  location?: string | null;
  /**
   * What one unit of `qty`'s unit cost when the invoice differs from the
   * order, in the shop's cost currency; the purchase-order line's cost
   * when absent.
   */
  unit_cost?: Money | null;
}

/** What `receive_po` did. */
export interface PoReceived {
  /** The purchase order after the receipt. */
  po: PurchaseOrder;
  /** The lot of each receipt line, in the order given. */
  lots: Lot[];
}

/** Open quantity of one purchase order line, for planning and promises. */
export interface OpenPoLine {
  /** Purchase order. */
  po: string;
  /** Line number. */
  line: number;
  /** Supplier. */
  supplier: string;
  /** Item. */
  sku: string;
  /** Still to come, base unit. */
  qty: Decimal;
  /** When it is expected. */
  expected_date: DateString;
  /** Draft, sent or partially received; a promise may ignore drafts. */
  status: PoStatus;
}

/** Purchase suggestions and how every confirmed shortage is covered. */
export interface PurchasePlan {
  /** Every confirmed shortage of a bought item, exactly once. */
  needs: NeedCover[];
  /** At most one suggestion per item. */
  suggestions: PurchaseSuggestion[];
}

/** How one [`Need`] is covered. */
export interface NeedCover {
  /** Item. */
  sku: string;
  /** Who needs it. */
  needed_for: string;
  /** Quantity short. */
  qty: Decimal;
  /**
   * Covered by free stock (it may be held back by a shelf-life rule, or
   * arrived through a path that does not re-serve waiting demand).
   */
  from_stock: Decimal;
  /** Covered by open purchase orders. */
  from_open_pos: Decimal;
  /** Left for the suggestion to buy. */
  to_buy: Decimal;
}

/** A suggested purchase of one item. */
export interface PurchaseSuggestion {
  /** Item. */
  sku: string;
  /** Supplier to order from; `None` when no supplier lists the item. */
  supplier?: string | null;
  /** Quantity to order, base unit. */
  qty: Decimal;
  /** Part of `qty` that covers confirmed shortages. */
  for_shortages: Decimal;
  /** Part that brings stock back to the reorder point. */
  for_reorder: Decimal;
  /** Extra from the minimum order quantity, whole packs and rounding. */
  rounding: Decimal;
  /** How many of the supplier's packs `qty` is, when it sells in packs. */
  packs?: Decimal | null;
  /** Lead time used for `expected_date`. */
  lead_time_days?: number | null;
  /** When the goods would arrive if ordered today. */
  expected_date?: DateString | null;
  /** The shortages this purchase covers (those with something to buy). */
  covers: NeedCover[];
  /** Why, for a person. */
  explanation: string;
}

/** Purchase suggestions to turn into draft purchase orders. */
export interface CreatePosFromSuggestions {
  /** The suggestions, as `purchase_suggestions` gave them. */
  suggestions: PurchaseSuggestion[];
}

/** A suggested manufacturing order for stock. */
export interface ProductionSuggestion {
  /** Product. */
  sku: string;
  /** Quantity to make, whole batches, base unit. */
  qty: Decimal;
  /** Free stock now. */
  free: Decimal;
  /** Unpromised output of open manufacturing orders. */
  planned: Decimal;
  /** Confirmed demand with nothing behind it. */
  uncovered: Decimal;
  /** Reorder point. */
  reorder_point: Decimal;
  /** Why, for a person. */
  explanation: string;
}

/** A batch to make for stock. */
export interface CreateStockMo {
  /** The product's SKU. */
  sku: string;
  /** How much to make. */
  qty: Qty;
}

/** What `create_stock_mo` did. */
export interface StockMo {
  /** The new manufacturing order (no allocations: its output goes to stock). */
  mo: ManufacturingOrder;
  /** Inputs that could not be reserved. */
  shortages: Shortage[];
}

/** Input to `ship_transfer`. */
export interface NewTransfer {
  /** Source: an internal or quarantine location. */
  from: string;
  /** Destination: an internal or quarantine location. */
  to: string;
  /** Lines, at least one. */
  lines: NewTransferLine[];
  /** Free-text note. */
  note?: string | null;
}

/** A line of a new transfer. */
export interface NewTransferLine {
  /** Item. */
  sku: string;
  /** Quantity, any unit of the item's dimension. */
  qty: Qty;
  /** Lot; unreserved stock is picked first-expiry-first when absent. */
  lot?: string | null;
}

/** A transfer between two stock locations. */
export interface Transfer {
  /** lotwise id, e.g. `TR-000001`. */
  id: string;
  /** Source location. */
  from: string;
  /** Destination location. */
  to: string;
  /** Status. */
  status: TransferStatus;
  /** Lots moved, as picked at shipping. */
  lines: TransferLine[];
  /** Free-text note. */
  note?: string | null;
  /** When it left. */
  shipped_at: Instant;
  /** When it arrived. */
  received_at?: Instant | null;
}

/** Where a transfer stands. */
export type TransferStatus = "in_transit" | "received";

/** Stock of an item per location and in total. */
export interface Availability {
  /** Item. */
  sku: string;
  /** Every stock location holding some, by code. */
  locations: LocationStock[];
  /** On hand at internal locations. */
  on_hand: Decimal;
  /** Reserved at internal locations. */
  reserved: Decimal;
  /** Free to promise over all internal locations. */
  available: Decimal;
  /** Between locations. */
  in_transit: Decimal;
  /** Held in quarantine. */
  quarantined: Decimal;
}

/** Stock of an item at one location. */
export interface LocationStock {
  /** Location. */
  location: string;
  /** Its kind: internal, quarantine or transit. */
  kind: LocationKind;
  /** On hand. */
  on_hand: Decimal;
  /** Reserved. */
  reserved: Decimal;
  /** Free to promise (internal locations only; unexpired, unreserved). */
  available: Decimal;
}

/** A routing rule. */
export interface RoutingRule {
  /** The channel it applies to; `None` for the default rule. */
  channel?: string | null;
  /** Internal locations, most preferred first. */
  locations: string[];
  /** Whether an order may ship from several locations. */
  allow_split?: boolean;
}

/** Where an order ships from, and why. */
export interface Routing {
  /** Sales order. */
  order: string;
  /** Key of the rule used. */
  rule: string;
  /** One leg per location used, in priority order. */
  legs: RouteLeg[];
  /** More than one location ships. */
  split: boolean;
  /** Every location of the rule, checked. */
  checks: LocationCheck[];
  /** Why, for a person. */
  explanation: string;
}

/** The part of an order one location ships. */
export interface RouteLeg {
  /** Location. */
  location: string;
  /** Lines (or parts of lines) it ships. */
  lines: RouteLine[];
}

/** An open order line to route: what is still to ship. */
export interface RouteLine {
  /** Order line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Quantity, base unit. */
  qty: Decimal;
}

/** What one location could do for the order. */
export interface LocationCheck {
  /** Location. */
  location: string;
  /** Position in the rule, from 1. */
  priority: number;
  /** Whether it alone can ship the whole order. */
  can_ship_all: boolean;
  /** What it lacks for that, per line. */
  missing: RouteLine[];
}

/** An order to route by a given rule instead of the stored ones. */
export interface RouteOrderWith {
  /** The sales order id. */
  id: string;
  /** The rule to apply. */
  rule: RoutingRule;
}

/** Input to `define_work_center`. */
export interface NewWorkCenter {
  /** Code recipes name in their operations, e.g. `POUR`. */
  code: string;
  /** Human name used in explanations, e.g. `pouring line`. */
  name: string;
  /** When it works. */
  calendar: NewCalendar;
  /**
   * How many operations it runs at once: its parallel units (two
   * kettles, 40 rack slots). 1 when absent; below 1 is refused.
   */
  capacity?: number;
}

/** A work center: a resource that runs `capacity` operations at a time. */
export interface WorkCenter {
  /** Code. */
  code: string;
  /** Human name. */
  name: string;
  /** Validated calendar. */
  calendar: WorkCalendar;
  /**
   * Parallel units: how many operations it runs at once (1 for work
   * centers stored before it existed).
   */
  capacity?: number;
}

/** Input to `set_planning_settings`. */
export interface PlanningSettings {
  /** Working days between goods being ready and leaving (picking, packing). */
  handling_days?: number;
  /** The days the shipping desk works. */
  shipping_calendar?: NewCalendar;
  /** The shipping method used when a promise names none. */
  default_shipping_method?: string | null;
}

/** A way goods travel to the customer. */
export interface ShippingMethod {
  /** Code, e.g. `USPS-GROUND`. */
  code: string;
  /** Calendar days from leaving to arriving. */
  transit_days: number;
}

/** A delivery promise for a placed order. */
export interface PromiseOrder {
  /** The sales order id. */
  id: string;
  /** Shipping method and expected supply; defaults when absent. */
  options?: PromiseOptions | null;
}

/** Options of a promise. */
export interface PromiseOptions {
  /** Shipping method; the settings' default when absent. */
  shipping_method?: string | null;
  /**
   * Extra expected supply on top of the open purchase orders lotwise
   * knows (e.g. orders placed in another system).
   */
  incoming?: IncomingSupply[];
}

/** Goods expected from a supplier: an open purchase order line. */
export interface IncomingSupply {
  /** Item. */
  sku: string;
  /** Quantity still to arrive, in the item's base unit. */
  qty: Decimal;
  /** Expected arrival day. */
  expected: DateString;
  /** The purchase order, for explanations. */
  reference?: string | null;
}

/** A promise for an order or draft lines: the order's date is its latest line's. */
export interface Promise {
  /** When it was made. */
  at: Instant;
  /** Shipping method used. */
  shipping_method?: string | null;
  /** Per line. */
  lines: LinePromise[];
  /** Ship date of the whole order. */
  ship_date: DateString;
  /** Delivery date of the whole order. */
  promised_date: DateString;
  /** Latest requested date over the lines. */
  requested_date?: DateString | null;
  /** The deciding line's basis. */
  basis: Basis;
  /** The deciding line and its reason. */
  explanation: string;
}

/** The promise for one line. */
export interface LinePromise {
  /** Line number. */
  line: number;
  /** Item. */
  sku: string;
  /** Quantity promised, base units. */
  qty: Decimal;
  /** Asked-for delivery day. */
  requested_date?: DateString | null;
  /** When the goods are ready to pack. */
  ready_at: Instant;
  /** When they leave. */
  ship_date: DateString;
  /** When they arrive: the promised date. */
  promised_date: DateString;
  /** Whether that meets the requested date (`None` when none was asked). */
  on_time?: boolean | null;
  /** What decided the date. */
  basis: Basis;
  /** The date and its reason in words. */
  explanation: string;
  /** Supplies behind the line, every level. */
  supplies: SupplyPart[];
  /** Operations the line's new batches would book. */
  operations: PlannedOperation[];
}

/** One supply part behind a line. */
export interface SupplyPart {
  /** Item. */
  sku: string;
  /** Quantity, base units. */
  qty: Decimal;
  /** When it is there. */
  available_at: Instant;
  /** From where. */
  source: Source;
}

/** An operation a promise would book. */
export interface PlannedOperation {
  /** The batch: `new-1`, … in a promise, or a manufacturing order id. */
  job: string;
  /** Product. */
  product: string;
  /** Batch quantity. */
  qty: Decimal;
  /** Work center (empty for an elapsed step). */
  work_center: string;
  /** The elapsed step's name (`cure`) when the operation is one. */
  elapsed?: string | null;
  /** Start. */
  start: Instant;
  /** End. */
  end: Instant;
  /** Working minutes (of the step's own calendar for an elapsed step). */
  minutes: number;
  /** Whether it waited for earlier bookings. */
  waited: boolean;
}

/** A delivery promise for lines not (yet) ordered: a storefront's quote. */
export interface PromiseLines {
  /** The lines to promise. */
  lines: NewOrderLine[];
  /** Shipping method and expected supply; defaults when absent. */
  options?: PromiseOptions | null;
}

/** A manufacturing order by id, for queries about its capacity booking. */
export interface ByMo {
  /** The manufacturing order id, e.g. `MO-000001`. */
  mo: string;
}

/** A manufacturing order's place on the schedule. */
export interface Booking {
  /** Manufacturing order. */
  mo: string;
  /** Product. */
  product: string;
  /** Planned output. */
  qty: Decimal;
  /** Its operations, in order. */
  operations: BookedOperation[];
  /** When the output is ready. */
  ready_at: Instant;
  /** What decided that. */
  basis: Basis;
  /** The same in words. */
  explanation: string;
  /** When it was booked. */
  booked_at: Instant;
}

/** One booked operation. */
export interface BookedOperation {
  /** Work center (empty for an elapsed step). */
  work_center: string;
  /**
   * The elapsed step's name (`cure`) when the operation is one: it
   * holds no work center.
   */
  elapsed?: string | null;
  /** Start. */
  start: Instant;
  /** End. */
  end: Instant;
  /** Working minutes. */
  minutes: number;
}

/** A time window of the production schedule. */
export interface Window {
  /** From this instant (RFC 3339). */
  from: Instant;
  /** To this instant (RFC 3339). */
  to: Instant;
}

/** A row of the production schedule. */
export interface ScheduleRow {
  /** Manufacturing order. */
  mo: string;
  /** Product. */
  product: string;
  /** Work center (empty for an elapsed step). */
  work_center: string;
  /**
   * The elapsed step's name (`cure`) when the row is one: calendar time
   * the batch waits through without holding a work center.
   */
  elapsed?: string | null;
  /** Start. */
  start: Instant;
  /** End. */
  end: Instant;
  /** Working minutes (of the step's own calendar for an elapsed step). */
  minutes: number;
}

/** A manufacturing order to move on the calendars. */
export interface RescheduleMo {
  /** The manufacturing order id. */
  id: string;
  /** It starts no earlier than this instant (RFC 3339). */
  not_before: Instant;
}

/** What `check_delays` found. */
export interface DelayCheck {
  /** Orders projected (confirmed, open, with a promised date). */
  checked: number;
  /** Orders that became late now: each got one `order_delayed` event. */
  newly_delayed: string[];
  /** Orders already known to be late and still late (no new event). */
  still_delayed: string[];
  /** Orders that were late and are back on time. */
  cleared: string[];
}

/**
 * A desk query. Each list matches any of its values; empty lists and
 * `None` do not filter; all filters combine with AND.
 *
 * ```
 * use lotwise::{DeskQuery, DeskSort, OrderStatus};
 * let q = DeskQuery {
 *     statuses: vec![OrderStatus::Placed],
 *     text: Some("ada".into()),
 *     sort: DeskSort::Customer,
 *     limit: Some(50),
 *     ..Default::default()
 * };
 * assert!(q.cursor.is_none());
 * ```
 */
export interface DeskQuery {
  /** Orders in any of these statuses. */
  statuses?: OrderStatus[];
  /** Orders from any of these channels (exact). */
  channels?: string[];
  /** Orders carrying any of these tags (case-insensitive). */
  tags?: string[];
  /** Only delayed (`true`) or only not delayed (`false`) orders. */
  delayed?: boolean | null;
  /** Only orders needing attention (`true`) or only the others (`false`). */
  needs_attention?: boolean | null;
  /** Placed on or after this day (UTC). */
  placed_from?: DateString | null;
  /** Placed on or before this day (UTC). */
  placed_to?: DateString | null;
  /** Orders with stock reserved for them or shipped from this location. */
  location?: string | null;
  /**
   * Orders of this customer (`CU-000001`; a merged-away id is not
   * followed: give the kept one).
   */
  customer?: string | null;
  /** Orders of the customers a segment holds now (its code). */
  segment?: string | null;
  /** Only held orders (`true`) or only orders not held (`false`). */
  held?: boolean | null;
  /**
   * Case-insensitive substring of the order id, external ref, customer
   * name, e-mail or any line's SKU.
   */
  text?: string | null;
  /** Row order. */
  sort?: DeskSort;
  /** Page size, 1 to [`MAX_PAGE`]; every matching row when `None`. */
  limit?: number | null;
  /** `next_cursor` of the previous page, to continue after it. */
  cursor?: string | null;
}

/** How desk rows are ordered. Every order breaks ties by order id. */
export type DeskSort = "placed_at_desc" | "placed_at_asc" | "status" | "customer" | "promised_date";

/** One page of desk rows. */
export interface DeskPage {
  /** The rows, in the query's order. */
  orders: DeskRow[];
  /** How many rows match the filters, over all pages. */
  total: number;
  /** Pass as `cursor` for the next page; `None` on the last page. */
  next_cursor?: string | null;
}

/** One order as the desk lists it. */
export interface DeskRow {
  /** Order id. */
  id: string;
  /** Channel. */
  channel: string;
  /** Channel's order id. */
  external_ref?: string | null;
  /** Customer name. */
  customer: string;
  /** Customer e-mail. */
  email?: string | null;
  /** Status. */
  status: OrderStatus;
  /** When placed. */
  placed_at: Instant;
  /**
   * Earliest promised (else requested) date of a line still open; of
   * any line when all have shipped.
   */
  promised_date?: DateString | null;
  /**
   * Late: projected to arrive after its promised date (see `delay`),
   * or a promised or requested date has passed with goods unshipped.
   */
  delayed: boolean;
  /** The late lines and why, when `check_delays` found the order late. */
  delay?: OrderDelay | null;
  /** Imported with problems a person must resolve. */
  needs_attention: boolean;
  /** The problems. */
  attention: string[];
  /** Tags. */
  tags: string[];
  /** Note. */
  notes?: string | null;
  /** Distinct SKUs ordered, in line order. */
  skus: string[];
  /** Number of lines. */
  lines: number;
  /** Σ qty × unit price of the priced lines; `None` when no line has a price. */
  total?: Money | null;
  /** Locations with stock reserved for or shipped to the order, sorted. */
  locations: string[];
}

/** A tag added to or removed from an order. */
export interface TagOrder {
  /** The sales order id. */
  id: string;
  /** The tag (trimmed, compared case-insensitively). */
  tag: string;
}

/** The note of an order; `null` clears it. */
export interface SetOrderNote {
  /** The sales order id. */
  id: string;
  /** The new note, or `null` to clear it. */
  note?: string | null;
}

/** Orders a bulk action applies to, each in its own transaction. */
export interface Bulk {
  /** The sales order ids. */
  ids: string[];
}

/** The outcome for one order of a bulk action. */
export interface BulkResult {
  /** Order id as given. */
  order: string;
  /** What happened to it. */
  outcome: BulkOutcome;
}

/** Success with the order's new status, or the error's stable code and message. */
export type BulkOutcome =
  /** Done. */
  | { result: "ok"; status: OrderStatus }
  /** Not done; nothing changed for this order. */
  | { result: "error"; code: string; message: string };

/** Orders to tag, each in its own transaction. */
export interface BulkTag {
  /** The sales order ids. */
  ids: string[];
  /** The tag to add. */
  tag: string;
}

/** What to compute over. */
export interface AnalyticsQuery {
  /** First day included (UTC); from the beginning when `None`. */
  from?: DateString | null;
  /** Last day included (UTC); up to now when `None`. */
  to?: DateString | null;
  /** How many SKUs the top lists keep (per currency for revenue), 1 to 1000. */
  top?: number;
  /** Only the orders of this customer (`CU-000001`). */
  customer?: string | null;
  /**
   * Only the orders of the customers this segment holds now: revenue
   * by segment is the analytics of each segment.
   */
  segment?: string | null;
}

/** Everything the analytics page shows. */
export interface Analytics {
  /** The query's period. */
  from?: DateString | null;
  /** The query's period. */
  to?: DateString | null;
  /** Orders and revenue by day, channel and currency. */
  sales: ChannelDay[];
  /** Orders placed in the period by their status now, in status order. */
  by_status: StatusCount[];
  /** On-time shipping of lines shipped in the period. */
  on_time: OnTime;
  /** Lead time of orders completed in the period. */
  lead_time: LeadTime;
  /** Completed production per product. */
  throughput: ProductThroughput[];
  /** Most ordered SKUs by quantity. */
  top_by_qty: SkuQty[];
  /** Best-selling SKUs by revenue, per currency (currencies sorted). */
  top_by_revenue: SkuRevenue[];
}

/** Orders and revenue of one channel on one day in one currency. */
export interface ChannelDay {
  /** Day placed (UTC). */
  day: DateString;
  /** Channel. */
  channel: string;
  /** Currency of the orders' prices; `None` for orders without any price. */
  currency?: string | null;
  /** Orders placed, cancelled ones excluded. */
  orders: number;
  /** Σ qty × unit price of their lines, in `currency` (zero without one). */
  revenue: Decimal;
}

/** How many orders are in a status. */
export interface StatusCount {
  /** Status. */
  status: OrderStatus;
  /** Orders placed in the period that are in it now. */
  orders: number;
}

/** Shipping against promised dates. The unit is a shipment of an order line. */
export interface OnTime {
  /** Shipped lines with a promised or requested date. */
  evaluated: number;
  /** Of those, shipped on or before that date. */
  on_time: number;
  /** Shipped after it. */
  late: number;
  /** Shipped lines with neither date, left out of the rate. */
  without_date: number;
  /** `on_time / evaluated`, rounded to 4 places; `None` when nothing was evaluated. */
  rate?: Decimal | null;
}

/** Time from placing an order to its last shipment. */
export interface LeadTime {
  /** Fully shipped orders whose last shipment falls in the period. */
  orders: number;
  /** Their mean lead time in hours, rounded to 2 places. */
  average_hours?: Decimal | null;
}

/** Completed production of one product. */
export interface ProductThroughput {
  /** Product. */
  product: string;
  /** Batches completed. */
  mos: number;
  /** Good output, in the product's base unit. */
  good: Decimal;
  /** Scrapped output. */
  scrap: Decimal;
  /**
   * Good output per day of the period, rounded to 4 places. The period is
   * `from..=to` when both are given, else first to last completion day.
   */
  per_day: Decimal;
  /** Output per day with completions, by day. */
  days: DayOutput[];
}

/** Good output of a product on one day. */
export interface DayOutput {
  /** Completion day (UTC). */
  day: DateString;
  /** Batches completed. */
  mos: number;
  /** Good output, in the product's base unit. */
  good: Decimal;
}

/** A SKU by quantity ordered. */
export interface SkuQty {
  /** Item. */
  sku: string;
  /** Quantity ordered, in the item's base unit. */
  qty: Decimal;
  /** That unit. */
  uom: Uom;
  /** Orders with the SKU. */
  orders: number;
}

/** A SKU by revenue in one currency. */
export interface SkuRevenue {
  /** Currency. */
  currency: string;
  /** Item. */
  sku: string;
  /** Σ qty × unit price. */
  revenue: Decimal;
  /** Quantity sold at a price in this currency. */
  qty: Decimal;
}

/**
 * One order as a channel sent it, ready for the engine.
 *
 * `new_order` is what `place_order` takes; the rest is what placing it
 * idempotently, updating it and cancelling it need, and what a person at the
 * order desk wants to see (gift messages, personalization, totals).
 */
export interface ChannelOrder {
  /** The channel; `new_order.channel` is its name. */
  channel: Channel;
  /**
   * The channel's id of the order (Shopify order id, Etsy receipt id, CSV
   * `order_ref`); `new_order.external_ref` holds the same. With the channel
   * it is the idempotency key.
   */
  external_id: string;
  /**
   * The number a person sees on the channel: `#1041`, the receipt id, the
   * `order_ref`.
   */
  display_ref: string;
  /**
   * The order to place: customer, ship-to, the mapped lines in payload
   * order, tags and the buyer's note. Its lines may be empty when no line
   * could be mapped (see [`ChannelOrder::attention`]) or every line was
   * removed on the channel.
   */
  new_order: NewOrder;
  /** Every line of the payload in payload order, mapped or not. */
  lines: ChannelLine[];
  /** When the buyer placed the order, in UTC. */
  created_at?: Instant | null;
  /**
   * When the channel last changed the order, in UTC. Of two deliveries of
   * the same order, the one with the later `updated_at` is current.
   */
  updated_at?: Instant | null;
  /** Set when the channel cancelled the order. */
  cancellation?: Cancellation | null;
  /**
   * The channel's own payment or order status word, lower-cased
   * (Shopify `financial_status`, Etsy `status`), for display.
   */
  channel_status?: string | null;
  /** What the channel says has shipped. */
  fulfillment: Fulfillment;
  /**
   * The currency of every amount in `new_order` and `totals` (Shopify's
   * shop currency, the Etsy shop's currency, the CSV `currency`).
   */
  currency: string;
  /** The currency the buyer paid in, when it differs from `currency`. */
  presentment_currency?: string | null;
  /** Order totals in `currency`, when the channel gives them (CSV: computed). */
  totals?: OrderTotals | null;
  /** The same totals in `presentment_currency`, when it differs. */
  presentment_totals?: OrderTotals | null;
  /** Shipping lines (Shopify only). */
  shipping_lines: ShippingLine[];
  /** Gift message and sender, when the order is a gift (Etsy). */
  gift?: Gift | null;
  /** Order-level name/value pairs (Shopify `note_attributes`). */
  attributes: Property[];
  /**
   * True when the payload named no customer at all and
   * `new_order.customer.name` is a placeholder.
   */
  customer_is_placeholder: boolean;
  /** A test order (Shopify `test`). */
  test: boolean;
}

/**
 * A sales channel lotwise imports from. [`Channel::as_str`] is the
 * `NewOrder::channel` of its orders and the `channel` of its errors.
 */
export type Channel = "shopify" | "etsy" | "csv";

/** One line of a channel order, mapped or not. */
export interface ChannelLine {
  /**
   * The channel's id of the line, unique in the order: Shopify line item
   * id, Etsy transaction id, the CSV `sku`. Diff updates by it.
   */
  external_id: string;
  /**
   * Where the line is in the payload: `line_items[2]`, `transactions[0]`,
   * `results[1].transactions[0]`, `row 4`.
   */
  source: string;
  /** The channel's SKU, trimmed; `None` when null or empty. */
  sku?: string | null;
  /** Shopify variant id. */
  variant_id?: number | null;
  /** Shopify or Etsy product id. */
  product_id?: number | null;
  /** Etsy listing id. */
  listing_id?: number | null;
  /** Etsy variations (personalization included, property 54). */
  variations: Variation[];
  /** Product title as the channel shows it (HTML entities decoded). */
  title: string;
  /** Variant title (Shopify), e.g. `200 g`. */
  variant_title?: string | null;
  /** Quantity ordered, in channel units. */
  quantity: Decimal;
  /**
   * Quantity still ordered after removals and refunds (Shopify
   * `current_quantity`; otherwise `quantity`).
   */
  current_quantity: Decimal;
  /**
   * Quantity the channel still expects to ship (Shopify
   * `fulfillable_quantity`, else what its fulfillments leave; Etsy: 0
   * once the receipt is shipped).
   */
  fulfillable_quantity?: Decimal | null;
  /**
   * Of `quantity`, what the channel settled itself and lotwise must not
   * ship: fulfilled there, refunded or removed there, or goods that need
   * no shipping. Placed on the order line as `fulfilled_outside`, in
   * channel units. Set by the importer.
   */
  fulfilled_outside?: Decimal;
  /** Price of one channel unit before discounts, in the order's `currency`. */
  unit_price?: Money | null;
  /** The same price in the presentment currency, when it differs. */
  presentment_unit_price?: Money | null;
  /** Discount on the whole line (Shopify `discount_allocations`), if any. */
  discount?: Money | null;
  /**
   * Name/value pairs the buyer filled in: Shopify line `properties`
   * (names starting with `_` are hidden by convention), Etsy
   * personalization.
   */
  properties: Property[];
  /** Whether the line is goods to ship (Shopify `requires_shipping`). */
  requires_shipping: boolean;
  /**
   * The day the channel promised the buyer it would ship (Etsy
   * `expected_ship_date`, as a UTC date). Also `requested_date` of the line.
   */
  ship_by?: DateString | null;
  /** When the channel marked the line shipped (Etsy `shipped_timestamp`). */
  shipped_at?: Instant | null;
  /** What became of the line. */
  mapping: LineMapping;
}

/** An Etsy variation chosen by the buyer. */
export interface Variation {
  /** Etsy property id (54 is personalization). */
  property_id?: number | null;
  /** Etsy value id; null for personalization. */
  value_id?: number | null;
  /** Property name as shown (`Size`, or the seller's personalization label). */
  name: string;
  /** Value as shown (`200 g`, or the buyer's text). */
  value: string;
}

/** A name/value pair. */
export interface Property {
  /** Name. */
  name: string;
  /** Value. */
  value: string;
}

/** What the importer did with a channel line. */
export type LineMapping =
  /** Placed as `new_order.lines[index]`. */
  | { kind: "mapped"; index: number }
  /**
   * Not placed: no lotwise item could be identified. The order needs
   * attention.
   */
  | { kind: "unmapped"; reason: UnmappedReason }
  /**
   * Not placed: nothing of it is left for lotwise to supply (removed,
   * refunded or fulfilled on the channel, or no shipping needed) and no
   * item could be identified, so no person needs to look at it.
   */
  | { kind: "removed" };

/** Why a line could not be mapped to a lotwise item. */
export type UnmappedReason =
  /**
   * The line has no SKU and none of its channel ids (variant, listing and
   * variation) is in the SKU map: a custom item or an unfilled SKU.
   */
  | { code: "missing_sku" }
  /** The channel SKU is neither a catalog SKU nor mapped. */
  | { code: "unknown_sku"; sku: string }
  /** A mapping names an item that is not in the catalog. */
  | { code: "unknown_target"; sku: string }
  /**
   * The item is kept in a unit of mass or volume, so a channel unit is
   * not simply one of it; only an explicit mapping may say what it is (or
   * a mapping gave a unit of another dimension than the item's).
   */
  | { code: "unit_needed"; sku: string; uom: Uom };

/** The channel cancelled the order. */
export interface Cancellation {
  /** When, if the channel says (Shopify `cancelled_at`). */
  at?: Instant | null;
  /** The channel's reason word (Shopify `cancel_reason`), if any. */
  reason?: string | null;
}

/** What the channel says has shipped. */
export interface Fulfillment {
  /** Overall state. */
  status: FulfillmentStatus;
  /** Shipments the channel knows of, with tracking. */
  shipments: ChannelShipment[];
}

/** How much of an order the channel says has shipped. */
export type FulfillmentStatus = "unfulfilled" | "partial" | "fulfilled";

/** A shipment the channel recorded. */
export interface ChannelShipment {
  /** Carrier name as the channel gives it. */
  carrier?: string | null;
  /** Tracking number. */
  tracking?: string | null;
  /** When it shipped or was announced. */
  at?: Instant | null;
}

/** Order totals in one currency, as the channel computed them. */
export interface OrderTotals {
  /** Σ unit price × quantity, before discounts. */
  items: Money;
  /** Discounts. */
  discounts: Money;
  /** Shipping charged. */
  shipping: Money;
  /** Tax charged. */
  tax: Money;
  /** What the buyer pays: items − discounts + shipping + tax. */
  total: Money;
}

/** A shipping line of a Shopify order. */
export interface ShippingLine {
  /** Title shown to the buyer, e.g. `Standard Shipping`. */
  title: string;
  /** The rate's code, if any. */
  code?: string | null;
  /** Price in the order's currency. */
  price: Money;
  /** Price in the presentment currency, when it differs. */
  presentment_price?: Money | null;
}

/** A gift message. */
export interface Gift {
  /** The message for the recipient. */
  message?: string | null;
  /** Who it is from. */
  sender?: string | null;
}

/** The outcome of one channel order (or one payload that failed to parse). */
export interface ImportResult {
  /** Channel. */
  channel: string;
  /** The channel's order id, when the payload got that far. */
  external_id?: string | null;
  /** What happened. */
  status: ImportStatus;
  /** The lotwise order, when there is one. */
  order?: string | null;
  /** Why a person must look at it. */
  reasons: string[];
  /** The error code, for `rejected`. */
  error_code?: string | null;
  /**
   * The offending field, for `rejected` when the error names one
   * (`invalid_payload`, `invalid_input`, `invalid_quantity`), e.g.
   * `line_items[0].price`.
   */
  error_field?: string | null;
  /** The error text, for `rejected`. */
  error?: string | null;
}

/** What importing one channel order did. */
export type ImportStatus = "imported" | "needs_attention" | "duplicate" | "updated" | "flagged" | "cancelled" | "rejected";

/** Channel payloads to import, each order in its own transaction. */
export interface ImportPayloads {
  /** The channel the payloads come from. */
  channel: Channel;
  /**
   * The payloads as text: Shopify order bodies, Etsy receipts or
   * receipt pages, wholesale CSV files.
   */
  payloads: string[];
  /** Mappings from channel SKUs or ids to items, beyond the catalog's own SKUs. */
  mappings?: SkuMappings;
}

/**
 * Mappings a caller adds to the catalog's own SKUs (every catalog SKU maps
 * to itself, sold in its base unit), as the command layer takes them.
 *
 * ```
 * use lotwise::channels::{Channel, SkuMap, SkuMappings, SkuTarget};
 * let mut mappings = SkuMappings::default();
 * mappings.skus.insert("LAV-CANDLE".into(), SkuTarget::pieces("CANDLE-LAV"));
 * let mut map = SkuMap::new();
 * mappings.apply(Channel::Csv, &mut map);
 * ```
 */
export interface SkuMappings {
  /** Channel SKU → item. */
  skus?: Record<string, SkuTarget>;
  /**
   * Shopify variant id or Etsy listing id (every variation) → item; a CSV
   * names SKUs only, so ids do not apply to it.
   */
  ids?: Record<string, SkuTarget>;
}

/**
 * The lotwise item a channel line stands for, and what one channel unit of
 * it is: `uom` of `sku` (a candle is `1 pcs`; a listing sold by the
 * kilogram is `1 kg`; a gift set of two boxes of bars is `2 box`). A
 * channel quantity of 3 of a `2 box` target orders `6 box`; the channel's
 * price per unit becomes a price per box (divided by 2, kept to the
 * currency's minor unit plus four places, half away from zero).
 */
export interface SkuTarget {
  /** lotwise SKU. */
  sku: string;
  /** What one channel unit is (`"pcs"`, `"kg"`, `"box"`, `"2 box"`); one piece when absent. */
  uom?: string;
}

/** One Shopify webhook delivery as a storefront received it. */
export interface ShopifyWebhook {
  /** The app's webhook signing secret (never stored). */
  secret: string;
  /**
   * The request headers by name, in any case: at least
   * `X-Shopify-Hmac-Sha256`; `X-Shopify-Webhook-Id` deduplicates
   * retried deliveries, `X-Shopify-Topic` is reported back.
   */
  headers: Record<string, string>;
  /**
   * The raw request body, exactly as received (the signature covers
   * these bytes).
   */
  body: string;
  /**
   * Confirm a newly placed order in the same transaction (reserve
   * stock, plan batches), as a storefront taking orders wants.
   */
  confirm?: boolean;
  /**
   * Mappings from Shopify SKUs or variant ids to items, beyond the
   * catalog's own SKUs.
   */
  mappings?: SkuMappings;
}

/** What one webhook delivery did. */
export interface WebhookReceipt {
  /** The delivery's `X-Shopify-Webhook-Id`, when it had one. */
  webhook_id?: string | null;
  /** The delivery's `X-Shopify-Topic`, when it had one (`orders/create`…). */
  topic?: string | null;
  /**
   * `true` when this webhook id was received before: nothing was done
   * again, and `import` and `confirmed` are what the first delivery did.
   */
  replayed: boolean;
  /** What importing the order did. */
  import: ImportResult;
  /**
   * What confirming the new order did, when confirming was asked for and
   * the import placed an order ready to confirm.
   */
  confirmed?: ConfirmReport | null;
}

/** An order needing attention, with its corrected lines. */
export interface ResolveOrder {
  /** The sales order id. */
  id: string;
  /** New lines, or `null` to keep the order's lines. */
  lines?: NewOrderLine[] | null;
}

/** Input to `define_customer`: a customer entered by hand. */
export interface NewCustomer {
  /** Name. */
  name: string;
  /** E-mail addresses. */
  emails?: string[];
  /** Phone numbers. */
  phones?: string[];
  /** Addresses. */
  addresses?: Address[];
  /** Tags. */
  tags?: string[];
  /** Notes. */
  notes?: string | null;
}

/**
 * A customer: one person or business, however many names, addresses and
 * e-mails they used.
 */
export interface CustomerRecord {
  /** Stable id, e.g. `CU-000001`. */
  id: string;
  /** Names used, the first one the display name. */
  names: string[];
  /** E-mail addresses, lower-cased. */
  emails: string[];
  /** Phone numbers as given. */
  phones: string[];
  /** Ship-to addresses used. */
  addresses: Address[];
  /** Ids the channels know the customer by. */
  channel_ids: ChannelCustomerId[];
  /** Tags, e.g. `wholesale`. */
  tags: string[];
  /** Free notes. */
  notes?: string | null;
  /** When the record was created. */
  created_at: Instant;
  /** Set when this record was merged into another: its orders moved there. */
  merged_into?: string | null;
}

/** A channel's own id for a customer (Shopify customer id, Etsy buyer id). */
export interface ChannelCustomerId {
  /** Channel, e.g. `shopify`. */
  channel: string;
  /** The channel's id for the customer. */
  id: string;
}

/** A customer and what to change on it. */
export interface UpdateCustomer {
  /** The customer id, e.g. `CU-000001`. */
  id: string;
  /** The change. */
  update: CustomerUpdate;
}

/** Input to `update_customer`: what to add or change; absent fields stay. */
export interface CustomerUpdate {
  /** A name to add (it becomes the display name when `rename` is set). */
  name?: string | null;
  /** Make `name` the display name. */
  rename?: boolean;
  /** E-mails to add. */
  add_emails?: string[];
  /** Phones to add. */
  add_phones?: string[];
  /** Tags to add. */
  add_tags?: string[];
  /** Tags to remove. */
  remove_tags?: string[];
  /** New notes (replacing the old). */
  notes?: string | null;
}

/** Input to `find_customers`: any one of the keys. */
export interface CustomerQuery {
  /** An e-mail (any case). */
  email?: string | null;
  /** A channel's customer id, with `channel`. */
  external_id?: string | null;
  /** The channel of `external_id`. */
  channel?: string | null;
  /**
   * Part of a name, any case (for people looking; orders are never
   * matched by name).
   */
  name?: string | null;
}

/** Two customers to merge: `from` into `into`. */
export interface MergeCustomers {
  /** The customer merged away. */
  from: string;
  /** The customer kept. */
  into: string;
}

/** What a customer bought, over every order attached to them. */
export interface CustomerSummary {
  /** The customer. */
  customer: CustomerRecord;
  /** Their orders, oldest first (cancelled ones included, marked by status). */
  orders: CustomerOrder[];
  /** Orders not cancelled. */
  order_count: number;
  /**
   * Pieces ordered (lines counted in pieces; weight and volume lines are
   * not pieces and are left out).
   */
  units: Decimal;
  /**
   * Ordered value of orders not cancelled, one amount per currency,
   * never added across currencies.
   */
  lifetime_value: Money[];
  /** When their first order not cancelled was placed. */
  first_order_at?: Instant | null;
  /** When their last order not cancelled was placed. */
  last_order_at?: Instant | null;
  /**
   * Average days between consecutive orders (two decimals), when they
   * ordered at least twice.
   */
  average_days_between_orders?: Decimal | null;
}

/** One order in a customer's history. */
export interface CustomerOrder {
  /** Order id. */
  order: string;
  /** Channel. */
  channel: string;
  /** Status. */
  status: OrderStatus;
  /** Placed. */
  placed_at: Instant;
  /** Ordered value, when the lines are priced. */
  total?: Money | null;
}

/**
 * A named, declarative filter over customers: every condition given must
 * hold.
 */
export interface Segment {
  /** Code, e.g. `LAPSED-REGULARS`. */
  code: string;
  /** Human name. */
  name: string;
  /** The conditions. */
  filter: SegmentFilter;
}

/** Conditions on a customer's summary; absent ones are not checked. */
export interface SegmentFilter {
  /** At least this many orders (not cancelled). */
  min_orders?: number | null;
  /** At most this many orders. */
  max_orders?: number | null;
  /** The last order was placed more than this many days ago. */
  last_order_more_than_days_ago?: number | null;
  /** The last order was placed at most this many days ago. */
  last_order_within_days?: number | null;
  /** Lifetime value in this amount's currency is at least this amount. */
  min_lifetime_value?: Money | null;
  /** Has this tag. */
  tag?: string | null;
  /** Ordered through this channel at least once. */
  channel?: string | null;
  /** Has an address in this ISO country. */
  country?: string | null;
}

/** The customers of a segment, with what they bought. */
export interface SegmentReport {
  /** The segment. */
  segment: Segment;
  /** Its customers now, by id. */
  customers: CustomerSummary[];
  /** Their lifetime value added up, one amount per currency. */
  revenue: Money[];
}

/** A rule. */
export interface Rule {
  /** Code, e.g. `HOLD-BIG-ORDERS`. */
  code: string;
  /** Human name. */
  name: string;
  /** Rules run by ascending priority, then by code. */
  priority?: number;
  /** What starts it. */
  trigger: Trigger;
  /** What must hold (all of it); none means always. */
  conditions?: Condition[];
  /** What it does, in order. */
  actions: Action[];
  /** A disabled rule is kept but never runs. */
  enabled?: boolean;
}

/** What starts a rule. */
export type Trigger =
  /** An order was placed or imported. */
  | { on: "order_placed" }
  /**
   * A channel sent a changed version of an order already placed (or a
   * rule changed it).
   */
  | { on: "order_updated" }
  /**
   * `check_delays` found the order newly projected to arrive after its
   * promised date.
   */
  | { on: "order_delayed" }
  /** An item's available stock (on hand, not reserved) fell below a level. */
  | { on: "stock_below"; sku: string; threshold: Qty }
  /**
   * A lot with stock on hand expires within some days (checked by
   * `check_alerts`).
   */
  | { on: "lot_expiring"; within_days: number };

/** One condition on an order; a rule's conditions must all hold. */
export type Condition =
  /** The order came through this channel. */
  | { check: "channel"; is: string }
  /** The order has this tag (any case). */
  | { check: "tag"; has: string }
  /**
   * The order's total is at least this amount. An order in another
   * currency does not match: amounts are never converted.
   */
  | { check: "total_at_least"; amount: Money }
  /** The order's total is below this amount (same currency only). */
  | { check: "total_below"; amount: Money }
  /** Some line is of this item. */
  | { check: "sku"; is: string }
  /** The order's customer is in this segment. */
  | { check: "segment"; code: string }
  /** The order ships to this ISO country. */
  | { check: "country"; is: string }
  /** The order names no customer e-mail. */
  | { check: "no_email" }
  /** The channel sent a gift message with the order (Etsy gifts). */
  | { check: "gift_message" };

/** What a rule does. */
export type Action =
  /** Adds a tag to the order. */
  | { do: "add_tag"; tag: string }
  /** Appends a line to the order's note. */
  | { do: "add_note"; note: string }
  /**
   * Holds the order for review: nobody can confirm it until it is
   * released (`release_order`).
   */
  | { do: "hold"; reason: string }
  /** Confirms the order (when it is placed and not held). */
  | { do: "confirm" }
  /**
   * Ships the order from this location (a routing rule for its channel
   * is not needed): recorded as the order's `ship_from`.
   */
  | { do: "route_to"; location: string }
  /** Raises an alert event (`alert_raised`) for a notifier. */
  | { do: "alert"; message: string };

/** An order to hold, and why. */
export interface HoldOrder {
  /** The sales order id. */
  id: string;
  /** Why it is held, for the person reviewing it. */
  reason: string;
}

/** An alert `check_alerts` raised. */
export interface Alert {
  /** The rule. */
  rule: string;
  /** What it is about: an item (stock) or a lot (expiry). */
  subject: string;
  /** The rule's message. */
  message: string;
  /** Why, in words. */
  why: string;
}

/** Whole days to move a fixed clock forward. */
export interface AdvanceDays {
  /** Days, zero or more. */
  days: number;
}

/** The instant to set a fixed clock to. */
export interface SetClock {
  /** An RFC 3339 instant. */
  at: Instant;
}

/** Text to parse: `"2.5 kg"` for a quantity, `"18.00 USD"` for money. */
export interface Text {
  /** The text as a person typed it. */
  text: string;
}
