"""Types shared by the services."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, scoped_session

# Services take the session explicitly: a plain Session (tests, threads, CLI) or Flask-SQLAlchemy's
# request-scoped proxy, which forwards every call to the Session of the current context.
DbSession = Session | scoped_session[Any]
