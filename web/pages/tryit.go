package pages

import (
	"fmt"
	"strings"

	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/token"
)

// TryIt is "Prøv integrasjonen": where this integration gets a token, and
// the values of its own grant.
type TryIt struct {
	Issuer        string
	TokenEndpoint string
	ClientID      string
	Key           *integration.Key // the newest active key; nil without one
	Scopes        []string         // those still shared with the organisation
}

// tryItKeyFile is what the examples call the person's private key file.
const tryItKeyFile = "privat-nokkel.pem"

func (t TryIt) scope() string { return strings.Join(t.Scopes, " ") }

// alg is what the examples sign with: RS256 for an RSA key, as Maskinporten;
// the registered algorithm of an EC key.
func (t TryIt) alg() string {
	if t.Key == nil || t.Key.KeyType == "RSA" {
		return "RS256"
	}
	return t.Key.Algorithm
}

func (t TryIt) rsa() bool { return t.Key != nil && t.Key.KeyType == "RSA" }

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// ShellScript signs the grant with openssl and sends it with curl: POSIX sh,
// nothing to install. Only for RSA keys: openssl's EC signatures are DER,
// not the JWS form.
func (t TryIt) ShellScript() string {
	return fmt.Sprintf(`#!/bin/sh
set -eu
KEY=%s
ISSUER=%s
CLIENT_ID=%s
KID=%s
SCOPE=%s

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%%s"}' "$KID" | b64url)
claims=$(printf '{"aud":"%%s","iss":"%%s","scope":"%%s","iat":%%d,"exp":%%d,"jti":"%%s"}' \
  "$ISSUER" "$CLIENT_ID" "$SCOPE" "$now" "$((now + 100))" "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%%s.%%s' "$header" "$claims" | openssl dgst -sha256 -sign "$KEY" | b64url)

curl -sS %s \
  --data-urlencode 'grant_type=%s' \
  --data-urlencode "assertion=$header.$claims.$signature"
`, shellQuote(tryItKeyFile), shellQuote(t.Issuer), shellQuote(t.ClientID), shellQuote(t.kid()), shellQuote(t.scope()),
		shellQuote(t.TokenEndpoint), token.GrantType)
}

func (t TryIt) kid() string {
	if t.Key == nil {
		return ""
	}
	return t.Key.KID
}

// PythonScript makes the grant with PyJWT, for any key the portal accepts.
func (t TryIt) PythonScript() string {
	return fmt.Sprintf(`import time, uuid, jwt

with open(%q) as f:
    key = f.read()
now = int(time.time())
grant = {
    "aud": %q,
    "iss": %q,
    "scope": %q,
    "iat": now,
    "exp": now + 100,
    "jti": str(uuid.uuid4()),
}
print(jwt.encode(grant, key, algorithm=%q, headers={"kid": %q}))
`, tryItKeyFile, t.Issuer, t.ClientID, t.scope(), t.alg(), t.kid())
}

// PythonCurl sends the grant lag-grant.py prints.
func (t TryIt) PythonCurl() string {
	return fmt.Sprintf(`curl -sS %s \
  --data-urlencode 'grant_type=%s' \
  --data-urlencode "assertion=$(python3 lag-grant.py)"`, shellQuote(t.TokenEndpoint), token.GrantType)
}
