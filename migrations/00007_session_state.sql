-- +goose Up
-- What a session acts for, in columns of its own, so the one lookup each
-- request makes can also ask whether the e-mail domain still leads to that
-- organisation (email_domains' primary key answers it). last_seen_at ends
-- sessions nobody uses (SESSION_IDLE_TIMEOUT); it is written at most once a
-- minute.
--
-- Sessions from before carry neither column: their people log in once more.
DELETE FROM sessions;
ALTER TABLE sessions
    ADD COLUMN email_domain text,
    ADD COLUMN org_no       text,
    ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- +goose Down
DROP INDEX sessions_last_seen;
ALTER TABLE sessions
    DROP COLUMN last_seen_at,
    DROP COLUMN org_no,
    DROP COLUMN email_domain;
