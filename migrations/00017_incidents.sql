-- +goose Up
-- Critical incidents ("Ny hendelse") that servicedesk sends to the
-- notification points of the organisations affected. An incident is a
-- record of what was said to whom: written once, never changed, so the
-- serving role may only read and add rows. Its e-mails are deliveries with
-- the cause incident:<id> (mail_deliveries), queued in the same transaction.
CREATE TABLE incidents (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    service      text NOT NULL CHECK (service IN ('maskinporten-konsument', 'maskinporten-tilbyder')),
    -- TEST, PROD or both, in that order.
    envs         text[] NOT NULL CHECK (envs IN ('{TEST}', '{PROD}', '{TEST,PROD}')),
    severity     text NOT NULL CHECK (severity IN ('critical', 'major', 'minor')),
    -- users: every organisation using the service in the environments when
    -- it was sent; chosen: the organisations servicedesk picked.
    audience     text NOT NULL CHECK (audience IN ('users', 'chosen')),
    -- The "Ny hendelse" form's one-time key: a double-clicked "Send varsel"
    -- sends one incident.
    creation_key uuid NOT NULL UNIQUE,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
-- The list of incidents, newest first.
CREATE INDEX incidents_created ON incidents (created_at DESC, id DESC);

-- Who an incident concerned, as decided when it was sent.
CREATE TABLE incident_organisations (
    incident_id bigint NOT NULL REFERENCES incidents,
    org_no      text NOT NULL REFERENCES organisations,
    PRIMARY KEY (incident_id, org_no)
);

-- "Every organisation using Maskinporten as consumer in TEST" is one with
-- an active integration there.
CREATE INDEX integrations_active_env ON integrations (env, org_no) WHERE active;

GRANT SELECT, INSERT ON incidents, incident_organisations TO selvbetjening_app;

-- +goose Down
REVOKE ALL ON incidents, incident_organisations FROM selvbetjening_app;
DROP INDEX integrations_active_env;
DROP TABLE incident_organisations;
DROP TABLE incidents;
