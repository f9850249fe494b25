# cinesearch — see README.md. Every target works from a fresh clone.
GO      ?= go
BIN     := bin/cinesearch
ADDR    ?= :8080
SOTU    ?= ../shared/corpora/sotu
FUZZTIME ?= 30s
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all build run test lint bench fuzz reliability clean screenshots
SHELL := /bin/bash

all: build

build:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/cinesearch

## run: build and serve the embedded default corpus on http://localhost:8080
run: build
	$(BIN) serve --addr $(ADDR) --index data/index

## test: every test (unit, golden, httptest, on-disk index, browser when Chromium is installed),
## then the concurrency tests again under the race detector (searches during
## swaps and rebuild jobs, Close, admin uploads during rebuilds)
RACE_TESTS := Live|Rebuild|Cancelled|Jobs|EachRequest|Swap|Admin|Upload
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -race -count=1 -run '$(RACE_TESTS)' ./index ./server

## screenshots: refresh the README's pictures in docs/ (made by the browser
## tests in real Chromium; needs chromium)
screenshots:
	mkdir -p docs
	CINESEARCH_DOCS=$(CURDIR)/docs CINESEARCH_REQUIRE_BROWSER=1 $(GO) test -count=1 -run 'TestBrowserSearchAsYouType|TestBrowserPhoneLayout|TestBrowserAdminUploadPreviewRebuild' ./server

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags reliability ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) run $(STATICCHECK) -tags reliability ./...

## fuzz: run every fuzz target for FUZZTIME each, printing one summary line
## per target. A failing input is written under <pkg>/testdata/fuzz by go
## test, so that later plain `go test` runs replay it; the fuzzer's other
## inputs stay in its cache (see <pkg>/testdata/fuzz/README.md).
fuzz:
	@set -e; cache=$$($(GO) env GOCACHE)/fuzz/cinesearch; \
	for pkg in corpus index; do \
	  for t in $$($(GO) test -list '^Fuzz' ./$$pkg | grep '^Fuzz'); do \
	    log=$$(mktemp); \
	    if ! $(GO) test ./$$pkg -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s > $$log 2>&1; then \
	      if grep -q 'context deadline exceeded' $$log && ! grep -qE 'Failing input written|panic:|_test.go:[0-9]+:' $$log; then \
	        echo "reliability: fuzz $$pkg.$$t: the fuzz time ran out in Go 1.26's coordinator race (golang/go#75804, fixed in 1.27): no failing input was found"; \
	      else cat $$log; echo "reliability: fuzz $$pkg.$$t: FAILED (the input is under $$pkg/testdata/fuzz/$$t)"; exit 1; fi; fi; \
	    last=$$(grep -E '^fuzz: elapsed' $$log | tail -1); \
	    cached=$$(ls $$cache/$$pkg/$$t 2>/dev/null | wc -l); \
	    echo "reliability: fuzz $$pkg.$$t for $(FUZZTIME): no failure; $${last#fuzz: }; $$cached inputs in the fuzz cache"; \
	    rm -f $$log; \
	  done; \
	done

## reliability: fuzzing, then the whole service (separate serve and index
## processes on 127.0.0.1) under hostile queries, load with swaps, killed
## builders, a full disk, slow clients, bad tokens and markup
reliability:
	$(MAKE) --no-print-directory fuzz
	$(GO) test -tags reliability -run '^TestReliability$$' -count=1 -v -timeout 20m ./cmd/cinesearch 2>&1 | grep -E '^(reliability:|--- |FAIL|ok|PASS|\s+reliability_test)'; exit $${PIPESTATUS[0]}

BENCH_COPIES ?= 1
BENCH_DURATION ?= 10s

## bench: cinesearch bench on the sotu corpus against a plain Bleve baseline
## (report in artifacts/bench.md and .json), then the Go benchmarks of the
## hot paths. BENCH_COPIES=10 for the large scale point.
bench: build
	@mkdir -p artifacts
	$(BIN) bench --texts $(SOTU) --copies $(BENCH_COPIES) --duration $(BENCH_DURATION) --out artifacts/bench.json | tee artifacts/bench.md
	$(GO) test -run '^$$' -bench . -benchmem ./corpus ./index

clean:
	rm -rf bin data
