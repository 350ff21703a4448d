"""The operation table, and a method for each operation without an idiomatic one.

Generated from schema/lotwise.v1.json by scripts/generate.py: do not edit;
run `scripts/generate.sh` after changing the core's command layer.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Mapping, NamedTuple, Optional, Sequence, Tuple

from ._codec import DecimalLike
from .values import Money, MoneyLike, Qty, QtyLike

if TYPE_CHECKING:  # pragma: no cover
    from . import (
        Alert,
        Availability,
        BatchCost,
        CostAnalytics,
        CostFlows,
        CostSettings,
        CustomerRecord,
        CustomerSummary,
        DelayCheck,
        EditReport,
        HoldReport,
        ImportResult,
        Item,
        ItemStock,
        Lot,
        MoSummary,
        Money,
        OrderMargin,
        OrderView,
        PurchaseOrder,
        Qty,
        RecallHoldReport,
        RecipeEstimate,
        Rule,
        SalesOrder,
        Segment,
        SegmentReport,
        ShipmentCost,
        TraceGraph,
        Valuation,
        WebhookReceipt,
        WorkCenterRate,
    )


class OperationSpec(NamedTuple):
    """One row of the core's operation table."""

    name: str
    """The snake_case name, as in a scenario's `"do"`."""
    kind: str
    """`read`, `write`, `clock` or `pure`."""
    doc: str
    """What it does."""
    result: str
    """The Python type of its result, as an annotation."""


