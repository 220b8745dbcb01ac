"""Issue #5 journeys in a real browser: a citizen rates an activity they attended and answers a
survey; staff type in three paper questionnaires, see them in the results and download the
Excel file, which openpyxl reads back cell by cell; axe-core on every page visited."""
import io
import re
import urllib.request

import openpyxl
from selenium.webdriver.common.by import By

from conftest import check_page, click_and_wait, login


def _logout(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "header form button"))


def test_citizen_rates_an_attended_activity_and_answers_a_survey(driver, base_url):
    login(driver, base_url, "13800000001")
    driver.get(base_url + "/account/registrations")
    attended = [row for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr") if "已签到" in row.text]
    assert attended, "the demo citizen checked in to an activity last week"
    click_and_wait(driver, attended[0].find_element(By.CSS_SELECTOR, "td a, th a"))
    form = driver.find_element(By.CSS_SELECTOR, "form[action$='/rating']")
    form.find_element(By.CSS_SELECTOR, "select[name=score] option[value='5']").click()
    form.find_element(By.NAME, "comment").send_keys("老师很耐心，下次还来。")
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    flash = driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert "谢谢您的评价" in flash or "评价已修改" in flash  # a second run against the same server edits
    ratings = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=ratings]").text
    assert "老师很耐心" in ratings and "满意率" in ratings
    check_page(driver, "40-rated")

    driver.get(base_url + "/surveys")
    check_page(driver, "41-surveys")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".card-list h2 a"))
    submit = driver.find_element(By.CSS_SELECTOR, "form.survey button[type=submit]")
    click_and_wait(driver, submit)  # nothing chosen: the required questions are named
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert "这是必答题" in summary
    check_page(driver, "42-survey-errors")
    for fieldset in driver.find_elements(By.CSS_SELECTOR, "fieldset.question"):
        radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        if radios:
            driver.find_element(By.CSS_SELECTOR, f"label[for='{radios[0].get_attribute('id')}']").click()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.survey button[type=submit]"))
    assert "提交成功" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert "已经填写过" in driver.page_source
    check_page(driver, "43-survey-done")


def test_staff_enter_three_paper_questionnaires_and_see_them_in_the_results_and_excel(driver, base_url):
    login(driver, base_url, "admin")
    driver.get(base_url + "/staff/surveys?status=open")
    # The bureau's own survey: a third party's paper questionnaires are entered by the third party.
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table tbody tr a")]
    survey_url = None
    for link in links:
        driver.get(link)
        if driver.find_elements(By.LINK_TEXT, "录入纸质问卷"):
            survey_url = driver.current_url
            break
    assert survey_url, "an open survey whose paper questionnaires the bureau enters"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "录入纸质问卷"))
    check_page(driver, "44-paper-entry")
    typed = [("BR-001", "5", "1"), ("BR-002", "4", "2"), ("BR-003", "2", "3")]
    # A wrong score first: nothing is saved and the message names the questionnaire and question.
    for row, (ref, score, choice) in enumerate(typed, start=1):
        driver.find_element(By.ID, f"ref-{row}").send_keys(ref)
        driver.find_element(By.ID, f"a-{row}-1").send_keys("9" if row == 2 else score)
        driver.find_element(By.ID, f"a-{row}-2").send_keys(choice)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.paper-entry button[type=submit]"))
    assert "第 2 份（编号 BR-002）第 1 题" in driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    check_page(driver, "45-paper-errors")
    box = driver.find_element(By.ID, "a-2-1")
    box.clear()
    box.send_keys("4")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.paper-entry button[type=submit]"))
    assert "已录入 3 份纸质问卷" in driver.find_element(By.CSS_SELECTOR, ".flash").text

    driver.get(survey_url + "/results")
    returned = int(re.search(r"共收回 (\d+) 份答卷", driver.page_source).group(1))
    assert returned >= 3 and driver.find_elements(By.CSS_SELECTOR, "figure svg[role=img]")
    check_page(driver, "46-results")

    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(survey_url + "/results.xlsx", headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=20) as response:
        workbook = openpyxl.load_workbook(io.BytesIO(response.read()))
    answers = workbook["答卷"]
    header = [c.value for c in answers[1]]
    assert header[:5] == ["答卷编号", "渠道", "匿名", "纸质问卷编号", "提交时间"]
    rows = {r[3]: r for r in answers.iter_rows(min_row=2, values_only=True)}
    assert answers.max_row == returned + 1
    for ref, score, choice in typed:
        row = rows[ref]
        assert "纸质" in row[1] and row[2] is False
        assert row[5] == int(score)
        assert row[6] == ["每周", "每月", "每年几次", "第一次来"][int(choice) - 1]
    assert workbook["汇总"]["A1"].font.b


def test_feedback_and_demand_pages_are_accessible(driver, base_url):
    for path, name in [("/demands", "47-demands"), ("/satisfaction", "48-satisfaction")]:
        driver.get(base_url + path)
        check_page(driver, name)
    login(driver, base_url, "13800000001")
    for path, name in [("/account/profile", "49-profile"), ("/account/complaints", "50-my-complaints")]:
        driver.get(base_url + path)
        check_page(driver, name)
    driver.get(base_url + "/demands/new")
    township = driver.find_elements(By.CSS_SELECTOR, "select[name=township] option")[2].get_attribute("value")
    driver.get(base_url + "/demands/new?township=" + township)
    assert driver.find_elements(By.CSS_SELECTOR, "select[name=village] option")
    check_page(driver, "51-demand-new")
    _logout(driver)
    login(driver, base_url, "chengguan")
    for path, name in [("/staff/demands", "52-staff-demands"), ("/staff/complaints", "53-staff-complaints"), ("/staff/ratings", "54-staff-ratings")]:
        driver.get(base_url + path)
        check_page(driver, name)
