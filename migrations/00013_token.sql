-- +goose Up
-- The token endpoint of each environment (internal/token): a Maskinporten-
-- compatible authorization server for the integrations made in the portal.

-- The keys the endpoint signs access tokens with. Every portal process signs
-- with the newest key that has started signing and publishes every key whose
-- tokens may still be in use, so all of them serve one JWKS. The private key
-- is stored encrypted (AES-256-GCM under TOKEN_KEY_ENCRYPTION_KEY, with the
-- environment and kid as additional data): a copy of this table signs nothing.
CREATE TABLE token_signing_keys (
    kid             text PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9._-]{8,64}$'),
    env             text NOT NULL CHECK (env IN ('TEST', 'PROD')),
    algorithm       text NOT NULL CHECK (algorithm IN ('RS256')),
    public_jwk      jsonb NOT NULL,
    private_sealed  bytea NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Set when a newer key takes over: the key stays in the JWKS until every
    -- token it signed has expired.
    published_until timestamptz
);
CREATE INDEX token_signing_keys_env ON token_signing_keys (env, created_at DESC);

-- Every assertion's jti, kept until the assertion expires: an assertion is
-- accepted once, by whichever process gets it first.
CREATE TABLE token_jtis (
    client_id  uuid NOT NULL,
    jti        text NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX token_jtis_expires ON token_jtis (expires_at);

-- Requests per client id and per source address in fixed windows, summed
-- over every portal process. Losing them in a crash only forgives a minute
-- of requests, so they are unlogged (no WAL, no fsync).
CREATE UNLOGGED TABLE token_rate_counts (
    kind         text NOT NULL CHECK (kind IN ('client', 'address')),
    subject      text NOT NULL,
    window_start timestamptz NOT NULL,
    count        bigint NOT NULL,
    PRIMARY KEY (kind, subject, window_start)
);
CREATE INDEX token_rate_counts_window ON token_rate_counts (window_start);

-- Answers per integration in five-minute buckets: "issued", or the refusal's
-- code. The integration's page sums the last 24 hours.
CREATE TABLE token_counts (
    client_id uuid NOT NULL,
    bucket    timestamptz NOT NULL,
    outcome   text NOT NULL CHECK (outcome ~ '^[a-z_]{1,40}$'),
    count     bigint NOT NULL,
    PRIMARY KEY (client_id, bucket, outcome)
);
CREATE INDEX token_counts_bucket ON token_counts (bucket);

-- When a key last signed an assertion that got a token.
CREATE TABLE token_key_use (
    key_id       bigint PRIMARY KEY REFERENCES integration_keys,
    last_used_at timestamptz NOT NULL
);

-- The serving role makes the first signing key when none exists; rotation
-- (portal tokenkey rotate) runs as the owner. The counters are swept when old.
GRANT SELECT, INSERT ON token_signing_keys TO selvbetjening_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON token_jtis, token_rate_counts, token_counts TO selvbetjening_app;
GRANT SELECT, INSERT, UPDATE ON token_key_use TO selvbetjening_app;

-- +goose Down
REVOKE ALL ON token_signing_keys, token_jtis, token_rate_counts, token_counts, token_key_use FROM selvbetjening_app;
DROP TABLE token_key_use;
DROP TABLE token_counts;
DROP TABLE token_rate_counts;
DROP TABLE token_jtis;
DROP TABLE token_signing_keys;
