-- lotwise schema version 5 (Postgres only): what is reserved of each SKU,
-- per lot and location, kept as one row each by a trigger on `reservations`.
-- Confirming an order reads its SKU's few rows here instead of summing every
-- open reservation of the SKU (which grows with the open orders). Writers of
-- a SKU's reservations already exclude each other (the SKU's advisory lock,
-- or the exclusive store lock), so these rows add no waiting.
CREATE TABLE reserved_totals (
    sku TEXT COLLATE "C" NOT NULL,
    lot TEXT COLLATE "C" NOT NULL,
    location TEXT COLLATE "C" NOT NULL,
    qty NUMERIC NOT NULL,
    PRIMARY KEY (sku, lot, location)
);

INSERT INTO reserved_totals (sku, lot, location, qty)
SELECT sku, lot, location, sum(qty::numeric)
FROM reservations
GROUP BY sku, lot, location;

CREATE FUNCTION lotwise_reserved_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE reserved_totals SET qty = qty - OLD.qty::numeric
        WHERE sku = OLD.sku AND lot = OLD.lot AND location = OLD.location;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO reserved_totals (sku, lot, location, qty)
        VALUES (NEW.sku, NEW.lot, NEW.location, NEW.qty::numeric)
        ON CONFLICT (sku, lot, location)
        DO UPDATE SET qty = reserved_totals.qty + excluded.qty;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM reserved_totals
        WHERE sku = OLD.sku AND lot = OLD.lot AND location = OLD.location AND qty = 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER reservations_keep_totals
AFTER INSERT OR UPDATE OR DELETE ON reservations
FOR EACH ROW EXECUTE FUNCTION lotwise_reserved_totals();
