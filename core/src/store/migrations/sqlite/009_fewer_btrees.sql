-- lotwise schema version 9 (SQLite only): two B-trees fewer to write per
-- command. Every commit copies each page it changed to the log, about one
-- per B-tree it touched, so a B-tree that holds nothing another does not is
-- paid for by every order.
--
-- Balances are keyed by (sku, location, lot), the order in which stock at a
-- location is read (in lot order) and which `balances_by_sku_location`
-- repeated for the key (sku, lot, location): that index goes, and every new
-- or emptied balance writes one B-tree less. A balance is still found by its
-- three columns, and by lot through `balances_by_lot`.
CREATE TABLE balances_by_location (
    sku      TEXT NOT NULL,
    lot      TEXT NOT NULL,
    location TEXT NOT NULL,
    qty      TEXT NOT NULL,
    PRIMARY KEY (sku, location, lot)
) WITHOUT ROWID;
INSERT INTO balances_by_location (sku, lot, location, qty)
SELECT sku, lot, location, qty FROM balances;
DROP TABLE balances;
ALTER TABLE balances_by_location RENAME TO balances;
CREATE INDEX balances_by_lot ON balances (lot);

-- Trace edges are numbered as rowids, without AUTOINCREMENT: edges are
-- never deleted, so the next rowid is already one past the last, and
-- AUTOINCREMENT only wrote its counter in `sqlite_sequence` with every
-- batch completed. The ids stay what they were.
CREATE TABLE trace_edges_numbered (
    id       INTEGER PRIMARY KEY,
    from_lot TEXT NOT NULL,
    to_lot   TEXT NOT NULL,
    data     TEXT NOT NULL
);
INSERT INTO trace_edges_numbered (id, from_lot, to_lot, data)
SELECT id, from_lot, to_lot, data FROM trace_edges;
DROP TABLE trace_edges;
ALTER TABLE trace_edges_numbered RENAME TO trace_edges;
CREATE INDEX trace_edges_by_from ON trace_edges (from_lot);
CREATE INDEX trace_edges_by_to ON trace_edges (to_lot);
