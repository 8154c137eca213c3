"""A live server (the real app, CSRF on, same test database) and Debian's Chromium, whose
every page is saved for the W3C checker (pages.py, test_html_validity.py)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from cicdr import create_app
from cicdr.config import TestConfig
from tests.e2e.pages import PageArchive, WatchedBrowser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.browser
AFTER_BROWSER_TESTS = "after_browser_tests"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{AFTER_BROWSER_TESTS}: runs once every other test "
                            "has run (checks what the browser tests saved)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that check the pages the browser tests saved run last, whatever the order."""
    items.sort(key=lambda item: item.get_closest_marker(AFTER_BROWSER_TESTS) is not None)


@pytest.fixture(scope="session")
def page_archive(tmp_path_factory: pytest.TempPathFactory) -> PageArchive:
    return PageArchive(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="session")
def live_app(app: Flask) -> Flask:
    """A second app on the session's database, configured as in production (CSRF on)."""
    config = TestConfig(app.config["SQLALCHEMY_DATABASE_URI"], app.config["BLOB_DIR"])
    config.WTF_CSRF_ENABLED = True
    config.TESTING = False
    return create_app(config)


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(page_archive: PageArchive) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield WatchedBrowser(chromium, page_archive)
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: str, ctx: Any, live_app: Flask) -> Iterator[Any]:
    """A fresh browser context per test, on an emptied database, with clean rate limits."""
    from cicdr.extensions import limiter

    with live_app.app_context():
        limiter.reset()
    context = browser.new_context(base_url=live_server, viewport={"width": 1100, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    # What the Content-Security-Policy refused (an inline style or script): the page would look
    # or work differently for people than its template says.
    refused: list[str] = []
    tab.on("console", lambda m: refused.append(m.text)
           if "Content Security Policy" in m.text else None)
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
    assert refused == [], f"refused by the Content-Security-Policy: {refused}"
