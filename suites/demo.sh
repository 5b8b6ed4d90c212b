#!/bin/sh
# `make demo`: start the built-in target, run suites/demo.yaml against it, print the table.
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
echo "demo: done. The results file (perfgate/result/v1) is $OUT_DIR/results.json"
