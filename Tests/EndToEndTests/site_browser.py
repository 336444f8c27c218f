#!/usr/bin/env python3
"""Drives the built site in headless Chromium (Debian's chromium and chromium-driver,
through PyPI's selenium), from file://, as a reader would. Prints one line per check,
`ok <name>` or `FAIL <name>: <why>`, exits 1 if any failed, and writes screenshots of
the index, a course page and a page at 1280 and 390 px wide into the screenshots folder.

    site_browser.py SITE_FOLDER SCREENSHOT_FOLDER WORD EXPECTED_PAGE
"""
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

site, shots, word, expected = sys.argv[1:5]
failures = []


def check(name, condition, why=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else ": " + why))
    if not condition:
        failures.append(name)


options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--hide-scrollbars"):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
url = lambda page: "file://" + os.path.join(os.path.abspath(site), page)
try:
    driver.set_window_size(1280, 900)
    driver.get(url("index.html"))

    # Search: `/` focuses the box; the page holding the word comes first.
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    box = driver.find_element(By.ID, "search")
    check("slash focuses search", driver.switch_to.active_element == box)
    box.send_keys(word)
    deadline = time.time() + 5
    links = []
    while time.time() < deadline and not links:
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        time.sleep(0.05)
    check("search finds the page first", bool(links) and links[0].endswith("/" + expected), "results: %s" % links[:5])

    # The level filter hides the other levels.
    box.send_keys(Keys.ESCAPE)
    select = driver.find_element(By.CSS_SELECTOR, "form.filters select[name=level]")
    select.send_keys("Advanced")
    driver.execute_script("arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", select)
    cards = driver.find_elements(By.CSS_SELECTOR, "li.card")
    visible = [c.get_attribute("data-level") for c in cards if c.is_displayed()]
    check("the level filter hides the other levels", visible and set(visible) == {"advanced"},
          "visible: %s of %d" % (visible, len(cards)))

    # The dark-mode toggle persists across pages.
    driver.find_element(By.CSS_SELECTOR, ".theme-toggle").click()
    theme = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
    driver.get(url(expected))
    after = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
    background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    check("the dark-mode toggle persists across pages", theme == "dark" and after == "dark" and background != "rgb(255, 255, 255)",
          "before %s, after %s, background %s" % (theme, after, background))
    driver.execute_script("localStorage.removeItem('scrollbuild-theme')")

    os.makedirs(shots, exist_ok=True)
    course = expected.split("/")[0] + "/index.html"
    for width in (1280, 390):
        driver.set_window_size(width, 900)
        for name, page in (("index", "index.html"), ("course", course), ("page", expected)):
            driver.get(url(page))
            driver.save_screenshot(os.path.join(shots, "%s-%d.png" % (name, width)))
    check("screenshots written", len(os.listdir(shots)) >= 6)
finally:
    driver.quit()
sys.exit(1 if failures else 0)
