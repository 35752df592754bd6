// Package web holds the portal's templ components (layout, components,
// pages), the text catalogue and the static files, embedded in the binary.
package web

import "embed"

// Static holds the CSS and scripts served under /static/.
//
//go:embed static
var Static embed.FS
