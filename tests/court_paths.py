"""A proceeding driven through the engine up to each respondent's notification of the decision,
for the tests of the appeal, the court and the payment (services and browser). Never by setting
states.

The path: a complaint filed Mon 2 March 2026 (facts 20 February 2026); each respondent notified
of the accusation Thu 12 March and answering Mon 16 March; the decision taken Thu 9 April and
notified to each respondent Mon 13 April 2026 (appeal term to Tue 12 May 2026).
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal
from typing import Any

from cicdr.models import Proceeding
from cicdr.services.core.actors import SystemActor
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import PartyData
from tests import factories
from workflows.sanctions import Accessory, ProposedDecision

NOTIFIED = D(2026, 4, 13)
TICK = SystemActor("tick")
FINE_2500 = ProposedDecision("fine", Decimal("2500.00"), (Accessory("public_tenders_ban", 12),))
FINE_1000 = ProposedDecision("fine", Decimal("1000.00"))


def notified(session: Any, users: Any, parties: list[PartyData],
             decisions: list[ProposedDecision]) -> Proceeding:
    """The common path up to each respondent's notification of the decision (13 April)."""
    c = factories.complaint(session, today=D(2026, 3, 2), facts=D(2026, 2, 20),
                            respondents=parties)
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 3))
    fire(session, c, "open_proceeding", users.president, today=D(2026, 3, 4),
         instructor=users.officer.id)
    p = c.proceeding
    assert p is not None
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 5))
    factories.write_accusations(session, p, users.officer, decision=True)  # the letters' texts
    for r in p.respondents:
        fire(session, p, "notify_accusation", users.officer, today=D(2026, 3, 12),
             respondent=str(r.id), notified_on="2026-03-12")
    for r in p.respondents:
        fire(session, p, "record_defence", users.officer, today=D(2026, 3, 16),
             respondent=str(r.id), received_on="2026-03-16", summary="Nega os factos.")
    fire(session, p, "close_instruction", users.officer, today=D(2026, 3, 20))
    fire(session, p, "submit_report", users.officer, today=D(2026, 3, 25), proposal="Condenação.")
    fire(session, p, "decide", users.commissioner, today=D(2026, 4, 10), decided_on="2026-04-09",
         decisions={str(r.id): d for r, d in zip(p.respondents, decisions, strict=True)})
    for r in p.respondents:
        fire(session, p, "notify_decision", users.officer, today=NOTIFIED, respondent=str(r.id),
             notified_on=NOTIFIED.isoformat())
    return p
