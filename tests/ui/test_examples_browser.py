"""The Voorbeelden tab in a real headless Chromium against a real `pmg serve` (the report's index): choose a
municipality, see only its examples, click a cell of the matrix, export the CSV. Saves artifacts/examples.png
(docs/examples.png in the README is a copy of a good one)."""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.ui.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)")]


def cards(driver) -> list[tuple[str, str]]:
    """(municipality, theme) of each card shown, read in one go (the cards are re-rendered as filters change)."""
    return [tuple(c) for c in driver.execute_script(
        "return [...document.querySelectorAll('#pmg-ex-cards .pmg-card')]"
        ".map(c => [c.dataset.municipality, c.dataset.theme])")]


def test_choose_a_municipality_see_its_examples_and_export_them(live_server):
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    profile, downloads = tempfile.mkdtemp(prefix="pmg-chromium-"), tempfile.mkdtemp(prefix="pmg-downloads-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,1700"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    wait = WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException])
    try:
        driver.get(f"{live_server}/")
        tab = wait.until(lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, "button[role=tab]")
                                    if b.text.strip() == "Voorbeelden"])[0]
        tab.click()
        wait.until(lambda d: len(cards(d)) > 10)  # the whole catalogue when the tab opens
        assert len({m for m, _ in cards(driver)}) >= 15

        # choose a municipality in its facet: only its examples
        box = driver.find_element(By.CSS_SELECTOR, "#pmg-ex-municipality input")
        box.click()
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE, "Tilburg")
        option = wait.until(lambda d: [o for o in d.find_elements(By.CSS_SELECTOR, "#pmg-ex-municipality [role=option]")
                                       if o.text.startswith("Tilburg")])[0]
        assert "(" in option.text  # the facet shows its count
        option.click()
        wait.until(lambda d: cards(d) and {m for m, _ in cards(d)} == {"Tilburg"})
        text = driver.find_element(By.ID, "pmg-ex-cards").text
        assert "25 gezinnen" in text and "familieaanpak" in text and "Bron: Rapportage Preventie met Gezag" in text
        artifacts = REPO / "artifacts"
        artifacts.mkdir(exist_ok=True)
        assert driver.save_screenshot(str(artifacts / "examples.png"))

        # export the CSV of this selection
        driver.find_element(By.ID, "pmg-ex-csv").click()
        deadline = time.monotonic() + 30
        while not list(Path(downloads).glob("*.csv")) and time.monotonic() < deadline:
            time.sleep(0.3)
        exported = list(Path(downloads).glob("*.csv"))
        assert exported, "no CSV was downloaded"
        rows = list(csv.DictReader(exported[0].open(encoding="utf-8")))
        assert rows and {r["gemeente"] for r in rows} == {"Tilburg"}
        assert any("25 gezinnen" in r["cijfers"] for r in rows) and all(r["bestand"] for r in rows)

        # a cell of the matrix filters on its municipality and theme
        driver.find_element(By.ID, "pmg-ex-reset").click()
        wait.until(lambda d: len({m for m, _ in cards(d)}) > 1)
        first = wait.until(lambda d: [c for c in d.find_elements(By.CSS_SELECTOR, "#pmg-ex-matrix [role=gridcell][data-col='0']")
                                      if c.text.strip() == "Amsterdam"])[0]
        row = first.get_attribute("data-row")  # columns: gemeente, Onderwijs, Werk, Persoonlijk, Sociaal netwerk, ...
        cell = driver.find_element(By.CSS_SELECTOR, f"#pmg-ex-matrix [data-testid='cell-{row}-4']")
        cell.click()
        wait.until(lambda d: cards(d) and set(cards(d)) == {("Amsterdam", "sociale netwerk")})

        # a municipality the documents do not name: an explicit empty state
        box = driver.find_element(By.CSS_SELECTOR, "#pmg-ex-municipality input")
        box.click()
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE, "Maastricht", Keys.ENTER)
        empty = wait.until(lambda d: d.find_elements(By.ID, "pmg-examples-empty"))[0]
        assert "Geen voorbeelden voor Maastricht" in empty.text
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)
