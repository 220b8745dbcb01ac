#!/usr/bin/env python3
"""Fires registrations at one activity from many threads and appends every registration the
server confirmed (HTTP 201, status "confirmed") to OUT as it arrives, so the list survives the
server being killed mid-run. Stops after SECONDS or when the server stops answering.

Usage: register_client.py BASE_URL ACTIVITY_ID TOKENS_FILE OUT SECONDS [THREADS]
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, activity, tokens_file, out, seconds = sys.argv[1:6]
threads = int(sys.argv[6]) if len(sys.argv) > 6 else 16
url = urllib.parse.urlparse(base)
tokens = [t.strip() for t in open(tokens_file) if t.strip()]
lock = threading.Lock()
next_token = [0]
deadline = time.time() + float(seconds)
sink = open(out, "a", buffering=1)
counts = {"confirmed": 0, "other": 0, "errors": 0}


def worker():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    while time.time() < deadline:
        with lock:
            if next_token[0] >= len(tokens):
                return
            token = tokens[next_token[0]]
            next_token[0] += 1
        try:
            conn.request("POST", f"/api/v1/activities/{activity}/registrations", body='{"places":1}',
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            resp = conn.getresponse()
            body = resp.read()
            if resp.status == 201 and json.loads(body).get("status") == "confirmed":
                with lock:
                    sink.write(json.loads(body)["id"] + "\n")
                    counts["confirmed"] += 1
            else:
                with lock:
                    counts["other"] += 1
        except Exception:
            with lock:
                counts["errors"] += 1
            conn.close()
            time.sleep(0.05)
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)


pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
for t in pool:
    t.start()
for t in pool:
    t.join()
print(json.dumps(counts))
