"""Every page the browser tests visited is valid HTML: the W3C Nu Html Checker finds 0 errors.

The pages are the raw bodies the server sent (public pages in each language the tests use,
staff pages, forms with errors), saved by tests/e2e/pages.py; this test runs after all of
them and checks them in one run of the checker. The checker is the `vnu-jar` npm package
(package.json; `make test` installs it into node_modules/ when npm is there) run with the
machine's Java (Debian `default-jre-headless`, which .ci/run installs)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cicdr.config import ROOT
from tests.e2e.pages import PageArchive

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.browser, pytest.mark.after_browser_tests]


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is missing: the W3C checker needs it (apt-get install "
                    "default-jre-headless; .ci/run installs it)")
    if not VNU.exists():
        pytest.skip(f"The W3C checker is missing ({VNU.relative_to(ROOT)}): run `npm install` "
                    "(make test does when npm is present)")
    return [java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--errors-only"]


def _errors(command: list[str], files: list[Path]) -> list[dict[str, object]]:
    run = subprocess.run([*command, *map(str, files)], capture_output=True, text=True,
                         check=False)
    if run.returncode not in (0, 1):  # 1: errors found; anything else: it did not run
        pytest.fail(f"The W3C checker failed to run ({run.returncode}): {run.stderr[-2000:]}")
    report = json.loads(run.stderr or run.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_page_the_browser_tests_visited_is_valid_html(page_archive: PageArchive) -> None:
    files = sorted(page_archive.urls)
    if not files:
        pytest.skip("No page was saved: run this with the browser tests (pytest tests/e2e)")
    errors = _errors(_checker(), files)
    by_file = {f.resolve().as_uri(): f for f in files}
    lines = []
    for e in errors:
        url = str(e.get("url", ""))
        saved = by_file.get(url.replace("file:/", "file:///", 1) if url.startswith("file:/")
                            and not url.startswith("file:///") else url)
        where = f"{saved.name} = {page_archive.urls[saved]}" if saved else url
        lines.append(f"{where}, line {e.get('lastLine', '?')}: {e.get('message')}\n"
                     f"    {str(e.get('extract', '')).strip()}")
    assert not lines, (f"{len(lines)} HTML error(s) in {len(files)} pages:\n" + "\n".join(lines))
