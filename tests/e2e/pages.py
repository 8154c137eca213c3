"""Every HTML document the browser tests load, saved as the server sent it, for the W3C Nu
Html Checker (tests/e2e/test_html_validity.py runs it once over all of them, at the end)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError


class PageArchive:
    """Saves the raw body of each document navigation (not the DOM after scripts ran, which
    the browser has already repaired); identical bodies are kept once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.urls: dict[Path, str] = {}  # saved file -> the address it came from
        self._digests: set[str] = set()

    def watch(self, context: Any) -> Any:
        """Save every HTML document `context` loads from now on; returns `context`."""
        context.on("response", self._save)
        return context

    def _save(self, response: Any) -> None:
        if response.request.resource_type != "document" or 300 <= response.status < 400:
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        try:
            body = response.body()
        except PlaywrightError:  # the page was closed or replaced before its body arrived
            return
        digest = hashlib.sha256(body).hexdigest()
        if digest in self._digests:
            return
        self._digests.add(digest)
        url = response.url
        parts = urlsplit(url)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.path}-{parts.query}").strip("-")[:80]
        path = self.folder / f"{len(self.urls):04d}-{slug or 'home'}.html"
        path.write_bytes(body)
        self.urls[path] = f"{response.request.method} {url} ({response.status})"


class WatchedBrowser:
    """The session's Chromium, whose every new context is watched by the page archive."""

    def __init__(self, browser: Any, archive: PageArchive) -> None:
        self._browser, self._archive = browser, archive

    def new_context(self, **kwargs: Any) -> Any:
        return self._archive.watch(self._browser.new_context(**kwargs))

    def new_page(self, **kwargs: Any) -> Any:
        return self.new_context(**kwargs).new_page()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)
