package web_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/demo"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/web/webtest"
)

// TestBrowserTokenEndToEnd: Kari creates an integration in TEST and adds a
// freshly made key in the browser; a client written apart from the portal
// gets a token with it, and so does the script "Prøv integrasjonen" shows;
// the token checks out against the JWKS. Once Petra Tilbyder withdraws the
// scope the same request is invalid_scope, and after "Deaktiver" invalid_client.
func TestBrowserTokenEndToEnd(t *testing.T) {
	t.Parallel()
	site := webtest.Start(t)
	issuer := site.Config.Token.TestIssuer
	b := site.Browser(t)
	browserInnlogging(t, b, demo.Kari, "TEST")
	picker := browserStartCreate(t, b, "TEST", "Ende til ende")
	clientID := uuid.MustParse(browserFinishCreate(t, b, picker, demo.Kari, "Ende til ende", "skatteetaten:testapi"))

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	jwk, err := json.Marshal(jose.JSONWebKey{Key: &key.PublicKey, KeyID: "ende-til-ende-1", Algorithm: "RS256", Use: "sig"})
	require.NoError(t, err)
	b.FillField("Offentlig nøkkel", string(jwk))
	b.ClickButton("Legg til nøkkel")
	require.Contains(t, b.Text(), "Nøkkelen er lagt til")
	require.Contains(t, textBetween(b.Text(), "Nøkler", "Prøv integrasjonen"), "Aldri brukt")

	try := b.Within("Prøv integrasjonen")
	require.Equal(t, issuer, try.Value("Issuer"))
	require.Equal(t, issuer+"token", try.Value("Token-endepunkt"))
	require.Equal(t, issuer, try.Value("Audience (aud i grant-et)"))
	require.Equal(t, clientID.String(), try.Value("Klient-ID (iss i grant-et)"))
	require.Equal(t, "ende-til-ende-1", try.Value("Nøkkel-ID (kid i grant-ets header)"))
	require.Equal(t, "skatteetaten:testapi", try.Value("Scopes (scope i grant-et)"))
	script := try.Value("Skript (openssl)")
	require.Contains(t, try.Value("Skript (Python)"), `algorithm="RS256", headers={"kid": "ende-til-ende-1"}`)
	require.NotContains(t, webtest.Eval[string](b, `document.documentElement.outerHTML`), "PRIVATE KEY", "the page never asks for the private key")

	c := tokenClient{clientID: clientID, kid: "ende-til-ende-1", key: key}
	grant := func() string { return c.sign(t, c.grantClaims(site, "skatteetaten:testapi")) }
	before := time.Now().Unix()
	a := requestToken(t, site, grant())
	require.Equal(t, http.StatusOK, a.status, a.raw)
	checkAccessToken(t, site, a, clientID, before)

	// The example as shown, run as its reader would: sh, openssl and curl,
	// with the private key in the file it names beside it.
	dir := t.TempDir()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "privat-nokkel.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "hent-token.sh"), []byte(script), 0o600))
	cmd := exec.Command("sh", "hent-token.sh")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	var fromScript tokenAnswer
	require.NoError(t, json.Unmarshal(out, &fromScript.body), string(out))
	fromScript.status, fromScript.raw = http.StatusOK, string(out)
	checkAccessToken(t, site, fromScript, clientID, before)

	require.NoError(t, site.Tokens.Flush(context.Background()))
	b.Open(paths.Integration(clientID))
	page := b.Text()
	require.Contains(t, page, "2 tokens", "the page counts the last 24 hours")
	require.NotContains(t, textBetween(page, "Nøkler", "Prøv integrasjonen"), "Aldri brukt", "the key's last use is shown")

	// Petra Tilbyder withdraws Eksempel Konsument AS's access in TEST.
	petra := b.SecondBrowser()
	petra.LoginAs(demo.Petra.Name)
	browserMineAPI(t, petra, "TEST")
	petra.ClickLink("skatteetaten:testapi")
	petra.Within("Tilgang i TEST").ClickLink("Fjern tilgang for " + demo.EksempelKonsument + " i TEST")
	petra.ClickButton("Bekreft fjerning")
	require.Contains(t, petra.Text(), "Tilgangen er fjernet.")
	requestToken(t, site, grant()).refused(t, http.StatusBadRequest, "invalid_scope", "MP-250", "skatteetaten:testapi")

	b.Open(paths.Integration(clientID))
	b.ClickLink("Endre")
	b.ClickLink("Deaktiver")
	b.ClickButton("Bekreft deaktivering")
	require.Contains(t, b.Text(), "Integrasjonen er deaktivert")
	requestToken(t, site, grant()).refused(t, http.StatusBadRequest, "invalid_client", "deactivated")
}

// checkAccessToken verifies a token answer against the JWKS and checks the
// claims a provider reads.
func checkAccessToken(t *testing.T, site *webtest.Site, a tokenAnswer, clientID uuid.UUID, notBefore int64) {
	t.Helper()
	require.Equal(t, "Bearer", a.body["token_type"], a.raw)
	require.Equal(t, "skatteetaten:testapi", a.body["scope"])
	require.EqualValues(t, 120, a.body["expires_in"])
	var at struct {
		Iss      string            `json:"iss"`
		ClientID string            `json:"client_id"`
		Scope    string            `json:"scope"`
		Iat      int64             `json:"iat"`
		Exp      int64             `json:"exp"`
		Consumer map[string]string `json:"consumer"`
	}
	verifyWithJWKS(t, site, a.body["access_token"].(string), &at)
	require.Equal(t, site.Config.Token.TestIssuer, at.Iss)
	require.Equal(t, clientID.String(), at.ClientID)
	require.Equal(t, "skatteetaten:testapi", at.Scope)
	require.Equal(t, map[string]string{"authority": "iso6523-actorid-upis", "ID": "0192:" + demo.EksempelKonsument}, at.Consumer)
	require.GreaterOrEqual(t, at.Iat, notBefore)
	require.Equal(t, at.Iat+120, at.Exp, "the integration's 120 s, below the scope's maximum of 600 s")
}
