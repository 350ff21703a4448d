-- lotwise schema version 7 (Postgres): customer ids from a sequence, so
-- placing an order from someone new (which creates their customer record)
-- still runs beside other orders instead of alone. Starts after the counter
-- it replaces.
CREATE SEQUENCE lotwise_id_customer;
SELECT setval('lotwise_id_customer', value)
FROM counters
WHERE name = 'customer' AND value > 0;
