package main

import (
	"context"

	"cinesearch/corpus"
	"cinesearch/server"
)

// textStore is the texts directory as the admin API sees it: corpus's
// TextDir, whose descriptions of texts are converted to the server's (the
// types have the same fields). Errors pass through: corpus's TextError has
// the TextProblem method the server looks for.
type textStore struct{ *corpus.TextDir }

func (s textStore) List() ([]server.TextInfo, error) {
	ts, err := s.TextDir.List()
	out := make([]server.TextInfo, len(ts))
	for i, t := range ts {
		out[i] = server.TextInfo(t)
	}
	return out, err
}

func (s textStore) Put(ctx context.Context, name string, data []byte) (server.TextInfo, bool, error) {
	info, created, err := s.TextDir.Put(ctx, name, data)
	return server.TextInfo(info), created, err
}

func (s textStore) Preview(ctx context.Context, name string) (server.TextPreview, error) {
	pv, err := s.TextDir.Preview(ctx, name)
	if err != nil {
		return server.TextPreview{}, err
	}
	out := server.TextPreview{Name: pv.Name, Title: pv.Title, Years: pv.Years, Warnings: pv.Warnings,
		Passages: make([]server.PreviewPassage, len(pv.Passages)), Films: make([]server.PreviewFilm, len(pv.Films))}
	for i, p := range pv.Passages {
		out.Passages[i] = server.PreviewPassage(p)
	}
	for i, f := range pv.Films {
		out.Films[i] = server.PreviewFilm(f)
	}
	return out, nil
}
