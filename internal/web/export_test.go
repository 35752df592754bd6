package web

import (
	"net/http"

	"github.com/digdir/selvbetjening/internal/api"
)

// Routes is routes.go's router without the parts a request needs, for the
// tests outside the package that walk every route.
func Routes() http.Handler { return (&Server{api: api.New(api.Deps{})}).routes() }
