-- +goose Up
-- E-mail deliveries: one row per e-mail, unique per (cause, recipient), so
-- that queueing the same notice twice sends it once. The row and its job in
-- River's queue (river_job) are written in the transaction of the change
-- that causes the e-mail; the worker moves the row queued → sending → sent,
-- or → failed (internal/mail's package comment says what is guaranteed).
--
-- River's own tables are made by River's migrations, which the migrate step
-- applies before these (internal/store, MigrateDB).
CREATE TABLE mail_deliveries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What the e-mail is about: "incident:42", "key-expiry:<key id>:30d", ...
    cause        text NOT NULL CHECK (cause ~ '^[a-z][a-z0-9-]*(:[A-Za-z0-9._-]+)+$' AND length(cause) <= 200),
    -- One address, in lower case (internal/mail normalises it).
    recipient    text NOT NULL CHECK (recipient <> '' AND recipient = lower(recipient)),
    -- The organisation the recipient gets it for, if any.
    org_no       text NOT NULL DEFAULT '',
    subject      text NOT NULL,
    body_text    text NOT NULL,
    body_html    text NOT NULL DEFAULT '',
    -- Fixed at the first attempt and sent unchanged with every later one.
    message_id   text UNIQUE,
    status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text NOT NULL DEFAULT '',
    -- smtp, or outbox: kept in the development outbox (no SMTP_URL).
    transport    text CHECK (transport IN ('smtp', 'outbox')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    attempted_at timestamptz,
    finished_at  timestamptz, -- sent or failed
    CONSTRAINT mail_deliveries_once UNIQUE (cause, recipient),
    CHECK ((status IN ('sent', 'failed')) = (finished_at IS NOT NULL)),
    CHECK ((status = 'sent') = (transport IS NOT NULL)),
    CHECK (status = 'queued' OR message_id IS NOT NULL)
);

-- Deliveries are the record of what was sent: never deleted by the portal.
GRANT SELECT, INSERT, UPDATE ON mail_deliveries TO selvbetjening_app;

-- The serving role runs the queue (web requests insert jobs, and the worker
-- in portal serve and portal worker fetches, completes, rescues and cleans
-- them, and elects a leader among the processes), so it gets rows, not the
-- schema: no TRUNCATE, no ALTER. A River upgrade that adds a table fails the
-- grant test in internal/store until a migration here grants it.
GRANT SELECT, INSERT, UPDATE, DELETE ON river_job, river_leader, river_queue TO selvbetjening_app;
GRANT USAGE ON SEQUENCE river_job_id_seq TO selvbetjening_app;
-- River's bookkeeping of its schema: readable, changed only by migrations.
GRANT SELECT ON river_migration TO selvbetjening_app;
-- River's notification outbox, used only on SQLite: readable, nothing more.
GRANT SELECT ON river_notification TO selvbetjening_app;
GRANT SELECT ON SEQUENCE river_notification_id_seq TO selvbetjening_app;

-- +goose Down
REVOKE ALL ON river_job, river_leader, river_queue, river_migration, river_notification FROM selvbetjening_app;
REVOKE ALL ON SEQUENCE river_job_id_seq, river_notification_id_seq FROM selvbetjening_app;
DROP TABLE mail_deliveries;
