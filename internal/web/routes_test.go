package web

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/api"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/paths"
	staticfiles "github.com/digdir/selvbetjening/web"
)

// router is routes.go's router, built without the parts a request needs.
func router(t *testing.T) *chi.Mux {
	t.Helper()
	mux, ok := (&Server{issuers: []issuerRoute{{env: environment.Test, path: "/maskinporten/test/"}}, api: api.New(api.Deps{})}).routes().(*chi.Mux)
	require.True(t, ok, "routes returns a chi router")
	return mux
}

// TestEveryBuiltPathIsRouted routes each URL internal/paths builds, with
// the method the portal uses it with, through the router of routes.go. A
// builder without a case here fails too, so a new one is checked as well.
func TestEveryBuiltPathIsRouted(t *testing.T) {
	t.Parallel()
	mux := router(t)
	id := uuid.New()
	get, post := http.MethodGet, http.MethodPost
	cases := []struct{ builder, method, url string }{
		{"Home", get, paths.Home},
		{"Callback", get, paths.Callback},
		{"Logout", post, paths.Logout},
		{"LoggedOut", get, paths.LoggedOut},
		{"NoOrganisation", get, paths.NoOrganisation},
		{"Services", get, paths.Services},
		{"Administration", get, paths.Administration},
		{"Start", get, paths.Start()},
		{"Login", get, paths.Login("")},
		{"Login", get, paths.Login(paths.Services)},
		{"FreshLogin", get, paths.FreshLogin(paths.Services)},
		{"ChooseOrganisation", get, paths.ChooseOrganisation(paths.Services)},
		{"ChooseOrganisation", post, paths.ChooseOrganisation("")},
		{"IntegrationList", get, paths.IntegrationList(environment.Prod)},
		{"IntegrationListPage", get, paths.IntegrationListPage(environment.Test, true, "abc.def")},
		{"IntegrationNew", get, paths.IntegrationNew(environment.Test)},
		{"IntegrationCreate", post, paths.IntegrationCreate},
		{"Integration", get, paths.Integration(id)},
		{"IntegrationEdit", get, paths.IntegrationEdit(id)},
		{"IntegrationEdit", post, paths.IntegrationEdit(id)},
		{"IntegrationDeactivate", get, paths.IntegrationDeactivate(id)},
		{"IntegrationDeactivate", post, paths.IntegrationDeactivate(id)},
		{"IntegrationKeys", post, paths.IntegrationKeys(id)},
		{"IntegrationKeyRemove", post, paths.IntegrationKeyRemove(id, 7)},
		{"APIList", get, paths.APIList(environment.Test)},
		{"APIListNotice", get, paths.APIListNotice(environment.Prod, paths.NoticeRequestApproved)},
		{"ScopeNew", get, paths.ScopeNew(environment.Test)},
		{"ScopeCreate", post, paths.ScopeCreate},
		{"Scope", get, paths.Scope(7)},
		{"ScopeWithNotice", get, paths.ScopeWithNotice(7, paths.NoticeScopeCreated)},
		{"ScopeEdit", get, paths.ScopeEdit(7)},
		{"ScopeEdit", post, paths.ScopeEdit(7)},
		{"ScopeDeactivate", get, paths.ScopeDeactivate(7)},
		{"ScopeDeactivate", post, paths.ScopeDeactivate(7)},
		{"ScopeReactivate", post, paths.ScopeReactivate(7)},
		{"ScopeGrants", post, paths.ScopeGrants(7)},
		{"ScopeGrantRemove", get, paths.ScopeGrantRemove(7, environment.Prod, "310000019")},
		{"ScopeGrantRemove", post, paths.ScopeGrantRemove(7, environment.Test, "310000019")},
		{"AccessRequestApprove", post, paths.AccessRequestApprove(3)},
		{"AccessRequestDeny", post, paths.AccessRequestDeny(3)},
		{"AccessRequests", get, paths.AccessRequests},
		{"AccessRequestsSent", get, paths.AccessRequestsSent(true)},
		{"AccessRequestNew", get, paths.AccessRequestNew(environment.Prod, "skatteetaten:mva")},
		{"AccessRequestCreate", post, paths.AccessRequestCreate},
		{"Service", get, paths.Service("maskinporten-konsument")},
		{"ServiceEdit", get, paths.ServiceEdit("maskinporten-konsument")},
		{"ServiceEdit", post, paths.ServiceEdit("maskinporten-konsument")},
		{"ServiceNotice", get, paths.ServiceNotice("maskinporten-konsument", paths.NoticeSaved)},
		{"Static", get, paths.Static("style.css")},
		{"Static", get, paths.Static("copy.js")},
		{"TokenEndpoint", post, paths.TokenEndpoint(paths.DefaultTestIssuer("http://127.0.0.1:8080"))},
		{"JWKS", get, paths.JWKS(paths.DefaultTestIssuer("http://127.0.0.1:8080"))},
		{"AuthorizationServerMetadata", get, paths.AuthorizationServerMetadata(paths.DefaultTestIssuer("http://127.0.0.1:8080"))},
		{"DefaultTestIssuer", get, paths.DefaultTestIssuer("http://127.0.0.1:8080/")},
		{"AuthorizationServerMetadata", get, "/.well-known/oauth-authorization-server/maskinporten/test"},
		{"APIBase", get, paths.APIBase + "/clients"},
		{"APIOpenAPI", get, paths.APIOpenAPI},
		{"APIDocs", get, paths.APIDocs},
		{"APIClient", get, paths.APIClient(id)},
		{"APIClients", get, paths.APIClients("abc.def", true)},
		{"APIPublicScopes", get, paths.APIPublicScopes("skatteetaten:mva", true)},
	}
	cases = append(cases, consoleCases(id)...)
	for _, n := range paths.Notices() {
		cases = append(cases, struct{ builder, method, url string }{"IntegrationNotice", get, paths.IntegrationNotice(id, n)})
	}
	covered := map[string]bool{}
	for _, c := range cases {
		u, err := url.Parse(c.url)
		require.NoError(t, err)
		require.True(t, mux.Match(chi.NewRouteContext(), c.method, u.Path), "%s %s (paths.%s) has no route in routes.go", c.method, c.url, c.builder)
		covered[c.builder] = true
	}
	for _, name := range pathBuilders(t) {
		require.True(t, covered[name], "paths.%s builds a URL that this test does not route", name)
	}
	for _, name := range []string{"style.css", "copy.js"} {
		_, err := fs.Stat(staticfiles.Static, "static/"+name)
		require.NoError(t, err, "paths.Static(%q) names a file that is not embedded", name)
	}
}

