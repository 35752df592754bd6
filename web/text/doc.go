// Package text is the catalogue of every word the portal shows, in one
// struct per area of the product: Common (the frame, login, organisations,
// error pages), Integrations, Keys, Scopes, and Merchant, Servicedesk and
// Email, empty until those features come. Each area is one file holding its
// type and its bokmål texts; nynorsk and English will be further Catalogue
// values, and a test fails while any of them lacks a text.
//
// A text without arguments is a string field. A text with arguments is a
// func field with typed parameters (t.Integrations.NameTooLong(max)), so
// every language writes the whole sentence, in its own word order, and the
// compiler checks every caller. Limits come from the domain's constants,
// never typed into a sentence.
//
// Translation happens in one layer, the templates: handlers hand domain
// values and errors (integration.FieldErrors, a refused key's error, a
// paths.Notice, a pages.Problem) to web/pages, and the components there put
// them into words with this catalogue. The lookups from the domain's codes
// to texts (Integrations.FieldError, Integrations.Action, Keys.Refusal,
// Integrations.Notice) live here, beside the texts, and report whether they
// knew the code, so a test can require a text for every code the domain
// lists.
//
// From takes the catalogue of a request; For takes one by language tag, for
// work done without a request, such as e-mail written by a background
// worker.
package text
