"""Per-client limits that stop attackers and not the public: what counts, and the client key.

- A filing counts only when a complaint was filed (`completed_filing`): a refused or corrected
  form costs nothing, so an association's office filing for several people is not blocked.
- A staff sign-in counts only when the password was wrong (`failed_sign_in`).
- `client_key` names the client for counting the drafts it keeps open, as a keyed hash of its
  address (never the address: nothing of it is stored with a draft).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import current_app, g
from flask_limiter.util import get_remote_address

FILED = "complaint_filed"


def client_key() -> str:
    """HMAC-SHA256 of the client address under the server's secret, 32 hex digits."""
    secret = str(current_app.secret_key or "").encode()
    address = (get_remote_address() or "").encode()
    return hmac.new(secret, b"cicdr-client:" + address, hashlib.sha256).hexdigest()[:32]


def mark_filed() -> None:
    """Note that this request filed a complaint (see `completed_filing`)."""
    setattr(g, FILED, True)


def completed_filing(_response: Any) -> bool:
    return bool(g.get(FILED))


def failed_sign_in(response: Any) -> bool:
    """A refused password is answered 400; a success is a redirect."""
    return int(response.status_code) == 400


def setting(name: str) -> Any:
    """A limit from the configuration, read at request time (tests and operators change it)."""
    return lambda: str(current_app.config[name])
