"""The chat in a real headless Chromium against the real server, at desktop (1400x1000) and phone (390x844) size:
what a policy officer sees and does. Screenshots of each step go to artifacts/ (docs/ holds copies of good ones)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.ui.conftest import AJB_QUESTION, REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPORT = "Rapportage Preventie met Gezag"
ARTIFACTS = REPO / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)")]

# what the chat's copy button hands to the clipboard, kept for the test to read (headless has no clipboard to read)
RECORD_COPY = """Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {
  writeText: t => { window.__copied = t; return Promise.resolve(); } }});"""


def browser(phone: bool = False):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="pmg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--lang=en-US",
                "--window-size=390,844" if phone else "--window-size=1400,1000"):
        options.add_argument(arg)  # an English browser: the chat must still show Gradio's labels in Dutch
    if phone:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844,
                                                                               "pixelRatio": 2}})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.profile_dir = profile
    return driver


def close(driver) -> None:
    driver.quit()
    shutil.rmtree(driver.profile_dir, ignore_errors=True)


def wait(driver, until, timeout: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(until)


def shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    assert driver.save_screenshot(str(ARTIFACTS / name))


def ask(driver, question: str, expect: str):
    """Type a question, press Enter, and wait for the new answer (the last bot message) to carry ``expect``."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(driver.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.bot"))
    box = driver.find_element(By.CSS_SELECTOR, "#pmg-question textarea")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    return wait(driver, lambda d: (bots := d.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.bot"))
                and len(bots) > before and expect in bots[-1].text and bots[-1])


def rect(driver, element) -> dict:
    return driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", element)


def open_first_source(driver, answer):
    """Click the answer's first [n]; the panel shows that source with its quote highlighted."""
    from selenium.webdriver.common.by import By

    ref = wait(driver, lambda d: answer.find_elements(By.CSS_SELECTOR, ".pmg-ref"))[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", ref)
    ref.click()
    return wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#pmg-passage mark"))[0]


def test_desktop_sources_copy_original_english_and_refusal(live_server):
    from selenium.webdriver.common.by import By

    driver = browser()
    try:
        driver.get(f"{live_server}/")
        wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#pmg-question textarea"))
        page = driver.find_element(By.TAG_NAME, "body").text
        assert "Gebruik via API" in page and "Use via API" not in page  # Gradio's own labels, in Dutch
        driver.execute_script(RECORD_COPY)

        answer = ask(driver, AJB_QUESTION, "Bronnen")
        assert "576 jongeren" in answer.text and "Uit de documenten" in answer.text
        mark = open_first_source(driver, answer)
        assert "576 jongeren" in mark.text
        panel = driver.find_element(By.ID, "pmg-passage")
        box = rect(driver, panel.find_element(By.CSS_SELECTOR, ".pmg-text"))
        assert box["top"] <= rect(driver, mark)["top"] and rect(driver, mark)["bottom"] <= box["bottom"] + 1  # in view
        assert "juni 2024" in panel.text and "Persoonlijke en psychologische ontwikkeling" in panel.text
        chat = driver.find_element(By.ID, "pmg-chat")
        assert rect(driver, panel)["left"] >= rect(driver, chat)["right"] - 1  # beside the answer, not below
        shot(driver, "chat-desktop-source.png")

        # copying the answer gives clean text with the sources written out
        answer.find_elements(By.CSS_SELECTOR, 'button[aria-label="Bericht kopiëren"]')[-1].click()
        copied = wait(driver, lambda d: d.execute_script("return window.__copied"), 10)
        assert "576 jongeren [1]" in copied and f"- [1] {REPORT}" in copied and "juni 2024" in copied
        assert "<span" not in copied and "style=" not in copied and "pmg-" not in copied

        # the original opens at the passage, which is in view and highlighted
        original = panel.find_element(By.CSS_SELECTOR, "a.pmg-open").get_attribute("href")
        chat_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        driver.get(original)
        marked = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#passage mark"), 20)[0]
        assert "576 jongeren" in marked.text
        time.sleep(0.3)
        top = rect(driver, marked)["top"]
        assert 0 <= top < driver.execute_script("return window.innerHeight"), top
        shot(driver, "chat-original-text.png")
        driver.close()
        driver.switch_to.window(chat_tab)

        # the answer is rated helpful, with a remark
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", answer)
        answer.find_element(By.CSS_SELECTOR, 'button[aria-label="Nuttig"]').click()
        wait(driver, lambda d: "beoordeling is bewaard" in d.find_element(By.ID, "pmg-thanks").text, 20)
        remark = wait(driver, lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, "#pmg-remark-text textarea")
                                         if e.is_displayed()], 20)[0]
        remark.send_keys("Precies het aantal dat ik zocht.")
        driver.find_element(By.ID, "pmg-remark-send").click()
        wait(driver, lambda d: "opmerking is bewaard" in d.find_element(By.ID, "pmg-thanks").text, 20)

        # a follow-up question under the answer, made from its passages, is asked by a click and answered
        assert "Vervolgvragen die de documenten beantwoorden" in answer.text
        follow = wait(driver, lambda d: answer.find_elements(By.CSS_SELECTOR, "li.pmg-suggest"), 20)
        asked, before = follow[0].text.strip(), len(driver.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.bot"))
        assert asked.endswith("?") and asked != AJB_QUESTION
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", follow[0])
        follow[0].click()
        followed = wait(driver, lambda d: (bots := d.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.bot"))
                        and len(bots) > before and "Bronnen" in bots[-1].text and bots[-1], 60)
        assert "Uit de documenten" in followed.text
        assert driver.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.user")[-1].text.strip() == asked
        assert driver.find_element(By.ID, "pmg-thanks").text.strip() == ""  # the thanks went with the new question
        shot(driver, "chat-desktop-follow-up.png")

        english = ask(driver, "How many young people were additionally registered for AJB?", "Sources")
        assert "From the documents" in english.text and "June 2024" in english.text
        refusal = ask(driver, "Wat is de hoofdstad van Frankrijk?", "Niet in de documenten")
        wait(driver, lambda d: "Deze vragen beantwoorden de documenten wel" in refusal.text, 20)
        shot(driver, "chat-desktop-refusal.png")
        suggestion = refusal.find_elements(By.CSS_SELECTOR, "li.pmg-suggest")[0]
        asked = suggestion.text.strip()
        before = len(driver.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.bot"))
        suggestion.click()  # a suggested question is asked, and answered
        ask_again = wait(driver, lambda d: (bots := d.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.bot"))
                         and len(bots) > before and "Bronnen" in bots[-1].text and bots[-1], 60)
        assert "Uit de documenten" in ask_again.text
        users = driver.find_elements(By.CSS_SELECTOR, "#pmg-chat .message.user")
        assert users[-1].text.strip() == asked

        # nothing was fetched from outside the server (no CDN)
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert all(url.startswith(live_server) or url.startswith(("data:", "blob:")) for url in resources), resources
    finally:
        close(driver)


def test_phone_one_scroll_and_the_source_below_the_answer(live_server):
    from selenium.webdriver.common.by import By

    driver = browser(phone=True)
    try:
        driver.get(f"{live_server}/")
        wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#pmg-question textarea"))
        time.sleep(1.5)
        assert driver.execute_script("return window.scrollY") == 0  # no autofocus jump to the middle
        chat = driver.find_element(By.ID, "pmg-chat")
        assert rect(driver, chat)["top"] < 330  # header and filters are compact
        shot(driver, "chat-phone-start.png")

        answer = ask(driver, AJB_QUESTION, "Bronnen")
        source = answer.find_element(By.XPATH, ".//li[contains(., 'Rapportage')]")
        line = float(driver.execute_script("return parseFloat(getComputedStyle(arguments[0]).lineHeight)", source))
        assert rect(driver, source)["height"] <= 4.5 * line  # the source line is a few lines, not nine
        mark = open_first_source(driver, answer)
        assert "576 jongeren" in mark.text
        panel = driver.find_element(By.ID, "pmg-passage")
        assert rect(driver, panel)["top"] >= rect(driver, chat)["bottom"] - 1  # a sheet under the answer
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390  # nothing sideways
        inner = driver.execute_script("""return [...document.querySelectorAll('#pmg-chat, #pmg-chat *')].filter(e =>
            ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 2)
            .map(e => e.className)""")
        assert inner == [], inner  # one scroll: the page's, none inside the chat
        time.sleep(0.8)
        shot(driver, "chat-phone-source.png")
    finally:
        close(driver)
