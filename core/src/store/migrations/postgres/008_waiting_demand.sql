-- lotwise schema version 8 (Postgres; the same change is SQLite version 7):
-- the demand waiting for stock, by SKU, so freeing some of a SKU (a
-- receipt, a batch with surplus output, a released reservation) serves the
-- batches and orders waiting for it without reading every waiting batch and
-- order of the shop. Batches awaiting materials are filed under each input
-- they need, orders awaiting materials or partly shipped under each SKU they
-- order, by when they were placed (the order they are served in). Triggers
-- keep both from the rows lotwise writes; they fire only for rows entering,
-- in or leaving those statuses, so the usual flow writes nothing here.
-- Concurrent commands file only their own new orders (fresh ids), so these
-- rows add no waiting between them.
CREATE TABLE mo_waiting (
    sku TEXT COLLATE "C" NOT NULL,
    mo  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (sku, mo)
);

CREATE TABLE order_waiting (
    sku       TEXT COLLATE "C" NOT NULL,
    placed_at TEXT COLLATE "C" NOT NULL,
    order_id  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (sku, placed_at, order_id)
);

INSERT INTO mo_waiting (sku, mo)
SELECT DISTINCT r ->> 'sku', m.id
FROM mos m, jsonb_array_elements((m.data::jsonb) -> 'requirements') r
WHERE m.status = 'awaiting_materials';

INSERT INTO order_waiting (sku, placed_at, order_id)
SELECT DISTINCT l ->> 'sku', o.placed_at, o.id
FROM orders o, jsonb_array_elements((o.data::jsonb) -> 'lines') l
WHERE o.status IN ('awaiting_materials', 'partially_shipped');

-- The old row's entries are found from the old row itself (its inputs or
-- lines, its placing time), so no second index by batch or order is kept.
CREATE FUNCTION lotwise_mo_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status = 'awaiting_materials' THEN
        DELETE FROM mo_waiting
        WHERE mo = OLD.id AND sku IN
            (SELECT r ->> 'sku' FROM jsonb_array_elements((OLD.data::jsonb) -> 'requirements') r);
    END IF;
    IF NEW.status = 'awaiting_materials' THEN
        INSERT INTO mo_waiting (sku, mo)
        SELECT DISTINCT r ->> 'sku', NEW.id
        FROM jsonb_array_elements((NEW.data::jsonb) -> 'requirements') r
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER mos_file_waiting_on_insert AFTER INSERT ON mos
FOR EACH ROW WHEN (NEW.status = 'awaiting_materials')
EXECUTE FUNCTION lotwise_mo_waiting();

CREATE TRIGGER mos_file_waiting_on_update AFTER UPDATE ON mos
FOR EACH ROW WHEN (OLD.status = 'awaiting_materials' OR NEW.status = 'awaiting_materials')
EXECUTE FUNCTION lotwise_mo_waiting();

CREATE FUNCTION lotwise_order_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status IN ('awaiting_materials', 'partially_shipped') THEN
        DELETE FROM order_waiting
        WHERE order_id = OLD.id AND placed_at = OLD.placed_at AND sku IN
            (SELECT l ->> 'sku' FROM jsonb_array_elements((OLD.data::jsonb) -> 'lines') l);
    END IF;
    IF NEW.status IN ('awaiting_materials', 'partially_shipped') THEN
        INSERT INTO order_waiting (sku, placed_at, order_id)
        SELECT DISTINCT l ->> 'sku', NEW.placed_at, NEW.id
        FROM jsonb_array_elements((NEW.data::jsonb) -> 'lines') l
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_file_waiting_on_insert AFTER INSERT ON orders
FOR EACH ROW WHEN (NEW.status IN ('awaiting_materials', 'partially_shipped'))
EXECUTE FUNCTION lotwise_order_waiting();

CREATE TRIGGER orders_file_waiting_on_update AFTER UPDATE ON orders
FOR EACH ROW WHEN (OLD.status IN ('awaiting_materials', 'partially_shipped')
    OR NEW.status IN ('awaiting_materials', 'partially_shipped'))
EXECUTE FUNCTION lotwise_order_waiting();
