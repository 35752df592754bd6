package token

import (
	"sync"
	"time"

	"github.com/google/uuid"
)

// CountBucket is the granularity of the counts per integration.
const CountBucket = 5 * time.Minute

// OutcomeIssued is the outcome of a request that got a token; a refused one
// counts under its Code.
const OutcomeIssued = "issued"

type countKey struct {
	clientID uuid.UUID
	bucket   time.Time
	outcome  string
}

// counts adds up, in the process, the answers per integration and when each
// key was last used, until the flusher writes them.
type counts struct {
	mu      sync.Mutex
	answers map[countKey]int64
	keyUse  map[int64]time.Time
}

func newCounts() *counts {
	return &counts{answers: map[countKey]int64{}, keyUse: map[int64]time.Time{}}
}

func (c *counts) answer(clientID uuid.UUID, outcome string, now time.Time) {
	c.mu.Lock()
	c.answers[countKey{clientID, now.Truncate(CountBucket), outcome}]++
	c.mu.Unlock()
}

func (c *counts) keyUsed(keyID int64, now time.Time) {
	c.mu.Lock()
	if now.After(c.keyUse[keyID]) {
		c.keyUse[keyID] = now
	}
	c.mu.Unlock()
}

// take empties the counts for writing.
func (c *counts) take() (map[countKey]int64, map[int64]time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, k := c.answers, c.keyUse
	c.answers, c.keyUse = map[countKey]int64{}, map[int64]time.Time{}
	return a, k
}

// giveBack returns counts whose write failed, to be written next time.
func (c *counts) giveBack(a map[countKey]int64, k map[int64]time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for key, n := range a {
		c.answers[key] += n
	}
	for id, t := range k {
		if t.After(c.keyUse[id]) {
			c.keyUse[id] = t
		}
	}
}
