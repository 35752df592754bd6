// Package oslotime is the portal's wall-clock time: the users, and the
// people its e-mails reach, are in Norway, so times they read are Oslo
// time, whatever the server's zone.
package oslotime

import (
	"time"
	_ "time/tzdata" // Europe/Oslo on any machine, also in tests without zoneinfo
)

// Location is Europe/Oslo, summer time included.
var Location = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		panic("the embedded time zone database lacks Europe/Oslo: " + err.Error())
	}
	return loc
}()

// Format is t as an e-mail says it: "03.12.2026 kl. 08.00", in Oslo time
// (the way Norwegian prose writes a time of day).
func Format(t time.Time) string { return t.In(Location).Format("02.01.2006 kl. 15.04") }
