package pages

import (
	"context"
	"encoding/json"

	"github.com/digdir/selvbetjening/internal/token"
	"github.com/digdir/selvbetjening/web/text"
)

// oauthError is RFC 6749's error body (§5.2).
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// TokenRefusal is the JSON body of a refused token request.
func TokenRefusal(_ context.Context, r *token.Refusal) []byte {
	desc, ok := text.TokenRefusal(r)
	if !ok {
		desc = string(r.Code)
	}
	b, _ := json.Marshal(oauthError{Error: r.Code.OAuthError(), Description: desc})
	return b
}

// TokenUnavailable is the JSON body when the endpoint cannot answer for a
// fault of its own or of the database: never a stack trace.
func TokenUnavailable(_ context.Context) []byte {
	b, _ := json.Marshal(oauthError{Error: token.ErrTemporarily, Description: text.TokenUnavailable})
	return b
}
