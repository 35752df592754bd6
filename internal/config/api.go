package config

import (
	"fmt"
	"strconv"
)

// API is the REST API's settings.
type API struct {
	// API_RATE_LIMIT: requests a minute one API client may make, counted
	// across every portal process; 0 turns the limit off.
	RateLimit int
}

// DefaultAPIRateLimit is generous for a script or a Terraform run, and
// still stops a loop gone wrong.
const DefaultAPIRateLimit = 1200

func loadAPI(getenv func(string) string) (API, []error) {
	c := API{RateLimit: DefaultAPIRateLimit}
	if v := getenv("API_RATE_LIMIT"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return c, []error{fmt.Errorf("API_RATE_LIMIT: %q is not a number of requests a minute", v)}
		}
		c.RateLimit = n
	}
	return c, nil
}
