#!/bin/sh
# Remakes docs/html-report.png: a real regression report. Runs the demo-like suite below twice
# against `perfgate target`, the second time with every response 60 % slower, compares the two
# results as HTML and photographs the page with headless Chromium.
#
# usage: docs/html-report-screenshot.sh [BUILD_DIR]   (default: build)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
perfgate="${1:-$root/build}/perfgate"
work=$(mktemp -d)
trap 'kill "$target_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

cat > "$work/suite.yaml" <<'EOF'
suite: shop-api
repetitions: 5
warmup: 1s
gate:
  threshold: 5%
  metrics: [latency.p50, latency.p99, throughput, error_rate]
  sla: ["latency.p99 < 250ms"]
scenarios:
  - name: browse
    adapter: native
    target: http://127.0.0.1:18181
    connections: 16
    rate: 40/s
    duration: 4s
    requests:
      - { name: list, method: GET, path: /items, weight: 3 }
      - { name: get, method: GET, path: /items/42 }
EOF

# Start the target with a slowdown factor, wait for it to listen.
start_target() {
  "$perfgate" target --port 18181 --latency lognormal:100ms,0.25 --seed 7 --slowdown "$1" \
    > "$work/target.log" 2>&1 &
  target_pid=$!
  until grep -q listening "$work/target.log" 2>/dev/null; do sleep 0.1; done
}

start_target 1
"$perfgate" run "$work/suite.yaml" -o "$work/baseline.json" --no-progress > /dev/null
kill "$target_pid"; wait "$target_pid" 2>/dev/null || true

start_target 1.6
"$perfgate" run "$work/suite.yaml" -o "$work/candidate.json" --no-progress > /dev/null

"$perfgate" compare "$work/baseline.json" "$work/candidate.json" --suite "$work/suite.yaml" \
  --format html > "$work/report.html" || true   # exit 1: the gate failed, as intended

chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --window-size=1280,2200 \
  --screenshot="$root/docs/html-report.png" "file://$work/report.html" 2> /dev/null
cp "$work/report.html" "$root/docs/html-report-example.html"
echo "wrote docs/html-report.png and docs/html-report-example.html"
