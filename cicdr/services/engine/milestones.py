"""The dates the statistics count, kept in columns as the workflows move (issue 13).

`stamp` runs inside `effects.apply_effects` for every firing, after the trigger's own effect,
so every way into a state (a trigger, a cascade, the demo) records the same facts:

- a complaint's triage outcome: the outcome state it entered (forwarded, referred_to_prosecutor,
  proceeding_opened, archived) and the day; cleared when it goes back to triage (reopened, the
  prosecutor returned it), because it then has no outcome until the next one;
- a complaint's and a proceeding's closure day: set on entering `closed` (`prescribed` too for a
  proceeding), cleared when the case leaves it (the prosecutor returns the file).

Like every effect it never refuses: it only reads the record and sets columns.
Migration 0013_statistics_columns fills the same columns from the audit log by the same rules.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cicdr.models import Complaint, Proceeding
from workflows import TransitionRecord

TRIAGE_OUTCOMES = frozenset({"forwarded", "referred_to_prosecutor", "proceeding_opened",
                             "archived"})
BACK_TO_TRIAGE = frozenset({"received", "triage", "awaiting_information",
                            "non_opening_proposed"})
ENDED = {"complaint": frozenset({"closed"}), "proceeding": frozenset({"closed", "prescribed"})}


def stamp(subject: Any, record: TransitionRecord, today: date) -> None:
    """Set the statistics columns this firing changes (nothing when it changes none)."""
    if isinstance(subject, Complaint):
        if record.dest != record.source and record.dest in TRIAGE_OUTCOMES:
            subject.triage_outcome, subject.triage_outcome_on = record.dest, today
        elif record.dest in BACK_TO_TRIAGE and record.source not in BACK_TO_TRIAGE:
            subject.triage_outcome = subject.triage_outcome_on = None
    if isinstance(subject, Complaint | Proceeding):
        ended = ENDED[subject.WORKFLOW]
        if record.dest not in ended:
            subject.closed_on = None
        elif record.source not in ended or subject.closed_on is None:
            subject.closed_on = today
