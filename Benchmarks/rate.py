#!/usr/bin/env python3
"""Prints how many rows a benchmark phase wrote and how fast, from the server's own
timestamps: confirmed registrations (created_at) or check-ins (checked_in_at).

Usage: rate.py sqlite:PATH|postgres:URL ACTIVITY_ID created_at|checked_in_at
"""
import subprocess
import sys

target, activity, column = sys.argv[1], sys.argv[2], sys.argv[3]
condition = "status = 'confirmed'" if column == "created_at" else "checked_in_at IS NOT NULL"
if target.startswith("sqlite:"):
    import sqlite3
    db = sqlite3.connect(target[len("sqlite:"):], timeout=60)
    n, lo, hi = db.execute(f"SELECT count(*), min({column}), max({column}) FROM registrations WHERE activity_id = ? AND {condition}",
                           (activity.upper(),)).fetchone()
else:
    out = subprocess.run(["psql", "-At", "-F", " ", target[len("postgres:"):], "-c",
                          f"SELECT count(*), extract(epoch from min({column})), extract(epoch from max({column})) FROM registrations "
                          f"WHERE activity_id = '{activity}' AND {condition}"], capture_output=True, text=True, check=True).stdout.split()
    n, lo, hi = int(out[0]), float(out[1]), float(out[2])
span = max(hi - lo, 1e-9)
print(f"{n} rows in {span:.2f} s = {n / span:.0f} per second")
