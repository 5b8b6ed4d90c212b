#!/bin/sh
# Harness overhead of the command adapter: the same command bare (GNU time) and through
# `perfgate run` (adapter: command, one repetition). Prints the wall times, the wall_time perfgate
# recorded, and perfgate's own CPU time (its total minus the command's).
# usage: measure_overhead.sh PERFGATE_BINARY [SECONDS]   (default 20)
set -eu
perfgate=$1
seconds=${2:-20}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/suite.yaml" <<SUITE
suite: overhead
repetitions: 1
scenarios:                      # the CPU loop: timeout's exit 124 would be a failed run, so "; true"
  - name: sleep
    adapter: command
    command: [sleep, "$seconds"]
  - name: cpu
    adapter: command
    command: [sh, -c, "timeout $seconds sh -c 'while :; do :; done'; true"]
SUITE

bare() { /usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -n 1; }
echo "bare sleep:      wall user sys = $(bare sleep "$seconds")"
echo "bare cpu loop:   wall user sys = $(bare sh -c "timeout $seconds sh -c 'while :; do :; done'; true")"
for scenario in sleep cpu; do
  whole=$(/usr/bin/time -f '%e %U %S' "$perfgate" run "$dir/suite.yaml" --scenario "$scenario" \
    -o "$dir/$scenario.json" --no-progress 2>&1 >/dev/null | tail -n 1)
  recorded=$(jq -r '.scenarios[0].runs[0].metrics | map({(.name): .value}) | add |
    "\(.wall_time / 1e9) \(.user_time / 1e9) \(.sys_time / 1e9)"' "$dir/$scenario.json")
  echo "perfgate $scenario: whole run wall user sys = $whole; recorded wall user sys = $recorded"
done
