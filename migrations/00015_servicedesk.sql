-- +goose Up
-- The servicedesk console: Digdir's servicedesk keeps the registers that
-- decide who acts for which organisation (the FAQ of Digdir's "Selvbetjening
-- som API-konsument" ends in "contact servicedesk@digdir.no" three times).
-- Until now only SQL could change them; the portal now writes them, each
-- change audited in its own transaction.

-- Renames are edits: the form names the version it read.
ALTER TABLE organisations ADD COLUMN version integer NOT NULL DEFAULT 1;
-- Search by name: a prefix of the lower-cased name, and anything by number.
CREATE INDEX organisations_name ON organisations (lower(name) text_pattern_ops);

-- A registration has a number of its own for forms and audit rows, so the
-- person number never appears in a URL or an audit entity id, and the name
-- servicedesk typed with it.
ALTER TABLE production_persons
    ADD COLUMN id            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    ADD COLUMN name          text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    ADD COLUMN registered_by text NOT NULL DEFAULT '';
CREATE INDEX production_persons_pid ON production_persons (pid);
CREATE INDEX production_persons_name ON production_persons (lower(name) text_pattern_ops);

ALTER TABLE servicedesk_staff
    ADD COLUMN id         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    ADD COLUMN granted_by text NOT NULL DEFAULT '';

-- A retired prefix keeps its scopes, which can no longer be changed; moving
-- a prefix moves its scopes with it (scopes reference the prefix).
ALTER TABLE scope_prefixes
    ADD COLUMN retired_at timestamptz,
    ADD COLUMN version    integer NOT NULL DEFAULT 1;
-- An organisation's prefixes are found by scope_prefixes_org (00012_merchant.sql).

-- The backstop behind internal/prefix's check: no scope under a retired
-- prefix is made or changed, whatever path the write takes.
-- +goose StatementBegin
CREATE FUNCTION scopes_prefix_not_retired() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM scope_prefixes WHERE prefix = NEW.prefix AND retired_at IS NOT NULL) THEN
        RAISE EXCEPTION 'scope prefix % is retired', NEW.prefix USING ERRCODE = 'check_violation',
            CONSTRAINT = 'scopes_prefix_not_retired';
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER scopes_prefix_not_retired BEFORE INSERT OR UPDATE ON scopes
    FOR EACH ROW EXECUTE FUNCTION scopes_prefix_not_retired();

-- Sessions get a number servicedesk can end one by, and the person they
-- belong to in columns of their own, so "a person's sessions" is an index
-- lookup and the servicedesk role is asked in the session's own query.
ALTER TABLE sessions
    ADD COLUMN id      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    ADD COLUMN subject text,
    ADD COLUMN pid     text;
UPDATE sessions SET subject = (data->>'person')::jsonb->>'sub',
                    pid = nullif((data->>'person')::jsonb->>'pid', '')
WHERE data ? 'person';
CREATE INDEX sessions_subject ON sessions (subject);
CREATE INDEX sessions_pid ON sessions (pid);

-- The audit log's filters: the environment a change was made in, read from
-- its snapshots (a generated column: the table stays append-only, and
-- audit.Record writes nothing new), and one index per filter that keeps the
-- newest-first order, so a filtered page is read in index order.
ALTER TABLE audit_log ADD COLUMN env text GENERATED ALWAYS AS
    (coalesce(after->>'env', before->>'env', '')) STORED;
CREATE INDEX audit_log_env ON audit_log (env, id);
CREATE INDEX audit_log_role ON audit_log (actor_role, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_actor ON audit_log (lower(actor_name), id);
CREATE INDEX audit_log_at ON audit_log (at);

GRANT INSERT, UPDATE ON organisations TO selvbetjening_app;
GRANT INSERT, DELETE ON email_domains TO selvbetjening_app;
GRANT INSERT, DELETE ON production_persons TO selvbetjening_app;
GRANT INSERT, DELETE ON servicedesk_staff TO selvbetjening_app;
GRANT INSERT, UPDATE ON scope_prefixes TO selvbetjening_app;

-- +goose Down
REVOKE INSERT, UPDATE ON organisations, scope_prefixes FROM selvbetjening_app;
REVOKE INSERT, DELETE ON email_domains, production_persons, servicedesk_staff FROM selvbetjening_app;
DROP INDEX audit_log_at;
DROP INDEX audit_log_actor;
DROP INDEX audit_log_action;
DROP INDEX audit_log_role;
DROP INDEX audit_log_env;
ALTER TABLE audit_log DROP COLUMN env;
DROP INDEX sessions_pid;
DROP INDEX sessions_subject;
ALTER TABLE sessions DROP COLUMN pid, DROP COLUMN subject, DROP COLUMN id;
DROP TRIGGER scopes_prefix_not_retired ON scopes;
DROP FUNCTION scopes_prefix_not_retired();
ALTER TABLE scope_prefixes DROP COLUMN version, DROP COLUMN retired_at;
ALTER TABLE servicedesk_staff DROP COLUMN granted_by, DROP COLUMN id;
DROP INDEX production_persons_name;
DROP INDEX production_persons_pid;
ALTER TABLE production_persons DROP COLUMN registered_by, DROP COLUMN name, DROP COLUMN id;
DROP INDEX organisations_name;
ALTER TABLE organisations DROP COLUMN version;
