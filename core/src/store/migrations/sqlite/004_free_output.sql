-- lotwise schema version 4 (SQLite; the same change is Postgres version 6):
-- the open batches whose output is not all allocated, by product, so a new
-- order line finds a batch to join without decoding every open batch of the
-- shop. `put_mo` keeps it. The backfill takes every open batch (whether its
-- output is still free is decimal arithmetic on the JSON): readers check
-- each batch, and the next write of a batch corrects its row.
CREATE TABLE mo_free_output (
    mo      TEXT PRIMARY KEY,
    product TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX mo_free_output_by_product ON mo_free_output (product, mo);
INSERT INTO mo_free_output (mo, product)
SELECT id, json_extract(data, '$.product') FROM mos
WHERE status IN ('awaiting_materials', 'materials_reserved', 'in_production');
