"""Proceedings driven to a final (and published) decision through the workflow, for the tests
of the public extract and the register of sanctioned persons. Never by setting states."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from cicdr.models import Deadline, Proceeding
from cicdr.services.core.actors import SystemActor
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import PartyData
from tests import factories
from workflows.sanctions import Accessory, ProposedDecision

# Unique markers: a natural person's name must appear nowhere public.
NATURAL_NAME = "Zulmira Quintanilha-Marcador7Q"
COMPANY_NAME = "Hostel Exemplar Lisboa, Lda."

FINE = ProposedDecision("fine", Decimal("2500.00"), (Accessory("public_tenders_ban", 12),))
ADMONITION = ProposedDecision("admonition")
DISMISSAL = ProposedDecision("dismissal")


def company(name: str = COMPANY_NAME) -> PartyData:
    return PartyData(role="respondent", kind="private_legal_person", name=name)


def person(name: str = NATURAL_NAME) -> PartyData:
    return PartyData(role="respondent", kind="natural_person", name=name)


def _day(start: date, n: int) -> date:
    return start + timedelta(days=n)


def decided(session: Any, users: Any, start: date, respondents: list[PartyData],
            decisions: list[ProposedDecision], **complaint: Any) -> Proceeding:
    """A complaint filed on `start`, its proceeding instructed and decided (about 40 days on),
    then notified: the appeal window runs. One decision per respondent, in order. Each
    respondent is accused, answers and is notified of the decision on the same days (their own
    procedure, issue 12, with the same dates)."""
    c = factories.complaint(session, today=start, facts=_day(start, -8), respondents=respondents,
                            **complaint)
    fire(session, c, "start_triage", users.officer, today=_day(start, 1))
    if complaint.get("police"):
        factories.send_disciplinary_referral(session, c, users, today=_day(start, 1))
    fire(session, c, "open_proceeding", users.president, today=_day(start, 2),
         instructor=users.officer.id)
    p = c.proceeding
    assert p is not None
    each = [str(r.id) for r in p.respondents]
    steps: list[tuple[str, int, dict[str, Any]]] = [
        ("start_instruction", 3, {}),
        *(("notify_accusation", 10, {"respondent": rid, "notified_on": _day(start, 10)})
          for rid in each),
        *(("record_defence", 15, {"respondent": rid, "received_on": _day(start, 15),
                                  "summary": "Nega os factos."}) for rid in each),
        ("close_instruction", 20, {}),
        ("submit_report", 25, {"proposal": "Condenação."}),
    ]
    factories.write_accusations(session, p, users.officer, decision=True)
    for trigger, n, data in steps:
        fire(session, p, trigger, users.officer, today=_day(start, n), **data)
    fire(session, p, "decide", users.commissioner, today=_day(start, 40),
         decided_on=_day(start, 39).isoformat(),
         decisions={str(r.id): d for r, d in zip(p.respondents, decisions, strict=True)})
    for rid in each:
        fire(session, p, "notify_decision", users.officer, today=_day(start, 45),
             respondent=rid, notified_on=_day(start, 45).isoformat())
    return p


def final(session: Any, users: Any, start: date, respondents: list[PartyData],
          decisions: list[ProposedDecision], court: str | None = None,
          **complaint: Any) -> Proceeding:
    """`decided`, then final: each respondent's appeal window lapses, or an appeal is lodged
    by each respondent, the file sent 2 days later, the court rules `court` (confirmed,
    altered, annulled) 70 days after the appeal and its ruling is final 30 days later. A
    proceeding of dismissals only, or annulled by the court, closes as it becomes final
    (nothing to publish)."""
    p = decided(session, users, start, respondents, decisions, **complaint)
    if court is None:
        for r in list(p.respondents):
            (appeal,) = [d for d in p.deadlines if d.kind == "appeal" and d.respondent_id == r.id]
            fire(session, p, "become_final", SystemActor("tick"),
                 today=appeal.due_on + timedelta(1), respondent=str(r.id))
        if all(d.outcome == "dismissal" for d in decisions):
            assert p.state == "closed"
            return p
    else:  # each respondent appeals; the file goes to court; the ruling becomes final
        for r, d in zip(list(p.respondents), decisions, strict=True):
            rid = str(r.id)
            fire(session, p, "record_appeal", users.officer, today=_day(start, 50),
                 respondent=rid, lodged_on=_day(start, 50).isoformat())
            fire(session, p, "send_appeal", users.officer, today=_day(start, 52),
                 respondent=rid, sent_on=_day(start, 52).isoformat())
            # `altered`: the court's sanction is the same kind, a fine of the same amount.
            sanction = {"sanction": d.outcome, "amount": d.amount} if court == "altered" else {}
            fire(session, p, "record_court_outcome", users.officer, today=_day(start, 120),
                 respondent=rid, outcome=court, ruled_on=_day(start, 120).isoformat(),
                 **sanction)
            fire(session, p, "court_ruling_final", users.officer, today=_day(start, 150),
                 respondent=rid, final_on=_day(start, 150).isoformat())
        if court in ("annulled", "acquitted"):  # nothing stands: it closes as it is final
            assert p.state == "closed"
            return p
    assert p.state == "final"
    return p


def published(session: Any, users: Any, start: date, respondents: list[PartyData],
              decisions: list[ProposedDecision], court: str | None = None,
              **complaint: Any) -> Proceeding:
    """`final`, then published by an officer 10 days after it became final."""
    p = final(session, users, start, respondents, decisions, court, **complaint)
    on = publication_deadline(p).started_on + timedelta(days=10)
    fire(session, p, "publish", users.officer, today=on, published_on=on.isoformat())
    return p


def publication_deadline(p: Proceeding) -> Deadline:
    """The proceeding's `publication` deadline (started when the decision became final)."""
    (found,) = [d for d in p.deadlines if d.kind == "publication"]
    return found
