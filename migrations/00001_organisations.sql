-- +goose Up
-- Organisations are keyed by their organisasjonsnummer: it is what every
-- other register (and Maskinporten's consumer claim) uses.
CREATE TABLE organisations (
    org_no     text PRIMARY KEY CHECK (org_no ~ '^[0-9]{9}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- An e-mail domain may lead to several organisations (the seed's FAQ).
CREATE TABLE email_domains (
    domain     text NOT NULL CHECK (domain = lower(domain)),
    org_no     text NOT NULL REFERENCES organisations,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (domain, org_no)
);

-- Person numbers servicedesk has registered for production access.
CREATE TABLE production_persons (
    org_no        text NOT NULL REFERENCES organisations,
    pid           text NOT NULL CHECK (pid ~ '^[0-9]{11}$'),
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_no, pid)
);

CREATE TABLE servicedesk_staff (
    pid        text PRIMARY KEY CHECK (pid ~ '^[0-9]{11}$'),
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE servicedesk_staff;
DROP TABLE production_persons;
DROP TABLE email_domains;
DROP TABLE organisations;
