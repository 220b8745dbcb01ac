#!/usr/bin/env bash
# Fault test (issue #4): restart PostgreSQL while the app serves requests. Requests during the
# outage must fail cleanly (503 with Retry-After, never 500), and the same app process must
# answer normally again once PostgreSQL is back, without being restarted. Bounded: ~40 s.
# Needs: DATABASE_URL (an empty database the app may use), PG_DATA_DIR of that server, root
# (to run pg_ctl as postgres). Usage: scripts/faults/restart_postgres_during_load.sh [binary]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/debug/culturehub}
: "${DATABASE_URL:?set DATABASE_URL}" "${PG_DATA_DIR:?set PG_DATA_DIR}"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=${PORT:-18094}
WORK=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
psql -q "$DATABASE_URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
# `migrate` runs without --demo, so it needs the data key; the demo server then uses the same one.
export DATA_KEY=${DATA_KEY:-$(head -c 32 /dev/urandom | base64)}
DATABASE_URL="$DATABASE_URL" LOG_LEVEL=warning "$BIN" migrate -y >/dev/null
DATABASE_URL="$DATABASE_URL" PORT=$PORT LOG_LEVEL=warning "$BIN" serve --demo >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

python3 scripts/faults/status_client.py "http://127.0.0.1:$PORT" 25 "/api/v1/venues?per=5" "/activities" "/healthz" >"$WORK/client.json" &
CLIENT=$!
sleep 4
echo "stopping PostgreSQL for ~5 s during the load"
su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA_DIR -m fast -w stop" >/dev/null
sleep 5
# restart reuses the options the server was started with (postmaster.opts).
su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA_DIR -w restart -l $PG_DATA_DIR/../restart.log" >/dev/null 2>&1
wait "$CLIENT"
kill -0 "$PID" || { echo "the app process died" >&2; exit 1; }
python3 - "$WORK/client.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("statuses:", r["statuses"])
s = r["statuses"]
assert "500" not in s, "a 500 during the outage: errors must be 503"
assert s.get("503", 0) > 0, "no 503 seen: the outage was not observed"
tail = [status for _, status in r["last"]]
assert all(t == "200" for t in tail), f"not recovered: last statuses {tail}"
print("OK: 503 during the outage, 200 again afterwards, same process")
PY
curl -fsS -D - -o /dev/null "http://127.0.0.1:$PORT/healthz" | head -1
echo "PostgreSQL restart fault test passed"
