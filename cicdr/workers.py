"""Several server processes must share their rate-limit counters.

Flask-Limiter keeps its counters where `RATELIMIT_STORAGE_URI` says: `memory://` is each process's
own memory, so with N gunicorn workers every limit would be N times what was configured. The
server refuses to start that way: `gunicorn.conf.py` calls `refuse_unshared_limits` before the
workers start.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

MESSAGE = ("Refusing to start {workers} workers with rate limits kept in each worker's memory: "
           "every limit would be {workers} times too high. Set REDIS_URL (for example "
           "redis://127.0.0.1:6379/0) so the workers share their counters, or start one worker.")


def storage_uri(environ: Mapping[str, str]) -> str:
    """Where the rate limits are counted, as `cicdr.config.Config` reads it."""
    return environ.get("REDIS_URL") or "memory://"


def unshared_limits_problem(workers: int, environ: Mapping[str, str]) -> str | None:
    """Why `workers` processes may not start with this environment, or None when they may."""
    if workers > 1 and storage_uri(environ).startswith("memory://"):
        return MESSAGE.format(workers=workers)
    return None


def refuse_unshared_limits(workers: int, environ: Mapping[str, str] | None = None) -> None:
    """Stop the server (SystemExit with the reason) when its workers would not share limits."""
    problem = unshared_limits_problem(workers, os.environ if environ is None else environ)
    if problem:
        raise SystemExit(problem)
