-- The ops index of rejected records: every reject published to skills.hub.rejected.v1, as the topic holds it
-- (personal fields already masked by the hub), so operators can filter by source, reason and time, and so a
-- replay is done once. Versioned apart from the settlement ledger (own history table ops_schema_history).
CREATE TABLE IF NOT EXISTS ops_rejection (
    id               varchar(64)  PRIMARY KEY,       -- ce_id of the reject: deterministic per source position
    source_id        varchar(200) NOT NULL,
    source_system    varchar(200),
    position         varchar(200) NOT NULL,
    reason           varchar(40)  NOT NULL,
    message          text,
    record           jsonb        NOT NULL,          -- the original record, personal fields masked
    rejected_at      timestamptz  NOT NULL,
    indexed_at       timestamptz  NOT NULL DEFAULT now(),
    replayed_at      timestamptz,
    replayed_by      varchar(64),
    replay_event_id  varchar(64)                     -- ce_id of the event the replay published
);
CREATE INDEX IF NOT EXISTS ops_rejection_time ON ops_rejection (rejected_at DESC, id);
CREATE INDEX IF NOT EXISTS ops_rejection_source ON ops_rejection (source_id, rejected_at DESC);
CREATE INDEX IF NOT EXISTS ops_rejection_reason ON ops_rejection (reason, rejected_at DESC);
