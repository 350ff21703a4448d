-- lotwise schema version 6 (Postgres; the same change is SQLite version 4):
-- the open batches whose output is not all allocated, by product, so a new
-- order line finds a batch to join without decoding every open batch of the
-- shop. `put_mo` keeps it. The backfill takes every open batch (whether its
-- output is still free is decimal arithmetic on the JSON): readers check
-- each batch, and the next write of a batch corrects its row.
CREATE TABLE mo_free_output (
    mo      TEXT COLLATE "C" PRIMARY KEY,
    product TEXT COLLATE "C" NOT NULL
);
CREATE INDEX mo_free_output_by_product ON mo_free_output (product, mo);
INSERT INTO mo_free_output (mo, product)
SELECT id, (data::jsonb) ->> 'product' FROM mos
WHERE status IN ('awaiting_materials', 'materials_reserved', 'in_production');
