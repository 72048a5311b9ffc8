-- Supervision (issue 17): the facts of each person joined across the three sources, the findings drawn from them
-- and the outbox the finding relay publishes to skills.supervision.findings.v1. Schema "supervision", beside the
-- settlement ledger in the hub's database.
CREATE SCHEMA IF NOT EXISTS supervision;

-- Idempotent consumer: an input event's ce_id is recorded in the same transaction as its effect.
CREATE TABLE supervision.processed_event (
    ce_id        text        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- The latest version of each source record (ce_source + ce_subject + ce_type), as its event's data. Never personal data
-- beyond what the events carry (person keys, masked ID numbers).
CREATE TABLE supervision.fact (
    source          text        NOT NULL,
    subject         text        NOT NULL,
    ce_id           text        NOT NULL,
    ce_type         text        NOT NULL,
    version         timestamptz NOT NULL,
    person_key      text,
    class_no        text,
    certificate_no  text,       -- the training certificate (completion, CE registration)
    due_on          date,       -- when a check that waits for time falls due (30-day list, grace period)
    due_checked     boolean     NOT NULL DEFAULT false,
    data            jsonb       NOT NULL,
    PRIMARY KEY (source, subject, ce_type)
);
CREATE INDEX fact_person ON supervision.fact (person_key);
CREATE INDEX fact_class ON supervision.fact (class_no) WHERE class_no IS NOT NULL;
CREATE INDEX fact_certificate ON supervision.fact (certificate_no) WHERE certificate_no IS NOT NULL;
CREATE INDEX fact_due ON supervision.fact (due_on) WHERE NOT due_checked;

-- Every finding ever raised, by its deterministic id, with its current status.
CREATE TABLE supervision.finding (
    finding_id       text        PRIMARY KEY,
    rule             text        NOT NULL,
    plan_rule        text        NOT NULL,
    clause           text        NOT NULL,
    severity         text        NOT NULL CHECK (severity IN ('HIGH', 'MEDIUM', 'LOW')),
    person_key       text        NOT NULL,
    institution_name text,
    occupation_code  text,
    level            text,
    facts            text[]      NOT NULL,
    detail           text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('RAISED', 'RETRACTED')),
    revision         integer     NOT NULL CHECK (revision >= 1),
    first_found_at   timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX finding_person ON supervision.finding (person_key);

-- The outbox: one row per change of a finding's status, published in order by the relay.
CREATE TABLE supervision.finding_event (
    event_id   bigserial PRIMARY KEY,
    finding_id text      NOT NULL REFERENCES supervision.finding (finding_id),
    revision   integer   NOT NULL,
    payload    jsonb     NOT NULL,
    UNIQUE (finding_id, revision)
);
