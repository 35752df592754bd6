-- +goose Up
-- One table for every rate limit's counts (internal/ratelimit), in place of
-- the token endpoint's and the REST API's own: the token endpoint counts
-- per client id ('client') and per source address ('address'), the API per
-- API client ('api_client'). The kind keeps each limit's counts apart.
-- Counts are worthless after their minute, so the old tables' rows are not
-- carried over (a limit forgives at most the minute of the upgrade), and a
-- crash may lose them (UNLOGGED: no WAL, no fsync).
CREATE UNLOGGED TABLE rate_counts (
    kind         text NOT NULL CHECK (kind IN ('client', 'address', 'api_client')),
    subject      text NOT NULL,
    window_start timestamptz NOT NULL,
    count        bigint NOT NULL,
    PRIMARY KEY (kind, subject, window_start)
);
CREATE INDEX rate_counts_window ON rate_counts (window_start);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_counts TO selvbetjening_app;

REVOKE ALL ON token_rate_counts, api_rate_counts FROM selvbetjening_app;
DROP TABLE token_rate_counts;
DROP TABLE api_rate_counts;

-- +goose Down
CREATE UNLOGGED TABLE token_rate_counts (
    kind         text NOT NULL CHECK (kind IN ('client', 'address')),
    subject      text NOT NULL,
    window_start timestamptz NOT NULL,
    count        bigint NOT NULL,
    PRIMARY KEY (kind, subject, window_start)
);
CREATE INDEX token_rate_counts_window ON token_rate_counts (window_start);
CREATE UNLOGGED TABLE api_rate_counts (
    client_id    uuid NOT NULL,
    window_start timestamptz NOT NULL,
    count        bigint NOT NULL,
    PRIMARY KEY (client_id, window_start)
);
CREATE INDEX api_rate_counts_window ON api_rate_counts (window_start);
GRANT SELECT, INSERT, UPDATE, DELETE ON token_rate_counts, api_rate_counts TO selvbetjening_app;

REVOKE ALL ON rate_counts FROM selvbetjening_app;
DROP TABLE rate_counts;
