-- lotwise schema version 7 (SQLite; the same change is Postgres version 8):
-- the demand waiting for stock, by SKU, so freeing some of a SKU (a
-- receipt, a batch with surplus output, a released reservation) serves the
-- batches and orders waiting for it without reading every waiting batch and
-- order of the shop. Batches awaiting materials are filed under each input
-- they need, orders awaiting materials or partly shipped under each SKU they
-- order, by when they were placed (the order they are served in). Triggers
-- keep both from the rows lotwise writes; they fire only for rows entering,
-- in or leaving those statuses, so the usual flow writes nothing here.
CREATE TABLE mo_waiting (
    sku TEXT NOT NULL,
    mo  TEXT NOT NULL,
    PRIMARY KEY (sku, mo)
) WITHOUT ROWID;

CREATE TABLE order_waiting (
    sku       TEXT NOT NULL,
    placed_at TEXT NOT NULL,
    order_id  TEXT NOT NULL,
    PRIMARY KEY (sku, placed_at, order_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO mo_waiting (sku, mo)
SELECT json_extract(r.value, '$.sku'), m.id
FROM mos m, json_each(m.data, '$.requirements') r
WHERE m.status = 'awaiting_materials';

INSERT OR IGNORE INTO order_waiting (sku, placed_at, order_id)
SELECT json_extract(l.value, '$.sku'), o.placed_at, o.id
FROM orders o, json_each(o.data, '$.lines') l
WHERE o.status IN ('awaiting_materials', 'partially_shipped');

-- The old row's entries are found from the old row itself (its inputs or
-- lines, its placing time), so no second index by batch or order is kept.
CREATE TRIGGER mo_waiting_on_insert AFTER INSERT ON mos
WHEN NEW.status = 'awaiting_materials'
BEGIN
    INSERT OR IGNORE INTO mo_waiting (sku, mo)
    SELECT json_extract(value, '$.sku'), NEW.id FROM json_each(NEW.data, '$.requirements');
END;

CREATE TRIGGER mo_waiting_on_update AFTER UPDATE ON mos
WHEN OLD.status = 'awaiting_materials' OR NEW.status = 'awaiting_materials'
BEGIN
    DELETE FROM mo_waiting
    WHERE OLD.status = 'awaiting_materials' AND mo = OLD.id AND sku IN
        (SELECT json_extract(value, '$.sku') FROM json_each(OLD.data, '$.requirements'));
    INSERT OR IGNORE INTO mo_waiting (sku, mo)
    SELECT json_extract(value, '$.sku'), NEW.id FROM json_each(NEW.data, '$.requirements')
    WHERE NEW.status = 'awaiting_materials';
END;

CREATE TRIGGER order_waiting_on_insert AFTER INSERT ON orders
WHEN NEW.status IN ('awaiting_materials', 'partially_shipped')
BEGIN
    INSERT OR IGNORE INTO order_waiting (sku, placed_at, order_id)
    SELECT json_extract(value, '$.sku'), NEW.placed_at, NEW.id FROM json_each(NEW.data, '$.lines');
END;

CREATE TRIGGER order_waiting_on_update AFTER UPDATE ON orders
WHEN OLD.status IN ('awaiting_materials', 'partially_shipped')
  OR NEW.status IN ('awaiting_materials', 'partially_shipped')
BEGIN
    DELETE FROM order_waiting
    WHERE OLD.status IN ('awaiting_materials', 'partially_shipped')
      AND order_id = OLD.id AND placed_at = OLD.placed_at AND sku IN
        (SELECT json_extract(value, '$.sku') FROM json_each(OLD.data, '$.lines'));
    INSERT OR IGNORE INTO order_waiting (sku, placed_at, order_id)
    SELECT json_extract(value, '$.sku'), NEW.placed_at, NEW.id FROM json_each(NEW.data, '$.lines')
    WHERE NEW.status IN ('awaiting_materials', 'partially_shipped');
END;
