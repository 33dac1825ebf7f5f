# hqnn-ts: the commands users type. Every target does its own set-up first (scripts/setup.sh).
#   make figures     main job: regenerate every figure (and CLAIMS.md) from recorded results, no retraining
#   make test        the test suite (what CI runs)
#   make notebooks   execute every notebook in place, top to bottom (PROFILE=quick by default)
#   make reproduce   the long, paper-scale experiments (PROFILE=full), resumable
#   make bench       throughput benchmarks (engine, training)
#   make claims      rebuild CLAIMS.md from results/

PROFILE ?= quick
export PROFILE
TSX := node --import tsx
TESTS = $(shell find test -name '*.test.ts' | sort)
JUPYTER_PY := /usr/bin/python3

.PHONY: setup test figures notebooks reproduce bench claims typecheck

setup:
	@./scripts/setup.sh

test: setup
	$(TSX) --test --test-reporter=spec $(TESTS)

typecheck: setup
	npx tsc --noEmit -p .

figures: setup
	$(TSX) scripts/figures.ts
	$(MAKE) --no-print-directory claims

claims: setup
	@if [ -f scripts/claims.ts ]; then $(TSX) scripts/claims.ts; else echo "claims registry not built yet"; fi

notebooks: setup
	$(JUPYTER_PY) scripts/notebooks.py $(NB)

reproduce: setup
	PROFILE=full $(TSX) scripts/reproduce.ts $(EXP)

bench: setup
	npm run --silent bench -- all
