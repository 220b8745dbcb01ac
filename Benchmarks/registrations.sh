#!/usr/bin/env bash
# Issue #3 benchmarks (b) and (c): one hot activity with N places (default 10,000); 64 clients
# register concurrently, then 64 clients check the confirmed codes in. Runs a release build on
# SQLite (or PostgreSQL when DATABASE_URL is set) with the demo city. Needs wrk and python3.
# Usage: Benchmarks/registrations.sh [places]
set -euo pipefail
cd "$(dirname "$0")/.."
PLACES=${1:-10000}
BIN=${CULTUREHUB_BIN:-.build-release/release/culturehub}
[ -x "$BIN" ] || BIN=.build/release/culturehub
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }
PORT=18098
# `migrate` runs without --demo, so it needs the data key; the demo server then uses the same one.
export DATA_KEY=${DATA_KEY:-$(head -c 32 /dev/urandom | base64)}
DATA=$(mktemp -d)
WORK=$(mktemp -d)
if [ -n "${DATABASE_URL:-}" ]; then
  TARGET="postgres:$DATABASE_URL"
  psql -q "$DATABASE_URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  DATA_DIR="$DATA" "$BIN" migrate -y >/dev/null
else
  TARGET="sqlite:$DATA/culturehub.sqlite"
fi
DATA_DIR="$DATA" PORT=$PORT LOG_LEVEL=warning "$BIN" serve --demo >/tmp/culturehub-bench-reg.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DATA" "$WORK"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
python3 Benchmarks/seed_hot_activity.py "$TARGET" "$PLACES" "$WORK"
ACTIVITY=$(cat "$WORK/activity.txt")
export THREADS=2

echo "== (b) $PLACES registrations for one activity, wrk -t2 -c64"
start=$(date +%s.%N)
MODE=register POST_PATH="/api/v1/activities/$ACTIVITY/registrations" TOKENS="$WORK/citizens.txt" \
  wrk -t2 -c64 -d"${DURATION:-20}s" --latency -s Benchmarks/post_tokens.lua "http://127.0.0.1:$PORT" > "$WORK/reg.txt"
grep -E "succeeded|50%|99%" "$WORK/reg.txt"
echo "confirmed: $(python3 Benchmarks/rate.py "$TARGET" "$ACTIVITY" created_at)"
curl -fsS "http://127.0.0.1:$PORT/api/v1/activities/$ACTIVITY" | python3 -c 'import json,sys; a=json.load(sys.stdin); print("activity: capacity", a["capacity"], "remaining", a["remainingPlaces"], "waiting", a["waitingPlaces"])'

echo "== (c) check-ins of the confirmed codes, wrk -t2 -c64"
n=$(python3 Benchmarks/checkin_tokens.py "$TARGET" "$ACTIVITY" "$WORK/codes.txt")
echo "codes: $n"
MODE=checkin POST_PATH="/api/v1/activities/$ACTIVITY/checkins" TOKENS="$WORK/codes.txt" STAFF_TOKEN=$(cat "$WORK/staff.txt") \
  wrk -t2 -c64 -d"${DURATION:-20}s" --latency -s Benchmarks/post_tokens.lua "http://127.0.0.1:$PORT" > "$WORK/chk.txt"
grep -E "succeeded|50%|99%" "$WORK/chk.txt"
echo "checked in: $(python3 Benchmarks/rate.py "$TARGET" "$ACTIVITY" checked_in_at)"
echo "server RSS: $(ps -o rss= -p $PID | awk '{printf "%.0f MB", $1/1024}')"
