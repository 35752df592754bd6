package text

import (
	"context"
	"maps"
	"slices"
)

// Catalogue holds one language's texts, area by area.
type Catalogue struct {
	Lang string // the language tag, as in the html lang attribute

	Common       Common
	Access       Access
	Integrations Integrations
	Keys         Keys
	Scopes       Scopes
	Providers    Providers
	Merchant     Merchant
	Servicedesk  Servicedesk
	Incidents    Incidents
	Audit        Audit
	Email        Email
	Tokens       Tokens
	API          API
}

// bokmal is the Norwegian bokmål catalogue, the portal's language.
var bokmal = Catalogue{
	Lang:         "nb",
	Common:       bokmalCommon,
	Access:       bokmalAccess,
	Integrations: bokmalIntegrations,
	Keys:         bokmalKeys,
	Scopes:       bokmalScopes,
	Providers:    bokmalProviders,
	Merchant:     bokmalMerchant,
	Servicedesk:  bokmalServicedesk,
	Incidents:    bokmalIncidents,
	Audit:        bokmalAudit,
	Email:        bokmalEmail,
	Tokens:       bokmalTokens,
	API:          bokmalAPI,
}

// catalogues holds every language, by its tag.
var catalogues = map[string]*Catalogue{bokmal.Lang: &bokmal}

// For returns the catalogue for a language tag ("nb"); bokmål for a
// language the portal does not have.
func For(lang string) *Catalogue {
	if c, ok := catalogues[lang]; ok {
		return c
	}
	return &bokmal
}

// Languages lists the tags of every catalogue.
func Languages() []string { return slices.Sorted(maps.Keys(catalogues)) }

type langKey struct{}

// WithCatalogue chooses the language for a request.
func WithCatalogue(ctx context.Context, c *Catalogue) context.Context {
	return context.WithValue(ctx, langKey{}, c)
}

// From returns the request's catalogue; bokmål unless another was chosen.
func From(ctx context.Context) *Catalogue {
	if c, ok := ctx.Value(langKey{}).(*Catalogue); ok {
		return c
	}
	return &bokmal
}
