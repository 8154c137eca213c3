"""The load and fault test's smoke mode (loadtest/load_fault.py --smoke): the harness is right.

A few seconds: complainants file through the real form against gunicorn (deploy config) while
a worker is killed with SIGKILL, then officers race to assign shared cases. Every receipt must
stand for a whole complaint, references gapless, the chain verified, no lost update. On
PostgreSQL (TEST_DATABASE_URL) it creates and drops a database of its own on that server.
Speed is not asserted. Deselect with `-m "not loadtest"`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.loadtest


def test_smoke_loses_nothing_under_load_and_a_killed_worker(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    args = [sys.executable, str(ROOT / "loadtest" / "load_fault.py"), "--smoke", "--out",
            str(out)]
    if os.environ.get("TEST_DATABASE_URL"):
        args += ["--database-url", os.environ["TEST_DATABASE_URL"]]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["failures"] == []
    assert results["filing"]["receipts"] > 0 and results["filing"]["gave_up"] == 0
    assert results["faults"]["killed_worker"] > 0 and results["faults"]["master_alive"]
    assert results["checks"] == {"receipts": [], "references": [], "chain": [],
                                 "events": results["checks"]["events"], "transitions": []}
    assert results["officers"]["successes"] > 0
    assert "| Receipts whole (text, file hash) | yes |" in done.stdout
