-- lotwise schema version 5 (SQLite; Postgres keeps the same table since its
-- version 5): what is reserved of each SKU, per lot and location, one row
-- each, so confirming reads a few rows instead of every open reservation of
-- the SKU. SQLite cannot sum the TEXT decimals exactly, so lotwise keeps the
-- rows itself as it writes reservations (`store/sqlite/reserved.rs`), and
-- fills the table from the stored reservations right after this file runs.
CREATE TABLE reserved_totals (
    sku      TEXT NOT NULL,
    lot      TEXT NOT NULL,
    location TEXT NOT NULL,
    qty      TEXT NOT NULL,
    PRIMARY KEY (sku, lot, location)
) WITHOUT ROWID;
