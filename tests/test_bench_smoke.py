"""The floor benchmark's smoke mode (bench/bench_floor.py --smoke): the harness is right.

It seeds 200 complaints into a throwaway SQLite file, serves the project and the bare baseline
with gunicorn, signs in through the real form, fetches every measured page on both sides (each
answer must be 200 with the expected text), files complaints through the 7 steps, verifies the
audit chain both ways, reads the workers' memory and writes the results file; `report.check`
asserts all of it. Speed is not asserted. Deselect with `-m "not bench"`.

On PostgreSQL runs (TEST_DATABASE_URL) it is skipped: the harness would have to empty the
shared test database; `make bench` with BENCH_DATABASE_URL measures PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.bench,
    pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                       reason="the bench smoke seeds its own SQLite file; PostgreSQL is "
                              "measured by `make bench` with BENCH_DATABASE_URL"),
]


def test_smoke_measures_every_page_on_both_sides(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("BENCH_DATABASE_URL", None)  # smoke mode always seeds a throwaway SQLite file
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_floor.py"), "--smoke",
                           "--out", str(out)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["smoke"] is True
    assert results["size"] == 200
    assert results["failures"] == []
    measured = {row["measure"]: row for row in results["rows"]}
    for page in ("complaint list", "proceeding list", "search: a word", "search: a name",
                 "search: a reference", "complaint page", "proceeding page", "My work"):
        assert measured[page]["ratio"] > 0, page
        # a ratio is the project's p95 over the bare p95, as the table says
        expected = measured[page]["project"]["p95_ms"] / measured[page]["bare"]["p95_ms"]
        assert measured[page]["ratio"] == round(expected, 2)
    # the staff statistics JSON of last year, against its absolute target (not a ratio target)
    statistics = measured["statistics of a year"]
    assert statistics["project"]["n"] > 0 and statistics["bare"]["n"] > 0
    assert statistics["target"] == "< 1000 ms"
    assert statistics["met"] == (statistics["project"]["p95_ms"] < 1000)
    # 200 complaints, plus the proceedings' events and the 11 staff accounts' creation
    assert results["verify"]["project"]["events"] == results["verify"]["floor"]["events"]
    assert results["verify"]["project"]["events"] > 200
    assert "| complaint list |" in done.stdout
