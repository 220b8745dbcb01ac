#!/usr/bin/env python3
"""Requests PATHS in a loop from several threads for SECONDS and prints a JSON summary of the
statuses seen, in order of time: {"statuses": {...}, "last_ok_after": s, "timeline": [...]}.
Usage: status_client.py BASE_URL SECONDS PATH [PATH ...]
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, seconds, paths = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
url = urllib.parse.urlparse(base)
start = time.time()
lock = threading.Lock()
seen = []


def worker(n):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=15)
    i = n
    while time.time() - start < seconds:
        path = paths[i % len(paths)]
        i += 1
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            status = str(resp.status)
        except Exception:
            status = "no-answer"
            conn.close()
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=15)
        with lock:
            seen.append((round(time.time() - start, 2), status))
        time.sleep(0.02)


threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
counts = {}
for _, s in seen:
    counts[s] = counts.get(s, 0) + 1
print(json.dumps({"statuses": counts, "last": seen[-20:]}))
