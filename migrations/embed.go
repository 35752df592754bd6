// Package migrations holds the database schema as plain SQL files, applied in
// order by goose and embedded in the portal binary.
package migrations

import "embed"

//go:embed *.sql
var FS embed.FS
