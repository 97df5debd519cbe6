"""The Gradio chat of the real server: through `gradio_client`, and once in a real headless Chromium."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.ui.conftest import AJB_QUESTION, REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPORT = "Rapportage Preventie met Gezag"


@pytest.fixture(scope="module")
def gradio(live_server):
    from gradio_client import Client

    return Client(f"{live_server}/", verbose=False)


def last_text(chat: list[dict]) -> str:
    content = chat[-1]["content"]
    return content if isinstance(content, str) else "".join(p.get("text", "") for p in content)


def test_ask_shows_answer_and_sources(gradio):
    chat, sources, _passage, box = gradio.predict(AJB_QUESTION, api_name="/ask")
    assert chat[0]["role"] == "user" and chat[-1]["role"] == "assistant"
    text = last_text(chat)
    assert "576" in text and "Uit de documenten" in text
    assert "**Bronnen**" in text and f"[1] {REPORT}" in text
    assert sources["choices"][0][1] == "1"
    assert box == ""
    # opening the source shows the quoted passage, highlighted, in its surrounding text
    passage = gradio.predict("1", api_name="/open_source")
    assert "<mark>" in passage and "576 jongeren" in passage.split("<mark>")[1].split("</mark>")[0]
    assert "Sectie: <strong>Persoonlijke en psychologische ontwikkeling</strong>" in passage


def test_refusal_looks_different(gradio):
    chat, *_ = gradio.predict("Wat is de hoofdstad van Frankrijk?", api_name="/ask")
    text = last_text(chat)
    assert "Niet in de documenten" in text and "**Verwant**" in text and "Bronnen" not in text


def test_user_error_is_a_message(gradio):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=r"the limit is 1000 \(PMG_MAX_QUESTION_CHARS\)"):
        gradio.predict("x" * 1001, api_name="/ask")


def test_examples_by_theme_and_municipality(gradio):
    # the Voorbeelden tab (ui/examples_tab.py; more in test_examples_browser.py): one card per example
    *_, cards, _csv, _md = gradio.predict(theme_v="werk en inkomen", place_v="Arnhem", words_v="", api_name="/examples")
    assert cards.count('class="pmg-card"') == 1 and "Arnhem — Prospect 4 Cash" in cards
    assert f"Bron: {REPORT}" in cards and "Werk en inkomen" in cards


def test_documents_tab(gradio):
    status, kinds, years, table = gradio.predict(api_name="/documents")
    assert status == "1 document in de index."
    assert ["voortgangsrapportage", "voortgangsrapportage"] in kinds["choices"]
    assert table["data"][0][0] == "rapportage-preventie-met-gezag-2024"


@pytest.mark.browser
@pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                    reason="needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)")
def test_chat_in_a_real_browser(live_server):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    profile = tempfile.mkdtemp(prefix="pmg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,1560"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.get(f"{live_server}/")
        box = WebDriverWait(driver, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, "#pmg-question textarea"))
        box.send_keys(AJB_QUESTION)
        box.send_keys(Keys.ENTER)
        chat = WebDriverWait(driver, 60).until(
            lambda d: (el := d.find_element(By.ID, "pmg-chat")) and "Bronnen" in el.text and el)
        assert "576" in chat.text and f"[1] {REPORT}" in chat.text and "Uit de documenten" in chat.text
        # open the source: the quote is highlighted in its passage
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pmg-sources label"))[0].click()
        mark = WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pmg-passage mark"))[0]
        assert "576 jongeren" in mark.text
        # nothing was fetched from outside the server (no CDN)
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert all(url.startswith(live_server) or url.startswith(("data:", "blob:")) for url in resources), resources
        artifacts = REPO / "artifacts"
        artifacts.mkdir(exist_ok=True)
        assert driver.save_screenshot(str(artifacts / "chat.png"))  # docs/chat.png (README) is a copy of a good one
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
