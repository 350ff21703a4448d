-- lotwise schema version 1 (Postgres).
-- Each entity keeps its whole record as JSON in `data` (decimals inside are
-- strings, so exact); the columns beside it exist only to be looked up,
-- filtered or ordered by. Decimal columns are TEXT for the same reason.
-- Text columns use the "C" collation so they compare by bytes, the order the
-- in-memory store lists things in, whatever the database's locale.

CREATE TABLE counters (
    name  TEXT COLLATE "C" PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE items (
    sku  TEXT COLLATE "C" PRIMARY KEY,
    data TEXT NOT NULL
);

CREATE TABLE recipes (
    product TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (product, version)
);

CREATE TABLE locations (
    code TEXT COLLATE "C" PRIMARY KEY,
    data TEXT NOT NULL
);

CREATE TABLE lots (
    code   TEXT COLLATE "C" PRIMARY KEY,
    sku    TEXT COLLATE "C" NOT NULL,
    expiry TEXT COLLATE "C",
    data   TEXT NOT NULL
);
-- FEFO picking: the lots of an item by expiry.
CREATE INDEX lots_by_sku_expiry ON lots (sku, expiry);

CREATE TABLE movements (
    seq  BIGINT PRIMARY KEY,
    sku  TEXT COLLATE "C" NOT NULL,
    lot  TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX movements_by_lot ON movements (lot);

-- Kept by append_movement in the same transaction as the movement.
CREATE TABLE balances (
    sku      TEXT COLLATE "C" NOT NULL,
    lot      TEXT COLLATE "C" NOT NULL,
    location TEXT COLLATE "C" NOT NULL,
    qty      TEXT NOT NULL,
    PRIMARY KEY (sku, lot, location)
);
CREATE INDEX balances_by_sku_location ON balances (sku, location);
CREATE INDEX balances_by_lot ON balances (lot);

-- demand_kind is `order_line` (ref = order id, line >= 1) or `mo_input`
-- (ref = MO id, line = 0).
CREATE TABLE reservations (
    id          BIGINT PRIMARY KEY,
    sku         TEXT COLLATE "C" NOT NULL,
    demand_kind TEXT COLLATE "C" NOT NULL,
    demand_ref  TEXT COLLATE "C" NOT NULL,
    demand_line BIGINT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX reservations_by_demand ON reservations (demand_kind, demand_ref, demand_line);
CREATE INDEX reservations_by_sku ON reservations (sku);

CREATE TABLE orders (
    id           TEXT COLLATE "C" PRIMARY KEY,
    status       TEXT COLLATE "C" NOT NULL,
    channel      TEXT COLLATE "C" NOT NULL,
    external_ref TEXT COLLATE "C",
    placed_at    TEXT COLLATE "C" NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX orders_by_status ON orders (status);
CREATE INDEX orders_by_external_ref ON orders (channel, external_ref);
CREATE INDEX orders_by_placed_at ON orders (placed_at);

CREATE TABLE mos (
    id     TEXT COLLATE "C" PRIMARY KEY,
    status TEXT COLLATE "C" NOT NULL,
    data   TEXT NOT NULL
);
CREATE INDEX mos_by_status ON mos (status);

-- Which orders a manufacturing order has allocations to (mos_for_order).
CREATE TABLE mo_orders (
    order_id TEXT COLLATE "C" NOT NULL,
    mo       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (order_id, mo)
);
CREATE INDEX mo_orders_by_mo ON mo_orders (mo);

CREATE TABLE shipments (
    id       TEXT COLLATE "C" PRIMARY KEY,
    order_id TEXT COLLATE "C" NOT NULL,
    data     TEXT NOT NULL
);
CREATE INDEX shipments_by_order ON shipments (order_id);

-- Which lots a shipment carries (shipments_of_lot, recalls).
CREATE TABLE shipment_lots (
    lot      TEXT COLLATE "C" NOT NULL,
    shipment TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (lot, shipment)
);
CREATE INDEX shipment_lots_by_shipment ON shipment_lots (shipment);

-- id keeps insertion order; edges may repeat.
CREATE TABLE trace_edges (
    id       BIGSERIAL PRIMARY KEY,
    from_lot TEXT COLLATE "C" NOT NULL,
    to_lot   TEXT COLLATE "C" NOT NULL,
    data     TEXT NOT NULL
);
CREATE INDEX trace_edges_by_from ON trace_edges (from_lot);
CREATE INDEX trace_edges_by_to ON trace_edges (to_lot);

CREATE TABLE events (
    seq  BIGINT PRIMARY KEY,
    data TEXT NOT NULL
);

CREATE TABLE cursors (
    consumer TEXT COLLATE "C" PRIMARY KEY,
    seq      BIGINT NOT NULL
);
