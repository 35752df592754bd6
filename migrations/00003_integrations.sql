-- +goose Up
CREATE TABLE integrations (
    client_id          uuid PRIMARY KEY,
    org_no             text NOT NULL REFERENCES organisations,
    env                text NOT NULL CHECK (env IN ('TEST', 'PROD')),
    service            text NOT NULL CHECK (service IN ('maskinporten')),
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description        text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    token_lifetime     integer NOT NULL CHECK (token_lifetime BETWEEN 1 AND 86400),
    active             boolean NOT NULL DEFAULT true,
    -- Kept in step with integration_scopes in the same transaction, so the
    -- list page needs no count per row.
    scope_count        integer NOT NULL DEFAULT 0,
    -- Optimistic concurrency: every update must name the version it read.
    version            integer NOT NULL DEFAULT 1,
    -- The create form's one-time key: a double-clicked "Opprett" creates one integration.
    creation_key       uuid NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by         text NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         text NOT NULL,
    deactivated_at     timestamptz,
    UNIQUE (org_no, creation_key)
);
-- The list page: one organisation, one environment, newest change first.
CREATE INDEX integrations_list ON integrations (org_no, env, active, updated_at DESC, client_id DESC);

CREATE TABLE integration_scopes (
    client_id uuid NOT NULL REFERENCES integrations,
    scope_id  bigint NOT NULL REFERENCES scopes,
    added_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, scope_id)
);
CREATE INDEX integration_scopes_scope ON integration_scopes (scope_id);

CREATE TABLE integration_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id   uuid NOT NULL REFERENCES integrations,
    kid         text NOT NULL,
    algorithm   text NOT NULL,
    key_type    text NOT NULL,
    bits        integer NOT NULL,
    fingerprint text NOT NULL,
    jwk         jsonb NOT NULL,
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    removed_at  timestamptz,
    removed_by  text
);
CREATE UNIQUE INDEX integration_keys_active_kid ON integration_keys (client_id, kid) WHERE removed_at IS NULL;
CREATE INDEX integration_keys_client ON integration_keys (client_id);

-- +goose Down
DROP TABLE integration_keys;
DROP TABLE integration_scopes;
DROP TABLE integrations;
