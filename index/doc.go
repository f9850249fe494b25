// Package index owns cinesearch's search index: the Bleve mapping (one
// function, a reason per field), building a generation from a corpus
// (batches written in parallel, a forced merge, checksums in a manifest),
// generations on disk and their atomic switch, verification before a
// generation is ever opened, the rebuild lifecycle (Rebuilder: read, build,
// verify, swap), live serving across swaps (Live, whose Acquire pins one
// generation), the forgiving query language, the search plan (plan.go,
// testable without an index) and its execution with highlights and
// disjunctive film, year and decade facets, and suggestions.
//
// It answers in Go values and knows nothing of HTTP or JSON: the server
// package owns the wire format. Bleve's process-wide settings (the clause
// limit, the analysis registry, the async error callback) are set when the
// first index is opened or built, never by importing the package. See
// ../shared/BLEVE-NOTES.md for the Bleve pitfalls the design works around
// (escaping, locks, crash safety, live swap, query expansion).
package index
