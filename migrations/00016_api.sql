-- +goose Up
-- The REST API's Idempotency-Key: per organisation, the key a client sent
-- with a POST, a hash of what it asked (method, path, body), and the answer
-- it got, so that a retry gets the first answer and the same key with
-- another request is refused. A row without a response is a request still
-- being served. Keys are kept a day.
CREATE TABLE api_idempotency_keys (
    org_no       text NOT NULL REFERENCES organisations (org_no),
    env          text NOT NULL CHECK (env IN ('TEST', 'PROD')),
    idem_key     text NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
    request_hash bytea NOT NULL,
    response     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_no, env, idem_key)
);
CREATE INDEX api_idempotency_keys_created ON api_idempotency_keys (created_at);

-- Requests per API client per minute, as every process has flushed them:
-- the rate limit is shared by all portals. Counts are worthless after their
-- minute, so a crash may lose them (UNLOGGED).
CREATE UNLOGGED TABLE api_rate_counts (
    client_id    uuid NOT NULL,
    window_start timestamptz NOT NULL,
    count        bigint NOT NULL,
    PRIMARY KEY (client_id, window_start)
);
CREATE INDEX api_rate_counts_window ON api_rate_counts (window_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON api_idempotency_keys, api_rate_counts TO selvbetjening_app;

-- +goose Down
REVOKE ALL ON api_idempotency_keys, api_rate_counts FROM selvbetjening_app;
DROP TABLE api_rate_counts;
DROP TABLE api_idempotency_keys;
