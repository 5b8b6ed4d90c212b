#!/usr/bin/env bash
# Compares perfgate's native HTTP generator with wrk against the same nginx on 127.0.0.1.
#
# Starts nginx in a temporary prefix (1 worker, no access log, a 1 KB static file, a free port),
# then alternates wrk and perfgate ROUNDS times for each configuration (-t1 -c32 and -t2 -c64),
# recording requests/s and the CPU time (user + sys) of each generator process, and prints a
# Markdown table of medians with the ratios perfgate/wrk.
#
# Usage: tests/bench/compare_wrk.sh [BUILD_DIR]      (default: build-native-release)
# Environment: ROUNDS (3), DURATION_S (10), DRIVER (run | driver | auto; default run).
#   run:    `BUILD_DIR/perfgate run SUITE -o out.json` with a generated suite (the product path)
#   driver: BUILD_DIR/tests/adapters/native/perfgate_native_load (calls run_native_load directly)
#   auto:   run when `perfgate run` works, else driver.
set -euo pipefail

repo_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$repo_dir/build-native-release}
rounds=${ROUNDS:-3}
duration_s=${DURATION_S:-10}
driver=${DRIVER:-run}
configs=("1 32" "2 64")  # threads connections

for tool in nginx wrk /usr/bin/time jq; do
  command -v "$tool" >/dev/null || { echo "compare_wrk.sh: $tool is missing" >&2; exit 2; }
done

work_dir=$(mktemp -d /tmp/perfgate-compare-wrk.XXXXXX)
nginx_pid=""
cleanup() {
  if [[ -n $nginx_pid ]]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_nginx() {
  local port=$1
  mkdir -p "$work_dir/nginx/html" "$work_dir/nginx/temp"
  head -c 1024 /dev/zero | tr '\0' 'x' >"$work_dir/nginx/html/1k.txt"
  # nginx's worker may run as an unprivileged user (when started as root): let it read the file.
  chmod 755 "$work_dir" "$work_dir/nginx" "$work_dir/nginx/html"
  chmod 644 "$work_dir/nginx/html/1k.txt"
  # keepalive_requests is raised so both generators measure the steady keep-alive loop rather
  # than nginx's periodic connection recycling.
  cat >"$work_dir/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work_dir/nginx/nginx.pid;
error_log $work_dir/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  client_body_temp_path $work_dir/nginx/temp;
  proxy_temp_path $work_dir/nginx/temp;
  fastcgi_temp_path $work_dir/nginx/temp;
  uwsgi_temp_path $work_dir/nginx/temp;
  scgi_temp_path $work_dir/nginx/temp;
  server {
    listen 127.0.0.1:$port;
    root $work_dir/nginx/html;
  }
}
EOF
  nginx -p "$work_dir/nginx" -c "$work_dir/nginx/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/1k.txt" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "compare_wrk.sh: nginx did not start" >&2
  cat "$work_dir/nginx/error.log" >&2
  exit 3
}

perfgate_run_works() {
  [[ -x $build_dir/perfgate ]] || return 1
  write_suite 1 1 1 "$work_dir/probe.yaml"
  "$build_dir/perfgate" run "$work_dir/probe.yaml" -o "$work_dir/probe.json" >/dev/null 2>&1
}

write_suite() {  # threads connections seconds path
  cat >"$4" <<EOF
suite: compare-wrk
repetitions: 1
warmup: 0s
scenarios:
  - name: static
    adapter: native
    target: $url_base
    threads: $1
    connections: $2
    duration: ${3}s
    requests:
      - { name: get, method: GET, path: /1k.txt }
EOF
}

# Each measurement prints "<requests/s> <requests> <cpu seconds>".
measure_wrk() {  # threads connections
  local out="$work_dir/wrk.out"
  /usr/bin/time -f "%U %S" -o "$work_dir/time" wrk -t"$1" -c"$2" -d"${duration_s}s" "$url_base/1k.txt" >"$out"
  local rps requests
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  requests=$(awk '/requests in/ {print $1}' "$out")
  echo "$rps $requests $(awk '{print $1 + $2}' "$work_dir/time")"
}

