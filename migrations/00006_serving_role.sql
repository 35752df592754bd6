-- +goose Up
-- The portal serves as a member of selvbetjening_app, a role with only the
-- rights listed here; migrations run as the owner of the tables. So the
-- serving role cannot disable audit_log's triggers, delete from it or drop it.
--
-- The role is cluster-wide. An owner without CREATEROLE cannot make it: the
-- operator then runs CREATE ROLE selvbetjening_app NOLOGIN before the first
-- migration (README, "Database roles").
--
-- Every new table needs its own GRANT here or in its migration; a test in
-- internal/store fails for a table in public that has none. Identity columns
-- (GENERATED ALWAYS AS IDENTITY) need no grant on their sequence for INSERT.

-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'selvbetjening_app') THEN
        CREATE ROLE selvbetjening_app NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL; -- made meanwhile, by the migration of another database in the cluster
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'the role selvbetjening_app is missing, and % may not create roles', current_user
            USING HINT = 'An operator with CREATEROLE runs: CREATE ROLE selvbetjening_app NOLOGIN; (README, "Database roles")';
END
$$;
-- +goose StatementEnd

GRANT USAGE ON SCHEMA public TO selvbetjening_app;

-- Read-only for the portal so far: servicedesk's registers and the providers' scopes.
GRANT SELECT ON organisations, email_domains, production_persons, servicedesk_staff TO selvbetjening_app;
GRANT SELECT ON scope_prefixes, scopes, scope_grants TO selvbetjening_app;

-- Integrations are deactivated, never deleted; their scopes are replaced on
-- save; keys are marked removed.
GRANT SELECT, INSERT, UPDATE ON integrations TO selvbetjening_app;
GRANT SELECT, INSERT, DELETE ON integration_scopes TO selvbetjening_app;
GRANT SELECT, INSERT, UPDATE ON integration_keys TO selvbetjening_app;

-- Append-only, also for the serving role's rights.
GRANT SELECT, INSERT ON audit_log TO selvbetjening_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO selvbetjening_app;

-- +goose Down
REVOKE ALL ON organisations, email_domains, production_persons, servicedesk_staff,
    scope_prefixes, scopes, scope_grants, integrations, integration_scopes, integration_keys,
    audit_log, sessions FROM selvbetjening_app;
REVOKE USAGE ON SCHEMA public FROM selvbetjening_app;
