-- +goose Up
-- A rotated signing key is published in the JWKS before it signs: signs_from
-- is when it takes over, once every process and every resource server that
-- caches the JWKS has seen it (internal/token, RotateSigningKey). The keys
-- there already have signed since they were made.
ALTER TABLE token_signing_keys ADD COLUMN signs_from timestamptz;
UPDATE token_signing_keys SET signs_from = created_at;
ALTER TABLE token_signing_keys ALTER COLUMN signs_from SET NOT NULL,
    ALTER COLUMN signs_from SET DEFAULT now();

-- +goose Down
ALTER TABLE token_signing_keys DROP COLUMN signs_from;
