"""Issue #19: every GET page a demo role can reach by following links, checked with axe-core.

Each role signs in, then crawls same-origin links breadth-first from its start pages. Every
HTML page must answer below 500 and have no serious or critical axe-core violation. Pages that
answer 4xx are not failures here (access rules have their own tests) but are listed in the
test's warnings with the page that linked to them: a page should not offer what its reader
cannot open.
"""
import re
import time
import warnings
from collections import deque
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
from selenium.common.exceptions import TimeoutException, WebDriverException

from conftest import AXE_SOURCE, login

ROLES = ["anonymous", "admin", "pingjia", "disanfang", "chengguan", "micun", "tushuguan", "cunguan", "13800000001"]
STAFF = {"admin", "pingjia", "disanfang", "chengguan", "micun", "tushuguan", "cunguan"}

# One record of each kind is enough to check a page's markup, so a path pattern (ids replaced
# by a placeholder) is visited once, plus one filtered variant; pagination alone is not a
# variant. New patterns go first, so the page cap only ever cuts filtered variants.
MAX_PAGES = 150
QUERY_VARIANTS = 1
IGNORED_QUERY = {"page"}

# Not pages: downloads, images and JSON, the sign-out and preference switches, check-in
# tokens, and /digital/…/open, which only redirects to the resource's own (external) site.
SKIP_PATH = re.compile(r"""
    ^/(logout|healthz|metrics)$
  | ^/(prefs|checkin|api)/
  | ^/staff/uploads/
  | ^/staff/evaluation/tables/
  | /export
  | \.(csv|xlsx|png|jpe?g|webp|svg|ics|pdf|json|zip)$
  | /photo$
  | ^/digital/[^/]+/open$
  | /checkin/counts$
""", re.VERBOSE)

ID_SEGMENT = re.compile(r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\d+|[0-9a-fA-F]{16,})$")
# The localized error page's heading, for when the navigation entry has no status.
ERROR_TITLES = {"系统错误": 500, "Server error": 500, "页面不存在": 404, "Not found": 404,
                "无权访问": 403, "Not allowed": 403, "请先登录": 401, "Please sign in": 401}

# Only serious and critical violations travel back to Python, with the first offending nodes.
AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
    .map(function (v) { return {id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; }));
}, function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });
"""

PAGE_STATE = """
var nav = performance.getEntriesByType('navigation')[0];
var h1 = document.querySelector('h1');
return {status: nav ? nav.responseStatus : 0, type: document.contentType, url: location.href,
        h1: h1 ? h1.textContent.trim() : ''};
"""

LINKS = "return Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'));"


def _pattern(path):
    return "/".join("{id}" if ID_SEGMENT.match(s) else s for s in path.split("/"))


class Frontier:
    def __init__(self, base_url):
        self.origin = urlsplit(base_url)[:2]
        self.fresh, self.variants = deque(), deque()
        self.seen = set()
        self.taken = {}
        self.linked_from = {}

    def offer(self, href, page_url):
        if not href or href.startswith("#") or href.split(":", 1)[0].lower() in ("mailto", "tel", "javascript", "data"):
            return
        url, _ = urldefrag(urljoin(page_url, href))
        parts = urlsplit(url)
        if parts[:2] != self.origin or SKIP_PATH.search(parts.path) or url in self.seen:
            return
        self.seen.add(url)
        keys = frozenset(k for k, _ in parse_qsl(parts.query, keep_blank_values=True)) - IGNORED_QUERY
        taken = self.taken.setdefault(_pattern(parts.path), set())
        if keys in taken or (keys and len(taken - {frozenset()}) >= QUERY_VARIANTS):
            return
        taken.add(keys)
        self.linked_from[url] = page_url
        (self.variants if len(taken) > 1 else self.fresh).append(url)

    def next(self):
        if self.fresh:
            return self.fresh.popleft()
        return self.variants.popleft() if self.variants else None


def _visit(driver, url):
    try:
        driver.get(url)
    except TimeoutException:
        return None
    return driver.execute_script(PAGE_STATE)


@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_passes_axe(driver, base_url, role):
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    if role != "anonymous":
        login(driver, base_url, role)
        assert urlsplit(driver.current_url).path != "/login", f"{role} could not sign in"

    frontier = Frontier(base_url)
    for start in ["/"] + (["/staff"] if role in STAFF else []):
        frontier.offer(start, base_url + "/")

    started = time.time()
    visited, failures, client_errors = 0, [], []
    while visited < MAX_PAGES and (url := frontier.next()):
        state = _visit(driver, url)
        if state is None:
            failures.append(f"{url}: did not load within 30 s")
            continue
        if urlsplit(state["url"])[:2] != frontier.origin or not state["type"].startswith("text/html"):
            continue  # redirected off the site, or a file the link pattern did not recognise
        visited += 1
        status = state["status"] or ERROR_TITLES.get(state["h1"], 200)
        if status >= 500 or ERROR_TITLES.get(state["h1"]) == 500:
            failures.append(f"{url}: HTTP {status} ({state['h1']}), linked from {frontier.linked_from.get(url)}")
            continue
        if status >= 400:
            client_errors.append(f"{url}: HTTP {status} ({state['h1']}), linked from {frontier.linked_from.get(url)}")
            continue
        try:
            driver.execute_script(AXE_SOURCE)
            violations = driver.execute_async_script(AXE_RUN)
        except WebDriverException as e:
            failures.append(f"{url}: axe-core could not run: {e.msg}")
            continue
        for v in violations:
            failures.append(f"{url}: {v['id']} ({v['impact']}): {v['help']} — {v['nodes']}")
        for href in driver.execute_script(LINKS):
            frontier.offer(href, state["url"])

    print(f"\n{role}: {visited} pages in {time.time() - started:.0f} s, {len(frontier.fresh) + len(frontier.variants)} left unvisited")
    for line in client_errors:
        warnings.warn(f"{role} reached a 4xx page by a link: {line}")
    assert visited >= 5, f"{role} reached only {visited} pages: is the crawl broken?"
    assert not failures, f"{role}: {len(failures)} problems on {visited} pages\n" + "\n".join(failures)
