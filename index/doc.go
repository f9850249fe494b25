// Package index owns cinesearch's search index: the Bleve mapping (one
// function, a reason per field), building a generation from a corpus
// (batches written in parallel, a forced merge, checksums in a manifest),
// generations on disk and their atomic switch, verification before a
// generation is ever opened, live serving across swaps (Live), the forgiving
// query language, search with highlights and disjunctive film, year and
// decade facets, suggestions, and the plain-Bleve baseline the benchmark
// compares against.
//
// It knows nothing of HTTP: the server package turns its Results into JSON
// and pages. See ../shared/BLEVE-NOTES.md for the Bleve pitfalls the design
// works around (escaping, locks, crash safety, live swap, query expansion).
package index
