-- +goose Up
-- The role the actor acted in: an organisation's employee, servicedesk, or a
-- machine client of the REST API. Earlier rows were all employees'.
ALTER TABLE audit_log ADD COLUMN actor_role text NOT NULL DEFAULT 'employee'
    CHECK (actor_role IN ('employee', 'servicedesk', 'api_client'));
-- An organisation's part of the log, newest first (history pages, the
-- servicedesk console's organisation filter, the API).
CREATE INDEX audit_log_org ON audit_log (org_no, id);

-- +goose Down
DROP INDEX audit_log_org;
ALTER TABLE audit_log DROP COLUMN actor_role;
