package token_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/internal/store/storetest"
	"github.com/digdir/selvbetjening/internal/token"
)

// BenchmarkToken is one token request through the endpoint, without HTTP:
// parse and check the ES256 grant, the SELECT, the jti INSERT and an RS256
// access token. make bench-token measures it over HTTP under load.
func BenchmarkToken(b *testing.B) {
	ctx := context.Background()
	dbURL := storetest.URL(b)
	owner, err := store.Open(ctx, dbURL)
	require.NoError(b, err)
	b.Cleanup(owner.Close)
	require.NoError(b, demo.Seed(ctx, owner))
	clients, err := demo.BulkTokenClients(ctx, owner, 1000)
	require.NoError(b, err)
	s, err := token.Start(ctx, storetest.ServingPool(b, dbURL), token.Options{
		Endpoints:        []token.EndpointConfig{{Env: environment.Test, Issuer: testIssuer}},
		KeyEncryptionKey: testKEK,
	})
	require.NoError(b, err)
	b.Cleanup(s.Close)
	e := s.Endpoint(environment.Test)

	var active []demo.TokenClient
	for _, c := range clients {
		if c.Active {
			active = append(active, c)
		}
	}
	forms := make([]url.Values, b.N)
	now := time.Now()
	for i := range forms {
		c := active[i%len(active)]
		var jwk jose.JSONWebKey
		require.NoError(b, jwk.UnmarshalJSON(c.JWK))
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jwk}, nil)
		require.NoError(b, err)
		payload, _ := json.Marshal(map[string]any{"aud": testIssuer, "iss": c.ClientID, "scope": c.Scope,
			"iat": now.Unix(), "exp": now.Add(100 * time.Second).Unix(), "jti": uuid.NewString()})
		jws, err := signer.Sign(payload)
		require.NoError(b, err)
		raw, _ := jws.CompactSerialize()
		forms[i] = url.Values{"grant_type": {token.GrantType}, "assertion": {raw}}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, r, err := e.Token(ctx, token.Request{Form: forms[i], Address: "127.0.0.1"})
		if err != nil || r != nil {
			b.Fatalf("token %d: %v %v", i, err, r)
		}
	}
}
