-- lotwise schema version 2 (SQLite): generic keyed JSON records for
-- entities without a table of their own (work centers, purchase orders, …).

CREATE TABLE docs (
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
