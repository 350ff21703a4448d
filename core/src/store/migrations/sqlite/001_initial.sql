-- lotwise schema version 1 (SQLite).
-- Each entity keeps its whole record as JSON in `data` (decimals inside are
-- strings, so exact); the columns beside it exist only to be looked up,
-- filtered or ordered by. Decimal columns are TEXT for the same reason.
-- TEXT compares by bytes (BINARY collation), the order the in-memory store
-- lists things in.

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE items (
    sku  TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE recipes (
    product TEXT NOT NULL,
    version INTEGER NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (product, version)
) WITHOUT ROWID;

CREATE TABLE locations (
    code TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE lots (
    code   TEXT PRIMARY KEY,
    sku    TEXT NOT NULL,
    expiry TEXT,
    data   TEXT NOT NULL
) WITHOUT ROWID;
-- FEFO picking: the lots of an item by expiry.
CREATE INDEX lots_by_sku_expiry ON lots (sku, expiry);

CREATE TABLE movements (
    seq  INTEGER PRIMARY KEY,
    sku  TEXT NOT NULL,
    lot  TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX movements_by_lot ON movements (lot);

-- Kept by append_movement in the same transaction as the movement.
CREATE TABLE balances (
    sku      TEXT NOT NULL,
    lot      TEXT NOT NULL,
    location TEXT NOT NULL,
    qty      TEXT NOT NULL,
    PRIMARY KEY (sku, lot, location)
) WITHOUT ROWID;
CREATE INDEX balances_by_sku_location ON balances (sku, location);
CREATE INDEX balances_by_lot ON balances (lot);

-- demand_kind is `order_line` (ref = order id, line >= 1) or `mo_input`
-- (ref = MO id, line = 0).
CREATE TABLE reservations (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL,
    demand_kind TEXT NOT NULL,
    demand_ref  TEXT NOT NULL,
    demand_line INTEGER NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX reservations_by_demand ON reservations (demand_kind, demand_ref, demand_line);
CREATE INDEX reservations_by_sku ON reservations (sku);

CREATE TABLE orders (
    id           TEXT PRIMARY KEY,
    status       TEXT NOT NULL,
    channel      TEXT NOT NULL,
    external_ref TEXT,
    placed_at    TEXT NOT NULL,
    data         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX orders_by_status ON orders (status);
CREATE INDEX orders_by_external_ref ON orders (channel, external_ref);
CREATE INDEX orders_by_placed_at ON orders (placed_at);

CREATE TABLE mos (
    id     TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    data   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX mos_by_status ON mos (status);

-- Which orders a manufacturing order has allocations to (mos_for_order).
CREATE TABLE mo_orders (
    order_id TEXT NOT NULL,
    mo       TEXT NOT NULL,
    PRIMARY KEY (order_id, mo)
) WITHOUT ROWID;
CREATE INDEX mo_orders_by_mo ON mo_orders (mo);

CREATE TABLE shipments (
    id       TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    data     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX shipments_by_order ON shipments (order_id);

-- Which lots a shipment carries (shipments_of_lot, recalls).
CREATE TABLE shipment_lots (
    lot      TEXT NOT NULL,
    shipment TEXT NOT NULL,
    PRIMARY KEY (lot, shipment)
) WITHOUT ROWID;
CREATE INDEX shipment_lots_by_shipment ON shipment_lots (shipment);

-- id keeps insertion order; edges may repeat.
CREATE TABLE trace_edges (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    from_lot TEXT NOT NULL,
    to_lot   TEXT NOT NULL,
    data     TEXT NOT NULL
);
CREATE INDEX trace_edges_by_from ON trace_edges (from_lot);
CREATE INDEX trace_edges_by_to ON trace_edges (to_lot);

CREATE TABLE events (
    seq  INTEGER PRIMARY KEY,
    data TEXT NOT NULL
);

CREATE TABLE cursors (
    consumer TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL
) WITHOUT ROWID;
