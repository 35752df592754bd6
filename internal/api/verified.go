package api

import (
	"sync"
	"time"
)

// maxVerifiedTokens bounds the tokens remembered: far more than the API
// clients calling in one token lifetime (two minutes), at some 1 KB each.
const maxVerifiedTokens = 10_000

// verifiedTokens remembers the tokens whose signature and claims were
// checked, until they expire. A script sends the same token for its whole
// lifetime, and checking an RS256 signature and decoding the claims again
// took a sixth of a GET /clients under load (make bench-api). A token is
// remembered by its exact text, so only the same signed bytes match; a
// change of its issuer's keys forgets it.
type verifiedTokens struct {
	mu sync.Mutex
	m  map[string]tokenFacts
}

func (v *verifiedTokens) get(raw string, now time.Time) (tokenFacts, bool) {
	v.mu.Lock()
	f, ok := v.m[raw]
	v.mu.Unlock()
	if !ok || now.After(f.expiry.Add(leeway)) {
		return tokenFacts{}, false
	}
	if _, generation, err := f.issuer.keys(); err != nil || generation != f.generation {
		return tokenFacts{}, false
	}
	return f, true
}

func (v *verifiedTokens) put(raw string, f tokenFacts, now time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[string]tokenFacts{}
	}
	if len(v.m) >= maxVerifiedTokens {
		for k, old := range v.m {
			if now.After(old.expiry.Add(leeway)) {
				delete(v.m, k)
			}
		}
		if len(v.m) >= maxVerifiedTokens {
			clear(v.m) // all still valid: checking some again costs less than tracking age
		}
	}
	v.m[raw] = f
}
