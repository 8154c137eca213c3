"""The statistics' dates in columns, set by the engine as cases move, and kept by retention
with every coded field: a year's aggregate is identical before and after retention (issue 13)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from cicdr.models import Complaint, ComplaintGround, Incident
from cicdr.services.admin import retention
from cicdr.services.core.actors import ComplainantActor, SystemActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from tests import factories
from workflows.sanctions import ProposedDecision

LATER = date.today() + timedelta(days=366 * 11)  # past every retention period


def _to_closed_proceeding(session: Any, users: Any, c: Complaint) -> Any:
    """Triage, open a proceeding (12 March), decide (16 March), close it (2 May 2026)."""
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    factories.send_disciplinary_referral(session, c, users)  # the police guard: sent to IGAI
    fire(session, c, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    p = c.proceeding
    for trig, actor, day, data in [
            ("start_instruction", users.officer, date(2026, 3, 13), {}),
            # Closing without an accusation needs its reason (issue 12): only a dismissal follows.
            ("close_instruction", users.officer, date(2026, 3, 14), {"reason": "Sem prova."}),
            ("submit_report", users.officer, date(2026, 3, 15), {"proposal": "Arquivar."}),
            ("decide", users.commissioner, date(2026, 3, 17), {
                "decided_on": "2026-03-16",
                "decisions": {str(p.respondents[0].id): ProposedDecision("dismissal")}}),
            ("notify_decision", users.officer, date(2026, 3, 17), {"notified_on": "2026-03-17"}),
            # The dismissal becomes final (appeal term: Tue 17 Mar + 20 working days, Good
            # Friday 3 Apr skipped = Wed 15 Apr) and, nothing to publish, the proceeding closes
            # with it (issue 12: its state summarises its respondents).
            ("become_final", SystemActor("tick"), date(2026, 5, 2), {})]:
        fire(session, p, trig, actor, today=day, **data)
    return p


def test_the_engine_records_the_triage_outcome_decision_and_closure_days(
        session: Any, users: Any) -> None:
    c = factories.complaint(session, police=True)
    p = _to_closed_proceeding(session, users, c)
    assert (c.triage_outcome, c.triage_outcome_on) == ("proceeding_opened", date(2026, 3, 12))
    assert c.closed_on == date(2026, 5, 2)  # closed by the cascade of its proceeding's end
    assert p.closed_on == date(2026, 5, 2)
    assert [r.decided_on for r in p.respondents] == [date(2026, 3, 16)]  # the decision's date


def test_an_archived_complaint_reopened_has_no_outcome_until_the_next(session: Any,
                                                                      users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "withdraw", ComplainantActor(c.reference), today=date(2026, 3, 12))
    fire(session, c, "accept_withdrawal", users.president, today=date(2026, 3, 12))
    assert (c.state, c.triage_outcome, c.triage_outcome_on) == (
        "archived", "archived", date(2026, 3, 12))
    fire(session, c, "reopen", users.president, today=date(2026, 3, 20), reason="Factos novos.")
    assert (c.state, c.triage_outcome, c.triage_outcome_on) == ("triage", None, None)
    fire(session, c, "forward", users.officer, today=date(2026, 3, 21), body="act",
         reason="Relação laboral.")
    assert (c.triage_outcome, c.triage_outcome_on, c.closed_on) == (
        "forwarded", date(2026, 3, 21), None)


def year_aggregate(session: Any, year: int) -> dict[str, Any]:
    """A small statistic over the coded columns of complaints received in `year`: counts by
    every coded field and date the report reads, plus grounds and incidents."""
    first, last = date(year, 1, 1), date(year + 1, 1, 1)
    received = (Complaint.received_at >= first, Complaint.received_at < last)
    columns = (Complaint.state, Complaint.channel, Complaint.origin, Complaint.district,
               Complaint.context, Complaint.practice, Complaint.victim_kind,
               Complaint.victim_sex, Complaint.expression, Complaint.triage_outcome,
               Complaint.triage_outcome_on, Complaint.closed_on, Complaint.archive_reason,
               Complaint.incident_id)
    rows = session.execute(select(*columns, func.count()).where(*received)
                           .group_by(*columns).order_by(*columns)).all()
    grounds = session.execute(select(ComplaintGround.ground, func.count())
                              .join(Complaint).where(*received)
                              .group_by(ComplaintGround.ground)
                              .order_by(ComplaintGround.ground)).all()
    incidents = session.scalar(select(func.count(func.distinct(Complaint.incident_id)))
                               .where(*received))
    return {"complaints": [tuple(r) for r in rows], "grounds": [tuple(g) for g in grounds],
            "incidents": incidents}


def test_a_years_statistics_are_identical_before_and_after_retention(
        session: Any, app: Flask, users: Any) -> None:
    closed = factories.complaint(session, police=True, victim_kind="individual",
                                 victim_sex="female", expression="black_african_descent")
    _to_closed_proceeding(session, users, closed)
    archived = factories.complaint(session, victim_kind="community", expression="roma")
    fire(session, archived, "withdraw", ComplainantActor(archived.reference),
         today=date(2026, 3, 12))
    fire(session, archived, "accept_withdrawal", users.president, today=date(2026, 3, 12))
    factories.complaint(session, victim_kind="group")  # still open: never anonymised
    incident = Incident(label="O mesmo vídeo")
    closed.incident, archived.incident = incident, incident
    session.commit()
    before = year_aggregate(session, 2026)
    # hand-counted: 3 complaints received in 2026, each on one distinct combination of codes;
    # all three on the factory's one ground; two of them in the one incident
    assert [r[-1] for r in before["complaints"]] == [1, 1, 1]
    assert before["grounds"] == [("racial_ethnic_origin", 3)] and before["incidents"] == 1
    assert ("individual", "female", "black_african_descent", "proceeding_opened",
            date(2026, 3, 12), date(2026, 5, 2)) in [r[6:12] for r in before["complaints"]]

    store = BlobStore(app.config["BLOB_DIR"])
    due = retention.due(session, LATER, retention.DEFAULT_YEARS)
    assert {d.complaint.id for d in due} == {closed.id, archived.id}
    for item in due:
        retention.anonymise(session, item, store, retention.DEFAULT_YEARS)
    session.expire_all()
    assert all(session.get(Complaint, i).anonymised_at for i in (closed.id, archived.id))
    assert session.get(Complaint, archived.id).description == retention.GONE
    assert year_aggregate(session, 2026) == before
