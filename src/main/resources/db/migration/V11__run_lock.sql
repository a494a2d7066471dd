-- One nightly run at a time, and only the batch's role can take the lock. A run holds the row LOCK
-- with SELECT ... FOR UPDATE in a transaction it keeps open on a connection of its own for the whole
-- run; the server ends that transaction, and frees the row, when the process dies. (An advisory lock
-- would do the same, but any role that can connect could take it and block every night.)
-- The row HOLDER names the run that took the lock last: a random token, committed when the run
-- starts, which that run's sessions carry in their application_name. If the lock's session is lost
-- while the run goes on, the next launch finds that run's sessions by the token and stays out.
CREATE TABLE run_lock (
    row_name  TEXT        PRIMARY KEY CHECK (row_name IN ('LOCK', 'HOLDER')),
    run_token TEXT        CHECK (run_token ~ '^[a-z]{24}$'),
    taken_at  TIMESTAMPTZ
);
INSERT INTO run_lock (row_name) VALUES ('LOCK'), ('HOLDER');

-- The table's owner (the batch's role) alone may read or lock it: a row lock needs UPDATE, and the
-- token is nobody else's business. Privileges granted by default (ALTER DEFAULT PRIVILEGES) go too.
REVOKE ALL ON run_lock FROM PUBLIC;
DO $$
DECLARE
    grantee TEXT;
BEGIN
    FOR grantee IN
        SELECT DISTINCT a.grantee::regrole::text
          FROM pg_class c, aclexplode(c.relacl) a
         WHERE c.oid = 'run_lock'::regclass AND a.grantee <> c.relowner AND a.grantee <> 0
    LOOP
        EXECUTE format('REVOKE ALL ON run_lock FROM %s', grantee);
    END LOOP;
END $$;
