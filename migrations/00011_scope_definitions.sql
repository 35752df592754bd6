-- +goose Up
-- What a provider defines for a scope beyond its name, and who may change it.
-- Providers (the prefix's owner) edit scopes and share them from the portal,
-- so the serving role now writes these tables. Nothing is deleted from
-- scopes (a scope is deactivated); a withdrawn grant deletes its row, and the
-- audit log keeps the history.
ALTER TABLE scopes
    ADD COLUMN long_description   text    NOT NULL DEFAULT '',
    -- PUBLIC: listed for every organisation; PRIVATE: seen only by those it is shared with.
    ADD COLUMN visibility         text    NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    -- Open to every organisation without a grant (Maskinporten's accessible_for_all).
    ADD COLUMN accessible_for_all boolean NOT NULL DEFAULT false,
    -- The integration types that may use the scope; only Maskinporten for now.
    ADD COLUMN integration_types  text[]  NOT NULL DEFAULT '{maskinporten}'
        CHECK (cardinality(integration_types) >= 1 AND integration_types <@ '{maskinporten}'),
    ADD COLUMN version            bigint  NOT NULL DEFAULT 1,
    ADD COLUMN created_by         text    NOT NULL DEFAULT '',
    ADD COLUMN updated_by         text    NOT NULL DEFAULT '',
    ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now();

-- Scopes every organisation may use without a grant; the picker and the token
-- endpoint look them up by this index.
CREATE INDEX scopes_for_all ON scopes (name) WHERE accessible_for_all AND active;

ALTER TABLE scope_grants
    ADD COLUMN granted_by text NOT NULL DEFAULT '';

GRANT INSERT, UPDATE ON scopes TO selvbetjening_app;
GRANT INSERT, DELETE ON scope_grants TO selvbetjening_app;

-- +goose Down
REVOKE INSERT, DELETE ON scope_grants FROM selvbetjening_app;
REVOKE INSERT, UPDATE ON scopes FROM selvbetjening_app;
ALTER TABLE scope_grants DROP COLUMN granted_by;
DROP INDEX scopes_for_all;
ALTER TABLE scopes
    DROP COLUMN long_description, DROP COLUMN visibility, DROP COLUMN accessible_for_all,
    DROP COLUMN integration_types, DROP COLUMN version, DROP COLUMN created_by,
    DROP COLUMN updated_by, DROP COLUMN updated_at;
