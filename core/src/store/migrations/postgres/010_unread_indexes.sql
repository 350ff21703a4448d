-- lotwise schema version 10 on Postgres: two indexes no query reads go.
-- Each was kept up by every insert into its table (every movement, every
-- order placed), server work on the path of every command that moves stock
-- or takes an order. The ledger is read whole, in order, by the reports
-- over a period; orders waiting for stock are served in placing order from
-- `order_waiting`, which has its own key. (SQLite drops the same two in its
-- version 10, with `reservations_by_sku`, which Postgres keeps: holding a
-- lot reads a SKU's reservations through it, and Postgres does not pay a
-- page per index per commit as SQLite does.)
DROP INDEX IF EXISTS movements_by_lot;
DROP INDEX IF EXISTS orders_by_placed_at;
