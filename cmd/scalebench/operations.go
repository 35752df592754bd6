package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/token"
)

// operation is one request a person or a client makes; do times only the
// HTTP exchange, not what the client prepares (a signed assertion).
type operation struct {
	name string
	do   func(ctx context.Context, p *portal) (time.Duration, error)
}

// operations in the order they run: creating comes before an
// integration's page, which shows the integrations just created.
func operations() []operation {
	return []operation{
		{"list page", func(ctx context.Context, p *portal) (time.Duration, error) {
			return p.get(ctx, paths.IntegrationList(environment.Test))
		}},
		{"list page 41", func(ctx context.Context, p *portal) (time.Duration, error) {
			return p.get(ctx, paths.IntegrationListPage(environment.Test, false, p.deepCursor))
		}},
		{"scope picker search", scopeSearch},
		{"create integration", createIntegration},
		{"integration page", func(ctx context.Context, p *portal) (time.Duration, error) {
			p.turn++
			return p.get(ctx, paths.Integration(p.created[p.turn%len(p.created)]))
		}},
		{"token (RS256)", tokenRequest},
	}
}

var (
	csrfField        = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	creationKeyField = regexp.MustCompile(`name="opprettingsnokkel" value="([^"]+)"`)
)

func (p *portal) get(ctx context.Context, path string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.site.URL+path, nil)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	resp, err := p.kari.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %d", path, resp.StatusCode)
	}
	return d, nil
}

// post sends a form as Kari's browser does and returns the page it ends on.
func (p *portal) post(ctx context.Context, target string, form url.Values) (string, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return "", nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.kari.Do(req)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), resp, err
}

// newForm opens «Ny integrasjon» in TEST and returns its hidden fields
// filled in with a name, a lifetime and the service.
func (p *portal) newForm(ctx context.Context) (url.Values, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.site.URL+paths.IntegrationNew(environment.Test), nil)
	if err != nil {
		return nil, err
	}
	resp, err := p.kari.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("open the form: %d %v", resp.StatusCode, err)
	}
	body := string(raw)
	csrf, key := csrfField.FindStringSubmatch(body), creationKeyField.FindStringSubmatch(body)
	if csrf == nil || key == nil {
		return nil, fmt.Errorf("the form has no csrf or creation key field")
	}
	return url.Values{"csrf": {csrf[1]}, "miljo": {"TEST"}, "opprettingsnokkel": {key[1]},
		"tjeneste": {"maskinporten"}, "navn": {"Skalatest"}, "levetid": {"120"}}, nil
}

// scopeSearch is «Søk» in the scope picker for a part of one scope's name,
// among the 10,000 shared with Eksempel Konsument.
func scopeSearch(ctx context.Context, p *portal) (time.Duration, error) {
	form, err := p.newForm(ctx)
	if err != nil {
		return 0, err
	}
	p.turn++
	want := fmt.Sprintf("api-%05d", 1+(p.turn*7919)%p.scale.Scopes)
	form.Set("virksomhet", demo.EksempelKonsument)
	form.Set("handling", "sok")
	form.Set("side", "1")
	form.Set("sok", want)
	start := time.Now()
	page, resp, err := p.post(ctx, p.site.URL+paths.IntegrationCreate, form)
	d := time.Since(start)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, demo.BulkPrefix+":"+want) {
		return 0, fmt.Errorf("search for %s: %d, found it: %t", want, resp.StatusCode, strings.Contains(page, want))
	}
	return d, nil
}

// createIntegration is the whole of creating one as a browser does it:
// open «Ny integrasjon», «Opprett», follow to the new integration's page.
func createIntegration(ctx context.Context, p *portal) (time.Duration, error) {
	start := time.Now()
	form, err := p.newForm(ctx)
	if err != nil {
		return 0, err
	}
	form.Set("scope", "skatteetaten:mva")
	form.Set("handling", "opprett")
	_, resp, err := p.post(ctx, p.site.URL+paths.IntegrationCreate, form)
	d := time.Since(start)
	if err != nil {
		return 0, err
	}
	id, perr := uuid.Parse(strings.TrimPrefix(resp.Request.URL.Path, "/integrasjoner/"))
	if resp.StatusCode != http.StatusOK || perr != nil {
		return 0, fmt.Errorf("create: ended at %s with %d", resp.Request.URL.Path, resp.StatusCode)
	}
	p.created = append(p.created, id)
	return d, nil
}

// tokenRequest asks the TEST endpoint for an access token with a fresh
// RS256 assertion of one of the bulk integrations, for its first scope.
func tokenRequest(ctx context.Context, p *portal) (time.Duration, error) {
	p.turn++
	c := p.tokenClients[p.turn%len(p.tokenClients)]
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: c.Key, KeyID: c.KID}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return 0, err
	}
	now := time.Now()
	claims, _ := json.Marshal(map[string]any{"aud": p.issuer, "iss": c.ClientID.String(), "scope": c.Scopes[0],
		"iat": now.Unix(), "exp": now.Add(100 * time.Second).Unix(), "jti": uuid.NewString()})
	jws, err := signer.Sign(claims)
	if err != nil {
		return 0, err
	}
	assertion, _ := jws.CompactSerialize()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.tokenURL,
		strings.NewReader(url.Values{"grant_type": {token.GrantType}, "assertion": {assertion}}.Encode()))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	var answer struct {
		AccessToken string `json:"access_token"`
		Error       string `json:"error_description"`
	}
	err = json.NewDecoder(resp.Body).Decode(&answer)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil || resp.StatusCode != http.StatusOK || answer.AccessToken == "" {
		return 0, fmt.Errorf("token for %s: %d %s %v", c.ClientID, resp.StatusCode, answer.Error, err)
	}
	return d, nil
}
