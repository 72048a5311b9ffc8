-- Delivery by SFTP file (issue 18, docs/delivery.md#sftp-file): each subscriber's decisions, one row per ce_id
-- (a decision read twice is stored once), and what was last written of each city's day. Schema "delivery", beside
-- the settlement ledger in the hub's database. Rows hold what the decision event carries and nothing more (person
-- keys, never ID numbers).
CREATE SCHEMA IF NOT EXISTS delivery;

CREATE TABLE delivery.file_row (
    subscriber  text        NOT NULL,
    ce_id       text        NOT NULL,
    city_code   text        NOT NULL,
    day         date        NOT NULL,
    decided_at  timestamptz NOT NULL,
    claim_id    bigint      NOT NULL,
    fields      jsonb       NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber, ce_id)
);
CREATE INDEX file_row_day ON delivery.file_row (subscriber, city_code, day);

-- The last file written of a city's day, and whether its .done marker was written (the day was closed then).
CREATE TABLE delivery.daily_file (
    subscriber   text        NOT NULL,
    city_code    text        NOT NULL,
    day          date        NOT NULL,
    rows_written integer     NOT NULL,
    done         boolean     NOT NULL,
    sha256       text        NOT NULL,
    written_at   timestamptz NOT NULL,
    PRIMARY KEY (subscriber, city_code, day)
);
