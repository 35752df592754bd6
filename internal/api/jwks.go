package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/digdir/selvbetjening/internal/integration"
)

// JWK is a public key in Digdir's JWKS. Private members (d, p, q, …) are
// refused, whatever else the key holds.
type JWK struct {
	_   struct{} `additionalProperties:"true"`
	Kty string   `json:"kty" enum:"RSA,EC"`
	Kid string   `json:"kid" doc:"Letters, digits and ._- ; unique within the integration."`
	Alg string   `json:"alg" enum:"RS256,RS384,RS512,ES256,ES384"`
	Use string   `json:"use" enum:"sig"`
	N   string   `json:"n,omitempty"`
	E   string   `json:"e,omitempty"`
	Crv string   `json:"crv,omitempty"`
	X   string   `json:"x,omitempty"`
	Y   string   `json:"y,omitempty"`
	X5c []string `json:"x5c,omitempty"`
	Exp int64    `json:"exp,omitempty" doc:"When the key expires (Unix time): a year after it was last sent, or its certificate's expiry if sooner. Sending it again renews it."`
}

// JWKS is an integration's key set.
type JWKS struct {
	Keys        []JWK      `json:"keys"`
	Created     *time.Time `json:"created,omitempty" doc:"When the oldest key was added; absent without keys."`
	LastUpdated *time.Time `json:"last_updated,omitempty" doc:"When the newest key was added; absent without keys."`
}

type jwksOutput struct {
	ETag string `header:"ETag"`
	Body JWKS
}

type replaceJWKSInput struct {
	ClientPath
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" doc:"Makes a retried write return the first result."`
	RawBody        []byte
	Body           struct {
		Keys []JWK `json:"keys" doc:"1 to 5 keys; DELETE removes them all."`
	}
}

func (s *Server) registerJWKS(a huma.API) {
	huma.Register(a, huma.Operation{
		OperationID: "getClientJwks", Method: http.MethodGet, Path: "/clients/{id}/jwks", Tags: []string{"keys"},
		Summary: "The integration's public keys", Security: needs(ScopeRead, ScopeWrite), Errors: []int{401, 403, 404, 429},
	}, s.getJWKS)
	huma.Register(a, huma.Operation{
		OperationID: "replaceClientJwks", Method: http.MethodPost, Path: "/clients/{id}/jwks", Tags: []string{"keys"},
		Summary:      "Replace the integration's public keys",
		Description:  "The set given replaces the whole set: keys left out are removed. At most " + strconv.Itoa(integration.MaxActiveKeys) + " keys.",
		MaxBodyBytes: MaxBodyBytes, Security: needs(ScopeWrite), Errors: []int{400, 401, 403, 404, 409, 413, 422, 429},
	}, s.replaceJWKS)
	huma.Register(a, huma.Operation{
		OperationID: "deleteClientJwks", Method: http.MethodDelete, Path: "/clients/{id}/jwks", Tags: []string{"keys"},
		Summary: "Remove every public key of the integration", DefaultStatus: http.StatusNoContent,
		Security: needs(ScopeWrite), Errors: []int{401, 403, 404, 409, 429},
	}, s.deleteJWKS)
}

func (s *Server) jwksAnswer(ctx context.Context, in ClientPath) (*jwksOutput, error) {
	id, err := in.clientID()
	if err != nil {
		return nil, err
	}
	if _, err := s.clientOf(ctx, id); err != nil {
		return nil, s.fail(ctx, err)
	}
	stored, err := integration.PublicKeys(ctx, s.reads, callerFrom(ctx).Actor.OrgNo, id)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &jwksOutput{Body: JWKS{Keys: make([]JWK, len(stored))}}
	tag := ""
	for n, k := range stored {
		if err := json.Unmarshal(k.JWK, &out.Body.Keys[n]); err != nil {
			return nil, s.fail(ctx, err)
		}
		out.Body.Keys[n].Exp = k.ExpiresAt.Unix()
		created := k.CreatedAt
		if n == 0 {
			out.Body.Created = &created
		}
		out.Body.LastUpdated = &created
		tag += strconv.FormatInt(k.ID, 36) + "."
	}
	// The set's tag names its keys' rows: any change makes new rows.
	out.ETag = `"k` + tag + `"`
	return out, nil
}

func (s *Server) getJWKS(ctx context.Context, in *ClientPath) (*jwksOutput, error) {
	return s.jwksAnswer(ctx, *in)
}

func (s *Server) replaceJWKS(ctx context.Context, in *replaceJWKSInput) (*jwksOutput, error) {
	id, err := in.clientID()
	if err != nil {
		return nil, err
	}
	return idempotent(ctx, s, in.IdempotencyKey, http.MethodPost, "/clients/"+id.String()+"/jwks", in.RawBody, func() (*jwksOutput, error) {
		if _, err := s.clientOf(ctx, id); err != nil {
			return nil, s.fail(ctx, err)
		}
		t := catalogue()
		if len(in.Body.Keys) == 0 {
			return nil, problem(http.StatusUnprocessableEntity, CodeInvalid, t.Invalid,
				FieldProblem{Field: "keys", Code: "no_keys", Detail: t.KeysEmpty})
		}
		if len(in.Body.Keys) > integration.MaxActiveKeys {
			return nil, problem(http.StatusUnprocessableEntity, CodeInvalid, t.Invalid,
				FieldProblem{Field: "keys", Code: "too_many_keys", Detail: t.TooManyKeys(integration.MaxActiveKeys)})
		}
		// Each key goes to the domain as sent, every member included, so
		// that a private member is seen and refused, never dropped.
		var raw struct {
			Keys []json.RawMessage `json:"keys"`
		}
		if err := json.Unmarshal(in.RawBody, &raw); err != nil || len(raw.Keys) != len(in.Body.Keys) {
			return nil, problem(http.StatusBadRequest, CodeInvalid, t.Invalid)
		}
		jwks := make([]string, len(raw.Keys))
		for n, k := range raw.Keys {
			jwks[n] = string(k)
		}
		if err := integration.ReplaceKeys(ctx, s.pool, callerFrom(ctx).Actor, id, jwks); err != nil {
			return nil, s.keyProblem(ctx, err)
		}
		return s.jwksAnswer(ctx, in.ClientPath)
	})
}

// keyProblem names the key a refusal is about: keys[2].
func (s *Server) keyProblem(ctx context.Context, err error) error {
	var ke *integration.KeySetError
	if !errors.As(err, &ke) {
		return s.fail(ctx, err)
	}
	detail, _ := textFor().Keys.Refusal(ke.Err)
	return problem(http.StatusUnprocessableEntity, CodeInvalid, catalogue().Invalid,
		FieldProblem{Field: "keys[" + strconv.Itoa(ke.Index) + "]", Code: keyCode(ke.Err), Detail: detail})
}

func (s *Server) deleteJWKS(ctx context.Context, in *ClientPath) (*struct{}, error) {
	id, err := in.clientID()
	if err != nil {
		return nil, err
	}
	if _, err := s.clientOf(ctx, id); err != nil {
		return nil, s.fail(ctx, err)
	}
	if err := integration.ReplaceKeys(ctx, s.pool, callerFrom(ctx).Actor, id, nil); err != nil {
		return nil, s.fail(ctx, err)
	}
	return nil, nil
}
