package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gorilla/sessions"

	"github.com/digdir/selvbetjening/internal/store"
)

// factsKey marks what the session lookup answered beside the stored values.
// It is never stored: it is asked afresh on every request.
type factsKey struct{}

type lookupFacts struct {
	OrgLinked bool // no organisation is chosen, or the e-mail domain still leads to it
	OrgCount  int  // how many organisations the e-mail domain leads to
}

// load reads a live session and, in the same query, whether its e-mail
// domain still leads to the organisation it acts for (email_domains' primary
// key answers both subqueries). Last activity is written at most once per
// touchEvery, not on every request.
func (s *SessionStore) load(ctx context.Context, token string) (map[string]string, lookupFacts, error) {
	var (
		data  []byte
		stale bool
		facts lookupFacts
	)
	hash := hashToken(token)
	// Every request reads its session first, so this read is the one that
	// meets the pool's dead connections after a database restart.
	err := store.Reads(s.pool).QueryRow(ctx, `
		SELECT s.data,
		       s.last_seen_at < now() - make_interval(secs => $3),
		       s.org_no IS NULL OR EXISTS (
		           SELECT 1 FROM email_domains d WHERE d.domain = s.email_domain AND d.org_no = s.org_no),
		       (SELECT count(*) FROM email_domains d WHERE d.domain = s.email_domain)
		FROM sessions s
		WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)`,
		hash, s.idle.Seconds(), touchEvery.Seconds()).Scan(&data, &stale, &facts.OrgLinked, &facts.OrgCount)
	if err != nil {
		// Unknown, expired or idle too long are one: store.ErrNotFound.
		return nil, lookupFacts{}, store.NotFound(err, "load session")
	}
	var values map[string]string
	if err := json.Unmarshal(data, &values); err != nil {
		return nil, lookupFacts{}, fmt.Errorf("decode session: %w", err)
	}
	if stale {
		if _, err := s.pool.Exec(ctx, `UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1`, hash); err != nil {
			return nil, lookupFacts{}, fmt.Errorf("record session activity: %w", err)
		}
	}
	return values, facts, nil
}

// write inserts a new session and updates an existing one, never the other
// way round: a request that saves after logout deleted the row must not
// bring the session back.
func (s *SessionStore) write(ctx context.Context, sess *sessions.Session, data []byte, values map[string]string) error {
	orgNo, domain := nullable(values[keyOrgNo]), nullable(values[keyEmailDomain])
	if !sess.IsNew {
		tag, err := s.pool.Exec(ctx, `
			UPDATE sessions SET data = $2, org_no = $3, email_domain = $4, last_seen_at = now()
			WHERE token_hash = $1 AND expires_at > now()`,
			hashToken(sess.ID), data, orgNo, domain)
		if err != nil {
			return fmt.Errorf("save session: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return ErrSessionEnded
		}
		return nil
	}
	expires := time.Now().Add(time.Duration(sess.Options.MaxAge) * time.Second)
	if _, err := s.pool.Exec(ctx, `
		INSERT INTO sessions (token_hash, data, org_no, email_domain, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		hashToken(sess.ID), data, orgNo, domain, expires); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	sess.IsNew = false
	return nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
