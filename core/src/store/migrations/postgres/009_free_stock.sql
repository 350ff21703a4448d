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

-- Files or unfiles one (SKU, lot, location) given what is on hand there and
-- reserved of it. The usual write leaves a row as it was: a filed row
-- stays filed with one probe (filed rows are at internal locations only, so
-- the location's kind is read only to file a new one), and a key with
-- nothing free is unfiled with one probe.
CREATE FUNCTION lotwise_refile_free(s TEXT, l TEXT, loc TEXT, on_hand NUMERIC, reserved NUMERIC)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF on_hand > reserved THEN
        IF NOT EXISTS (SELECT 1 FROM free_stock WHERE sku = s AND lot = l AND location = loc)
           AND EXISTS (SELECT 1 FROM locations
                       WHERE code = loc AND (data::jsonb) ->> 'kind' = 'internal')
        THEN
            INSERT INTO free_stock (sku, lot, location) VALUES (s, l, loc)
            ON CONFLICT DO NOTHING;
        END IF;
    ELSE
        DELETE FROM free_stock WHERE sku = s AND lot = l AND location = loc;
    END IF;
END
$$;

-- A balance written: its row gives what is on hand, `reserved_totals` what
-- is reserved. (lotwise changes only the quantity of a row; a row whose key
-- changed is refiled under both keys all the same.)
CREATE FUNCTION lotwise_free_on_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NEW.sku, NEW.lot, NEW.location)
                               IS DISTINCT FROM (OLD.sku, OLD.lot, OLD.location)) THEN
        PERFORM lotwise_refile_free(OLD.sku, OLD.lot, OLD.location, 0, 0);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM lotwise_refile_free(NEW.sku, NEW.lot, NEW.location, NEW.qty::numeric,
            coalesce((SELECT qty FROM reserved_totals
                      WHERE sku = NEW.sku AND lot = NEW.lot AND location = NEW.location), 0));
    END IF;
    RETURN NULL;
END
$$;

-- A reserved total written: its row gives what is reserved, `balances`
-- what is on hand.
CREATE FUNCTION lotwise_free_on_reserved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NEW.sku, NEW.lot, NEW.location)
                               IS DISTINCT FROM (OLD.sku, OLD.lot, OLD.location)) THEN
        PERFORM lotwise_refile_free(OLD.sku, OLD.lot, OLD.location,
            coalesce((SELECT qty::numeric FROM balances
                      WHERE sku = OLD.sku AND lot = OLD.lot AND location = OLD.location), 0), 0);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM lotwise_refile_free(NEW.sku, NEW.lot, NEW.location,
            coalesce((SELECT qty::numeric FROM balances
                      WHERE sku = NEW.sku AND lot = NEW.lot AND location = NEW.location), 0),
            NEW.qty);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER balances_file_free AFTER INSERT OR UPDATE OR DELETE ON balances
FOR EACH ROW EXECUTE FUNCTION lotwise_free_on_balance();

CREATE TRIGGER reserved_totals_file_free AFTER INSERT OR UPDATE OR DELETE ON reserved_totals
FOR EACH ROW EXECUTE FUNCTION lotwise_free_on_reserved();
