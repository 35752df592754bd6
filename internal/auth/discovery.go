package auth

import (
	"context"
	"fmt"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/sync/singleflight"
)

// discovery fetches the provider's metadata on first use and caches it, so
// the portal starts even while the provider is still starting. A cache of
// public metadata, identical in every process, does not hinder running several.
//
// No lock is held across the network: callers that arrive while a fetch is
// under way wait for that one fetch (singleflight), each only as long as its
// own request lasts.
type discovery struct {
	issuer string
	flight singleflight.Group

	mu       sync.Mutex // guards the two fields below, never held across a call
	provider *oidc.Provider
	endpoint string // end_session_endpoint
}

type discovered struct {
	provider *oidc.Provider
	endpoint string
}

func (d *discovery) get(ctx context.Context) (*oidc.Provider, string, error) {
	d.mu.Lock()
	p, endpoint := d.provider, d.endpoint
	d.mu.Unlock()
	if p != nil {
		return p, endpoint, nil
	}
	// The fetch outlives the request that started it: the others waiting for
	// it must not fail because the first visitor left.
	fetchCtx := context.WithoutCancel(ctx)
	ch := d.flight.DoChan("discover", func() (any, error) { return d.fetch(fetchCtx) })
	select {
	case <-ctx.Done():
		return nil, "", fmt.Errorf("%w: discovery at %s: %w", ErrProviderDown, d.issuer, ctx.Err())
	case res := <-ch:
		if res.Err != nil {
			return nil, "", res.Err
		}
		got := res.Val.(discovered)
		return got.provider, got.endpoint, nil
	}
}

func (d *discovery) fetch(ctx context.Context) (discovered, error) {
	ctx, cancel := context.WithTimeout(ctx, providerTimeout)
	defer cancel()
	// The provider keeps this context's client (not its deadline) for fetching signing keys later.
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, providerClient), d.issuer)
	if err != nil {
		return discovered{}, fmt.Errorf("%w: discovery at %s: %v", ErrProviderDown, d.issuer, err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&meta); err != nil {
		return discovered{}, fmt.Errorf("%w: read metadata: %v", ErrProviderDown, err)
	}
	d.mu.Lock()
	d.provider, d.endpoint = p, meta.EndSession
	d.mu.Unlock()
	return discovered{p, meta.EndSession}, nil
}
