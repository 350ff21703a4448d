//! THE table: every public operation of lotwise, declared once.
//!
//! Each row reads
//!
//! ```text
//! /// What it does (the doc every language shows).
//! kind name => Variant(Input) -> Output = |lw, args| call;
//! ```
//!
//! `kind` is `read` (a query, one read transaction), `write` (a command,
//! one write transaction, or one per item for the bulk operations),
//! `clock` (moves a fixed clock) or `pure` (needs no store). `name` is the
//! snake_case name every binding and scenario uses, `Input` the JSON object
//! it takes as `args`, `Output` what it answers. From the rows the macro
//! makes [`Command`], [`Reply`], [`OPERATIONS`] and the dispatch behind
//! [`Lotwise::execute`]. Adding an operation is a method on [`Lotwise`] and
//! one row here; `core/tests/api_table.rs` fails when a public method of
//! `Lotwise` has no row.

use chrono::{DateTime, Utc};

use super::args::*;
use super::{OpKind, Operation};
use crate::channels::ChannelOrder;
use crate::export::TraceGraph;
use crate::{
    AcceptedOrder, Adjustment, Alert, Analytics, AnalyticsQuery, Availability, Balance, BatchCost,
    Booking, BulkResult, CancelOrderLine, CloseShort, ConfirmReport, CostAnalytics,
    CostAnalyticsQuery, CostFlows, CostSettings, CustomerQuery, CustomerRecord, CustomerSummary,
    DelayCheck, DeskPage, DeskQuery, EstimateQuery, Event, HoldLot, HoldReport, ImportResult, Item,
    ItemStock, Location, Lot, Lotwise, ManufacturingOrder, MarginQuery, MoLine, MoSummary, Money,
    Movement, NewCustomer, NewItem, NewOrder, NewPack, NewPurchaseOrder, NewRecipe, NewReturn,
    NewSupplier, NewTransfer, NewWorkCenter, OpenPoLine, OrderMargin, OrderView, PlaceResult,
    PlacedOrder, PlanningSettings, PoReceived, ProductionSuggestion, Promise, PurchaseOrder,
    PurchasePlan, Qty, RecallAndHold, RecallHoldReport, RecallReport, RecallReturn, Receipt,
    Recipe, RecipeEstimate, ReleaseLot, Reservation, Result, Return, Routing, RoutingRule, Rule,
    SalesOrder, ScheduleRow, Segment, SegmentReport, Shipment, ShipmentCost, ShippingMethod,
    Snapshot, StockLevel, StockMo, Supplier, Trace, Transfer, Valuation, ValuationQuery,
    WebhookReceipt, WorkCenter, WorkCenterRate,
};
use crate::{DismissOrderFlag, EditOrder, EditReport};

/// A row's `kind` word as an [`OpKind`].
macro_rules! op_kind {
    (read) => {
        OpKind::Read
    };
    (write) => {
        OpKind::Write
    };
    (clock) => {
        OpKind::Clock
    };
    (pure) => {
        OpKind::Pure
    };
}

macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])+
        $kind:ident $name:ident => $variant:ident($input:ty) -> $output:ty = |$lw:ident, $args:pat_param| $call:expr;
    )+) => {
        /// One operation with its arguments: `{"do": "<name>", "args": {...}}`
        /// in JSON, exactly a step of the golden scenarios. Built from the
        /// table in `api/table.rs`; run it with [`Lotwise::execute`].
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[serde(tag = "do", content = "args", rename_all = "snake_case")]
        #[non_exhaustive]
        // A command is built once per call and moved into `execute`; boxing
        // the big inputs would cost every caller a `Box::new` for nothing.
        #[allow(clippy::large_enum_variant)]
        pub enum Command {
            $( $(#[doc = $doc])+ $variant($input), )+
        }

        /// What an operation answered, one variant per operation. As JSON it
        /// is the answer alone (the variant is known from the command).
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum Reply {
            $( $(#[doc = $doc])+ $variant($output), )+
        }

        impl Command {
            /// The operation's snake_case name, as in `{"do": name}`.
            pub fn name(&self) -> &'static str {
                match self { $( Command::$variant(_) => stringify!($name), )+ }
            }
        }

        /// The command `name` with `args` deserialized into its input
        /// type (so an error's path is inside the args), or `None` when no
        /// operation has that name.
        pub(super) fn parse<'de, D: serde::Deserializer<'de>>(
            name: &str,
            args: D,
        ) -> Option<std::result::Result<Command, serde_path_to_error::Error<D::Error>>> {
            match name {
                $( stringify!($name) => Some(
                    serde_path_to_error::deserialize::<_, $input>(args).map(Command::$variant)
                ), )+
                _ => None,
            }
        }

        /// Every operation, in table order.
        pub static OPERATIONS: &[Operation] = &[ $(
            Operation {
                name: stringify!($name),
                kind: op_kind!($kind),
                doc: concat!($($doc, "\n"),+),
                input: |g| g.subschema_for::<$input>(),
                output: |g| g.subschema_for::<$output>(),
            },
        )+ ];

        /// Runs one command on the engine.
        pub(super) fn dispatch(engine: &Lotwise, command: Command) -> Result<Reply> {
            match command {
                $( Command::$variant($args) => {
                    let $lw = engine;
                    let out: Result<$output> = $call;
                    out.map(Reply::$variant)
                } )+
            }
        }
    };
}

operations! {
    // --- catalog ---------------------------------------------------------
    /// Defines an item (material, product or packaging) with its base unit.
    write define_item => DefineItem(NewItem) -> Item = |lw, a| lw.define_item(a);
    /// Defines a product's recipe; a new definition is a new version.
    write define_recipe => DefineRecipe(NewRecipe) -> Recipe = |lw, a| lw.define_recipe(a);
    /// Defines a location (warehouse, shop, bin).
    write define_location => DefineLocation(DefineLocation) -> Location =
        |lw, a| lw.define_location(&a.code, &a.name, a.kind);
    /// An item by SKU.
    read item => Item(BySku) -> Item = |lw, a| lw.item(&a.sku);
    /// Every item, by SKU.
    read items => Items(NoArgs) -> Vec<Item> = |lw, _a| lw.items();
    /// A product's current recipe.
    read recipe => Recipe(BySku) -> Recipe = |lw, a| lw.recipe(&a.sku);
    /// Every location.
    read locations => Locations(NoArgs) -> Vec<Location> = |lw, _a| lw.locations();

    // --- units -----------------------------------------------------------
    /// Defines (or resizes) a pack unit of an item: `box` = `12 pcs`, usable as `"2 box"`.
    write define_pack => DefinePack(DefinePack) -> Item =
        |lw, a| lw.define_pack(&a.sku, NewPack::new(&a.name, a.qty));
    /// Sets the unit an item's quantities are shown in (a unit of its dimension or a pack).
    write set_display_unit => SetDisplayUnit(SetDisplayUnit) -> Item =
        |lw, a| lw.set_display_unit(&a.sku, a.unit);
    /// A quantity of an item in another of its units, or in its display unit.
    read convert_qty => ConvertQty(ConvertQty) -> Qty = |lw, a| lw.convert_qty(&a.sku, a.qty, a.to);

    // --- costing ---------------------------------------------------------
    /// Sets the shop's cost currency and overhead rule (percent of materials and labour, fixed per batch).
    write set_cost_settings => SetCostSettings(CostSettings) -> CostSettings =
        |lw, a| lw.set_cost_settings(a);
    /// The shop's cost currency and overhead rule.
    read cost_settings => CostSettings(NoArgs) -> CostSettings = |lw, _a| lw.cost_settings();
    /// Sets what an hour of a work center's booked time costs.
    write set_work_center_rate => SetWorkCenterRate(SetWorkCenterRate) -> WorkCenterRate =
        |lw, a| lw.set_work_center_rate(&a.code, a.rate_per_hour);
    /// What a batch cost: consumed lots, operations × rates, overhead; its output unit cost.
    read batch_cost => BatchCost(ById) -> BatchCost = |lw, a| lw.batch_cost(&a.id);
    /// The cost of goods of a shipment, lot by lot.
    read shipment_cost => ShipmentCost(ByShipment) -> ShipmentCost = |lw, a| lw.shipment_cost(&a.id);
    /// An order's margin on what shipped, per line and in total (never across currencies without a rate).
    read order_margin => OrderMargin(MarginQuery) -> OrderMargin = |lw, a| lw.order_margin(&a);
    /// What stock was worth at an instant, per lot, item and location.
    read stock_valuation => StockValuation(ValuationQuery) -> Valuation = |lw, a| lw.stock_valuation(&a);
    /// Where cost went up to an instant: received, added, shipped, scrapped, in progress, on hand.
    read cost_flows => CostFlows(AtInstant) -> CostFlows = |lw, a| lw.cost_flows(a.at);
    /// Margin per product, channel and month, and stock value at the end of each day.
    read cost_analytics => CostAnalytics(CostAnalyticsQuery) -> CostAnalytics =
        |lw, a| lw.cost_analytics(&a);
    /// A product's estimated cost from current costs, for quoting before an order.
    read estimate_recipe_cost => EstimateRecipeCost(EstimateQuery) -> RecipeEstimate =
        |lw, a| lw.estimate_recipe_cost(&a);

    // --- stock -----------------------------------------------------------
    /// Receives stock into a lot (a new lot, or more of a named one).
    write receive => Receive(Receipt) -> Lot = |lw, a| lw.receive(a);
    /// Corrects stock after a count: a signed delta to one lot.
    write adjust_stock => AdjustStock(Adjustment) -> Movement = |lw, a| lw.adjust_stock(a);
    /// An item's stock: on hand, reserved, available, per lot and location.
    read stock => Stock(BySku) -> StockLevel = |lw, a| lw.stock(&a.sku);
    /// A lot by code.
    read lot => Lot(ByLot) -> Lot = |lw, a| lw.lot(&a.lot);
    /// Puts a lot on hold (QA, recall, complaint): its reservations are released and re-planned.
    write hold_lot => HoldLot(HoldLot) -> HoldReport = |lw, a| lw.hold_lot(a);
    /// Releases a held lot; waiting demand is served from it.
    write release_lot => ReleaseLot(ReleaseLot) -> Lot = |lw, a| lw.release_lot(a);
    /// Every lot of an item.
    read lots_of_item => LotsOfItem(BySku) -> Vec<Lot> = |lw, a| lw.lots_of_item(&a.sku);
    /// Every item (or the named ones) with its stock level, in one read.
    read stock_levels => StockLevels(BySkus) -> Vec<ItemStock> = |lw, a| lw.stock_levels(a.skus);
    /// Every ledger movement, oldest first.
    read movements => Movements(NoArgs) -> Vec<Movement> = |lw, _a| lw.movements();
    /// Every non-zero balance per item, lot and location.
    read balances => Balances(NoArgs) -> Vec<Balance> = |lw, _a| lw.balances();
    /// Every open reservation.
    read reservations => Reservations(NoArgs) -> Vec<Reservation> = |lw, _a| lw.reservations();
    /// Everything the engine holds, for backups and debugging.
    read snapshot => Snapshot(NoArgs) -> Snapshot = |lw, _a| lw.snapshot();

    // --- sales orders ----------------------------------------------------
    /// Places an order (idempotent by channel and external reference).
    write place_order => PlaceOrder(NewOrder) -> PlacedOrder = |lw, a| lw.place_order(a);
    /// Places many orders, each in its own transaction, with one result per order.
    write place_orders => PlaceOrders(PlaceOrders) -> Vec<PlaceResult> =
        |lw, a| Ok(lw.place_orders(a.orders));
    /// Confirms an order: reserves stock, plans batches, books capacity.
    write confirm_order => ConfirmOrder(ById) -> ConfirmReport = |lw, a| lw.confirm_order(&a.id);
    /// Places and confirms an order in one transaction (a storefront's webhook).
    write place_and_confirm_order => PlaceAndConfirmOrder(NewOrder) -> AcceptedOrder =
        |lw, a| lw.place_and_confirm_order(a);
    /// Reserves and plans again what a confirmed order still lacks.
    write replan_order => ReplanOrder(ById) -> ConfirmReport = |lw, a| lw.replan_order(&a.id);
    /// Cancels an order: releases its reservations and detaches its batches.
    write cancel_order => CancelOrder(ById) -> SalesOrder = |lw, a| lw.cancel_order(&a.id);
    /// Cancels all or part of a line's unshipped quantity, releasing what covered it.
    write cancel_order_line => CancelOrderLine(CancelOrderLine) -> OrderView =
        |lw, a| lw.cancel_order_line(a);
    /// Edits an order (quantities, lines, dates, ship-to) and re-plans the difference at once.
    write edit_order => EditOrder(EditOrder) -> EditReport = |lw, a| lw.edit_order(a);
    /// Applies a flagged channel update to a confirmed order through the edit path.
    write apply_channel_update => ApplyChannelUpdate(ById) -> EditReport =
        |lw, a| lw.apply_channel_update(&a.id);
    /// Dismisses a confirmed order's flags with a reason; the order stays as it is.
    write dismiss_order_flag => DismissOrderFlag(DismissOrderFlag) -> SalesOrder =
        |lw, a| lw.dismiss_order_flag(a);
    /// Closes a partially shipped order short: the unshipped rest is cancelled.
    write close_short => CloseShort(CloseShort) -> OrderView = |lw, a| lw.close_short(a);
    /// A sales order by id.
    read order => Order(ById) -> SalesOrder = |lw, a| lw.order(&a.id);
    /// A sales order by channel and external reference, or `null`.
    read order_by_external => OrderByExternal(ByExternalRef) -> Option<SalesOrder> =
        |lw, a| lw.order_by_external(&a.channel, &a.external_ref);
    /// Every sales order, by id.
    read orders => Orders(NoArgs) -> Vec<SalesOrder> = |lw, _a| lw.orders();
    /// An order line by line: what is ready, from which lots and batches.
    read order_view => OrderView(ById) -> OrderView = |lw, a| lw.order_view(&a.id);

    // --- production ------------------------------------------------------
    /// Starts a manufacturing order: consumes its reserved input lots.
    write start_mo => StartMo(ById) -> ManufacturingOrder = |lw, a| lw.start_mo(&a.id);
    /// Completes a manufacturing order: the output lot, allocated to its orders.
    write complete_mo => CompleteMo(CompleteMo) -> ManufacturingOrder =
        |lw, a| lw.complete_mo(&a.id, a.completion.unwrap_or_default());
    /// Cancels a manufacturing order and releases its inputs.
    write cancel_mo => CancelMo(ById) -> ManufacturingOrder = |lw, a| lw.cancel_mo(&a.id);
    /// A manufacturing order by id.
    read mo => Mo(ById) -> ManufacturingOrder = |lw, a| lw.mo(&a.id);
    /// Every manufacturing order, by id.
    read mos => Mos(NoArgs) -> Vec<ManufacturingOrder> = |lw, _a| lw.mos();
    /// Every manufacturing order (or the named ones) with its allocated and free output.
    read mo_summaries => MoSummaries(ByMoIds) -> Vec<MoSummary> = |lw, a| lw.mo_summaries(a.ids);
    /// The order lines a manufacturing order fills, with their customers.
    read mo_lines => MoLines(ById) -> Vec<MoLine> = |lw, a| lw.mo_lines(&a.id);

    // --- shipping and returns --------------------------------------------
    /// Ships an order's ready lines with carrier and tracking.
    write ship => Ship(Ship) -> Shipment = |lw, a| lw.ship(&a.id, a.request);
    /// Every shipment of an order.
    read shipments_of_order => ShipmentsOfOrder(ById) -> Vec<Shipment> =
        |lw, a| lw.shipments_of_order(&a.id);
    /// Records a customer return: restock, quarantine or scrap per line.
    write record_return => RecordReturn(NewReturn) -> Return = |lw, a| lw.record_return(a);
    /// Every return of an order.
    read returns_of_order => ReturnsOfOrder(ById) -> Vec<Return> = |lw, a| lw.returns_of_order(&a.id);
    /// Every return.
    read returns => Returns(NoArgs) -> Vec<Return> = |lw, _a| lw.returns();
    /// How much of a lot came back, in the item's base unit.
    read returned_of_lot => ReturnedOfLot(ByLot) -> crate::Decimal = |lw, a| lw.returned_of_lot(&a.lot);
    /// The returns of a lot and of every lot made from it.
    read recall_returns => RecallReturns(ByLot) -> Vec<RecallReturn> = |lw, a| lw.recall_returns(&a.lot);

    // --- traceability ----------------------------------------------------
    /// What went into a lot, down to the received materials.
    read trace_backward => TraceBackward(ByLot) -> Trace = |lw, a| lw.trace_backward(&a.lot);
    /// What was made from a lot, up to the finished goods.
    read trace_forward => TraceForward(ByLot) -> Trace = |lw, a| lw.trace_forward(&a.lot);
    /// Which customers got a lot (or anything made from it), and what is still on hand.
    read recall => Recall(ByLot) -> RecallReport = |lw, a| lw.recall(&a.lot);
    /// Recalls a lot and holds it and every lot made from it, re-planning what loses stock.
    write recall_and_hold => RecallAndHold(RecallAndHold) -> RecallHoldReport =
        |lw, a| lw.recall_and_hold(a);
    /// A lot's whole trace as a graph of lots, shipments, orders and customers.
    read trace_graph => TraceGraph(ByLot) -> TraceGraph = |lw, a| lw.trace_graph(&a.lot);
    /// A lot's trace graph as Graphviz DOT.
    read trace_dot => TraceDot(ByLot) -> String = |lw, a| lw.trace_dot(&a.lot);
    /// A lot's trace graph as a Mermaid flowchart.
    read trace_mermaid => TraceMermaid(ByLot) -> String = |lw, a| lw.trace_mermaid(&a.lot);

    // --- events ----------------------------------------------------------
    /// Events after a sequence number, oldest first.
    read events_after => EventsAfter(EventsAfter) -> Vec<Event> =
        |lw, a| lw.events_after(a.after, a.limit);
    /// The next events a consumer has not acknowledged.
    read pending_events => PendingEvents(PendingEvents) -> Vec<Event> =
        |lw, a| lw.pending_events(&a.consumer, a.limit);
    /// Acknowledges a consumer's events up to a sequence number.
    write ack_events => AckEvents(AckEvents) -> () = |lw, a| lw.ack_events(&a.consumer, a.seq);
    /// The last sequence number a consumer acknowledged.
    read event_cursor => EventCursor(Consumer) -> u64 = |lw, a| lw.event_cursor(&a.consumer);

    // --- purchasing and replenishment ------------------------------------
    /// Defines a supplier with its lead times and minimum order quantities.
    write define_supplier => DefineSupplier(NewSupplier) -> Supplier = |lw, a| lw.define_supplier(a);
    /// A supplier by code.
    read supplier => Supplier(ByCode) -> Supplier = |lw, a| lw.supplier(&a.code);
    /// Every supplier.
    read suppliers => Suppliers(NoArgs) -> Vec<Supplier> = |lw, _a| lw.suppliers();
    /// Creates a draft purchase order.
    write create_po => CreatePo(NewPurchaseOrder) -> PurchaseOrder = |lw, a| lw.create_po(a);
    /// Marks a purchase order as sent to the supplier.
    write send_po => SendPo(ById) -> PurchaseOrder = |lw, a| lw.send_po(&a.id);
    /// Cancels a purchase order that has not been received.
    write cancel_po => CancelPo(ById) -> PurchaseOrder = |lw, a| lw.cancel_po(&a.id);
    /// Receives goods against a purchase order, creating lots.
    write receive_po => ReceivePo(ReceivePo) -> PoReceived = |lw, a| lw.receive_po(&a.id, a.lines);
    /// A purchase order by id.
    read purchase_order => PurchaseOrder(ById) -> PurchaseOrder = |lw, a| lw.purchase_order(&a.id);
    /// Every purchase order.
    read purchase_orders => PurchaseOrders(NoArgs) -> Vec<PurchaseOrder> = |lw, _a| lw.purchase_orders();
    /// Every open purchase order line with its expected date.
    read open_po_lines => OpenPoLines(NoArgs) -> Vec<OpenPoLine> = |lw, _a| lw.open_po_lines();
    /// What to buy: needs net of stock and open purchase orders, per supplier.
    read purchase_suggestions => PurchaseSuggestions(NoArgs) -> PurchasePlan =
        |lw, _a| lw.purchase_suggestions();
    /// Turns purchase suggestions into draft purchase orders, one per supplier.
    write create_pos_from_suggestions => CreatePosFromSuggestions(CreatePosFromSuggestions) -> Vec<PurchaseOrder> =
        |lw, a| lw.create_pos_from_suggestions(&a.suggestions);
    /// Products below their reorder point, with a batch to make for stock.
    read suggest_production => SuggestProduction(NoArgs) -> Vec<ProductionSuggestion> =
        |lw, _a| lw.suggest_production();
    /// Creates a manufacturing order for stock.
    write create_stock_mo => CreateStockMo(CreateStockMo) -> StockMo =
        |lw, a| lw.create_stock_mo(&a.sku, a.qty);

    // --- locations -------------------------------------------------------
    /// Ships a transfer between locations (through in-transit).
    write ship_transfer => ShipTransfer(NewTransfer) -> Transfer = |lw, a| lw.ship_transfer(a);
    /// Receives a transfer at its destination.
    write receive_transfer => ReceiveTransfer(ById) -> Transfer = |lw, a| lw.receive_transfer(&a.id);
    /// A transfer by id.
    read transfer => Transfer(ById) -> Transfer = |lw, a| lw.transfer(&a.id);
    /// Every transfer.
    read transfers => Transfers(NoArgs) -> Vec<Transfer> = |lw, _a| lw.transfers();
    /// An item's availability per location and in total.
    read availability => Availability(BySku) -> Availability = |lw, a| lw.availability(&a.sku);
    /// Available-to-sell of every product, for pushing stock to channels.
    read available_to_sell => AvailableToSell(NoArgs) -> Vec<Availability> = |lw, _a| lw.available_to_sell();
    /// Defines (or replaces) a routing rule.
    write define_routing_rule => DefineRoutingRule(RoutingRule) -> RoutingRule =
        |lw, a| lw.define_routing_rule(a);
    /// Every routing rule.
    read routing_rules => RoutingRules(NoArgs) -> Vec<RoutingRule> = |lw, _a| lw.routing_rules();
    /// Which location(s) should ship an order, by the stored rules.
    read route_order => RouteOrder(ById) -> Routing = |lw, a| lw.route_order(&a.id);
    /// Which location(s) should ship an order by a given rule.
    read route_order_with => RouteOrderWith(RouteOrderWith) -> Routing =
        |lw, a| lw.route_order_with(&a.id, &a.rule);

    // --- planning --------------------------------------------------------
    /// Defines a work center with its calendar.
    write define_work_center => DefineWorkCenter(NewWorkCenter) -> WorkCenter =
        |lw, a| lw.define_work_center(a);
    /// A work center by code.
    read work_center => WorkCenter(ByCode) -> WorkCenter = |lw, a| lw.work_center(&a.code);
    /// Every work center.
    read work_centers => WorkCenters(NoArgs) -> Vec<WorkCenter> = |lw, _a| lw.work_centers();
    /// Sets handling days, the shipping calendar and the default shipping method.
    write set_planning_settings => SetPlanningSettings(PlanningSettings) -> PlanningSettings =
        |lw, a| lw.set_planning_settings(a);
    /// The planning settings.
    read planning_settings => PlanningSettings(NoArgs) -> PlanningSettings = |lw, _a| lw.planning_settings();
    /// Defines (or replaces) a shipping method and its transit days.
    write define_shipping_method => DefineShippingMethod(ShippingMethod) -> ShippingMethod =
        |lw, a| lw.define_shipping_method(a);
    /// A delivery promise for an order, with the reason for its date. Writes nothing.
    read promise => Promise(PromiseOrder) -> Promise =
        |lw, a| lw.promise(&a.id, &a.options.unwrap_or_default());
    /// A delivery promise for lines not yet ordered. Writes nothing.
    read promise_lines => PromiseLines(PromiseLines) -> Promise =
        |lw, a| lw.promise_lines(&a.lines, &a.options.unwrap_or_default());
    /// The capacity a manufacturing order holds on the calendars, or `null`.
    read booking => Booking(ByMo) -> Option<Booking> = |lw, a| lw.booking(&a.mo);
    /// The production schedule in a time window.
    read schedule => Schedule(Window) -> Vec<ScheduleRow> = |lw, a| lw.schedule(a.from, a.to);
    /// The production schedule in a time window as an SVG Gantt chart.
    read schedule_svg => ScheduleSvg(Window) -> String = |lw, a| lw.schedule_svg(a.from, a.to);
    /// Moves a manufacturing order on the calendars to start no earlier than an instant.
    write reschedule_mo => RescheduleMo(RescheduleMo) -> Booking =
        |lw, a| lw.reschedule_mo(&a.id, a.not_before);
    /// Projects every confirmed open order again and marks those now
    /// projected to arrive after their promised date as delayed, with why,
    /// before the date passes; `order_delayed` is emitted once per order.
    write check_delays => CheckDelays(NoArgs) -> DelayCheck = |lw, _a| lw.check_delays();

    // --- order desk and analytics ----------------------------------------
    /// A page of orders by filter, text search and sort, with a cursor for the next.
    read desk => Desk(DeskQuery) -> DeskPage = |lw, a| lw.desk(&a);
    /// Adds a tag to an order.
    write tag_order => TagOrder(TagOrder) -> SalesOrder = |lw, a| lw.tag_order(&a.id, &a.tag);
    /// Removes a tag from an order.
    write untag_order => UntagOrder(TagOrder) -> SalesOrder = |lw, a| lw.untag_order(&a.id, &a.tag);
    /// Sets or clears an order's note.
    write set_order_note => SetOrderNote(SetOrderNote) -> SalesOrder =
        |lw, a| lw.set_order_note(&a.id, a.note.as_deref());
    /// Confirms many orders, each in its own transaction.
    write bulk_confirm => BulkConfirm(Bulk) -> Vec<BulkResult> = |lw, a| Ok(lw.bulk_confirm(&a.ids));
    /// Tags many orders, each in its own transaction.
    write bulk_tag => BulkTag(BulkTag) -> Vec<BulkResult> = |lw, a| Ok(lw.bulk_tag(&a.ids, &a.tag));
    /// Cancels many orders, each in its own transaction.
    write bulk_cancel => BulkCancel(Bulk) -> Vec<BulkResult> = |lw, a| Ok(lw.bulk_cancel(&a.ids));
    /// Sales, throughput, lead times and on-time delivery per channel, day and currency.
    read analytics => Analytics(AnalyticsQuery) -> Analytics = |lw, a| lw.analytics(&a);
    /// Every order as CSV, one row per line.
    read orders_csv => OrdersCsv(NoArgs) -> String = |lw, _a| lw.orders_csv();
    /// Stock of every item as CSV, one row per lot and location.
    read stock_csv => StockCsv(NoArgs) -> String = |lw, _a| lw.stock_csv();

    // --- channels --------------------------------------------------------
    /// Imports one parsed channel order: places, replays, updates or cancels it.
    write import_order => ImportOrder(ChannelOrder) -> ImportResult = |lw, a| lw.import_order(&a);
    /// Parses and imports channel payloads, each order in its own transaction.
    write import_payloads => ImportPayloads(ImportPayloads) -> Vec<ImportResult> =
        |lw, a| lw.import_texts(a.channel, &a.payloads, &a.mappings);
    /// Receives a Shopify order webhook: verifies its signature, then imports the order once.
    write receive_shopify_webhook => ReceiveShopifyWebhook(ShopifyWebhook) -> WebhookReceipt =
        |lw, a| a.deliver_to(lw);
    /// The channel order as last imported, for an order placed by import, or `null`.
    read channel_order => ChannelOrder(ById) -> Option<ChannelOrder> = |lw, a| lw.channel_order(&a.id);
    /// Resolves an order that needs attention, with corrected lines.
    write resolve_order => ResolveOrder(ResolveOrder) -> SalesOrder =
        |lw, a| lw.resolve_order(&a.id, a.lines);

    // --- customers -------------------------------------------------------
    /// Creates a customer by hand.
    write define_customer => DefineCustomer(NewCustomer) -> CustomerRecord =
        |lw, a| lw.define_customer(a);
    /// Adds names, e-mails, phones or tags to a customer, or changes its notes.
    write update_customer => UpdateCustomer(UpdateCustomer) -> CustomerRecord =
        |lw, a| lw.update_customer(&a.id, a.update);
    /// A customer by id (a merged one answers as the customer it was merged into).
    read customer => Customer(ById) -> CustomerRecord = |lw, a| lw.customer(&a.id);
    /// Every customer record, by id.
    read customers => Customers(NoArgs) -> Vec<CustomerRecord> = |lw, _a| lw.customers();
    /// Customers by e-mail, by channel customer id or by part of a name.
    read find_customers => FindCustomers(CustomerQuery) -> Vec<CustomerRecord> =
        |lw, a| lw.find_customers(a);
    /// Merges one customer into another: orders move, history is kept.
    write merge_customers => MergeCustomers(MergeCustomers) -> CustomerRecord =
        |lw, a| lw.merge_customers(&a.from, &a.into);
    /// A customer's orders, counts, lifetime value per currency and order rhythm.
    read customer_summary => CustomerSummary(ById) -> CustomerSummary =
        |lw, a| lw.customer_summary(&a.id);
    /// Defines or replaces a customer segment (a declarative filter).
    write define_segment => DefineSegment(Segment) -> Segment = |lw, a| lw.define_segment(a);
    /// Every customer segment, by code.
    read segments => Segments(NoArgs) -> Vec<Segment> = |lw, _a| lw.segments();
    /// The customers a segment holds now, with their revenue per currency.
    read segment_customers => SegmentCustomers(ByCode) -> SegmentReport =
        |lw, a| lw.segment_customers(&a.code);

    // --- automations -----------------------------------------------------
    /// Defines or replaces an automation rule (trigger, conditions, actions).
    write define_rule => DefineRule(Rule) -> Rule = |lw, a| lw.define_rule(a);
    /// Every automation rule, in the order they run.
    read rules => Rules(NoArgs) -> Vec<Rule> = |lw, _a| lw.rules();
    /// Holds an order not yet confirmed for review; nobody can confirm it until released.
    write hold_order => HoldOrder(HoldOrder) -> SalesOrder = |lw, a| lw.hold_order(&a.id, &a.reason);
    /// Releases a held order.
    write release_order => ReleaseOrder(ById) -> SalesOrder = |lw, a| lw.release_order(&a.id);
    /// Checks the stock and lot-expiry rules now; the alerts that start to hold.
    write check_alerts => CheckAlerts(NoArgs) -> Vec<Alert> = |lw, _a| lw.check_alerts();

    // --- the engine itself -----------------------------------------------
    /// Every invariant that does not hold (empty when all hold).
    read check_invariants => CheckInvariants(NoArgs) -> Vec<String> = |lw, _a| lw.check_invariants();
    /// The engine's current time.
    read now => Now(NoArgs) -> DateTime<Utc> = |lw, _a| Ok(lw.now());
    /// The storage backend: `memory`, `sqlite` or `postgres`.
    read backend => Backend(NoArgs) -> String = |lw, _a| Ok(lw.backend().to_string());
    /// Moves a fixed clock forward by whole days; refused on the system clock.
    clock advance_days => AdvanceDays(AdvanceDays) -> DateTime<Utc> = |lw, a| lw.advance_days(a.days);
    /// Sets a fixed clock to an instant; refused on the system clock.
    clock set_clock => SetClock(SetClock) -> DateTime<Utc> = |lw, a| lw.set_clock(a.at);
    /// Parses a quantity in a standard unit such as `"2.5 kg"` or `"16 oz"` and gives it back normalised (a pack unit needs its item: `convert_qty`).
    pure parse_qty => ParseQty(Text) -> Qty = |_lw, a| Qty::parse_standard(&a.text);
    /// Parses an amount such as `"18.00 USD"` and gives it back normalised.
    pure parse_money => ParseMoney(Text) -> Money = |_lw, a| a.text.parse::<Money>();
}
