"""Retention: finished complaints past their period are anonymised; statistics and the chain
survive; nothing else is touched."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from cicdr.models import Attachment, AuditEvent, Complaint, ComplaintGround, Message, Party
from cicdr.services import audit
from cicdr.services.admin import retention
from cicdr.services.casework.follow_up import send_message
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from tests import factories

YEARS = retention.DEFAULT_YEARS
LATER = date.today() + timedelta(days=366 * 6)  # past the 5 years of an archived complaint
PNG = b"\x89PNG\r\n\x1a\n" + bytes(80)


def statistics(session: Any) -> Counter[tuple[Any, ...]]:
    rows = session.execute(select(Complaint.state, Complaint.context, Complaint.district,
                                  Complaint.origin, Complaint.practice, Complaint.facts_date))
    grounds = session.execute(select(ComplaintGround.ground))
    kinds = session.execute(select(Party.role, Party.kind, Party.security_force))
    return Counter([tuple(r) for r in rows] + [tuple(g) for g in grounds] +
                   [tuple(k) for k in kinds])


@pytest.fixture
def withdrawn(session: Any, app: Flask, users: Any) -> Complaint:
    complaint = factories.complaint(session, police=True)
    digest = BlobStore(app.config["BLOB_DIR"]).put(PNG + b"retention")
    session.add(Attachment(complaint_id=complaint.id, filename="rosto.png",
                           content_type="image/png", size=len(PNG) + 9, sha256=digest,
                           source="complainant"))
    session.commit()
    send_message(session, complaint, "O meu vizinho também viu, chama-se João.")
    fire(session, complaint, "withdraw", ComplainantActor(complaint.reference))
    fire(session, complaint, "start_triage", users.officer)  # the president decides (art. 19)
    fire(session, complaint, "record_no_disciplinary_referral", users.president,
         reason="A IGAI já conhece os factos.")
    fire(session, complaint, "accept_withdrawal", users.president)
    return complaint


def test_a_complaint_past_its_retention_is_anonymised(session: Any, app: Flask,
                                                      withdrawn: Complaint) -> None:
    still_open = factories.complaint(session)
    before = statistics(session)
    assert retention.due(session, date.today(), YEARS) == []  # not yet
    (item,) = retention.due(session, LATER, YEARS)
    assert (item.complaint.id, item.outcome) == (withdrawn.id, "archived")

    store = BlobStore(app.config["BLOB_DIR"])
    digest = session.scalar(select(Attachment.sha256).where(
        Attachment.complaint_id == withdrawn.id))
    counts = retention.anonymise(session, item, store, YEARS)
    assert counts["files"] == 1 and counts["messages"] == 1

    session.expire_all()
    c = session.get(Complaint, withdrawn.id)
    assert c.description == retention.GONE and c.place is None and c.anonymised_at
    assert c.access_code_hash is None
    for party in c.parties:
        assert party.name in (None, retention.GONE)
        assert (party.email, party.phone, party.address, party.officer_identification) == (
            None, None, None, None)
    assert all(g.expression is None for g in c.grounds)
    assert {m.body for m in session.scalars(select(Message).where(
        Message.complaint_id == c.id))} == {retention.GONE}
    assert not store.path(digest).exists()
    assert statistics(session) == before  # the counts by state, place, ground... are unchanged
    assert audit.verify(session).ok
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "anonymise"))
    assert event.subject_ref == c.reference and event.actor_label == "system (retention)"
    assert "João" not in event.data and "vizinho" not in event.data
    other = session.get(Complaint, still_open.id)
    assert other.description != retention.GONE and other.anonymised_at is None
    assert retention.due(session, LATER, YEARS) == []  # done once


def test_an_open_complaint_is_never_due(session: Any) -> None:
    factories.complaint(session)
    assert retention.due(session, LATER + timedelta(days=3650), YEARS) == []


def test_the_period_depends_on_the_outcome(session: Any, withdrawn: Complaint) -> None:
    years = retention.parse_years("archived=8")
    assert retention.due(session, LATER, years) == []
    with pytest.raises(ValueError, match="not understood"):
        retention.parse_years("kept=3")


def test_the_command_lists_then_applies(app: Flask, session: Any, withdrawn: Complaint) -> None:
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["cicdr", "retention", "--today", LATER.isoformat()])
    assert listed.exit_code == 0 and withdrawn.reference in listed.output
    assert "1 complaint(s) due" in listed.output
    session.expire_all()
    assert session.get(Complaint, withdrawn.id).anonymised_at is None  # a dry run changes nothing
    applied = runner.invoke(args=["cicdr", "retention", "--apply", "--today",
                                  LATER.isoformat()])
    assert applied.exit_code == 0 and "1 complaint(s) anonymised" in applied.output
    session.expire_all()
    assert session.get(Complaint, withdrawn.id).anonymised_at is not None


def test_letters_on_the_referrals_and_the_proceeding_go_with_the_last_complaint(
        session: Any, app: Flask, users: Any) -> None:
    """Generated letters sit on referrals and proceedings and may name the complainant."""
    from cicdr.services.casework.referrals import draft_referral
    from workflows.sanctions import ProposedDecision

    c = factories.complaint(session, police=True)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    referral = draft_referral(session, c, body="igai", purpose="disciplinary",
                              actor=users.officer, summary="Conduta de agente.")
    fire(session, referral, "approve", users.president, today=date(2026, 3, 11))
    fire(session, referral, "send", users.officer, today=date(2026, 3, 11),
         sent_on="2026-03-11", channel="email")
    fire(session, c, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    p = c.proceeding
    store = BlobStore(app.config["BLOB_DIR"])
    for owner in ({"referral_id": referral.id}, {"proceeding_id": p.id}):
        digest = store.put(PNG + str(owner).encode())
        session.add(Attachment(filename="carta-maria-silva.pdf", content_type="application/pdf",
                               size=10, sha256=digest, source="generated", **owner))
    session.commit()
    for trig, actor, day, data in [
            ("start_instruction", users.officer, date(2026, 3, 13), {}),
            # Closing without an accusation needs its reason (issue 12): only a dismissal follows.
            ("close_instruction", users.officer, date(2026, 3, 14), {"reason": "Sem prova."}),
            ("submit_report", users.officer, date(2026, 3, 15), {"proposal": "Arquivar."}),
            ("decide", users.commissioner, date(2026, 3, 16), {
                "decided_on": "2026-03-16",
                "decisions": {str(p.respondents[0].id): ProposedDecision("dismissal")}}),
            ("notify_decision", users.officer, date(2026, 3, 17), {"notified_on": "2026-03-17"}),
            # The dismissal becomes final (appeal term: Tue 17 Mar + 20 working days, Good
            # Friday 3 Apr skipped = Wed 15 Apr) and, nothing to publish, the proceeding closes
            # with it (issue 12: its state summarises its respondents).
            ("become_final", retention.SystemActor("tick"), date(2026, 5, 2), {})]:
        fire(session, p, trig, actor, today=day, **data)
    assert c.state == "closed"
    (item,) = retention.due(session, LATER, YEARS)
    counts = retention.anonymise(session, item, store, YEARS)
    assert counts["files"] == 2
    names = set(session.scalars(select(Attachment.filename)))
    assert not any("maria" in n for n in names)
    assert audit.verify(session).ok
