"""The referral (encaminhamento) workflow, domain.md section 3.3: one per outside body and subject.

A referral subject exposes `state`, `body` (`mp`, `igai`, `act`, `erc`, `igsj`, `other`),
`approved` (the president approved it) and `drafted_by_id` (who drafted it).

Referrals to some bodies leave only with the president's approval (separation of duties: nobody
approves what they drafted). For the MP the approval is the case's own trigger
(`refer_to_prosecutor` on a complaint, `send_to_prosecutor` on a proceeding), because it also moves
the case; for the other bodies that need it (IGAI by default: a letter to the police inspectorate
goes out under the president's signature) it is this workflow's `approve`. Which bodies need it is
configuration: part of the legal tables (`workflows.tables.LegalTables.approval_bodies`, derived
with `with_approval`), which the guards read from their context.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from workflows.defaults import (  # noqa: F401  (names this module always offered)
    BODIES,
    DEFAULT_APPROVAL_BODIES,
    approval_bodies,
)
from workflows.engine import Workflow
from workflows.guards import PROSECUTOR_OUTCOMES
from workflows.spec import Context, Field, Guard, Role, Start, a_date, choice, text, trigger
from workflows.tables import DEFAULT_TABLES, LegalTables
from workflows.text import N_

OFFICER, PRESIDENT = Role.OFFICER, Role.PRESIDENT

# Bodies that receive the disciplinary side of a complaint against a security force.
DISCIPLINARY_BODIES = ("igai", "igsj", "other")
# The MP answers with the coded outcomes the complaint and proceeding store (RGCO arts 38, 40).
OUTCOMES: dict[str, tuple[str, ...]] = {
    "mp": PROSECUTOR_OUTCOMES,
    "igai": ("disciplinary_opened", "archived", "sanctioned"),
}
OTHER_OUTCOMES = ("handled", "declined", "archived")
ALL_OUTCOMES = tuple(dict.fromkeys(
    [o for values in OUTCOMES.values() for o in values] + list(OTHER_OUTCOMES)))
CHANNELS = ("email", "post", "platform", "in_person")


def needs_approval(body: str, *, tables: LegalTables | None = None) -> bool:
    """Whether a referral to `body` leaves only once the president approved it."""
    if tables is None:
        tables = DEFAULT_TABLES
    return tables.needs_approval(body)


def outcomes_for(body: str) -> tuple[str, ...]:
    """The answer codes a body may give."""
    return OUTCOMES.get(body, OTHER_OUTCOMES)


class State(StrEnum):
    """Referral states (domain.md 3.3)."""

    draft = "draft"
    sent = "sent"
    acknowledged = "acknowledged"
    answered = "answered"
    closed = "closed"


S = State

def _approval_reason(c: Context) -> str:
    if c.subject.body == "mp":
        return N_("A referral to the Public Prosecutor is sent only after the president "
                  "approves it, from the complaint or proceeding (approve the referral to the "
                  "prosecutor).")
    return N_("The president must approve this referral before it is sent.")


approved = Guard(
    "approved",
    lambda c: not needs_approval(c.subject.body, tables=c.tables) or c.subject.approved,
    _approval_reason,
)
approvable_here = Guard(
    "approvable_here",
    lambda c: needs_approval(c.subject.body, tables=c.tables) and c.subject.body != "mp",
    lambda c: (N_("The president approves a referral to the Public Prosecutor from the "
                  "complaint or proceeding, because approving it also moves the case.")
               if c.subject.body == "mp" else N_("A referral to this body needs no approval.")),
)
not_yet_approved = Guard(
    "not_yet_approved",
    lambda c: not c.subject.approved,
    N_("This referral is already approved."),
)
not_drafter = Guard(
    "not_drafter",
    lambda c: c.subject.drafted_by_id is None or c.subject.drafted_by_id != c.actor.id,
    N_("You drafted this referral: another person must approve it (separation of duties)."),
)

TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "approve", "source": S.draft, "dest": None,
     "conditions": [approvable_here, not_yet_approved, not_drafter]},
    {"trigger": "send", "source": S.draft, "dest": S.sent, "conditions": [approved]},
    {"trigger": "remind", "source": S.sent, "dest": None},
    {"trigger": "acknowledge", "source": S.sent, "dest": S.acknowledged},
    {"trigger": "answer", "source": [S.sent, S.acknowledged], "dest": S.answered},
    {"trigger": "close", "source": S.answered, "dest": S.closed},
]


def _outcome_fits_body(c: Context) -> dict[str, str]:
    allowed = outcomes_for(c.subject.body)
    if c.data.get("outcome") not in allowed:
        return {"outcome": N_("For this body choose one of: %(choices)s.",
                              choices=", ".join(allowed))}
    return {}


TRIGGERS = {t.name: t for t in [
    trigger("approve", N_("Approve"),
            N_("The president approves the referral; it may then be sent."),
            (PRESIDENT,), text("note", N_("Note"), required=False)),
    trigger("send", N_("Send"), N_("Send the referral with its documents."), (OFFICER,),
            a_date("sent_on", N_("Sent on")), choice("channel", N_("Channel"), CHANNELS),
            Field("documents", "documents", N_("Documents sent"), required=False),
            stops=("referral_send_mp",), starts=(Start("referral_chaser", from_field="sent_on"),)),
    trigger("remind", N_("Send a reminder"), N_("No acknowledgement yet: chase the body."),
            (OFFICER,),
            text("note", N_("Reminder sent")), stops=("referral_chaser",),
            starts=(Start("referral_chaser"),)),
    trigger("acknowledge", N_("Record acknowledgement"), N_("The body acknowledged receipt."),
            (OFFICER,),
            text("external_reference", N_("Their reference"), max_length=100),
            stops=("referral_chaser",)),
    trigger("answer", N_("Record the answer"), N_("The body answered with an outcome."), (OFFICER,),
            choice("outcome", N_("Outcome"), ALL_OUTCOMES, "referral_outcome"),
            a_date("answered_on", N_("Answered on")), text("answer", N_("Answer")),
            stops=("referral_chaser",), check_data=_outcome_fits_body),
    trigger("close", N_("Close"), N_("Nothing more is expected from this body."), (OFFICER,)),
]}

WORKFLOW = Workflow(
    name="referral",
    states=State,
    transitions=TRANSITIONS,
    triggers=TRIGGERS,
    terminal=frozenset({S.closed.value}),
)
