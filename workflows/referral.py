"""The referral (encaminhamento) workflow, domain.md section 3.3: one per outside body and subject.

A referral subject exposes `state`, `body` (`mp`, `igai`, `act`, `erc`, `igsj`, `other`) and
`approved` (a referral to the MP is sent only once the president approved it).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from workflows.engine import Workflow
from workflows.spec import Context, Guard, Role, Start, a_date, choice, text, trigger

OFFICER = Role.OFFICER

BODIES = ("mp", "igai", "act", "erc", "igsj", "other")
# Bodies that receive the disciplinary side of a complaint against a security force.
DISCIPLINARY_BODIES = ("igai", "igsj", "other")
OUTCOMES: dict[str, tuple[str, ...]] = {
    "mp": ("inquiry_opened", "archived", "charged"),
    "igai": ("disciplinary_opened", "archived", "sanctioned"),
}
OTHER_OUTCOMES = ("handled", "declined", "archived")
ALL_OUTCOMES = tuple(dict.fromkeys(
    [o for values in OUTCOMES.values() for o in values] + list(OTHER_OUTCOMES)))
CHANNELS = ("email", "post", "platform", "in_person")


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

approved = Guard(
    "approved",
    lambda c: c.subject.body != "mp" or c.subject.approved,
    "A referral to the Public Prosecutor is sent only after the president approves it.",
)

TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "send", "source": S.draft, "dest": S.sent, "conditions": [approved]},
    {"trigger": "remind", "source": S.sent, "dest": None},
    {"trigger": "acknowledge", "source": S.sent, "dest": S.acknowledged},
    {"trigger": "answer", "source": [S.sent, S.acknowledged], "dest": S.answered},
    {"trigger": "close", "source": S.answered, "dest": S.closed},
]


def _outcome_fits_body(c: Context) -> dict[str, str]:
    allowed = outcomes_for(c.subject.body)
    if c.data.get("outcome") not in allowed:
        return {"outcome": "For this body choose one of: " + ", ".join(allowed) + "."}
    return {}


TRIGGERS = {t.name: t for t in [
    trigger("send", "Send", "Send the referral with its documents.", (OFFICER,),
            a_date("sent_on", "Sent on"), choice("channel", "Channel", CHANNELS),
            stops=("referral_send_mp",), starts=(Start("referral_chaser", from_field="sent_on"),)),
    trigger("remind", "Send a reminder", "No acknowledgement yet: chase the body.", (OFFICER,),
            text("note", "Reminder sent"), stops=("referral_chaser",),
            starts=(Start("referral_chaser"),)),
    trigger("acknowledge", "Record acknowledgement", "The body acknowledged receipt.", (OFFICER,),
            text("external_reference", "Their reference"), stops=("referral_chaser",)),
    trigger("answer", "Record the answer", "The body answered with an outcome.", (OFFICER,),
            choice("outcome", "Outcome", ALL_OUTCOMES, "referral_outcome"),
            a_date("answered_on", "Answered on"), text("answer", "Answer"),
            stops=("referral_chaser",), check_data=_outcome_fits_body),
    trigger("close", "Close", "Nothing more is expected from this body.", (OFFICER,)),
]}

WORKFLOW = Workflow(
    name="referral",
    states=State,
    transitions=TRANSITIONS,
    triggers=TRIGGERS,
    terminal=frozenset({S.closed.value}),
)
