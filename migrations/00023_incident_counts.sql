-- +goose Up
-- How many organisations an incident concerned and how many e-mails it
-- queued, fixed when it was sent: the list of incidents shows them without
-- counting thousands of rows of incident_organisations and mail_deliveries
-- per incident. Send knows both before it writes the row, so incidents stay
-- written once and never changed.
ALTER TABLE incidents ADD COLUMN org_count int, ADD COLUMN recipients int;
UPDATE incidents i SET
    org_count  = (SELECT count(*) FROM incident_organisations io WHERE io.incident_id = i.id),
    recipients = (SELECT count(*) FROM mail_deliveries d WHERE d.cause = 'incident:' || i.id);
ALTER TABLE incidents
    ALTER COLUMN org_count SET NOT NULL, ADD CHECK (org_count > 0),
    ALTER COLUMN recipients SET NOT NULL, ADD CHECK (recipients > 0);

-- +goose Down
ALTER TABLE incidents DROP COLUMN recipients, DROP COLUMN org_count;
