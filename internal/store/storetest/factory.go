package storetest

import (
	"fmt"
	"sync/atomic"

	"github.com/digdir/selvbetjening/internal/orgno"
	"github.com/digdir/selvbetjening/internal/personid"
)

// The factories in this package make the rows a test needs, each with
// defaults that make a valid row of its own (an organisation number no other
// factory call gave out, say), so a test names only what it is about. They
// write through the domain's functions where the domain has one (Integration,
// Key), so a factory's row is one the portal could have made, audit entry and
// all.

var sequence atomic.Int64

// next is a number no other call in this test binary got.
func next() int64 { return sequence.Add(1) }

// newOrgNo is an organisation number with a valid check digit, in a range
// the demo data does not use.
func newOrgNo() string {
	for {
		no := fmt.Sprintf("%09d", 320000000+next())
		if orgno.Validate(no) == nil {
			return no
		}
	}
}

// PersonNumber is a fresh person number, for a person the test registers
// nowhere.
func PersonNumber() string { return newPID() }

// newPID is a synthetic person number (month + 80, as in ID-porten's test
// environment) with valid check digits, so it can never be a real person's.
func newPID() string {
	for {
		n := next()
		// Day 1–28, month 81–92 (synthetic), year and individual number from n.
		base := fmt.Sprintf("%02d%02d%02d%03d", 1+n%28, 81+(n/28)%12, (n/336)%100, (n/33600)%1000)
		for k := range 100 {
			pid := fmt.Sprintf("%s%02d", base, k)
			if personid.Validate(pid) == nil {
				return pid
			}
		}
	}
}
