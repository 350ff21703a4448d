-- lotwise schema version 2 (Postgres): generic keyed JSON records for
-- entities without a table of their own (work centers, purchase orders, …).

CREATE TABLE docs (
    kind TEXT COLLATE "C" NOT NULL,
    key  TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
