#!/usr/bin/env bash
# Evaluation at scale (issue #9): generate a county-year (SQLite) and, with PG_URL set, a
# prefecture-year (PostgreSQL, 15 counties); time `culturehub evaluate` for the whole year and
# record its peak memory (/usr/bin/time -v); then the evaluation pages under wrk -t2 -c64 on the
# demo city (bureau's run page, a township's drill-down, the township manager's live shortfall
# page, the public rankings).
# Usage: Benchmarks/evaluation.sh [wrk-seconds]     PG_URL=postgres://user:pw@host:port/db Benchmarks/evaluation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-8}
BIN=${CULTUREHUB_BIN:-.build-release/release/culturehub}
[ -x "$BIN" ] || { echo "build first: swift build -c release --scratch-path .build-release" >&2; exit 1; }
YEAR=2025
# `generate` and `evaluate` run without --demo, so they need the data key (issue #20 point 8).
export DATA_KEY=${DATA_KEY:-$(head -c 32 /dev/urandom | base64)}
timed() { # label, then the command; prints elapsed evaluate time and peak RSS
  local label=$1; shift
  local out; out=$( { /usr/bin/time -v "$@" 2>&1; } | grep -E "已计算|Maximum resident" )
  echo "$label: $(echo "$out" | grep -o '计算 [0-9]* ms') (saving $(echo "$out" | grep -o '保存 [0-9]* ms' | grep -o '[0-9]*') ms), peak RSS $(echo "$out" | awk '/Maximum resident/ {printf "%.0f MB", $6/1024}')"
}

COUNTY=$(mktemp -d)
trap 'rm -rf "$COUNTY"' EXIT
echo "generating a county-year ($YEAR) on SQLite…"
DATA_DIR="$COUNTY" LOG_LEVEL=warning "$BIN" generate --scale county --year $YEAR | tail -1
for i in 1 2 3; do timed "county-year on SQLite, run $i" env DATA_DIR="$COUNTY" LOG_LEVEL=warning "$BIN" evaluate --type year --period $YEAR; done
timed "county month (2025-06) on SQLite" env DATA_DIR="$COUNTY" LOG_LEVEL=warning "$BIN" evaluate --type month --period 2025-06

if [ -n "${PG_URL:-}" ]; then
  echo "generating a prefecture-year ($YEAR) on PostgreSQL…"
  DATABASE_URL="$PG_URL" LOG_LEVEL=warning "$BIN" generate --scale prefecture --year $YEAR | tail -1
  for i in 1 2 3; do timed "prefecture-year on PostgreSQL, run $i" env DATABASE_URL="$PG_URL" LOG_LEVEL=warning "$BIN" evaluate --type year --period $YEAR; done
fi

# Pages, on the demo city with last month computed.
PORT=18098
DEMO=$(mktemp -d)
DATA_DIR="$DEMO" PORT=$PORT LOG_LEVEL=warning "$BIN" serve --demo >/tmp/culturehub-eval-bench.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$COUNTY" "$DEMO"' EXIT
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
login() { # prints a Cookie header value for a demo account
  local jar; jar=$(mktemp)
  local csrf; csrf=$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "login=$1" --data-urlencode "password=Demo2026" "http://127.0.0.1:$PORT/login"
  awk '$6 ~ /session|vapor/ {printf "%s=%s", $6, $7}' "$jar"; rm -f "$jar"
}
ADMIN=$(login admin); TOWNSHIP=$(login chengguan)
RUN=$(curl -fsS -H "Cookie: $ADMIN" "http://127.0.0.1:$PORT/staff/evaluation" | grep -o '/staff/evaluation/runs/[0-9a-f-]*' | head -1)
UNIT=$(curl -fsS -H "Cookie: $ADMIN" "http://127.0.0.1:$PORT$RUN" | grep -o "$RUN/units/[0-9a-f-]*" | head -1)
PUBLIC=$(curl -fsS "http://127.0.0.1:$PORT/evaluation" | grep -o '/evaluation/[0-9a-f-]*' | head -1)
printf '%-44s %10s %9s %9s %12s\n' page req/s p50 p99 "1-client p50"
bench() { # label, cookie, path
  local out; out=$(wrk -t2 -c64 -d"${DURATION}s" --latency -H "Cookie: $2" "http://127.0.0.1:$PORT$3")
  local single; single=$(wrk -t1 -c1 -d3s --latency -H "Cookie: $2" "http://127.0.0.1:$PORT$3" | awk '$1=="50%" {print $2}')
  printf '%-44s %10s %9s %9s %12s\n' "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')" "$single"
}
bench "bureau: run page (rankings, charts)" "$ADMIN" "$RUN"
bench "bureau: a unit's drill-down" "$ADMIN" "$UNIT"
bench "township: shortfall (live, this year)" "$TOWNSHIP" "/staff/evaluation/shortfall"
bench "township: workbench (with shortfall)" "$TOWNSHIP" "/staff"
bench "public: rankings" "" "$PUBLIC"
echo "server RSS after load: $(ps -o rss= -p $PID | awk '{printf "%.0f MB", $1/1024}')"
