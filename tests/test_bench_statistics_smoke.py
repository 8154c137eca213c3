"""The statistics benchmark's smoke mode (bench/bench_statistics.py --smoke): 2,000 complaints
seeded into a throwaway SQLite file, and the year's statistics count exactly what was written
(total and every district). Speed is not asserted. Deselect with `-m "not bench"`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.bench,
    pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                       reason="the smoke seeds its own SQLite file"),
]


def test_smoke_counts_what_it_seeded() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("BENCH_DATABASE_URL", None)
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_statistics.py"),
                           "--smoke"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-2000:]
    assert "the statistics count 220 (same)" in done.stdout
    assert "statistics bench smoke: OK" in done.stdout
