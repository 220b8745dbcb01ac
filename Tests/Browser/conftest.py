"""Browser tests drive Debian's headless Chromium against a running demo server.

Set CULTUREHUB_URL to test a server that is already running (CI starts one); otherwise a demo
server is started from CULTUREHUB_BIN (default .build/debug/culturehub) on a fresh data directory.
"""
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from axe_selenium_python import Axe
from axe_selenium_python.axe import _DEFAULT_SCRIPT
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = pathlib.Path(__file__).resolve().parent / "screenshots"
DEMO_PASSWORD = "Demo2026"

# axe-selenium-python bundles axe-core 3.1.1 (2018), whose autocomplete list predates the HTML
# standard's "one-time-code" (current axe-core accepts it). Teach it that one token, so the rule
# still catches real mistakes while code fields keep the hint that lets password managers fill them.
AXE_SOURCE = pathlib.Path(_DEFAULT_SCRIPT).read_text(encoding="utf8") + (
    ";axe.configure({checks: [{id: 'autocomplete-valid', options: {standaloneTerms: ['one-time-code']}}]});")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server at {url} did not become healthy")


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("CULTUREHUB_URL")
    if url:
        _wait_for(url)
        yield url.rstrip("/")
        return
    binary = os.environ.get("CULTUREHUB_BIN", str(ROOT / ".build" / "debug" / "culturehub"))
    data_dir = tempfile.mkdtemp(prefix="culturehub-browser-")
    port, receiver_port = _free_port(), _free_port()
    # The stand-in for the culture cloud, so filed reports have somewhere to go.
    receiver = subprocess.Popen([binary, "cloud-receiver", "--port", str(receiver_port)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["CLOUD_RECEIVER_URL"] = f"http://127.0.0.1:{receiver_port}/reports"
    env = dict(os.environ, DATA_DIR=data_dir, PORT=str(port), BASE_URL=f"http://127.0.0.1:{port}", LOG_LEVEL="warning",
               CLOUD_URL=os.environ["CLOUD_RECEIVER_URL"], REPORT_PUSH_SECONDS="2")
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([binary, "serve", "--demo"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        receiver.terminate()
        receiver.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)


def _make_driver(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")), options=options)


@pytest.fixture
def driver():
    d = _make_driver()
    yield d
    d.quit()


@pytest.fixture
def phone():
    d = _make_driver(375, 812)
    yield d
    d.quit()


def check_page(driver, name):
    """Screenshot the page, then run axe-core: no serious or critical violations allowed."""
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    driver.execute_script(AXE_SOURCE)
    results = Axe(driver).run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad)
    assert not bad, f"axe found serious/critical problems on {name} ({driver.current_url}):\n{details}"


def _gone(old):
    """Like EC.staleness_of, but Chromium may also answer "node does not belong to the document"
    while the old page is being torn down: that too means it is gone."""
    def check(driver):
        try:
            return EC.staleness_of(old)(driver)
        except WebDriverException:
            return True
    return check


def click_and_wait(driver, element):
    """Click something that loads a new page, and wait until the old page is gone,
    so the next lookup cannot find an element of the page being left."""
    old = driver.find_element("tag name", "html")
    element.click()
    WebDriverWait(driver, 15).until(_gone(old))
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def login(driver, base_url, user):
    driver.get(base_url + "/login")
    driver.find_element("id", "f-login").send_keys(user)
    driver.find_element("id", "f-password").send_keys(DEMO_PASSWORD)
    click_and_wait(driver, driver.find_element("css selector", "main form button[type=submit]"))