OPERATIONS: Tuple[OperationSpec, ...] = (
    OperationSpec('define_item', 'write', 'Defines an item (material, product or packaging) with its base unit.', 'Item'),
    OperationSpec('define_recipe', 'write', "Defines a product's recipe; a new definition is a new version.", 'Recipe'),
    OperationSpec('define_location', 'write', 'Defines a location (warehouse, shop, bin).', 'Location'),
    OperationSpec('item', 'read', 'An item by SKU.', 'Item'),
    OperationSpec('items', 'read', 'Every item, by SKU.', 'Tuple[Item, ...]'),
    OperationSpec('recipe', 'read', "A product's current recipe.", 'Recipe'),
    OperationSpec('locations', 'read', 'Every location.', 'Tuple[Location, ...]'),
    OperationSpec('define_pack', 'write', 'Defines (or resizes) a pack unit of an item: `box` = `12 pcs`, usable as `"2 box"`.', 'Item'),
    OperationSpec('set_display_unit', 'write', "Sets the unit an item's quantities are shown in (a unit of its dimension or a pack).", 'Item'),
    OperationSpec('convert_qty', 'read', 'A quantity of an item in another of its units, or in its display unit.', 'Qty'),
    OperationSpec('set_cost_settings', 'write', "Sets the shop's cost currency and overhead rule (percent of materials and labour, fixed per batch).", 'CostSettings'),
    OperationSpec('cost_settings', 'read', "The shop's cost currency and overhead rule.", 'CostSettings'),
    OperationSpec('set_work_center_rate', 'write', "Sets what an hour of a work center's booked time costs.", 'WorkCenterRate'),
    OperationSpec('batch_cost', 'read', 'What a batch cost: consumed lots, operations × rates, overhead; its output unit cost.', 'BatchCost'),
    OperationSpec('shipment_cost', 'read', 'The cost of goods of a shipment, lot by lot.', 'ShipmentCost'),
    OperationSpec('order_margin', 'read', "An order's margin on what shipped, per line and in total (never across currencies without a rate).", 'OrderMargin'),
    OperationSpec('stock_valuation', 'read', 'What stock was worth at an instant, per lot, item and location.', 'Valuation'),
    OperationSpec('cost_flows', 'read', 'Where cost went up to an instant: received, added, shipped, scrapped, in progress, on hand.', 'CostFlows'),
    OperationSpec('cost_analytics', 'read', 'Margin per product, channel and month, and stock value at the end of each day.', 'CostAnalytics'),
    OperationSpec('estimate_recipe_cost', 'read', "A product's estimated cost from current costs, for quoting before an order.", 'RecipeEstimate'),
    OperationSpec('receive', 'write', 'Receives stock into a lot (a new lot, or more of a named one).', 'Lot'),
    OperationSpec('adjust_stock', 'write', 'Corrects stock after a count: a signed delta to one lot.', 'Movement'),
    OperationSpec('stock', 'read', "An item's stock: on hand, reserved, available, per lot and location.", 'StockLevel'),
    OperationSpec('lot', 'read', 'A lot by code.', 'Lot'),
    OperationSpec('hold_lot', 'write', 'Puts a lot on hold (QA, recall, complaint): its reservations are released and re-planned.', 'HoldReport'),
    OperationSpec('release_lot', 'write', 'Releases a held lot; waiting demand is served from it.', 'Lot'),
    OperationSpec('lots_of_item', 'read', 'Every lot of an item.', 'Tuple[Lot, ...]'),
    OperationSpec('stock_levels', 'read', 'Every item (or the named ones) with its stock level, in one read.', 'Tuple[ItemStock, ...]'),
    OperationSpec('movements', 'read', 'Every ledger movement, oldest first.', 'Tuple[Movement, ...]'),
    OperationSpec('balances', 'read', 'Every non-zero balance per item, lot and location.', 'Tuple[Balance, ...]'),
    OperationSpec('reservations', 'read', 'Every open reservation.', 'Tuple[Reservation, ...]'),
    OperationSpec('snapshot', 'read', 'Everything the engine holds, for backups and debugging.', 'Snapshot'),
    OperationSpec('place_order', 'write', 'Places an order (idempotent by channel and external reference).', 'PlacedOrder'),
    OperationSpec('place_orders', 'write', 'Places many orders, each in its own transaction, with one result per order.', 'Tuple[PlaceResult, ...]'),
    OperationSpec('confirm_order', 'write', 'Confirms an order: reserves stock, plans batches, books capacity.', 'ConfirmReport'),
    OperationSpec('place_and_confirm_order', 'write', "Places and confirms an order in one transaction (a storefront's webhook).", 'AcceptedOrder'),
    OperationSpec('replan_order', 'write', 'Reserves and plans again what a confirmed order still lacks.', 'ConfirmReport'),
    OperationSpec('cancel_order', 'write', 'Cancels an order: releases its reservations and detaches its batches.', 'SalesOrder'),
    OperationSpec('cancel_order_line', 'write', "Cancels all or part of a line's unshipped quantity, releasing what covered it.", 'OrderView'),
    OperationSpec('edit_order', 'write', 'Edits an order (quantities, lines, dates, ship-to) and re-plans the difference at once.', 'EditReport'),
    OperationSpec('apply_channel_update', 'write', 'Applies a flagged channel update to a confirmed order through the edit path.', 'EditReport'),
    OperationSpec('dismiss_order_flag', 'write', "Dismisses a confirmed order's flags with a reason; the order stays as it is.", 'SalesOrder'),
    OperationSpec('close_short', 'write', 'Closes a partially shipped order short: the unshipped rest is cancelled.', 'OrderView'),
    OperationSpec('order', 'read', 'A sales order by id.', 'SalesOrder'),
    OperationSpec('order_by_external', 'read', 'A sales order by channel and external reference, or `null`.', 'Optional[SalesOrder]'),
    OperationSpec('orders', 'read', 'Every sales order, by id.', 'Tuple[SalesOrder, ...]'),
    OperationSpec('order_view', 'read', 'An order line by line: what is ready, from which lots and batches.', 'OrderView'),
    OperationSpec('start_mo', 'write', 'Starts a manufacturing order: consumes its reserved input lots.', 'ManufacturingOrder'),
    OperationSpec('complete_mo', 'write', 'Completes a manufacturing order: the output lot, allocated to its orders.', 'ManufacturingOrder'),
    OperationSpec('cancel_mo', 'write', 'Cancels a manufacturing order and releases its inputs.', 'ManufacturingOrder'),
    OperationSpec('mo', 'read', 'A manufacturing order by id.', 'ManufacturingOrder'),
    OperationSpec('mos', 'read', 'Every manufacturing order, by id.', 'Tuple[ManufacturingOrder, ...]'),
    OperationSpec('mo_summaries', 'read', 'Every manufacturing order (or the named ones) with its allocated and free output.', 'Tuple[MoSummary, ...]'),
    OperationSpec('mo_lines', 'read', 'The order lines a manufacturing order fills, with their customers.', 'Tuple[MoLine, ...]'),
    OperationSpec('ship', 'write', "Ships an order's ready lines with carrier and tracking.", 'Shipment'),
    OperationSpec('shipments_of_order', 'read', 'Every shipment of an order.', 'Tuple[Shipment, ...]'),
    OperationSpec('record_return', 'write', 'Records a customer return: restock, quarantine or scrap per line.', 'Return'),
    OperationSpec('returns_of_order', 'read', 'Every return of an order.', 'Tuple[Return, ...]'),
    OperationSpec('returns', 'read', 'Every return.', 'Tuple[Return, ...]'),
    OperationSpec('returned_of_lot', 'read', "How much of a lot came back, in the item's base unit.", 'Decimal'),
    OperationSpec('recall_returns', 'read', 'The returns of a lot and of every lot made from it.', 'Tuple[RecallReturn, ...]'),
    OperationSpec('trace_backward', 'read', 'What went into a lot, down to the received materials.', 'Trace'),
    OperationSpec('trace_forward', 'read', 'What was made from a lot, up to the finished goods.', 'Trace'),
    OperationSpec('recall', 'read', 'Which customers got a lot (or anything made from it), and what is still on hand.', 'RecallReport'),
    OperationSpec('recall_and_hold', 'write', 'Recalls a lot and holds it and every lot made from it, re-planning what loses stock.', 'RecallHoldReport'),
    OperationSpec('trace_graph', 'read', "A lot's whole trace as a graph of lots, shipments, orders and customers.", 'TraceGraph'),
    OperationSpec('trace_dot', 'read', "A lot's trace graph as Graphviz DOT.", 'str'),
    OperationSpec('trace_mermaid', 'read', "A lot's trace graph as a Mermaid flowchart.", 'str'),
    OperationSpec('events_after', 'read', 'Events after a sequence number, oldest first.', 'Tuple[Event, ...]'),
    OperationSpec('pending_events', 'read', 'The next events a consumer has not acknowledged.', 'Tuple[Event, ...]'),
    OperationSpec('ack_events', 'write', "Acknowledges a consumer's events up to a sequence number.", 'None'),
    OperationSpec('event_cursor', 'read', 'The last sequence number a consumer acknowledged.', 'int'),
    OperationSpec('define_supplier', 'write', 'Defines a supplier with its lead times and minimum order quantities.', 'Supplier'),
    OperationSpec('supplier', 'read', 'A supplier by code.', 'Supplier'),
    OperationSpec('suppliers', 'read', 'Every supplier.', 'Tuple[Supplier, ...]'),
    OperationSpec('create_po', 'write', 'Creates a draft purchase order.', 'PurchaseOrder'),
    OperationSpec('send_po', 'write', 'Marks a purchase order as sent to the supplier.', 'PurchaseOrder'),
    OperationSpec('cancel_po', 'write', 'Cancels a purchase order that has not been received.', 'PurchaseOrder'),
    OperationSpec('receive_po', 'write', 'Receives goods against a purchase order, creating lots.', 'PoReceived'),
    OperationSpec('purchase_order', 'read', 'A purchase order by id.', 'PurchaseOrder'),
    OperationSpec('purchase_orders', 'read', 'Every purchase order.', 'Tuple[PurchaseOrder, ...]'),
    OperationSpec('open_po_lines', 'read', 'Every open purchase order line with its expected date.', 'Tuple[OpenPoLine, ...]'),
    OperationSpec('purchase_suggestions', 'read', 'What to buy: needs net of stock and open purchase orders, per supplier.', 'PurchasePlan'),
    OperationSpec('create_pos_from_suggestions', 'write', 'Turns purchase suggestions into draft purchase orders, one per supplier.', 'Tuple[PurchaseOrder, ...]'),
    OperationSpec('suggest_production', 'read', 'Products below their reorder point, with a batch to make for stock.', 'Tuple[ProductionSuggestion, ...]'),
    OperationSpec('create_stock_mo', 'write', 'Creates a manufacturing order for stock.', 'StockMo'),
    OperationSpec('ship_transfer', 'write', 'Ships a transfer between locations (through in-transit).', 'Transfer'),
    OperationSpec('receive_transfer', 'write', 'Receives a transfer at its destination.', 'Transfer'),
    OperationSpec('transfer', 'read', 'A transfer by id.', 'Transfer'),
    OperationSpec('transfers', 'read', 'Every transfer.', 'Tuple[Transfer, ...]'),
    OperationSpec('availability', 'read', "An item's availability per location and in total.", 'Availability'),
    OperationSpec('available_to_sell', 'read', 'Available-to-sell of every product, for pushing stock to channels.', 'Tuple[Availability, ...]'),
    OperationSpec('define_routing_rule', 'write', 'Defines (or replaces) a routing rule.', 'RoutingRule'),
    OperationSpec('routing_rules', 'read', 'Every routing rule.', 'Tuple[RoutingRule, ...]'),
    OperationSpec('route_order', 'read', 'Which location(s) should ship an order, by the stored rules.', 'Routing'),
    OperationSpec('route_order_with', 'read', 'Which location(s) should ship an order by a given rule.', 'Routing'),
    OperationSpec('define_work_center', 'write', 'Defines a work center with its calendar.', 'WorkCenter'),
    OperationSpec('work_center', 'read', 'A work center by code.', 'WorkCenter'),
    OperationSpec('work_centers', 'read', 'Every work center.', 'Tuple[WorkCenter, ...]'),
    OperationSpec('set_planning_settings', 'write', 'Sets handling days, the shipping calendar and the default shipping method.', 'PlanningSettings'),
    OperationSpec('planning_settings', 'read', 'The planning settings.', 'PlanningSettings'),
    OperationSpec('define_shipping_method', 'write', 'Defines (or replaces) a shipping method and its transit days.', 'ShippingMethod'),
    OperationSpec('promise', 'read', 'A delivery promise for an order, with the reason for its date. Writes nothing.', 'Promise'),
    OperationSpec('promise_lines', 'read', 'A delivery promise for lines not yet ordered. Writes nothing.', 'Promise'),
    OperationSpec('booking', 'read', 'The capacity a manufacturing order holds on the calendars, or `null`.', 'Optional[Booking]'),
    OperationSpec('schedule', 'read', 'The production schedule in a time window.', 'Tuple[ScheduleRow, ...]'),
    OperationSpec('schedule_svg', 'read', 'The production schedule in a time window as an SVG Gantt chart.', 'str'),
    OperationSpec('reschedule_mo', 'write', 'Moves a manufacturing order on the calendars to start no earlier than an instant.', 'Booking'),
    OperationSpec('check_delays', 'write', 'Projects every confirmed open order again and marks those now', 'DelayCheck'),
    OperationSpec('desk', 'read', 'A page of orders by filter, text search and sort, with a cursor for the next.', 'DeskPage'),
    OperationSpec('tag_order', 'write', 'Adds a tag to an order.', 'SalesOrder'),
    OperationSpec('untag_order', 'write', 'Removes a tag from an order.', 'SalesOrder'),
    OperationSpec('set_order_note', 'write', "Sets or clears an order's note.", 'SalesOrder'),
    OperationSpec('bulk_confirm', 'write', 'Confirms many orders, each in its own transaction.', 'Tuple[BulkResult, ...]'),
    OperationSpec('bulk_tag', 'write', 'Tags many orders, each in its own transaction.', 'Tuple[BulkResult, ...]'),
    OperationSpec('bulk_cancel', 'write', 'Cancels many orders, each in its own transaction.', 'Tuple[BulkResult, ...]'),
    OperationSpec('analytics', 'read', 'Sales, throughput, lead times and on-time delivery per channel, day and currency.', 'Analytics'),
    OperationSpec('orders_csv', 'read', 'Every order as CSV, one row per line.', 'str'),
    OperationSpec('stock_csv', 'read', 'Stock of every item as CSV, one row per lot and location.', 'str'),
    OperationSpec('import_order', 'write', 'Imports one parsed channel order: places, replays, updates or cancels it.', 'ImportResult'),
    OperationSpec('import_payloads', 'write', 'Parses and imports channel payloads, each order in its own transaction.', 'Tuple[ImportResult, ...]'),
    OperationSpec('receive_shopify_webhook', 'write', 'Receives a Shopify order webhook: verifies its signature, then imports the order once.', 'WebhookReceipt'),
    OperationSpec('channel_order', 'read', 'The channel order as last imported, for an order placed by import, or `null`.', 'Optional[ChannelOrder]'),
    OperationSpec('resolve_order', 'write', 'Resolves an order that needs attention, with corrected lines.', 'SalesOrder'),
    OperationSpec('define_customer', 'write', 'Creates a customer by hand.', 'CustomerRecord'),
    OperationSpec('update_customer', 'write', 'Adds names, e-mails, phones or tags to a customer, or changes its notes.', 'CustomerRecord'),
    OperationSpec('customer', 'read', 'A customer by id (a merged one answers as the customer it was merged into).', 'CustomerRecord'),
    OperationSpec('customers', 'read', 'Every customer record, by id.', 'Tuple[CustomerRecord, ...]'),
    OperationSpec('find_customers', 'read', 'Customers by e-mail, by channel customer id or by part of a name.', 'Tuple[CustomerRecord, ...]'),
    OperationSpec('merge_customers', 'write', 'Merges one customer into another: orders move, history is kept.', 'CustomerRecord'),
    OperationSpec('customer_summary', 'read', "A customer's orders, counts, lifetime value per currency and order rhythm.", 'CustomerSummary'),
    OperationSpec('define_segment', 'write', 'Defines or replaces a customer segment (a declarative filter).', 'Segment'),
    OperationSpec('segments', 'read', 'Every customer segment, by code.', 'Tuple[Segment, ...]'),
    OperationSpec('segment_customers', 'read', 'The customers a segment holds now, with their revenue per currency.', 'SegmentReport'),
    OperationSpec('define_rule', 'write', 'Defines or replaces an automation rule (trigger, conditions, actions).', 'Rule'),
    OperationSpec('rules', 'read', 'Every automation rule, in the order they run.', 'Tuple[Rule, ...]'),
    OperationSpec('hold_order', 'write', 'Holds an order not yet confirmed for review; nobody can confirm it until released.', 'SalesOrder'),
    OperationSpec('release_order', 'write', 'Releases a held order.', 'SalesOrder'),
    OperationSpec('check_alerts', 'write', 'Checks the stock and lot-expiry rules now; the alerts that start to hold.', 'Tuple[Alert, ...]'),
    OperationSpec('check_invariants', 'read', 'Every invariant that does not hold (empty when all hold).', 'Tuple[str, ...]'),
    OperationSpec('now', 'read', "The engine's current time.", '_dt.datetime'),
    OperationSpec('backend', 'read', 'The storage backend: `memory`, `sqlite` or `postgres`.', 'str'),
    OperationSpec('advance_days', 'clock', 'Moves a fixed clock forward by whole days; refused on the system clock.', '_dt.datetime'),
    OperationSpec('set_clock', 'clock', 'Sets a fixed clock to an instant; refused on the system clock.', '_dt.datetime'),
    OperationSpec('parse_qty', 'pure', 'Parses a quantity in a standard unit such as `"2.5 kg"` or `"16 oz"` and gives it back normalised (a pack unit needs its item: `convert_qty`).', 'Qty'),
    OperationSpec('parse_money', 'pure', 'Parses an amount such as `"18.00 USD"` and gives it back normalised.', 'Money'),
)
"""Every operation of the core, in table order."""


