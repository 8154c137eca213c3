"""gunicorn configuration for CICDR (`gunicorn -c deploy/gunicorn.conf.py wsgi:app`).

Every value can be overridden from the environment (GUNICORN_*), so the systemd unit and the
load test (`make loadtest`) use this same file.

- Workers: processes, not threads (the application keeps per-request state in contexts). Two
  per core is a good start; with more than one, rate limits must be shared (REDIS_URL).
- Timeouts: a complaint with 50 MB of evidence over a slow line must not be cut off by the
  worker timeout; nginx buffers the upload first (see nginx.conf), so 60 s is generous.
- Forwarded headers: only from the reverse proxy on the same machine (127.0.0.1), so the
  rate limits see the visitor's address and `url_for(_external=True)` says https.
- Access log: no IP address, no query string (a search may hold a name), no user agent: the
  method, the path, the status, the size, the time taken and the request id, which the
  application also puts on its own log lines and nginx on its access log.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then (memory), with jitter so not all at once
max_requests_jitter = 200
limit_request_line = 8190

forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# %(U)s is the path without the query string; %({x-request-id}o)s the id the app answered with.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'

# The application's own lines carry the request id too (cicdr.logs.RequestIdFormatter).
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "app": {"()": "cicdr.logs.RequestIdFormatter"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "app": {"class": "logging.StreamHandler", "formatter": "app",
                "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "access",
                   "stream": "ext://sys.stdout"},
    },
    "root": {"level": "INFO", "handlers": ["app"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["app"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}


def on_starting(server):  # noqa: ANN001, ANN201 - gunicorn's hook signature
    """Before any worker starts: several workers must share their rate limits (REDIS_URL)."""
    from cicdr.workers import refuse_unshared_limits

    refuse_unshared_limits(int(server.cfg.workers))
