#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1 for tests and prints the export line.
# Usage: eval "$(scripts/start-postgres.sh [port])"
set -euo pipefail
PORT=${1:-55439}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d /tmp/culturehub-pg.XXXXXX)
chown postgres:postgres "$PGDIR"
su postgres -c "$BIN/initdb -D $PGDIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$BIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -o '-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c max_connections=300' -w start" >/dev/null
psql -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE ROLE culturehub LOGIN PASSWORD 'culturehub'" >/dev/null
psql -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE culturehub_test OWNER culturehub" >/dev/null
psql -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE culturehub OWNER culturehub" >/dev/null
echo "export TEST_DATABASE_URL=postgres://culturehub:culturehub@127.0.0.1:$PORT/culturehub_test"
echo "export PG_DATA_DIR=$PGDIR/data"
