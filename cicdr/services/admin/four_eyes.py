"""Four eyes on access to case contents.

An administrator alone must not be able to read cases: creating an account, giving an account a
role, reactivating one, or setting a new password or removing the second factor of one would let
them (or an accomplice) sign in as someone who reads cases, or as another administrator who
approves. So from the web these changes become an `AccessRequest`, and take effect only when
another administrator or the president approves it. Nobody decides a request they made or one
about their own account. The request and the decision are each an audit event.

The command line (`flask cicdr create-user`) and the demo seeding act without a signed-in actor:
they are run by whoever runs the server, and create the first accounts directly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from cicdr.models import AccessRequest, User
from cicdr.models.base import utcnow
from cicdr.services import audit
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import DbSession
from workflows.spec import Role
from workflows.text import N_

# Roles that read case contents, and the administrator, who approves such access.
GUARDED_ROLES = frozenset({Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER, Role.AUDITOR,
                           Role.ADMIN})
DECIDERS = frozenset({Role.ADMIN, Role.PRESIDENT})
WHAT = {"create": N_("a new account"), "role": N_("a new role"), "activate": N_("reactivation"),
        "password": N_("a new password"), "reset_2fa": N_("removal of the second factor")}


def guarded(user: User, role: str | None = None) -> bool:
    """Whether a change to `user` (or giving them `role`) needs a second person's approval."""
    return (role or user.role) in GUARDED_ROLES


def _described(req: AccessRequest) -> dict[str, Any]:
    """What the audit log keeps about a request (never a password or its hash)."""
    shown = {k: v for k, v in req.payload.items() if k != "password_hash"}
    return {"request": req.id, "kind": req.kind, **shown}


def ask(session: DbSession, user: User, actor: Any, kind: str,
        payload: dict[str, Any] | None = None) -> AccessRequest:
    """Record a pending request (audited) in the caller's transaction; no commit.

    Raises InvalidData when the same kind of request for this account already waits."""
    waiting = session.scalar(select(AccessRequest).where(
        AccessRequest.user_id == user.id, AccessRequest.kind == kind,
        AccessRequest.status == "pending"))
    if waiting is not None:
        raise InvalidData({"request": N_("A request for %(what)s for %(email)s already waits "
                                         "for approval.", what=WHAT[kind], email=user.email)})
    req = AccessRequest(user_id=user.id, kind=kind, payload=payload or {}, status="pending",
                        requested_by_id=actor.id)
    session.add(req)
    session.flush()
    audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                 actor=actor, action="request_access", data=_described(req))
    return req


def pending(session: DbSession) -> list[AccessRequest]:
    """Requests waiting for a decision, oldest first."""
    return list(session.scalars(select(AccessRequest).where(AccessRequest.status == "pending")
                                .order_by(AccessRequest.id)))


def pending_for(session: DbSession, user: User) -> list[AccessRequest]:
    """The requests about one account still waiting."""
    return [r for r in pending(session) if r.user_id == user.id]


def _check_decider(req: AccessRequest, actor: Any) -> None:
    if getattr(actor, "role", None) not in DECIDERS or not getattr(actor, "active", False):
        raise InvalidData({"request": N_("Only another administrator or the president decides.")})
    if actor.id in (req.requested_by_id, req.user_id):
        raise InvalidData({"request": N_("Someone else must decide this request: you made it, "
                                         "or it is about your own account.")})
    if req.status != "pending":
        raise InvalidData({"request": N_("This request was already decided.")})


def _apply(session: DbSession, req: AccessRequest) -> None:
    """Make the requested change, and end the account's open sessions."""
    user = req.user
    if req.kind in ("create", "activate"):
        user.active = True
    elif req.kind == "role":
        user.role = req.payload["role"]["new"]
    elif req.kind == "password":
        user.password_hash = req.payload["password_hash"]
    elif req.kind == "reset_2fa":
        user.totp_secret, user.totp_last_step = None, None
    user.end_sessions()


def decide(session: DbSession, req: AccessRequest, actor: Any, *, approve: bool) -> None:
    """Approve (the change takes effect) or refuse a pending request; audited; commits."""
    _check_decider(req, actor)
    try:
        if approve:
            _apply(session, req)
        req.status = "approved" if approve else "refused"
        req.decided_by_id, req.decided_at = actor.id, utcnow()
        if req.kind == "password":
            req.payload = {}  # the hash has done its work; nothing keeps it any longer
        audit.record(session, subject_type="user", subject_id=req.user_id,
                     subject_ref=req.user.email, actor=actor,
                     action="approve_access" if approve else "refuse_access",
                     data={**_described(req), "kind": req.kind,
                           "requested_by": req.requested_by_id})
        session.commit()
    except BaseException:
        session.rollback()
        raise
