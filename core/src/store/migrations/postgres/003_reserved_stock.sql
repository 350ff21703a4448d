-- lotwise schema version 3 (Postgres): what a reservation holds as columns,
-- so free stock is summed by the server from small rows instead of sending
-- every reservation of an item. Decimals stay TEXT, summed as numeric.
ALTER TABLE reservations ADD COLUMN lot TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE reservations ADD COLUMN location TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE reservations ADD COLUMN qty TEXT NOT NULL DEFAULT '0';
UPDATE reservations SET
    lot = data::jsonb ->> 'lot',
    location = data::jsonb ->> 'location',
    qty = data::jsonb ->> 'qty';
