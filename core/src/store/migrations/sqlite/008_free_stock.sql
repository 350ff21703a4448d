-- lotwise schema version 8 (SQLite; the same table is Postgres version 9):
-- the stock of each SKU with something free, per lot and location: at an
-- internal location, with more on hand than reserved. Reserving reads these
-- rows instead of every lot of the SKU in stock, most of which, in a
-- make-to-order shop, wait on the shelf fully reserved until they ship.
-- lotwise files the rows as it writes balances and reserved totals
-- (`store/sqlite/free.rs`): SQLite cannot compare the TEXT decimals exactly.
-- The rows for the stock already stored are filled right after this file.
CREATE TABLE free_stock (
    sku      TEXT NOT NULL,
    lot      TEXT NOT NULL,
    location TEXT NOT NULL,
    PRIMARY KEY (sku, lot, location)
) WITHOUT ROWID;
