"""What the HTTP benchmarks share: paths, a free loopback port, a cookie-keeping client and a
migrated, demo-seeded database for a throwaway instance."""

from __future__ import annotations

import http.cookiejar
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def opener() -> urllib.request.OpenerDirector:
    """An HTTP client that keeps its cookies (a browser session)."""
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def prepare(env: dict[str, str]) -> None:
    """Migrations and the demo data for the database `env` points at."""
    for args in (["db", "upgrade"], ["cicdr", "seed-demo"]):
        subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
