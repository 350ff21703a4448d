-- lotwise schema version 9 (Postgres; the same table is SQLite version 8):
-- the stock of each SKU with something free, per lot and location: at an
-- internal location, with more on hand than reserved. Reserving reads these
-- rows instead of every lot of the SKU in stock, most of which, in a
-- make-to-order shop, wait on the shelf fully reserved until they ship.
-- Triggers on `balances` and `reserved_totals` keep it. Its writers already
-- exclude each other: balances move only in exclusive commands, and the
-- reserved totals of a SKU are written under the SKU's advisory lock or the
-- exclusive store lock.
CREATE TABLE free_stock (
    sku      TEXT COLLATE "C" NOT NULL,
    lot      TEXT COLLATE "C" NOT NULL,
    location TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (sku, lot, location)
);

INSERT INTO free_stock (sku, lot, location)
SELECT b.sku, b.lot, b.location
FROM balances b
JOIN locations l ON l.code = b.location
LEFT JOIN reserved_totals r
  ON r.sku = b.sku AND r.lot = b.lot AND r.location = b.location
WHERE (l.data::jsonb) ->> 'kind' = 'internal'
  AND b.qty::numeric > coalesce(r.qty, 0);

-- Files or unfiles one (SKU, lot, location) from what is stored now.
CREATE FUNCTION lotwise_refile_free(s TEXT, l TEXT, loc TEXT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM locations
               WHERE code = loc AND (data::jsonb) ->> 'kind' = 'internal')
       AND coalesce((SELECT qty::numeric FROM balances
                     WHERE sku = s AND lot = l AND location = loc), 0)
         > coalesce((SELECT qty FROM reserved_totals
                     WHERE sku = s AND lot = l AND location = loc), 0)
    THEN
        INSERT INTO free_stock (sku, lot, location) VALUES (s, l, loc)
        ON CONFLICT DO NOTHING;
    ELSE
        DELETE FROM free_stock WHERE sku = s AND lot = l AND location = loc;
    END IF;
END
$$;

CREATE FUNCTION lotwise_free_stock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM lotwise_refile_free(OLD.sku, OLD.lot, OLD.location);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.sku, NEW.lot, NEW.location)
                               IS DISTINCT FROM (OLD.sku, OLD.lot, OLD.location)) THEN
        PERFORM lotwise_refile_free(NEW.sku, NEW.lot, NEW.location);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER balances_file_free AFTER INSERT OR UPDATE OR DELETE ON balances
FOR EACH ROW EXECUTE FUNCTION lotwise_free_stock();

CREATE TRIGGER reserved_totals_file_free AFTER INSERT OR UPDATE OR DELETE ON reserved_totals
FOR EACH ROW EXECUTE FUNCTION lotwise_free_stock();
