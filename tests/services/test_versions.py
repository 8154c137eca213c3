"""One transition raises a case's version by exactly one (optimistic locking counts firings,
not the flushes a firing happens to make)."""

from __future__ import annotations

from datetime import date
from typing import Any

from cicdr.services.engine.transition import fire
from tests import factories

DAY = date(2026, 3, 11)


def raised_by(session: Any, subject: Any, trigger: str, actor: Any, **data: Any) -> int:
    before = subject.version
    fire(session, subject, trigger, actor, today=DAY, **data)
    session.expire_all()
    return int(subject.version) - before


def test_assign_archive_and_reopen_each_raise_the_version_by_one(session: Any,
                                                                 users: Any) -> None:
    original = factories.complaint(session)  # what the complaint below duplicates
    complaint = factories.complaint(session)
    assert raised_by(session, complaint, "assign", users.officer,
                     assignee=users.officer2.id) == 1
    assert raised_by(session, complaint, "start_triage", users.officer2) == 1
    assert raised_by(session, complaint, "archive", users.officer2,  # an officer: duplicates only
                     reason_code="duplicate", duplicate_of=original.reference) == 1
    assert raised_by(session, complaint, "reopen", users.president, reason="Novos factos.") == 1
    assert raised_by(session, complaint, "request_information", users.officer2,
                     question="Qual a data exata?") == 1

