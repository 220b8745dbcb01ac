"""Issue #8 in a real browser: the bureau sees a township below the staffing threshold, the
people behind on this year's training, and the funding table. axe-core on every page."""
import re

from selenium.webdriver.common.by import By

from conftest import check_page, click_and_wait, login


def test_the_bureau_sees_staffing_and_training_gaps(driver, base_url):
    login(driver, base_url, "admin")
    driver.get(base_url + "/staff")
    assert "专职人员不足" in driver.page_source and "培训进度落后" in driver.page_source
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "专职人员不足"))
    assert driver.current_url.endswith("/staff/people/gaps")
    short = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=townships] tbody tr") if "缺 " in r.text]
    assert short and re.search(r"自 \d{4}-07-01 起", " ".join(short)), "the demo township that lost a member at the end of June"
    check_page(driver, "70-staffing-gaps")

    driver.get(base_url + "/staff/training/compliance")
    rows = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=people] tbody tr")
    assert rows and all("进度落后" in r.text for r in rows)
    check_page(driver, "71-training-behind")

    driver.get(base_url + "/staff/funding")
    assert "执行率" in driver.page_source and "合计" in driver.page_source
    assert "/staff/funding/export.xlsx" in driver.find_element(By.PARTIAL_LINK_TEXT, "导出 Excel").get_attribute("href")
    check_page(driver, "72-funding")


def test_a_township_manager_sees_only_their_township(driver, base_url):
    login(driver, base_url, "chengguan")
    driver.get(base_url + "/staff/people")
    assert "137****" in driver.page_source, "phones are masked in the list"
    assert not re.search(r"137\d{8}", driver.page_source)
    check_page(driver, "73-township-staff")
