"""Issue #3 journeys in a real browser: register, QR check-in by URL, waiting-list promotion,
a space-booking conflict; axe-core on every page visited."""
import re

from selenium.webdriver.common.by import By

from conftest import check_page, click_and_wait, login


def _set(driver, element_id, value):
    """Date and time inputs take typed text in the browser's locale; set the value directly."""
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, element_id), value)


def _logout(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "header form button"))


def test_citizen_registers_and_staff_check_the_code_in_by_its_url(driver, base_url):
    login(driver, base_url, "13800000001")
    driver.get(base_url + "/")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "活动"))
    check_page(driver, "20-activities")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".cards .card h3 a")]
    assert links, "the demo city has upcoming activities"
    # Depending on the time of day the first page may hold only today's started or open
    # activities: look further down the list too.
    for page in range(2, 6):
        driver.get(f"{base_url}/activities?page={page}")
        links += [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".cards .card h3 a")]
    for href in links:
        driver.get(href)
        left = re.search(r"剩余 (\d+) 个", driver.page_source)
        if driver.find_elements(By.CSS_SELECTOR, "form[action$='/register']") and left and int(left.group(1)) > 0:
            break
    else:
        raise AssertionError("an activity with places left to register for")
    check_page(driver, "21-activity")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/register'] button[type=submit]"))

    assert driver.find_element(By.CSS_SELECTOR, ".flash").text.startswith("报名成功！")
    assert driver.find_element(By.CSS_SELECTOR, ".qr-ticket svg")
    check_page(driver, "22-ticket")
    token = driver.find_element(By.CSS_SELECTOR, ".code-text").text.split("：")[-1].strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{38}", token)
    _logout(driver)

    login(driver, base_url, "admin")
    driver.get(base_url + "/checkin/" + token)
    assert driver.find_element(By.ID, "f-code").get_attribute("value") == token
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".checkin-form button[type=submit]"))
    assert "签到成功" in driver.find_element(By.CSS_SELECTOR, ".checkin-result").text
    check_page(driver, "23-checked-in")
    driver.find_element(By.ID, "f-code").send_keys(token)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".checkin-form button[type=submit]"))
    assert "请勿重复签到" in driver.find_element(By.CSS_SELECTOR, ".checkin-result").text
    check_page(driver, "24-duplicate")


def test_a_cancellation_moves_the_waiting_list_up(driver, base_url):
    login(driver, base_url, "admin")
    driver.get(base_url + "/activities")
    full = None
    for page in range(1, 8):
        driver.get(f"{base_url}/activities?page={page}")
        cards = [c for c in driver.find_elements(By.CSS_SELECTOR, ".cards .card") if "已报满" in c.text]
        if cards:
            full = cards[0].find_element(By.CSS_SELECTOR, "h3 a").get_attribute("href")
            break
    assert full, "the demo city has a full activity with a waiting list"
    staff_url = full.replace("/activities/", "/staff/activities/")
    driver.get(staff_url)
    heading = driver.find_element(By.ID, "registrations").text
    waiting_before = int(re.search(r"候补 (\d+)", heading).group(1))
    cancel = driver.find_element(By.CSS_SELECTOR, "#registrations ~ * form[action$='/cancel'] button, section[aria-labelledby=registrations] form[action$='/cancel'] button")
    driver.execute_script("window.confirm = function () { return true; }")
    click_and_wait(driver, cancel)

    assert "已自动补上" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    waiting_after = int(re.search(r"候补 (\d+)", driver.find_element(By.ID, "registrations").text).group(1))
    assert waiting_after < waiting_before
    check_page(driver, "25-waitlist-promoted")


def test_an_overlapping_booking_names_the_approved_one(driver, base_url):
    login(driver, base_url, "13800000001")
    driver.get(base_url + "/account/registrations")
    check_page(driver, "26-my-registrations")
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=bookings] tbody tr") if "已批准" in r.text][0]
    day = re.search(r"\d{4}-\d{2}-\d{2}", row.text).group(0)
    click_and_wait(driver, row.find_element(By.CSS_SELECTOR, "a"))
    driver.find_element(By.ID, "f-team").send_keys("米村太极队")
    driver.find_element(By.ID, "f-phone").send_keys("13912345678")
    driver.find_element(By.ID, "f-purpose").send_keys("太极拳练习")
    driver.find_element(By.ID, "f-attendees").send_keys("12")
    _set(driver, "f-date", day)
    _set(driver, "f-starts", "16:00")
    _set(driver, "f-ends", "17:00")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/book'] button[type=submit]"))

    message = driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert "已被占用" in message and "夕阳红广场舞队" in message
    assert driver.find_element(By.ID, "f-team").get_attribute("value") == "米村太极队", "the input is kept"
    check_page(driver, "27-booking-conflict")
