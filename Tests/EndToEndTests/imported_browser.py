#!/usr/bin/env python3
"""Drives imported.html of a built site in headless Chromium, from file://: for each site
in the Site filter, only that site's courses stay shown and the count says how many; the
Subject filter then narrows them to one subject. Prints `ok <name>` or `FAIL <name>: <why>`
per check, exits 1 if any failed, and writes imported-1280.png into the screenshots folder.

    imported_browser.py SITE_FOLDER SCREENSHOT_FOLDER
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

site, shots = sys.argv[1:3]
failures = []


def check(name, condition, why=""):
    print(("ok " if condition else "FAIL ") + name + ("" if condition else ": " + why))
    if not condition:
        failures.append(name)


def choose(name, text):
    select = driver.find_element(By.CSS_SELECTOR, "form.filters select[name=%s]" % name)
    Select(select).select_by_visible_text(text)
    driver.execute_script("arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", select)


def shown():
    return [c for c in driver.find_elements(By.CSS_SELECTOR, "li.card") if c.is_displayed()]


options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--hide-scrollbars"):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.set_window_size(1280, 900)
    driver.get("file://" + os.path.join(os.path.abspath(site), "imported.html"))
    every = driver.find_elements(By.CSS_SELECTOR, "li.card")
    providers = [o.text for o in Select(driver.find_element(By.CSS_SELECTOR, "select[name=provider]")).options][1:]
    check("the filters are shown", driver.find_element(By.CSS_SELECTOR, "form.filters").is_displayed())
    for provider in providers:
        choose("provider", provider)
        cards = shown()
        count = driver.find_element(By.CSS_SELECTOR, ".course-count").text
        expected = sum(1 for c in every if c.get_attribute("data-provider") == provider)
        check("the site filter shows only " + provider,
              expected > 0 and len(cards) == expected and all(c.get_attribute("data-provider") == provider for c in cards)
              and count == "%d course%s" % (expected, "" if expected == 1 else "s"),
              "%d shown of %d expected, count '%s'" % (len(cards), expected, count))
    choose("provider", "All sites")
    subject = Select(driver.find_element(By.CSS_SELECTOR, "select[name=subject]")).options[1]
    choose("subject", subject.text)
    cards = shown()
    key = subject.get_attribute("value")
    check("the subject filter shows only " + subject.text,
          cards and all(c.get_attribute("data-subject") == key for c in cards)
          and len(cards) == sum(1 for c in every if c.get_attribute("data-subject") == key),
          "%d shown" % len(cards))
    choose("subject", "All subjects")
    check("every course is shown again", len(shown()) == len(every), "%d of %d" % (len(shown()), len(every)))
    os.makedirs(shots, exist_ok=True)
    driver.save_screenshot(os.path.join(shots, "imported-1280.png"))
finally:
    driver.quit()
sys.exit(1 if failures else 0)