class GeneratedOperations:
    """A method per operation that has no hand-written idiomatic method."""

    def _run(self, name: str, args: Dict[str, Any]) -> Any:
        raise NotImplementedError  # the engine handle provides it

    def define_pack(self, sku: str, name: str, qty: Any) -> Item:
        """Defines (or resizes) a pack unit of an item: `box` = `12 pcs`, usable as `"2 box"`."""
        result: Item = self._run("define_pack", {"sku": sku, "name": name, "qty": qty})
        return result

    def set_display_unit(self, sku: str, unit: str) -> Item:
        """Sets the unit an item's quantities are shown in (a unit of its dimension or a pack)."""
        result: Item = self._run("set_display_unit", {"sku": sku, "unit": unit})
        return result

    def convert_qty(self, sku: str, qty: Any, *, to: Optional[str] = None) -> Qty:
        """A quantity of an item in another of its units, or in its display unit."""
        result: Qty = self._run("convert_qty", {"sku": sku, "qty": qty, "to": to})
        return result

    def set_cost_settings(self, *, currency: Optional[str] = None, overhead_pct: Optional[DecimalLike] = None, overhead_per_batch: Optional[Any] = None) -> CostSettings:
        """Sets the shop's cost currency and overhead rule (percent of materials and labour, fixed per batch)."""
        result: CostSettings = self._run("set_cost_settings", {"currency": currency, "overhead_pct": overhead_pct, "overhead_per_batch": overhead_per_batch})
        return result

    def cost_settings(self) -> CostSettings:
        """The shop's cost currency and overhead rule."""
        result: CostSettings = self._run("cost_settings", {})
        return result

    def set_work_center_rate(self, code: str, rate_per_hour: Any) -> WorkCenterRate:
        """Sets what an hour of a work center's booked time costs."""
        result: WorkCenterRate = self._run("set_work_center_rate", {"code": code, "rate_per_hour": rate_per_hour})
        return result

    def batch_cost(self, id: str) -> BatchCost:
        """What a batch cost: consumed lots, operations × rates, overhead; its output unit cost."""
        result: BatchCost = self._run("batch_cost", {"id": id})
        return result

    def shipment_cost(self, id: str) -> ShipmentCost:
        """The cost of goods of a shipment, lot by lot."""
        result: ShipmentCost = self._run("shipment_cost", {"id": id})
        return result

    def order_margin(self, id: str, *, exchange_rate: Optional[DecimalLike] = None) -> OrderMargin:
        """An order's margin on what shipped, per line and in total (never across currencies without a rate)."""
        result: OrderMargin = self._run("order_margin", {"id": id, "exchange_rate": exchange_rate})
        return result

    def stock_valuation(self, *, at: Optional[_dt.datetime] = None, sku: Optional[str] = None, location: Optional[str] = None) -> Valuation:
        """What stock was worth at an instant, per lot, item and location."""
        result: Valuation = self._run("stock_valuation", {"at": at, "sku": sku, "location": location})
        return result

    def cost_flows(self, *, at: Optional[_dt.datetime] = None) -> CostFlows:
        """Where cost went up to an instant: received, added, shipped, scrapped, in progress, on hand."""
        result: CostFlows = self._run("cost_flows", {"at": at})
        return result

    def cost_analytics(self, from_: _dt.date, to: _dt.date) -> CostAnalytics:
        """Margin per product, channel and month, and stock value at the end of each day."""
        result: CostAnalytics = self._run("cost_analytics", {"from": from_, "to": to})
        return result

    def estimate_recipe_cost(self, sku: str, *, qty: Optional[Any] = None) -> RecipeEstimate:
        """A product's estimated cost from current costs, for quoting before an order."""
        result: RecipeEstimate = self._run("estimate_recipe_cost", {"sku": sku, "qty": qty})
        return result

    def hold_lot(self, lot: str, reason: Any, *, note: Optional[str] = None) -> HoldReport:
        """Puts a lot on hold (QA, recall, complaint): its reservations are released and re-planned."""
        result: HoldReport = self._run("hold_lot", {"lot": lot, "reason": reason, "note": note})
        return result

    def release_lot(self, lot: str, *, note: Optional[str] = None) -> Lot:
        """Releases a held lot; waiting demand is served from it."""
        result: Lot = self._run("release_lot", {"lot": lot, "note": note})
        return result

    def stock_levels(self, *, skus: Optional[Sequence[str]] = None) -> Tuple[ItemStock, ...]:
        """Every item (or the named ones) with its stock level, in one read."""
        result: Tuple[ItemStock, ...] = self._run("stock_levels", {"skus": skus})
        return result

    def cancel_order_line(self, id: str, line: int, *, qty: Optional[Any] = None, reason: Optional[str] = None) -> OrderView:
        """Cancels all or part of a line's unshipped quantity, releasing what covered it."""
        result: OrderView = self._run("cancel_order_line", {"id": id, "line": line, "qty": qty, "reason": reason})
        return result

    def edit_order(self, id: str, *, lines: Optional[Sequence[Any]] = None, add: Optional[Sequence[Any]] = None, remove: Optional[Sequence[int]] = None, requested_date: Optional[_dt.date] = None, ship_to: Optional[Any] = None, reason: Optional[str] = None) -> EditReport:
        """Edits an order (quantities, lines, dates, ship-to) and re-plans the difference at once."""
        result: EditReport = self._run("edit_order", {"id": id, "lines": lines, "add": add, "remove": remove, "requested_date": requested_date, "ship_to": ship_to, "reason": reason})
        return result

    def apply_channel_update(self, id: str) -> EditReport:
        """Applies a flagged channel update to a confirmed order through the edit path."""
        result: EditReport = self._run("apply_channel_update", {"id": id})
        return result

    def dismiss_order_flag(self, id: str, reason: str) -> SalesOrder:
        """Dismisses a confirmed order's flags with a reason; the order stays as it is."""
        result: SalesOrder = self._run("dismiss_order_flag", {"id": id, "reason": reason})
        return result

    def close_short(self, id: str, *, reason: Optional[str] = None) -> OrderView:
        """Closes a partially shipped order short: the unshipped rest is cancelled."""
        result: OrderView = self._run("close_short", {"id": id, "reason": reason})
        return result

    def mo_summaries(self, *, ids: Optional[Sequence[str]] = None) -> Tuple[MoSummary, ...]:
        """Every manufacturing order (or the named ones) with its allocated and free output."""
        result: Tuple[MoSummary, ...] = self._run("mo_summaries", {"ids": ids})
        return result

    def recall_and_hold(self, lot: str, *, note: Optional[str] = None) -> RecallHoldReport:
        """Recalls a lot and holds it and every lot made from it, re-planning what loses stock."""
        result: RecallHoldReport = self._run("recall_and_hold", {"lot": lot, "note": note})
        return result

    def trace_graph(self, lot: str) -> TraceGraph:
        """A lot's whole trace as a graph of lots, shipments, orders and customers."""
        result: TraceGraph = self._run("trace_graph", {"lot": lot})
        return result

    def create_pos_from_suggestions(self, suggestions: Sequence[Any]) -> Tuple[PurchaseOrder, ...]:
        """Turns purchase suggestions into draft purchase orders, one per supplier."""
        result: Tuple[PurchaseOrder, ...] = self._run("create_pos_from_suggestions", {"suggestions": suggestions})
        return result

    def available_to_sell(self) -> Tuple[Availability, ...]:
        """Available-to-sell of every product, for pushing stock to channels."""
        result: Tuple[Availability, ...] = self._run("available_to_sell", {})
        return result

    def schedule_svg(self, from_: _dt.datetime, to: _dt.datetime) -> str:
        """The production schedule in a time window as an SVG Gantt chart."""
        result: str = self._run("schedule_svg", {"from": from_, "to": to})
        return result

    def check_delays(self) -> DelayCheck:
        """Projects every confirmed open order again and marks those now"""
        result: DelayCheck = self._run("check_delays", {})
        return result

    def import_order(self, channel: Any, external_id: str, display_ref: str, new_order: Any, lines: Sequence[Any], fulfillment: Any, currency: str, shipping_lines: Sequence[Any], attributes: Sequence[Any], customer_is_placeholder: bool, test: bool, *, created_at: Optional[_dt.datetime] = None, updated_at: Optional[_dt.datetime] = None, cancellation: Optional[Any] = None, channel_status: Optional[str] = None, presentment_currency: Optional[str] = None, totals: Optional[Any] = None, presentment_totals: Optional[Any] = None, gift: Optional[Any] = None) -> ImportResult:
        """Imports one parsed channel order: places, replays, updates or cancels it."""
        result: ImportResult = self._run("import_order", {"channel": channel, "external_id": external_id, "display_ref": display_ref, "new_order": new_order, "lines": lines, "fulfillment": fulfillment, "currency": currency, "shipping_lines": shipping_lines, "attributes": attributes, "customer_is_placeholder": customer_is_placeholder, "test": test, "created_at": created_at, "updated_at": updated_at, "cancellation": cancellation, "channel_status": channel_status, "presentment_currency": presentment_currency, "totals": totals, "presentment_totals": presentment_totals, "gift": gift})
        return result

    def receive_shopify_webhook(self, secret: str, headers: Mapping[str, str], body: str, *, confirm: Optional[bool] = None, mappings: Optional[Any] = None) -> WebhookReceipt:
        """Receives a Shopify order webhook: verifies its signature, then imports the order once."""
        result: WebhookReceipt = self._run("receive_shopify_webhook", {"secret": secret, "headers": headers, "body": body, "confirm": confirm, "mappings": mappings})
        return result

    def define_customer(self, name: str, *, emails: Optional[Sequence[str]] = None, phones: Optional[Sequence[str]] = None, addresses: Optional[Sequence[Any]] = None, tags: Optional[Sequence[str]] = None, notes: Optional[str] = None) -> CustomerRecord:
        """Creates a customer by hand."""
        result: CustomerRecord = self._run("define_customer", {"name": name, "emails": emails, "phones": phones, "addresses": addresses, "tags": tags, "notes": notes})
        return result

    def update_customer(self, id: str, update: Any) -> CustomerRecord:
        """Adds names, e-mails, phones or tags to a customer, or changes its notes."""
        result: CustomerRecord = self._run("update_customer", {"id": id, "update": update})
        return result

    def customer(self, id: str) -> CustomerRecord:
        """A customer by id (a merged one answers as the customer it was merged into)."""
        result: CustomerRecord = self._run("customer", {"id": id})
        return result

    def customers(self) -> Tuple[CustomerRecord, ...]:
        """Every customer record, by id."""
        result: Tuple[CustomerRecord, ...] = self._run("customers", {})
        return result

    def find_customers(self, *, email: Optional[str] = None, external_id: Optional[str] = None, channel: Optional[str] = None, name: Optional[str] = None) -> Tuple[CustomerRecord, ...]:
        """Customers by e-mail, by channel customer id or by part of a name."""
        result: Tuple[CustomerRecord, ...] = self._run("find_customers", {"email": email, "external_id": external_id, "channel": channel, "name": name})
        return result

    def merge_customers(self, from_: str, into: str) -> CustomerRecord:
        """Merges one customer into another: orders move, history is kept."""
        result: CustomerRecord = self._run("merge_customers", {"from": from_, "into": into})
        return result

    def customer_summary(self, id: str) -> CustomerSummary:
        """A customer's orders, counts, lifetime value per currency and order rhythm."""
        result: CustomerSummary = self._run("customer_summary", {"id": id})
        return result

    def define_segment(self, code: str, name: str, filter: Any) -> Segment:
        """Defines or replaces a customer segment (a declarative filter)."""
        result: Segment = self._run("define_segment", {"code": code, "name": name, "filter": filter})
        return result

    def segments(self) -> Tuple[Segment, ...]:
        """Every customer segment, by code."""
        result: Tuple[Segment, ...] = self._run("segments", {})
        return result

    def segment_customers(self, code: str) -> SegmentReport:
        """The customers a segment holds now, with their revenue per currency."""
        result: SegmentReport = self._run("segment_customers", {"code": code})
        return result

    def define_rule(self, code: str, name: str, trigger: Any, actions: Sequence[Any], *, priority: Optional[int] = None, conditions: Optional[Sequence[Any]] = None, enabled: Optional[bool] = None) -> Rule:
        """Defines or replaces an automation rule (trigger, conditions, actions)."""
        result: Rule = self._run("define_rule", {"code": code, "name": name, "trigger": trigger, "actions": actions, "priority": priority, "conditions": conditions, "enabled": enabled})
        return result

    def rules(self) -> Tuple[Rule, ...]:
        """Every automation rule, in the order they run."""
        result: Tuple[Rule, ...] = self._run("rules", {})
        return result

    def hold_order(self, id: str, reason: str) -> SalesOrder:
        """Holds an order not yet confirmed for review; nobody can confirm it until released."""
        result: SalesOrder = self._run("hold_order", {"id": id, "reason": reason})
        return result

    def release_order(self, id: str) -> SalesOrder:
        """Releases a held order."""
        result: SalesOrder = self._run("release_order", {"id": id})
        return result

    def check_alerts(self) -> Tuple[Alert, ...]:
        """Checks the stock and lot-expiry rules now; the alerts that start to hold."""
        result: Tuple[Alert, ...] = self._run("check_alerts", {})
        return result

    def advance_days(self, days: int) -> _dt.datetime:
        """Moves a fixed clock forward by whole days; refused on the system clock."""
        result: _dt.datetime = self._run("advance_days", {"days": days})
        return result

    def set_clock(self, at: _dt.datetime) -> _dt.datetime:
        """Sets a fixed clock to an instant; refused on the system clock."""
        result: _dt.datetime = self._run("set_clock", {"at": at})
        return result

    def parse_qty(self, text: str) -> Qty:
        """Parses a quantity in a standard unit such as `"2.5 kg"` or `"16 oz"` and gives it back normalised (a pack unit needs its item: `convert_qty`)."""
        result: Qty = self._run("parse_qty", {"text": text})
        return result

    def parse_money(self, text: str) -> Money:
        """Parses an amount such as `"18.00 USD"` and gives it back normalised."""
        result: Money = self._run("parse_money", {"text": text})
        return result
