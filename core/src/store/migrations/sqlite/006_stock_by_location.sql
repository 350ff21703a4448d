-- lotwise schema version 6 (SQLite only): what is in stock at one location
-- is read in lot order by `stock_of_item`. With the index on (sku, location)
-- alone SQLite preferred the primary key (sku, lot, location), which gives
-- lot order for free but walks every balance the SKU ever had, at the
-- customer and production locations too: free stock cost grew with the
-- history. Indexed by (sku, location, lot), the seek reads only the rows at
-- the location, already in order. (Postgres plans from statistics and keeps
-- its index.)
DROP INDEX balances_by_sku_location;
CREATE INDEX balances_by_sku_location ON balances (sku, location, lot);
