#!/usr/bin/env python3
"""Seeds a running demo database for the registration benchmark: one activity with N places
starting in two hours, N citizen accounts with API tokens, and a staff token for check-in.
Writes the plain tokens to OUT_DIR (citizens.txt, staff.txt, activity.txt).

Usage: seed_hot_activity.py sqlite:PATH|postgres:URL PLACES OUT_DIR
"""
import hashlib
import os
import secrets
import subprocess
import sys
import time
import uuid

target, places, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
now = time.time()
rows = []  # (sql, params) in a portable subset: ? placeholders, epoch seconds


def uid():
    return str(uuid.uuid4()).upper()


activity_id = uid()
citizen_tokens, staff_token = [], "ch_" + secrets.token_urlsafe(32)
accounts, tokens = [], []
for i in range(places):
    account_id, token = uid(), "ch_" + secrets.token_urlsafe(32)
    accounts.append((account_id, f"150{i:08d}", f"压测用户{i}"))
    tokens.append((uid(), account_id, hashlib.sha256(token.encode()).hexdigest(), token[-4:]))
    citizen_tokens.append(token)

if target.startswith("sqlite:"):
    import sqlite3
    db = sqlite3.connect(target[len("sqlite:"):], timeout=60)
    venue, region_path = db.execute("SELECT id, region_path FROM venues WHERE type = 'library' LIMIT 1").fetchone()
    admin = db.execute("SELECT id FROM accounts WHERE login = 'admin'").fetchone()[0]
    with db:
        db.execute("""INSERT INTO activities (id, venue_id, region_path, held_in_path, location, kind, title, description, target_groups,
                      starts_at, ends_at, registration, capacity, confirmed_places, waiting_places, cancel_deadline, per_account_limit,
                      status, created_at, updated_at) VALUES (?, ?, ?, ?, '', 'performance', '压测：万人演唱会', '', ',everyone,',
                      ?, ?, 'required', ?, 0, 0, ?, 1, 'published', ?, ?)""",
                   (activity_id, venue, region_path, region_path, now + 7200, now + 14400, places, now + 3600, now, now))
        db.executemany("""INSERT INTO accounts (id, login, display_name, password_hash, role, failed_logins, is_active, created_at)
                          VALUES (?, ?, ?, 'x', 'citizen', 0, 1, ?)""", [a + (now,) for a in accounts])
        db.executemany("INSERT INTO api_tokens (id, account_id, name, token_hash, token_hint, created_at, expires_at, can_write) VALUES (?, ?, 'bench', ?, ?, ?, ?, 1)",
                       [t + (now, now + 86400) for t in tokens])
        db.execute("INSERT INTO api_tokens (id, account_id, name, token_hash, token_hint, created_at, expires_at, can_write) VALUES (?, ?, 'bench', ?, ?, ?, ?, 1)",
                   (uid(), admin, hashlib.sha256(staff_token.encode()).hexdigest(), staff_token[-4:], now, now + 86400))
else:
    url = target[len("postgres:"):]
    def q(v):
        return "'" + str(v).replace("'", "''") + "'"
    ts = lambda t: f"to_timestamp({t})"
    sql = ["BEGIN;",
           f"""INSERT INTO activities (id, venue_id, region_path, held_in_path, location, kind, title, description, target_groups,
               starts_at, ends_at, registration, capacity, confirmed_places, waiting_places, cancel_deadline, per_account_limit,
               status, created_at, updated_at) SELECT {q(activity_id)}, id, region_path, region_path, '', 'performance', '压测：万人演唱会', '',
               ',everyone,', {ts(now + 7200)}, {ts(now + 14400)}, 'required', {places}, 0, 0, {ts(now + 3600)}, 1, 'published',
               {ts(now)}, {ts(now)} FROM venues WHERE type = 'library' LIMIT 1;"""]
    for a in accounts:
        sql.append(f"INSERT INTO accounts (id, login, display_name, password_hash, role, failed_logins, is_active, created_at) "
                   f"VALUES ({q(a[0])}, {q(a[1])}, {q(a[2])}, 'x', 'citizen', 0, true, {ts(now)});")
    for t in tokens:
        sql.append(f"INSERT INTO api_tokens (id, account_id, name, token_hash, token_hint, created_at, expires_at, can_write) "
                   f"VALUES ({q(t[0])}, {q(t[1])}, 'bench', {q(t[2])}, {q(t[3])}, {ts(now)}, {ts(now + 86400)}, true);")
    sql.append(f"INSERT INTO api_tokens (id, account_id, name, token_hash, token_hint, created_at, expires_at, can_write) "
               f"SELECT {q(uid())}, id, 'bench', {q(hashlib.sha256(staff_token.encode()).hexdigest())}, "
               f"{q(staff_token[-4:])}, {ts(now)}, {ts(now + 86400)}, true FROM accounts WHERE login = 'admin';")
    sql.append("COMMIT;")
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url], input="\n".join(sql), text=True, check=True, stdout=subprocess.DEVNULL)

os.makedirs(out, exist_ok=True)
open(os.path.join(out, "citizens.txt"), "w").write("\n".join(citizen_tokens) + "\n")
open(os.path.join(out, "staff.txt"), "w").write(staff_token + "\n")
open(os.path.join(out, "activity.txt"), "w").write(activity_id.lower() + "\n")
