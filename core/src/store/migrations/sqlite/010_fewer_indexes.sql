-- lotwise schema version 10 (SQLite only): three indexes fewer to write.
-- A commit copies about one page per B-tree it touched, so an index costs
-- every command that writes its table a page, read or not.
--
-- `reservations_by_sku` was written with every reservation taken or
-- released (confirming, starting, completing and shipping all do). What is
-- reserved of a SKU is read from `reserved_totals`, and a demand's
-- reservations through `reservations_by_demand`; the reservations of one
-- SKU were read through this index only to put a lot on hold, which reads
-- the open reservations whole instead (and only when something of the lot
-- is reserved).
DROP INDEX reservations_by_sku;

-- `movements_by_lot` was written with every movement (each input lot a
-- batch consumes lands on a page of its own) and no query reads movements
-- by lot: the ledger is read whole, in order, by the reports over a period.
DROP INDEX movements_by_lot;

-- `orders_by_placed_at` was written with every order placed and no query
-- reads orders by placing time: orders waiting for stock are served in
-- that order from `order_waiting`, which has its own key.
DROP INDEX orders_by_placed_at;
