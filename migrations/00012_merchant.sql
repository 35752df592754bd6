-- +goose Up
-- Merchant data ("merkantile data") per organisation and Digdir service:
-- where invoices go, and the notification points ("Varslingspunkter") that
-- get e-mail about critical incidents and expiring keys. Digdir's guide
-- "Selvbetjening som API-konsument" asks every organisation to keep them
-- current. A row exists once someone has saved the service's data.
CREATE TABLE merchant_data (
    org_no          text NOT NULL REFERENCES organisations,
    -- maskinporten-konsument (every organisation), maskinporten-tilbyder
    -- (an organisation that owns a scope prefix).
    service         text NOT NULL CHECK (service IN ('maskinporten-konsument', 'maskinporten-tilbyder')),
    invoice_email   text NOT NULL DEFAULT '' CHECK (length(invoice_email) <= 254),
    postal_address  text NOT NULL CHECK (length(postal_address) BETWEEN 1 AND 300),
    buyer_reference text NOT NULL DEFAULT '' CHECK (length(buyer_reference) <= 100),
    contact_person  text NOT NULL CHECK (length(contact_person) BETWEEN 1 AND 100),
    -- Invoices go as EHF to the organisation number instead of by e-mail.
    ehf             boolean NOT NULL DEFAULT false,
    -- Optimistic concurrency: every update must name the version it read.
    version         integer NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text NOT NULL,
    PRIMARY KEY (org_no, service),
    CHECK (ehf OR invoice_email <> '')
);

-- Replaced as a whole with every save of the merchant data.
CREATE TABLE notification_points (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_no   text NOT NULL,
    service  text NOT NULL,
    position integer NOT NULL CHECK (position >= 0),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    email    text NOT NULL CHECK (email <> '' AND email = lower(email) AND length(email) <= 254),
    -- +47 and eight digits, or empty.
    phone    text NOT NULL DEFAULT '' CHECK (phone = '' OR phone ~ '^\+47[2-9][0-9]{7}$'),
    FOREIGN KEY (org_no, service) REFERENCES merchant_data ON DELETE CASCADE,
    UNIQUE (org_no, service, position)
);
-- The notification points of many organisations for one service, in one
-- query (incidents, access requests, key reminders).
CREATE INDEX notification_points_service ON notification_points (service, org_no);

-- "Virksomhetens tjenester" asks whether the organisation owns a prefix.
CREATE INDEX scope_prefixes_org ON scope_prefixes (org_no);

GRANT SELECT, INSERT, UPDATE ON merchant_data TO selvbetjening_app;
GRANT SELECT, INSERT, DELETE ON notification_points TO selvbetjening_app;

-- Keys expire as Maskinporten's do: at the certificate's own expiry, and at
-- most one year after upload. Keys from before get the year from their upload.
UPDATE integration_keys
SET expires_at = LEAST(coalesce(expires_at, 'infinity'), created_at + interval '1 year');
ALTER TABLE integration_keys
    ALTER COLUMN expires_at SET DEFAULT now() + interval '1 year',
    ALTER COLUMN expires_at SET NOT NULL;
-- The daily reminder looks for active keys by expiry.
CREATE INDEX integration_keys_expiry ON integration_keys (expires_at) WHERE removed_at IS NULL;

-- +goose Down
DROP INDEX integration_keys_expiry;
ALTER TABLE integration_keys
    ALTER COLUMN expires_at DROP NOT NULL,
    ALTER COLUMN expires_at DROP DEFAULT;
DROP INDEX scope_prefixes_org;
REVOKE ALL ON merchant_data, notification_points FROM selvbetjening_app;
DROP TABLE notification_points;
DROP TABLE merchant_data;
