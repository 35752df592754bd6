package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/store"
)

// The states of an access request, as in Digdir's API.
const (
	StateRequested = "REQUESTED"
	StateApproved  = "APPROVED"
	StateDenied    = "DENIED"
)

// What happens to a request that its e-mail is about (mail.AccessRequestCause).
const (
	EventReceived = "received" // to the provider's notification points
	EventAnswered = "answered" // to the requesting organisation's
)

// Notify queues the e-mail about event on the requests in tx, the
// transaction of the change itself, so the e-mail goes if and only if the
// change is saved; a grant may answer many requests at once. The words are
// not this package's (internal/accessmail writes them); nil queues nothing.
type Notify func(ctx context.Context, tx pgx.Tx, event string, requests []Request) error

// EntityAccessRequest is the audit log's entity type for an access request.
const EntityAccessRequest = "scope_access_request"

// ErrAlreadyOffered: the scope is offered to the organisation in that
// environment already, so there is nothing to ask for.
var ErrAlreadyOffered = errors.New("the scope is offered to the organisation already")

// Request is a consumer's request for a scope in one environment.
type Request struct {
	ID          int64
	ScopeID     int64
	ScopeName   string
	OrgNo       string // who asks
	OrgName     string
	Provider    string // the name of the prefix's owner
	ProviderNo  string // its organisation number
	Env         environment.Env
	State       string
	Reason      string // the consumer's, optional
	Answer      string // the provider's reason for a denial
	RequestedBy string
	RequestedAt time.Time
	AnsweredBy  string
	AnsweredAt  *time.Time
}

type requestSnapshot struct {
	Scope  string `json:"scope"`
	OrgNo  string `json:"org_no"`
	Env    string `json:"env"`
	State  string `json:"state"`
	Reason string `json:"reason"`
	Answer string `json:"answer"`
}

func (r Request) snapshot() requestSnapshot {
	return requestSnapshot{Scope: r.ScopeName, OrgNo: r.OrgNo, Env: string(r.Env), State: r.State, Reason: r.Reason, Answer: r.Answer}
}

const requestColumns = `r.id, r.scope_id, s.name, r.org_no, o.name, po.name, po.org_no, r.env, r.state, r.reason, r.answer,
	r.requested_by, r.requested_at, r.answered_by, r.answered_at`

const requestFrom = `scope_access_requests r
	JOIN scopes s ON s.id = r.scope_id
	JOIN scope_prefixes p ON p.prefix = s.prefix
	JOIN organisations o ON o.org_no = r.org_no
	JOIN organisations po ON po.org_no = p.org_no`

func scanRequest(row pgx.Row) (Request, error) {
	var r Request
	err := row.Scan(&r.ID, &r.ScopeID, &r.ScopeName, &r.OrgNo, &r.OrgName, &r.Provider, &r.ProviderNo, &r.Env, &r.State, &r.Reason,
		&r.Answer, &r.RequestedBy, &r.RequestedAt, &r.AnsweredBy, &r.AnsweredAt)
	return r, err
}

func collectRequests(rows pgx.Rows, err error, what string) ([]Request, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Request, error) { return scanRequest(r) })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// Ask is a consumer's "Be om tilgang": a request to the owner of the scope
// named name for access in env. The scope must be one the consumer may know
// of (public, or shared with them in the other environment) and not already
// offered to them; any other name is store.ErrNotFound. Asking while a
// request is open returns that one, with created false. A new request is
// e-mailed to the provider's notification points (notify).
func Ask(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, env environment.Env, name, reason string, notify Notify) (Request, bool, error) {
	if err := access.ChangeIn(ctx, pool, actor, env); err != nil {
		return Request{}, false, err
	}
	reason, errs := CheckReason(reason, false)
	var out Request
	created := false
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		var scopeID int64
		var offered bool
		err := tx.QueryRow(ctx, `
			SELECT s.id, s.accessible_for_all OR EXISTS (
			           SELECT 1 FROM scope_grants g WHERE g.scope_id = s.id AND g.org_no = $2 AND g.env = $3)
			FROM scopes s
			WHERE s.name = $1 AND s.active
			  AND (s.visibility = 'PUBLIC' OR EXISTS (
			           SELECT 1 FROM scope_grants g WHERE g.scope_id = s.id AND g.org_no = $2 AND g.env <> $3))`,
			name, actor.OrgNo, string(env)).Scan(&scopeID, &offered)
		if err != nil {
			return store.NotFound(err, "scope to ask for")
		}
		if offered {
			return ErrAlreadyOffered
		}
		if errs != nil {
			return errs
		}
		var id int64
		err = tx.QueryRow(ctx, `
			INSERT INTO scope_access_requests (scope_id, org_no, env, reason, requested_by)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (scope_id, org_no, env) WHERE state = 'REQUESTED' DO NOTHING
			RETURNING id`, scopeID, actor.OrgNo, string(env), reason, actor.Name).Scan(&id)
		switch {
		case store.NoRow(err):
			// One is open already: asking twice does nothing new.
			err = tx.QueryRow(ctx, `SELECT id FROM scope_access_requests
				WHERE scope_id = $1 AND org_no = $2 AND env = $3 AND state = 'REQUESTED'`,
				scopeID, actor.OrgNo, string(env)).Scan(&id)
			if err != nil {
				return fmt.Errorf("open request for %s: %w", name, err)
			}
		case err != nil:
			return fmt.Errorf("ask for %s in %s: %w", name, env, err)
		default:
			created = true
		}
		out, err = scanRequest(tx.QueryRow(ctx, `SELECT `+requestColumns+` FROM `+requestFrom+` WHERE r.id = $1`, id))
		if err != nil {
			return fmt.Errorf("read request %d: %w", id, err)
		}
		if !created {
			return nil
		}
		if err := audit.Record(ctx, tx, actor, audit.Entry{Action: audit.ScopeAccessRequest, EntityType: EntityAccessRequest,
			EntityID: strconv.FormatInt(id, 10), After: out.snapshot()}); err != nil {
			return err
		}
		return notify.queue(ctx, tx, EventReceived, []Request{out})
	})
	if err != nil {
		return Request{}, false, err
	}
	return out, created, nil
}

