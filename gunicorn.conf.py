"""gunicorn settings read by `gunicorn` started from the project folder (`make serve`).

The server refuses to start several workers without shared rate-limit storage (REDIS_URL):
see cicdr/workers.py. A deployment's own gunicorn configuration should keep this hook.
"""

from typing import Any

from cicdr.workers import refuse_unshared_limits


def on_starting(server: Any) -> None:
    """Before any worker starts: several workers need REDIS_URL."""
    refuse_unshared_limits(int(server.cfg.workers))