measure_perfgate() {  # threads connections
  local rps requests
  if [[ $driver == run ]]; then
    write_suite "$1" "$2" "$duration_s" "$work_dir/suite.yaml"
    /usr/bin/time -f "%U %S" -o "$work_dir/time" \
      "$build_dir/perfgate" run "$work_dir/suite.yaml" -o "$work_dir/out.json" >/dev/null 2>&1
    local run='.scenarios[0].runs[0].metrics[]'
    rps=$(jq "[$run | select(.name == \"throughput\" and (.tags // {}) == {}) | .value][0]" "$work_dir/out.json")
    requests=$(jq "[$run | select(.name == \"requests\") | .value] | add" "$work_dir/out.json")
  else
    /usr/bin/time -f "%U %S" -o "$work_dir/time" \
      "$build_dir/tests/adapters/native/perfgate_native_load" "$url_base/1k.txt" "$1" "$2" "$duration_s" \
      >"$work_dir/driver.out"
    rps=$(sed -n 's/.*requests_per_s=\([0-9.]*\).*/\1/p' "$work_dir/driver.out")
    requests=$(sed -n 's/.*responses=\([0-9]*\).*/\1/p' "$work_dir/driver.out")
  fi
  echo "$rps $requests $(awk '{print $1 + $2}' "$work_dir/time")"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

port=$(free_port)
url_base="http://127.0.0.1:$port"
start_nginx "$port"
if [[ $driver == auto ]]; then
  if perfgate_run_works; then driver=run; else driver=driver; fi
fi
echo "perfgate driven by: $driver; nginx on $url_base; $rounds rounds of ${duration_s}s" >&2

table="| generator config | wrk req/s | perfgate req/s | req/s ratio | wrk CPU µs/req | perfgate CPU µs/req | CPU/req ratio |
|---|---:|---:|---:|---:|---:|---:|"
# Figures are medians over the rounds; the ratios are medians of the per-round ratios.
for config in "${configs[@]}"; do
  read -r threads connections <<<"$config"
  : >"$work_dir/wrk.samples"
  : >"$work_dir/perfgate.samples"
  for round in $(seq "$rounds"); do
    # ABBA order: wrk first in odd rounds, perfgate first in even ones, so a drift of the
    # machine during the comparison does not favour either tool.
    if ((round % 2)); then
      wrk_sample=$(measure_wrk "$threads" "$connections")
      perfgate_sample=$(measure_perfgate "$threads" "$connections")
    else
      perfgate_sample=$(measure_perfgate "$threads" "$connections")
      wrk_sample=$(measure_wrk "$threads" "$connections")
    fi
    echo "$wrk_sample" >>"$work_dir/wrk.samples"
    echo "$perfgate_sample" >>"$work_dir/perfgate.samples"
    echo "-t$threads -c$connections round $round: wrk $wrk_sample | perfgate $perfgate_sample (rps requests cpu_s)" >&2
  done
  cpu_per_request() { awk '{ printf "%.4f\n", $3 * 1e6 / $2 }' "$1"; }
  wrk_rps=$(awk '{print $1}' "$work_dir/wrk.samples" | median)
  pg_rps=$(awk '{print $1}' "$work_dir/perfgate.samples" | median)
  # The median of the per-round ratios: each round pairs two runs made close together in time.
  rps_ratio=$(paste -d' ' "$work_dir/wrk.samples" "$work_dir/perfgate.samples" | awk '{ printf "%.4f\n", $4 / $1 }' | median)
  cpu_ratio=$(paste -d' ' "$work_dir/wrk.samples" "$work_dir/perfgate.samples" | awk '{ printf "%.4f\n", ($6 / $5) / ($3 / $2) }' | median)
  wrk_cpu=$(cpu_per_request "$work_dir/wrk.samples" | median)
  pg_cpu=$(cpu_per_request "$work_dir/perfgate.samples" | median)
  table+=$'\n'$(awk -v c="-t$threads -c$connections" -v wr="$wrk_rps" -v pr="$pg_rps" -v wc="$wrk_cpu" -v pc="$pg_cpu" \
    -v rr="$rps_ratio" -v cr="$cpu_ratio" \
    'BEGIN { printf "| %s | %.0f | %.0f | %.3f | %.3f | %.3f | %.3f |", c, wr, pr, rr, wc, pc, cr }')
done
echo "$table"
