package idportenstub

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"golang.org/x/text/language"
)

// Levels of assurance, as ID-porten names them in acr and acr_values.
const (
	acrSubstantial = "idporten-loa-substantial"
	acrHigh        = "idporten-loa-high"
)

// bokmal is the locale of every login, as in ID-porten.
var bokmal = language.MustParse("nb")

// amrTestID is the method ID-porten reports for its synthetic test users.
const amrTestID = "TestID"

// subjectSalt keeps sub stable across restarts (so a dev database can keep
// users) while not exposing the person number or e-mail it is derived from.
const subjectSalt = "selvbetjening/idporten-stand-in/sub/v1\x00"

// identity is who logged in on the login page.
type identity struct {
	PID   string // empty: logged in without a person number
	Email string
	Name  string // empty unless a test person was chosen
	ACR   string
}

// subject is the pseudonymous sub: from the person number when there is
// one, otherwise from the lower-cased e-mail.
func (id identity) subject() string {
	value := "pid:" + id.PID
	if id.PID == "" {
		value = "email:" + strings.ToLower(id.Email)
	}
	sum := sha256.Sum256([]byte(subjectSalt + value))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// fill writes the ID-porten style claims to a userinfo (also used for the ID
// token). pid is left out when there is no person number.
func (id identity) fill(info *oidc.UserInfo) {
	info.Subject = id.subject()
	info.Name = id.Name
	info.Locale = oidc.NewLocale(bokmal)
	info.Email = id.Email
	info.EmailVerified = true
	if id.PID != "" {
		info.AppendClaims("pid", id.PID)
	}
	info.AppendClaims("acr", id.ACR)
	info.AppendClaims("amr", []string{amrTestID})
}

// validEmail is a deliberately loose check: one @, a non-empty local part
// and a domain with a dot that neither starts nor ends it.
func validEmail(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain, _ := strings.Cut(s, "@")
	return local != "" && strings.Contains(domain, ".") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}
