package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/paths"
)

// apiRateLimit is the REST API's limit in a load run: so high that no
// request is refused, while every request is still counted by the limiter
// shared by all processes, as in production.
const apiRateLimit = "1000000000"

// apiScript is Eksempel Konsument AS's admin integration, as a script
// holds it: a client id and the private key of its one key. It gets its
// access tokens from the portal's own TEST token endpoint, as the guide
// «Selvbetjening som API-konsument» has a script do.
type apiScript struct {
	clientID uuid.UUID
	kid      string
	key      *ecdsa.PrivateKey
	issuer   string
}

// newAPIScript makes the admin integration, with idporten:dcr.read, as Kari
// would in the browser, and gives it a fresh P-256 key.
func newAPIScript(ctx context.Context, owner *pgxpool.Pool, issuer string) (apiScript, error) {
	kari := identity.Actor{
		Person:  identity.Person{Name: demo.Kari.Name, PID: demo.Kari.PID, Email: demo.Kari.Email},
		OrgNo:   demo.EksempelKonsument,
		OrgName: "Eksempel Konsument AS",
		// Made as if just logged in, as the demo seed does.
		FreshLoginUntil: time.Now().Add(time.Hour),
	}
	id, err := integration.Create(ctx, owner, kari, environment.Test, uuid.New(), integration.Draft{
		Service: integration.ServiceMaskinporten, Name: "Lastklient", Description: "Kaller API-et i lastkjøringen",
		Scopes: []string{api.ScopeRead}, TokenLifetime: fmt.Sprint(integration.DefaultTokenLifetime)})
	if err != nil {
		return apiScript{}, fmt.Errorf("admin integration: %w", err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return apiScript{}, err
	}
	s := apiScript{clientID: id, kid: "lastklient-1", key: key, issuer: issuer}
	jwk, err := json.Marshal(jose.JSONWebKey{Key: &key.PublicKey, KeyID: s.kid, Algorithm: "ES256", Use: "sig"})
	if err != nil {
		return apiScript{}, err
	}
	if _, err := integration.AddKey(ctx, owner, kari, id, string(jwk)); err != nil {
		return apiScript{}, fmt.Errorf("admin integration's key: %w", err)
	}
	return s, nil
}

// token asks the token endpoint for an access token with a signed grant.
func (s apiScript) token(ctx context.Context) (string, error) {
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: s.key, KeyID: s.kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	now := time.Now()
	claims, err := json.Marshal(map[string]any{"aud": s.issuer, "iss": s.clientID.String(), "scope": api.ScopeRead,
		"iat": now.Unix(), "exp": now.Add(100 * time.Second).Unix(), "jti": uuid.NewString()})
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(claims)
	if err != nil {
		return "", err
	}
	grant, err := jws.CompactSerialize()
	if err != nil {
		return "", err
	}
	form := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {grant}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, paths.TokenEndpoint(s.issuer), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("token request: %w", err)
	}
	defer resp.Body.Close()
	var answer struct {
		AccessToken string `json:"access_token"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return "", fmt.Errorf("token answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK || answer.AccessToken == "" {
		return "", fmt.Errorf("token endpoint answered %d: %s %s", resp.StatusCode, answer.Error, answer.Description)
	}
	return answer.AccessToken, nil
}

// tokenRefresh is how often keepToken writes a new token: half its 120 s,
// so one read from the file is good for a minute at least.
const tokenRefresh = time.Minute

// keepToken writes a fresh access token to path now and every tokenRefresh
// until ctx ends, replacing the file whole so a reader never sees half a
// token. It returns the first token; with no path it only gets that one.
func (s apiScript) keepToken(ctx context.Context, path string, log *slog.Logger) (string, error) {
	if path == "" {
		return s.token(ctx)
	}
	write := func() (string, error) {
		tok, err := s.token(ctx)
		if err != nil {
			return "", err
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".token-*")
		if err != nil {
			return "", err
		}
		if _, err := tmp.WriteString(tok); err != nil {
			tmp.Close()
			return "", err
		}
		if err := tmp.Close(); err != nil {
			return "", err
		}
		return tok, os.Rename(tmp.Name(), path)
	}
	first, err := write()
	if err != nil {
		return "", err
	}
	go func() {
		tick := time.NewTicker(tokenRefresh)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if _, err := write(); err != nil && ctx.Err() == nil {
					log.Error("refresh the API token", "error", err)
				}
			}
		}
	}()
	return first, nil
}
