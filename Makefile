# hqnn-ts: the commands users type. Every target does its own set-up first (scripts/setup.sh).
#   make figures     main job: regenerate every figure (and CLAIMS.md) from recorded results, no retraining
#   make test        the test suite (what CI runs); as root it first installs Slurm and munge for the Slurm test (setup.sh slurm)
#   make test-repeat the randomised test files N times (N=20), to show the suite cannot flake
#   make notebooks   execute every notebook in place, top to bottom (PROFILE=quick by default)
#   make reproduce   the long, paper-scale experiments (PROFILE=full), resumable
#                    SCHEDULER=slurm: as Slurm job arrays, one index per task not done (scripts/slurm.ts; DRY_RUN=1 only prints)
#   make reproduce-status   where the Slurm tasks stand (also: make reproduce SCHEDULER=slurm STATUS=1)
#   make cifar-recipe the CIFAR-10 recipe study of issue 28, all three stages (PROFILE=full, resumable; ARGS="..." replaces its flags)
#   make test-slurm  the Slurm tests alone: installs Slurm and munge (root), runs the study on a private single-node Slurm
#   make bench       throughput benchmarks (engine, training); writes results/local/, RECORD=1 replaces results/bench-training.json
#   make claims      rebuild CLAIMS.md, the README's findings paragraph and benchmark tables from results/
#   make report      one offline HTML site of notebooks, figures, results and claims: report/index.html (no training)

PROFILE ?= quick
export PROFILE
TSX := node --import tsx
TESTS = $(shell find test -name '*.test.ts' | sort)
JUPYTER_PY := /usr/bin/python3

.PHONY: setup test test-repeat figures notebooks reproduce bench claims typecheck report
.PHONY: reproduce-status test-slurm cifar-recipe

# make reproduce SCHEDULER=slurm: SLURM_OPTS go to every sbatch; SEEDS, SEED_MODELS narrow the seed study;
# TASK_CPUS, TASK_MEM, TASK_TIME replace the per-experiment resources (scripts/slurm/tasks.ts); FORCE=1 submits the done
# single training runs again from scratch, as without SCHEDULER.
SLURM_SELECTION = $(if $(SEEDS),--seeds $(SEEDS)) $(if $(SEED_MODELS),--models $(SEED_MODELS)) $(EXP)
SLURM_SUBMIT = $(SLURM_SELECTION) --sbatch-options="$(SLURM_OPTS)" $(if $(filter 1,$(DRY_RUN)),--dry-run) $(if $(filter 1,$(FORCE)),--force) \
	$(if $(TASK_CPUS),--cpus $(TASK_CPUS)) $(if $(TASK_MEM),--mem $(TASK_MEM)) $(if $(TASK_TIME),--time $(TASK_TIME))

setup:
	@./scripts/setup.sh

test: setup
	@./scripts/setup.sh slurm
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
	$(TSX) scripts/claims.ts
	$(TSX) scripts/bench-tables.ts

report: setup
	JUPYTER_PY=$(JUPYTER_PY) $(TSX) scripts/report.ts

notebooks: setup
	$(JUPYTER_PY) scripts/notebooks.py $(NB)

reproduce: setup
ifeq ($(SCHEDULER),slurm)
	PROFILE=full $(TSX) scripts/slurm.ts $(if $(filter 1,$(STATUS)),status $(SLURM_SELECTION),submit $(SLURM_SUBMIT))
else
	PROFILE=full FORCE=$(FORCE) $(TSX) scripts/reproduce.ts $(EXP)
endif

reproduce-status: setup
	PROFILE=full $(TSX) scripts/slurm.ts status $(SLURM_SELECTION)

# Issue 28's CIFAR-10 recipe study (experiments/cifar-recipe.ts), resumable: ARGS narrows or extends it, e.g.
# make cifar-recipe ARGS="--recipes long --models cnn --data q75,q50,q25"
cifar-recipe: setup
	PROFILE=full $(TSX) experiments/cifar-recipe.ts $(if $(ARGS),$(ARGS),--stages --jobs $(shell nproc))

test-slurm: setup
	@./scripts/setup.sh slurm
	$(TSX) --test --test-reporter=spec test/slurm/*.test.ts

bench:
	@./scripts/setup.sh torch
	RECORD=$(RECORD) npm run --silent bench -- all
