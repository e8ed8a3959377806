-- LN Visit Scheduler: the three roles of a shared PostgreSQL database.
--
-- Print it with the names you use, then run it with psql as a superuser (or a role with CREATEROLE
-- and CREATEDB):
--
--     ln-scheduler db roles-sql --database {{database}} > ln-roles.sql
--     psql -h DBHOST -U postgres -v ON_ERROR_STOP=1 -f ln-roles.sql
--
-- Roles (choose other names with --owner, --coordinator, --monitor):
--   owner ({{owner}}): owns the database and its tables, the only role that creates and upgrades
--     the schema. Open the app with it once, after this script, to create the tables; then after
--     each upgrade of the app. Nobody works as this role day to day.
--   coordinator ({{coordinator}}): reads and writes participants, visits, procedures, site settings
--     and closures; may only INSERT into the audit trail (no UPDATE, DELETE or TRUNCATE on
--     audit_log); moves the chain head forward (UPDATE on audit_head, a trigger refuses anything
--     else); reads alembic_version. It owns no table, so it cannot ALTER, DROP or TRUNCATE a table
--     nor disable the audit triggers.
--   monitor ({{monitor}}): read-only (monitors, auditors, reports): SELECT only, and every
--     transaction read-only by default. The app shows "Read-only" and offers no edit action.
--
-- Run it in three steps on a new site:
--   1. this script (creates the roles and the database, and grants what exists);
--   2. start the app once as {{owner}} (ln-scheduler --db postgresql://{{owner}}@DBHOST/{{database}} db-info):
--      it creates the tables;
--   3. this script again: it grants the coordinator and the monitor their rights on the tables.
-- It is idempotent: run it again after every upgrade of the app (a new table gets its grants) or
-- to put back rights someone changed by hand; it sets each table's grants exactly, revoking others.
-- Passwords are not set here: give each role one with \password ROLE (or use another
-- authentication method in pg_hba.conf), and keep the owner's apart from the coordinators'.

\set ON_ERROR_STOP on

-- 1. Roles (cluster-wide). CREATE ROLE has no IF NOT EXISTS: check the catalogue first.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{owner}}') THEN
        CREATE ROLE {{owner}} LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{coordinator}}') THEN
        CREATE ROLE {{coordinator}} LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{monitor}}') THEN
        CREATE ROLE {{monitor}} LOGIN;
    END IF;
    -- a coordinator or monitor that is a member of the owner role would have the owner's rights
    IF pg_has_role('{{coordinator}}', '{{owner}}', 'MEMBER') OR pg_has_role('{{monitor}}', '{{owner}}', 'MEMBER')
       OR pg_has_role('{{monitor}}', '{{coordinator}}', 'MEMBER') THEN
        RAISE EXCEPTION 'the coordinator or monitor role is a member of a role with more rights: revoke that membership first';
    END IF;
END
$roles$;
ALTER ROLE {{owner}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE {{coordinator}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE {{monitor}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
-- the monitor's transactions are read-only even before a privilege is checked
ALTER ROLE {{monitor}} SET default_transaction_read_only = on;

-- 2. The database, owned by the owner role (CREATE DATABASE cannot run inside a DO block).
SELECT 'CREATE DATABASE {{database}} OWNER {{owner}}'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{{database}}') \gexec
REVOKE ALL ON DATABASE {{database}} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE {{database}} TO {{owner}};
GRANT CONNECT ON DATABASE {{database}} TO {{coordinator}}, {{monitor}};

\connect {{database}}

-- 3. The schema: only the owner creates objects in it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO {{owner}};
GRANT USAGE ON SCHEMA public TO {{coordinator}}, {{monitor}};

-- 4. Tables: exactly these rights for the coordinator, SELECT for the monitor, nothing else (no
-- TRUNCATE, REFERENCES or TRIGGER for either). A table the owner has not created yet is listed at
-- the end: run the script again after the owner's first start.
DO $tables$
DECLARE
    t text;
    privileges text;
    missing text[] := '{}';
BEGIN
    FOR t, privileges IN VALUES
        -- table              coordinator's rights (why)
        ('participants',      'SELECT, INSERT, UPDATE'),          -- enrol, anchors, withdraw, corrections
        ('visits',            'SELECT, INSERT, UPDATE'),          -- plans, bookings, outcomes (never deleted)
        ('procedure_records', 'SELECT, INSERT, UPDATE'),          -- what was done at a visit
        ('doses',             'SELECT, INSERT, DELETE'),          -- later doses given / not given; one in error goes (audited)
        ('site_settings',     'SELECT, INSERT, UPDATE'),          -- the one settings row
        ('site_closures',     'SELECT, INSERT, DELETE'),          -- a reopened day is deleted (audited)
        ('protocols',         'SELECT, INSERT'),                  -- protocol versions are stored once
        ('audit_log',         'SELECT, INSERT'),                  -- append only: no UPDATE, DELETE, TRUNCATE
        ('audit_head',        'SELECT, UPDATE'),                  -- the chain head moves forward (trigger)
        ('calendar_outbox',   'SELECT, INSERT, UPDATE, DELETE'),  -- calendar events to publish (plumbing)
        ('calendar_targets',  'SELECT, INSERT, UPDATE, DELETE'),  -- where the calendar is published
        ('alembic_version',   'SELECT')                           -- the schema revision, read on open
    LOOP
        IF to_regclass(format('public.%I', t)) IS NULL THEN
            missing := missing || t;
            CONTINUE;
        END IF;
        EXECUTE format('REVOKE ALL ON TABLE public.%I FROM PUBLIC, {{coordinator}}, {{monitor}}', t);
        EXECUTE format('GRANT %s ON TABLE public.%I TO {{coordinator}}', privileges, t);
        EXECUTE format('GRANT SELECT ON TABLE public.%I TO {{monitor}}', t);
    END LOOP;
    IF cardinality(missing) > 0 THEN
        RAISE NOTICE 'tables not created yet (%): start the app once as {{owner}}, then run this script again',
            array_to_string(missing, ', ');
    END IF;
END
$tables$;
-- ids of new participants, visits, procedure records, protocols and closures
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {{coordinator}}, {{monitor}};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {{coordinator}};
-- the monitor keeps reading what a later upgrade adds (SELECT only, nothing for the coordinator)
ALTER DEFAULT PRIVILEGES FOR ROLE {{owner}} IN SCHEMA public GRANT SELECT ON TABLES TO {{monitor}};
