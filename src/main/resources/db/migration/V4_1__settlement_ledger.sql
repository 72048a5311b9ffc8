-- The subsidy settlement ledger (schema "settlement", created by Flyway: spring.flyway.schemas).
-- The plan's uniqueness rules are constraints here, not only checks in code: a bug or a race in the service
-- fails a transaction instead of paying twice.

-- Idempotent consumer: every input event is recorded by its ce_id in the same transaction as its effect.
CREATE TABLE processed_event (
    ce_id        text        PRIMARY KEY,
    ce_type      text        NOT NULL,
    topic        text        NOT NULL,
    partition    integer     NOT NULL,
    kafka_offset bigint      NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Events that could not be read: parked with their position, never their payload (it may hold personal data).
CREATE TABLE parked_event (
    topic        text        NOT NULL,
    partition    integer     NOT NULL,
    kafka_offset bigint      NOT NULL,
    ce_id        text,
    ce_type      text,
    reason       text        NOT NULL,
    parked_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition, kafka_offset)
);

-- skills.training.completed.v1: the training certificate (培训合格证书) and the hours; one row per enrolment.
CREATE TABLE training_completion (
    enrolment_no            text          PRIMARY KEY,
    ce_id                   text          NOT NULL,
    person_key              text          NOT NULL,
    occupation_code         text          NOT NULL,
    level                   text          NOT NULL CHECK (level IN ('JUNIOR', 'INTERMEDIATE', 'SENIOR')),
    total_hours             numeric(8, 2) NOT NULL CHECK (total_hours >= 0),
    completed_on            date          NOT NULL,
    training_certificate_no text          NOT NULL,
    institution_name        text          NOT NULL,
    institution_city_code   text,
    payment_mode            text          NOT NULL CHECK (payment_mode IN ('INSTITUTION_ADVANCE', 'TRAINEE_DIRECT')),
    compliance_flags        text[]        NOT NULL
);

-- skills.assessment.certificate-issued/-revoked.v1: level certificates (专业技术等级证书). A revocation that
-- arrives before its issue creates the row with issued_on still empty.
CREATE TABLE level_certificate (
    evaluation_body  text   NOT NULL,
    certificate_no   text   NOT NULL,
    person_key       text   NOT NULL,
    occupation_code  text   NOT NULL,
    level            text   NOT NULL CHECK (level IN ('JUNIOR', 'INTERMEDIATE', 'SENIOR')),
    issued_on        date,
    issued_ce_id     text,
    compliance_flags text[] NOT NULL DEFAULT '{}',
    revoked_on       date,
    revoked_ce_id    text,
    PRIMARY KEY (evaluation_body, certificate_no)
);
CREATE INDEX level_certificate_by_cell ON level_certificate (person_key, occupation_code, level);

-- One claim per training completion. PENDING waits for a valid level certificate (no decision yet); HELD waits
-- for a subsidy standard; APPROVED, REJECTED and RECOVERY_REQUIRED are decided.
CREATE TABLE claim (
    claim_id             bigserial   PRIMARY KEY,
    enrolment_no         text        NOT NULL UNIQUE REFERENCES training_completion (enrolment_no),
    person_key           text        NOT NULL,
    occupation_code      text        NOT NULL,
    level                text        NOT NULL CHECK (level IN ('JUNIOR', 'INTERMEDIATE', 'SENIOR')),
    level_rank           smallint    NOT NULL CHECK (level_rank BETWEEN 1 AND 3),
    status               text        NOT NULL
                         CHECK (status IN ('PENDING', 'HELD', 'APPROVED', 'REJECTED', 'RECOVERY_REQUIRED')),
    level_evaluation_body text,
    level_certificate_no text,
    standard_version     text,
    amount_yuan          integer     CHECK (amount_yuan > 0),
    payee_type           text        CHECK (payee_type IN ('INSTITUTION', 'TRAINEE')),
    payee                text,
    city_code            text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    -- A paid claim says what was paid, to whom, by which city, on which certificate and standard.
    CONSTRAINT paid_claim_is_complete CHECK (status NOT IN ('APPROVED', 'RECOVERY_REQUIRED')
        OR (amount_yuan IS NOT NULL AND payee IS NOT NULL AND city_code IS NOT NULL
            AND standard_version IS NOT NULL AND level_certificate_no IS NOT NULL))
);
CREATE INDEX claim_by_person_occupation ON claim (person_key, occupation_code);
CREATE INDEX claim_held ON claim (claim_id) WHERE status = 'HELD';

-- 同一人员同一职业(工种)同一层级不得重复申领培训补贴: one payment per person, occupation and level. A claim whose
-- certificate was revoked after payment (RECOVERY_REQUIRED) still counts as paid until someone settles it.
CREATE UNIQUE INDEX one_payment_per_person_occupation_level ON claim (person_key, occupation_code, level)
    WHERE status IN ('APPROVED', 'RECOVERY_REQUIRED');

-- 已享受高等级补贴的,不得再享受低等级补贴: no approval below a level already paid for the same occupation.
CREATE FUNCTION no_lower_level_after_higher() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT -- the ledger's schema, whatever the caller's search_path
    AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM claim c
               WHERE c.person_key = NEW.person_key AND c.occupation_code = NEW.occupation_code
                 AND c.status IN ('APPROVED', 'RECOVERY_REQUIRED') AND c.level_rank > NEW.level_rank
                 AND c.claim_id <> NEW.claim_id) THEN
        RAISE EXCEPTION 'claim %: a higher level of occupation % is already paid to this person',
            NEW.claim_id, NEW.occupation_code USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER no_lower_level_after_higher
    BEFORE INSERT OR UPDATE OF status ON claim
    FOR EACH ROW WHEN (NEW.status = 'APPROVED')
    EXECUTE FUNCTION no_lower_level_after_higher();

-- Every decision, in the order it was made; also the outbox the relay publishes to skills.subsidy.decisions.v1
-- (its position, the last decision_id published, is committed to Kafka with the decisions themselves).
CREATE TABLE decision (
    decision_id             bigserial     PRIMARY KEY,
    claim_id                bigint        NOT NULL REFERENCES claim (claim_id),
    decision                text          NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED', 'HELD', 'RECOVERY_REQUIRED')),
    reason_codes            text[]        NOT NULL,
    person_key              text          NOT NULL,
    occupation_code         text          NOT NULL,
    level                   text          NOT NULL,
    enrolment_no            text          NOT NULL,
    training_certificate_no text          NOT NULL,
    level_certificate_no    text,
    standard_version        text,
    required_hours          integer,
    total_hours             numeric(8, 2) NOT NULL,
    amount_yuan             integer       CHECK (amount_yuan > 0),
    payment_mode            text          NOT NULL,
    payee_type              text          NOT NULL,
    payee                   text          NOT NULL,
    city_code               text,
    decided_from            text[]        NOT NULL CHECK (cardinality(decided_from) > 0),
    compliance_flags        text[]        NOT NULL,
    decided_at              timestamptz   NOT NULL DEFAULT now(),
    -- A claim is held at most once, and decided at most once each way: a replay can never add a decision.
    CONSTRAINT one_decision_of_a_kind_per_claim UNIQUE (claim_id, decision),
    CONSTRAINT money_decisions_carry_an_amount CHECK (decision NOT IN ('APPROVED', 'RECOVERY_REQUIRED')
        OR (amount_yuan IS NOT NULL AND city_code IS NOT NULL))
);
CREATE INDEX decision_by_city_time ON decision (city_code, decided_at);
