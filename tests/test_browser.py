"""A person's view: a real headless Chromium opens `kb serve` and a dossier page, checks what it shows, and
takes screenshots.

Debian's chromium and chromedriver are used (.ci/run installs them); nothing is downloaded at run time.
Without them the tests are skipped locally, saying so, and fail under CI. The screenshots go to
$KB_SCREENSHOT_DIR when set (`KB_SCREENSHOT_DIR=docs uv run pytest tests/test_browser.py` renews the
pictures in docs/), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS, kb

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def _require_chromium() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        return
    message = f"{' and '.join(missing)} missing: apt-get install -y chromium chromium-driver"
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run under CI: {message}")
    pytest.skip(f"browser tests skipped locally: {message}")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1500", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browse")
    path = folder / "kb.db"
    kb("load", ROOT / "seed", CORPUS, "--db", f"sqlite:///{path}")
    return path


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KB_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(database: Path) -> Iterator[str]:
    """`kb serve` as a person starts it, in its own process, until the module's tests are done."""
    _require_chromium()
    port = _free_port()
    kb_command = shutil.which("kb", path=str(Path(sys.executable).parent)) or "kb"
    process = subprocess.Popen([kb_command, "serve", "--db", f"sqlite:///{database}", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if process.poll() is not None:
                pytest.fail(f"kb serve stopped: {process.stdout.read().decode() if process.stdout else ''}")
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("kb serve did not answer within 120 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def visible_text(driver) -> str:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def test_served_agreements_show_names_parties_and_links_to_evidence(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/kb/agreement_overview")
    text = visible_text(browser)
    assert "Protocol amending the Uzbekistan-South Korea agreement on cooperation and mutual assistance" in text
    assert "Iceland-Paraguay agreement on mutual assistance in customs matters" in text
    assert "KR, UZ" in text and "Party countries (ISO codes), joined" in text
    browser.save_screenshot(str(shots / "serve-agreements.png"))
    link = browser.find_element(By.CSS_SELECTOR, 'a.kb-evidence[href*="kind=agreement&id=1"]')
    link.click()
    text = visible_text(browser)
    assert "The evidence for a record" in text
    assert "signs a protocol amending the Uzbekistan-South Korea agreement" in text
    assert "Uzbekistan, Korea boost customs cooperation" in text
    browser.save_screenshot(str(shots / "serve-evidence.png"))


def test_served_article_search(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(f"{server}/kb/article?_search=juice")
    text = visible_text(browser)
    assert "1 row where search matches" in text and "Uzbekistan, Korea boost customs cooperation" in text


def test_dossier_page_shows_the_facts_and_the_chart(browser, database: Path, shots: Path,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "uz-kr.html"
    kb("dossier", "Uzbekistan", "South Korea", "--out", page, "--db", f"sqlite:///{database}")
    browser.get(page.as_uri())
    text = visible_text(browser)
    assert text.startswith("Uzbekistan – South Korea")
    assert "2023-09-22 — Protocol amending the Uzbekistan-South Korea agreement" in text
    assert "Akmalkhuja Mavlonov" in text and "Ko Kwang-hyo" in text
    assert "fruit juice" in text and "250 t a year" in text
    chart = browser.find_element(By.CSS_SELECTOR, "svg.chart")
    assert chart.is_displayed() and chart.size["height"] > 100
    browser.save_screenshot(str(shots / "dossier.png"))
    browser.find_element(By.CSS_SELECTOR, 'sup a[href="#note-1"]').click()
    note = browser.find_element(By.ID, "note-1")
    assert "Uzbekistan’s customs committee chairman Akmalkhuja Mavlonov" in note.text
    assert browser.execute_script("return window.location.hash") == "#note-1"
