-- lotwise schema version 4 (Postgres): what lets placing and confirming
-- orders run side by side (store/sql/guard.rs).
--
-- Ids come from sequences, which never make a command wait: one taken by a
-- command that then fails or is retried is skipped. Each starts after the
-- counter it replaces.
CREATE SEQUENCE lotwise_id_order;
CREATE SEQUENCE lotwise_id_reservation;
CREATE SEQUENCE lotwise_id_movement;
CREATE SEQUENCE lotwise_id_lot;
CREATE SEQUENCE lotwise_id_mo;
CREATE SEQUENCE lotwise_id_shipment;
CREATE SEQUENCE lotwise_id_purchase_order;
CREATE SEQUENCE lotwise_id_return;
CREATE SEQUENCE lotwise_id_transfer;
SELECT setval('lotwise_id_' || name, value)
FROM counters
WHERE name IN ('order', 'reservation', 'movement', 'lot', 'mo', 'shipment',
               'purchase_order', 'return', 'transfer')
  AND value > 0;

-- Events wait in a queue as commands commit, so commands never wait for
-- each other to number them; a read transaction first moves what has been
-- committed into `events`, numbered after the last one (the tail, locked
-- only by that move). So `events` stays gapless and append-only, and an
-- event never gets a number below one a reader has already seen.
CREATE TABLE lotwise_event_queue (
    id   BIGSERIAL PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE lotwise_event_tail (
    id  INT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO lotwise_event_tail (id, seq) SELECT 1, coalesce(max(seq), 0) FROM events;

-- The catalog's version: a command that changes items, locations or
-- recipes raises it, so every process drops what it kept of them.
CREATE TABLE lotwise_catalog (
    id      INT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO lotwise_catalog (id, version) VALUES (1, 0);
