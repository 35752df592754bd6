package idportenstub_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/idportenstub"
)

func TestNewRefusesBadConfig(t *testing.T) {
	t.Parallel()
	good := idportenstub.Client{ID: "c", Secret: "s", RedirectURIs: []string{"http://127.0.0.1:8080/cb"}}
	for name, cfg := range map[string]idportenstub.Config{
		"no issuer":           {Clients: []idportenstub.Client{good}},
		"relative issuer":     {Issuer: "127.0.0.1:8081", Clients: []idportenstub.Client{good}},
		"issuer with path":    {Issuer: "http://127.0.0.1:8081/idporten", Clients: []idportenstub.Client{good}},
		"issuer with slash":   {Issuer: "http://127.0.0.1:8081/", Clients: []idportenstub.Client{good}},
		"no clients":          {Issuer: "http://127.0.0.1:8081"},
		"client w/o secret":   {Issuer: "http://127.0.0.1:8081", Clients: []idportenstub.Client{{ID: "c", RedirectURIs: good.RedirectURIs}}},
		"client w/o redirect": {Issuer: "http://127.0.0.1:8081", Clients: []idportenstub.Client{{ID: "c", Secret: "s"}}},
		"relative redirect":   {Issuer: "http://127.0.0.1:8081", Clients: []idportenstub.Client{{ID: "c", Secret: "s", RedirectURIs: []string{"/cb"}}}},
		"duplicate client":    {Issuer: "http://127.0.0.1:8081", Clients: []idportenstub.Client{good, good}},
		"bad test person": {Issuer: "http://127.0.0.1:8081", Clients: []idportenstub.Client{good},
			Persons: []demo.Person{{Name: "X", PID: "15838510076", Email: "x@example.com"}}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := idportenstub.New(cfg)
			require.Error(t, err)
		})
	}
}
