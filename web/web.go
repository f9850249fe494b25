// Package web holds the search page's templates, stylesheet and script,
// embedded into the binary so that the server needs no files on disk and
// loads nothing from another host.
//
// Templates are html/template files: layout.html defines the page frame,
// every other file defines a "content" block (and, for the search page, a
// "results" block that the script fetches alone to update results as the
// user types). The script only enhances: every page works without it.
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

//go:embed templates/*.html
var templates embed.FS

//go:embed static
var static embed.FS

// Templates returns the template files.
func Templates() fs.FS { return templates }

// Static returns the static assets (CSS, JS, icons), rooted at static/.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embed directive guarantees the directory
	}
	return sub
}

// Fingerprint returns a short content hash of a static asset, used in its
// URL so that it can be cached for a year and still change on deploy.
func Fingerprint(name string) string {
	b, err := fs.ReadFile(Static(), name)
	if err != nil {
		return "missing"
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:5])
}
