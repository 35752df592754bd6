package api

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/digdir/selvbetjening/internal/store"
)

// idempotent serves a POST once per Idempotency-Key: the first request with
// a key runs and its answer is stored with a hash of what it asked; a retry
// with the same key and the same request gets that answer again, the same
// key with another request is refused (422), and a retry while the first is
// still running is told to wait (409). A request that fails stores nothing,
// so a corrected retry may use the same key. Keys are per organisation and
// environment, and kept a day.
//
// The claim is made outside the change's transaction, so a process that
// stops between the change and storing its answer leaves the claim
// unfinished. Such a claim expires after a minute (far longer than any
// change takes), and the same request may then run again. That is safe: a
// create's creation key is made from the Idempotency-Key (the second run
// finds what the first made and answers with it), and a JWKS replacement
// with the same set changes nothing.
func idempotent[O any](ctx context.Context, s *Server, key, method, path string, body []byte, run func() (*O, error)) (*O, error) {
	if key == "" {
		return run()
	}
	caller := callerFrom(ctx)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", method, path)
	h.Write(body)
	hash := h.Sum(nil)
	t := catalogue()

	var claimed bool
	err := s.pool.QueryRow(ctx, `
		INSERT INTO api_idempotency_keys AS k (org_no, env, idem_key, request_hash) VALUES ($1, $2, $3, $4)
		ON CONFLICT (org_no, env, idem_key) DO UPDATE SET request_hash = excluded.request_hash, response = NULL, created_at = now()
		WHERE k.created_at < now() - interval '1 day'
		   OR (k.response IS NULL AND k.request_hash = excluded.request_hash AND k.created_at < now() - interval '1 minute')
		RETURNING true`, caller.Actor.OrgNo, string(caller.Env), key, hash).Scan(&claimed)
	if store.NoRow(err) {
		var stored []byte
		var storedHash []byte
		if err := s.pool.QueryRow(ctx, `
			SELECT request_hash, response FROM api_idempotency_keys WHERE org_no = $1 AND env = $2 AND idem_key = $3`,
			caller.Actor.OrgNo, string(caller.Env), key).Scan(&storedHash, &stored); err != nil {
			return nil, s.fail(ctx, fmt.Errorf("read idempotency key: %w", err))
		}
		switch {
		case string(storedHash) != string(hash):
			return nil, problem(http.StatusUnprocessableEntity, CodeIdempotencyMismatch, t.IdempotencyMismatch,
				FieldProblem{Field: "Idempotency-Key", Code: CodeIdempotencyMismatch, Detail: t.IdempotencyMismatch})
		case stored == nil:
			return nil, problem(http.StatusConflict, CodeIdempotencyInProgress, t.IdempotencyInProgress).withHeader("Retry-After", "1")
		}
		var out O
		if err := json.Unmarshal(stored, &out); err != nil {
			return nil, s.fail(ctx, fmt.Errorf("stored idempotent response: %w", err))
		}
		return &out, nil
	}
	if err != nil {
		return nil, s.fail(ctx, fmt.Errorf("claim idempotency key: %w", err))
	}
	out, runErr := run()
	// The request's own context may be gone by now; the key must still be
	// settled, or a retry would wait for a request that no longer runs.
	settle := context.WithoutCancel(ctx)
	if runErr != nil {
		if _, err := s.pool.Exec(settle, `
			DELETE FROM api_idempotency_keys WHERE org_no = $1 AND env = $2 AND idem_key = $3 AND response IS NULL`,
			caller.Actor.OrgNo, string(caller.Env), key); err != nil {
			s.log.WarnContext(ctx, "api: idempotency key not released", "error", err)
		}
		return nil, runErr
	}
	stored, err := json.Marshal(out)
	if err == nil {
		_, err = s.pool.Exec(settle, `UPDATE api_idempotency_keys SET response = $4 WHERE org_no = $1 AND env = $2 AND idem_key = $3`,
			caller.Actor.OrgNo, string(caller.Env), key, stored)
	}
	if err != nil {
		s.log.WarnContext(ctx, "api: idempotent response not stored", "error", err)
	}
	return out, nil
}
