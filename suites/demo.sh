#!/bin/sh
# `make demo`: start the built-in target, run suites/demo.yaml against it, print the table;
# then gate two branches of a throwaway git repository against a committed baseline.
# usage: suites/demo.sh PATH/TO/perfgate
set -eu

PERFGATE=${1:-build/perfgate}
cd "$(dirname "$0")/.."
OUT_DIR=${PERFGATE_DEMO_DIR:-$(mktemp -d)}
TARGET_LOG="$OUT_DIR/target.log"

# The demo suite points at 127.0.0.1:18080. Latency: lognormal around 1 ms, like a small service.
"$PERFGATE" target --port 18080 --threads 1 --latency lognormal:1ms,0.3 >"$TARGET_LOG" 2>&1 &
TARGET_PID=$!
trap 'kill "$TARGET_PID" 2>/dev/null || true; wait "$TARGET_PID" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 50); do
  if grep -q "listening on" "$TARGET_LOG" 2>/dev/null; then break; fi
  if ! kill -0 "$TARGET_PID" 2>/dev/null; then
    echo "demo: the target did not start:" >&2
    cat "$TARGET_LOG" >&2
    exit 3
  fi
  sleep 0.1
done
echo "demo: $(cat "$TARGET_LOG")"
echo "demo: perfgate run suites/demo.yaml -o $OUT_DIR/results.json"
echo
"$PERFGATE" run suites/demo.yaml -o "$OUT_DIR/results.json"
echo
echo "demo: the results file (perfgate/result/v1) is $OUT_DIR/results.json"

# ---------------------------------------------------------------------------------------------
# The gate in a throwaway git repository: main commits a baseline measured against the target;
# a branch with an unchanged target passes; a branch whose target is 15 % slower fails.
# Two targets with a fixed 5 ms latency (so a busy CI machine's noise stays small beside it):
# 18082 as it is, 18081 15 % slower.
GATE_LOG="$OUT_DIR/gate-target.log"
SLOW_LOG="$OUT_DIR/slow-target.log"
"$PERFGATE" target --port 18082 --threads 1 --latency fixed:5ms >"$GATE_LOG" 2>&1 &
GATE_PID=$!
"$PERFGATE" target --port 18081 --threads 1 --latency fixed:5ms --slowdown 1.15 >"$SLOW_LOG" 2>&1 &
SLOW_PID=$!
trap 'kill "$TARGET_PID" "$GATE_PID" "$SLOW_PID" 2>/dev/null || true; wait 2>/dev/null || true' \
  EXIT INT TERM
for _ in $(seq 1 50); do
  if grep -q "listening on" "$SLOW_LOG" && grep -q "listening on" "$GATE_LOG"; then break; fi
  sleep 0.1
done

REPO="$OUT_DIR/repo"
gate_suite() {  # $1: port of the target the scenario measures
  cat <<YAML
suite: demo-gate
repetitions: 5
gate:
  threshold: 5%
  metrics: [latency.p50, throughput]
scenarios:
  - name: browse
    adapter: native
    target: http://127.0.0.1:$1
    connections: 4
    duration: 1s
    requests:
      - { name: list, path: /items }
YAML
}
git init -q -b main "$REPO"
git -C "$REPO" config user.name "perfgate demo"
git -C "$REPO" config user.email "demo@example.com"
gate_suite 18082 >"$REPO/perf.yaml"
git -C "$REPO" add perf.yaml
git -C "$REPO" commit -q -m "the suite"
echo
echo "demo: in $REPO (main): perfgate baseline update perf.yaml --commit"
"$PERFGATE" baseline update "$REPO/perf.yaml" --commit --no-progress
git -C "$REPO" log --stat -1 --format='%h %s'

git -C "$REPO" checkout -q -b unchanged
echo
echo "demo: branch 'unchanged' (same target): perfgate gate perf.yaml --against main"
status=0
"$PERFGATE" gate "$REPO/perf.yaml" --against main --no-progress || status=$?
echo "demo: exit code $status (0 = pass)"

git -C "$REPO" checkout -q -b slower main
gate_suite 18081 >"$REPO/perf.yaml"
git -C "$REPO" commit -q -am "the service is 15 % slower"
echo
echo "demo: branch 'slower' (target 15 % slower): perfgate gate perf.yaml --against main"
status=0
"$PERFGATE" gate "$REPO/perf.yaml" --against main --no-progress --format text --format json \
  --report-dir "$OUT_DIR/reports" || status=$?
echo "demo: exit code $status (1 = regression); reports in $OUT_DIR/reports"
echo
echo "demo: done."
