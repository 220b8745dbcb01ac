#!/usr/bin/env bash
# Fault test (issue #4): kill -9 the server in the middle of a registration load on SQLite,
# restart it, and check that every registration the clients saw confirmed is there, that no
# place was given twice, and that the audit chain is unbroken. Bounded: about 30 seconds.
# Usage: scripts/faults/kill9_during_registrations.sh [binary]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/debug/culturehub}
[ -x "$BIN" ] || { echo "build first: swift build" >&2; exit 1; }
PORT=${PORT:-18093}
DATA=$(mktemp -d); WORK=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA" "$WORK"' EXIT
# One key for the demo start, the plain restart and `audit verify`: outside --demo the server
# refuses to start without DATA_KEY (issue #20 point 8).
export DATA_KEY=${DATA_KEY:-$(head -c 32 /dev/urandom | base64)}
start() {
  DATA_DIR="$DATA" PORT=$PORT LOG_LEVEL=warning "$BIN" serve "$@" >>"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}

start --demo
python3 Benchmarks/seed_hot_activity.py "sqlite:$DATA/culturehub.sqlite" 3000 "$WORK" >/dev/null
ACTIVITY=$(cat "$WORK/activity.txt")
# 3,000 accounts for 2,000 places: a run that outlasts the kill, and a waiting list at its end.
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE activities SET capacity = 2000 WHERE id = upper(?)', (sys.argv[2],)); c.commit()" "$DATA/culturehub.sqlite" "$ACTIVITY"

python3 scripts/faults/register_client.py "http://127.0.0.1:$PORT" "$ACTIVITY" "$WORK/citizens.txt" "$WORK/confirmed.txt" 20 16 >"$WORK/client.json" &
CLIENT=$!
sleep 2
echo "kill -9 the server (pid $PID) during the load"
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=""
wait "$CLIENT" || true
echo "client: $(cat "$WORK/client.json")"

start
python3 - "$DATA/culturehub.sqlite" "$ACTIVITY" "$WORK/confirmed.txt" <<'PY'
import sqlite3, sys
db, activity, confirmed_file = sys.argv[1], sys.argv[2].upper(), sys.argv[3]
seen = [l.strip().upper() for l in open(confirmed_file) if l.strip()]
c = sqlite3.connect(db)
capacity, confirmed_places = c.execute("SELECT capacity, confirmed_places FROM activities WHERE id = ?", (activity,)).fetchone()
rows = dict(c.execute("SELECT id, status FROM registrations WHERE activity_id = ?", (activity,)).fetchall())
placed = c.execute("SELECT COALESCE(SUM(places), 0) FROM registrations WHERE activity_id = ? AND status = 'confirmed'", (activity,)).fetchone()[0]
lost = [r for r in seen if rows.get(r) != "confirmed"]
print(f"client saw {len(seen)} confirmed; database has {placed} confirmed places of {capacity}; counter says {confirmed_places}")
assert seen, "the client saw no confirmation before the kill: the test proved nothing"
assert len(rows) < 3000, "every request finished before the kill: the test proved nothing"
assert not lost, f"{len(lost)} confirmed registrations lost after the crash, e.g. {lost[:3]}"
assert placed == confirmed_places, "place counter and registrations disagree"
assert placed <= capacity, "more places given than capacity"
print("OK: nothing the client saw confirmed was lost, no place double-given")
PY
DATA_DIR="$DATA" LOG_LEVEL=warning "$BIN" audit verify
echo "kill -9 fault test passed"
