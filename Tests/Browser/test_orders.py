"""Issue #6 journeys in a real browser: village staff order a menu item from the library, the
library accepts it with a date in the window, and the mobile activity appears on the village's
own calendar; staff file an activity's report and it reaches the stand-in cloud receiver.
axe-core on every page visited."""
import datetime
import json
import os
import re
import time
import urllib.request
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from conftest import check_page, click_and_wait, login


def _logout(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "header form button"))


def _set_date(driver, field_id, day):
    # Typing into a date input depends on the browser's locale; setting the value does not.
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", field_id, day.isoformat())


def test_village_orders_the_library_accepts_and_the_visit_is_on_the_village_calendar(driver, base_url):
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    login(driver, base_url, "cunguan")
    driver.get(base_url + "/staff/orders/new")
    check_page(driver, "50-order-form")
    library_items = [o for o in driver.find_elements(By.CSS_SELECTOR, "select[name=item] option") if "新密市图书馆" in o.text]
    assert library_items, "the library has orderable items in the demo city"
    library_items[0].click()
    item_title = library_items[0].text.split(" · ", 1)[1].split("（")[0]
    driver.find_element(By.ID, "f-quantity").clear()
    driver.find_element(By.ID, "f-quantity").send_keys("1")
    _set_date(driver, "f-windowStart", today + datetime.timedelta(days=10))
    _set_date(driver, "f-windowEnd", today + datetime.timedelta(days=30))
    driver.find_element(By.ID, "f-audience").send_keys("120")
    driver.find_element(By.ID, "f-contact").send_keys(" 13800001111")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "点单已提交" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert "138****1111" in driver.page_source and "13800001111" not in driver.page_source
    order_url = driver.current_url
    assert re.search(r"/staff/orders/[0-9a-f-]{36}$", order_url)
    check_page(driver, "51-order-placed")
    _logout(driver)

    login(driver, base_url, "tushuguan")
    driver.get(base_url + "/staff/orders")
    assert item_title in driver.page_source
    check_page(driver, "52-orders-to-answer")
    driver.get(order_url)
    accept = driver.find_element(By.CSS_SELECTOR, "form[action$='/accept']")
    _set_date(driver, "f-accept-date", today + datetime.timedelta(days=12))
    click_and_wait(driver, accept.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "已受理并安排活动" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    check_page(driver, "53-order-accepted")

    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "村里的活动日历"))
    calendar = driver.find_element(By.CSS_SELECTOR, "main").text
    assert item_title in calendar and "活动日历" in calendar
    check_page(driver, "54-village-calendar")


def test_staff_file_a_report_and_it_reaches_the_cloud_receiver(driver, base_url):
    receiver = os.environ.get("CLOUD_RECEIVER_URL")
    assert receiver, "the server under test must push to a receiver (conftest or .ci/run starts one)"
    login(driver, base_url, "admin")
    links = []
    for show in ("missing", "due"):
        driver.get(base_url + f"/staff/reports?show={show}")
        links = driver.find_elements(By.CSS_SELECTOR, "table tbody tr a")
        if links:
            break
    assert links, "the demo city has ended activities still to report"
    check_page(driver, "55-reports-to-file")
    click_and_wait(driver, links[0])
    title = driver.find_element(By.CSS_SELECTOR, "h1").text.split(" · ", 1)[1]
    driver.find_element(By.ID, "f-summary").send_keys("活动按计划举行，群众反响很好。")
    check_page(driver, "56-report-form")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "上报" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    report_url = driver.current_url

    deadline = time.time() + 30
    received = []
    while time.time() < deadline:
        with urllib.request.urlopen(receiver, timeout=5) as r:
            received = [entry["activityTitle"] for entry in json.load(r)]
        if title in received:
            break
        time.sleep(1)
    assert title in received, f"the report for {title} reached the receiver"
    # The receiver keeps the report before it answers; the receipt is recorded once the answer is in.
    while time.time() < deadline:
        driver.get(report_url)
        if "文旅云已接收" in driver.page_source:
            break
        time.sleep(1)
    assert "文旅云已接收" in driver.page_source and "ZZWLY-" in driver.page_source
    check_page(driver, "57-report-accepted")


def test_bureau_plans_a_tour_of_unserved_villages(driver, base_url):
    login(driver, base_url, "admin")
    driver.get(base_url + "/staff/mobile?period=quarter")
    assert "流动服务覆盖" in driver.page_source and driver.find_elements(By.CSS_SELECTOR, "figure svg")
    check_page(driver, "60-mobile-coverage")
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name='villages[]']")
    assert len(boxes) >= 3, "the demo city has villages without a mobile service this quarter"
    for box in boxes[:3]:
        box.click()
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., '规划巡回路线')]"))
    check_page(driver, "61-tour-form")
    options = [o for o in driver.find_elements(By.CSS_SELECTOR, "select[name=item] option") if "送戏下乡" in o.text]
    assert options
    options[0].click()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "建议日程" in driver.page_source and "公里" in driver.page_source
    check_page(driver, "62-tour-plan")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., '确认并发布')]"))
    assert "已安排 3 场流动服务" in driver.find_element(By.CSS_SELECTOR, ".flash").text


def test_the_new_staff_and_public_pages_pass_axe(driver, base_url):
    driver.get(base_url + "/digital")
    assert "数字文化" in driver.page_source and driver.find_elements(By.CSS_SELECTOR, "ul.cards li")
    check_page(driver, "63-digital")
    driver.get(base_url + "/volunteer")
    assert "文化志愿服务队" in driver.page_source
    check_page(driver, "63b-volunteers")
    login(driver, base_url, "admin")
    for path, name, text in [("/staff/programmes", "64-programmes", "送戏下乡"), ("/staff/circulation", "65-circulation", "资源流转"),
                             ("/staff/village-days", "66-village-days", "不方便"), ("/staff/reports?show=filed", "67-reports-filed", "文旅云"),
                             ("/staff/orders?show=all", "68-orders-all", "点单"), ("/staff/volunteers", "68b-volunteers", "志愿者申请"), ("/staff", "69-workbench", "待办事项")]:
        driver.get(base_url + path)
        assert text in driver.page_source, path
        check_page(driver, name)
