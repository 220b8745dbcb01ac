#!/usr/bin/env python3
"""Computes the QR check-in tokens of the benchmark activity's confirmed registrations, as
the server does: base64url(registration id) + base64url(HMAC-SHA256(key, id)[:12]).

Usage: checkin_tokens.py sqlite:PATH|postgres:URL ACTIVITY_ID OUT_FILE
"""
import base64
import hashlib
import hmac
import subprocess
import sys
import uuid

target, activity, out = sys.argv[1], sys.argv[2].upper(), sys.argv[3]
if target.startswith("sqlite:"):
    import sqlite3
    db = sqlite3.connect(target[len("sqlite:"):], timeout=60)
    secret = db.execute("SELECT secret FROM signing_keys WHERE purpose = 'checkin'").fetchone()[0]
    ids = [r[0] for r in db.execute("SELECT id FROM registrations WHERE activity_id = ? AND status = 'confirmed'", (activity,))]
else:
    url = target[len("postgres:"):]
    run = lambda sql: subprocess.run(["psql", "-At", url, "-c", sql], capture_output=True, text=True, check=True).stdout.split()
    secret = run("SELECT secret FROM signing_keys WHERE purpose = 'checkin'")[0]
    ids = run(f"SELECT id FROM registrations WHERE activity_id = '{activity.lower()}' AND status = 'confirmed'")
key = base64.b64decode(secret)
b64 = lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")
with open(out, "w") as f:
    for rid in ids:
        raw = uuid.UUID(rid).bytes
        f.write(b64(raw) + b64(hmac.new(key, raw, hashlib.sha256).digest()[:12]) + "\n")
print(len(ids))
