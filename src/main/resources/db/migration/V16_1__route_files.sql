-- Route files handed in through the API (issue 16, PUT /api/v1/sources/{id}): stored in the hub's database, which
-- every instance of a cluster already shares, so that every instance applies them (decision 43). A route file in
-- routes/ stays a file; this table holds only those the API was given.
CREATE SCHEMA IF NOT EXISTS sources;

CREATE TABLE sources.route_file (
    source_id  text        PRIMARY KEY,
    yaml       text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text        NOT NULL
);
