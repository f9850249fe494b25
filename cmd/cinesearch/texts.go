package main

import (
	"cinesearch/corpus"
	"cinesearch/server"
)

// textStore is the texts directory as the admin API sees it: corpus's
// TextDir, whose descriptions of texts are converted to the server's (the
// two types have the same fields). Errors pass through: corpus's
// TextError has the TextProblem method the server looks for.
type textStore struct{ *corpus.TextDir }

func (s textStore) List() ([]server.TextInfo, error) {
	ts, err := s.TextDir.List()
	out := make([]server.TextInfo, len(ts))
	for i, t := range ts {
		out[i] = server.TextInfo(t)
	}
	return out, err
}

func (s textStore) Put(name string, data []byte) (server.TextInfo, bool, error) {
	info, created, err := s.TextDir.Put(name, data)
	return server.TextInfo(info), created, err
}
