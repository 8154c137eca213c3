"""Which procedural events interrupt, and which causes suspend, the procedure's prescription.

`workflows.prescription` computes from dates; this module says which dates those are, so the
application picks them from a respondent's procedure the same way everywhere (RGCO art. 28(1)
for interruptions, art. 27-A for suspensions; domain.md section 4).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

Scope = Literal["respondent", "proceeding"]


@dataclass(frozen=True)
class Interrupting:
    """A kind of event that starts a new prescription period on its date."""

    basis: str  # the rule of law
    scope: Scope  # `respondent`: only the one it concerns; `proceeding`: every respondent
    what: str


INTERRUPTING_EVENTS: Mapping[str, Interrupting] = MappingProxyType({
    "notification": Interrupting(
        "RGCO art. 28(1)(a)", "respondent",
        "Any communication to the respondent of an order, decision or measure taken against "
        "them, or any other notification to them."),
    "accusation_notified": Interrupting(
        "RGCO art. 28(1)(a) and (c)", "respondent",
        "Notification of the accusation to the respondent, to exercise the right of defence."),
    "defence_statement": Interrupting(
        "RGCO art. 28(1)(c)", "respondent",
        "The respondent's statements in the exercise of the right of defence."),
    "evidence_step": Interrupting(
        "RGCO art. 28(1)(b)", "proceeding",
        "Any evidence step (hearing, inspection, examination, a request for information or for "
        "assistance to a police or administrative authority): for every respondent."),
    "decision": Interrupting(
        "RGCO art. 28(1)(d)", "respondent",
        "The authority's decision applying a fine to the respondent (an admonition or a "
        "dismissal interrupts when notified, under (a))."),
    "decision_notified": Interrupting(
        "RGCO art. 28(1)(a)", "respondent",
        "Notification of the decision to the respondent."),
})

# The proceeding workflow's triggers (workflows/proceeding.py) that are such events.
TRIGGER_EVENTS: Mapping[str, str] = MappingProxyType({
    "request_entity_information": "evidence_step",
    "request_inspection": "evidence_step",
    "record_evidence": "evidence_step",
    "notify_accusation": "accusation_notified",
    "record_defence": "defence_statement",
    "decide": "decision",
    "notify_decision": "decision_notified",
})

# The causes that suspend prescription, each for at most 6 months (art. 27-A(2)): the app
# passes the first as `suspensions`, the second as `court_suspensions`.
SUSPENSION_CAUSES: Mapping[str, str] = MappingProxyType({
    "prosecutor": "RGCO art. 27-A(1)(b): from sending the file to the prosecutor until it is "
                  "returned (art. 40); at most 6 months.",
    "court": "RGCO art. 27-A(1)(c): from the notification of the order admitting the judicial "
             "appeal until the court's final decision; at most 6 months.",
})


def interrupting(code: str) -> Interrupting | None:
    """The interruption an event code (or a trigger of TRIGGER_EVENTS) is, or None."""
    return INTERRUPTING_EVENTS.get(TRIGGER_EVENTS.get(code, code))


def interruption_dates(events: Iterable[tuple[str, date, Hashable | None]],
                       respondent: Hashable) -> list[date]:
    """The dates, in order, that interrupt `respondent`'s prescription among `events`.

    Each event is `(code, day, concerns)`: `code` an INTERRUPTING_EVENTS key or a trigger of
    TRIGGER_EVENTS (any other code does not interrupt and is skipped); `concerns` the
    respondent it concerns (any id) or None for all of them. An event counts when its scope is
    the proceeding (an evidence step interrupts for every respondent), or it concerns
    `respondent`, or it concerns no one in particular (None: e.g. one accusation notified to
    every respondent on one day, as recorded before the per-respondent model). Another
    respondent's defence statement or notification does not count.
    """
    dates = []
    for code, day, concerns in events:
        kind = interrupting(code)
        if kind is not None and (kind.scope == "proceeding" or concerns is None
                                 or concerns == respondent):
            dates.append(day)
    return sorted(dates)
