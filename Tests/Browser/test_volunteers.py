"""Issue #7 journeys in a real browser: a citizen applies to volunteer, is approved, signs up for
a post, is checked in and out, sees the confirmed hours and prints the certificate; a team leader
books a space at the team rate and staff approve it. axe-core on every page visited."""
import datetime
import time
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_page, click_and_wait, login

LIBRARY_CORPS = "新密市图书馆“书香”志愿服务队"


def _logout(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "header form button"))


def _set(driver, field_id, value):
    # Date and time inputs take typed text by the browser's locale; setting the value does not.
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", field_id, value)


def _flash(driver):
    return driver.find_element(By.CSS_SELECTOR, ".flash").text


def _post_in_row(driver, row_text, button_text):
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if row_text in r.text][0]
    button = [b for b in row.find_elements(By.CSS_SELECTOR, "button") if button_text in b.text][0]
    click_and_wait(driver, button)


def test_a_citizen_volunteers_from_application_to_certificate(driver, base_url):
    login(driver, base_url, "13800000001")
    driver.get(base_url + "/volunteer")
    check_page(driver, "60-volunteer-home")
    Select(driver.find_element(By.ID, "f-org")).select_by_visible_text(LIBRARY_CORPS)
    driver.find_element(By.CSS_SELECTOR, "input[name='skills[]'][value=reading]").click()
    driver.find_element(By.ID, "f-availability").send_keys("每周六上午")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/volunteer'] button[type=submit]"))
    assert "申请已提交" in _flash(driver)
    _logout(driver)

    login(driver, base_url, "tushuguan")
    driver.get(base_url + "/staff/volunteers")
    check_page(driver, "61-applications")
    _post_in_row(driver, "每周六上午", "通过")
    assert "已通过" in _flash(driver)

    # A post starting in 20 minutes: check-in opens two hours before the start.
    start = datetime.datetime.now(ZoneInfo("Asia/Shanghai")) + datetime.timedelta(minutes=20)
    end = start + datetime.timedelta(hours=1)
    driver.get(base_url + "/staff/volunteers/posts")
    Select(driver.find_element(By.ID, "f-org")).select_by_visible_text(LIBRARY_CORPS)
    driver.find_element(By.ID, "f-title").send_keys("少儿故事会助教")
    driver.find_element(By.ID, "f-duties").send_keys("协助老师组织孩子们读绘本")
    _set(driver, "f-date", start.date().isoformat())
    _set(driver, "f-starts", start.strftime("%H:%M"))
    _set(driver, "f-ends", end.strftime("%H:%M") if end.date() == start.date() else "23:59")
    driver.find_element(By.ID, "f-slots").send_keys("2")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/staff/volunteers/posts'] button[type=submit]"))
    assert "已发布招募" in _flash(driver)
    post_url = driver.current_url
    check_page(driver, "62-post-roster-empty")
    _logout(driver)

    login(driver, base_url, "13800000001")
    driver.get(base_url + "/volunteer/posts")
    check_page(driver, "63-volunteer-posts")
    _post_in_row(driver, "少儿故事会助教", "报名")
    assert "报名成功" in _flash(driver)
    _logout(driver)

    login(driver, base_url, "tushuguan")
    driver.get(post_url)
    _post_in_row(driver, "张", "签到")
    assert "已签到" in _flash(driver)
    time.sleep(61)  # the shortest service the desk accepts is a minute
    _post_in_row(driver, "张", "签退")
    assert "已签退" in _flash(driver)
    check_page(driver, "64-post-roster-checked-out")
    _post_in_row(driver, "张", "确认时长")
    assert "计入志愿者的服务记录" in _flash(driver)
    _logout(driver)

    login(driver, base_url, "13800000001")
    driver.get(base_url + "/volunteer/me")
    assert "少儿故事会助教" in driver.page_source and "已确认" in driver.page_source
    check_page(driver, "65-my-volunteering")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "查看并打印服务证明"))
    assert "志愿服务记录证明" in driver.page_source and "小时" in driver.find_element(By.CSS_SELECTOR, ".certificate").text
    assert driver.find_element(By.CSS_SELECTOR, "button[data-print]").is_displayed()
    check_page(driver, "66-certificate")


def test_a_team_leader_books_a_space_at_the_team_rate(driver, base_url):
    login(driver, base_url, "13800000001")
    driver.get(base_url + "/account/registrations")
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=bookings] tbody tr") if "已批准" in r.text][0]
    click_and_wait(driver, row.find_element(By.CSS_SELECTOR, "a"))
    space_url = driver.current_url
    team = Select(driver.find_element(By.ID, "f-teamId"))
    team_label = [o.text for o in team.options if "豫剧团" in o.text][0]
    team_name = team_label.split("（")[0]
    check_page(driver, "67-space-team-booking")
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    # The venue's bookable days are its own: try the coming days until one takes the request.
    for days in range(2, 10):
        driver.get(space_url)
        Select(driver.find_element(By.ID, "f-teamId")).select_by_visible_text(team_label)
        driver.find_element(By.ID, "f-phone").send_keys("13912345678")
        driver.find_element(By.ID, "f-purpose").send_keys("豫剧排练")
        driver.find_element(By.ID, "f-attendees").send_keys("15")
        _set(driver, "f-date", (today + datetime.timedelta(days=days)).isoformat())
        _set(driver, "f-starts", "10:00")
        _set(driver, "f-ends", "11:30")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/book'] button[type=submit]"))
        if driver.find_elements(By.CSS_SELECTOR, ".flash"):
            break
    assert "团队价：免费" in _flash(driver)
    _logout(driver)

    login(driver, base_url, "admin")
    driver.get(base_url + "/staff/bookings")
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if team_name in r.text][0]
    assert "登记团队，团队价：免费" in row.text
    assert Select(row.find_element(By.CSS_SELECTOR, "select[name=rate]")).first_selected_option.text == "免费"
    check_page(driver, "68-team-booking-to-approve")
    click_and_wait(driver, [b for b in row.find_elements(By.CSS_SELECTOR, "button") if "批准" == b.text][0])
    assert "已批准预约（免费）" in _flash(driver)
