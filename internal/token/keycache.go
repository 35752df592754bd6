package token

import (
	"bytes"
	"sync"

	"github.com/go-jose/go-jose/v4"
)

// maxCachedKeys bounds the parsed client keys held: past it the cache
// starts again, so a flood of integrations cannot grow it without end.
const maxCachedKeys = 50_000

// clientKeys holds the integrations' public keys as parsed, by the
// integration_keys row's id, so that a key is parsed once and not on every
// token request. The row read by the request stays the authority: a key is
// used only when the JWK just read is byte for byte the one parsed, and a
// removed key is never read, so nothing here outlives its row.
type clientKeys struct {
	mu   sync.RWMutex
	keys map[int64]parsedKey
}

type parsedKey struct {
	jwk []byte
	key any
}

func newClientKeys() *clientKeys { return &clientKeys{keys: map[int64]parsedKey{}} }

// parse returns the public key of the JWK stored in row id.
func (c *clientKeys) parse(id int64, jwk []byte) (any, error) {
	c.mu.RLock()
	p, ok := c.keys[id]
	c.mu.RUnlock()
	if ok && bytes.Equal(p.jwk, jwk) {
		return p.key, nil
	}
	var k jose.JSONWebKey
	if err := k.UnmarshalJSON(jwk); err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.keys) >= maxCachedKeys {
		c.keys = map[int64]parsedKey{}
	}
	c.keys[id] = parsedKey{jwk: bytes.Clone(jwk), key: k.Key}
	c.mu.Unlock()
	return k.Key, nil
}
