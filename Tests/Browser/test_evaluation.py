"""Issue #9 in a real browser: the bureau computes last month, submits it, publishes it, opens a
township's drill-down and exports the report (read back with openpyxl); a township manager sees
their shortfall list on the workbench. axe-core on every page."""
import io
import urllib.request

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_page, click_and_wait, login


def test_the_bureau_runs_and_publishes_a_month(driver, base_url):
    login(driver, base_url, "admin")
    driver.get(base_url + "/staff/evaluation")
    check_page(driver, "80-evaluation-home")
    Select(driver.find_element(By.ID, "f-type")).select_by_value("month")
    period = driver.find_element(By.ID, "f-period").get_attribute("value")
    assert len(period) == 7, "last month is suggested"
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/staff/evaluation/runs'] button[type=submit]"))
    assert "草稿" in driver.find_element(By.CSS_SELECTOR, "p.flash").text
    run_url = driver.current_url
    townships = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=townships] tbody tr")
    assert len(townships) >= 17, "every township is ranked"
    check_page(driver, "81-evaluation-draft")

    click_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., '提交审核')]"))
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., '发布考核结果')]"))
    assert "已发布" in driver.find_element(By.CSS_SELECTOR, "p.flash").text
    assert not driver.find_elements(By.XPATH, "//button[contains(., '发布考核结果')]"), "a published run offers no second publish"

    # A township's drill-down: every figure with its basis, linking to the records.
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=townships] tbody tr a"))
    assert "计算依据" in driver.page_source and "扣分" in driver.page_source
    check_page(driver, "82-evaluation-unit")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=items] tbody a"))
    assert "共 " in driver.page_source
    check_page(driver, "83-evaluation-records")

    # The whole report as XLSX, read back.
    driver.get(run_url)
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(run_url + "/report.xlsx", headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        workbook = openpyxl.load_workbook(io.BytesIO(response.read()))
    assert workbook.sheetnames == ["乡镇排名", "场馆排名", "指标明细", "扣分"]
    ranks = workbook["乡镇排名"]
    assert [c.value for c in ranks[1]] == ["名次", "单位", "总分", "扣分", "未达标指标"]
    assert ranks.max_row >= 18 and ranks.cell(row=2, column=1).value == 1
    assert isinstance(ranks.cell(row=2, column=3).value, (int, float))
    details = workbook["指标明细"]
    assert details.max_row > 100, "every unit's indicators"

    # The public page lists it.
    driver.get(base_url + "/evaluation")
    assert period.replace("-", " 年 ").replace(" 0", " ") in driver.page_source or "月考核结果" in driver.page_source
    check_page(driver, "84-evaluation-public")


def test_a_township_manager_sees_their_shortfall(driver, base_url):
    login(driver, base_url, "chengguan")
    driver.get(base_url + "/staff")
    section = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=shortfall]")
    assert "城关镇" in section.text and "12 月 31 日前" in section.text
    click_and_wait(driver, section.find_element(By.PARTIAL_LINK_TEXT, "查看全部指标"))
    rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert rows and any("前" in r.text for r in rows)
    check_page(driver, "85-shortfall")
    driver.get(base_url + "/staff/rectifications")
    check_page(driver, "86-rectifications")
