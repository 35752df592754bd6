-- +goose Up
-- The names of an integration's scopes on its own row, sorted, so that a
-- list naming every integration's scopes (the REST API's GET /clients, 50 a
-- page) reads one index range and nothing per row: a subquery per row cost
-- Postgres three times the page itself. integration_scopes stays the truth
-- that the token endpoint and the scope rules join on; the triggers below
-- rewrite the names in the statement that changes it, so every writer (the
-- domain, the demo seed, bulk loads, tests) keeps them in step. Scope names
-- never change once made, so nothing on scopes needs watching.
ALTER TABLE integrations ADD COLUMN scope_names text[] NOT NULL DEFAULT '{}';

-- +goose StatementBegin
CREATE FUNCTION integration_scope_names_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE integrations i
    SET scope_names = coalesce((
        SELECT array_agg(s.name ORDER BY s.name)
        FROM integration_scopes x JOIN scopes s ON s.id = x.scope_id
        WHERE x.client_id = i.client_id), '{}')
    WHERE i.client_id IN (SELECT DISTINCT client_id FROM changed);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- Once per statement, with the rows it changed: a save's DELETE and INSERT
-- rewrite one row each, a bulk load's COPY each integration once.
CREATE TRIGGER integration_scopes_added AFTER INSERT ON integration_scopes
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION integration_scope_names_sync();
CREATE TRIGGER integration_scopes_removed AFTER DELETE ON integration_scopes
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION integration_scope_names_sync();

UPDATE integrations i
SET scope_names = n.names
FROM (SELECT x.client_id, array_agg(s.name ORDER BY s.name) AS names
      FROM integration_scopes x JOIN scopes s ON s.id = x.scope_id
      GROUP BY x.client_id) n
WHERE n.client_id = i.client_id;

-- +goose Down
DROP TRIGGER integration_scopes_removed ON integration_scopes;
DROP TRIGGER integration_scopes_added ON integration_scopes;
DROP FUNCTION integration_scope_names_sync();
ALTER TABLE integrations DROP COLUMN scope_names;
