-- +goose Up
-- The servicedesk console finds a part of a name anywhere in it
-- (LIKE '%' || q || '%'), which the b-tree indexes of lower(name)
-- text_pattern_ops (00015_servicedesk.sql) cannot serve: only a prefix can
-- use them, and no query asks for one. Trigram indexes (pg_trgm, installed
-- by 00014_access_requests.sql) find a part anywhere, on exactly the
-- expressions the searches use (internal/servicedesk). An organisation is
-- found by the first digits of its number too: org_no's trigrams serve that
-- prefix, also in the generic plan of a prepared statement, which a
-- text_pattern_ops b-tree cannot (it needs the prefix as a constant).
-- fastupdate off: the registers change seldom and are searched often, so
-- a search never reads a pending list.
DROP INDEX organisations_name;
DROP INDEX production_persons_name;
CREATE INDEX organisations_search ON organisations
    USING gin (org_no gin_trgm_ops, lower(name) gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX production_persons_search ON production_persons
    USING gin (lower(name) gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX email_domains_search ON email_domains
    USING gin (domain gin_trgm_ops) WITH (fastupdate = off);

-- +goose Down
DROP INDEX email_domains_search;
DROP INDEX production_persons_search;
DROP INDEX organisations_search;
CREATE INDEX production_persons_name ON production_persons (lower(name) text_pattern_ops);
CREATE INDEX organisations_name ON organisations (lower(name) text_pattern_ops);
