-- lotwise schema version 3 (SQLite): what a reservation holds as columns,
-- so free stock is summed from small rows instead of decoding every
-- reservation of an item. Decimals stay TEXT (summed in Rust, exactly).
ALTER TABLE reservations ADD COLUMN lot TEXT NOT NULL DEFAULT '';
ALTER TABLE reservations ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE reservations ADD COLUMN qty TEXT NOT NULL DEFAULT '0';
UPDATE reservations SET
    lot = json_extract(data, '$.lot'),
    location = json_extract(data, '$.location'),
    qty = json_extract(data, '$.qty');
