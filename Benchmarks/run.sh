#!/usr/bin/env bash
# Page and API throughput (wrk -t2 -c64) and single-client latency (wrk -c1) of a release build on the demo city (SQLite, or PostgreSQL when
# DATABASE_URL is set). Needs wrk (apt-get install wrk). Prints one line per endpoint.
# Usage: Benchmarks/run.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
BIN=${CULTUREHUB_BIN:-.build-release/release/culturehub}
[ -x "$BIN" ] || BIN=.build/release/culturehub
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }
PORT=18099
DATA=$(mktemp -d)
DATA_DIR="$DATA" PORT=$PORT LOG_LEVEL=warning "$BIN" serve --demo >/tmp/culturehub-bench.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
VENUE=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/venues?type=library" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
TOWNSHIP=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/regions?level=township&per=5" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][3]["id"])')
printf '%-48s %10s %9s %9s %12s\n' endpoint req/s p50 p99 "1-client p50"
for path in "/" "/activities" "/activities?group=elderly" "/menu" "/venues" "/venues?facility=ramp&township=$TOWNSHIP" "/venues/$VENUE" "/notices" "/coverage" "/network" \
            "/satisfaction" "/demands" "/surveys" "/api/v1/venues?per=20" "/api/v1/venues/$VENUE" "/api/v1/activities?per=20" "/healthz"; do
  out=$(wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$path")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  single=$(wrk -t1 -c1 -d3s --latency "http://127.0.0.1:$PORT$path" | awk '$1=="50%" {print $2}')
  label=$(echo "$path" | sed "s/$VENUE/{id}/; s/$TOWNSHIP/{township}/")
  printf '%-48s %10s %9s %9s %12s\n' "$label" "$rps" "$p50" "$p99" "$single"
done
echo "server RSS after load: $(ps -o rss= -p $PID | awk '{printf "%.0f MB", $1/1024}')"
