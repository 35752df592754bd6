package api

import (
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"
)

// Operation is one operation of the OpenAPI document, as the portal's page
// "API for selvbetjening" lists it.
type Operation struct {
	Method, Path, Summary, Description string
	Scopes                             []string // any one of them suffices
	Parameters                         []string // query parameters and headers the operation reads
}

var (
	operationsOnce sync.Once
	operations     []Operation
)

// Operations lists the API's operations in the document's order of paths,
// read from the same registrations that serve them.
func Operations() []Operation {
	load()
	return operations
}

func load() {
	operationsOnce.Do(func() {
		s := &Server{auth: newAuthenticator(nil, "", nil), rate: newRateLimiter(nil, 0, nil)}
		a := humachi.New(chi.NewRouter(), Config())
		s.register(a)
		doc := a.OpenAPI()
		for _, path := range slices.Sorted(func(yield func(string) bool) {
			for p := range doc.Paths {
				if !yield(p) {
					return
				}
			}
		}) {
			item := doc.Paths[path]
			for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
				o := item.Get
				switch m {
				case http.MethodPost:
					o = item.Post
				case http.MethodPut:
					o = item.Put
				case http.MethodDelete:
					o = item.Delete
				}
				if o == nil {
					continue
				}
				info := Operation{Method: m, Path: path, Summary: o.Summary, Description: o.Description}
				for _, req := range o.Security {
					info.Scopes = append(info.Scopes, req[securityName]...)
				}
				for _, p := range o.Parameters {
					if p.In == "query" || (p.In == "header" && !strings.EqualFold(p.Name, "Authorization")) {
						info.Parameters = append(info.Parameters, p.Name)
					}
				}
				operations = append(operations, info)
			}
		}
	})
}
