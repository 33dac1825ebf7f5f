# hqnn-ts: the commands users type. Every target does its own set-up first (scripts/setup.sh).
#   make figures     main job: regenerate every figure (and CLAIMS.md) from recorded results, no retraining
#   make test        the test suite (what CI runs)
#   make test-repeat the randomised test files N times (N=20), to show the suite cannot flake
#   make notebooks   execute every notebook in place, top to bottom (PROFILE=quick by default)
#   make reproduce   the long, paper-scale experiments (PROFILE=full), resumable
#   make bench       throughput benchmarks (engine, training); writes results/local/, RECORD=1 replaces results/bench-training.json
#   make claims      rebuild CLAIMS.md from results/
#   make report      one offline HTML site of notebooks, figures, results and claims: report/index.html (no training)

PROFILE ?= quick
export PROFILE
TSX := node --import tsx
TESTS = $(shell find test -name '*.test.ts' | sort)
JUPYTER_PY := /usr/bin/python3

.PHONY: setup test test-repeat figures notebooks reproduce bench claims typecheck report

setup:
	@./scripts/setup.sh

test: setup
	$(TSX) --test --test-reporter=spec $(TESTS)

N ?= 20
test-repeat: setup
	./scripts/test-repeat.sh $(N)

typecheck: setup
	npx tsc --noEmit -p .

figures: setup
	$(TSX) scripts/figures.ts
	$(MAKE) --no-print-directory claims

claims: setup
	@if [ -f scripts/claims.ts ]; then $(TSX) scripts/claims.ts; else echo "claims registry not built yet"; fi

report: setup
	JUPYTER_PY=$(JUPYTER_PY) $(TSX) scripts/report.ts

notebooks: setup
	$(JUPYTER_PY) scripts/notebooks.py $(NB)

reproduce: setup
	PROFILE=full FORCE=$(FORCE) $(TSX) scripts/reproduce.ts $(EXP)

bench:
	@./scripts/setup.sh torch
	RECORD=$(RECORD) npm run --silent bench -- all
