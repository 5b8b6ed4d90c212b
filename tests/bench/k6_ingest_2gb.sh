#!/bin/sh
# Imports a ~2 GB k6 NDJSON file (the Point lines of a real k6 run repeated) with perfgate and
# with jq, printing wall time and peak RSS of each (/usr/bin/time -v). The file is deleted at the end.
# usage: tests/bench/k6_ingest_2gb.sh PERFGATE_BINARY [SIZE_MB]
set -eu
perfgate=$1
size_mb=${2:-2048}
here=$(cd "$(dirname "$0")" && pwd)
fixture=$here/../fixtures/k6/groups-checks-thresholds.ndjson
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
big=$work/big.ndjson
grep '"type":"Metric"' "$fixture" > "$big"
grep -v '"type":"Metric"' "$fixture" > "$work/points"
# Double the block of points until it is ~1/16 of the target, then append it 16 times.
cp "$work/points" "$work/block"
while [ "$(stat -c %s "$work/block")" -lt $((size_mb * 1024 * 1024 / 16)) ]; do
  cat "$work/block" "$work/block" > "$work/block2" && mv "$work/block2" "$work/block"
done
for i in $(seq 16); do cat "$work/block" >> "$big"; done
rm "$work/block" "$work/points"
bytes=$(stat -c %s "$big")
lines=$(wc -l < "$big")
echo "file: $bytes bytes, $lines lines"
cat "$big" > /dev/null  # into the page cache, as for both tools below
report() {
  wall=$(grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$1" | awk '{print $NF}')
  echo "$2: wall $wall, peak RSS $((rss / 1024)) MB"
}
/usr/bin/time -v "$perfgate" import --from k6 "$big" -o "$work/results.json" 2> "$work/perfgate.time" || { cat "$work/perfgate.time"; exit 1; }
report "$work/perfgate.time" "perfgate import --from k6"
/usr/bin/time -v jq -c 'select(.type == "Point" and .metric == "http_req_duration") | .data.value' "$big" 2> "$work/jq.time" | wc -l > "$work/jq.count"
report "$work/jq.time" "jq (select http_req_duration values, $(cat "$work/jq.count") lines)"