// RequestsOf lists the requests orgNo has made, newest first, with their answers.
func RequestsOf(ctx context.Context, db store.DB, orgNo string) ([]Request, error) {
	rows, err := db.Query(ctx, `SELECT `+requestColumns+` FROM `+requestFrom+`
		WHERE r.org_no = $1 ORDER BY r.requested_at DESC, r.id DESC LIMIT 200`, orgNo)
	return collectRequests(rows, err, "requests of "+orgNo)
}

// OpenRequests lists the open requests for orgNo's scopes in env, oldest first.
func OpenRequests(ctx context.Context, db store.DB, orgNo string, env environment.Env) ([]Request, error) {
	rows, err := db.Query(ctx, `SELECT `+requestColumns+` FROM `+requestFrom+`
		WHERE p.org_no = $1 AND r.env = $2 AND r.state = 'REQUESTED'
		ORDER BY r.requested_at, r.id`, orgNo, string(env))
	return collectRequests(rows, err, "open requests to "+orgNo)
}

// Approve is "Godkjenn": the requesting organisation gets the scope in the
// request's environment, and an e-mail to its notification points (notify).
func Approve(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, requestID int64, notify Notify) error {
	return answer(ctx, pool, actor, requestID, StateApproved, "", notify)
}

// Deny is "Avslå", with a reason the consumer sees, in the e-mail too.
func Deny(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, requestID int64, reason string, notify Notify) error {
	return answer(ctx, pool, actor, requestID, StateDenied, reason, notify)
}

func (n Notify) queue(ctx context.Context, tx pgx.Tx, event string, requests []Request) error {
	if n == nil || len(requests) == 0 {
		return nil
	}
	if err := n(ctx, tx, event, requests); err != nil {
		return fmt.Errorf("e-mail about %d access requests (%s): %w", len(requests), event, err)
	}
	return nil
}

// answeredByGrant reads the requests a grant just answered (ids), for
// their e-mail.
func answeredByGrant(ctx context.Context, tx pgx.Tx, ids []int64) ([]Request, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `SELECT `+requestColumns+` FROM `+requestFrom+` WHERE r.id = ANY($1) ORDER BY r.id`, ids)
	return collectRequests(rows, err, "requests answered by a grant")
}

func answer(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, requestID int64, state, reason string, notify Notify) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		before, err := scanRequest(tx.QueryRow(ctx, `SELECT `+requestColumns+` FROM `+requestFrom+`
			WHERE r.id = $1 AND p.org_no = $2 FOR UPDATE OF r`, requestID, actor.OrgNo))
		if err != nil {
			return store.NotFound(err, "access request "+strconv.FormatInt(requestID, 10))
		}
		if err := access.ChangeIn(ctx, tx, actor, before.Env); err != nil {
			return err
		}
		if before.State != StateRequested {
			return ErrAnswered
		}
		if state == StateDenied {
			r, fe := checkReason(reason, true)
			if fe != nil {
				return FieldErrors{FieldReason: *fe}
			}
			reason = r
		}
		if _, err := tx.Exec(ctx, `
			UPDATE scope_access_requests SET state = $2, answer = $3, answered_by = $4, answered_at = now()
			WHERE id = $1`, requestID, state, reason, actor.Name); err != nil {
			return fmt.Errorf("answer request %d: %w", requestID, err)
		}
		action := audit.ScopeAccessDeny
		if state == StateApproved {
			action = audit.ScopeAccessApprove
			if err := insertGrants(ctx, tx, actor, before.ScopeID, before.Env, []string{before.OrgNo}); err != nil {
				return err
			}
		}
		after := before
		after.State, after.Answer, after.AnsweredBy = state, reason, actor.Name
		if err := audit.Record(ctx, tx, actor, audit.Entry{Action: action, EntityType: EntityAccessRequest,
			EntityID: strconv.FormatInt(requestID, 10), Before: before.snapshot(), After: after.snapshot()}); err != nil {
			return err
		}
		return notify.queue(ctx, tx, EventAnswered, []Request{after})
	})
}

// RequestEnv is the environment of a request for one of orgNo's scopes;
// any other request is store.ErrNotFound.
func RequestEnv(ctx context.Context, db store.DB, orgNo string, requestID int64) (environment.Env, error) {
	var env environment.Env
	err := db.QueryRow(ctx, `
		SELECT r.env FROM scope_access_requests r
		JOIN scopes s ON s.id = r.scope_id JOIN scope_prefixes p ON p.prefix = s.prefix
		WHERE r.id = $1 AND p.org_no = $2`, requestID, orgNo).Scan(&env)
	if err != nil {
		return "", store.NotFound(err, "access request "+strconv.FormatInt(requestID, 10))
	}
	return env, nil
}
