# cinesearch — see README.md. Every target works from a fresh clone.
GO      ?= go
BIN     := bin/cinesearch
ADDR    ?= :8080
SOTU    ?= ../shared/corpora/sotu
FUZZTIME ?= 30s
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all build run test lint bench fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/cinesearch

## run: build and serve the embedded default corpus on http://localhost:8080
run: build
	$(BIN) serve --addr $(ADDR) --index data/index

## test: every test (unit, golden, httptest, on-disk index, browser when Chromium is installed)
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

## fuzz: run every fuzz target for FUZZTIME each; found inputs stay under testdata/fuzz
fuzz:
	@for pkg in ./corpus ./index; do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test $$pkg -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) || exit 1; \
	  done; \
	done

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
