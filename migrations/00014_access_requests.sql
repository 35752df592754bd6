-- +goose Up
-- A provider may share a scope with an organisation before anyone from it
-- has logged in ("ikke registrert i portalen"): a grant names a valid
-- organisation number, which need not be in organisations yet.
ALTER TABLE scope_grants DROP CONSTRAINT scope_grants_org_no_fkey;
ALTER TABLE scope_grants ADD CONSTRAINT scope_grants_org_no_format CHECK (org_no ~ '^[0-9]{9}$');

-- The "Nytt scope" form's one-time key: a double-clicked "Opprett" creates one scope.
ALTER TABLE scopes ADD COLUMN creation_key uuid UNIQUE;

-- A consumer asks the prefix's owner for a scope in one environment; the
-- owner approves (which creates the grant) or denies with a reason. States
-- as in Digdir's API. At most one open request per scope, organisation and
-- environment: asking again while one is open does nothing new.
CREATE TABLE scope_access_requests (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope_id     bigint NOT NULL REFERENCES scopes,
    org_no       text   NOT NULL REFERENCES organisations,
    env          text   NOT NULL CHECK (env IN ('TEST', 'PROD')),
    state        text   NOT NULL DEFAULT 'REQUESTED' CHECK (state IN ('REQUESTED', 'APPROVED', 'DENIED')),
    reason       text   NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    answer       text   NOT NULL DEFAULT '' CHECK (length(answer) <= 1000),
    requested_by text   NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    answered_by  text   NOT NULL DEFAULT '',
    answered_at  timestamptz,
    CHECK ((state = 'REQUESTED') = (answered_at IS NULL))
);
CREATE UNIQUE INDEX scope_access_requests_open ON scope_access_requests (scope_id, org_no, env) WHERE state = 'REQUESTED';
-- The consumer's list of its organisation's requests, newest first.
CREATE INDEX scope_access_requests_org ON scope_access_requests (org_no, requested_at DESC);

GRANT SELECT, INSERT, UPDATE ON scope_access_requests TO selvbetjening_app;

-- +goose Down
REVOKE ALL ON scope_access_requests FROM selvbetjening_app;
DROP TABLE scope_access_requests;
ALTER TABLE scopes DROP COLUMN creation_key;
ALTER TABLE scope_grants DROP CONSTRAINT scope_grants_org_no_format;
ALTER TABLE scope_grants ADD CONSTRAINT scope_grants_org_no_fkey FOREIGN KEY (org_no) REFERENCES organisations;
