package index

// One edit distance for the package: typo expansion in highlighting, film
// name resolution and suggestions all use it.
//
// Bleve's search.LevenshteinDistance counts bytes, so "Schönherr" and
// "Schonherr" differ by two; cinesearch compares runes, as people count
// letters, and stops as soon as the distance passes the limit.

// levenshtein returns the edit distance between a and b, or limit+1 as soon
// as it must exceed limit.
func levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
