-- +goose Up
CREATE TABLE scope_prefixes (
    prefix     text PRIMARY KEY CHECK (prefix ~ '^[a-z0-9_-]{2,50}$'),
    org_no     text NOT NULL REFERENCES organisations,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scopes (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    prefix             text NOT NULL REFERENCES scope_prefixes,
    name               text NOT NULL UNIQUE CHECK (name LIKE prefix || ':%'),
    description        text NOT NULL DEFAULT '',
    -- Largest access-token lifetime, in seconds, a client may ask for with this scope.
    max_token_lifetime integer NOT NULL DEFAULT 120 CHECK (max_token_lifetime BETWEEN 1 AND 86400),
    active             boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- A provider shares a scope with one consumer organisation in one environment.
-- Withdrawing access deletes the row; the audit log keeps the history.
CREATE TABLE scope_grants (
    scope_id   bigint NOT NULL REFERENCES scopes,
    org_no     text NOT NULL REFERENCES organisations,
    env        text NOT NULL CHECK (env IN ('TEST', 'PROD')),
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_no, env, scope_id)
);
CREATE INDEX scope_grants_scope ON scope_grants (scope_id);

-- +goose Down
DROP TABLE scope_grants;
DROP TABLE scopes;
DROP TABLE scope_prefixes;
