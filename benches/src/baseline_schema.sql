-- The hand-written baseline of workload 2: a minimal schema of its own,
-- with the same durability as lotwise's SQLite store (WAL, synchronous=NORMAL).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE items (sku TEXT PRIMARY KEY, kind TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE recipe_inputs (product TEXT NOT NULL, input TEXT NOT NULL, qty INTEGER NOT NULL,
    PRIMARY KEY (product, input)) WITHOUT ROWID;
CREATE TABLE lots (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, sku TEXT NOT NULL, mo INTEGER, at INTEGER NOT NULL);
CREATE TABLE balances (lot INTEGER PRIMARY KEY, sku TEXT NOT NULL, on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL);
CREATE INDEX balances_free ON balances (sku, lot) WHERE on_hand > reserved;
CREATE TABLE movements (id INTEGER PRIMARY KEY, lot INTEGER NOT NULL, qty INTEGER NOT NULL, reason TEXT NOT NULL,
    mo INTEGER, order_id INTEGER, at INTEGER NOT NULL);
CREATE INDEX movements_mo ON movements (mo) WHERE mo IS NOT NULL;
CREATE TABLE orders (id INTEGER PRIMARY KEY, ext TEXT NOT NULL UNIQUE, customer TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE order_lines (order_id INTEGER NOT NULL, line INTEGER NOT NULL, sku TEXT NOT NULL, qty INTEGER NOT NULL,
    PRIMARY KEY (order_id, line)) WITHOUT ROWID;
CREATE TABLE mos (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, line INTEGER NOT NULL, product TEXT NOT NULL,
    qty INTEGER NOT NULL, status TEXT NOT NULL, output_lot INTEGER);
CREATE INDEX mos_order ON mos (order_id);
CREATE TABLE reservations (id INTEGER PRIMARY KEY, lot INTEGER NOT NULL, qty INTEGER NOT NULL, mo INTEGER, order_id INTEGER);
CREATE INDEX reservations_mo ON reservations (mo) WHERE mo IS NOT NULL;
CREATE INDEX reservations_order ON reservations (order_id) WHERE order_id IS NOT NULL;
CREATE TABLE trace_edges (from_lot INTEGER NOT NULL, to_lot INTEGER NOT NULL, qty INTEGER NOT NULL,
    PRIMARY KEY (to_lot, from_lot)) WITHOUT ROWID;
CREATE INDEX trace_edges_from ON trace_edges (from_lot);
CREATE TABLE shipments (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, carrier TEXT NOT NULL, tracking TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, subject INTEGER NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL);
