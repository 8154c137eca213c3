"""Follow-up sessions: a complainant signed in to their complaint with reference and code.

The browser keeps only a random token; the server keeps its SHA-256 with the complaint, when the
session started, when it was last used and whether it was revoked. So the session cookie (signed,
not encrypted) never carries the access code, Exit ends the session for good (a copy of the
cookie opens nothing afterwards), and a session idle for `IDLE` ends by itself.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select

from cicdr.models import Complaint, FollowSession
from cicdr.models.base import utcnow
from cicdr.services.core.types import DbSession

IDLE = timedelta(minutes=30)  # a follow-up session ends after 30 minutes without activity
KEEP = timedelta(days=1)  # ended sessions are deleted by `flask cicdr tick` after this


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def start(session: DbSession, complaint: Complaint, now: datetime | None = None) -> str:
    """Open a session on `complaint`; returns the token for the browser; commits."""
    token = secrets.token_urlsafe(32)
    moment = now or utcnow()
    session.add(FollowSession(token_hash=_hash(token), complaint_id=complaint.id,
                              created_at=moment, last_seen_at=moment))
    session.commit()
    return token


def _find(session: DbSession, token: object) -> FollowSession | None:
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    return session.scalar(select(FollowSession).where(FollowSession.token_hash == _hash(token)))


def current(session: DbSession, token: object, now: datetime | None = None) -> Complaint | None:
    """The complaint of a live session (not revoked, not idle too long), noting this use;
    None otherwise. Commits the new last-seen moment."""
    row = _find(session, token)
    moment = now or utcnow()
    if row is None or row.revoked_at is not None or moment - _aware(row.last_seen_at) > IDLE:
        return None
    row.last_seen_at = moment
    session.commit()
    return session.get(Complaint, row.complaint_id)


def revoke(session: DbSession, token: object, now: datetime | None = None) -> bool:
    """End a session for good (Exit); whether there was a live one. Commits."""
    row = _find(session, token)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = now or utcnow()
    session.commit()
    return True


def purge(session: DbSession, now: datetime | None = None) -> int:
    """Delete sessions ended (revoked or idle) more than `KEEP` ago; how many. Commits."""
    cutoff = (now or utcnow()) - KEEP
    result = session.execute(delete(FollowSession).where(or_(
        FollowSession.revoked_at < cutoff, FollowSession.last_seen_at < cutoff - IDLE)))
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
