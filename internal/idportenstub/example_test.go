package idportenstub_test

import (
	"context"
	"fmt"
	"net"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/digdir/selvbetjening/internal/idportenstub"
)

// The issuer must equal the URL the provider is served on, so listen first
// and build the issuer from the listener's address.
func ExampleNew() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	issuer := "http://" + ln.Addr().String()
	h, err := idportenstub.New(idportenstub.Config{
		Issuer: issuer,
		Clients: []idportenstub.Client{{
			ID:           "selvbetjening",
			Secret:       "demo-hemmelighet",
			RedirectURIs: []string{"http://127.0.0.1:8080/auth/callback"},
		}},
	})
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	provider, err := oidc.NewProvider(context.Background(), issuer)
	if err != nil {
		panic(err)
	}
	fmt.Println(provider.Endpoint().AuthURL == issuer+"/authorize")
	// Output: true
}
