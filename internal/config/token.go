package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/digdir/selvbetjening/internal/paths"
)

// Token is the token endpoint's settings (internal/token).
type Token struct {
	// KeyEncryptionKey is TOKEN_KEY_ENCRYPTION_KEY: 32 bytes, base64, that
	// seal the endpoint's private signing keys in Postgres. The same in every
	// process; a development key over http when unset.
	KeyEncryptionKey []byte
	// TestIssuer is MASKINPORTEN_TEST_ISSUER, the issuer of TEST's endpoint
	// (default: PORTAL_BASE_URL + /maskinporten/test/). Always served.
	TestIssuer string
	// ProdIssuer is MASKINPORTEN_PROD_ISSUER; PROD has no endpoint without it.
	ProdIssuer string
	// Requests a minute per client id (TOKEN_RATE_LIMIT_CLIENT, default 600)
	// and per source address (TOKEN_RATE_LIMIT_ADDRESS, default 6000); 0 is
	// no limit.
	ClientLimit, AddressLimit int
}

// DevTokenKeyEncryptionKey is the development key of a portal over http
// without TOKEN_KEY_ENCRYPTION_KEY; refused over https.
var DevTokenKeyEncryptionKey = func() []byte {
	sum := sha256.Sum256([]byte("utvikling-ikke-for-produksjon: token signing keys"))
	return sum[:]
}()

func loadToken(getenv func(string) string, baseURL string) (Token, []error) {
	var errs []error
	t := Token{KeyEncryptionKey: DevTokenKeyEncryptionKey, ClientLimit: 600, AddressLimit: 6000}
	if raw := getenv("TOKEN_KEY_ENCRYPTION_KEY"); raw != "" {
		k, err := decodeKey(raw)
		if err != nil {
			errs = append(errs, fmt.Errorf("TOKEN_KEY_ENCRYPTION_KEY: %w", err))
		} else {
			t.KeyEncryptionKey = k
		}
	}
	t.TestIssuer = getenv("MASKINPORTEN_TEST_ISSUER")
	if t.TestIssuer == "" {
		t.TestIssuer = paths.DefaultTestIssuer(baseURL)
	}
	t.ProdIssuer = getenv("MASKINPORTEN_PROD_ISSUER")
	for _, s := range []struct {
		name  string
		value *string
	}{{"MASKINPORTEN_TEST_ISSUER", &t.TestIssuer}, {"MASKINPORTEN_PROD_ISSUER", &t.ProdIssuer}} {
		if *s.value == "" {
			continue
		}
		u, err := url.Parse(*s.value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			errs = append(errs, fmt.Errorf("%s must be an http(s) URL without query, got %q", s.name, *s.value))
			continue
		}
		// Maskinporten's issuers end with a slash, and the grant's aud must
		// be the issuer exactly: one spelling, always with the slash.
		if !strings.HasSuffix(*s.value, "/") {
			*s.value += "/"
		}
	}
	if t.ProdIssuer != "" && issuerPath(t.ProdIssuer) == issuerPath(t.TestIssuer) {
		errs = append(errs, errors.New("MASKINPORTEN_TEST_ISSUER and MASKINPORTEN_PROD_ISSUER must have different paths: "+
			"the portal routes each environment's endpoint by its path"))
	}
	for _, l := range []struct {
		name string
		to   *int
	}{{"TOKEN_RATE_LIMIT_CLIENT", &t.ClientLimit}, {"TOKEN_RATE_LIMIT_ADDRESS", &t.AddressLimit}} {
		if raw := getenv(l.name); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 {
				errs = append(errs, fmt.Errorf("%s must be a whole number of requests a minute (0: no limit), got %q", l.name, raw))
				continue
			}
			*l.to = n
		}
	}
	return t, errs
}

func issuerPath(issuer string) string {
	u, err := url.Parse(issuer)
	if err != nil {
		return ""
	}
	return u.Path
}

// decodeKey reads 32 bytes of base64 (standard or URL alphabet, padded or not).
func decodeKey(raw string) ([]byte, error) {
	raw = strings.TrimRight(strings.TrimSpace(raw), "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(raw); err == nil {
			if len(k) != 32 {
				return nil, fmt.Errorf("must be 32 bytes in base64 (openssl rand -base64 32), got %d bytes", len(k))
			}
			return k, nil
		}
	}
	return nil, errors.New("must be 32 bytes in base64 (openssl rand -base64 32)")
}

// tokenProductionProblems: over https the signing keys are sealed with a
// key of the deployment's own, and the issuers are https.
func (t Token) productionProblems() []error {
	var errs []error
	if bytes.Equal(t.KeyEncryptionKey, DevTokenKeyEncryptionKey) {
		errs = append(errs, errors.New("TOKEN_KEY_ENCRYPTION_KEY must be set when PORTAL_BASE_URL is https: "+
			"the default key is the development one (make one with: openssl rand -base64 32)"))
	}
	for _, s := range []struct{ name, value string }{{"MASKINPORTEN_TEST_ISSUER", t.TestIssuer}, {"MASKINPORTEN_PROD_ISSUER", t.ProdIssuer}} {
		if s.value != "" && !strings.HasPrefix(s.value, "https://") {
			errs = append(errs, fmt.Errorf("%s must be an https URL when PORTAL_BASE_URL is https, got %q", s.name, s.value))
		}
	}
	return errs
}
