"""Issue #2 journeys in a real browser, with axe-core on every page visited."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_page, click_and_wait, login


def test_citizen_finds_a_venue_with_a_ramp_in_chengguan(driver, base_url):
    driver.get(base_url + "/")
    assert "找场馆" in driver.find_element(By.TAG_NAME, "h1").text
    check_page(driver, "01-home")

    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "场馆"))
    check_page(driver, "02-directory")
    Select(driver.find_element(By.ID, "f-township")).select_by_visible_text("城关镇")
    Select(driver.find_element(By.ID, "f-facility")).select_by_visible_text("无障碍坡道")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))

    heading = driver.find_element(By.ID, "results").text
    assert "找到" in heading and "找到 0 " not in heading
    cards = driver.find_elements(By.CSS_SELECTOR, ".cards .card")
    assert cards, "some venue in 城关镇 has a ramp"
    for card in cards:
        assert "无障碍坡道" in card.text
        assert "城关镇" in card.text
    check_page(driver, "03-directory-filtered")

    click_and_wait(driver, cards[0].find_element(By.CSS_SELECTOR, "h3 a"))
    assert "无障碍坡道" in driver.find_element(By.ID, "access").find_element(By.XPATH, "..").text
    assert driver.find_element(By.ID, "hours")
    check_page(driver, "04-venue")


def test_township_manager_fixes_an_hours_mistake(driver, base_url):
    login(driver, base_url, "chengguan")
    assert "工作台" in driver.find_element(By.TAG_NAME, "h1").text
    check_page(driver, "05-workbench")

    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "场馆管理"))
    driver.find_element(By.ID, "f-q").send_keys("城关镇综合文化站")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "城关镇综合文化站"))
    check_page(driver, "06-venue-edit")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(By.LINK_TEXT, "开放时间"))
    hours_url = driver.current_url

    opens, closes = driver.find_element(By.ID, "f-opens_1"), driver.find_element(By.ID, "f-closes_1")
    opens.clear(); opens.send_keys("09:00")
    closes.clear(); closes.send_keys("08:00")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "请修改" in summary.text
    assert "闭馆时间必须晚于开门时间" in driver.find_element(By.ID, "f-closes_1-error").text
    assert driver.find_element(By.ID, "f-closes_1").get_attribute("value") == "08:00", "typed value kept"
    assert driver.switch_to.active_element == summary, "focus moves to the error summary"
    check_page(driver, "07-hours-error")

    closes = driver.find_element(By.ID, "f-closes_1")
    closes.clear(); closes.send_keys("11:30")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert driver.find_element(By.ID, "f-closes_1").get_attribute("value") == "11:30"
    check_page(driver, "08-hours-saved")

    # Another township's manager cannot open this page.
    driver.delete_all_cookies()
    login(driver, base_url, "micun")
    driver.get(hours_url)
    assert "页面不存在" in driver.find_element(By.TAG_NAME, "h1").text
    check_page(driver, "09-other-township-404")


def test_public_pages_work_on_a_phone_and_in_english(phone, base_url):
    for path, name in [("/", "10-phone-home"), ("/venues", "11-phone-directory"), ("/coverage", "12-phone-coverage"),
                       ("/notices", "13-phone-notices"), ("/network", "14-phone-network")]:
        phone.get(base_url + path)
        overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways at 375 px by {overflow}px"
        check_page(phone, name)

    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, ".tools a.switch[lang=en]"))
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Main–branch network" == phone.find_element(By.TAG_NAME, "h1").text
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, ".tools a.large-switch"))
    assert "large-type" in phone.find_element(By.TAG_NAME, "body").get_attribute("class")
    check_page(phone, "15-phone-english-large")


def test_a_citizen_signs_up_with_the_code_sent_to_their_phone(phone, base_url):
    """Issue #20: the two-step sign-up on a phone-sized screen. The demo sends no real text
    messages, so the code page shows the code it would have sent."""
    number = "159" + "".join(random.choice("0123456789") for _ in range(8))
    phone.get(base_url + "/register")
    check_page(phone, "40-register-number")
    phone.find_element(By.ID, "f-phone").send_keys(number)
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert phone.current_url.endswith("/register/confirm")
    check_page(phone, "41-register-code")
    notice = phone.find_element(By.CSS_SELECTOR, ".notice").text
    code = "".join(ch for ch in notice.split("验证码是")[-1] if ch.isdigit())[:6]
    assert len(code) == 6, notice
    phone.find_element(By.ID, "f-code").send_keys(code)
    phone.find_element(By.ID, "f-name").send_keys("王阿姨")
    phone.find_element(By.ID, "f-password").send_keys("Reader2026")
    phone.find_element(By.ID, "f-confirm").send_keys("Reader2026")
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "注册成功" in phone.find_element(By.CSS_SELECTOR, ".flash").text
    assert "手机号已验证" in phone.page_source
    check_page(phone, "42-registered")
