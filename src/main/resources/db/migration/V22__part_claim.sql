-- Remote workers (README, "Remote workers"): a worker holds the part it runs by its row here, locked
-- with SELECT ... FOR UPDATE in a transaction it keeps open on a connection of its own while the part
-- runs (the run lock's pattern, V11): the server frees it when the worker dies, so the nightly run
-- tells a part in progress from one whose worker is gone, and a second worker never runs a part
-- another holds (a request the broker delivered again). One row per part ever sent: a few a night.
CREATE TABLE part_claim (
    step_execution_id BIGINT      PRIMARY KEY,
    taken_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Only the batch's role may read or lock it (a row lock needs UPDATE), as for run_lock.
REVOKE ALL ON part_claim FROM PUBLIC;
DO $$
DECLARE
    grantee TEXT;
BEGIN
    FOR grantee IN
        SELECT DISTINCT a.grantee::regrole::text
          FROM pg_class c, aclexplode(c.relacl) a
         WHERE c.oid = 'part_claim'::regclass AND a.grantee <> c.relowner AND a.grantee <> 0
    LOOP
        EXECUTE format('REVOKE ALL ON part_claim FROM %s', grantee);
    END LOOP;
END $$;
