"""Several gunicorn workers start only with shared rate-limit storage (REDIS_URL)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cicdr.config import ROOT
from cicdr.workers import unshared_limits_problem

GUNICORN = Path(sys.executable).parent / "gunicorn"


def test_the_rule() -> None:
    assert unshared_limits_problem(1, {}) is None  # one worker: its memory is the only one
    assert "REDIS_URL" in (unshared_limits_problem(2, {}) or "")
    assert unshared_limits_problem(4, {"REDIS_URL": "redis://127.0.0.1:6379/0"}) is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _gunicorn(tmp_path: Path, port: int, **env: str) -> subprocess.Popen[str]:
    environ = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environ.update(CICDR_INSTANCE=str(tmp_path), SECRET_KEY="test-only",
                   DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env)
    return subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(GUNICORN), "--config", "gunicorn.conf.py", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_workers_without_redis_refuse_to_start_with_the_reason(tmp_path: Path) -> None:
    server = _gunicorn(tmp_path, _free_port())
    output, _ = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "Refusing to start 2 workers" in output and "REDIS_URL" in output


def _redis_answers() -> bool:
    if shutil.which("redis-cli") is None:
        return False
    return subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"],  # noqa: S607
                          capture_output=True, text=True, check=False).stdout.strip() == "PONG"


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_two_workers_with_redis_serve(tmp_path: Path) -> None:
    port = _free_port()
    server = _gunicorn(tmp_path, port, REDIS_URL="redis://127.0.0.1:6379/0")
    try:
        for _ in range(100):  # up to 20 seconds for the workers to boot
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as answer:  # noqa: S310
                    assert answer.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
    finally:
        server.terminate()
        server.communicate(timeout=30)
