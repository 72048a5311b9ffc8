-- Issue 17: a claim rejected for a reason a later reference version removes (a catalogue entry added for its
-- institution and occupation) is decided again.
-- The day the class started: the catalogue is checked on that day (三(三)、七(一)). Empty for completions settled
-- before this column existed; those are not decided again (their day is not known here).
ALTER TABLE settlement.training_completion ADD COLUMN starts_on date;

-- How many times a rejected claim was opened again. A claim is still decided at most once each way, but per round:
-- a replay can never add a decision, and a reopened claim can be rejected again for another reason.
ALTER TABLE settlement.claim ADD COLUMN round_no smallint NOT NULL DEFAULT 0;
ALTER TABLE settlement.decision ADD COLUMN round_no smallint NOT NULL DEFAULT 0;
ALTER TABLE settlement.decision DROP CONSTRAINT one_decision_of_a_kind_per_claim;
ALTER TABLE settlement.decision
    ADD CONSTRAINT one_decision_of_a_kind_per_claim_round UNIQUE (claim_id, round_no, decision);
