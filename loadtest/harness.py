"""The load test's machinery: a throwaway database, gunicorn with the deployment config, the
faults (SIGKILL a worker, restart PostgreSQL) and the results table. Loopback only."""

from __future__ import annotations

import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
RAISED = "1000000 per hour"  # 50 clients share 127.0.0.1: the per-client limits are raised


@contextmanager
def database(server_url: str | None, tmp: Path) -> Iterator[str]:
    """A new, empty database: created on the PostgreSQL server and dropped afterwards, or a
    SQLite file under tmp. (cicdr is imported here, not at the top: its Config reads the
    environment that `environment` sets.)"""
    from cicdr.services.admin.backup import scratch_database

    with scratch_database(server_url, tmp / "load.sqlite3", prefix="cicdr_load") as url:
        yield url


def redis_url(given: str | None) -> str | None:
    """The Redis for the limiter: the one given, else the local one when it answers PING."""
    if given:
        return given
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            if conn.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/14"
    except OSError:
        pass
    return None


def environment(url: str, tmp: Path, redis: str | None, workers: int) -> dict[str, str]:
    """The server's environment: the throwaway database and instance, raised limits."""
    env = {"DATABASE_URL": url, "CICDR_INSTANCE": str(tmp / "instance"),
           "CICDR_BLOB_DIR": str(tmp / "instance" / "blobs"), "SECRET_KEY": uuid.uuid4().hex,
           "CICDR_COMPLAINT_LIMIT": RAISED, "CICDR_UPLOAD_LIMIT": RAISED,
           "CICDR_STAFF_LOGIN_LIMIT": RAISED, "CICDR_FOLLOW_UP_LIMIT": RAISED,
           "CICDR_STAFF_CODE_LIMIT": RAISED, "CICDR_COMPLAINT_STEP_LIMIT": RAISED,
           "CICDR_FOLLOW_WRITE_LIMIT": RAISED, "CICDR_DRAFT_CLIENT_LIMIT": "1000000",
           "CICDR_SECURE_COOKIES": "0",  # plain HTTP on loopback
           "GUNICORN_WORKERS": str(workers),
           "GUNICORN_ACCESSLOG": str(tmp / "access.log"),
           "GUNICORN_ERRORLOG": str(tmp / "error.log"), "FLASK_APP": "wsgi.py",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    if redis:
        env["REDIS_URL"] = redis
    return env


@contextmanager
def served(env: dict[str, str], tmp: Path) -> Iterator[tuple[str, int]]:
    """gunicorn with deploy/gunicorn.conf.py on a free loopback port: (base URL, master pid)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "wsgi:app"],
        cwd=ROOT, env={**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, server, tmp)
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait(base: str, server: subprocess.Popen[bytes], tmp: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
            raise RuntimeError(f"gunicorn exited ({server.returncode}): {log[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 s")


def workers_of(master: int) -> list[int]:
    """The gunicorn workers: the master's child processes, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdecimal():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.append(int(entry.name))
    return found


def kill_one_worker(master: int) -> int:
    """SIGKILL one worker mid-load (the master starts another); its pid."""
    victim = random.choice(workers_of(master))  # noqa: S311 (not security)
    os.kill(victim, signal.SIGKILL)
    return victim


def restart_postgres() -> float:
    """Restart the local PostgreSQL cluster; how long the command took (seconds)."""
    tool = shutil.which("pg_ctlcluster")
    if tool is None:
        raise RuntimeError("pg_ctlcluster is not on PATH (Debian's postgresql-common)")
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    start = time.monotonic()
    subprocess.run([tool, "--skip-systemctl-redirect", version, "main", "restart"],  # noqa: S603
                   check=True, capture_output=True)
    return round(time.monotonic() - start, 2)


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return {"cpu": model, "cores": os.cpu_count(), "memory_mb": memory,
            "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version()}


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table."""
    filing, officers, checks = results["filing"], results["officers"], results["checks"]
    errors = {k: v for k, v in filing["statuses"].items() if not k.startswith(("2", "3", "4"))}
    rows = [
        ("Complaints receipted (accepted)", filing["receipts"]),
        ("Requests answered, by status", _counts(filing["statuses"])),
        ("Errors seen by clients (retried)", _counts(errors) or "none"),
        ("Clients that gave up", filing["gave_up"]),
        ("Worker killed (SIGKILL)", results["faults"].get("killed_worker", "-")),
        ("PostgreSQL restart took (s)", results["faults"].get("postgres_restart_seconds", "-")),
        ("/healthz answers during the run", _counts(results["healthz"])),
        ("Healthy again after the faults (s)", results["faults"].get("recovery_seconds")),
        ("Officers' assignments done / refused", f"{officers['successes']} / "
         f"{sum(v for k, v in officers['statuses'].items() if k in ('409', '422'))}"),
        ("Receipts whole (text, file hash)", "yes" if not checks["receipts"] else "NO"),
        ("References distinct and gapless", "yes" if not checks["references"] else "NO"),
        ("Audit chain verifies", f"yes ({checks['events']} events)" if not checks["chain"]
         else "NO"),
        ("No lost update (events = successes)", "yes" if not checks["transitions"] else "NO"),
    ]
    return "| Measure | Result |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))

