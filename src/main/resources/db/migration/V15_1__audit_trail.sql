-- The audit trail (issue 15): every state-changing call of the API and every refused use of a key, kept for good.
-- Written by audit/AuditTrail only; no API changes or deletes a record, and the database refuses it too.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.audit_record (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    caller      text        NOT NULL,            -- the key's name, 'unknown key' or 'anonymous'
    roles       text        NOT NULL,            -- the key's roles, e.g. 'OPS' or 'OPS+PLATFORM'; '' if none
    method      text        NOT NULL,
    path        text        NOT NULL,
    target      text        NOT NULL,            -- the path below /api/v1/, e.g. 'sources/realname-training.classes/pause'
    parameters  jsonb       NOT NULL DEFAULT '{}',
    status      integer     NOT NULL,            -- the HTTP status answered
    outcome     text        NOT NULL             -- 'done', 'refused' (401, 403) or 'failed' (another 4xx, 5xx)
);

CREATE INDEX audit_record_at ON audit.audit_record (at DESC, id DESC);
CREATE INDEX audit_record_caller ON audit.audit_record (caller, at DESC);

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are kept as written: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_record_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit.audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
