"""The system's own triggers: fired by `flask cicdr tick` (a daily timer) when their guard holds.

A per-respondent system trigger (a decision becoming final, a respondent's prescription) is
fired once for each respondent it is due for."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from cicdr.models import Complaint, Proceeding
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.engine.transition import fire
from workflows import available_triggers, workflow_for
from workflows.respondent import eligible, is_per_respondent
from workflows.tables import LegalTables

WAITING_COMPLAINT_STATES = ("forwarded", "proceeding_opened")


def run_due_triggers(session: DbSession, today: date) -> list[str]:
    """Fire every system trigger whose guard now holds; one transaction per firing."""
    fired: list[str] = []
    proceedings = session.scalars(select(Proceeding).where(
        Proceeding.state.not_in(sorted(workflow_for(Proceeding).terminal)))).all()
    complaints = session.scalars(select(Complaint).where(
        Complaint.state.in_(WAITING_COMPLAINT_STATES))).all()
    subjects: list[Complaint | Proceeding] = [*proceedings, *complaints]
    tables = current_tables(session)
    for subject in subjects:
        actor = SystemActor("tick")
        for option in available_triggers(subject, actor, today, tables=tables):
            if not option.allowed:
                continue
            if is_per_respondent(option.trigger):
                done = _for_each_respondent(session, subject, option.name, actor, today, tables)
                fired += [f"{subject.reference}: {option.name} ({name})" for name in done]
                if done:
                    break
                continue
            try:
                fire(session, subject, option.name, actor, today=today, tables=tables)
            except (TransitionDenied, Conflict):
                continue  # changed meanwhile; the next run sees it again
            fired.append(f"{subject.reference}: {option.name}")
            break  # the state changed: look at this subject again on the next run
    return fired


def _for_each_respondent(session: DbSession, p: Any, trigger: str, actor: SystemActor,
                         today: date, tables: LegalTables) -> list[str]:
    """Fire a per-respondent system trigger (finality, prescription) for every respondent it
    is due for, one transaction each; the names of those it was fired for."""
    done = []
    for r in eligible(p.respondent_facts_on(today), trigger, today):
        try:
            fire(session, p, trigger, actor, today=today, tables=tables, respondent=r.id)
        except (TransitionDenied, InvalidData, Conflict):
            continue  # changed meanwhile; the next run sees it again
        done.append(r.name)
    return done
