#!/usr/bin/env bash
# Runs the randomised test files N times (default 20) and reports every failure: the check that the suite
# cannot flake. A test file counts as randomised when it draws random numbers, seeds something or trains.
#   scripts/test-repeat.sh [N] [test files...]      (make test-repeat N=20)
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
shift || true
if [ "$#" -gt 0 ]; then files=("$@"); else
  mapfile -t files < <(grep -lE 'rand|seed|shuffle|\.fit\(|train' $(find test -name '*.test.ts' | sort))
fi
mkdir -p logs
failed=0
for i in $(seq 1 "$n"); do
  log="logs/test-repeat-$i.log"
  start=$(date +%s)
  if node --import tsx --test "${files[@]}" >"$log" 2>&1; then
    echo "run $i/$n: pass ($(( $(date +%s) - start )) s)"
    rm -f "$log"
  else
    failed=$((failed + 1))
    echo "run $i/$n: FAIL ($(( $(date +%s) - start )) s), log $log:"
    grep -E '^not ok|^# Subtest' "$log" | grep -B1 '^not ok' | sed 's/^/    /'
  fi
done
echo "test-repeat: $failed of $n runs failed (${#files[@]} randomised files)"
[ "$failed" -eq 0 ]
