-- Issue 19: the held claims of a new standard are decided in chunks, and each chunk's transaction holds the locks of
-- every person in it. Taken here, in one statement and always in the same order (by the lock key itself), two
-- transactions that lock several people can never wait for each other in a cycle. The key is the one
-- Ledger.lockPerson takes for one person: hashtextextended(person_key, 4).
CREATE FUNCTION lock_people(person_keys text[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
    AS
$$
DECLARE
    lock_key bigint;
    locked   integer := 0;
BEGIN
    FOR lock_key IN SELECT DISTINCT hashtextextended(k, 4) FROM unnest(person_keys) AS k ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(lock_key);
        locked := locked + 1;
    END LOOP;
    RETURN locked;
END
$$;