// pathBuilders lists internal/paths' exported functions that return a URL
// and its exported constants that hold one.
func pathBuilders(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, file := range goFiles(t, filepath.Join("..", "paths")) {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				res := d.Type.Results
				if d.Recv == nil && d.Name.IsExported() && res != nil && len(res.List) == 1 && identName(res.List[0].Type) == "string" {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					v, ok := spec.(*ast.ValueSpec)
					if !ok || d.Tok != token.CONST {
						continue
					}
					for i, name := range v.Names {
						if lit, ok := v.Values[i].(*ast.BasicLit); ok && name.IsExported() && strings.HasPrefix(lit.Value, `"/`) {
							names = append(names, name.Name)
						}
					}
				}
			}
		}
	}
	require.NotEmpty(t, names)
	return names
}

func identName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// TestNoPortalPathTypedOut: handlers, templates, internal/auth and
// internal/config take every URL from internal/paths. A string literal
// that starts with the first segment of a route (/integrasjoner,
// /logg-inn, …) anywhere in them fails, naming the file. routes.go, where
// the patterns live, and tests are exempt.
func TestNoPortalPathTypedOut(t *testing.T) {
	t.Parallel()
	segments := map[string]bool{}
	require.NoError(t, chi.Walk(router(t), func(_, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if first := strings.SplitN(strings.TrimPrefix(route, "/"), "/", 2)[0]; first != "" {
			segments[first] = true
		}
		return nil
	}))
	require.True(t, segments["integrasjoner"], "the walk found the routes")
	typedOut := func(literal string) bool {
		if !strings.HasPrefix(literal, "/") {
			return false
		}
		first := strings.FieldsFunc(literal[1:], func(r rune) bool { return strings.ContainsRune("/?#", r) })
		return len(first) > 0 && segments[first[0]]
	}

	var files []string
	for _, dir := range []string{".", filepath.Join("..", "auth"), filepath.Join("..", "config")} {
		files = append(files, goFiles(t, dir)...)
	}
	root := filepath.Join("..", "..", "web")
	require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".templ") || isSourceFile(p)) {
			files = append(files, p)
		}
		return err
	}))
	templString := regexp.MustCompile(`"(/[^"\s]*)"`)
	for _, file := range files {
		if filepath.Base(file) == "routes.go" && filepath.Dir(file) == "." {
			continue
		}
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		if strings.HasSuffix(file, ".templ") {
			for _, m := range templString.FindAllStringSubmatch(string(src), -1) {
				require.False(t, typedOut(m[1]), "%s types out the portal path %q: build it with internal/paths", file, m[1])
			}
			continue
		}
		var s scanner.Scanner
		fset := token.NewFileSet()
		s.Init(fset.AddFile(file, -1, len(src)), src, nil, 0)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok != token.STRING {
				continue
			}
			value, err := strconv.Unquote(lit)
			require.NoError(t, err)
			require.False(t, typedOut(value), "%s types out the portal path %q: build it with internal/paths", fset.Position(pos), value)
		}
	}
}

// goFiles lists a folder's Go files, without tests and generated templ code.
func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var files []string
	for _, e := range entries {
		if p := filepath.Join(dir, e.Name()); !e.IsDir() && isSourceFile(p) {
			files = append(files, p)
		}
	}
	return files
}

func isSourceFile(p string) bool {
	return strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") && !strings.HasSuffix(p, "_templ.go")
}
